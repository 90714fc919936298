// Caption panel layout for the presenter (no GL: text is measured): which side of the screen the caption goes,
// how its text wraps, and where the scene camera frames the map beside it.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "viewer/model/labels.h"
#include "viewer/model/scenes.h"
#include "viewer/render/text.h"

namespace viewer {

enum class PanelSide { Bottom, Top, Right, Left };
const char* panel_side_name(PanelSide s);

struct CaptionLayout {
    PanelSide side = PanelSide::Bottom;
    geo::BBox panel;        // screen pixels (y down)
    geo::BBox free;         // the map area not under the panel
    Camera cam;             // the scene camera for this layout
    float inset_bottom = 0; // MapView::inset_bottom (bottom panel: furniture moves above it)
    float title_px = 0, caption_px = 0, small_px = 0, pad = 0, accent_w = 0;
    geo::P2 text_at;        // top-left of the text block
    std::string title, caption, note;  // wrapped ('\n' between lines)
    std::vector<geo::P2> highlights_px;  // highlighted places on screen under cam
    bool live = false;      // issue 14: the note is a live question's figure (drawn in the live colour)
    geo::BBox live_band;    // issue 14: the live question's band (empty when none); map labels keep clear of it
    int violations = 0;     // highlighted places off screen, under the panel or under the legend etc.
};

// Font sizes relative to the screen height (legible from the back of a hall).
constexpr float kCaptionFrac = 0.036f;  // caption em size >= 3.5 % of the screen height
constexpr float kTitleFrac = 0.052f;
constexpr float kSmallFrac = 0.020f;

// Furniture boxes (legend, scale bar, north arrow, attribution) of the map at a camera with a given
// MapView::inset_bottom; the presenter asks the MapRenderer (a 1-pixel render), tests pass fixed boxes.
using FurnitureProbe = std::function<std::vector<LabelBox>(const Camera& cam, float inset_bottom)>;

// Chooses the caption panel: the first of bottom, top, right, left whose layout keeps every highlighted
// place (RD points) on screen, off the panel and off the map furniture; else the side with the fewest
// misses. The scene camera is placed in the free area (see scene_camera).
CaptionLayout layout_caption(const Scene& s, const std::vector<geo::P2>& highlights_rd, int w, int h,
                             const TextRenderer& text, const FurnitureProbe& furniture, Lang lang,
                             const std::string& note = "");

// Greedy word wrap to max_w pixels ('\n' in the input starts a new paragraph).
std::string wrap_text(const std::string& s, float max_w, float size_px, bool bold, const TextRenderer& text);

}  // namespace viewer
