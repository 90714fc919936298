#include "geo/io/venues.h"

#include <set>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/csv.h"

namespace geo {

static const char* kKeys[kCategoryCount] = {"third_place", "pop",       "theatre",  "museum",  "library",
                                            "maker",       "education", "festival", "heritage"};

const char* category_key(Category c) {
    int i = int(c);
    return (i >= 0 && i < kCategoryCount) ? kKeys[i] : "?";
}

bool category_from_key(const std::string& k, Category& out) {
    for (int i = 0; i < kCategoryCount; ++i)
        if (k == kKeys[i]) { out = Category(i); return true; }
    return false;
}

std::vector<Venue> read_venues(const std::string& path) {
    CsvTable t = read_csv(path);
    return venues_from_table(t);
}

std::vector<Venue> parse_venues(const std::string& text, const std::string& path_for_messages) {
    CsvTable t = parse_csv(text, path_for_messages);
    return venues_from_table(t);
}

// Venue rows of a parsed catalogue; DataError naming file, line and column on the first bad row.
std::vector<Venue> venues_from_table(const CsvTable& t) {
    const std::string& path = t.path;
    const int c_id = t.require("id"), c_name = t.require("name"), c_cat = t.require("category"),
              c_gm = t.require("gemeente"), c_lon = t.require("lon"), c_lat = t.require("lat"),
              c_prec = t.require("precision"), c_cap = t.require("capacity"), c_src = t.require("source");
    std::vector<Venue> out;
    std::set<std::string> ids;
    for (const CsvRow& r : t.rows) {
        auto fail = [&](const std::string& col, const std::string& msg) {
            throw DataError(path, "line " + std::to_string(r.line) + ", column '" + col + "': " + msg);
        };
        Venue v;
        v.line = r.line;
        v.id = r.fields[c_id];
        v.name = r.fields[c_name];
        if (v.id.empty()) fail("id", "empty id");
        if (!ids.insert(v.id).second) fail("id", "duplicate id '" + v.id + "'");
        if (v.name.empty()) fail("name", "empty name");
        if (!category_from_key(r.fields[c_cat], v.category)) {
            std::string keys;
            for (auto* k : kKeys) keys += std::string(keys.empty() ? "" : ", ") + k;
            fail("category", "unknown category '" + r.fields[c_cat] + "' (expected one of: " + keys + ")");
        }
        v.gemeente = r.fields[c_gm];
        if (v.gemeente.size() != 6 || v.gemeente.rfind("GM", 0) != 0)
            fail("gemeente", "expected a CBS code like GM0153, got '" + v.gemeente + "'");
        if (!parse_double(r.fields[c_lon], v.lon) || !parse_double(r.fields[c_lat], v.lat))
            fail("lon/lat", "not a number: '" + r.fields[c_lon] + "', '" + r.fields[c_lat] + "'");
        if (v.lon < -180 || v.lon > 180 || v.lat < -90 || v.lat > 90)
            fail("lon/lat", "outside WGS84 range");
        // Twente lies around lon 6.2-7.1, lat 52.0-52.6: swapped axes are a common mistake; say so.
        if (v.lat > 3 && v.lat < 10 && v.lon > 50 && v.lon < 56)
            fail("lon/lat", "looks like latitude and longitude are swapped (lon " + r.fields[c_lon] + ", lat " +
                                r.fields[c_lat] + ")");
        const std::string& prec = r.fields[c_prec];
        if (prec != "exact" && prec != "approximate") fail("precision", "expected 'exact' or 'approximate', got '" + prec + "'");
        v.exact = prec == "exact";
        if (!r.fields[c_cap].empty() && (!parse_double(r.fields[c_cap], v.capacity) || v.capacity < 0))
            fail("capacity", "expected a non-negative number or empty, got '" + r.fields[c_cap] + "'");
        v.source = r.fields[c_src];
        v.pos = wgs84_to_rd(v.lon, v.lat);
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace geo
