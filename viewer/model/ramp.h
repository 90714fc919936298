// Colour ramps, heatmap styles and ramp legends: what a heatmap overlay looks like, as data (the GL drawing is
// viewer/render/heatmap.h). Pure: the window, the presenter, exports and tests share one definition.
#pragma once
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "viewer/model/style.h"

namespace viewer {

// Colour ramps. The three sequential ones are perceptually uniform and colour-blind safe (matplotlib's
// viridis/magma, cividis after Nuñez et al. 2018); Diverging runs orange - white - blue (ColorBrewer PuOr's
// oranges and RdBu's blues), readable with the common colour-vision deficiencies.
enum class Ramp { Viridis = 0, Cividis, Magma, Diverging, Count };
const char* ramp_name(Ramp r);          // "viridis", ...
RGBA ramp_at(Ramp r, float t);          // t in [0, 1] (clamped), linear interpolation between the control points
std::vector<RGBA> ramp_colours(Ramp r, int n, bool reverse = false);  // n samples from t = 0 to t = 1

struct HeatmapStyle {
    Ramp ramp = Ramp::Viridis;
    float vmin = 0, vmax = 60;   // values mapped to the ramp ends (clamped beyond)
    bool reverse = false;        // vmin at the ramp's t = 1 end (e.g. short travel times light)
    bool log_scale = false;      // t = log(1 + v - vmin) / log(1 + vmax - vmin), for skewed values (population)
    float opacity = 0.72f;
    // Contour lines at these values (at most kMaxContours), drawn in contour_colour at contour_px (major ones,
    // listed in major_contours, at 1.6x). With banded = true the fill is constant between contours (the colour of
    // each band's middle), like an isochrone map.
    static constexpr int kMaxContours = 8;
    std::vector<float> contours;
    std::vector<float> major_contours;
    RGBA contour_colour = hex(0x1e1c1a, 0.85f);
    float contour_px = 1.1f;
    bool banded = false;
    bool fill = true;            // false: contour lines only
    float fill_max = INFINITY;   // cells above this value get no fill, only contours (e.g. a catchment within T)
    bool linear = true;          // bilinear sampling (smooth contours); false: nearest (cells visible)
    float ui_scale = 1;          // multiplies contour_px (HiDPI, posters)
    bool whole_ticks = false;    // the values are counts (venues within T): legend ticks at whole numbers only
};

// A colour ramp legend block for overlays (heatmaps), drawn by the furniture pass.
struct RampLegend {
    std::string title;                 // e.g. "Reistijd naar dichtstbijzijnde poppodium"
    std::string unit;                  // e.g. "minuten"
    std::vector<RGBA> colours;         // sampled ramp, low -> high
    std::vector<std::pair<float, std::string>> ticks;  // position 0..1 along the ramp, text
    std::string note;                  // e.g. "schatting: geen wegennet geladen"
    // Label of the swatch for cells beyond a cut-off (e.g. "> 90 min"), "" when none. The swatch is part of
    // `colours` (a transparent gap, then the ramp's end colour) and its label the last tick, so a renderer that
    // draws colours and ticks shows it.
    std::string beyond;
    // What cells without colour mean (e.g. "no colour: none within 15 min"), "" when every cell with data is
    // coloured. Measures that draw 0 as no colour (a venue count, an accessibility score, population) say so
    // here; the renderer draws it under the ramp beside an empty swatch.
    std::string none;
};

// A legend block for the renderer: the ramp as the style maps it (reversed, log), ticks at round values whose
// labels all differ (decimals from the tick spacing; `decimals` only for contour ticks that are not whole), the
// unit dropped when the title already says it (legend_unit), and with `beyond` non-empty a swatch for the cells
// beyond the cut-off (+inf), which the heatmap draws in the ramp's end colour.
RampLegend ramp_legend(const HeatmapStyle& st, const std::string& title, const std::string& unit,
                       const std::string& note = "", int decimals = 0, const std::string& beyond = "");
// The unit to show after a legend title: "" when the title already contains it ("Inwoners (inwoners)").
std::string legend_unit(const std::string& title, const std::string& unit);

// Position along the ramp for a value, before reversing (the shader reverses): range, log scale and bands
// (cont: the style's sorted contours). Shared by the legend and the heatmap texture.
float ramp_position(float v, const HeatmapStyle& st, const std::vector<float>& cont);
// The ramp's control points (0xRRGGBB), evenly spaced from t = 0 to t = 1 (the heatmap shader interpolates them).
const std::vector<unsigned>& ramp_points(Ramp r);
// The style's finite contours, sorted, unique, at most kMaxContours.
std::vector<float> sorted_contours(const HeatmapStyle& st);

}  // namespace viewer
