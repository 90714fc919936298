#include "viewer/platform/window.h"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace viewer::platform {

namespace {
[[noreturn]] void fail(const char* what) { throw std::runtime_error(std::string(what) + SDL_GetError()); }
}  // namespace

Window::Window(const WindowOptions& o) {
    if (o.hidden) {
        if (!std::getenv("SDL_VIDEODRIVER") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
            setenv("SDL_VIDEODRIVER", "offscreen", 1);
        if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) fail("cannot start SDL video: ");
    } else {
        if (o.high_dpi) SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) fail("cannot start SDL video: ");
        owns_sdl_ = true;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);  // 2D map: no depth or stencil buffer (each costs bandwidth
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);    // on a software rasteriser)
    Uint32 flags = SDL_WINDOW_OPENGL;
    if (o.hidden) flags |= SDL_WINDOW_HIDDEN;
    if (o.resizable) flags |= SDL_WINDOW_RESIZABLE;
    if (o.high_dpi) flags |= SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    const int pos = o.hidden ? 0 : o.display >= 0 ? int(SDL_WINDOWPOS_CENTERED_DISPLAY(o.display)) : int(SDL_WINDOWPOS_CENTERED);
    win_ = SDL_CreateWindow(o.title.c_str(), pos, pos, o.w, o.h, flags);
    try {
        if (!win_) fail("cannot open a window: ");
        ctx_ = SDL_GL_CreateContext(win_);
        if (!ctx_) fail("cannot create an OpenGL 3.3 core context: ");
    } catch (...) {
        if (win_) SDL_DestroyWindow(win_);
        if (owns_sdl_) SDL_Quit();
        throw;
    }
    SDL_GL_MakeCurrent(win_, ctx_);
    if (!o.hidden) SDL_GL_SetSwapInterval(1);
    // Keep the GL driver loaded for the rest of the process (one more reference than the windows hold): a window
    // opened after the last one closed (a screenshot, the presenter, a video export, the next test) does not load
    // Mesa anew, and leak checkers at exit still find the driver's own allocations under its name
    // (tests/lsan.supp) instead of in an unloaded "<unknown module>".
    static const bool kept = SDL_GL_LoadLibrary(nullptr) == 0;
    (void)kept;
}

Window::Window(const WindowOptions& o, const Window& share) : ctx_(share.ctx_), owns_ctx_(false) {
    Uint32 flags = SDL_WINDOW_OPENGL;
    if (o.hidden) flags |= SDL_WINDOW_HIDDEN;
    if (o.resizable) flags |= SDL_WINDOW_RESIZABLE;
    if (o.high_dpi) flags |= SDL_WINDOW_ALLOW_HIGHDPI;
    if (o.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    const int pos = o.hidden ? 0 : o.display >= 0 ? int(SDL_WINDOWPOS_CENTERED_DISPLAY(o.display)) : int(SDL_WINDOWPOS_CENTERED);
    win_ = SDL_CreateWindow(o.title.c_str(), pos, pos, o.w, o.h, flags);
    if (!win_) fail("cannot open a window: ");
    SDL_GL_MakeCurrent(win_, ctx_);
    SDL_GL_MakeCurrent(share.win_, ctx_);
}

int display_count() {
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return 1;
    return std::max(1, SDL_GetNumVideoDisplays());
}

void Window::make_current() { SDL_GL_MakeCurrent(win_, ctx_); }

Window::~Window() {
    if (owns_ctx_) SDL_GL_DeleteContext(ctx_);
    SDL_DestroyWindow(win_);
    if (owns_sdl_) SDL_Quit();
}

float Window::dpi_scale() const {
    float ddpi = 96;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(win_), &ddpi, nullptr, nullptr) == 0 && ddpi > 120)
        return std::clamp(ddpi / 96.f, 1.f, 3.f);
    return 1;
}

void Window::drawable_size(int& w, int& h) const { SDL_GL_GetDrawableSize(win_, &w, &h); }
void Window::size(int& w, int& h) const { SDL_GetWindowSize(win_, &w, &h); }
void Window::swap() { SDL_GL_SwapWindow(win_); }

}  // namespace viewer::platform
