// What the presenter's source files share and nobody else sees: its cached pictures, a flight's keyframe sets,
// and small drawing helpers. Include only from viewer/present/*.cpp.
#pragma once
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "viewer/present/presenter.h"
#include "viewer/render/gl.h"

namespace viewer {

// A cached map picture: a texture target (colour only: nothing the presenter draws uses depth or stencil) and
// the camera it shows.
struct Presenter::Image : RenderTarget {
    Camera cam;
    bool ready = false;
    // Snapshots: where they differ from the scene's bare picture (image px, y down), for fading the furniture;
    // computed once both are ready.
    std::vector<geo::BBox> differs;
    bool diffed = false;

    // Makes it w x h (keeping the texture when it is that size already); false when GL cannot.
    bool allocate(int w_, int h_) {
        if (tex && w_ == w && h_ == h) return true;
        drop();
        return create_texture(w_, h_);
    }
    void drop() {
        destroy();
        ready = false;
        diffed = false;
        differs.clear();
    }
};

struct Presenter::Flight {
    int from = -1, to = -1;
    SmoothPath path;
    double duration = 0, t = 0;
    bool shared = false;  // both scenes show the same content: one keyframe set for the whole path
    std::vector<KeyframePlan> plan_a, plan_b;
    std::vector<std::unique_ptr<Image>> a, b;
    size_t total() const { return plan_a.size() + plan_b.size(); }
    size_t done() const {
        size_t n = 0;
        for (const auto& i : a) n += i && i->ready;
        for (const auto& i : b) n += i && i->ready;
        return n;
    }
    // The picture of set `imgs` that serves path position s.
    static const Image* at(const std::vector<KeyframePlan>& plan, const std::vector<std::unique_ptr<Image>>& imgs,
                           double s) {
        for (size_t i = 0; i < plan.size(); ++i)
            if (s <= plan[i].s1 || i + 1 == plan.size()) return imgs[i] && imgs[i]->ready ? imgs[i].get() : nullptr;
        return nullptr;
    }
};

struct Presenter::Scratch {
    RenderTarget msaa;  // snapshots are rendered multisampled here, then resolved into their Image
    Image probe;        // 1x1 target for furniture probes
};

inline double smoothstep(double a, double b, double x) {
    double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

inline double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline RGBA with_alpha(RGBA c, float a) {
    c.a *= a;
    return c;
}

// A text style of colour c at opacity alpha (a halo, when asked for, fades with it).
inline TextStyle style(float px, RGBA c, bool bold, float alpha = 1, float halo = 0) {
    TextStyle t;
    t.size_px = px;
    t.rgba[0] = c.r;
    t.rgba[1] = c.g;
    t.rgba[2] = c.b;
    t.rgba[3] = c.a * alpha;
    t.bold = bold;
    t.halo_px = halo;
    t.halo_rgba[3] = 0.9f * alpha;
    return t;
}

}  // namespace viewer
