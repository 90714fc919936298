// Raster grids in EPSG:28992. Row 0 is the northern row (like GeoTIFF); cell (c, r) covers
// x in [minx + c*cell, minx + (c+1)*cell), y in (maxy - (r+1)*cell, maxy - r*cell].
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "geo/core/types.h"

namespace geo {

struct GridSpec {
    double minx = 0, maxy = 0;  // top-left corner
    double cell = 100;          // metres
    int cols = 0, rows = 0;

    double maxx() const { return minx + cols * cell; }
    double miny() const { return maxy - rows * cell; }
    BBox bbox() const { return {minx, miny(), maxx(), maxy}; }
    size_t size() const { return size_t(cols) * size_t(rows); }
    P2 centre(int c, int r) const { return {minx + (c + 0.5) * cell, maxy - (r + 0.5) * cell}; }
    size_t index(int c, int r) const { return size_t(r) * cols + c; }
    bool inside(int c, int r) const { return c >= 0 && r >= 0 && c < cols && r < rows; }
    // Cell containing p; returns false when outside.
    bool cell_of(P2 p, int& c, int& r) const {
        c = int(std::floor((p.x - minx) / cell));
        r = int(std::floor((maxy - p.y) / cell));
        return inside(c, r);
    }
    // Grid covering bbox b with cells aligned to multiples of `cell`.
    static GridSpec covering(const BBox& b, double cell) {
        GridSpec g;
        g.cell = cell;
        g.minx = std::floor(b.minx / cell) * cell;
        g.maxy = std::ceil(b.maxy / cell) * cell;
        g.cols = int(std::ceil((b.maxx - g.minx) / cell));
        g.rows = int(std::ceil((g.maxy - b.miny) / cell));
        return g;
    }
    bool operator==(const GridSpec& o) const {
        return minx == o.minx && maxy == o.maxy && cell == o.cell && cols == o.cols && rows == o.rows;
    }
};

template <class T>
struct Grid {
    GridSpec spec;
    std::vector<T> v;

    Grid() = default;
    explicit Grid(const GridSpec& s, T fill = T{}) : spec(s), v(s.size(), fill) {}
    T& at(int c, int r) { return v[spec.index(c, r)]; }
    const T& at(int c, int r) const { return v[spec.index(c, r)]; }
    int cols() const { return spec.cols; }
    int rows() const { return spec.rows; }
};

using GridF = Grid<float>;
constexpr float kNoData = -9999.0f;                                        // GeoTIFF nodata
constexpr float kUnreachable = std::numeric_limits<float>::infinity();     // travel time

}  // namespace geo
