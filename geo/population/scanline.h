// Scanline polygon rasterization on a GridSpec: which cells have their centre inside a polygon.
#pragma once
#include <functional>

#include "geo/core/grid.h"
#include "geo/core/types.h"

namespace geo {

// Calls run(r, c0, c1) for every run of cells [c0, c1) in row r whose centres lie inside mp.
// The inside test is exactly the one of point_in_ring (even-odd, crossings with (a.y > y) != (b.y > y)), applied to
// all rings of all parts at once, so for a valid multipolygon (parts do not overlap) a cell is reported exactly when
// point_in_multipolygon(mp, spec.centre(c, r)) is true. Cost: O(edge-row crossings), not O(cells x edges).
// Rows are reported in increasing order; runs are clipped to the grid.
void scan_multipolygon(const MultiPolygon& mp, const GridSpec& spec,
                       const std::function<void(int r, int c0, int c1)>& run);

// Number of cells of spec whose centre lies inside mp.
size_t count_cells(const MultiPolygon& mp, const GridSpec& spec);

// A point inside mp, cheap (O(vertices)): the centroid of the largest part when it lies inside, otherwise the
// middle of the widest inside stretch of the horizontal line through that centroid.
P2 interior_point(const MultiPolygon& mp);

}  // namespace geo
