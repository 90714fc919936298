// Issue 13: the view fits Twente into the part of the window the panels leave free, at every window size from
// 1280x720 up; small windows start with the side panels collapsed. The free-area math on hand-made panels, then the
// real window (App with its ImGui panels, offscreen) at three sizes.
#include <gtest/gtest.h>

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <memory>

#include "geo/io/dataset.h"
#include "geo/io/user_layer.h"
#include "viewer/model/user_style.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/ui/user_layers_panel.h"
#include "viewer/model/free_area.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/gl.h"
#include "viewer/ui/app.h"
#include "../ui/window_fixture.h"

using namespace viewer;
using geo::BBox;
using geo::P2;

TEST(FreeArea, TallPanelsNarrowFromTheirSideShortOnesFromTheTop) {
    // 1000x800: a tall left panel to x 300, a tall right one from x 700, a short strip at the top to y 30,
    // 40 px of status bar.
    const BBox f = free_area(1000, 800, {{10, 10, 300, 700}, {700, 10, 990, 600}, {320, 0, 680, 30}}, 40);
    EXPECT_EQ(f.minx, 300);
    EXPECT_EQ(f.maxx, 700);
    EXPECT_EQ(f.miny, 30);
    EXPECT_EQ(f.maxy, 760);
    // A panel is cut away from the side or the top, whichever leaves more: 200 x 320 at the top-left leaves
    // 800 x 800 from the side and 1000 x 480 from the top; 600 x 100 leaves 400 x 800 or 1000 x 700.
    EXPECT_EQ(free_area(1000, 800, {{0, 0, 200, 320}}).minx, 200);
    EXPECT_EQ(free_area(1000, 800, {{0, 0, 200, 320}}).miny, 0);
    EXPECT_EQ(free_area(1000, 800, {{0, 0, 600, 100}}).miny, 100);
    EXPECT_EQ(free_area(1000, 800, {{0, 0, 600, 100}}).minx, 0);
    // Equal areas (500 x 800 = 1000 x 400): the side.
    EXPECT_EQ(free_area(1000, 800, {{0, 0, 500, 400}}).minx, 500);
    // A wide strip at the bottom (the attribution) is cut from the bottom.
    EXPECT_EQ(free_area(1000, 800, {{500, 770, 1000, 790}}).maxy, 770);
    EXPECT_EQ(free_area(1000, 800, {{500, 770, 1000, 790}}).maxx, 1000);
    // Off-screen panels do not count.
    EXPECT_EQ(free_area(1000, 800, {{-300, 0, 0, 800}}).minx, 0);
}

TEST(FreeArea, FitIntoPutsTheBoxInsideTheFreeRectangle) {
    Camera cam;
    cam.w = 1280;
    cam.h = 720;
    const BBox twente{219070, 459728, 269795, 501580};
    const BBox free{340, 0, 940, 690};
    fit_into(cam, twente, free, 24);
    const P2 a = cam.to_screen({twente.minx, twente.maxy}), b = cam.to_screen({twente.maxx, twente.miny});
    EXPECT_GE(a.x, free.minx + 24 - 1e-6);
    EXPECT_LE(b.x, free.maxx - 24 + 1e-6);
    EXPECT_GE(a.y, free.miny + 24 - 1e-6);
    EXPECT_LE(b.y, free.maxy - 24 + 1e-6);
    // The centre lands on the free area's centre.
    const P2 c = cam.to_screen(twente.centre());
    EXPECT_NEAR(c.x, 640, 1e-6);
    EXPECT_NEAR(c.y, 345, 1e-6);
}

using window_test::app_frame;
using window_test::window_env;
using window_test::WindowEnv;

TEST(FreeArea, TheWindowFitsTwenteIntoTheFreeAreaAtEverySize) {
    WindowEnv& e = window_env();
    for (auto [w, h] : {std::pair{1280, 720}, {1366, 768}, {1920, 1080}}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
        App app(e.data, e.ctx.window(), 1.0f);
        RenderTarget rt;
        ASSERT_TRUE(rt.create(w, h, 0));
        for (int i = 0; i < 3; ++i) app_frame(app, rt, w, h);  // as --screenshot: auto-resizing panels take
                                                                // their size on a later frame
        const MapView& v = app.view();
        const BBox free = app.free_px();
        ASSERT_FALSE(free.empty());
        EXPECT_EQ(App::compact_window(w, h, 1.0f), w < 1500);
        // The free area is most of the window: collapsed panels at small sizes, side panels at 1920x1080.
        EXPECT_GT(free.width(), 0.55 * w);
        // Twente's bounding box lies inside it, clear of every panel.
        const BBox& t = e.data.twente_bbox;
        const P2 a = v.cam.to_screen({t.minx, t.maxy}), b = v.cam.to_screen({t.maxx, t.miny});
        EXPECT_GE(a.x, free.minx - 0.5);
        EXPECT_LE(b.x, free.maxx + 0.5);
        EXPECT_GE(a.y, free.miny - 0.5);
        EXPECT_LE(b.y, free.maxy + 0.5);
        const BBox tw{a.x, a.y, b.x, b.y};
        for (const LabelBox& l : app.renderer().last_furniture())
            EXPECT_FALSE(tw.grown(-1).intersects({l.x0, l.y0, l.x1, l.y1})) << "furniture " << l.x0 << "," << l.y0;
        for (const BBox& p : v.avoid_px)
            EXPECT_FALSE(tw.grown(-1).intersects(p)) << "panel " << p.minx << "," << p.miny << " " << p.maxx << "," << p.maxy;
        // And it is not tiny: at least half of the free area's width or height.
        EXPECT_TRUE(tw.width() > 0.5 * free.width() || tw.height() > 0.5 * free.height());
    }
}

// The panels' fonts hold every symbol they write: Noto Sans lacks ≤ ≥ → (U+2264, U+2265, U+2192), which the
// figures table and the hints use; the map text's fallback faces are merged into both ImGui fonts, so none of them
// is drawn as ImGui's "?" fallback. ë and ß (Dutch and German names) come from Noto itself.
TEST(FreeArea, PanelFontsHoldTheSymbolsThePanelsWrite) {
    WindowEnv& e = window_env();
    App app(e.data, e.ctx.window(), 1.0f);
    ImGuiIO& io = ImGui::GetIO();
    ASSERT_GE(io.Fonts->Fonts.Size, 2);
    if (!io.Fonts->IsBuilt()) {
        ASSERT_TRUE(io.Fonts->Build());
    }
    for (ImFont* f : io.Fonts->Fonts)
        for (ImWchar c : {ImWchar(0x2265), ImWchar(0x2264), ImWchar(0x2192), ImWchar(0x00EB), ImWchar(0x00DF)}) {
            const ImFontGlyph* g = f->FindGlyphNoFallback(c);
            ASSERT_NE(g, nullptr) << std::hex << int(c);
            EXPECT_GT(g->AdvanceX, 0) << std::hex << int(c);
        }
}

// The figures window open over the map with hundreds of zone rows (the CBS municipalities of the region as zones, a
// user polygon layer): at 1280x720, 1600x1000 and 1920x1080 the legend, the scale bar and the attribution keep
// clear of each other and of every panel (the figures window among them), and the figures window leaves the map room.
TEST(FreeArea, LegendScaleBarAndFiguresWindowNeverOverlap) {
    WindowEnv& e = window_env();
    geo::UserLayerOptions lo;
    lo.region = e.data.region_bbox;
    auto layer = std::make_shared<geo::UserLayer>(
        geo::read_user_layer(std::string(TREKKAART_TEST_DATA) + "/../../data/cbs_gemeente_gegeneraliseerd_2026.gpkg", lo));
    ASSERT_GT(layer->polygon_count, 100u);
    for (auto [w, h] : {std::pair{1280, 720}, {1600, 1000}, {1920, 1080}}) {
        SCOPED_TRACE(std::to_string(w) + "x" + std::to_string(h));
        AnalysisOptions ao;
        ao.candidates_path = "-";
        App app(e.data, e.ctx.window(), 1.0f, ao);
        UserLayerEntry le;
        le.layer = layer;
        le.style = default_user_style(*layer, 0);
        le.id = 1;
        app.view().user_layers.push_back(le);
        ASSERT_EQ(app.user_analysis().use_zones(*layer, 1, ""), "");
        AnalysisPanel& an = app.analysis();
        an.overlay_on = true;
        RenderTarget rt;
        ASSERT_TRUE(rt.create(w, h, 0));
        auto frame = [&] { app_frame(app, rt, w, h); };
        frame();  // submits the request
        ASSERT_TRUE(an.settle(300));
        an.show_figures = true;  // opening the window asks for its figures (AnalysisPanel::figures_needed)
        frame();
        ASSERT_TRUE(an.settle(300));
        for (int i = 0; i < 4; ++i) frame();
        const MapView& v = app.view();
        const LabelBox lg = app.renderer().last_legend_box(), sb = app.renderer().last_scale_bar_box();
        ASSERT_GT(lg.w(), 50);
        ASSERT_GT(sb.w(), 20);
        EXPECT_FALSE(overlaps(lg, sb)) << "legend " << lg.x0 << "," << lg.y0 << " " << lg.x1 << "," << lg.y1
                                       << " scale bar " << sb.x0 << "," << sb.y0 << " " << sb.x1 << "," << sb.y1;
        // Inside the picture, and clear of every panel (the figures window is the widest one at the bottom).
        EXPECT_GE(lg.x0, 0);
        EXPECT_GE(lg.y0, 0);
        EXPECT_LE(lg.x1, w);
        EXPECT_LE(lg.y1, h);
        bool figures = false;
        for (const BBox& p : v.avoid_px) {
            const LabelBox pb{float(p.minx), float(p.miny), float(p.maxx), float(p.maxy)};
            EXPECT_FALSE(overlaps(lg, pb)) << "legend and panel " << p.minx << "," << p.miny << " " << p.maxx << "," << p.maxy;
            EXPECT_FALSE(overlaps(sb, pb)) << "scale bar and panel " << p.minx << "," << p.miny << " " << p.maxx << "," << p.maxy;
            figures = figures || (p.maxy > h * 0.5 && p.minx > w * 0.2 && p.maxx < w * 0.8);  // bottom centre
            // No panel takes more than 40 % of the height unless it is a side panel (the main and analysis panels).
            if (p.minx > w * 0.2 && p.maxx < w * 0.8) {
                EXPECT_LE(p.height(), h * 0.4 + 1);
            }
        }
        EXPECT_TRUE(figures) << "the figures window is open";
        // The rest of the furniture (attribution lines, north arrow) overlaps neither the legend nor the scale bar.
        for (const LabelBox& b : app.renderer().last_furniture()) {
            const bool is_lg = b.x0 == lg.x0 && b.y0 == lg.y0 && b.x1 == lg.x1, is_sb = b.x0 == sb.x0 && b.y0 == sb.y0;
            if (!is_lg) {
                EXPECT_FALSE(overlaps(b, lg)) << "furniture " << b.x0 << "," << b.y0 << " " << b.x1 << "," << b.y1;
            }
            if (!is_sb && !is_lg) {
                EXPECT_FALSE(overlaps(b, sb)) << "furniture " << b.x0 << "," << b.y0;
            }
        }
        // The map keeps room: the free area (left by the panels and the legend) is at least a fifth of the window
        // (24-30 % here; with the figures window as tall as its 342 rows it was about 17 % at 1600x1000).
        EXPECT_GT(app.free_px().width() * app.free_px().height(), w * h / 5.0);
    }
}
