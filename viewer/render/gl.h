// OpenGL 3.3 core through libepoxy, and small helpers shared by every renderer.
#pragma once
#include <epoxy/gl.h>

#include <string>

namespace viewer {

// Source of shaders/<name> (embedded at build time); nullptr when unknown.
const char* shader_source(const std::string& name);

// Compiles and links shaders/<vs> + shaders/<fs>. Throws std::runtime_error with the GLSL log.
GLuint make_program(const std::string& vs, const std::string& fs);

// Offscreen render target (RGBA8 colour only: the map uses neither depth nor stencil), optionally multisampled.
struct RenderTarget {
    int w = 0, h = 0, samples = 0;
    GLuint fbo = 0, color = 0;
    GLuint resolve_fbo = 0, resolve_tex = 0;  // when samples > 0
    bool create(int w, int h, int samples = 4);
    void destroy();
    void bind() const;
    // Resolves (if multisampled) and reads back RGBA8, top row first.
    void read_rgba(unsigned char* out) const;
    ~RenderTarget() { destroy(); }
};

}  // namespace viewer
