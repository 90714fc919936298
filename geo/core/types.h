// Basic geometry types. All map coordinates in geo/ are EPSG:28992 (RD New, metres) unless a name says otherwise.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace geo {

struct P2 {
    double x = 0, y = 0;
};
inline P2 operator+(P2 a, P2 b) { return {a.x + b.x, a.y + b.y}; }
inline P2 operator-(P2 a, P2 b) { return {a.x - b.x, a.y - b.y}; }
inline P2 operator*(P2 a, double s) { return {a.x * s, a.y * s}; }
inline double dist(P2 a, P2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

struct BBox {
    double minx = std::numeric_limits<double>::infinity();
    double miny = std::numeric_limits<double>::infinity();
    double maxx = -std::numeric_limits<double>::infinity();
    double maxy = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(minx <= maxx && miny <= maxy); }
    void add(P2 p) {
        minx = std::min(minx, p.x); miny = std::min(miny, p.y);
        maxx = std::max(maxx, p.x); maxy = std::max(maxy, p.y);
    }
    void add(const BBox& b) {
        if (b.empty()) return;
        add(P2{b.minx, b.miny}); add(P2{b.maxx, b.maxy});
    }
    bool contains(P2 p) const { return p.x >= minx && p.x <= maxx && p.y >= miny && p.y <= maxy; }
    bool intersects(const BBox& b) const {
        return !(b.minx > maxx || b.maxx < minx || b.miny > maxy || b.maxy < miny);
    }
    BBox grown(double m) const { return {minx - m, miny - m, maxx + m, maxy + m}; }
    double width() const { return maxx - minx; }
    double height() const { return maxy - miny; }
    P2 centre() const { return {(minx + maxx) / 2, (miny + maxy) / 2}; }
};

using Ring = std::vector<P2>;            // closed implicitly (last != first is allowed)
struct Polygon { std::vector<Ring> rings; };  // rings[0] outer, others holes
using MultiPolygon = std::vector<Polygon>;
using LineString = std::vector<P2>;

// Even-odd point-in-polygon over all rings (holes handled by parity).
bool point_in_ring(const Ring& r, P2 p);
bool point_in_polygon(const Polygon& poly, P2 p);
bool point_in_multipolygon(const MultiPolygon& mp, P2 p);
double ring_area(const Ring& r);               // signed (shoelace)
double multipolygon_area(const MultiPolygon& mp);  // outer minus holes, absolute
BBox bbox_of(const MultiPolygon& mp);
// Distance from p to the boundary of mp (metres).
double distance_to_boundary(const MultiPolygon& mp, P2 p);
// Douglas-Peucker simplification: keeps the end points and every vertex needed so that the result stays within
// `tol` metres of the input. For display levels of detail.
LineString simplify(const LineString& l, double tol);

// The boundaries of polygons that share edges (neighbouring municipalities), each edge once: the rings (closed:
// last == first) are cut into runs of segments not seen before; a segment counts as seen in either direction
// (endpoints compared to the millimetre). Halves the lines to draw for a tiling of polygons.
std::vector<LineString> edges_once(const std::vector<LineString>& rings);

// A point guaranteed inside the largest polygon, good for labels (pole-of-inaccessibility style search).
P2 label_point(const MultiPolygon& mp);

// Today's date as "YYYY-MM-DD": local time (dates printed on maps), or UTC (utc = true).
std::string today_iso(bool utc = false);

}  // namespace geo
