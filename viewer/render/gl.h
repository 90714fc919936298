// OpenGL 3.3 core through libepoxy, and small helpers shared by every renderer.
#pragma once
#include <epoxy/gl.h>

#include <string>

namespace viewer {

// Source of shaders/<name> (embedded at build time); nullptr when unknown.
const char* shader_source(const std::string& name);

// Compiles and links shaders/<vs> + shaders/<fs>. Throws std::runtime_error with the GLSL log.
GLuint make_program(const std::string& vs, const std::string& fs);

// Offscreen render target (RGBA8 colour only: the map uses neither depth nor stencil), optionally multisampled,
// or with its colour in a texture that can be sampled (create_texture).
struct RenderTarget {
    int w = 0, h = 0, samples = 0;
    GLuint fbo = 0, color = 0;
    GLuint resolve_fbo = 0, resolve_tex = 0;  // when samples > 0
    GLuint tex = 0;                           // the colour texture of create_texture (bilinear, clamped)
    bool create(int w, int h, int samples = 4);
    bool create_texture(int w, int h);
    void destroy();
    void bind() const;
    // Resolves (if multisampled) and reads back RGBA8, top row first.
    void read_rgba(unsigned char* out) const;
    ~RenderTarget() { destroy(); }
};

}  // namespace viewer
