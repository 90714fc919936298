// Heatmap overlays: ramps, and headless renders of toy surfaces through the map's one render path (overlay hook)
// with pixel assertions on colours, contours and nodata.
#include <gtest/gtest.h>

#include <SDL.h>

#include <algorithm>
#include <cmath>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/model/i18n.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/heatmap.h"
#include "viewer/render/offscreen.h"

using namespace viewer;
using geo::P2;

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
    MapRenderer renderer{data};
    Heatmap heat;
};
Env& env() {
    static Env* e = new Env();  // lives for the whole test binary (GL context must outlive the renderer)
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);  // other test files make their own contexts current
    return *e;
}

// A cone: value = distance from `centre` in units of 100 m ("minutes" at 6 km/h), NaN beyond `nodata_beyond`.
const P2 kCentre{245000, 480000};
geo::GridF cone(float nodata_beyond) {
    geo::GridSpec s;
    s.cell = 100;
    s.cols = s.rows = 160;
    s.minx = kCentre.x - 8000;
    s.maxy = kCentre.y + 8000;
    geo::GridF g(s, 0.0f);
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c) {
            const double d = geo::dist(s.centre(c, r), kCentre) / 100.0;
            g.at(c, r) = d > nodata_beyond ? NAN : float(d);
        }
    return g;
}

// 400 x 400 px at 40 m/px centred on the cone: 1 value unit = 2.5 px.
MapView toy_view() {
    MapView v;
    v.cam.w = v.cam.h = 400;
    v.cam.centre = kCentre;
    v.cam.mpp = 40;
    v.layers.labels = v.layers.venues = v.layers.rail = v.layers.stations = v.layers.places = false;
    v.layers.outlines = v.layers.province = v.layers.border = v.layers.countries = false;
    v.furniture = false;
    return v;
}

const unsigned char* px(const std::vector<unsigned char>& img, int w, int x, int y) {
    return &img[(size_t(y) * w + size_t(x)) * 4];
}

// TREKKAART_TEST_DUMP=/some/dir writes the rendered images there, to look at.
void dump(const std::string& name, const std::vector<unsigned char>& img, int w, int h) {
    if (const char* d = std::getenv("TREKKAART_TEST_DUMP")) write_png_atomic(std::string(d) + "/" + name + ".png", img.data(), w, h);
}

std::vector<unsigned char> render_with(const MapView& v, const HeatmapStyle& st, std::vector<RampLegend> ramps = {}) {
    Env& e = env();
    RenderOptions o;
    o.overlay = [&](const Camera& c) { e.heat.draw(c, e.renderer.origin(), st); };
    o.ramps = std::move(ramps);
    std::vector<unsigned char> img;
    EXPECT_TRUE(render_to_rgba(e.renderer, v, img, o));
    return img;
}

// The pan cache tests' style of the cone: 0..60 with contours at 10, 20, 30.
HeatmapStyle cone_style() {
    HeatmapStyle st;
    st.vmin = 0;
    st.vmax = 60;
    st.contours = {10, 20, 30};
    return st;
}

// A frame through the window's pan cache (BaseCache), as the app draws it.
std::vector<unsigned char> render_cached(const MapView& v, const HeatmapStyle& st, BaseCache& cache, bool moving = false) {
    Env& e = env();
    RenderOptions o;
    o.overlay = [&](const Camera& c) { e.heat.draw(c, e.renderer.origin(), st); };
    o.overlay_key = e.heat.cache_key(st);
    o.cache = &cache;
    o.moving = moving;
    std::vector<unsigned char> img;
    EXPECT_TRUE(render_to_rgba(e.renderer, v, img, o));
    return img;
}

// Channel values that differ by more than 8 from a fresh render of the same view.
size_t differ_from_fresh(const std::vector<unsigned char>& got, const MapView& v, const HeatmapStyle& st) {
    const auto want = render_with(v, st);
    EXPECT_EQ(got.size(), want.size());
    size_t differ = 0;
    for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) differ += std::abs(int(got[i]) - int(want[i])) > 8;
    return differ;
}

}  // namespace

TEST(Heatmap, RampEndsAndMiddle) {
    EXPECT_TRUE(same_rgb8(std::vector<unsigned char>{0x44, 0x01, 0x54}.data(), ramp_at(Ramp::Viridis, 0), 0));
    EXPECT_TRUE(same_rgb8(std::vector<unsigned char>{0xfd, 0xe7, 0x25}.data(), ramp_at(Ramp::Viridis, 1), 0));
    EXPECT_TRUE(same_rgb8(std::vector<unsigned char>{0x00, 0x20, 0x4d}.data(), ramp_at(Ramp::Cividis, 0), 0));
    EXPECT_TRUE(same_rgb8(std::vector<unsigned char>{0xfc, 0xfd, 0xbf}.data(), ramp_at(Ramp::Magma, 1), 0));
    // The diverging ramp is white-ish in the middle, orange at 0, blue at 1.
    RGBA mid = ramp_at(Ramp::Diverging, 0.5f), lo = ramp_at(Ramp::Diverging, 0), hi = ramp_at(Ramp::Diverging, 1);
    EXPECT_GT(mid.r, 0.95f);
    EXPECT_GT(mid.b, 0.95f);
    EXPECT_GT(lo.r, lo.b + 0.4f);
    EXPECT_GT(hi.b, hi.r + 0.4f);
    // Halfway between two control points is their mean; out-of-range t clamps.
    RGBA a = hex(0x440154), b = hex(0x482878), h = ramp_at(Ramp::Viridis, 0.5f / 9);
    EXPECT_NEAR(h.g, (a.g + b.g) / 2, 1e-5);
    EXPECT_NEAR(ramp_at(Ramp::Viridis, 7).r, hex(0xfde725).r, 1e-6);
    EXPECT_NEAR(ramp_at(Ramp::Viridis, NAN).r, hex(0x440154).r, 1e-6);
    auto rev = ramp_colours(Ramp::Magma, 5, true);
    ASSERT_EQ(rev.size(), 5u);
    EXPECT_NEAR(rev[0].r, ramp_at(Ramp::Magma, 1).r, 1e-6);
}

TEST(Heatmap, ValuesMapToTheRampAndFarCellsGetTheFarEnd) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st;
    st.vmin = 0;
    st.vmax = 60;
    st.opacity = 1;
    MapView v = toy_view();
    auto img = render_with(v, st);
    // 30 units from the centre (75 px): the ramp's middle. Bilinear sampling of a cone is exact to ~0.1 unit.
    EXPECT_TRUE(same_rgb8(px(img, 400, 200 + 75, 200), ramp_at(Ramp::Viridis, 0.5f), 4));
    // 65 units (beyond vmax): the far end of the ramp.
    const unsigned char* far = px(img, 400, 200, 200 - 162);
    EXPECT_TRUE(same_rgb8(far, ramp_at(Ramp::Viridis, 1), 3)) << int(far[0]) << "," << int(far[1]) << "," << int(far[2]);
    // Reversed: the centre is the far end, the far cell the start.
    st.reverse = true;
    img = render_with(v, st);
    EXPECT_TRUE(same_rgb8(px(img, 400, 200, 200 - 162), ramp_at(Ramp::Viridis, 0), 3));
    EXPECT_TRUE(same_rgb8(px(img, 400, 200, 200), ramp_at(Ramp::Viridis, 1), 10));  // nearest cell centres: 0.7 units
    // The CPU copy answers hover queries.
    EXPECT_NEAR(e.heat.value_at(kCentre + P2{3050, 0}), 30.5f, 0.01f);
    EXPECT_TRUE(std::isnan(e.heat.value_at(kCentre + P2{7900, 7900})));  // nodata corner
    EXPECT_TRUE(std::isnan(e.heat.value_at(kCentre + P2{9000, 0})));     // outside the grid
}

TEST(Heatmap, NodataIsTransparent) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st;
    st.opacity = 1;
    MapView v = toy_view();
    auto with = render_with(v, st);
    std::vector<unsigned char> without;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, without));
    // 80 units out on the diagonal (nodata): the map shows through unchanged; 60 units out it does not.
    const int d80 = int(80 * 2.5 / std::sqrt(2.0)), d60 = int(60 * 2.5 / std::sqrt(2.0));
    for (int k = 0; k < 3; ++k)
        EXPECT_EQ(px(with, 400, 200 + d80, 200 + d80)[k], px(without, 400, 200 + d80, 200 + d80)[k]);
    EXPECT_TRUE(same_rgb8(px(with, 400, 200 + d60, 200 + d60), ramp_at(Ramp::Viridis, 1), 3));
    // Half opacity blends with the map beneath.
    st.opacity = 0.5f;
    auto half = render_with(v, st);
    const unsigned char* m = px(without, 400, 200 + 75, 200);
    const RGBA rc = ramp_at(Ramp::Viridis, 0.5f);
    const unsigned char* h = px(half, 400, 200 + 75, 200);
    EXPECT_NEAR(h[1], 0.5 * m[1] + 0.5 * rc.g * 255, 4);
}

TEST(Heatmap, ContourDrawnOnTheFifteenMinuteCircleOnly) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st;
    st.opacity = 1;
    st.reverse = true;
    st.contours = {15};
    st.contour_colour = hex(0xff00ff);  // a colour that no ramp holds
    st.contour_px = 2;
    auto img = render_with(toy_view(), st);
    dump("heatmap_contour", img, 400, 400);
    auto magenta = [](const unsigned char* p) { return p[0] > 200 && p[1] < 90 && p[2] > 200; };
    // On the circle (15 units = 37.5 px) at 12 angles: the contour colour.
    for (int k = 0; k < 12; ++k) {
        const double a = k * M_PI / 6;
        // The pixel whose centre (x + 0.5, y + 0.5) is nearest to the circle point.
        const int x = int(std::floor(200 + 37.5 * std::cos(a))), y = int(std::floor(200 + 37.5 * std::sin(a)));
        EXPECT_TRUE(magenta(px(img, 400, x, y))) << "angle " << k * 30;
    }
    // Everywhere else: none. All contour pixels lie within 2.5 px of the circle, and there are about as many as
    // a 2 px wide ring of radius 37.5 px has (2 pi r w = 471).
    int n = 0;
    for (int y = 0; y < 400; ++y)
        for (int x = 0; x < 400; ++x) {
            if (!magenta(px(img, 400, x, y))) continue;
            ++n;
            const double r = std::hypot(x + 0.5 - 200, y + 0.5 - 200);
            EXPECT_NEAR(r, 37.5, 2.5) << x << "," << y;
        }
    EXPECT_GT(n, 300);
    EXPECT_LT(n, 700);
    // Contours only (no fill): the map shows through between the lines.
    st.fill = false;
    auto lines = render_with(toy_view(), st);
    std::vector<unsigned char> bare;
    ASSERT_TRUE(render_to_rgba(e.renderer, toy_view(), bare));
    EXPECT_EQ(px(lines, 400, 200 + 75, 200)[1], px(bare, 400, 200 + 75, 200)[1]);
    EXPECT_TRUE(magenta(px(lines, 400, 200 + 37, 200)) || magenta(px(lines, 400, 200 + 38, 200)));
}

TEST(Heatmap, BandsAreConstantBetweenContours) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st;
    st.opacity = 1;
    st.vmax = 60;
    st.contours = {10, 15, 20, 30, 45, 60};
    st.contour_colour = hex(0x000000, 0);  // invisible lines: only the bands
    st.banded = true;
    auto img = render_with(toy_view(), st);
    // 11 and 14 units out lie in the 10-15 band: both have the colour of 12.5.
    const RGBA band = ramp_at(Ramp::Viridis, 12.5f / 60);
    EXPECT_TRUE(same_rgb8(px(img, 400, 200 + int(11 * 2.5), 200), band, 3));
    EXPECT_TRUE(same_rgb8(px(img, 400, 200 + int(14 * 2.5), 200), band, 3));
    // 35 and 44 units: the 30-45 band.
    EXPECT_TRUE(same_rgb8(px(img, 400, 200 + int(35 * 2.5), 200), ramp_at(Ramp::Viridis, 37.5f / 60), 3));
    EXPECT_TRUE(same_rgb8(px(img, 400, 200 + int(44 * 2.5), 200), ramp_at(Ramp::Viridis, 37.5f / 60), 3));
}

TEST(Heatmap, DivergingRampShowsSignAndWhiteMiddle) {
    Env& e = env();
    // Left half -10, right half +10, a zero column band in the middle.
    geo::GridF g = cone(1000);
    for (int r = 0; r < g.rows(); ++r)
        for (int c = 0; c < g.cols(); ++c) g.at(c, r) = c < 70 ? -10.f : c >= 90 ? 10.f : 0.f;
    e.heat.set_grid(g);
    HeatmapStyle st;
    st.ramp = Ramp::Diverging;
    st.vmin = -10;
    st.vmax = 10;
    st.opacity = 1;
    auto img = render_with(toy_view(), st);
    EXPECT_TRUE(same_rgb8(px(img, 400, 50, 200), ramp_at(Ramp::Diverging, 0), 3));
    EXPECT_TRUE(same_rgb8(px(img, 400, 350, 200), ramp_at(Ramp::Diverging, 1), 3));
    EXPECT_TRUE(same_rgb8(px(img, 400, 200, 200), ramp_at(Ramp::Diverging, 0.5f), 3));
}

TEST(Heatmap, LegendTicksUnitAndNoteAreDrawn) {
    HeatmapStyle st;
    st.vmax = 60;
    st.reverse = true;
    st.contours = {10, 15, 20, 30, 45, 60};
    RampLegend L = Heatmap::legend(st, "Reistijd", "minuten", "schatting: geen wegennet geladen");
    ASSERT_FALSE(L.ticks.empty());
    EXPECT_EQ(L.ticks.front().second, "0");
    EXPECT_EQ(L.ticks.back().second, "≥ 60");
    EXPECT_FLOAT_EQ(L.ticks.back().first, 1.0f);
    for (size_t i = 1; i < L.ticks.size(); ++i) EXPECT_GE(L.ticks[i].first - L.ticks[i - 1].first, 0.12f - 1e-6f);
    // Reversed: the legend's left (0 minutes) has the ramp's t = 1 colour.
    EXPECT_NEAR(L.colours.front().g, ramp_at(Ramp::Viridis, 1).g, 0.03);
    EXPECT_NEAR(L.colours.back().g, ramp_at(Ramp::Viridis, 0).g, 0.03);
    // Drawn by the furniture pass: the legend panel is reported and its note is drawn in the note colour.
    Env& e = env();
    e.heat.set_grid(cone(75));
    MapView v = toy_view();
    v.furniture = true;
    auto img = render_with(v, st, {L});
    dump("heatmap_legend", img, 400, 400);
    const auto& furn = e.renderer.last_furniture();
    ASSERT_FALSE(furn.empty());
    // The ramp panel is the top-left furniture box (the layer legend is at the bottom-left).
    const LabelBox& box = *std::min_element(furn.begin(), furn.end(), [](const LabelBox& a, const LabelBox& b) {
        return a.x0 + a.y0 < b.x0 + b.y0;
    });
    EXPECT_LT(box.y0, 20);
    int note_px = 0;
    for (int y = int(box.y0); y < int(box.y1); ++y)
        for (int x = int(box.x0); x < int(box.x1); ++x) {
            const unsigned char* p = px(img, 400, x, y);
            note_px += p[0] > 120 && p[0] < 200 && p[1] < 100 && p[2] < 60;  // the orange-brown note text
        }
    EXPECT_GT(note_px, 20);
}

// Measures whose zero cells the engine leaves without colour say so under the ramp, beside an empty swatch; a
// travel time (every cell with data coloured) does not.
TEST(Heatmap, LegendSaysWhatCellsWithoutColourMean) {
    Env& e = env();
    AnalysisResult r;
    r.params.metric = Metric::Opportunities;
    r.params.threshold_min = 20;
    HeatmapStyle st;
    st.vmax = 8;
    set_lang(Lang::EN);
    EXPECT_EQ(heatmap_legend(r, st, e.data).none, "no colour: none within 20 min");
    r.params.metric = Metric::Population;
    EXPECT_EQ(heatmap_legend(r, st, e.data).none, "no colour: no inhabitants");
    r.params.metric = Metric::TravelTime;
    EXPECT_EQ(heatmap_legend(r, st, e.data).none, "");
    r.params.metric = Metric::Reach;
    EXPECT_EQ(heatmap_legend(r, st, e.data).none, "");
    set_lang(Lang::NL);
    r.params.metric = Metric::Fca2;
    EXPECT_EQ(heatmap_legend(r, st, e.data).none, "geen kleur: 0, geen locatie binnen bereik");
    r.params.metric = Metric::Opportunities;
    const RampLegend L = heatmap_legend(r, st, e.data);
    EXPECT_EQ(L.none, "geen kleur: geen binnen 20 min");
    // Drawn: the text is one of the frame's runs, and the swatch left of it is white inside a grey frame.
    e.heat.set_grid(cone(75));
    MapView v = toy_view();
    v.furniture = true;
    auto img = render_with(v, st, {L});
    dump("heatmap_legend_none", img, 400, 400);
    const auto& texts = e.renderer.last_texts();
    EXPECT_NE(std::find(texts.begin(), texts.end(), L.none), texts.end());
    const auto& furn = e.renderer.last_furniture();
    ASSERT_FALSE(furn.empty());
    const LabelBox& box = *std::min_element(furn.begin(), furn.end(), [](const LabelBox& a, const LabelBox& b) {
        return a.x0 + a.y0 < b.x0 + b.y0;
    });
    // Scan the panel's left column of the swatch (8 px in, under the ramp and its ticks): a white run between
    // two grey frame lines.
    int white = 0, grey = 0;
    for (int y = int(box.y0) + 8 + 18 + 12 + 18; y < int(box.y0) + 8 + 18 + 12 + 18 + 14; ++y) {
        const unsigned char* p = px(img, 400, int(box.x0) + 8 + 7, y);
        white += p[0] == 255 && p[1] == 255 && p[2] == 255;
        grey += p[0] > 110 && p[0] < 200 && std::abs(p[0] - p[2]) < 20;
    }
    EXPECT_GE(white, 5);
    EXPECT_GE(grey, 1);
}

// A count of venues (within T) has ticks at whole numbers only: with at most 2 venues in reach, 0, 1 and "≥ 2",
// not 0.5 and 1.5; other measures keep their finer ticks.
TEST(Heatmap, VenueCountLegendHasWholeTicks) {
    Env& e = env();
    AnalysisResult r;
    r.params.metric = Metric::Opportunities;
    r.vmin = 0;
    r.vmax = 2;
    const RampLegend L = heatmap_legend(r, heatmap_style(r, 1), e.data);
    std::vector<std::string> ticks;
    for (const auto& t : L.ticks) ticks.push_back(t.second);
    EXPECT_EQ(ticks, (std::vector<std::string>{"0", "1", "≥ 2"}));
    r.params.metric = Metric::GravityExp;
    r.decimals = 1;
    set_lang(Lang::EN);
    const RampLegend G = heatmap_legend(r, heatmap_style(r, 1), e.data);
    set_lang(Lang::NL);
    ASSERT_GE(G.ticks.size(), 4u);  // 0, 0.5, 1.0, 1.5, ≥ 2.0 (labels kept apart)
    EXPECT_EQ(G.ticks[1].second, "0.5");
}

TEST(Heatmap, LabelsStayOnTopOfTheOverlay) {
    Env& e = env();
    // A surface over the whole of Twente, opaque.
    geo::GridSpec s = geo::GridSpec::covering(e.data.twente_bbox.grown(5000), 200);
    geo::GridF g(s, 5.0f);
    e.heat.set_grid(g);
    HeatmapStyle st;
    st.opacity = 1;
    MapView v;
    v.cam.w = 1200;
    v.cam.h = 800;
    v.cam.fit(e.data.twente_bbox, 24);
    auto img = render_with(v, st);
    dump("heatmap_labels", img, 1200, 800);
    const auto& labels = e.renderer.last_labels();
    auto ens = std::find_if(labels.begin(), labels.end(), [](auto& l) { return l.text == "Enschede"; });
    ASSERT_NE(ens, labels.end());
    int dark = 0, halo = 0;
    const int y = int((ens->box.y0 + ens->box.y1) / 2);
    for (int x = int(ens->box.x0); x < int(ens->box.x1); ++x) {
        const unsigned char* p = px(img, 1200, x, y);
        dark += p[0] < 90 && p[1] < 90;
        halo += p[0] > 230 && p[1] > 230 && p[2] > 230;
    }
    EXPECT_GT(dark, 5);
    EXPECT_GT(halo, 3);  // white halo around the letters, over the dark ramp colour
    // And the overlay is really under it: a pixel away from labels and symbols has the ramp colour.
    const RGBA c = ramp_at(Ramp::Viridis, 5.0f / 60);
    const P2 q = v.cam.to_screen({240000, 470000});
    EXPECT_TRUE(same_rgb8(px(img, 1200, int(q.x), int(q.y)), c, 3));
}

TEST(Heatmap, FillMaxLeavesOnlyTheContourBeyond) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st;
    st.opacity = 1;
    st.contours = {15};
    st.fill_max = 15;  // a catchment within 15
    st.contour_colour = hex(0xff00ff);
    st.contour_px = 2;
    auto img = render_with(toy_view(), st);
    std::vector<unsigned char> bare;
    ASSERT_TRUE(render_to_rgba(e.renderer, toy_view(), bare));
    EXPECT_TRUE(same_rgb8(px(img, 400, 200 + 25, 200), ramp_at(Ramp::Viridis, 10.0f / 60), 4));  // 10 units: filled
    for (int k = 0; k < 3; ++k) EXPECT_EQ(px(img, 400, 200 + 50, 200)[k], px(bare, 400, 200 + 50, 200)[k]);  // 20: map
    const unsigned char* c = px(img, 400, 200 + 37, 200);
    EXPECT_TRUE(c[0] > 200 && c[1] < 90 && c[2] > 200);  // the contour at 15 is still drawn
}

// The real data: travel time by bike to the nearest pop venue, computed by the analysis worker and drawn over the
// Twente map. A cell more than an hour from every pop venue has the far end of the (reversed) ramp; the cell
// of a pop venue has the near end.
TEST(Heatmap, RealTravelTimeFarCellHasTheFarEnd) {
    Env& e = env();
    AnalysisOptions ao;
    ao.candidates_path = "-";
    Analysis an(e.data, ao);
    AnalysisParams p;
    p.metric = Metric::TravelTime;
    p.category = geo::Category::Pop;
    p.mode = geo::Mode::Bike;
    an.request(p);
    ASSERT_TRUE(an.wait(300));
    AnalysisResult r;
    ASSERT_TRUE(an.poll(r)) << an.error();
    ASSERT_TRUE(r.estimate);
    e.heat.set_grid(r.surface);
    HeatmapStyle st;
    st.vmin = r.vmin;
    st.vmax = r.vmax;
    st.reverse = r.reverse;
    st.opacity = 1;
    MapView v;
    v.cam.w = 800;
    v.cam.h = 600;
    v.cam.fit(e.data.twente_bbox, 24);
    v.layers.labels = v.layers.venues = v.layers.rail = v.layers.stations = v.layers.outlines = false;
    v.layers.province = v.layers.border = false;
    v.furniture = false;
    auto img = render_with(v, st);
    dump("heatmap_real_pop_bike", img, 800, 600);
    // A cell in Twente more than an hour (but within the cut-off) from every pop venue: the first such cell,
    // scanning from the north-west, away from the grid's edges.
    P2 far{NAN, NAN};
    const geo::BBox tb = e.data.twente_bbox;
    for (double y = tb.maxy - 2000; y > tb.miny && std::isnan(far.x); y -= 500)
        for (double x = tb.minx + 2000; x < tb.maxx; x += 500) {
            const float t = e.heat.value_at({x, y});
            if (t > 62 && t < 85) { far = {x, y}; break; }
        }
    ASSERT_FALSE(std::isnan(far.x)) << "no cell between 62 and 85 minutes from a pop venue";
    P2 q = v.cam.to_screen(far);
    EXPECT_TRUE(same_rgb8(px(img, 800, int(q.x), int(q.y)), ramp_at(Ramp::Viridis, 0), 3));
    for (const auto& ven : e.data.venues)
        if (ven.category == geo::Category::Pop) {
            EXPECT_LT(e.heat.value_at(ven.pos), 1.5f) << ven.id;  // 1 minute to lock the bike
            q = v.cam.to_screen(ven.pos);
            // The venue's own cell (1 minute) sits at the bright end: its ramp position, not the end itself.
            const float t = 1 - (e.heat.value_at(ven.pos) - r.vmin) / (r.vmax - r.vmin);
            ASSERT_GT(t, 0.95f);
            const unsigned char* c = px(img, 800, int(q.x), int(q.y));
            EXPECT_TRUE(same_rgb8(c, ramp_at(Ramp::Viridis, t), 6))
                << ven.id << " rgb " << int(c[0]) << "," << int(c[1]) << "," << int(c[2]) << " t=" << t;
        }
}

// The window's pan cache (BaseCache): a pan by whole pixels shifts the cached base layers and draws only the
// strips that came into view -- the picture equals a fresh render of the same view; anything else that changes
// the base (overlay style, a new surface, a fractional pan, a zoom, a layer) draws it anew.
TEST(Heatmap, PanCacheEqualsAFreshRenderAndRedrawsOnChange) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st = cone_style();
    MapView v;  // all layers, labels and furniture on, heatmap over the whole picture
    v.cam.w = 420;
    v.cam.h = 300;
    v.cam.centre = kCentre;
    v.cam.mpp = 25;
    BaseCache cache;
    auto cached = [&] { return render_cached(v, st, cache); };
    auto same_as_fresh = [&](const std::vector<unsigned char>& got, const char* what) {
        EXPECT_LT(differ_from_fresh(got, v, st), got.size() / 2000) << what;
        dump(std::string("pan_cache_") + what, got, v.cam.w, v.cam.h);
    };
    same_as_fresh(cached(), "first");
    EXPECT_EQ(cache.stats.full, 1);
    EXPECT_EQ(cache.stats.reused, 0);
    for (auto [dx, dy] : {std::pair{7, -5}, {-13, 9}, {0, 30}, {-40, 0}, {0, 0}}) {
        v.cam.pan_pixels(dx, dy);
        same_as_fresh(cached(), "panned");
    }
    EXPECT_EQ(cache.stats.full, 1);
    EXPECT_EQ(cache.stats.reused, 5);
    // Each change below draws the view anew; the background and fills under the overlay come from the last full
    // redraw (BaseCache::below) when neither they nor the picture's camera changed.
    st.opacity = 0.4f;  // overlay style
    same_as_fresh(cached(), "opacity");
    EXPECT_EQ(cache.stats.below_reused, 0);  // the pans above re-centred the picture: another camera
    e.heat.set_grid(cone(40));  // a new surface
    same_as_fresh(cached(), "surface");
    EXPECT_EQ(cache.stats.below_reused, 1);
    v.cam.pan_pixels(3, -2);  // a pan inside the margin, then a style: redrawn where the view is, fills copied
    same_as_fresh(cached(), "pan_in_margin");
    st.opacity = 0.6f;
    same_as_fresh(cached(), "opacity_after_pan");
    EXPECT_EQ(cache.stats.below_reused, 2);
    v.cam.pan_pixels(0.5, 0);  // not a whole pixel
    same_as_fresh(cached(), "half_pixel");
    v.cam.mpp *= 1.2;  // zoom
    same_as_fresh(cached(), "zoom");
    EXPECT_EQ(cache.stats.below_reused, 2);  // another camera: the fills drawn anew
    v.layers.rail = false;  // a line layer
    same_as_fresh(cached(), "layer");
    v.highlight_municipality = "GM0153";  // Enschede's outline
    same_as_fresh(cached(), "highlight");
    EXPECT_EQ(cache.stats.below_reused, 4);
    ASSERT_TRUE(v.layers.choropleth);  // the density choropleth: the fills' colours
    v.layers.choropleth = false;
    same_as_fresh(cached(), "fills");
    EXPECT_EQ(cache.stats.below_reused, 4);
    v.layers.choropleth = true;
    same_as_fresh(cached(), "fills_back");
    EXPECT_EQ(cache.stats.below_reused, 4);
    EXPECT_EQ(cache.stats.full, 10);
    EXPECT_EQ(cache.stats.reused, 6);
    v.layers.labels = false;  // labels are drawn fresh every frame: no redraw of the base
    v.cam.pan_pixels(3, 3);
    same_as_fresh(cached(), "labels_off");
    EXPECT_EQ(cache.stats.full, 10);
}

// The pan cache's margin (issue 15): the picture is the view plus a margin on every side. A full redraw draws the
// view only; the first pan draws the strip it needs and the margin ahead; pans inside what the picture holds draw
// nothing; a pan past the picture's edge re-centres it. On every side, with the view exactly at the picture's edge
// (still inside) and one pixel beyond -- and every frame equals a fresh render.
TEST(Heatmap, PanCacheMarginServesPansWithoutDrawingOnEverySide) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st = cone_style();
    MapView v;
    v.cam.w = 420;
    v.cam.h = 300;
    v.cam.mpp = 25;
    const int m = BaseCache::margin(420, 300);
    ASSERT_EQ(m, 37);  // an eighth of the shorter side
    const BaseCache::Rect at{m, m, m + 420, m + 300};
    auto same = [](const BaseCache::Rect& a, const BaseCache::Rect& b) {
        return a.x0 == b.x0 && a.y0 == b.y0 && a.x1 == b.x1 && a.y1 == b.y1;
    };
    // The view's move in the picture's pixels (y down) per side; pan_pixels(dx, dy) moves the map by (dx, dy) px,
    // so the view over it the other way.
    const struct { const char* side; int sx, sy; } sides[] = {{"right", 1, 0}, {"left", -1, 0}, {"down", 0, 1}, {"up", 0, -1}};
    BaseCache cache;
    for (const auto& sd : sides) {
        SCOPED_TRACE(sd.side);
        auto move = [&](int n) { v.cam.pan_pixels(-sd.sx * n, -sd.sy * n); };
        auto check = [&](const char* what) {
            const auto img = render_cached(v, st, cache);
            EXPECT_LT(differ_from_fresh(img, v, st), img.size() / 2000) << what;
            dump(std::string("pan_margin_") + sd.side + "_" + what, img, v.cam.w, v.cam.h);
        };
        cache.clear();
        v.cam.centre = kCentre;
        const BaseCache::Stats s0 = cache.stats;
        check("full");
        EXPECT_EQ(cache.stats.full, s0.full + 1);
        EXPECT_TRUE(same(cache.valid, at));  // the view only
        EXPECT_TRUE(same(cache.src, at));
        move(5);  // past what it holds: the strip and the margin ahead, up to the picture's edge
        check("first_pan");
        EXPECT_EQ(cache.stats.extended, s0.extended + 1);
        EXPECT_EQ(cache.stats.full, s0.full + 1);
        EXPECT_EQ(cache.valid.x1 - cache.valid.x0, 420 + (sd.sx != 0 ? m : 0));
        EXPECT_EQ(cache.valid.y1 - cache.valid.y0, 300 + (sd.sy != 0 ? m : 0));
        move(m - 5);  // the view exactly at the picture's edge: still inside, nothing drawn
        check("at_edge");
        EXPECT_EQ(cache.stats.extended, s0.extended + 1);
        EXPECT_EQ(cache.stats.reused, s0.reused + 2);
        if (sd.sx > 0) { EXPECT_EQ(cache.src.x1, 420 + 2 * m); }
        if (sd.sx < 0) { EXPECT_EQ(cache.src.x0, 0); }
        if (sd.sy > 0) { EXPECT_EQ(cache.src.y1, 300 + 2 * m); }
        if (sd.sy < 0) { EXPECT_EQ(cache.src.y0, 0); }
        move(1);  // one pixel beyond: re-centred, the old picture shifted in, nothing drawn anew in full
        check("beyond");
        EXPECT_EQ(cache.stats.extended, s0.extended + 2);
        EXPECT_EQ(cache.stats.full, s0.full + 1);
        EXPECT_TRUE(same(cache.src, at));
    }
}

// Zooming in (RenderOptions::moving): the cached base is shown magnified until the zoom stops, then redrawn
// sharp; zooming out or beyond 2x draws it at half resolution until the movement stops.
TEST(Heatmap, PanCacheMagnifiesWhileZoomingInThenRedraws) {
    Env& e = env();
    e.heat.set_grid(cone(75));
    HeatmapStyle st;
    st.contours = {10, 20, 30};
    MapView v;
    v.cam.w = 420;
    v.cam.h = 300;
    v.cam.centre = kCentre;
    v.cam.mpp = 25;
    v.layers.labels = false;
    v.furniture = false;
    BaseCache cache;
    auto cached = [&](bool moving) { return render_cached(v, st, cache, moving); };
    // Mean absolute difference per channel against a fresh render of the same view.
    auto mean_diff = [&](const std::vector<unsigned char>& got) {
        const auto want = render_with(v, st);
        double sum = 0;
        for (size_t i = 0; i < got.size(); ++i) sum += std::abs(int(got[i]) - int(want[i]));
        return sum / double(got.size());
    };
    cached(false);  // the still view before the zoom
    EXPECT_EQ(cache.stats.full, 1);
    v.cam.zoom_about({150, 120}, 1.25);  // in, about a point off centre
    const auto magnified = cached(true);
    EXPECT_EQ(cache.stats.interim, 1);
    EXPECT_TRUE(cache.interim);
    EXPECT_LT(mean_diff(magnified), 6.0);  // the same picture, slightly soft (measured 1.3)
    dump("pan_cache_magnified", magnified, v.cam.w, v.cam.h);
    const auto sharp = cached(false);  // the zoom stopped
    EXPECT_EQ(cache.stats.full, 2);
    EXPECT_FALSE(cache.interim);
    EXPECT_LT(mean_diff(sharp), 0.5);
    // Out: the old picture no longer covers the screen -- drawn at half resolution while moving (issue 15),
    // then sharp when the zoom stops.
    v.cam.zoom_about({150, 120}, 1 / 1.1);
    const auto low = cached(true);
    EXPECT_EQ(cache.stats.low, 1);
    EXPECT_EQ(cache.stats.full, 2);
    EXPECT_TRUE(cache.interim);
    EXPECT_TRUE(cache.low_shown);
    const double low_diff = mean_diff(low);
    EXPECT_GT(low_diff, 0.0);   // it is not the sharp picture
    EXPECT_LT(low_diff, 4.0);   // but the same map, softer, lines as wide (measured 2.3)
    dump("pan_cache_low", low, v.cam.w, v.cam.h);
    EXPECT_LT(mean_diff(cached(false)), 0.5);
    EXPECT_EQ(cache.stats.full, 3);
    EXPECT_FALSE(cache.interim);
    EXPECT_FALSE(cache.low_shown);
    v.cam.zoom_about({210, 150}, 2.5);  // in, beyond 2x: half resolution too
    cached(true);
    EXPECT_EQ(cache.stats.low, 2);
    EXPECT_EQ(cache.stats.full, 3);
    EXPECT_EQ(cache.stats.interim, 1);
    // A pan of whole pixels while moving still shifts the sharp picture: first a still frame, then a moving pan.
    cached(false);
    EXPECT_EQ(cache.stats.full, 4);
    v.cam.pan_pixels(7, -4);
    EXPECT_LT(mean_diff(cached(true)), 0.5);
    EXPECT_EQ(cache.stats.low, 2);
}

// Issue 11: +inf (beyond the travel-time cut-off) is no hole: the ramp's far end colour, with no contour along the
// cut-off edge; NaN (nodata) stays transparent.
TEST(Heatmap, BeyondTheCutOffTakesTheEndColourNodataStaysTransparent) {
    Env& e = env();
    geo::GridF g = cone(75);  // NaN beyond 75 units
    for (float& x : g.v)
        if (x > 50) x = INFINITY;  // 50..75 units: beyond a 50-minute cut-off
    e.heat.set_grid(g);
    HeatmapStyle st;
    st.vmax = 45;
    st.reverse = true;
    st.opacity = 1;
    st.contours = {15, 30, 45};
    MapView v = toy_view();
    auto img = render_with(v, st);
    dump("heatmap_beyond", img, 400, 400);
    std::vector<unsigned char> without;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, without));
    // 48..72 units out (2.5 px each): >= vmax then beyond the cut-off -- one colour, the reversed ramp's far end
    // (t = 0), no line at the 50-unit edge.
    for (int d = 120; d <= 180; ++d) {
        const unsigned char* c = px(img, 400, 200 + d, 200);
        EXPECT_TRUE(same_rgb8(c, ramp_at(Ramp::Viridis, 0), 3))
            << "at " << d / 2.5 << " units: " << int(c[0]) << "," << int(c[1]) << "," << int(c[2]);
    }
    // 80 units out on the diagonal: nodata, the map shows through unchanged.
    const int d80 = int(80 * 2.5 / std::sqrt(2.0));
    for (int k = 0; k < 3; ++k)
        EXPECT_EQ(px(img, 400, 200 + d80, 200 + d80)[k], px(without, 400, 200 + d80, 200 + d80)[k]);
    EXPECT_TRUE(std::isinf(e.heat.value_at(kCentre + P2{6000, 0})));      // hover: beyond the cut-off
    EXPECT_TRUE(std::isnan(e.heat.value_at(kCentre + P2{7900, 7900})));  // nodata
}

TEST(Heatmap, LegendHasASwatchBeyondTheCutOff) {
    HeatmapStyle st;
    st.vmax = 60;
    st.reverse = true;
    st.contours = {10, 15, 20, 30, 45, 60};
    const RampLegend L = Heatmap::legend(st, "Reistijd", "minuten", "", 0, "> 90 min");
    EXPECT_EQ(L.beyond, "> 90 min");
    ASSERT_GE(L.ticks.size(), 3u);
    EXPECT_EQ(L.ticks.back().second, "> 90 min");
    EXPECT_EQ(L.ticks[L.ticks.size() - 2].second, "≥ 60");
    const float ramp_end = L.ticks[L.ticks.size() - 2].first;
    EXPECT_LT(ramp_end, L.ticks.back().first - 0.15f);  // room for both labels
    // The swatch (the last colours) is the colour of cells beyond, and of >= 60: the reversed ramp's t = 0.
    EXPECT_NEAR(L.colours.back().g, ramp_at(Ramp::Viridis, 0).g, 1e-5);
    EXPECT_NEAR(L.colours.back().a, 1, 1e-6);
    // A transparent gap separates it from the ramp.
    bool gap = false;
    for (const RGBA& c : L.colours) gap = gap || c.a == 0;
    EXPECT_TRUE(gap);
    for (size_t i = 1; i < L.ticks.size(); ++i) EXPECT_GE(L.ticks[i].first - L.ticks[i - 1].first, 0.12f - 1e-6f);
}

// Tick labels all differ and have as many decimals as the spacing needs, for any range.
TEST(Heatmap, LegendTickLabelsAreDistinct) {
    struct Case { float hi; std::vector<std::string> want; };
    const std::vector<Case> cases = {
        {0.12f, {"0", "0.02", "0.04", "0.06", "0.08", "0.10", "≥ 0.12"}},
        {1.0f, {"0", "0.2", "0.4", "0.6", "0.8", "≥ 1.0"}},
        {60.0f, {"0", "10", "20", "30", "40", "50", "≥ 60"}},
        {25000.0f, {"0", "5000", "10000", "15000", "20000", "≥ 25000"}},
    };
    set_lang(Lang::EN);
    for (const Case& c : cases) {
        HeatmapStyle st;
        st.vmax = c.hi;
        const RampLegend L = Heatmap::legend(st, "t", "u", "", 1);
        std::vector<std::string> got;
        for (const auto& t : L.ticks) got.push_back(t.second);
        EXPECT_EQ(got, c.want) << "range [0, " << c.hi << "]";
        for (size_t i = 1; i < got.size(); ++i) EXPECT_NE(got[i], got[i - 1]);
    }
    // A narrow range of large values still gives different labels.
    HeatmapStyle st;
    st.vmin = 100;
    st.vmax = 100.3f;
    const RampLegend L = Heatmap::legend(st, "t", "u");
    for (size_t i = 1; i < L.ticks.size(); ++i) EXPECT_NE(L.ticks[i].second, L.ticks[i - 1].second);
    set_lang(Lang::NL);
}

TEST(Heatmap, LegendUnitIsNotRepeatedInTheTitle) {
    EXPECT_EQ(legend_unit("Inwoners", "inwoners"), "");
    EXPECT_EQ(legend_unit("Reistijd", "minuten"), "minuten");
    HeatmapStyle st;
    EXPECT_EQ(Heatmap::legend(st, "Inwoners per ha", "inwoners per ha").unit, "");
}

// ---- the fill before packing (issue 15: separable sums, two threads) against the cell-by-cell means --------

namespace {

geo::GridF toy_grid(int cols, int rows) {
    geo::GridSpec s;
    s.cols = cols;
    s.rows = rows;
    return geo::GridF(s, 0.0f);
}

// The oracle: every nodata cell's valid 8-neighbours summed one by one, as the fill was written first.
void fill_cell_by_cell(const geo::GridF& g, std::vector<float>& filled, std::vector<unsigned char>& valid) {
    const int W = g.cols(), H = g.rows();
    filled.assign(g.v.size(), 0.0f);
    valid.assign(g.v.size(), 0);
    float far = 0;
    for (size_t i = 0; i < g.v.size(); ++i)
        if (std::isfinite(g.v[i]) && g.v[i] != geo::kNoData) {
            filled[i] = g.v[i];
            valid[i] = 1;
            far = std::max(far, g.v[i]);
        }
    for (size_t i = 0; i < g.v.size(); ++i)
        if (g.v[i] == INFINITY) {
            filled[i] = far;
            valid[i] = 2;
        }
    for (int r = 0; r < H; ++r)
        for (int c = 0; c < W; ++c) {
            const size_t i = size_t(r) * W + c;
            if (valid[i]) continue;
            double s = 0;
            int n = 0;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int cc = c + dc, rr = r + dr;
                    if (cc < 0 || rr < 0 || cc >= W || rr >= H) continue;
                    const size_t j = size_t(rr) * W + cc;
                    if (valid[j]) { s += filled[j]; ++n; }
                }
            filled[i] = n ? float(s / n) : 0.0f;
        }
}

}  // namespace

TEST(HeatmapFill, HandComputedToyGrid) {
    // 1    NaN  3
    // +inf NaN  5       far = 5; both NaN cells see 1, 3, 5 (beyond, as far) and 5: (1 + 3 + 5 + 5) / 4 = 3.5
    geo::GridF g = toy_grid(3, 2);
    g.v = {1, NAN, 3, INFINITY, NAN, 5};
    std::vector<float> f;
    std::vector<unsigned char> v;
    detail::fill_nodata(g, f, v);
    EXPECT_EQ(v, (std::vector<unsigned char>{1, 0, 1, 2, 0, 1}));
    EXPECT_EQ(f, (std::vector<float>{1, 3.5f, 3, 5, 3.5f, 5}));
    // No valid neighbour at all: 0.
    g.v = {NAN, -INFINITY, geo::kNoData, NAN, NAN, NAN};
    detail::fill_nodata(g, f, v);
    EXPECT_EQ(v, std::vector<unsigned char>(6, 0));
    EXPECT_EQ(f, std::vector<float>(6, 0.0f));
}

TEST(HeatmapFill, EqualsCellByCellMeansOnALargeGrid) {
    // 301 x 257 cells (two threads): nodata of every kind in random cells, in whole rows, in a block at each edge
    // and corner; rows with no nodata at all between them; +inf cells (beyond a cut-off) beside nodata.
    geo::GridF g = toy_grid(301, 257);
    uint32_t seed = 12345;
    auto rnd = [&] { seed = seed * 1664525u + 1013904223u; return seed >> 8; };
    const float kinds[] = {NAN, -INFINITY, geo::kNoData, INFINITY};
    for (int r = 0; r < g.rows(); ++r)
        for (int c = 0; c < g.cols(); ++c) {
            float x = float(rnd() % 100000) / 997.0f;
            const bool edge_block = (r < 5 || r >= g.rows() - 5) && (c < 7 || c >= g.cols() - 7);
            const bool clean_row = r % 40 > 20 && r % 40 < 30;  // rows without nodata
            if (r % 40 == 13 || edge_block) x = NAN;            // whole rows, corners
            else if (!clean_row && rnd() % 10 < 3) x = kinds[rnd() % 4];  // 30 % nodata or beyond
            g.at(c, r) = x;
        }
    std::vector<float> f, fo;
    std::vector<unsigned char> v, vo;
    detail::fill_nodata(g, f, v);
    fill_cell_by_cell(g, fo, vo);
    ASSERT_EQ(v, vo);
    size_t differ = 0;
    for (size_t i = 0; i < f.size(); ++i) differ += f[i] != fo[i];
    EXPECT_EQ(differ, 0u);
    EXPECT_GT(std::count(v.begin(), v.end(), 0), 10000);  // the grid did hold much nodata
    EXPECT_GT(std::count(v.begin(), v.end(), 2), 1000);
}

// issue 14: a lean heatmap (the presenter's: after a pack only the surface and the texture are kept) draws the same
// pixels as a kept one, on a grid taller than one upload band (160 columns: 819 rows a band; the view spans the
// boundary between the first and second band) and again after a style change (a repack from the surface).
TEST(Heatmap, LeanDrawsTheSamePixelsAndRepacksFromTheSurface) {
    Env& e = env();
    geo::GridSpec s;
    s.cell = 100;
    s.cols = 160;
    s.rows = 1800;
    s.minx = kCentre.x - 8000;
    s.maxy = kCentre.y + 90000;  // row 900 at the centre: the view shows rows 820..980
    geo::GridF g(s, 0.0f);
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c) {
            const double d = geo::dist(s.centre(c, r), kCentre) / 200.0;  // 12 km: beyond, 14 km: no data
            g.at(c, r) = d > 70 ? NAN : d > 60 ? INFINITY : float(d);
        }
    MapView v = toy_view();
    v.cam.centre = kCentre + P2{0, 3000};  // the band boundary (row 819, 8.1 km north) inside the picture
    HeatmapStyle st;
    st.opacity = 1;
    st.reverse = true;
    st.contours = {15, 30};
    Heatmap lean;
    lean.set_lean(true);
    lean.set_grid(g);
    auto draw = [&](Heatmap& h, const HeatmapStyle& s2) {
        RenderOptions o;
        o.overlay = [&](const Camera& c) { h.draw(c, e.renderer.origin(), s2); };
        std::vector<unsigned char> img;
        EXPECT_TRUE(render_to_rgba(e.renderer, v, img, o));
        return img;
    };
    e.heat.set_grid(g);
    const auto kept = draw(e.heat, st), thin = draw(lean, st);
    EXPECT_EQ(thin, kept);
    // Only the surface and the texture are left: 4 bytes a cell, not 4 + 4 + 1 + the texels.
    EXPECT_EQ(lean.cpu_bytes(), g.v.size() * sizeof(float));
    EXPECT_EQ(lean.texture_bytes(), g.v.size() * 8);  // RGBA16
    EXPECT_GT(e.heat.cpu_bytes(), g.v.size() * 9);
    // A style change repacks the lean one from its surface: the same pixels again, and not the old ones.
    HeatmapStyle st2 = st;
    st2.vmax = 30;
    st2.contours = {10, 20};
    const auto kept2 = draw(e.heat, st2), thin2 = draw(lean, st2);
    EXPECT_EQ(thin2, kept2);
    EXPECT_NE(thin2, thin);
    EXPECT_EQ(lean.cpu_bytes(), g.v.size() * sizeof(float));
    // And both equal the picture of the same values cut to rows 700..1099 (one upload band, no boundary).
    geo::GridSpec cs = s;
    cs.rows = 400;
    cs.maxy = s.maxy - 700 * s.cell;
    geo::GridF cut(cs, 0.0f);
    std::copy(g.v.begin() + 700 * s.cols, g.v.begin() + 1100 * s.cols, cut.v.begin());
    e.heat.set_grid(cut);
    // (Within 2 levels: the quad's other extent samples the texture at coordinates a rounding apart.)
    const auto one = draw(e.heat, st2);
    int worst = 0;
    for (size_t i = 0; i < one.size(); ++i) worst = std::max(worst, std::abs(int(one[i]) - int(thin2[i])));
    EXPECT_LE(worst, 2);
    // The heatmap covers the picture on both sides of the band boundary (the 819th row, 127 px above the centre).
    std::vector<unsigned char> bare;
    ASSERT_TRUE(render_to_rgba(e.renderer, v, bare));
    for (const int y : {200 - 127 - 5, 200 - 127 + 5, 200 + 127 - 5, 200 + 127 + 5})
        EXPECT_NE(std::vector<unsigned char>(px(thin, 400, 200, y), px(thin, 400, 200, y) + 3),
                  std::vector<unsigned char>(px(bare, 400, 200, y), px(bare, 400, 200, y) + 3)) << y;
}

// The same surface again (a threshold change of a travel-time map changes only its figures): nothing is filled,
// packed or redrawn -- the cache key stays; one cell different by the smallest step, or a NaN turned into a value,
// is a new surface.
TEST(Heatmap, TheSameSurfaceAgainKeepsItsPicture) {
    Env& e = env();
    HeatmapStyle st;
    st.vmin = 0;
    st.vmax = 60;
    geo::GridF g = cone(75);
    g.v[7] = std::numeric_limits<float>::quiet_NaN();
    e.heat.set_grid(g);
    const std::string k0 = e.heat.cache_key(st);
    geo::GridF same = g;
    EXPECT_TRUE(e.heat.same_as_shown(same));
    e.heat.set_grid(std::move(same));
    EXPECT_EQ(e.heat.cache_key(st), k0);
    e.heat.set_grid(g);
    EXPECT_EQ(e.heat.cache_key(st), k0);
    geo::GridF step = g;
    const size_t mid = g.spec.index(80, 80);  // the cone's centre, a value
    ASSERT_TRUE(std::isfinite(step.v[mid]));
    step.v[mid] = std::nextafter(step.v[mid], 1e9f);
    EXPECT_FALSE(e.heat.same_as_shown(step));
    e.heat.set_grid(step);
    const std::string k1 = e.heat.cache_key(st);
    EXPECT_NE(k1, k0);
    geo::GridF filled = step;
    filled.v[7] = 3;
    e.heat.set_grid(filled);
    EXPECT_NE(e.heat.cache_key(st), k1);
    geo::GridF moved = filled;  // the same values one cell further east: another surface
    moved.spec.minx += moved.spec.cell;
    EXPECT_FALSE(e.heat.same_as_shown(moved));
}
