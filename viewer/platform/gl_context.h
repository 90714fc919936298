// A GL 3.3 core context without a visible window (SDL offscreen/hidden window). Tests, --screenshot,
// export and the CLI render through this; the interactive app creates its own window.
#pragma once
#include <string>

struct SDL_Window;

namespace viewer {

class GLContext {
public:
    // Creates a hidden w x h window + GL 3.3 core context. Sets SDL_VIDEODRIVER=offscreen when no display is
    // set. Throws std::runtime_error with SDL's message on failure. Benches give the window the size they measure,
    // to draw into its default framebuffer (framebuffer 0) as the app does.
    explicit GLContext(int w = 64, int h = 64);
    ~GLContext();
    GLContext(const GLContext&) = delete;
    GLContext& operator=(const GLContext&) = delete;
    SDL_Window* window() const { return win_; }

private:
    SDL_Window* win_ = nullptr;
    void* ctx_ = nullptr;
};

}  // namespace viewer
