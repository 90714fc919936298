#include "viewer/present/keyframes.h"

#include <algorithm>
#include <cmath>

namespace viewer {

using geo::BBox;

std::vector<KeyframePlan> plan_keyframes(const SmoothPath& path, int w, int h, double s_begin, double s_end,
                                         double max_scale) {
    std::vector<KeyframePlan> out;
    w = std::max(1, w);
    h = std::max(1, h);
    s_begin = std::clamp(s_begin, 0.0, path.length());
    s_end = std::clamp(s_end, s_begin, path.length());
    const double aspect = double(h) / w;
    auto view = [&](double s) {
        const ViewPoint v = path.at(s);
        const double hw = v.width / 2, hh = v.width * aspect / 2;
        return BBox{v.centre.x - hw, v.centre.y - hh, v.centre.x + hw, v.centre.y + hh};
    };
    const double ds = std::max((s_end - s_begin) / 600, 1e-9);
    const double lim_w = max_scale * w + 0.5, lim_h = max_scale * h + 0.5;
    double a = s_begin;
    for (;;) {
        BBox box = view(a);
        double mpp = path.w(a) / w;
        double b = a;
        while (b < s_end) {
            const double nb = std::min(s_end, b + ds);
            BBox nbox = box;
            nbox.add(view(nb));
            const double nmpp = std::min(mpp, path.w(nb) / w);
            if ((nbox.width() / nmpp > lim_w || nbox.height() / nmpp > lim_h) && b > a) break;
            box = nbox;
            mpp = nmpp;
            b = nb;
        }
        KeyframePlan p;
        p.s0 = a;
        p.s1 = b;
        p.cam.mpp = mpp;
        p.cam.centre = box.centre();
        // Two extra pixels per side cover the views between samples.
        p.cam.w = int(std::ceil(box.width() / mpp)) + 4;
        p.cam.h = int(std::ceil(box.height() / mpp)) + 4;
        out.push_back(p);
        if (b >= s_end) break;
        a = b;
    }
    return out;
}

}  // namespace viewer
