// Headless rendering of a MapView into an RGBA buffer (top row first), through the same MapRenderer as the
// window. Used by tests, --screenshot, export and the CLI.
#pragma once
#include <vector>

#include "viewer/render/map_renderer.h"

namespace viewer {

// Renders view (size = view.cam.w x view.cam.h) into rgba. No MSAA by default: lines and symbols are
// anti-aliased in their shaders and polygon edges lie under outlines. Returns false if the size exceeds
// what the GL can allocate (callers then tile: see export).
bool render_to_rgba(MapRenderer& r, const MapView& view, std::vector<unsigned char>& rgba,
                    const RenderOptions& opt = {}, int samples = 0);

}  // namespace viewer
