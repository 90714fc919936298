// Headless rendering of a MapView into an RGBA buffer (top row first), through the same MapRenderer as the
// window. Used by tests, --screenshot, export and the CLI.
#pragma once
#include <vector>

#include "viewer/core/map_renderer.h"

namespace viewer {

// Renders view (size = view.cam.w x view.cam.h) with 4x MSAA into rgba. Returns false if the size exceeds
// what the GL can allocate (callers then tile: see export).
bool render_to_rgba(MapRenderer& r, const MapView& view, std::vector<unsigned char>& rgba,
                    const RenderOptions& opt = {}, int samples = 4);

}  // namespace viewer
