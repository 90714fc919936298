#include "viewer/present/presenter_parts.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "viewer/render/ui_batch.h"

namespace viewer {

using geo::BBox;
using geo::P2;

MapView Presenter::scene_view(const Scene& s, const Camera& cam, bool furniture, const CaptionLayout* lay) const {
    MapView v;
    v.user_layers = opt_.user_layers;  // the session's own layers; the scene's "user:NAME" shows or hides one
    apply_scene(s, v);
    v.cam = cam;
    v.ui_scale = ui_scale_;
    v.furniture = furniture;
    if (lay) {
        v.avoid_px.push_back(lay->panel.grown(4));
        if (!lay->live_band.empty()) v.avoid_px.push_back(lay->live_band.grown(4));
        v.inset_bottom = lay->inset_bottom;
    }
    // What-if symbols and their labels are drawn on top of the map: keep map labels off them.
    const float R = 13 * ui_scale_;
    for (const auto& wi : s.whatif) {
        const P2 p = cam.to_screen(wi.pos);
        const float tw = text_->measure(wi.label.current(), 15 * ui_scale_, true).w;
        v.avoid_px.push_back({p.x - 1.9 * R, p.y - 1.9 * R, p.x + 1.9 * R + 6 * ui_scale_ + tw, p.y + 1.9 * R});
    }
    return v;
}

void Presenter::draw_whatif(const Scene& s, const Camera& cam, float su) {
    if (s.whatif.empty()) return;
    const BaseColours& bc = base_colours();
    const float R = 13 * su;
    UiBatch t;
    for (const auto& wi : s.whatif) {
        const P2 p = cam.to_screen(wi.pos);
        geo::Category c = geo::Category::Theatre;
        geo::category_from_key(wi.category, c);
        // A dashed outer ring says "hypothetical"; the category colour sits inside a highlight ring.
        for (int k = 0; k < 12; ++k)
            t.arc(p, 1.6 * R, 1.8 * R, k * M_PI / 6, k * M_PI / 6 + M_PI / 10, 4, bc.highlight);
        t.disc(p, 1.2 * R, hex(0xffffff, 0.95f));
        t.arc(p, 0.85 * R, 1.2 * R, 0, 2 * M_PI, 32, bc.highlight);
        t.disc(p, 0.62 * R, category_style(c).fill);
        if (!wi.label.empty())
            text_->add(wi.label.current(), float(p.x + 1.9 * R + 4 * su), float(p.y), style(15 * su, bc.text, true, 1, 2.5f * su),
                       Anchor::Left);
    }
    ui_->draw(t, cam.w, cam.h);
    text_->flush(cam.w, cam.h);
}

void Presenter::render_picture(const Scene& s, const Camera& cam, bool furniture, const CaptionLayout* lay,
                               Image& out, int samples) {
    const double t0 = now_ms();
    out.diffed = false;  // a new picture: its differences from the bare one are found again
    out.differs.clear();
    GLint prev_fbo = 0, prev_vp[4];
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_fbo);
    glGetIntegerv(GL_VIEWPORT, prev_vp);
    out.ready = false;
    if (!out.allocate(cam.w, cam.h)) throw std::runtime_error("presenter: cannot allocate a " + std::to_string(cam.w) + "x" +
                                                            std::to_string(cam.h) + " picture");
    MapView v = scene_view(s, cam, furniture, lay);
    RenderOptions o;
    const BaseColours& bc = base_colours();
    // Extra highlighted municipalities (the MapRenderer outlines only the first) and the heatmap hook.
    std::vector<const geo::Municipality*> extra;
    for (size_t k = 1; k < s.municipalities.size(); ++k)
        if (const auto* m = data_.find_municipality(s.municipalities[k])) extra.push_back(m);
    const bool heat = s.heatmap && hooks_.draw_heatmap;
    if (heat) o.overlay = [&](const Camera& tc) { hooks_.draw_heatmap(s, tc, ui_scale_); };
    if (furniture && s.heatmap && hooks_.heatmap_legend)
        if (auto r = hooks_.heatmap_legend(s, ui_scale_)) o.ramps.push_back(*r);
    const bool msaa = samples > 0;
    if (msaa) {
        RenderTarget& rt = scratch_->msaa;
        if (rt.w != cam.w || rt.h != cam.h || rt.samples == 0 || !rt.fbo) {
            if (!rt.create(cam.w, cam.h, samples)) throw std::runtime_error("presenter: cannot allocate an MSAA target");
        }
        rt.bind();
    } else {
        glBindFramebuffer(GL_FRAMEBUFFER, out.fbo);
        glViewport(0, 0, cam.w, cam.h);
    }
    renderer_.render(v, o);
    glViewport(0, 0, cam.w, cam.h);
    if (!extra.empty()) {  // same width and colour as MapRenderer's outline of the first one
        UiBatch t;
        const BBox vb = cam.view_bbox();
        for (const auto* m : extra) {
            if (!m->bbox.intersects(vb)) continue;
            for (const auto& poly : m->geom)
                for (const auto& ring : poly.rings)
                    for (size_t k = 0; k < ring.size(); ++k)
                        t.segment(cam.to_screen(ring[k]), cam.to_screen(ring[(k + 1) % ring.size()]), 1.5 * ui_scale_,
                                  bc.highlight);
        }
        ui_->draw(t, cam.w, cam.h);
    }
    draw_whatif(s, cam, ui_scale_);
    if (msaa) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, scratch_->msaa.fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, out.fbo);
        glBlitFramebuffer(0, 0, cam.w, cam.h, 0, 0, cam.w, cam.h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        scratch_->msaa.destroy();  // 5 screens of memory; made again for the next snapshot (a few ms)
    }
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo));
    glViewport(prev_vp[0], prev_vp[1], prev_vp[2], prev_vp[3]);
    out.cam = cam;
    out.ready = true;
    stats_.render_ms += now_ms() - t0;
}

Presenter::Image& Presenter::snapshot(int i) {
    check_lang();
    auto& slot = snapshots_[i];
    if (!slot) slot = std::make_unique<Image>();
    if (!slot->ready) {
        const CaptionLayout& lay = layout(i);
        render_picture(deck_.scenes.at(size_t(i)), lay.cam, true, &lay, *slot, opt_.snapshot_samples);
        ++stats_.snapshots_rendered;
        // Bake the caption's glyphs now (titles above 48 px use glyphs nobody else has baked yet, ~1 ms each),
        // not in the first frame that shows it: draw it once into the 1x1 probe target.
        GLint prev = 0, vp[4];
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev);
        glGetIntegerv(GL_VIEWPORT, vp);
        if (scratch_->probe.allocate(1, 1)) {
            glBindFramebuffer(GL_FRAMEBUFFER, scratch_->probe.fbo);
            glViewport(0, 0, 1, 1);
            draw_caption(lay, deck_.scenes.at(size_t(i)), 1, i);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev));
        glViewport(vp[0], vp[1], vp[2], vp[3]);
    }
    return *slot;
}

Presenter::Image& Presenter::bare(int i) {
    check_lang();
    auto& slot = bares_[i];
    if (!slot) slot = std::make_unique<Image>();
    if (!slot->ready) {
        // Antialiased like the snapshot, so that the two differ only where the furniture is.
        render_picture(deck_.scenes.at(size_t(i)), layout(i).cam, false, nullptr, *slot, opt_.snapshot_samples);
        ++stats_.snapshots_rendered;
    }
    return *slot;
}

// The 32 px tiles (merged into runs along a row) where scene i's snapshot and bare picture differ: the legend,
// scale bar, north arrow, attribution, labels kept clear of the caption. Only these are blended when the
// furniture fades, instead of the whole screen.
const std::vector<BBox>& Presenter::fade_tiles(int i) {
    Image& snap = snapshot(i);
    Image& b = bare(i);
    if (snap.diffed) return snap.differs;
    snap.differs.clear();
    const int w = snap.w, h = snap.h, T = 32;
    std::vector<unsigned char> ps(size_t(w) * h * 4), pb(ps.size());
    GLint prev = 0;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, snap.fbo);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, ps.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, b.fbo);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pb.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, GLuint(prev));
    if (b.w == w && b.h == h) {
        for (int ty = 0; ty < h; ty += T) {  // GL rows: from the bottom
            int run0 = -1;
            for (int tx = 0; tx <= w; tx += T) {
                bool diff = false;
                for (int y = ty; y < std::min(h, ty + T) && !diff && tx < w; ++y) {
                    const size_t row = size_t(y) * w * 4;
                    for (int x = tx; x < std::min(w, tx + T) && !diff; ++x)
                        for (int c = 0; c < 3; ++c)
                            diff |= std::abs(int(ps[row + size_t(x) * 4 + c]) - int(pb[row + size_t(x) * 4 + c])) > 2;
                }
                if (diff && run0 < 0) run0 = tx;
                if (!diff && run0 >= 0) {  // a run of differing tiles ends: store it in image px, y down
                    snap.differs.push_back({double(run0), double(std::max(0, h - ty - T)), double(std::min(w, tx)), double(h - ty)});
                    run0 = -1;
                }
            }
        }
    } else {
        snap.differs.push_back({0, 0, double(w), double(h)});
    }
    snap.diffed = true;
    return snap.differs;
}

std::unique_ptr<Presenter::Flight> Presenter::plan_flight(int from, int to) const {
    auto* self = const_cast<Presenter*>(this);  // layouts are a cache
    auto f = std::make_unique<Flight>();
    f->from = from;
    f->to = to;
    const Camera a = self->layout(from).cam, b = self->layout(to).cam;
    f->path = SmoothPath(view_of(a), view_of(b), opt_.rho);
    const double S = f->path.length();
    f->duration = S > 0 ? flight_seconds(S, opt_.speed, opt_.min_seconds, opt_.max_seconds) : opt_.fade_seconds;
    f->shared = same_content(deck_.scenes[size_t(from)], deck_.scenes[size_t(to)]);
    // Content A is seen until 65 % of the path, content B from 35 % (they cross-fade in between).
    f->plan_a = plan_keyframes(f->path, w_, h_, 0, f->shared ? S : 0.65 * S, opt_.keyframe_scale);
    if (!f->shared) f->plan_b = plan_keyframes(f->path, w_, h_, 0.35 * S, S, opt_.keyframe_scale);
    // Memory bound: a flight whose keyframes would take more than flight_screens full-screen pictures gets them at
    // a lower resolution (same views, fewer pixels; shown magnified by at most 1 / k).
    double px = 0;
    for (const auto* plan : {&f->plan_a, &f->plan_b})
        for (const KeyframePlan& k : *plan) px += double(k.cam.w) * k.cam.h;
    const double limit = opt_.flight_screens * w_ * h_;
    if (limit > 0 && px > limit) {
        const std::vector<KeyframePlan> a = f->plan_a, b = f->plan_b;
        for (double k = std::sqrt(limit / px);; k *= 0.99) {  // smaller until the rounded-up sizes fit too
            double total = 0;
            for (auto [plan, from] : {std::pair{&f->plan_a, &a}, std::pair{&f->plan_b, &b}})
                for (size_t i = 0; i < plan->size(); ++i) {
                    const Camera& c = (*from)[i].cam;
                    Camera& kc = (*plan)[i].cam;
                    kc.w = std::max(1, int(std::ceil(c.w * k)));
                    kc.h = std::max(1, int(std::ceil(c.h * k)));
                    kc.mpp = c.mpp * std::max(double(c.w) / kc.w, double(c.h) / kc.h);
                    total += double(kc.w) * kc.h;
                }
            if (total <= limit || k < 0.05) break;
        }
    }
    f->a.resize(f->plan_a.size());
    f->b.resize(f->plan_b.size());
    return f;
}

bool Presenter::render_next_keyframe(Flight& f) {
    for (int side = 0; side < 2; ++side) {
        auto& plan = side == 0 ? f.plan_a : f.plan_b;
        auto& imgs = side == 0 ? f.a : f.b;
        for (size_t k = 0; k < plan.size(); ++k) {
            if (imgs[k] && imgs[k]->ready) continue;
            if (!imgs[k]) imgs[k] = std::make_unique<Image>();
            const Scene& s = deck_.scenes.at(size_t(side == 0 ? f.from : f.to));
            render_picture(s, plan[k].cam, false, nullptr, *imgs[k], 0);
            ++stats_.keyframes_rendered;
            return true;
        }
    }
    return false;
}

size_t Presenter::cache_bytes() const {
    auto bytes = [](const RenderTarget* t) -> size_t {
        if (!t || (!t->tex && !t->fbo)) return 0;
        const size_t px = size_t(t->w) * size_t(t->h) * 4;
        return t->samples > 0 ? px * size_t(t->samples) + px : px;  // multisampled + its resolve texture
    };
    size_t n = bytes(&scratch_->msaa) + bytes(fade_from_.get()) + bytes(free_image_.get()) + bytes(audience_.get()) +
               bytes(next_pic_.get()) + bytes(live_image_.get());
    for (const auto* m : {&snapshots_, &bares_})
        for (const auto& [i, img] : *m) n += bytes(img.get());
    auto flight = [&](const Flight* f) {
        if (!f) return;
        for (const auto& img : f->a) n += bytes(img.get());
        for (const auto& img : f->b) n += bytes(img.get());
    };
    for (const auto& [k, f] : flights_) flight(f.get());
    flight(flight_.get());
    return n;
}

double Presenter::transition_seconds(int from, int to) const {
    if (from == to) return 0;
    return plan_flight(from, to)->duration + 2 * opt_.furniture_seconds;
}

void Presenter::prepare_flight(int from, int to) {
    auto& f = flights_[{from, to}];
    if (!f) f = plan_flight(from, to);
    while (render_next_keyframe(*f)) {
    }
}

// Scene i's pictures for resting and fading: the snapshot, the bare picture and the tiles where they differ.
bool Presenter::scene_pictures_ready(int i) const {
    auto s = snapshots_.find(i), b = bares_.find(i);
    return s != snapshots_.end() && s->second && s->second->ready && s->second->diffed && b != bares_.end() &&
           b->second && b->second->ready;
}

// Renders the next missing one of them (one picture per step, so a key press waits for one at most); false when
// all are there.
bool Presenter::scene_pictures_step(int i) {
    if (scene_pictures_ready(i)) return false;
    auto s = snapshots_.find(i);
    auto b = bares_.find(i);
    if (s == snapshots_.end() || !s->second || !s->second->ready) snapshot(i);
    else if (b == bares_.end() || !b->second || !b->second->ready) bare(i);
    else fade_tiles(i);
    return true;
}

bool Presenter::prefetch_pending() const {
    if (deck_.scenes.empty() || animating() || free_cam_ || live_) return false;
    const int cur = nav_.current(), n = int(deck_.scenes.size());
    if (!scene_pictures_ready(cur)) return true;
    // The next scene and the flight there (the flight back only when one was started: see prefetch_step).
    if (cur + 1 < n) {
        if (!scene_pictures_ready(cur + 1)) return true;
        auto f = flights_.find({cur, cur + 1});
        if (f == flights_.end() || f->second->done() < f->second->total()) return true;
    }
    auto b = flights_.find({cur, cur - 1});
    return b != flights_.end() && b->second->done() > 0 && b->second->done() < b->second->total();
}

void Presenter::keep_only_neighbours() {
    const int cur = nav_.current();
    for (auto it = flights_.begin(); it != flights_.end();)
        it = it->first.first == cur ? std::next(it) : flights_.erase(it);
    for (auto* m : {&snapshots_, &bares_})
        for (auto it = m->begin(); it != m->end();)
            it = std::abs(it->first - cur) <= 1 ? std::next(it) : m->erase(it);
}

bool Presenter::prefetch_step() {
    if (deck_.scenes.empty() || animating() || free_cam_ || live_) return false;
    check_lang();
    const int cur = nav_.current(), n = int(deck_.scenes.size());
    keep_only_neighbours();
    if (scene_pictures_step(cur)) return true;
    const double screen = 4.0 * w_ * h_;
    for (int j : {cur + 1, cur - 1}) {
        if (j < 0 || j >= n) continue;
        // The next scene always; the previous one only within the memory bound (else prepared when asked for).
        if (j == cur - 1 && !scene_pictures_ready(j) && double(cache_bytes()) + 7 * screen > opt_.cache_screens * screen)
            return false;
        if (scene_pictures_step(j)) return true;
        auto it = flights_.find({cur, j});
        std::unique_ptr<Flight> planned = it == flights_.end() ? plan_flight(cur, j) : nullptr;
        Flight& f = planned ? *planned : *it->second;
        if (f.done() == f.total()) continue;
        if (j == cur - 1 && f.done() == 0) {  // starting the flight back: does all of it fit?
            double px = 0;
            for (const auto* plan : {&f.plan_a, &f.plan_b})
                for (const KeyframePlan& k : *plan) px += double(k.cam.w) * k.cam.h;
            if (double(cache_bytes()) + 4 * px > opt_.cache_screens * screen) return false;
        }
        if (planned) it = flights_.emplace(std::make_pair(cur, j), std::move(planned)).first;
        if (render_next_keyframe(*it->second)) return true;
    }
    return false;
}

}  // namespace viewer
