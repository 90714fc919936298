// The panels that tell about the map: the info panel of the selected municipality or venue (right edge), the
// tooltip of what the mouse points at, the status bar (cursor position, scale, heatmap value).
#pragma once
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/model/style.h"
#include "viewer/ui/pick.h"

struct ImFont;

namespace viewer {

class AnalysisPanel;  // ui_analysis.h
class VenuePanel;     // venue_panel.h

// The info panel of `selected` (nothing when none): its figures or the venue's details and edit form. Highlights
// it on the map; closing the panel clears selected. The window is appended to rects (window pixels).
// bold: the panels' bold font; dpi: window pixels per ui unit.
void ui_info(const geo::Dataset& data, Pick& selected, MapView& view, VenuePanel& venues, ImFont* bold, float dpi,
             std::vector<geo::BBox>& rects);
// Name and category (venue) or inhabitants (municipality) of what the mouse points at.
void ui_pick_tooltip(const geo::Dataset& data, Pick hovered, ImFont* bold);
// The status bar along the bottom. mouse_px: the cursor in framebuffer pixels (x < 0: not over the window).
// Returns its height (window pixels).
float ui_status_bar(const MapView& view, geo::P2 mouse_px, const AnalysisPanel& analysis, int win_w, int win_h);

}  // namespace viewer
