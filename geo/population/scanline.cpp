#include "geo/population/scanline.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace geo {

namespace {

// Clamp a real-valued index into [lo, hi] before converting (polygons may lie far outside the grid).
int clamp_index(double v, int lo, int hi) {
    if (!(v >= lo)) return lo;  // also catches NaN
    if (v > hi) return hi;
    return int(v);
}

// First column whose centre x is >= x (cols when none).
int first_col_at_or_after(const GridSpec& g, double x) {
    int c = clamp_index(std::ceil((x - g.minx) / g.cell - 0.5), 0, g.cols);
    // Fix up rounding so the result agrees exactly with comparisons against GridSpec::centre.
    while (c > 0 && g.centre(c - 1, 0).x >= x) --c;
    while (c < g.cols && g.centre(c, 0).x < x) ++c;
    return c;
}

}  // namespace

void scan_multipolygon(const MultiPolygon& mp, const GridSpec& g,
                       const std::function<void(int r, int c0, int c1)>& run) {
    if (g.cols <= 0 || g.rows <= 0) return;
    // Collect (row, x) of every crossing between an edge and the horizontal line through a row of cell centres.
    std::vector<std::pair<int, double>> xs;
    for (const Polygon& poly : mp)
        for (const Ring& ring : poly.rings) {
            const size_t n = ring.size();
            if (n < 3) continue;
            for (size_t i = 0, j = n - 1; i < n; j = i++) {
                const P2 a = ring[i], b = ring[j];  // same roles as in point_in_ring
                if (a.y == b.y) continue;
                const double ylo = std::min(a.y, b.y), yhi = std::max(a.y, b.y);
                // Rows whose centre y (= maxy - (r + 0.5) cell) lies in [ylo, yhi); one row of slack each side,
                // the exact test below decides.
                const int r0 = clamp_index(std::floor((g.maxy - yhi) / g.cell - 0.5), 0, g.rows - 1);
                const int r1 = clamp_index(std::floor((g.maxy - ylo) / g.cell - 0.5) + 1, 0, g.rows - 1);
                for (int r = r0; r <= r1; ++r) {
                    const double y = g.centre(0, r).y;
                    if ((a.y > y) != (b.y > y)) xs.push_back({r, a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)});
                }
            }
        }
    std::sort(xs.begin(), xs.end());
    // Per row the crossings come in pairs (each closed ring crosses a line an even number of times); a centre at
    // x is inside when an odd number of crossings lie at or left of x, i.e. x in [x0, x1), [x2, x3), ...
    for (size_t k = 0; k + 1 < xs.size(); k += 2) {
        const int r = xs[k].first;
        const int c0 = first_col_at_or_after(g, xs[k].second);
        const int c1 = first_col_at_or_after(g, xs[k + 1].second);
        if (c1 > c0) run(r, c0, c1);
    }
}

size_t count_cells(const MultiPolygon& mp, const GridSpec& spec) {
    size_t n = 0;
    scan_multipolygon(mp, spec, [&](int, int c0, int c1) { n += size_t(c1 - c0); });
    return n;
}

P2 interior_point(const MultiPolygon& mp) {
    const Polygon* best = nullptr;
    double best_area = -1;
    for (const Polygon& poly : mp) {
        if (poly.rings.empty() || poly.rings[0].size() < 3) continue;
        const double a = std::abs(ring_area(poly.rings[0]));
        if (a > best_area) { best_area = a; best = &poly; }
    }
    if (!best) return {};
    // Area centroid of the outer ring.
    const Ring& outer = best->rings[0];
    double cx = 0, cy = 0, a2 = 0;
    const P2 o = outer[0];  // shift for numerical stability with RD coordinates
    for (size_t i = 0, j = outer.size() - 1; i < outer.size(); j = i++) {
        const P2 p = outer[j] - o, q = outer[i] - o;
        const double w = p.x * q.y - q.x * p.y;
        a2 += w; cx += (p.x + q.x) * w; cy += (p.y + q.y) * w;
    }
    if (a2 == 0) return o;
    const P2 c{o.x + cx / (3 * a2), o.y + cy / (3 * a2)};
    if (point_in_polygon(*best, c)) return c;
    // Widest inside stretch of the line y = c.y (crossings found with the point_in_ring rule).
    std::vector<double> xs;
    for (const Ring& r : best->rings)
        for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
            const P2 a = r[i], b = r[j];
            if ((a.y > c.y) != (b.y > c.y)) xs.push_back(a.x + (c.y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
    std::sort(xs.begin(), xs.end());
    P2 pick = o;
    double widest = -1;
    for (size_t k = 0; k + 1 < xs.size(); k += 2)
        if (xs[k + 1] - xs[k] > widest) { widest = xs[k + 1] - xs[k]; pick = {(xs[k] + xs[k + 1]) / 2, c.y}; }
    return pick;
}

}  // namespace geo
