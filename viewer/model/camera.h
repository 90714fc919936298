// The map camera: a centre in RD metres and a scale in metres per (physical) pixel. North is up.
// Pure math, no GL; the renderer, hit tests, tests and the presenter's fly-to all use it.
#pragma once
#include "geo/core/types.h"

namespace viewer {

struct Camera {
    geo::P2 centre{245000, 480000};
    double mpp = 100;  // metres per pixel
    int w = 1280, h = 800;
    // Pixels of this camera per pixel of the picture it ends up in: 0.5 for the pan cache's half-resolution picture
    // while zooming out (issue 15), so that overlays keep their line widths on screen.
    float px_scale = 1;

    // Screen pixels: origin top-left, y down.
    geo::P2 to_screen(geo::P2 rd) const {
        return {(rd.x - centre.x) / mpp + w * 0.5, (centre.y - rd.y) / mpp + h * 0.5};
    }
    geo::P2 to_world(geo::P2 px) const {
        return {centre.x + (px.x - w * 0.5) * mpp, centre.y - (px.y - h * 0.5) * mpp};
    }
    geo::BBox view_bbox() const {
        return {centre.x - w * 0.5 * mpp, centre.y - h * 0.5 * mpp, centre.x + w * 0.5 * mpp, centre.y + h * 0.5 * mpp};
    }
    // Zooms by `factor` (>1 zooms in) keeping the world point under screen pixel `px` fixed.
    void zoom_about(geo::P2 px, double factor) {
        geo::P2 before = to_world(px);
        mpp = clamp_mpp(mpp / factor);
        geo::P2 after = to_world(px);
        centre = centre + (before - after);
    }
    void pan_pixels(double dx, double dy) { centre = {centre.x - dx * mpp, centre.y + dy * mpp}; }
    // Fits bbox b into the viewport with `pad` pixels on every side.
    void fit(const geo::BBox& b, double pad = 24) {
        centre = b.centre();
        double sx = b.width() / std::max(1.0, w - 2 * pad), sy = b.height() / std::max(1.0, h - 2 * pad);
        mpp = clamp_mpp(std::max(sx, sy));
    }
    static double clamp_mpp(double m) { return std::clamp(m, 0.25, 2000.0); }
};

}  // namespace viewer
