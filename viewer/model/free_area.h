// Issue 13: the view fits into the part of the window the panels leave free. Pure math, no GL.
#pragma once
#include <algorithm>
#include <vector>

#include "geo/core/types.h"
#include "viewer/model/camera.h"

namespace viewer {

// The part of a w x h screen the panels leave free (px, y down): each panel (or the map's legend, attribution,
// ...) narrows it from its side (left or right half of the screen), from the top (a collapsed panel) or from the
// bottom (the attribution line), whichever keeps the largest area; `bottom` px are kept free at the bottom
// (status bar).
inline geo::BBox free_area(int w, int h, const std::vector<geo::BBox>& panels, double bottom = 0) {
    geo::BBox f{0, 0, double(w), double(h) - bottom};
    for (const geo::BBox& r : panels) {
        if (r.empty() || r.maxx <= f.minx || r.minx >= f.maxx || r.maxy <= f.miny || r.miny >= f.maxy) continue;
        geo::BBox side = f, top = f, bottom = f;
        if (r.centre().x < w * 0.5) side.minx = std::max(f.minx, r.maxx);
        else side.maxx = std::min(f.maxx, r.minx);
        top.miny = std::max(f.miny, r.maxy);
        bottom.maxy = std::min(f.maxy, r.miny);
        auto area = [](const geo::BBox& b) { return std::max(0.0, b.width()) * std::max(0.0, b.height()); };
        f = area(top) > area(side) ? top : side;
        if (area(bottom) > area(f)) f = bottom;
    }
    return f;
}

// Fits bbox b into the screen rectangle `free` (px, y down) of cam's screen with `pad` pixels on every side:
// b's centre lands on free's centre.
inline void fit_into(Camera& cam, const geo::BBox& b, const geo::BBox& free, double pad = 24) {
    if (free.empty() || free.width() < 1 || free.height() < 1) return cam.fit(b, pad);
    const double sx = b.width() / std::max(1.0, free.width() - 2 * pad);
    const double sy = b.height() / std::max(1.0, free.height() - 2 * pad);
    cam.mpp = Camera::clamp_mpp(std::max(sx, sy));
    const geo::P2 fc = free.centre(), bc = b.centre();
    cam.centre = {bc.x - (fc.x - cam.w * 0.5) * cam.mpp, bc.y + (fc.y - cam.h * 0.5) * cam.mpp};
}

}  // namespace viewer
