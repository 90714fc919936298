#include "viewer/present/deck_video.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "viewer/render/gl.h"

namespace viewer {

namespace {

// Presenter::update takes at most 0.1 s a call (a long pause must not skip a flight): below 10 fps a frame's
// time is given in steps.
constexpr double kMaxStep = 0.1;

template <class F>
void steps(double dt, F&& f) {
    for (double left = dt; left > 1e-12; left -= kMaxStep) f(std::min(left, kMaxStep));
}

int rest_frames(const DeckVideoTiming& t) { return std::max(1, int(std::lround(t.seconds_per_scene * t.fps))); }

}  // namespace

DeckVideoPlan plan_deck_video(Presenter& p, const DeckVideoTiming& t) {
    DeckVideoPlan plan;
    const int n = int(p.deck().scenes.size());
    const double dt = 1.0 / std::max(1, t.fps);
    for (int i = 0; i < n; ++i) {
        if (i > 0) {  // the transition from i - 1, as Presenter::update advances it
            const double total = std::max(1e-3, p.transition_seconds(i - 1, i));
            double u = 0;
            while (u < 1) {
                steps(dt, [&](double s) { u += s / total; });
                ++plan.frames;
            }
        }
        plan.rest_begin.push_back(plan.frames);
        plan.frames += rest_frames(t);
        plan.rest_end.push_back(plan.frames);
    }
    return plan;
}

DeckVideoPlan play_deck(Presenter& p, const DeckVideoTiming& t, const DeckFrameSink& sink) {
    DeckVideoPlan plan;
    const int n = int(p.deck().scenes.size()), W = p.width(), H = p.height();
    if (n == 0) return plan;
    RenderTarget rt;
    if (!rt.create(W, H, 0)) throw std::runtime_error("cannot allocate a " + std::to_string(W) + "x" + std::to_string(H) + " frame");
    std::vector<unsigned char> rgba(size_t(W) * H * 4);
    const double dt = 1.0 / std::max(1, t.fps);
    auto frame = [&](int scene) {
        p.draw(rt.fbo);
        rt.read_rgba(rgba.data());
        return sink(rgba.data(), plan.frames++, scene);
    };
    bool go_on = true;
    p.go(0, false);
    for (int i = 0; i < n && go_on; ++i) {
        if (i > 0) {
            p.go(i, true);  // renders the flight's pictures, then flies
            while (go_on && p.animating()) {
                steps(dt, [&](double s) { p.update(s); });
                go_on = frame(i);
            }
        }
        p.keep_only_neighbours();  // memory: what the scenes behind needed goes
        // At rest the picture does not change: drawn once, handed over for every frame of the rest.
        plan.rest_begin.push_back(plan.frames);
        if (go_on) go_on = frame(i);
        for (int k = 1; k < rest_frames(t) && go_on; ++k) go_on = sink(rgba.data(), plan.frames++, i);
        plan.rest_end.push_back(plan.frames);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return plan;
}

}  // namespace viewer
