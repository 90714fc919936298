#include "viewer/platform/gl_context.h"

#include <SDL.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>


namespace viewer {

GLContext::GLContext(int w, int h) {
    if (!std::getenv("SDL_VIDEODRIVER") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (SDL_WasInit(SDL_INIT_VIDEO) == 0 && SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        throw std::runtime_error(std::string("SDL video init failed: ") + SDL_GetError());
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);  // 2D map: no depth or stencil buffer (each costs bandwidth
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);    // on a software rasteriser)
    win_ = SDL_CreateWindow("trekkaart (offscreen)", 0, 0, w, h, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    if (!win_) throw std::runtime_error(std::string("cannot create an offscreen window: ") + SDL_GetError());
    ctx_ = SDL_GL_CreateContext(win_);
    if (!ctx_) {
        SDL_DestroyWindow(win_);
        throw std::runtime_error(std::string("cannot create an OpenGL 3.3 core context: ") + SDL_GetError());
    }
    SDL_GL_MakeCurrent(win_, ctx_);
}

GLContext::~GLContext() {
    if (ctx_) SDL_GL_DeleteContext(ctx_);
    if (win_) SDL_DestroyWindow(win_);
}

}  // namespace viewer
