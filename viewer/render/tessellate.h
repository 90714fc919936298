// Polygon triangulation (GLU tessellator, odd winding: holes and multi-part polygons just work).
// CPU only; no GL context needed.
#pragma once
#include <vector>

#include "geo/core/types.h"

namespace viewer {

// Appends triangles (3 vertices each, as x,y floats relative to `origin`) for mp to out.
void tessellate(const geo::MultiPolygon& mp, geo::P2 origin, std::vector<float>& out);

}  // namespace viewer
