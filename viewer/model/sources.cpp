#include "viewer/model/sources.h"

#include "viewer/model/i18n.h"

namespace viewer {

std::vector<std::string> data_sources(const geo::Dataset& d) {
    std::vector<std::string> a = {
        tr("Municipal boundaries 2026 and key figures for districts and neighbourhoods 2024: CBS (CC BY 4.0)"),
        tr("Provincial boundaries (BRK) and TOP10NL places: Kadaster/PDOK (CC BY 4.0)"),
        tr("Rail sections and stations 2011: NWB-Spoorwegen, Rijkswaterstaat/ProRail (CC0)"),
        tr("Country boundaries: Natural Earth (public domain)"),
    };
    if (!d.german_places.empty()) a.push_back(tr("German places: GeoNames (CC BY 4.0)"));
    if (!d.venues.empty()) {
        std::string v = tr("Cultural venues: trekkaart catalogue (own compilation)");
        if (d.venue_edits > 0) v += tr(", with ") + std::to_string(d.venue_edits) + tr(" change(s) by the user");
        a.push_back(v);
    }
    return a;
}

std::string data_sources_line(const geo::Dataset& d) {
    std::string s;
    for (const auto& a : data_sources(d)) s += (s.empty() ? "" : "; ") + a;
    return s;
}

}  // namespace viewer
