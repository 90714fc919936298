// What MapRenderer's layer units (map_renderer.cpp, layer_*.cpp) share within one render() call. Include only
// from those files.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "viewer/render/map_renderer.h"
#include "viewer/render/ui_batch.h"

namespace viewer {

inline void set_view_uniform(GLuint prog, const float v[4]) {
    glUniform4fv(glGetUniformLocation(prog, "u_view"), 1, v);
}
inline void set_color(GLuint prog, RGBA c) { glUniform4f(glGetUniformLocation(prog, "u_color"), c.r, c.g, c.b, c.a); }

// The clear colour. Germany's colour is the backdrop: the region holds only NL and DE, and the precise
// Kadaster/CBS polygons then define the border (the coarse Natural Earth NL outline is not drawn over Germany).
inline RGBA backdrop(const MapView& v) { return v.layers.countries ? base_colours().germany : base_colours().background; }

// One step of the base layers (MapRenderer::base_plan): a fill, the overlay, or a set of lines.
struct BaseOp {
    enum Kind { CountryFill, MuniFill, BuiltUpFill, IndustrialFill, Overlay, Lines } kind = MuniFill;
    size_t index = 0;                   // country / municipality / city-scale area (MapRenderer::AreaFill)
    LineSet set = LineSet::Countries;   // Lines
    RGBA c;
    float width = 0, dash = 0, gap = 0; // Lines, px
};

// Symbol instances (shaders/symbol.*.glsl), 12 floats each: position relative to the origin, size, shape,
// fill and stroke colours.
struct SymbolBatch {
    std::vector<float> v;
    void add(geo::P2 rel, float size, int shape, RGBA fill, RGBA stroke) {
        v.insert(v.end(), {float(rel.x), float(rel.y), size, float(shape), fill.r, fill.g, fill.b, fill.a, stroke.r,
                           stroke.g, stroke.b, stroke.a});
    }
    int count() const { return int(v.size() / 12); }
};

// Issue 12: a user layer's points binned into square cells of `cell` metres, aligned to multiples of it from the
// renderer's origin (so a raster built again elsewhere puts every cell where the last one had it): per cell the
// count and its most frequent class (Boyer-Moore majority vote: exact when one class has more than half of the
// cell's points, else one of the frequent ones). The GL raster (layer_user.cpp) and the vector export share it.
struct DensityGrid {
    double cell = 1;
    geo::P2 origin;
    long cx0 = 0, cy0 = 0;  // the first cell, in cells from the origin
    int w = 0, h = 0;
    std::vector<uint32_t> count, votes;
    std::vector<unsigned char> cls;
    long cell_x(double x) const { return long(std::floor((x - origin.x) / cell)); }
    long cell_y(double y) const { return long(std::floor((y - origin.y) / cell)); }
    void reset(double cell_m, geo::P2 o, long x0, long y0, int nx, int ny) {
        cell = cell_m, origin = o, cx0 = x0, cy0 = y0, w = nx, h = ny;
        count.assign(size_t(w) * size_t(h), 0);
        votes.assign(count.size(), 0);
        cls.assign(count.size(), 0);
    }
    geo::BBox cover() const {
        return {origin.x + cx0 * cell, origin.y + cy0 * cell, origin.x + (cx0 + w) * cell, origin.y + (cy0 + h) * cell};
    }
    void add(geo::P2 p, unsigned char k) {
        const long x = cell_x(p.x) - cx0, y = cell_y(p.y) - cy0;
        if (x < 0 || y < 0 || x >= w || y >= h) return;
        const size_t c = size_t(y) * size_t(w) + size_t(x);
        ++count[c];
        if (votes[c] == 0) cls[c] = k, votes[c] = 1;
        else votes[c] += cls[c] == k ? 1u : uint32_t(-1);
    }
    // The opacity of a cell with n > 0 points (x 255): 0.6 for one, growing with log2 n to 1 from 16 points.
    static unsigned char alpha(uint32_t n) {
        return (unsigned char)std::lround((0.6 + 0.4 * std::min(1.0, std::log2(double(n)) / 4.0)) * 255);
    }
};
// How many of a layer's points in view are still drawn as symbols in a w x h image: one per 150 px (a 9 px symbol
// covers ~80 px: about half the picture when they spread evenly), at most MapRenderer::kUserSymbolBudget.
// Beyond that the points are drawn as a density raster.
inline size_t user_symbol_budget(int w, int h) {
    return std::min(MapRenderer::kUserSymbolBudget, size_t(std::max(0, w)) * size_t(std::max(0, h)) / 150);
}
// The density raster's level for a view: cells of 2^level metres, the smallest that is at least 2 px.
inline int density_level(double mpp, float ui_scale) {
    return std::max(0, int(std::ceil(std::log2(2 * mpp * ui_scale))));
}

// One render: the cameras, the colours chosen for it, and what the layers add to be drawn at the end (symbols,
// furniture geometry and text are laid out in full-image pixels, then shifted by the tile origin).
struct MapRenderer::Frame {
    const MapView& view;
    const RenderOptions& opt;
    const Camera& cam;  // the full image
    Camera tc;          // the tile: same scale, its own centre and size
    int tx = 0, ty = 0, tw = 0, th = 0;
    float vu[4] = {};   // u_view of the map shaders for the tile
    geo::P2 tile_px;    // the tile's top-left corner in the full image
    geo::BBox vb;       // the tile's view in RD
    float s = 1;        // view.ui_scale
    float vpx = 0;      // venue symbol size
    ClassBreaks classes;
    std::vector<RGBA> fill;                  // per municipality (also part of the pan cache's key)
    std::vector<const geo::Venue*> hl;       // highlighted venues
    SymbolBatch sym;
    UiBatch ui;
    struct TextItem { std::string s; geo::P2 at; TextStyle st; Anchor a; };
    std::vector<TextItem> texts;
    float margin = 0;                        // of the furniture from the image edges
    std::vector<LabelBox> venue_boxes;       // issue 13: venue symbols as drawn (labels avoid them)
    UiBatch leaders;                         // issue 13: leaders of displaced symbols, drawn under the symbols
    float legend_right = 0;                  // right edge of the legend panel (0: none)
    float title_bottom = 0;                  // below the title and caption: where the ramp legends start

    Frame(const MapView& v, const RenderOptions& o) : view(v), opt(o), cam(v.cam) {}
    // Map text of `size` (at ui_scale 1) with a halo of `halo` px in the base colours' halo colour.
    TextStyle text_style(float size, RGBA c, bool bold, float halo) const;
};

}  // namespace viewer
