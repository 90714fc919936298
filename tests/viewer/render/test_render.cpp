// Headless renders of the real map through the one render path, with pixel assertions.
#include <gtest/gtest.h>

#include <algorithm>

#include "geo/core/crs.h"
#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"

using namespace viewer;
using geo::P2;

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    MapRenderer renderer{data};
};
Env& env() {
    static Env* e = new Env();  // lives for the whole test binary (GL context must outlive the renderer)
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

}  // namespace

TEST(Render, EnschedeInteriorHasItsChoroplethColour) {
    Env& e = env();
    MapView v = twente_view(800, 600);
    v.layers.labels = v.layers.venues = v.layers.rail = v.layers.stations = false;
    v.furniture = false;
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    // An interior point of Enschede, away from its edges: the Usselo/Boekelo countryside south-west of the city
    // (RD 253500, 466500) lies inside GM0153.
    const P2 inside{253500, 466500};
    const auto* m = e.data.municipality_at(inside);
    ASSERT_NE(m, nullptr);
    ASSERT_EQ(m->code, "GM0153");
    ClassBreaks cb = choropleth_classes(Choropleth::Density);
    RGBA want = cb.colours[cb.class_of(m->cbs.density)];
    const unsigned char* p = px(img, v.cam.w, v.cam.to_screen(inside));
    EXPECT_TRUE(same_rgb8(p, want)) << int(p[0]) << "," << int(p[1]) << "," << int(p[2]);
    // And Tubbergen (146 inh/km²) is in the lowest class, a different colour.
    const P2 tub{250000, 492000};
    ASSERT_EQ(e.data.municipality_at(tub)->code, "GM0183");
    const unsigned char* q = px(img, v.cam.w, v.cam.to_screen(tub));
    EXPECT_TRUE(same_rgb8(q, cb.colours[0]));
    EXPECT_FALSE(same_rgb8(q, want));
    // Germany (RD 272500, 476000: east of every Twente municipality, bbox maxx 269795) has Germany's calm colour.
    EXPECT_TRUE(same_rgb8(px(img, v.cam.w, v.cam.to_screen({272500, 476000})), base_colours().germany));
}

TEST(Render, VenueSymbolIsDrawnWhereItsVenueIs) {
    Env& e = env();
    auto it = std::find_if(e.data.venues.begin(), e.data.venues.end(),
                           [](const geo::Venue& v) { return v.id == "enschede-rijksmuseum-twenthe"; });
    ASSERT_NE(it, e.data.venues.end());
    MapView v = twente_view(600, 400);
    v.cam.centre = it->pos + P2{300, 200};  // not at the image centre on purpose
    v.cam.mpp = 4;
    v.layers.labels = false;
    v.furniture = false;
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    P2 s = v.cam.to_screen(it->pos);
    const RGBA fill = category_style(it->category).fill;
    EXPECT_TRUE(same_rgb8(px(img, v.cam.w, s), fill, 6));
    // 20 px away there is no symbol colour.
    EXPECT_FALSE(same_rgb8(px(img, v.cam.w, s + P2{20, 0}), fill, 6));
    // With the category switched off, the symbol is gone.
    v.layers.categories[int(it->category)] = false;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    EXPECT_FALSE(same_rgb8(px(img, v.cam.w, s), fill, 6));
}

// A what-if site (MapView::sites, as exports of scenes draw them): its category colour at the centre, a white
// disc and the highlight ring around it, and its label on the map.
TEST(Render, WhatIfSiteIsDrawnAndLabelled) {
    Env& e = env();
    MapView v = twente_view(800, 600);
    v.furniture = false;
    v.layers.venues = false;  // nothing else on the spot
    const P2 site{250500, 478000};  // Boekelo-Hengelo countryside
    v.sites.push_back({site, geo::Category::Pop, "Nieuwe zaal"});
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    const P2 c = v.cam.to_screen(site);
    const double vpx = MapRenderer::venue_symbol_px(v);
    EXPECT_TRUE(same_rgb8(px(img, v.cam.w, c), category_style(geo::Category::Pop).fill, 8));
    // Between the category dot (0.6 vpx) and the inner ring (0.95 vpx): white.
    EXPECT_TRUE(same_rgb8(px(img, v.cam.w, c + P2{0.78 * vpx, 0}), hex(0xffffff), 20));
    bool labelled = false;
    for (const auto& l : e.renderer.last_labels()) labelled = labelled || l.text == "Nieuwe zaal";
    EXPECT_TRUE(labelled);
    // Without the site: no category colour there.
    v.sites.clear();
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    EXPECT_FALSE(same_rgb8(px(img, v.cam.w, c), category_style(geo::Category::Pop).fill, 8));
}

TEST(Render, AllMunicipalityLabelsPlacedWithoutOverlap) {
    Env& e = env();
    MapView v = twente_view(1600, 1000);
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, img));
    const auto& labels = e.renderer.last_labels();
    int municipalities = 0;
    for (const auto& l : labels) municipalities += l.kind == 0;
    EXPECT_EQ(municipalities, 14);
    for (size_t i = 0; i < labels.size(); ++i) {
        for (size_t j = i + 1; j < labels.size(); ++j)
            EXPECT_FALSE(overlaps(labels[i].box, labels[j].box)) << labels[i].text << " / " << labels[j].text;
        for (const auto& f : e.renderer.last_furniture())
            EXPECT_FALSE(overlaps(labels[i].box, f)) << labels[i].text << " covers the legend/furniture";
    }
    // Label text has ink: the centre row of the "Enschede" label has dark pixels.
    auto ens = std::find_if(labels.begin(), labels.end(), [](auto& l) { return l.text == "Enschede"; });
    ASSERT_NE(ens, labels.end());
    int dark = 0;
    int y = int((ens->box.y0 + ens->box.y1) / 2);
    for (int x = int(ens->box.x0); x < int(ens->box.x1); ++x) dark += px(img, v.cam.w, {double(x), double(y)})[0] < 90;
    EXPECT_GT(dark, 5);
}

TEST(Render, ScaleBarLengthIsRound) {
    EXPECT_DOUBLE_EQ(round_scale_length(7300), 5000);
    EXPECT_DOUBLE_EQ(round_scale_length(1999), 1000);
    EXPECT_DOUBLE_EQ(round_scale_length(2000), 2000);
    EXPECT_DOUBLE_EQ(round_scale_length(240), 200);
}

TEST(Render, TiledRenderEqualsSinglePass) {
    Env& e = env();
    MapView v = twente_view(512, 384);
    v.title = "Tegels";
    std::vector<unsigned char> full, tile;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, full, {}, 0));
    std::vector<unsigned char> stitched(full.size());
    for (int ty = 0; ty < 384; ty += 192)
        for (int tx = 0; tx < 512; tx += 256) {
            RenderOptions o;
            o.tile_x = tx; o.tile_y = ty; o.tile_w = 256; o.tile_h = 192;
            ASSERT_TRUE(render_to_rgba(e.renderer, v, tile, o, 0));
            for (int y = 0; y < 192; ++y)
                std::copy_n(&tile[size_t(y) * 256 * 4], 256 * 4, &stitched[(size_t(ty + y) * 512 + tx) * 4]);
        }
    size_t differ = 0;
    for (size_t i = 0; i < full.size(); ++i) differ += std::abs(int(full[i]) - int(stitched[i])) > 24;
    EXPECT_LT(double(differ) / full.size(), 0.002) << differ << " channel values differ";
}
