#include "viewer/model/venue_text.h"

#include "viewer/model/i18n.h"

namespace viewer {

const std::string& venue_note(const geo::Venue& v) { return by_lang(v.note_nl, v.note_en); }

std::string venue_position_text(const geo::Venue& v) {
    const char* how = v.position_source == "address_point"          ? "address point"
                      : v.position_source == "monument_register"    ? "monument register"
                      : v.position_source == "published_coordinate" ? "published coordinate"
                      : v.position_source == "venue_page"           ? "venue's own page"
                      : v.position_source == "street_estimate"      ? "estimated from the street address"
                      : v.position_source == "place_centroid"       ? "place centroid"
                                                                    : nullptr;
    if (!how) return "";
    std::string s = tr(how);
    if (v.position_error_m > 0) s += ", \u00b1" + format_int(v.position_error_m) + " m";
    return s;
}

std::string category_completeness_note(const geo::CatalogueMeta& meta, geo::Category c) {
    const int i = int(c);
    if (i < 0 || i >= geo::kCategoryCount) return "";
    const geo::CategoryMeta& m = meta[size_t(i)];
    if (!m.known) return "";
    return by_lang(m.note_nl, m.note_en);
}

}  // namespace viewer
