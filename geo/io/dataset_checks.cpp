// Consistency checks between the project's own catalogue and the official boundaries (see dataset.h).
#include <cstdio>

#include "geo/io/dataset.h"

namespace geo {

std::vector<std::string> validate_venues(const Dataset& d, const std::vector<Venue>& venues, const std::string& file) {
    std::vector<std::string> out;
    if (d.twente_count == 0) return out;  // no boundaries loaded: nothing to check against
    for (const Venue& v : venues) {
        char where[96];
        std::snprintf(where, sizeof where, "at lon %.5f, lat %.5f", v.lon, v.lat);
        const std::string head =
            file + (v.line > 0 ? ":" + std::to_string(v.line) : std::string()) + ": venue '" + v.id + "' (" + v.name + ") ";
        const Municipality* in = d.municipality_at(v.pos, true);
        if (!in) {
            const Municipality* other = d.municipality_at(v.pos, false);
            out.push_back(head + where + " lies outside the 14 Twente municipalities" +
                          (other ? " (in " + other->name + ", " + other->code + ")" : std::string()) +
                          "; check its coordinates");
        } else if (in->code != v.gemeente) {
            const Municipality* claimed = d.find_municipality(v.gemeente);
            out.push_back(head + where + " lies in " + in->name + " (" + in->code + "), not in " +
                          (claimed ? claimed->name + " (" + v.gemeente + ")" : v.gemeente) +
                          " as its gemeente column says");
        }
    }
    return out;
}

}  // namespace geo
