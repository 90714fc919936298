// The user's layers drawn through the one render path (issue 12): a categorized layer's class colour where its
// feature is, graduated polygons, draw order, visibility, opacity, labels from a field, the legend.
#include <gtest/gtest.h>

#include <SDL.h>

#include <algorithm>
#include <cstdlib>

#include "geo/io/dataset.h"
#include "viewer/model/i18n.h"
#include "viewer/model/user_style.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"
#include "viewer/render/vector_scene.h"

using namespace viewer;
using geo::P2;

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
    MapRenderer renderer{data};
};
Env& env() {
    static Env* e = new Env();  // lives for the whole test binary (GL context must outlive the renderer)
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);
    return *e;
}

const P2 kCentre{257000, 471500};  // Enschede

// 400 x 400 px at 10 m/px around Enschede, base layers calm, no symbols of the catalogue.
MapView view() {
    MapView v;
    v.cam.w = v.cam.h = 400;
    v.cam.centre = kCentre;
    v.cam.mpp = 10;
    v.layers.labels = v.layers.venues = v.layers.stations = v.layers.places = v.layers.rail = false;
    v.furniture = false;
    return v;
}

P2 to_px(const MapView& v, P2 rd) { return v.cam.to_screen(rd); }

const unsigned char* px(const std::vector<unsigned char>& img, P2 p) {
    return &img[(size_t(p.y) * 400 + size_t(p.x)) * 4];
}

void dump(const std::string& name, const std::vector<unsigned char>& img, int w, int h) {
    if (const char* d = std::getenv("TREKKAART_TEST_DUMP")) write_png_atomic(std::string(d) + "/" + name + ".png", img.data(), w, h);
}

std::vector<unsigned char> render(const MapView& v, int w = 400, int h = 400) {
    std::vector<unsigned char> img;
    EXPECT_TRUE(render_to_rgba(env().renderer, v, img));
    (void)w, (void)h;
    return img;
}

// Three schools and a library as points, field "soort"; two squares with "inwoners".
std::shared_ptr<geo::UserLayer> points_layer() {
    auto l = std::make_shared<geo::UserLayer>();
    l->name = "voorzieningen";
    l->kind = geo::GeomKind::Points;
    l->data.fields = {"naam", "soort"};
    auto add = [&](P2 p, const char* naam, const char* soort) {
        geo::Feature f;
        f.points.push_back(p);
        f.attrs = {{"naam", naam}, {"soort", soort}};
        l->data.features.push_back(f);
    };
    add({256200, 471500}, "Het Stedelijk", "school");
    add({256600, 471000}, "Bibliotheek", "bibliotheek");
    add({257800, 472200}, "De Zuid", "school");
    return l;
}

std::shared_ptr<geo::UserLayer> squares_layer() {
    auto l = std::make_shared<geo::UserLayer>();
    l->name = "wijken";
    l->kind = geo::GeomKind::Polygons;
    l->data.fields = {"wijk", "inwoners"};
    auto sq = [&](P2 c, const char* wijk, const char* n) {
        geo::Feature f;
        f.polys.push_back({{{{c.x - 300, c.y - 300}, {c.x + 300, c.y - 300}, {c.x + 300, c.y + 300}, {c.x - 300, c.y + 300}}}});
        f.attrs = {{"wijk", wijk}, {"inwoners", n}};
        l->data.features.push_back(f);
    };
    sq({256300, 472500}, "Noord", "1000");
    sq({257700, 470500}, "Zuid", "9000");
    return l;
}

}  // namespace

TEST(UserLayerRender, CategorizedPointsHaveTheirClassColourWhereTheyAre) {
    MapView v = view();
    UserLayerEntry e{points_layer(), {}, 101};
    e.style.kind = UserStyleKind::Categorized;
    e.style.field = "soort";
    e.style.point_px = 14;
    v.user_layers.push_back(e);
    auto img = render(v);
    dump("user_categorized_points", img, 400, 400);
    const RGBA school = hex(0xE69F00), bieb = hex(0x56B4E9);  // Okabe-Ito 1 and 2, by frequency
    for (const auto& f : e.layer->data.features) {
        const P2 p = to_px(v, f.points[0]);
        const RGBA want = f.get("soort") == "school" ? school : bieb;
        EXPECT_TRUE(same_rgb8(px(img, p), want, 6)) << f.get("naam") << " at " << p.x << "," << p.y << ": "
                                                   << int(px(img, p)[0]) << "," << int(px(img, p)[1]) << ","
                                                   << int(px(img, p)[2]);
    }
    // Hidden: the symbol is gone.
    v.user_layers[0].style.visible = false;
    auto hidden = render(v);
    EXPECT_FALSE(same_rgb8(px(hidden, to_px(v, e.layer->data.features[0].points[0])), school, 30));
}

TEST(UserLayerRender, GraduatedPolygonsDrawOrderAndOpacity) {
    MapView v = view();
    UserLayerEntry g{squares_layer(), {}, 102};
    g.style.kind = UserStyleKind::Graduated;
    g.style.field = "inwoners";
    g.style.classes = 2;
    g.style.method = ClassMethod::EqualInterval;
    v.user_layers.push_back(g);
    auto img = render(v);
    dump("user_graduated_polygons", img, 400, 400);
    const P2 noord = to_px(v, {256300, 472500}), zuid = to_px(v, {257700, 470500});
    EXPECT_TRUE(same_rgb8(px(img, noord), ramp_at(Ramp::Viridis, 0), 4));
    EXPECT_TRUE(same_rgb8(px(img, zuid), ramp_at(Ramp::Viridis, 1), 4));
    // A single-colour layer on top covers Noord; moved below, Noord shows the graduated colour again.
    UserLayerEntry top{squares_layer(), {}, 103};
    top.style.colour = hex(0xD55E00);
    v.user_layers.push_back(top);
    EXPECT_TRUE(same_rgb8(px(render(v), noord), hex(0xD55E00), 4));
    std::swap(v.user_layers[0], v.user_layers[1]);
    EXPECT_TRUE(same_rgb8(px(render(v), noord), ramp_at(Ramp::Viridis, 0), 4));
    // Opacity 0.5 over the base map: halfway between the base colour and the class colour.
    v.user_layers = {g};
    v.user_layers[0].style.opacity = 0;
    auto base = render(v);
    v.user_layers[0].style.opacity = 0.5f;
    auto half = render(v);
    const RGBA c = ramp_at(Ramp::Viridis, 0);
    const unsigned char* b = px(base, noord);
    const unsigned char* h = px(half, noord);
    EXPECT_NEAR(h[0], (b[0] + c.r * 255) / 2, 3);
    EXPECT_NEAR(h[1], (b[1] + c.g * 255) / 2, 3);
    EXPECT_NEAR(h[2], (b[2] + c.b * 255) / 2, 3);
}

TEST(UserLayerRender, LabelsFromAFieldAndTheLegend) {
    MapView v = view();
    v.furniture = true;
    UserLayerEntry e{points_layer(), {}, 104};
    e.style.kind = UserStyleKind::Categorized;
    e.style.field = "soort";
    e.style.label_field = "naam";
    v.user_layers.push_back(e);
    v.cam.w = v.cam.h = 600;
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(env().renderer, v, img));
    dump("user_labels_legend", img, 600, 600);
    int user_labels = 0;
    for (const auto& l : env().renderer.last_labels())
        if (l.kind == 3 && (l.text == "Het Stedelijk" || l.text == "Bibliotheek" || l.text == "De Zuid")) ++user_labels;
    EXPECT_EQ(user_labels, 3);
    // The legend panel (a furniture box) holds the layer's classes: an orange disc for "school", a sky-blue one
    // for "bibliotheek".
    bool orange = false, blue = false;
    for (const LabelBox& b : env().renderer.last_furniture())
        for (int y = std::max(0, int(b.y0)); y < std::min(600, int(b.y1)); ++y)
            for (int x = std::max(0, int(b.x0)); x < std::min(600, int(b.x1)); ++x) {
                orange = orange || same_rgb8(&img[(size_t(y) * 600 + x) * 4], hex(0xE69F00), 3);
                blue = blue || same_rgb8(&img[(size_t(y) * 600 + x) * 4], hex(0x56B4E9), 3);
            }
    EXPECT_TRUE(orange);
    EXPECT_TRUE(blue);
}

namespace {

// Points spread over a rectangle, field "soort" = `soort`; a fixed LCG (the same layer on every machine).
void add_spread(geo::UserLayer& l, int n, P2 lo, P2 hi, const char* soort, uint64_t seed) {
    for (int i = 0; i < n; ++i) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        const double u = double(seed >> 11) / double(1ull << 53);
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        const double v = double(seed >> 11) / double(1ull << 53);
        geo::Feature f;
        f.points.push_back({lo.x + (hi.x - lo.x) * u, lo.y + (hi.y - lo.y) * v});
        f.attrs = {{"soort", soort}};
        l.data.features.push_back(std::move(f));
    }
}

// More points than MapRenderer::kUserSymbolBudget west of Enschede's centre ("veel", the most frequent: orange),
// 25 "school" points at one spot (sky blue) and 20 "bieb" points at another (bluish green), east of it.
const P2 kSchool{258200, 471900}, kBieb{258600, 471000};
std::shared_ptr<geo::UserLayer> dense_layer() {
    auto l = std::make_shared<geo::UserLayer>();
    l->name = "veel punten";
    l->kind = geo::GeomKind::Points;
    l->data.fields = {"soort"};
    add_spread(*l, int(MapRenderer::kUserSymbolBudget) + 5000, {255200, 470000}, {257400, 473000}, "veel", 7);
    add_spread(*l, 25, kSchool, kSchool, "school", 1);
    add_spread(*l, 20, kBieb, kBieb, "bieb", 2);
    l->point_count = l->data.features.size();
    return l;
}

std::shared_ptr<geo::UserLayer> lines_layer() {
    auto l = std::make_shared<geo::UserLayer>();
    l->name = "routes";
    l->kind = geo::GeomKind::Lines;
    l->data.fields = {"naam"};
    geo::Feature f;
    f.lines.push_back({{255000, 470200}, {257000, 471800}, {259000, 471600}});
    f.attrs = {{"naam", "fietsroute"}};
    l->data.features.push_back(f);
    return l;
}

int channels_differing(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b) {
    int n = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) n += std::abs(int(a[i]) - int(b[i])) > 8;
    return n;
}

}  // namespace

// Issue 12 at scale: the user's layers are drawn into the window's pan cache -- a pan by whole pixels shifts the
// picture and draws only the strips, and the result equals a fresh render (polygons, lines, symbols and the
// density raster of a large point layer); every change of a user layer's style redraws the picture.
TEST(UserLayerRender, PanCacheWithUserLayersEqualsAFreshRenderAndRedrawsOnStyleChange) {
    MapView v = view();
    v.cam.w = 420;
    v.cam.h = 300;
    v.cam.mpp = 12;
    UserLayerEntry sq{squares_layer(), {}, 201}, pts{points_layer(), {}, 202}, ln{lines_layer(), {}, 203};
    sq.style.kind = UserStyleKind::Graduated;
    sq.style.field = "inwoners";
    sq.style.classes = 2;
    pts.style.point_px = 12;
    v.user_layers = {sq, ln, pts};
    BaseCache cache;
    auto cached = [&] {
        RenderOptions o;
        o.cache = &cache;
        std::vector<unsigned char> img;
        EXPECT_TRUE(render_to_rgba(env().renderer, v, img, o));
        return img;
    };
    auto same_as_fresh = [&](const std::vector<unsigned char>& got, const std::string& what) {
        std::vector<unsigned char> want;
        ASSERT_TRUE(render_to_rgba(env().renderer, v, want));
        ASSERT_EQ(got.size(), want.size());
        dump("user_pan_cache_" + what, got, v.cam.w, v.cam.h);
        EXPECT_LT(channels_differing(got, want), int(got.size() / 2000)) << what;
    };
    same_as_fresh(cached(), "first");
    EXPECT_EQ(cache.stats.full, 1);
    // The picture holds the user layers: a pan moves them with the base (the school's symbol at its new pixel).
    for (auto [dx, dy] : {std::pair{7, -5}, {-13, 9}, {0, 30}, {-40, 0}, {25, 17}}) {
        v.cam.pan_pixels(dx, dy);
        const auto img = cached();
        same_as_fresh(img, "panned");
        const P2 school = to_px(v, pts.layer->data.features[0].points[0]);
        EXPECT_TRUE(same_rgb8(&img[(size_t(school.y) * 420 + size_t(school.x)) * 4], pts.style.colour, 6));
    }
    EXPECT_EQ(cache.stats.full, 1);
    EXPECT_EQ(cache.stats.reused, 5);
    int full = 1;
    auto changed = [&](const char* what) {
        v.cam.pan_pixels(3, 2);  // and a pan: the change must redraw, not shift
        same_as_fresh(cached(), what);
        EXPECT_EQ(cache.stats.full, ++full) << what << " did not redraw the picture";
    };
    v.user_layers[2].style.colour = hex(0xCC79A7);
    changed("colour");
    v.user_layers[0].style.opacity = 0.4f;
    changed("opacity");
    v.user_layers[1].style.visible = false;
    changed("visibility");
    std::swap(v.user_layers[0], v.user_layers[2]);
    changed("order");
    v.user_layers[0].style.point_px = 20;
    changed("symbol size");
    v.user_layers[2].style.method = ClassMethod::EqualInterval;  // from quantile
    changed("classes");
    v.user_layers.pop_back();
    changed("removed");
    // A large point layer drawn as its density raster pans through the cache too.
    v.user_layers = {UserLayerEntry{dense_layer(), {}, 204}};
    v.user_layers[0].style.kind = UserStyleKind::Categorized;
    v.user_layers[0].style.field = "soort";
    v.cam.centre = {257000, 471500};
    v.cam.mpp = 20;
    changed("density");
    EXPECT_EQ(env().renderer.last_density_layers(), std::vector<int>{204});
    for (auto [dx, dy] : {std::pair{9, -4}, {-30, 11}, {0, -25}}) {
        v.cam.pan_pixels(dx, dy);
        same_as_fresh(cached(), "density_panned");
    }
    EXPECT_EQ(cache.stats.full, full);
}

// Binned into a density raster, the points keep their class colour at their pixel: the 25 schools and the 20
// libraries show sky blue and bluish green where they are (at full opacity: 16 or more points in a cell); the
// legend says "density, N points". Zoomed in to fewer than kUserSymbolBudget points in view: symbols again.
TEST(UserLayerRender, DensityRasterKeepsTheClassColourAtThePointsPixel) {
    MapView v = view();
    v.cam.mpp = 20;  // 8 km: every point in view
    UserLayerEntry e{dense_layer(), {}, 205};
    e.style.kind = UserStyleKind::Categorized;
    e.style.field = "soort";
    v.user_layers = {e};
    auto img = render(v);
    dump("user_density", img, 400, 400);
    ASSERT_EQ(env().renderer.last_density_layers(), std::vector<int>{205});
    const RGBA veel = hex(0xE69F00), school = hex(0x56B4E9), bieb = hex(0x009E73);  // Okabe-Ito by frequency
    // The cell (64 m, 3.2 px) holding a spot may start up to a pixel before the spot's pixel: look 2 px around.
    auto near_spot = [&](const std::vector<unsigned char>& im, P2 rd, RGBA want) {
        const P2 p = to_px(v, rd);
        int n = 0;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) n += same_rgb8(px(im, {p.x + dx, p.y + dy}), want, 6);
        return n;
    };
    EXPECT_GE(near_spot(img, kSchool, school), 4);
    EXPECT_GE(near_spot(img, kBieb, bieb), 4);
    EXPECT_EQ(near_spot(img, kSchool, bieb), 0);
    // In the spread (x 255,300-256,500, y 470,500-472,500): ~21 points per cell, orange at full opacity.
    int orange = 0;
    for (int y = 150; y < 250; ++y)
        for (int x = 115; x < 175; ++x) orange += same_rgb8(&img[(size_t(y) * 400 + size_t(x)) * 4], veel, 6);
    EXPECT_GT(orange, 60 * 100 / 2);
    v.furniture = true;  // the legend
    render(v);
    bool said = false;
    for (const auto& t : env().renderer.last_texts())
        said = said || t.find(std::string(tr("density")) + ", " + format_int(double(e.layer->point_count))) == 0;
    EXPECT_TRUE(said) << "the legend says the layer is drawn as its density";
    // Zoomed in: only the schools in view, drawn as symbols; the school's spot has its colour.
    v.furniture = false;
    v.cam.mpp = 1;
    v.cam.centre = kSchool;
    auto near = render(v);
    EXPECT_TRUE(env().renderer.last_density_layers().empty());
    EXPECT_TRUE(same_rgb8(px(near, {200, 200}), school, 6));
}

// The vector export (MapRenderer::record, PDF/SVG) has the user's layers too: every polygon and line in view at
// full detail, points as symbols in their class colour at their pixel -- or, beyond kUserSymbolBudget in view,
// the same density cells as the window draws.
TEST(UserLayerRender, VectorExportRecordsUserLayers) {
    MapView v = view();
    UserLayerEntry sq{squares_layer(), {}, 206}, pts{points_layer(), {}, 207};
    pts.style.kind = UserStyleKind::Categorized;
    pts.style.field = "soort";
    v.user_layers = {sq, pts};
    const VectorScene sc = env().renderer.record(v);
    int fills = 0, symbols = 0;
    for (const auto& it : sc.items) {
        if (it.cls == "user-layer" && it.kind == VectorItem::Fill) ++fills;
        if (it.cls == "user-symbol" && it.kind == VectorItem::Fill) {
            ++symbols;
            geo::BBox b;
            for (const P2& p : it.rings[0]) b.add(p);
            const P2 want = to_px(v, {256600, 471000});  // the library: sky blue
            if (b.contains(want)) {
                EXPECT_TRUE(it.colour.r == hex(0x56B4E9).r && it.colour.b == hex(0x56B4E9).b);
            }
        }
    }
    EXPECT_EQ(fills, 2);
    EXPECT_EQ(symbols, 3);
    v.user_layers = {UserLayerEntry{dense_layer(), {}, 208}};
    v.cam.mpp = 20;
    int cells = 0;
    for (const auto& it : env().renderer.record(v).items) cells += it.cls == "user-density" ? int(it.rings.size()) : 0;
    EXPECT_GT(cells, 1000);
    EXPECT_EQ(env().renderer.last_density_layers(), std::vector<int>{208});
}
