// A GL 3.3 core context without a visible window (a hidden platform::Window). Tests, --screenshot, export and the
// CLI render through this into framebuffers.
#pragma once
#include "viewer/platform/window.h"

namespace viewer {

class GLContext {
public:
    // Creates a hidden w x h window + GL 3.3 core context. Sets SDL_VIDEODRIVER=offscreen when no display is
    // set. Throws std::runtime_error with SDL's message on failure. Benches give the window the size they measure,
    // to draw into its default framebuffer (framebuffer 0) as the app does.
    explicit GLContext(int w = 64, int h = 64);
    SDL_Window* window() const { return win_.sdl(); }

private:
    platform::Window win_;
};

}  // namespace viewer
