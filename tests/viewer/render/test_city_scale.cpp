// Issue 13: scale-dependent cartography, rendered through the one render path. At city scale built-up areas have
// their quiet fill and neighbourhoods their names; every town above the threshold is labelled (Nijverdal), no name
// twice; venues that would overlap are merged with a count or displaced, never hidden; the Storkhal of scene 3 is
// labelled.
#include <SDL.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "geo/core/types.h"
#include "geo/io/dataset.h"
#include "viewer/model/scenes.h"
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
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);  // other test files make their own contexts current
    return *e;
}

MapView twente_view(int w, int h) {
    MapView v;
    v.cam.w = w;
    v.cam.h = h;
    v.cam.fit(env().data.twente_bbox, 24);
    return v;
}

const unsigned char* px(const std::vector<unsigned char>& img, int w, P2 p) {
    return &img[(size_t(p.y) * w + size_t(p.x)) * 4];
}

// c drawn with its alpha over an opaque `under`.
RGBA over(RGBA c, RGBA under) {
    return {c.r * c.a + under.r * (1 - c.a), c.g * c.a + under.g * (1 - c.a), c.b * c.a + under.b * (1 - c.a), 1};
}

// Pixels of text colour in a label box (darker than every fill of the map: the darkest choropleth class has a red
// channel of 90, the built-up veil over the palest ~200).
int ink(const std::vector<unsigned char>& img, int w, const LabelBox& b) {
    int dark = 0;
    for (int y = int(b.y0) + 1; y < int(b.y1); ++y)
        for (int x = int(b.x0); x < int(b.x1); ++x) dark += px(img, w, {double(x), double(y)})[0] < 140;
    return dark;
}

const geo::Place* place_named(const std::vector<geo::Place>& v, const std::string& name, const std::string& type) {
    for (const auto& p : v)
        if (p.name == name && p.type == type) return &p;
    return nullptr;
}

}  // namespace

TEST(CityScale, EnschedeBuiltUpAreaHasItsFillAndANeighbourhoodNameIsDrawn) {
    Env& e = env();
    MapView v;
    v.cam.w = 1000;
    v.cam.h = 800;
    v.cam.centre = {255800, 469000};
    v.cam.mpp = 10;  // zoom ~13.3: city scale
    ASSERT_TRUE(style_visible(StyleLayer::BuiltUp, v.cam.mpp));
    ASSERT_TRUE(style_visible(StyleLayer::WijkNames, v.cam.mpp));
    v.layers.choropleth = v.layers.rail = v.layers.stations = v.layers.venues = v.layers.outlines = false;
    v.layers.labels = false;
    v.furniture = false;
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    // Inside the Enschede woonkern: the Netherlands' colour under the built-up veil.
    const geo::Place* ens = place_named(e.data.places, "Enschede", "woonkern");
    ASSERT_NE(ens, nullptr);
    const P2 in = geo::label_point(ens->geom);
    ASSERT_TRUE(geo::point_in_multipolygon(ens->geom, in));
    const RGBA nl = base_colours().netherlands, veiled = over(map_style().built_up, nl);
    const unsigned char* p = px(img, v.cam.w, v.cam.to_screen(in));
    EXPECT_TRUE(same_rgb8(p, veiled)) << int(p[0]) << "," << int(p[1]) << "," << int(p[2]);
    EXPECT_FALSE(same_rgb8(p, nl));
    // The Usselo/Boekelo countryside of the same municipality (no built-up area) keeps the plain colour.
    const P2 out{253500, 466500};
    for (const auto& pl : e.data.places) ASSERT_FALSE(geo::point_in_multipolygon(pl.geom, out)) << pl.name;
    EXPECT_TRUE(same_rgb8(px(img, v.cam.w, v.cam.to_screen(out)), nl));
    // At region scale the veil is off: the same point has the plain colour.
    MapView r = twente_view(1000, 800);
    r.layers = v.layers;
    r.furniture = false;
    ASSERT_FALSE(style_visible(StyleLayer::BuiltUp, r.cam.mpp));
    ASSERT_TRUE(render_to_rgba(e.renderer, r, img));
    EXPECT_TRUE(same_rgb8(px(img, r.cam.w, r.cam.to_screen(in)), nl));

    // With labels: at least one wijk name of Enschede is drawn, with ink.
    v.layers.labels = true;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    int wijk_names = 0;
    for (const auto& l : e.renderer.last_labels()) {
        if (l.kind != 4) continue;
        ++wijk_names;
        EXPECT_GT(ink(img, v.cam.w, l.box), 10) << l.text;
    }
    EXPECT_GE(wijk_names, 3);
}

TEST(CityScale, NijverdalIsLabelledAtEveryWindowSize) {
    Env& e = env();
    for (auto [w, h] : {std::pair{1280, 720}, {1366, 768}, {1920, 1080}, {1600, 1000}}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
        MapView v = twente_view(w, h);
        std::vector<unsigned char> img;
        ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
        // Every Twente town of at least the threshold is labelled (Nijverdal: 23,615 inhabitants).
        for (const auto& p : e.data.places) {
            // Towns of the 14 municipalities (not Lochem, in Gelderland, which can sit under the legend at 1280x720).
            if (p.inhabitants < map_style().must_label_inhabitants || !e.data.municipality_at(p.bbox.centre()))
                continue;
            const auto& ls = e.renderer.last_labels();
            const auto it = std::find_if(ls.begin(), ls.end(), [&](const auto& l) { return l.text == p.name; });
            ASSERT_NE(it, ls.end()) << p.name << " (" << p.inhabitants << ") has no label";
            if (p.name == "Nijverdal") {
                EXPECT_GT(ink(img, w, it->box), 10);
            }
        }
    }
}

TEST(CityScale, NoNameIsDrawnTwice) {
    Env& e = env();
    std::vector<MapView> views = {twente_view(1280, 720), twente_view(1920, 1080)};
    for (double mpp : {25.0, 12.0, 5.0, 2.0}) {  // Enschede and Hengelo from town to street scale
        MapView v = twente_view(1600, 1000);
        v.cam.centre = {254000, 473000};
        v.cam.mpp = mpp;
        views.push_back(v);
    }
    for (const MapView& v : views) {
        SCOPED_TRACE("mpp " + std::to_string(v.cam.mpp));
        std::vector<unsigned char> img;
        ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
        std::map<std::string, int> seen;
        for (const auto& l : e.renderer.last_labels()) EXPECT_EQ(++seen[l.text], 1) << l.text << " drawn twice";
        EXPECT_LE(seen["Enschede"], 1);
        EXPECT_GT(seen.size(), 5u);
    }
}

// Two venues 20 m apart, far from every other venue, at region scale (they are half a pixel apart).
TEST(CityScale, TwoVenuesTwentyMetresApartAreBothVisible) {
    Env& e = env();
    for (bool same_category : {true, false}) {
        SCOPED_TRACE(same_category ? "same category" : "two categories");
        geo::Dataset d = e.data;
        // A place in Twente at least 3 km from every venue of the catalogue.
        // ... and in the middle of the picture, clear of the legend and the attribution.
        const MapView probe = twente_view(1280, 720);
        P2 at{NAN, NAN};
        for (double x = 222000; x < 268000 && std::isnan(at.x); x += 1000)
            for (double y = 462000; y < 500000 && std::isnan(at.x); y += 1000) {
                const P2 s = probe.cam.to_screen({x, y});
                bool clear = d.municipality_at({x, y}) != nullptr && s.x > 0.3 * 1280 && s.x < 0.75 * 1280 &&
                             s.y > 0.2 * 720 && s.y < 0.7 * 720;
                for (const auto& v : d.venues) clear = clear && geo::dist(v.pos, {x, y}) > 3000;
                if (clear) at = {x, y};
            }
        ASSERT_FALSE(std::isnan(at.x));
        geo::Venue a = d.venues.front(), b = d.venues.front();
        a.id = "test-a";
        b.id = "test-b";
        a.pos = at;
        b.pos = at + P2{20, 0};
        a.category = geo::Category::Museum;
        b.category = same_category ? geo::Category::Museum : geo::Category::Pop;
        d.venues.push_back(a);
        d.venues.push_back(b);
        const int ia = int(d.venues.size()) - 2, ib = ia + 1;
        MapRenderer r(d);
        MapView v = twente_view(1280, 720);
        std::vector<unsigned char> img;
        ASSERT_TRUE(render_to_rgba(r, v, img));
        const SymbolSpot* sa = nullptr;
        const SymbolSpot* sb = nullptr;
        for (const auto& sp : r.last_venue_spots())
            for (int m : sp.members) {
                if (m == ia) sa = &sp;
                if (m == ib) sb = &sp;
            }
        ASSERT_TRUE(sa && sb);
        if (same_category) {
            ASSERT_EQ(sa, sb);  // one symbol with a count of 2
            EXPECT_EQ(sa->count(), 2);
            EXPECT_TRUE(same_rgb8(px(img, v.cam.w, {sa->x, sa->y}), category_style(a.category).fill, 8));
            // The "2" beside it has ink (dark pixels up-right of the symbol).
            int dark = 0;
            for (int y = int(sa->y) - 16; y < int(sa->y); ++y)
                for (int x = int(sa->x) + 3; x < int(sa->x) + 16; ++x) dark += px(img, v.cam.w, {double(x), double(y)})[0] < 90;
            EXPECT_GT(dark, 3);
        } else {
            ASSERT_NE(sa, sb);  // two symbols, pushed apart so both show
            EXPECT_GE(geo::dist({sa->x, sa->y}, {sb->x, sb->y}), MapRenderer::venue_symbol_px(v));
            EXPECT_TRUE(sa->displaced && sb->displaced);
            EXPECT_TRUE(same_rgb8(px(img, v.cam.w, {sa->x, sa->y}), category_style(a.category).fill, 8));
            EXPECT_TRUE(same_rgb8(px(img, v.cam.w, {sb->x, sb->y}), category_style(b.category).fill, 8));
        }
    }
}

TEST(CityScale, PopStarStaysVisibleInTheEnschedeAndHengeloClusters) {
    Env& e = env();
    MapView v = twente_view(1280, 720);
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    const float r = MapRenderer::venue_symbol_px(v) * 0.5f;
    for (const std::string id : {"enschede-atak", "hengelo-metropool"}) {
        int idx = -1;
        for (size_t i = 0; i < e.data.venues.size(); ++i)
            if (e.data.venues[i].id == id) idx = int(i);
        ASSERT_GE(idx, 0) << id;
        const SymbolSpot* spot = nullptr;
        for (const auto& sp : e.renderer.last_venue_spots())
            if (std::find(sp.members.begin(), sp.members.end(), idx) != sp.members.end()) spot = &sp;
        ASSERT_NE(spot, nullptr) << id;
        // No other symbol covers its centre.
        for (const auto& sp : e.renderer.last_venue_spots())
            if (&sp != spot) {
                EXPECT_GE(geo::dist({sp.x, sp.y}, {spot->x, spot->y}), 2 * r) << id;
            }
        const unsigned char* c = px(img, v.cam.w, {std::round(spot->x), std::round(spot->y)});
        EXPECT_TRUE(same_rgb8(c, category_style(geo::Category::Pop).fill, 12))
            << id << " " << int(c[0]) << "," << int(c[1]) << "," << int(c[2]) << " at " << spot->x << "," << spot->y;
    }
}

TEST(CityScale, TheStorkhalOfSceneThreeIsLabelled) {
    Env& e = env();
    const SceneCatalog cat = SceneCatalog::from(e.data);
    const Deck deck = load_deck(std::string(TREKKAART_SOURCE_DIR) + "/assets/scenes/trek-in-twente.json", &cat);
    ASSERT_GE(deck.scenes.size(), 3u);
    const Scene& s = deck.scenes[2];
    ASSERT_NE(std::find(s.venues.begin(), s.venues.end(), "hengelo-stork"), s.venues.end());
    MapView v;
    v.cam = scene_camera(s.camera, 1920, 1080);
    apply_scene(s, v);
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    bool stork = false;
    for (const auto& l : e.renderer.last_labels())
        if (l.text.find("Storkhal") != std::string::npos) stork = ink(img, v.cam.w, l.box) > 3;
    EXPECT_TRUE(stork);
}

TEST(CityScale, StyleZoomRanges) {
    // One style with zoom ranges per layer: region scale (all of Twente) has no built-up veil and no
    // neighbourhood names, city scale has both; buurt names come after wijk names.
    const double region = 40, city = 3;
    EXPECT_NEAR(map_zoom(region), 11.2, 0.1);
    EXPECT_FALSE(style_visible(StyleLayer::BuiltUp, region));
    EXPECT_FALSE(style_visible(StyleLayer::WijkNames, region));
    EXPECT_TRUE(style_visible(StyleLayer::MunicipalityNames, region));
    EXPECT_TRUE(style_visible(StyleLayer::BuiltUp, city));
    EXPECT_TRUE(style_visible(StyleLayer::WijkNames, city));
    EXPECT_TRUE(style_visible(StyleLayer::BuurtNames, city));
    EXPECT_FALSE(style_visible(StyleLayer::BuurtNames, 8));
    EXPECT_TRUE(style_visible(StyleLayer::WijkNames, 8));
    // The edge of a range: minzoom inclusive, maxzoom exclusive.
    const ZoomRange z{12, 13};
    EXPECT_TRUE(z.contains(12));
    EXPECT_FALSE(z.contains(13));
}
