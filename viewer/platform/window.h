// The one place that opens an SDL window with its OpenGL 3.3 core context: the app's window, the presenter's full
// screen and the hidden windows that offscreen rendering (tests, --screenshot, export, benches) draws through.
//
//     viewer::platform::WindowOptions o;
//     o.title = "trekkaart"; o.w = 1400; o.h = 900; o.resizable = o.high_dpi = true;
//     viewer::platform::Window win(o);            // throws std::runtime_error naming what failed
//     ... App app(data, win.sdl(), win.dpi_scale()); ... win.swap();
#pragma once
#include <string>

struct SDL_Window;

namespace viewer::platform {

struct WindowOptions {
    std::string title = "trekkaart";
    int w = 64, h = 64;
    // Hidden: an offscreen window at (0, 0) for rendering into framebuffers; uses SDL's offscreen video driver
    // when there is no display, and leaves SDL running when closed (a process may open several, e.g. tests).
    // Otherwise a window on screen, centred, swapping with vsync; it owns SDL (init here, SDL_Quit when closed).
    bool hidden = false;
    bool resizable = false;
    bool fullscreen = false;  // full screen on the desktop's resolution
    bool high_dpi = false;    // physical pixels on HiDPI displays (drawable size > window size)
    int display = -1;         // the display (0-based, as SDL counts) to open on; -1: the default one
};

// The number of displays (starts SDL video when needed; 1 under the offscreen driver).
int display_count();

class Window {
public:
    // Opens the window and makes its GL 3.3 core context (no depth or stencil buffer) current. Throws
    // std::runtime_error: "cannot start SDL video: ...", "cannot open a window: ..." or
    // "cannot create an OpenGL 3.3 core context: ..." (SDL's reason after the colon).
    explicit Window(const WindowOptions& o);
    // A second window drawn with `share`'s GL context (so both draw the same textures; issue 14: the speaker's
    // window beside the audience's). Make it current before drawing into it; `share` must outlive it.
    Window(const WindowOptions& o, const Window& share);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    SDL_Window* sdl() const { return win_; }
    // Interface scale for the display the window is on: its DPI / 96 when above 120 dpi (at most 3), else 1.
    float dpi_scale() const;
    void drawable_size(int& w, int& h) const;  // framebuffer pixels
    void size(int& w, int& h) const;           // window (logical) pixels
    void swap();
    void make_current();                       // this window with its (or the shared) GL context

private:
    SDL_Window* win_ = nullptr;
    void* ctx_ = nullptr;
    bool owns_sdl_ = false, owns_ctx_ = true;
};

}  // namespace viewer::platform
