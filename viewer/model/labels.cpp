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
