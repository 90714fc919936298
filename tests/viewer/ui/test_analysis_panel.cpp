// Issue 15: a slider step reaches the picture in the frame that asks for it. The analysis panel asks after its
// controls (a value moved in this frame is asked for in this frame) and waits, up to quick_wait_ms, for a step the
// worker did quickly last time; with no wait the result comes in a later frame. Through the real window (App with
// its ImGui panels), offscreen.
#include <gtest/gtest.h>

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/gl.h"
#include "viewer/ui/app.h"
#include "viewer/ui/ui_analysis.h"

using namespace viewer;

namespace {

struct PanelEnv {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
};

PanelEnv& env() {
    static PanelEnv* e = new PanelEnv();
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);
    return *e;
}

struct Window {
    PanelEnv& e = env();
    App app{e.data, e.ctx.window(), 1.0f};
    RenderTarget rt;
    int w = 1280, h = 720;
    Window() { EXPECT_TRUE(rt.create(w, h, 0)); }
    void frame() {
        rt.bind();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(w), float(h));
        io.DeltaTime = 1.0f / 60;
        ImGui_ImplOpenGL3_NewFrame();
        app.frame(w, h, w, h, 1.0 / 60, rt.fbo);
    }
    uint64_t shown() { return app.analysis().result() ? app.analysis().result()->id : 0; }
};

}  // namespace

TEST(AnalysisPanel, AQuickStepIsShownByTheFrameThatAsksForIt) {
    Window win;
    AnalysisPanel& ap = win.app.analysis();
    ap.overlay_on = true;
    ap.params().metric = Metric::TravelTime;
    ap.params().mode = geo::Mode::Bike;
    ap.params().threshold_min = 15;
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
