// The user's layers drawn through the one render path (issue 12): a categorized layer's class colour where its
// feature is, graduated polygons, draw order, visibility, opacity, labels from a field, the legend.
#include <gtest/gtest.h>

#include <SDL.h>

#include <algorithm>
#include <cstdlib>

#include "geo/io/dataset.h"
#include "viewer/model/user_style.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"

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
