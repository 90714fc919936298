// One map frame as vector primitives, recorded by MapRenderer::record (layer_vector.cpp) from the same base plan,
// symbols, furniture and label placement as MapRenderer::render, for the PDF and SVG writers
// (viewer/output/vector_export.h). Coordinates are the full image's pixels (y down) at the export's dpi; the
// writers scale them to points. Holds data only; no GL.
#pragma once
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "viewer/model/camera.h"
#include "viewer/model/style.h"

namespace viewer {

struct VectorItem {
    // Fill: closed rings, even-odd. Stroke: polylines (closed rings repeat their first point). Raster: the overlay
    // (heatmap) over the whole image; the writer supplies its pixels. Text: one line of text on its baseline.
    enum Kind { Fill, Stroke, Raster, Text } kind = Fill;
    std::string cls;  // what it is (the SVG class): municipality, country, rail, border, symbol, legend, text, ...
    std::string id;   // the feature (a municipality's CBS code), or ""
    RGBA colour;
    std::vector<std::vector<geo::P2>> rings;  // Fill, Stroke: px
    float width = 0, dash = 0, gap = 0;       // Stroke: px; dash > 0: dashed
    bool round_join = false;                  // Stroke: round joins and caps (symbol outlines), else butt/miter
    // Text (UTF-8, one line): left end of the baseline, em size in px, Noto Sans Regular or Bold, a halo of
    // `halo` px outside the glyphs in halo_colour (0: none).
    std::string text;
    geo::P2 at;
    float size = 0, halo = 0;
    bool bold = false;
    RGBA halo_colour;
};

struct VectorScene {
    int w = 0, h = 0;     // full image, px
    Camera cam;           // the map's camera (w x h)
    RGBA background;      // the clear colour
    std::vector<VectorItem> items;  // in drawing order
    bool has_raster() const {
        for (const auto& i : items)
            if (i.kind == VectorItem::Raster) return true;
        return false;
    }
};

// The outline of a point symbol (shaders/symbol.frag.glsl: 0 circle, 1 square, 2 diamond, 3 triangle, 4 triangle
// down, 5 hexagon, 6 star) of diameter `size` px centred at c (px, y down), as the shader's shapes.
std::vector<geo::P2> symbol_outline(int shape, geo::P2 c, float size);

}  // namespace viewer
