// Heatmap overlays drawn on the GPU: a raster (geo::GridF in EPSG:28992, row 0 north) as a float texture
// (RGBA16: ramp position, contour index, validity; bilinear), coloured by the fragment shader through the ramp's
// control points, with contour lines (isochrones) of constant pixel width (fwidth). Nodata cells (NaN, -inf,
// geo::kNoData) are transparent; +inf cells (beyond a travel-time cut-off) take the ramp's far end colour (the
// colour of values >= vmax) and draw no contour. One texture fetch per pixel: on llvmpipe the fetch is the cost (bench_heatmap).
//
//     Heatmap hm;                        // needs a current GL 3.3 context
//     hm.set_grid(minutes);              // uploads once; style changes never re-upload
//     HeatmapStyle st;
//     st.vmax = 60; st.contours = {10, 15, 20, 30, 45, 60};
//     RenderOptions o;
//     o.overlay = [&](const Camera& c) { hm.draw(c, renderer.origin(), st); };
//     o.ramps.push_back(hm.legend(st, "Reistijd", "minuten"));
//     renderer.render(view, o);
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/core/grid.h"
#include "viewer/model/camera.h"
#include "viewer/model/ramp.h"
#include "viewer/model/style.h"
#include "viewer/render/gl.h"

namespace viewer {

namespace detail {
// What set_grid() does to the surface before packing (exposed for its test): filled[i] is the cell's value, the
// largest finite value for +inf (beyond a cut-off), else the mean of the valid 8-neighbours (0 when none);
// valid[i] is 0 (nodata: NaN, -inf, geo::kNoData), 1 (a value) or 2 (+inf).
void fill_nodata(const geo::GridF& g, std::vector<float>& filled, std::vector<unsigned char>& valid);
}  // namespace detail

class Heatmap {
public:
    Heatmap();  // compiles the program and creates the textures; needs a current GL context
    ~Heatmap();
    Heatmap(const Heatmap&) = delete;
    Heatmap& operator=(const Heatmap&) = delete;

    // Uploads the surface. NaN, -inf and geo::kNoData become transparent, +inf the ramp's far end. Keeps a CPU copy
    // for value_at(). A surface with the same cells and values bit for bit as the one held (a threshold change of a
    // travel-time map: only its figures change) changes nothing: no fill, no pack, the same cache_key.
    void set_grid(const geo::GridF& g);
    void set_grid(geo::GridF&& g);
    bool same_as_shown(const geo::GridF& g) const;
    void clear();
    // Lean (issue 14, the presenter's scene heatmaps: one style per surface): after each pack only the surface and
    // the texture are kept; the filled copy and the validity mask are made again from the surface by the next
    // pack (a style change), with the same texels. Not lean (the window): kept, so that a style change only repacks.
    void set_lean(bool lean);
    bool empty() const { return grid_.v.empty(); }
    // Memory it holds: the CPU side (the surface, its filled copy, the validity mask, the upload buffer) and the
    // texture (RGBA16, as the GL allocates it; llvmpipe keeps it in main memory).
    size_t cpu_bytes() const;
    size_t texture_bytes() const { return size_t(tex_w_) * size_t(tex_h_) * 8; }
    const geo::GridF& grid() const { return grid_; }
    // Value of the cell under an RD point; NaN outside the grid or on nodata, +inf beyond the cut-off.
    float value_at(geo::P2 rd) const;

    // Draws the quad of the grid's extent through the tile camera (same transform as the map's polygons).
    // Call from RenderOptions::overlay; blending must be on (the renderer sets it).
    void draw(const Camera& tile_cam, geo::P2 origin, const HeatmapStyle& st);
    // Identifies what draw() shows with this style: the surface (a counter of set_grid/clear) and every style
    // field. Same key, same pixels -- RenderOptions::overlay_key for the window's pan cache.
    std::string cache_key(const HeatmapStyle& st) const;

    // A legend block for the renderer: the ramp as the style maps it (reversed, log), ticks at round values.
    static RampLegend legend(const HeatmapStyle& st, const std::string& title, const std::string& unit,
                             const std::string& note = "", int decimals = 0, const std::string& beyond = "") {
        return ramp_legend(st, title, unit, note, decimals, beyond);
    }

private:
    geo::GridF grid_;
    std::vector<float> filled_;         // values with nodata cells filled by their neighbours' mean
    std::vector<unsigned char> valid_;  // 0 nodata, 1 value, 2 beyond the cut-off (+inf)
    std::vector<uint16_t> texels_;      // upload buffer of a band of rows, kept unless lean
    static constexpr float kContourLo = -2;  // the contour index's lower end in the texture (see pack())
    GLuint prog_ = 0, vao_ = 0, vbo_ = 0, tex_ = 0;
    int tex_w_ = 0, tex_h_ = 0;
    unsigned long long generation_ = 0;  // counts set_grid() and clear()
    // The texture holds per cell the ramp position and contour index, which depend on these style fields;
    // draw() repacks (one pass + upload) only when they change.
    struct PackKey {
        float vmin = 0, vmax = 0, fill_max = 0;
        bool log_scale = false, banded = false;
        std::vector<float> contours;
        bool operator==(const PackKey&) const = default;
    };
    PackKey key_;
    bool packed_ = false;
    bool lean_ = false;
    void pack(const HeatmapStyle& st);
    void release_pack_buffers();
};

}  // namespace viewer
