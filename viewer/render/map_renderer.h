// The one map render path: the window, --screenshot, tests, export and the CLI all call MapRenderer::render.
// It reads the Dataset and a MapView (style objects hold data and never draw) and draws into the bound
// framebuffer: base layers, choropleth, overlays, rail, border, venue symbols, labels, furniture.
#pragma once
#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/render/gl.h"
#include "viewer/model/labels.h"
#include "viewer/model/ramp.h"
#include "viewer/model/style.h"
#include "viewer/render/text.h"

namespace viewer {

class UiPainter;  // viewer/render/ui_batch.h
struct BaseOp;    // viewer/render/map_layers.h
struct VectorScene;  // viewer/render/vector_scene.h
// The line layers of the base map (MuniOutline: one municipality's outline, the highlight).
// Wijk: TOP10NL wijk boundaries at city scale (issue 13).
enum class LineSet { Countries, Context, Twente, Province, Border, Rail, MuniOutline, Wijk };

// Pan cache of the window (like QGIS's map canvas): the base layers -- background, fills, overlay, lines -- kept as
// a picture of the view plus a margin on every side (issue 15). When the next frame only pans by whole pixels (same
// scale, size, layers, fill colours, highlight and overlay), the frame is a blit of another part of the picture;
// a pan past what the picture holds draws the strips it needs and a margin ahead, so most pan frames draw no map at
// all; venue symbols, labels and furniture are drawn fresh every frame. A full-screen heatmap then costs a blit
// instead of a shader pass per pixel. While zooming in (RenderOptions::moving) the picture is shown magnified (up
// to 2x) until the movement stops. Tiles, exports and multisampled targets draw everything.
struct BaseCache {
    struct Rect {  // px of the picture, y down, [x0, x1) x [y0, y1)
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        bool empty() const { return x1 <= x0 || y1 <= y0; }
        bool contains(const Rect& r) const { return !empty() && r.x0 >= x0 && r.y0 >= y0 && r.x1 <= x1 && r.y1 <= y1; }
        bool overlaps(const Rect& r) const { return !empty() && !r.empty() && r.x0 < x1 && x0 < r.x1 && r.y0 < y1 && y0 < r.y1; }
    };
    // The margin on every side of a w x h view (px): an eighth of its shorter side, 16..160.
    static int margin(int w, int h) { return std::clamp(std::min(w, h) / 8, 16, 160); }
    RenderTarget pic[2];  // ping-pong: a re-centred picture is built from the other one
    int cur = -1;         // pic[cur] holds the base around the view; -1: nothing cached
    Camera cam;           // the picture's camera (the view's scale, the picture's size)
    int view_w = 0, view_h = 0;  // the view it was made for
    Rect valid;           // what pic[cur] holds (the rest of it is not drawn yet)
    Rect src;             // the part of the picture the last frame showed
    std::string key;      // what else the picture depends on (see MapRenderer::draw_base_cached)
    // The last frame showed the picture magnified (RenderOptions::moving): the caller must draw another frame
    // once the movement stops, which redraws it sharp.
    bool interim = false;
    geo::BBox interim_rect;  // where the picture's `src` went on screen (px, y down)
    // Zooming out or flying (moving) with no picture to shift or magnify (issue 15): the base is drawn at half
    // resolution into `low` (a quarter of the pixels; the heatmap's shader pass is such a frame's cost) and shown
    // scaled up; `interim` is set too, so the sharp picture follows once the movement stops.
    RenderTarget low;
    bool low_shown = false;
    // The background and fills of the last full redraw (the layers under the overlay), for the next one when only
    // the overlay, the lines or the user's layers changed (issue 15). below_key: what they depend on, with the
    // picture's camera.
    RenderTarget below;
    std::string below_key;
    Rect below_valid;  // what `below` holds
    bool below_fbo_ok(int w, int h) {
        if (below.w == w && below.h == h) return true;
        below_key.clear();
        return below.create(w, h, 0);
    }
    // reused: frames that showed the picture (a pan), extended: of those, frames that drew strips into it;
    // full: frames that drew the view anew, below_reused: of those, frames that took the fills from `below`.
    struct Stats { int reused = 0, full = 0, interim = 0, low = 0, extended = 0, below_reused = 0; } stats;
    void clear() {
        cur = -1;
        interim = false;
        low_shown = false;
        valid = {};
        below_key.clear();
        below_valid = {};
    }
};

struct RenderOptions {
    // Sub-rectangle of the full image (view.cam.w x view.cam.h) to draw into the bound framebuffer,
    // for tiled poster exports. tile_w == 0: the full image.
    int tile_x = 0, tile_y = 0, tile_w = 0, tile_h = 0;
    bool clear = true;
    // Drawn after the polygon fills and before lines/symbols (heatmap overlays). Gets the tile camera.
    std::function<void(const Camera& tile_cam)> overlay;
    std::string overlay_key;           // what the overlay draws (same key, same pixels); empty: not cacheable
    BaseCache* cache = nullptr;        // the window's pan cache (nullptr: draw everything)
    bool moving = false;               // the view is zooming (wheel, flight): a magnified cached picture will do
    std::vector<RampLegend> ramps;     // extra legend blocks
    float ramp_x = -1, ramp_y = -1;    // top-left of the ramp legends (full-image px); < 0: left margin, under the title
    std::vector<std::string> extra_attribution;  // e.g. the export date, the estimate note
};

class MapRenderer {
public:
    explicit MapRenderer(const geo::Dataset& data);  // uploads geometry; needs a current GL 3.3 context
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    void render(const MapView& view, const RenderOptions& opt = {});
    // The same frame as render() -- same base plan, symbols, furniture and label placement -- as a list of
    // vector primitives in full-image pixels (layer_vector.cpp), for the PDF/SVG writers. No GL calls; the
    // overlay is not drawn but marked (VectorScene::Item::Raster) for the writer to fill in.
    VectorScene record(const MapView& view, const RenderOptions& opt = {});

    // Results of the last render (full-image pixels), for tests and hit testing.
    struct LabelInfo { std::string text; LabelBox box; int kind; };  // kind 0 municipality, 1 place, 2 venue, 3 station, 4 wijk/buurt
    const std::vector<LabelInfo>& last_labels() const { return labels_; }
    const std::vector<LabelBox>& last_furniture() const { return furniture_; }  // legend, scale bar, ...
    // The legend panel and the scale bar of the last render (all zero when not drawn).
    const LabelBox& last_legend_box() const { return legend_box_; }
    const LabelBox& last_scale_bar_box() const { return scale_bar_box_; }
    const std::vector<std::string>& last_texts() const { return texts_; }  // every text run of the last render
    // Venue symbols as drawn (issue 13): members are Dataset::venues indices; merged ones show a count, displaced
    // ones sit off their true position (full-image px). The app's hit test uses them.
    const std::vector<SymbolSpot>& last_venue_spots() const { return venue_spots_; }

    // Issue 12: a user layer's points are drawn as symbols while at most this many are in view, beyond that as a
    // density raster (layer_user.cpp). The ids of the layers the last render drew as density.
    static constexpr size_t kUserSymbolBudget = 30000;
    const std::vector<int>& last_density_layers() const { return density_ids_; }

    TextRenderer& text() { return *text_; }
    geo::P2 origin() const { return origin_; }
    const geo::Dataset& data() const { return data_; }

    // Venue symbol size (diameter, px) at a view scale; the app's hit test uses the same value.
    static float venue_symbol_px(const MapView& v);

private:
    struct Mesh { GLuint vao = 0, vbo = 0; int count = 0; };
    static void upload_triangles(Mesh& m, const std::vector<float>& tri);  // x,y pairs: VAO, buffer, count
    struct FeatureRange { int first = 0, count = 0; };
    FeatureRange append_fill(const geo::MultiPolygon& mp, std::vector<float>& tri) const;
    const geo::Dataset& data_;
    geo::P2 origin_;
    GLuint prog_poly_ = 0, prog_line_ = 0, prog_sym_ = 0;
    Mesh fills_;                             // all polygon triangles
    std::vector<FeatureRange> muni_fill_;    // per municipality
    std::vector<FeatureRange> country_fill_; // per country
    // Line layers at three levels of detail (Douglas-Peucker at 0, 3 and 20 m), chosen so that the
    // simplification error stays under half a pixel.
    struct LodMesh { Mesh lv[3]; };
    LodMesh twente_lines_, context_lines_, province_lines_, border_lines_, rail_lines_, country_lines_;
    LodMesh wijk_lines_;  // issue 13: TOP10NL wijk boundaries, at city scale
    Mesh symbols_;                           // dynamic instance buffer
    std::unique_ptr<UiPainter> ui_;          // furniture geometry
    std::unique_ptr<TextRenderer> text_;
    std::vector<LabelInfo> labels_;
    std::vector<LabelBox> furniture_;
    LabelBox legend_box_, scale_bar_box_;
    std::vector<std::string> texts_;  // the text runs of the last render (tests: what a picture says)
    std::vector<geo::P2> place_label_pos_;  // computed on first use (NaN = not yet)
    // Issue 13: built-up areas (TOP10NL woonkern/deelkern, industriekern) in fills_, and the label points of the
    // wijk and buurt naming areas (computed on first use).
    struct AreaFill { FeatureRange range; geo::BBox bbox; const geo::MultiPolygon* geom = nullptr; };
    std::vector<AreaFill> built_up_fill_, industrial_fill_;  // ranges in city_fills_
    Mesh city_fills_;
    void ensure_city_layers();  // uploads the city-scale geometry on first use
    // Whether a view at scale mpp shows city-scale areas (built-up veils, wijk boundaries): call ensure_city_layers.
    bool city_visible(const MapView& view, double mpp) const;
    std::vector<geo::P2> wijk_label_pos_, buurt_label_pos_;
    std::vector<SymbolSpot> venue_spots_;
    // Per-municipality outline meshes for highlight.
    std::vector<LodMesh> muni_outline_;
    int lod_ = 0;  // level used in the current render

    // The source lines of each LineSet but MuniOutline (full detail), for the vector path.
    std::vector<geo::LineString> cpu_lines_[8];  // by LineSet (MuniOutline unused)
    const LodMesh& line_mesh(LineSet set) const;
    std::vector<BaseOp> base_plan(const MapView& view, bool overlay, const geo::BBox& vb,
                                  const std::vector<RGBA>& fill) const;
    int legend_symbol_count(const MapView& view) const;  // symbols add_legend appended after the map's

    void upload_lines(Mesh& m, const std::vector<geo::LineString>& lines);
    void upload_lines(LodMesh& m, const std::vector<geo::LineString>& lines);
    void draw_lines(const LodMesh& m, RGBA c, float width_px, const float view[4], int vw, int vh, float dash = 0,
                    float gap = 0) {
        draw_lines(m.lv[lod_], c, width_px, view, vw, vh, dash, gap);
    }
    const geo::P2& place_label_pos(size_t i);
    void draw_fill(const FeatureRange& r, RGBA c, const float view[4]);
    static constexpr int kBaseBelow = 1, kBaseAbove = 2, kBaseAll = 3;  // parts of draw_base
    void draw_base(const MapView& view, const RenderOptions& opt, const Camera& tc, const std::vector<RGBA>& fill,
                   int parts = kBaseAll);
    void draw_base_cached(const MapView& view, const RenderOptions& opt, const std::vector<RGBA>& fill,
                          BaseCache& cache);
    void draw_lines(const Mesh& m, RGBA c, float width_px, const float view[4], int vw, int vh, float dash = 0,
                    float gap = 0);

    // render(), layer by layer (map_renderer.cpp, layer_*.cpp); Frame (map_layers.h) is what they share.
    struct Frame;
    LabelOptions frame_label_options(const Frame& f) const;  // viewport, padding, furniture and panels avoided
    void begin_frame(Frame& f);       // the tile camera, level of detail, fill colours
    void draw_base_layers(Frame& f);  // 1-3. background, fills, overlay, lines (layer_base.cpp, with the pan cache)
    void add_map_symbols(Frame& f);   // 4. stations, venues, sites
    void add_furniture(Frame& f);     // 5. title, legends, attribution, scale bar, north arrow (layer_furniture.cpp)
    void add_caption(Frame& f);      //    the caption under the title (exported scenes)
    void add_legend(Frame& f);
    void place_legend(const Frame& f, float w, float h, float& x0, float& y1) const;
    void add_ramp_legends(Frame& f);
    float add_attribution(Frame& f);  // returns the top of it
    void add_scale_bar(Frame& f, float attribution_top);
    void add_north_arrow(Frame& f);
    void add_labels(Frame& f);        // 6. labels (layer_labels.cpp)
    // The user's layers (issue 12, layer_user.cpp): 3b. fills, lines, point symbols or a density raster, drawn
    // with the base layers (inside the pan cache); 6b. their labels.
    struct UserItem;
    struct UserGpu;
    std::shared_ptr<UserGpu> user_gpu_;  // their geometry on the GPU, by layer id
    GLuint prog_user_[4] = {};           // fills, lines, symbols, density (made on first use)
    GLuint empty_vao_ = 0;
    std::string user_key_;               // what the user layers' pixels depend on (part of the pan cache's key)
    std::vector<int> density_ids_;       // layers whose points this frame draws as a density raster
    void prepare_user_layers(Frame& f);  // before the base layers: geometry, classes, symbols or density, key
    void build_user_geometry(UserItem& it, const geo::UserLayer& l);
    void draw_user_layers(const MapView& view, const Camera& tc);  // from draw_base, after its lines
    void draw_user_density(UserItem& it, const Camera& tc, const geo::BBox& q, const float vu[4], float op);
    void add_user_labels(Frame& f);
    // The same into a vector scene (layer_vector.cpp; no GL): every fill, outline and line in view at full detail
    // (simplified to a quarter pixel as the base map's); points as symbols, or the density raster's cells as squares.
    void record_user_layers(Frame& f, VectorScene& sc, double tol);
    void add_venue_symbols(Frame& f); // venues merged or displaced, never hidden (layer_labels.cpp)
    struct LabelCand;
    void place_label_candidates(Frame& f, std::vector<LabelCand>& cands);
    const geo::P2& area_label_pos(bool buurt, size_t i);  // of a wijk or buurt, computed on first use
    void draw_batches(Frame& f);      // symbols, furniture geometry, text
};

// The furniture (legend, scale bar, north arrow, attribution) is laid out by these helpers too.
// A "round" scale-bar length (1, 2, 5 x 10^n metres) not longer than max_m.
double round_scale_length(double max_m);

}  // namespace viewer
