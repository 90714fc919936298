// Helpers shared by the travel/what-if tests: ASCII friction grids and a brute-force oracle.
#pragma once
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "geo/travel/friction.h"
#include "geo/travel/travel.h"

namespace travel_test {

// Grid from text rows (row 0 = north), cell 100 m, origin (0, rows*100):
//   '.' open (open_f s/m), '#' impassable, 'R' road (road_f s/m), 'S' source on an open cell.
inline geo::FrictionGrid ascii(const std::vector<std::string>& rows, std::vector<geo::Source>* sources = nullptr,
                               float open_f = 1.0f, float road_f = 0.1f) {
    geo::GridSpec s;
    s.cell = 100;
    s.cols = int(rows[0].size());
    s.rows = int(rows.size());
    s.minx = 0;
    s.maxy = s.rows * 100.0;
    geo::FrictionGrid fg(s, 1, open_f);
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c) {
            const char ch = rows[size_t(r)][size_t(c)];
            if (ch == '#') fg.set(0, c, r, std::numeric_limits<float>::infinity());
            if (ch == 'R') fg.set(0, c, r, road_f);
            if (ch == 'S' && sources) sources->push_back({s.centre(c, r), true});
        }
    return fg;
}

// Brute force: explicit edge list built from the documented move rule, Bellman-Ford per source, in double.
// Returns seconds per cell (min over layers) and the lowest-index source within a relative 1e-9 of the best.
struct OracleResult {
    std::vector<double> sec;
    std::vector<int> owner;
    std::vector<bool> unique;  // no other source within 1e-4 relative
};

inline OracleResult oracle(const geo::FrictionGrid& fg, const std::vector<geo::Source>& src, double cutoff_s) {
    const geo::GridSpec& s = fg.spec();
    const int L = fg.layers(), N = int(s.size());
    const double inf = std::numeric_limits<double>::infinity();
    struct E {
        int a, b;
        double w;
    };
    std::vector<E> edges;
    auto F = [&](int l, int c, int r) -> double { return s.inside(c, r) ? double(fg.get(l, c, r)) : inf; };
    const int dc[16] = {1, -1, 0, 0, 1, 1, -1, -1, 2, 2, -2, -2, 1, 1, -1, -1};
    const int dr[16] = {0, 0, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 2, -2, 2, -2};
    for (int l = 0; l < L; ++l)
        for (int r = 0; r < s.rows; ++r)
            for (int c = 0; c < s.cols; ++c)
                for (int k = 0; k < 16; ++k) {
                    const int c2 = c + dc[k], r2 = r + dr[k];
                    if (!s.inside(c2, r2)) continue;
                    const double fa = F(l, c, r), fb = F(l, c2, r2);
                    double w;
                    if (k < 4) {
                        w = s.cell * (fa + fb) / 2;
                    } else if (k < 8) {
                        if (std::isinf(F(l, c2, r)) || std::isinf(F(l, c, r2))) continue;
                        w = s.cell * std::sqrt(2.0) * (fa + fb) / 2;
                    } else {
                        // the two cells the centre line crosses
                        int m1c, m1r, m2c, m2r;
                        if (std::abs(dc[k]) == 2) {
                            m1c = c + dc[k] / 2, m1r = r, m2c = c + dc[k] / 2, m2r = r + dr[k];
                        } else {
                            m1c = c, m1r = r + dr[k] / 2, m2c = c + dc[k], m2r = r + dr[k] / 2;
                        }
                        w = s.cell * std::sqrt(5.0) * (fa + fb + F(l, m1c, m1r) + F(l, m2c, m2r)) / 4;
                    }
                    if (std::isfinite(w)) edges.push_back({l * N + r * s.cols + c, l * N + r2 * s.cols + c2, w});
                }
    for (const auto& lk : fg.links())
        edges.push_back({lk.from_layer * N + lk.from_r * s.cols + lk.from_c, lk.to_layer * N + lk.to_r * s.cols + lk.to_c,
                         double(lk.seconds)});
    OracleResult res;
    res.sec.assign(size_t(N), inf);
    res.owner.assign(size_t(N), -1);
    res.unique.assign(size_t(N), true);
    std::vector<std::vector<double>> per(src.size());
    for (size_t i = 0; i < src.size(); ++i) {
        std::vector<double> d(size_t(N * L), inf);
        int c, r;
        if (!src[i].active || !s.cell_of(src[i].pos, c, r)) {
            per[i].assign(size_t(N), inf);
            continue;
        }
        for (int l = 0; l < L; ++l) d[size_t(l * N + r * s.cols + c)] = fg.start_s[size_t(l)];
        for (bool changed = true; changed;) {
            changed = false;
            for (const E& e : edges)
                if (d[size_t(e.a)] + e.w < d[size_t(e.b)] - 1e-12) {
                    d[size_t(e.b)] = d[size_t(e.a)] + e.w;
                    changed = true;
                }
        }
        per[i].assign(size_t(N), inf);
        for (int n = 0; n < N; ++n)
            for (int l = 0; l < L; ++l) {
                double v = d[size_t(l * N + n)];
                if (v <= cutoff_s) per[i][size_t(n)] = std::min(per[i][size_t(n)], v);
            }
    }
    for (int n = 0; n < N; ++n) {
        for (size_t i = 0; i < src.size(); ++i)
            if (per[i][size_t(n)] < res.sec[size_t(n)]) {
                res.sec[size_t(n)] = per[i][size_t(n)];
                res.owner[size_t(n)] = int(i);
            }
        for (size_t i = 0; i < src.size(); ++i)
            if (int(i) != res.owner[size_t(n)] && std::isfinite(per[i][size_t(n)]) &&
                per[i][size_t(n)] <= res.sec[size_t(n)] * (1 + 1e-4) + 1e-6)
                res.unique[size_t(n)] = false;
    }
    return res;
}

// Random friction grid for property tests: values from {0.5, 1, 2, 3, inf}, optionally uniform, 1-2 layers
// with random links between layers.
inline geo::FrictionGrid random_grid(std::mt19937& rng, int cols, int rows, int layers, bool uniform) {
    geo::GridSpec s;
    s.cell = 100;
    s.cols = cols;
    s.rows = rows;
    s.minx = 1000;
    s.maxy = 5000;
    const float vals[5] = {0.5f, 1.0f, 2.0f, 3.0f, std::numeric_limits<float>::infinity()};
    geo::FrictionGrid fg(s, layers, 1.0f);
    std::uniform_int_distribution<int> pick(0, 4), coin(0, 99);
    for (int l = 0; l < layers; ++l) {
        fg.start_s[size_t(l)] = float(coin(rng) % 3) * 20.0f;
        if (uniform) {
            fg.fill_layer(l, vals[pick(rng) % 4]);  // keeps the layer flagged uniform (fast path)
        } else {
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c) fg.set(l, c, r, coin(rng) < 15 ? vals[4] : vals[pick(rng) % 4]);
        }
    }
    if (layers > 1) {
        std::uniform_int_distribution<int> cc(0, cols - 1), rr(0, rows - 1);
        const int n = 1 + coin(rng) % 4;
        for (int i = 0; i < n; ++i)
            fg.add_link({0, cc(rng), rr(rng), 1, cc(rng), rr(rng), float(30 + coin(rng) * 3)});
    }
    return fg;
}

inline geo::P2 random_pos(std::mt19937& rng, const geo::GridSpec& s) {
    std::uniform_real_distribution<double> ux(s.minx, s.maxx() - 1e-6), uy(s.miny() + 1e-6, s.maxy);
    return {ux(rng), uy(rng)};
}

}  // namespace travel_test
