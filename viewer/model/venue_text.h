// Issue 16: the venue texts the map shows in the current language -- the catalogue's Dutch/English notes, how a
// position was obtained, and the catalogue's own word on a category's completeness. Names stay as used locally.
#pragma once
#include <string>

#include "geo/io/venues.h"

namespace viewer {

// The venue's short description in the current language ("" when the catalogue has none).
const std::string& venue_note(const geo::Venue& v);
// "plaatsmiddelpunt, ±800 m" / "place centroid, ±800 m"; "" when the catalogue does not record it.
std::string venue_position_text(const geo::Venue& v);
// The legend's and the figures' note for a category in the current language, e.g. "onvolledig: 3 bekend
// ontbrekend"; "" when the metadata has no row for it or the row has no note.
std::string category_completeness_note(const geo::CatalogueMeta& meta, geo::Category c);

}  // namespace viewer
