#include "geo/core/types.h"

#include <cstdint>
#include <ctime>
#include <queue>
#include <tuple>
#include <unordered_set>

namespace geo {

bool point_in_ring(const Ring& r, P2 p) {
    bool in = false;
    const size_t n = r.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const P2 a = r[i], b = r[j];
        if ((a.y > p.y) != (b.y > p.y)) {
            const double x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (p.x < x) in = !in;
        }
    }
    return in;
}

bool point_in_polygon(const Polygon& poly, P2 p) {
    bool in = false;
    for (const Ring& r : poly.rings)
        if (point_in_ring(r, p)) in = !in;
    return in;
}

bool point_in_multipolygon(const MultiPolygon& mp, P2 p) {
    for (const Polygon& poly : mp)
        if (point_in_polygon(poly, p)) return true;
    return false;
}

double ring_area(const Ring& r) {
    double a = 0;
    const size_t n = r.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) a += (r[j].x * r[i].y - r[i].x * r[j].y);
    return a / 2;
}

double multipolygon_area(const MultiPolygon& mp) {
    double a = 0;
    for (const Polygon& poly : mp)
        for (size_t i = 0; i < poly.rings.size(); ++i)
            a += (i == 0 ? 1 : -1) * std::abs(ring_area(poly.rings[i]));
    return a;
}

BBox bbox_of(const MultiPolygon& mp) {
    BBox b;
    for (const Polygon& poly : mp)
        for (const Ring& r : poly.rings)
            for (P2 p : r) b.add(p);
    return b;
}

static double seg_dist(P2 p, P2 a, P2 b) {
    const P2 ab = b - a;
    const double l2 = ab.x * ab.x + ab.y * ab.y;
    double t = l2 > 0 ? ((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / l2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return dist(p, a + ab * t);
}

double distance_to_boundary(const MultiPolygon& mp, P2 p) {
    double d = std::numeric_limits<double>::infinity();
    for (const Polygon& poly : mp)
        for (const Ring& r : poly.rings)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) d = std::min(d, seg_dist(p, r[j], r[i]));
    return d;
}

std::vector<LineString> edges_once(const std::vector<LineString>& rings) {
    struct Key {
        int64_t a, b, c, d;
        bool operator==(const Key&) const = default;
    };
    struct Hash {
        size_t operator()(const Key& k) const {
            uint64_t h = 1469598103934665603ull;
            for (int64_t v : {k.a, k.b, k.c, k.d}) h = (h ^ uint64_t(v)) * 1099511628211ull;
            return size_t(h);
        }
    };
    auto mm = [](double v) { return int64_t(std::llround(v * 1000)); };
    std::unordered_set<Key, Hash> seen;
    std::vector<LineString> out;
    for (const auto& r : rings) {
        LineString cur;
        for (size_t i = 0; i + 1 < r.size(); ++i) {
            const P2 p = r[i], q = r[i + 1];
            Key k{mm(p.x), mm(p.y), mm(q.x), mm(q.y)};
            if (k.a == k.c && k.b == k.d) continue;  // zero length
            if (std::tie(k.c, k.d) < std::tie(k.a, k.b)) k = {k.c, k.d, k.a, k.b};
            if (seen.insert(k).second) {
                if (cur.empty()) cur.push_back(p);
                cur.push_back(q);
            } else if (!cur.empty()) {
                if (cur.size() >= 2) out.push_back(std::move(cur));
                cur.clear();
            }
        }
        if (cur.size() >= 2) out.push_back(std::move(cur));
    }
    return out;
}

LineString simplify(const LineString& l, double tol) {
    if (l.size() < 3 || tol <= 0) return l;
    std::vector<char> keep(l.size(), 0);
    keep.front() = keep.back() = 1;
    std::vector<std::pair<size_t, size_t>> stack{{0, l.size() - 1}};
    while (!stack.empty()) {
        auto [a, b] = stack.back();
        stack.pop_back();
        double best = -1;
        size_t bi = a;
        for (size_t i = a + 1; i < b; ++i) {
            double d = seg_dist(l[i], l[a], l[b]);
            if (d > best) { best = d; bi = i; }
        }
        if (best > tol) {
            keep[bi] = 1;
            stack.push_back({a, bi});
            stack.push_back({bi, b});
        }
    }
    LineString out;
    for (size_t i = 0; i < l.size(); ++i)
        if (keep[i]) out.push_back(l[i]);
    return out;
}

namespace {
// distance_to_boundary(mp, p) when it is above `floor`; otherwise some value <= floor (label_point only asks
// whether a candidate beats the best so far). The same hypot of the same points as seg_dist, so the result
// is exactly distance_to_boundary's: a segment is skipped only when its squared distance shows it is clearly
// farther than the nearest so far (a relative margin of 1e-9, far above the rounding of either).
double distance_if_above(const MultiPolygon& mp, P2 p, double floor) {
    double d = std::numeric_limits<double>::infinity(), d2 = d;
    for (const Polygon& poly : mp)
        for (const Ring& r : poly.rings)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
                const P2 a = r[j], ab = r[i] - a;
                const double l2 = ab.x * ab.x + ab.y * ab.y;
                double t = l2 > 0 ? ((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / l2 : 0;
                t = std::clamp(t, 0.0, 1.0);
                const P2 c = a + ab * t;
                const double dx = p.x - c.x, dy = p.y - c.y;
                if (dx * dx + dy * dy > d2) continue;
                const double e = dist(p, c);
                if (e < d) {
                    d = e;
                    if (d <= floor) return d;
                    d2 = d * d * (1 + 1e-9);
                }
            }
    return d;
}
}  // namespace

P2 label_point(const MultiPolygon& mp) {
    // Largest polygon by area, then a grid search refined around the best cell (signed distance to edge).
    const Polygon* best = nullptr;
    double best_area = -1;
    for (const Polygon& poly : mp) {
        if (poly.rings.empty()) continue;
        double a = std::abs(ring_area(poly.rings[0]));
        if (a > best_area) { best_area = a; best = &poly; }
    }
    if (!best) return {};
    MultiPolygon one{*best};
    BBox b = bbox_of(one);
    P2 bestp = b.centre();
    double bestd = point_in_polygon(*best, bestp) ? distance_to_boundary(one, bestp) : -1;
    double cell = std::max(b.width(), b.height()) / 10;
    P2 centre = b.centre();
    for (int iter = 0; iter < 4; ++iter) {
        for (int i = -5; i <= 5; ++i)
            for (int j = -5; j <= 5; ++j) {
                P2 q{centre.x + i * cell, centre.y + j * cell};
                if (!point_in_polygon(*best, q)) continue;
                double d = distance_if_above(one, q, bestd);  // start-up: most candidates stop early
                if (d > bestd) { bestd = d; bestp = q; }
            }
        centre = bestp;
        cell /= 3.5;
    }
    return bestp;
}

std::string today_iso(bool utc) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    if (utc) gmtime_r(&t, &tm);
    else localtime_r(&t, &tm);
    char b[16];
    std::strftime(b, sizeof b, "%Y-%m-%d", &tm);
    return b;
}

}  // namespace geo
