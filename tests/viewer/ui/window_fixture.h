// The window's App offscreen, for the app and ui tests: the data and one GL context per process (made current on
// use), and one frame of the App into a render target as the window and --screenshot draw it.
#pragma once
#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/gl.h"
#include "viewer/ui/app.h"

namespace window_test {

struct WindowEnv {
    geo::Dataset data = geo::load_dataset();
    viewer::GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
};

inline WindowEnv& window_env() {
    static WindowEnv* e = new WindowEnv();  // never destroyed: the GL context outlives every test's App
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);
    return *e;
}

// One frame of `app` at w x h (framebuffer = window pixels) into rt.
inline void app_frame(viewer::App& app, viewer::RenderTarget& rt, int w, int h) {
    rt.bind();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(w), float(h));
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplOpenGL3_NewFrame();
    app.frame(w, h, w, h, 1.0 / 60, rt.fbo);
}

}  // namespace window_test
