// Flight keyframes (no GL): the cached pictures of the map a presenter flight is composited from.
#pragma once
#include <vector>

#include "viewer/model/camera_path.h"

namespace viewer {

struct KeyframePlan {
    double s0 = 0, s1 = 0;  // stretch of the path it serves
    Camera cam;             // its picture: centre, mpp (the finest of the stretch), size w x h
};

// Covers [s_begin, s_end] of `path` (viewport w x h) with pictures no larger than max_scale * (w x h),
// each covering every view of its stretch at that stretch's finest scale.
std::vector<KeyframePlan> plan_keyframes(const SmoothPath& path, int w, int h, double s_begin, double s_end,
                                         double max_scale = 1.5);

}  // namespace viewer
