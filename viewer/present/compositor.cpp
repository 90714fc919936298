#include "viewer/present/presenter_parts.h"

#include <cmath>

namespace viewer {

using geo::BBox;
using geo::P2;

void Presenter::capture_frame(Image& out) {
    const Camera cam = camera();
    if (flight_) {
        snapshot(flight_->from);
        snapshot(flight_->to);
        bare(flight_->from);
        bare(flight_->to);
    } else if (!free_cam_) {
        snapshot(nav_.current());
    }
    if (!out.allocate(w_, h_)) return;
    glBindFramebuffer(GL_FRAMEBUFFER, out.fbo);
    glViewport(0, 0, w_, h_);
    draw_map(cam);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    out.cam = cam;
    out.ready = true;
}

bool Presenter::covers(const Image& img, const Camera& view) const {
    const P2 a = view.to_screen(img.cam.to_world({0, 0})), b = view.to_screen(img.cam.to_world({double(img.w), double(img.h)}));
    return a.x <= 0.5 && a.y <= 0.5 && b.x >= view.w - 0.5 && b.y >= view.h - 0.5;
}

void Presenter::draw_image(const Image& img, const Camera& view, float alpha, bool coarse) {
    // The picture's corners in the world, then on screen.
    const P2 tl = img.cam.to_world({0, 0}), br = img.cam.to_world({double(img.w), double(img.h)});
    const P2 a = view.to_screen(tl), b = view.to_screen(br);
    const bool whole = std::abs(a.x - std::round(a.x)) < 1e-3 && std::abs(a.y - std::round(a.y)) < 1e-3;
    const bool one_to_one = whole && std::abs(b.x - a.x - img.w) < 1e-3 && std::abs(b.y - a.y - img.h) < 1e-3;
    if (one_to_one && alpha >= 1) {
        GLint target = 0, sample_buffers = 0;
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
        glGetIntegerv(GL_SAMPLE_BUFFERS, &sample_buffers);
        if (sample_buffers == 0) {  // an exact copy (GL rows count from the bottom)
            const int x0 = int(std::lround(a.x)), y0 = view.h - int(std::lround(a.y)) - img.h;
            glBindFramebuffer(GL_READ_FRAMEBUFFER, img.fbo);
            glBlitFramebuffer(0, 0, img.w, img.h, x0, y0, x0 + img.w, y0 + img.h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
            glBindFramebuffer(GL_FRAMEBUFFER, GLuint(target));
            return;
        }
    }
    const float v[] = {float(a.x), float(a.y), 0, 1, float(b.x), float(a.y), 1, 1, float(b.x), float(b.y), 1, 0,
                       float(a.x), float(a.y), 0, 1, float(b.x), float(b.y), 1, 0, float(a.x), float(b.y), 0, 0};
    draw_quads(img, view, alpha, one_to_one || coarse, v, 6);
}

// Triangles of (screen x, y, texture u, v) vertices textured with img, into a viewport of view's size.
void Presenter::draw_quads(const Image& img, const Camera& view, float alpha, bool nearest, const float* v, int n) {
    glUseProgram(prog_img_);
    glUniform2f(glGetUniformLocation(prog_img_, "u_viewport"), float(view.w), float(view.h));
    glUniform1f(glGetUniformLocation(prog_img_, "u_alpha"), alpha);
    glUniform1i(glGetUniformLocation(prog_img_, "u_tex"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, img.tex);
    glBindSampler(0, nearest ? sampler_nearest_ : sampler_linear_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(n * 4 * sizeof(float)), v, GL_STREAM_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 16, (void*)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 16, (void*)8);
    if (alpha >= 1) {
        glDisable(GL_BLEND);
    } else {
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    }
    glDrawArrays(GL_TRIANGLES, 0, n);
    glBindSampler(0, 0);
    glEnable(GL_BLEND);
    glBindVertexArray(0);
}

void Presenter::fade_furniture(const Image& bare, const Image& snap, const std::vector<BBox>& tiles, float alpha,
                               const Camera& view) {
    const P2 a = view.to_screen(snap.cam.to_world({0, 0})), b = view.to_screen(bare.cam.to_world({0, 0}));
    const bool aligned = std::abs(a.x) < 1e-3 && std::abs(a.y) < 1e-3 && std::abs(b.x) < 1e-3 && std::abs(b.y) < 1e-3 &&
                         snap.w == view.w && snap.h == view.h && bare.w == view.w && bare.h == view.h &&
                         std::abs(snap.cam.mpp - view.mpp) < 1e-9 * view.mpp && std::abs(bare.cam.mpp - view.mpp) < 1e-9 * view.mpp;
    if (!aligned) {  // not at the scene's own camera (should not happen): the whole pictures
        composite({{&bare, 1}, {&snap, alpha}}, view);
        return;
    }
    // The stronger picture copied, the weaker one blended where the two differ (exact at 1:1).
    const Image& base = alpha >= 0.5f ? snap : bare;
    const Image& over = alpha >= 0.5f ? bare : snap;
    const float a_over = alpha >= 0.5f ? 1 - alpha : alpha;
    draw_image(base, view, 1);
    if (a_over <= 0.002f || tiles.empty()) return;
    std::vector<float> v;
    v.reserve(tiles.size() * 24);
    for (const BBox& r : tiles) {
        const float x0 = float(r.minx), y0 = float(r.miny), x1 = float(r.maxx), y1 = float(r.maxy);
        const float u0 = x0 / over.w, u1 = x1 / over.w, v0 = 1 - y0 / over.h, v1 = 1 - y1 / over.h;
        const float q[] = {x0, y0, u0, v0, x1, y0, u1, v0, x1, y1, u1, v1, x0, y0, u0, v0, x1, y1, u1, v1, x0, y1, u0, v1};
        v.insert(v.end(), std::begin(q), std::end(q));
    }
    draw_quads(over, view, a_over, true, v.data(), int(v.size() / 4));
    stats_.fade_area = 0;
    for (const BBox& r : tiles) stats_.fade_area += r.width() * r.height() / (double(view.w) * view.h);
}

void Presenter::composite(const std::vector<Layer>& layers, const Camera& view, bool coarse) {
    std::vector<Layer> ls;
    for (const Layer& l : layers)
        if (l.img && l.img->ready && l.alpha > 0.002f) ls.push_back(l);
    auto through = [&](const Layer& l) -> const Camera& { return l.fixed ? l.img->cam : view; };
    auto draw = [&](const Layer& l, float alpha, bool coarse) { draw_image(*l.img, through(l), alpha, coarse); };
    if (ls.size() == 2 && ls[0].alpha >= 1 && covers(*ls[0].img, through(ls[0])) && covers(*ls[1].img, through(ls[1]))) {
        // a*Top + (1-a)*Bottom: the stronger picture opaque and bilinear, the weaker one blended on top, coarse.
        const Layer &bottom = ls[0], &top = ls[1];
        if (top.alpha >= 0.5f) {
            draw(top, 1, coarse);
            draw(bottom, 1 - top.alpha, true);
        } else {
            draw(bottom, 1, coarse);
            draw(top, top.alpha, true);
        }
        return;
    }
    if (ls.empty() || ls[0].alpha < 1 || !covers(*ls[0].img, through(ls[0]))) {
        const BaseColours& bc = base_colours();
        glClearColor(bc.background.r, bc.background.g, bc.background.b, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    for (const Layer& l : ls) draw(l, l.alpha, false);
}

// The map part of the frame (no caption), into the bound framebuffer of size w_ x h_.
void Presenter::draw_map(const Camera& cam) {
    if (free_cam_) {
        composite({{free_image_.get(), 1}}, cam);
        return;
    }
    if (flight_) {
        Flight& f = *flight_;
        const Phase ph = phase();
        // Before and after the camera moves: the scene's furniture fades over its bare picture (both at 1:1).
        if (ph.leaving > 0 || ph.arriving > 0) {
            const int i = ph.leaving > 0 ? f.from : f.to;
            fade_furniture(bare(i), snapshot(i), fade_tiles(i), ph.leaving > 0 ? ph.leaving : ph.arriving, cam);
            return;
        }
        const double s = f.path.length() * ph.u;
        const double mix = f.shared ? 0.0 : smoothstep(0.35, 0.65, ph.u);
        const Image* A = mix < 1 ? Flight::at(f.plan_a, f.a, s) : nullptr;
        const Image* B = mix > 0 ? Flight::at(f.plan_b, f.b, s) : nullptr;
        std::vector<Layer> ls;
        if (A) ls.push_back({A, 1});
        if (B) ls.push_back({B, A ? float(mix) : 1.f});
        // Mid-flight, where the camera is fastest, the two contents cross-fade: both pictures nearest-sampled
        // (a bilinear pass fewer; the stair-steps it leaves on diagonals do not show at that speed).
        composite(ls, cam, true);
        return;
    }
    const Image& snap = snapshot(nav_.current());
    if (fade_t_ < 1 && fade_from_ && fade_from_->ready) {
        composite({{fade_from_.get(), 1, true}, {&snap, float(ease_in_out(fade_t_))}}, cam);
        return;
    }
    composite({{&snap, 1}}, cam);
}

}  // namespace viewer
