#include "viewer/render/offscreen.h"

namespace viewer {

bool render_to_rgba(MapRenderer& r, const MapView& view, std::vector<unsigned char>& rgba, const RenderOptions& opt,
                    int samples) {
    const int w = opt.tile_w > 0 ? opt.tile_w : view.cam.w, h = opt.tile_w > 0 ? opt.tile_h : view.cam.h;
    GLint max_rb = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_rb);
    if (w <= 0 || h <= 0 || w > max_rb || h > max_rb) return false;
    RenderTarget rt;
    if (!rt.create(w, h, samples)) return false;
    rt.bind();
    r.render(view, opt);
    rgba.resize(size_t(w) * h * 4);
    rt.read_rgba(rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return true;
}

}  // namespace viewer
