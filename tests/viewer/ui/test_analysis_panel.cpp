// Issue 15: a slider step reaches the picture in the frame that asks for it; a dragged what-if candidate shows a new
// surface at most every drag_show_ms. The analysis panel asks after its
// controls (a value moved in this frame is asked for in this frame) and waits, up to quick_wait_ms, for a step the
// worker did quickly last time; with no wait the result comes in a later frame. Through the real window (App with
// its ImGui panels), offscreen.
#include <gtest/gtest.h>

#include <cmath>

#include "viewer/ui/ui_analysis.h"
#include "window_fixture.h"

using namespace viewer;
using namespace window_test;

namespace {

struct Window {
    WindowEnv& e = window_env();
    App app{e.data, e.ctx.window(), 1.0f};
    RenderTarget rt;
    int w = 1280, h = 720;
    // The heatmap on: `metric` by bike, T = 15 min.
    explicit Window(Metric metric) {
        EXPECT_TRUE(rt.create(w, h, 0));
        AnalysisPanel& ap = app.analysis();
        ap.overlay_on = true;
        ap.params().metric = metric;
        ap.params().mode = geo::Mode::Bike;
        ap.params().threshold_min = 15;
    }
    void frame() { app_frame(app, rt, w, h); }
    uint64_t shown() { return app.analysis().result() ? app.analysis().result()->id : 0; }
};

}  // namespace

TEST(AnalysisPanel, AQuickStepIsShownByTheFrameThatAsksForIt) {
    Window win(Metric::TravelTime);
    AnalysisPanel& ap = win.app.analysis();
    win.frame();
    ASSERT_TRUE(ap.settle(120));
    win.frame();
    ASSERT_TRUE(ap.result());
    // A threshold change only recombines: a generous budget makes the wait certain on a loaded machine.
    ap.quick_wait_ms = 60000;
    ap.params().threshold_min = 20;
    const uint64_t before = win.shown();
    win.frame();
    ASSERT_TRUE(ap.result());
    EXPECT_NE(win.shown(), before);
    EXPECT_EQ(ap.result()->params.threshold_min, 20);
    EXPECT_FALSE(ap.analysis().busy());
    // No wait: the frame that asks still shows the previous result; the next one (after the worker) shows the new.
    ap.quick_wait_ms = 0;
    ap.params().threshold_min = 25;
    const uint64_t shown20 = win.shown();
    win.frame();
    EXPECT_EQ(win.shown(), shown20);
    EXPECT_EQ(ap.result()->params.threshold_min, 20);
    ASSERT_TRUE(ap.analysis().wait(120));
    win.frame();
    EXPECT_EQ(ap.result()->params.threshold_min, 25);
    // A step slower than the budget last time is not waited for either: the budget is below the worker's last
    // time (compute_ms of the shown result; here the budget is set just under it).
    ap.quick_wait_ms = std::max(0.0, ap.result()->compute_ms - 1e-3);
    ap.params().threshold_min = 30;
    const uint64_t shown25 = win.shown();
    win.frame();
    if (ap.quick_wait_ms > 0) {
        EXPECT_EQ(win.shown(), shown25);
    }
}

// While a what-if candidate is dragged (the tool's own mouse events), a finished surface is taken at once when
// none was for drag_show_ms, else held back -- the marker follows the mouse every frame, the window keeps drawing
// (App::animating) while one is held -- and the mouse's release shows the latest.
TEST(AnalysisPanel, WhileDraggingANewSurfaceIsShownAtMostEveryDragShowMs) {
    Window win(Metric::WhatIf);
    AnalysisPanel& ap = win.app.analysis();
    ap.analysis().clear_candidates();
    ap.analysis().add_candidate({{236000, 488000}, geo::Category::Museum, "Kandidaat 1"});
    win.frame();
    ASSERT_TRUE(ap.settle(120));
    win.frame();
    ASSERT_TRUE(ap.result());
    ap.whatif_tool = true;
    ap.quick_wait_ms = 0;
    ap.drag_show_ms = 60000;
    auto mouse = [&](Uint32 type, geo::P2 world) {
        const geo::P2 px = win.app.view().cam.to_screen(world);
        SDL_Event ev{};
        ev.type = type;
        ev.button.button = SDL_BUTTON_LEFT;
        if (type == SDL_MOUSEMOTION) ev.motion.x = int(std::lround(px.x)), ev.motion.y = int(std::lround(px.y));
        else ev.button.x = int(std::lround(px.x)), ev.button.y = int(std::lround(px.y));
        return ap.handle_event(&ev, false, 1.0f, win.app.view().cam);
    };
    auto moved_to = [&](geo::P2 world) {  // a move, the worker's result, the next frame
        EXPECT_TRUE(mouse(SDL_MOUSEMOTION, world));
        win.frame();
        EXPECT_TRUE(ap.analysis().wait(120));
        win.frame();
    };
    ASSERT_TRUE(mouse(SDL_MOUSEBUTTONDOWN, {236000, 488000}));
    ASSERT_TRUE(ap.dragging());
    // The first result of the drag: none was taken for drag_show_ms (settle() is not a drag's), so it is shown.
    moved_to({238000, 487000});
    const uint64_t first = win.shown();
    EXPECT_NEAR(ap.result()->params.candidates.at(0).pos.x, 238000, 100);
    EXPECT_FALSE(ap.holding());
    // The next one within drag_show_ms is held back; the window keeps drawing meanwhile.
    moved_to({240000, 486000});
    EXPECT_EQ(win.shown(), first);
    EXPECT_TRUE(ap.holding());
    EXPECT_TRUE(win.app.animating());
    // Its time come (here: no interval), the next frame shows it.
    ap.drag_show_ms = 0;
    win.frame();
    EXPECT_NE(win.shown(), first);
    EXPECT_NEAR(ap.result()->params.candidates.at(0).pos.x, 240000, 100);
    EXPECT_FALSE(ap.holding());
    // Held again; the release shows the latest.
    ap.drag_show_ms = 60000;
    const uint64_t second = win.shown();
    moved_to({242000, 485000});
    EXPECT_EQ(win.shown(), second);
    EXPECT_TRUE(mouse(SDL_MOUSEBUTTONUP, {242000, 485000}));
    EXPECT_FALSE(ap.dragging());
    win.frame();
    EXPECT_NE(win.shown(), second);
    EXPECT_NEAR(ap.result()->params.candidates.at(0).pos.x, 242000, 100);
    EXPECT_FALSE(win.app.animating());
}

// The figures are computed only while something shows them (issue 15: most of a decay or threshold step's work):
// not for the heatmap alone; opening the figures window, or a choropleth of analysis figures, asks for them.
TEST(AnalysisPanel, FiguresAreComputedOnlyWhileSomethingShowsThem) {
    Window win(Metric::TravelTime);
    AnalysisPanel& ap = win.app.analysis();
    auto settled = [&] {  // a frame that asks, the worker, a frame that takes its result
        win.frame();
        EXPECT_TRUE(ap.analysis().wait(120));
        win.frame();
        EXPECT_TRUE(ap.result());
    };
    settled();
    EXPECT_FALSE(ap.figures_needed());
    EXPECT_FALSE(ap.result()->params.figures);
    EXPECT_TRUE(ap.result()->figures.empty());
    ap.show_figures = true;  // the figures window
    settled();
    EXPECT_TRUE(ap.figures_needed());
    EXPECT_TRUE(ap.result()->params.figures);
    EXPECT_EQ(ap.result()->figures.size(), 14u);  // a row per Twente municipality
    ap.show_figures = false;
    settled();
    EXPECT_TRUE(ap.result()->figures.empty());
    win.app.view().choropleth = Choropleth::Coverage;  // a choropleth of the analysis' figures
    win.app.view().layers.choropleth = true;
    settled();
    EXPECT_TRUE(ap.figures_needed());
    EXPECT_EQ(ap.result()->figures.size(), 14u);
    win.app.view().choropleth = Choropleth::Density;  // a CBS choropleth: none
    settled();
    EXPECT_FALSE(ap.figures_needed());
    EXPECT_TRUE(ap.result()->figures.empty());
}
