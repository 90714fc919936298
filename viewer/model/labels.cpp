#include "viewer/model/labels.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace viewer {

namespace {
bool finite_box(const LabelBox& b) {
    return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1);
}
}  // namespace

LabelPlacer::LabelPlacer(const LabelOptions& opt) : opt_(opt) {
    // Grid over the viewport, at most ~64 x 64 cells of >= 32 px. Boxes outside it are clamped to the
    // border cells: clamping is monotone, so two overlapping boxes always share a cell.
    const float vw = std::isfinite(opt.viewport_w) ? std::max(opt.viewport_w, 0.f) : 0.f;
    const float vh = std::isfinite(opt.viewport_h) ? std::max(opt.viewport_h, 0.f) : 0.f;
    cell_ = std::max(32.f, std::max(vw, vh) / 64.f);
    nx_ = std::clamp(int(std::ceil(vw / cell_)), 1, 256);
    ny_ = std::clamp(int(std::ceil(vh / cell_)), 1, 256);
    cells_.resize(size_t(nx_) * ny_);
    for (const LabelBox& b : opt.avoid) add_obstacle(b);
}

void LabelPlacer::cell_range(const LabelBox& b, int& cx0, int& cy0, int& cx1, int& cy1) const {
    auto cx = [&](float x) { return std::clamp(int(std::floor(x / cell_)), 0, nx_ - 1); };
    auto cy = [&](float y) { return std::clamp(int(std::floor(y / cell_)), 0, ny_ - 1); };
    cx0 = cx(b.x0);
    cx1 = cx(b.x1);
    cy0 = cy(b.y0);
    cy1 = cy(b.y1);
}

void LabelPlacer::add_obstacle(const LabelBox& in) {
    if (!finite_box(in)) return;
    LabelBox b{std::min(in.x0, in.x1), std::min(in.y0, in.y1), std::max(in.x0, in.x1), std::max(in.y0, in.y1)};
    const int idx = int(boxes_.size());
    boxes_.push_back(b);
    seen_.push_back(0);
    int cx0, cy0, cx1, cy1;
    cell_range(b, cx0, cy0, cx1, cy1);
    for (int y = cy0; y <= cy1; ++y)
        for (int x = cx0; x <= cx1; ++x) cells_[size_t(y) * nx_ + x].push_back(idx);
}

bool LabelPlacer::fits(const LabelBox& b) const {
    if (!finite_box(b) || b.x1 < b.x0 || b.y1 < b.y0) return false;
    switch (opt_.viewport) {
        case ViewportRule::Inside:
            if (b.x0 < opt_.margin || b.y0 < opt_.margin || b.x1 > opt_.viewport_w - opt_.margin ||
                b.y1 > opt_.viewport_h - opt_.margin)
                return false;
            break;
        case ViewportRule::Intersect:
            if (!overlaps(b, LabelBox{0, 0, opt_.viewport_w, opt_.viewport_h})) return false;
            break;
        case ViewportRule::Ignore:
            break;
    }
    const float p = std::max(opt_.padding, 0.f);
    const LabelBox g{b.x0 - p, b.y0 - p, b.x1 + p, b.y1 + p};
    if (++stamp_ == 0) {  // wrapped: reset stamps so stale ones cannot match
        std::fill(seen_.begin(), seen_.end(), 0u);
        stamp_ = 1;
    }
    int cx0, cy0, cx1, cy1;
    cell_range(g, cx0, cy0, cx1, cy1);
    for (int y = cy0; y <= cy1; ++y)
        for (int x = cx0; x <= cx1; ++x)
            for (int idx : cells_[size_t(y) * nx_ + x]) {
                if (seen_[idx] == stamp_) continue;
                seen_[idx] = stamp_;
                if (overlaps(g, boxes_[idx])) return false;
            }
    return true;
}

std::optional<PlacedLabel> LabelPlacer::place(const LabelCandidate& c, int candidate_index) {
    if (!std::isfinite(c.x) || !std::isfinite(c.y) || !(c.w > 0) || !(c.h > 0) || !std::isfinite(c.w) ||
        !std::isfinite(c.h))
        return std::nullopt;
    const size_t n = std::max<size_t>(c.offsets.size(), 1);
    for (size_t i = 0; i < n; ++i) {
        const LabelOffset o = c.offsets.empty() ? LabelOffset{-c.w / 2, -c.h / 2} : c.offsets[i];
        const LabelBox b{c.x + o.dx, c.y + o.dy, c.x + o.dx + c.w, c.y + o.dy + c.h};
        if (fits(b)) {
            add_obstacle(b);
            return PlacedLabel{c.id, candidate_index, int(i), b};
        }
    }
    return std::nullopt;
}

std::vector<PlacedLabel> place_labels(const std::vector<LabelCandidate>& candidates, const LabelOptions& opt) {
    std::vector<int> order(candidates.size());
    std::iota(order.begin(), order.end(), 0);
    // NaN priorities sort last (treated as lowest) so the order stays a strict weak ordering.
    auto key = [&](int i) {
        const float p = candidates[size_t(i)].priority;
        return std::isnan(p) ? -INFINITY : p;
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) > key(b); });
    LabelPlacer placer(opt);
    std::vector<PlacedLabel> out;
    for (int i : order)
        if (auto p = placer.place(candidates[size_t(i)], i)) out.push_back(*p);
    return out;
}

std::vector<LabelOffset> point_label_offsets(float w, float h, float radius, float gap) {
    const float r = std::max(radius, 0.f) + std::max(gap, 0.f);
    const float d = r * 0.7071f;  // diagonal positions touch the symbol's circle at 45 degrees
    return {
        {r, -h / 2},            // right
        {-r - w, -h / 2},       // left
        {-w / 2, -r - h},       // above
        {-w / 2, r},            // below
        {d, -d - h},            // upper-right
        {d, d},                 // lower-right
        {-d - w, -d - h},       // upper-left
        {-d - w, d},            // lower-left
    };
}

}  // namespace viewer

// Issue 13: symbols merged per group, then displaced on rings (labels.h).
namespace viewer {

namespace {
float dist2(float ax, float ay, float bx, float by) { return (ax - bx) * (ax - bx) + (ay - by) * (ay - by); }

// Joins spots whose symbols overlap into the groups of `parent` (a union-find forest kept across passes, so a ring
// once formed stays one group). Returns whether any two groups were joined.
bool join_overlapping(const std::vector<SymbolSpot>& s, const std::vector<float>& r, float gap, std::vector<int>& parent) {
    auto find = [&](int i) {
        while (parent[size_t(i)] != i) i = parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
        return i;
    };
    bool joined = false;
    for (size_t i = 0; i < s.size(); ++i)
        for (size_t j = i + 1; j < s.size(); ++j) {
            const float d = r[i] + r[j] + gap;
            if (dist2(s[i].x, s[i].y, s[j].x, s[j].y) >= d * d) continue;
            const int a = find(int(i)), b = find(int(j));
            if (a == b) continue;
            parent[size_t(std::max(a, b))] = std::min(a, b);
            joined = true;
        }
    return joined;
}

// The groups of the forest with more than one spot, each in ascending spot order.
std::vector<std::vector<int>> groups_of(std::vector<int>& parent) {
    std::vector<std::vector<int>> groups(parent.size());
    for (size_t i = 0; i < parent.size(); ++i) {
        int k = int(i);
        while (parent[size_t(k)] != k) k = parent[size_t(k)];
        groups[size_t(k)].push_back(int(i));
    }
    std::vector<std::vector<int>> out;
    for (auto& g : groups)
        if (g.size() > 1) out.push_back(std::move(g));
    return out;
}

// Spreads the movable spots of one overlapping group on a ring around the group's centre, clear of its fixed
// spots.
void spread(std::vector<SymbolSpot>& s, const std::vector<float>& r, const std::vector<int>& g, float d, float gap) {
    float cx = 0, cy = 0, fixed_r = 0, fx = 0, fy = 0;
    std::vector<int> mov;
    for (int i : g) {
        cx += s[size_t(i)].ax;
        cy += s[size_t(i)].ay;
        if (!s[size_t(i)].fixed) mov.push_back(i);
        else if (r[size_t(i)] > fixed_r) {
            fixed_r = r[size_t(i)];
            fx = s[size_t(i)].x;
            fy = s[size_t(i)].y;
        }
    }
    cx /= float(g.size());
    cy /= float(g.size());
    if (fixed_r > 0) {  // the ring goes around the (largest) fixed symbol
        cx = fx;
        cy = fy;
    }
    if (mov.empty()) return;
    const int k = int(mov.size());
    const float pi = 3.14159265f;
    float R = k == 1 ? 0 : (d + gap) / (2 * std::sin(pi / float(k)));
    if (fixed_r > 0) R = std::max(R, fixed_r + d / 2 + gap);
    else R = std::max(R, (d + gap) / 2);
    auto angle = [&](int i) {
        const float dx = s[size_t(i)].ax - cx, dy = s[size_t(i)].ay - cy;
        return dx == 0 && dy == 0 ? -pi / 2 : std::atan2(dy, dx);
    };
    std::stable_sort(mov.begin(), mov.end(), [&](int a, int b) { return angle(a) < angle(b); });
    const float a0 = angle(mov.front());
    for (int n = 0; n < k; ++n) {
        SymbolSpot& p = s[size_t(mov[size_t(n)])];
        const float a = a0 + 2 * pi * float(n) / float(k);
        p.x = cx + R * std::cos(a);
        p.y = cy + R * std::sin(a);
        p.displaced = true;
    }
}
}  // namespace

std::vector<SymbolSpot> layout_symbols(const std::vector<SymbolItem>& items, const SymbolLayoutOptions& opt) {
    const float d = std::max(opt.diameter, 0.f), gap = std::max(opt.gap, 0.f);
    const float merge = opt.merge_px < 0 ? d : opt.merge_px;
    std::vector<int> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return items[size_t(a)].priority > items[size_t(b)].priority; });
    // 1. Merge: an item joins the first spot of its group whose first member lies within `merge` of it.
    std::vector<SymbolSpot> s;
    std::vector<float> r;
    for (int i : order) {
        const SymbolItem& it = items[size_t(i)];
        if (!std::isfinite(it.x) || !std::isfinite(it.y)) continue;
        SymbolSpot* into = nullptr;
        if (!it.fixed)
            for (SymbolSpot& p : s)
                if (!p.fixed && p.group == it.group && dist2(p.x, p.y, it.x, it.y) < merge * merge) {
                    into = &p;
                    break;
                }
        if (into) {
            into->members.push_back(it.id);
            const float n = float(into->members.size());
            into->ax += (it.x - into->ax) / n;
            into->ay += (it.y - into->ay) / n;
            continue;
        }
        SymbolSpot p;
        p.members = {it.id};
        p.x = p.ax = it.x;
        p.y = p.ay = it.y;
        p.group = it.group;
        p.fixed = it.fixed;
        s.push_back(p);
        r.push_back(it.fixed && it.radius > 0 ? it.radius : d / 2);
    }
    for (SymbolSpot& p : s) {  // a merged symbol sits at its members' mean
        p.x = p.ax;
        p.y = p.ay;
    }
    // 2. Displace: overlapping spots are spread on rings; another pass joins rings that met a neighbour.
    // Groups only grow from pass to pass (a pass that joins none ends it), so at most one pass per spot.
    std::vector<int> parent(s.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (size_t pass = 0; pass <= s.size() && join_overlapping(s, r, gap * 0.5f, parent); ++pass)
        for (const auto& g : groups_of(parent)) spread(s, r, g, d, gap);
    return s;
}

}  // namespace viewer
