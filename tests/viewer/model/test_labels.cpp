// Label placement: no overlaps, priority, alternative positions, viewport rules, avoid boxes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "viewer/model/labels.h"

using namespace viewer;

namespace {

LabelOptions opts(float w = 1000, float h = 800, float padding = 2) {
    LabelOptions o;
    o.viewport_w = w;
    o.viewport_h = h;
    o.padding = padding;
    return o;
}

LabelCandidate cand(int id, float x, float y, float w, float h, float prio, std::vector<LabelOffset> offs = {}) {
    return {id, x, y, w, h, prio, std::move(offs)};
}

// Every pair of placed boxes is at least `padding` apart, and none covers an avoid box (grown by padding).
void expect_no_overlap(const std::vector<PlacedLabel>& placed, const LabelOptions& o) {
    const float p = o.padding;
    for (size_t i = 0; i < placed.size(); ++i) {
        const LabelBox& a = placed[i].box;
        const LabelBox g{a.x0 - p, a.y0 - p, a.x1 + p, a.y1 + p};
        for (size_t j = i + 1; j < placed.size(); ++j)
            ASSERT_FALSE(overlaps(g, placed[j].box)) << "labels " << placed[i].id << " and " << placed[j].id;
        for (const LabelBox& av : o.avoid) ASSERT_FALSE(overlaps(g, av)) << "label " << placed[i].id;
    }
}

bool has(const std::vector<PlacedLabel>& v, int id) {
    return std::any_of(v.begin(), v.end(), [&](const PlacedLabel& p) { return p.id == id; });
}

}  // namespace

TEST(Labels, CentredByDefaultAndBoxMatches) {
    const auto placed = place_labels({cand(1, 500, 400, 100, 20, 1)}, opts());
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].id, 1);
    EXPECT_EQ(placed[0].candidate, 0);
    EXPECT_FLOAT_EQ(placed[0].box.x0, 450);
    EXPECT_FLOAT_EQ(placed[0].box.y0, 390);
    EXPECT_FLOAT_EQ(placed[0].box.x1, 550);
    EXPECT_FLOAT_EQ(placed[0].box.y1, 410);
}

TEST(Labels, HigherPriorityWinsRegardlessOfInputOrder) {
    // Two labels on the same spot: only the higher priority one survives, whichever comes first.
    const auto a = place_labels({cand(1, 500, 400, 100, 20, 5), cand(2, 510, 405, 100, 20, 9)}, opts());
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].id, 2);
    const auto b = place_labels({cand(2, 510, 405, 100, 20, 9), cand(1, 500, 400, 100, 20, 5)}, opts());
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].id, 2);
    // Equal priority: input order decides (deterministic).
    const auto c = place_labels({cand(7, 500, 400, 100, 20, 1), cand(3, 510, 405, 100, 20, 1)}, opts());
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].id, 7);
}

TEST(Labels, PaddingSeparatesNeighbours) {
    // Boxes 50 wide centred 52 apart: gap 2. Padding 2 allows them (touching inflated box), 3 does not.
    const std::vector<LabelCandidate> c = {cand(1, 100, 100, 50, 10, 2), cand(2, 152, 100, 50, 10, 1)};
    EXPECT_EQ(place_labels(c, opts(1000, 800, 2)).size(), 2u);
    EXPECT_EQ(place_labels(c, opts(1000, 800, 3)).size(), 1u);
}

TEST(Labels, AlternativeOffsetsUsedWhenFirstCollides) {
    // A high-priority label occupies the right-hand side of the second label's point.
    const float w = 60, h = 14;
    const auto offs = point_label_offsets(w, h, 4, 2);
    ASSERT_EQ(offs.size(), 8u);
    LabelOptions o = opts();
    const std::vector<LabelCandidate> c = {cand(1, 530, 400, 50, 30, 10),  // covers x 505..555, y 385..415
                                           cand(2, 500, 400, w, h, 1, offs)};
    const auto placed = place_labels(c, o);
    ASSERT_EQ(placed.size(), 2u);
    EXPECT_EQ(placed[1].id, 2);
    EXPECT_EQ(placed[1].offset, 1);  // right collides -> left
    EXPECT_FLOAT_EQ(placed[1].box.x1, 500 - 6);
    EXPECT_FLOAT_EQ(placed[1].box.y0, 400 - h / 2);
    expect_no_overlap(placed, o);

    // Block right and left (blockers below the anchor's top half): above is next.
    const auto p2 = place_labels({cand(1, 530, 410, 50, 20, 10), cand(3, 460, 410, 50, 20, 10),
                                  cand(2, 500, 400, w, h, 1, offs)},
                                 o);
    ASSERT_EQ(p2.size(), 3u);
    EXPECT_EQ(p2[2].offset, 2);
    EXPECT_FLOAT_EQ(p2[2].box.y1, 400 - 6);
    expect_no_overlap(p2, o);
}

TEST(Labels, PointOffsetsClearTheSymbol) {
    // Every standard position keeps the box off a symbol of radius 5 (disc approximated by its box
    // for the side positions, exact distance for the diagonal corners).
    const float w = 40, h = 12, r = 5;
    for (const LabelOffset& o : point_label_offsets(w, h, r, 1)) {
        const LabelBox b{o.dx, o.dy, o.dx + w, o.dy + h};
        // Closest point of the box to the symbol centre (0, 0).
        const float cx = std::clamp(0.f, b.x0, b.x1), cy = std::clamp(0.f, b.y0, b.y1);
        EXPECT_GE(std::hypot(cx, cy), r + 1 - 1e-3) << o.dx << "," << o.dy;
        EXPECT_LE(std::hypot(cx, cy), r + 1 + 1e-3) << o.dx << "," << o.dy;  // and stays close
    }
}

TEST(Labels, ViewportRules) {
    // Label centred at x=20, 100 wide: sticks out to the left by 30 px.
    const std::vector<LabelCandidate> c = {cand(1, 20, 400, 100, 20, 1), cand(2, -500, 400, 100, 20, 1)};
    LabelOptions o = opts();
    o.viewport = ViewportRule::Inside;
    EXPECT_TRUE(place_labels(c, o).empty());
    o.viewport = ViewportRule::Intersect;
    auto p = place_labels(c, o);
    ASSERT_EQ(p.size(), 1u);  // partly visible kept, fully outside dropped
    EXPECT_EQ(p[0].id, 1);
    o.viewport = ViewportRule::Ignore;
    EXPECT_EQ(place_labels(c, o).size(), 2u);
    // Margin: a label 5 px from the edge is rejected with margin 10.
    o.viewport = ViewportRule::Inside;
    o.margin = 10;
    EXPECT_TRUE(place_labels({cand(1, 55, 400, 100, 20, 1)}, o).empty());
    EXPECT_EQ(place_labels({cand(1, 65, 400, 100, 20, 1)}, o).size(), 1u);
}

TEST(Labels, AvoidRectanglesRespected) {
    LabelOptions o = opts();
    o.avoid = {{0, 0, 300, 200}, {900, 700, 1000, 800}};  // legend top-left, panel bottom-right
    const auto offs = point_label_offsets(80, 16, 3);
    std::vector<LabelCandidate> c = {cand(1, 100, 100, 80, 16, 5), cand(2, 320, 100, 80, 16, 5, offs),
                                     cand(3, 950, 750, 30, 10, 5), cand(4, 600, 400, 80, 16, 5)};
    const auto placed = place_labels(c, o);
    expect_no_overlap(placed, o);
    EXPECT_FALSE(has(placed, 1));
    EXPECT_TRUE(has(placed, 2));  // right of the legend: the "right" offset fits
    EXPECT_FALSE(has(placed, 3));
    EXPECT_TRUE(has(placed, 4));
    for (const auto& p : placed) {
        if (p.id == 2) {
            EXPECT_EQ(p.offset, 0);
        }
    }
}

TEST(Labels, RandomCasesNeverOverlap) {
    std::mt19937 rng(12345);
    for (int round = 0; round < 50; ++round) {
        LabelOptions o = opts(1280, 800, float(rng() % 5));
        o.viewport = ViewportRule(rng() % 3);
        std::uniform_real_distribution<float> ux(-100, 1380), uy(-100, 900), uw(4, 220), uh(6, 40),
            up(0, 100);
        for (int a = 0; a < 3; ++a) {
            const float x = ux(rng), y = uy(rng);
            o.avoid.push_back({x, y, x + uw(rng), y + uh(rng) * 3});
        }
        std::vector<LabelCandidate> c;
        for (int i = 0; i < 300; ++i) {
            const float w = uw(rng), h = uh(rng);
            c.push_back(cand(i, ux(rng), uy(rng), w, h, std::floor(up(rng) / 10),
                             (rng() % 2) ? point_label_offsets(w, h, 3) : std::vector<LabelOffset>{}));
        }
        const auto placed = place_labels(c, o);
        ASSERT_GT(placed.size(), 10u);
        expect_no_overlap(placed, o);
        // Priorities come out non-increasing, and the run is deterministic.
        for (size_t i = 1; i < placed.size(); ++i)
            ASSERT_GE(c[placed[i - 1].candidate].priority, c[placed[i].candidate].priority);
        const auto again = place_labels(c, o);
        ASSERT_EQ(again.size(), placed.size());
        for (size_t i = 0; i < placed.size(); ++i) ASSERT_EQ(again[i].id, placed[i].id);
        // Greedy maximality: every rejected candidate really collides at all of its positions.
        LabelPlacer check(o);
        for (const auto& p : placed) check.add_obstacle(p.box);
        for (size_t i = 0; i < c.size(); ++i) {
            if (has(placed, int(i))) continue;
            ASSERT_FALSE(check.place(c[i]).has_value()) << "candidate " << i << " was placeable";
        }
    }
}

TEST(Labels, AdversarialCases) {
    LabelOptions o = opts(1000, 1000, 1);
    o.viewport = ViewportRule::Ignore;
    std::vector<LabelCandidate> c;
    // Huge label spanning many grid cells, then many tiny ones inside it and at its edges.
    c.push_back(cand(0, 500, 500, 900, 900, 100));
    for (int i = 1; i <= 200; ++i) c.push_back(cand(i, float(i * 5), float(i * 5), 3, 3, 1));
    // Exactly touching neighbours with zero padding, and identical duplicates.
    for (int i = 0; i < 20; ++i) c.push_back(cand(1000 + i, -400 + i * 10.f, -400, 10, 10, 50));
    for (int i = 0; i < 5; ++i) c.push_back(cand(2000 + i, -300, -300, 10, 10, 50));
    // Degenerate: NaN, infinite, zero and negative sizes, NaN priority.
    c.push_back(cand(3000, NAN, 10, 10, 10, 1000));
    c.push_back(cand(3001, 10, INFINITY, 10, 10, 1000));
    c.push_back(cand(3002, 10, 10, 0, 10, 1000));
    c.push_back(cand(3003, 10, 10, -5, 10, 1000));
    c.push_back(cand(3004, 5000, 5000, 10, 10, NAN));
    // Far outside the grid on every side (clamped into border cells).
    c.push_back(cand(4000, -1e6f, -1e6f, 50, 50, 10));
    c.push_back(cand(4001, -1e6f + 20, -1e6f + 20, 50, 50, 9));
    c.push_back(cand(4002, 1e6f, 1e6f, 50, 50, 10));
    const auto placed = place_labels(c, o);
    expect_no_overlap(placed, o);
    EXPECT_TRUE(has(placed, 0));
    for (int id : {3000, 3001, 3002, 3003, 4001}) EXPECT_FALSE(has(placed, id)) << id;
    for (int id : {3004, 4000, 4002, 2000}) EXPECT_TRUE(has(placed, id)) << id;
    for (int id : {2001, 2002, 2003, 2004}) EXPECT_FALSE(has(placed, id)) << id;
    // Touching row with padding 1: every other one (gap 0 < padding).
    int row = 0;
    for (const auto& p : placed) row += p.id >= 1000 && p.id < 1020;
    EXPECT_EQ(row, 10);
    o.padding = 0;
    int row0 = 0;
    for (const auto& p : place_labels(c, o)) row0 += p.id >= 1000 && p.id < 1020;
    EXPECT_EQ(row0, 20);  // touching edges are not an overlap
}

TEST(Labels, PlacerIncremental) {
    LabelPlacer pl(opts());
    EXPECT_TRUE(pl.fits({10, 10, 50, 20}));
    pl.add_obstacle({10, 10, 50, 20});
    EXPECT_FALSE(pl.fits({40, 15, 80, 25}));
    EXPECT_FALSE(pl.fits({51, 10, 80, 20}));  // within padding 2
    EXPECT_TRUE(pl.fits({53, 10, 80, 20}));
    auto p = pl.place(cand(5, 100, 100, 20, 10, 0));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->candidate, -1);
    EXPECT_FALSE(pl.place(cand(6, 101, 101, 20, 10, 0)));
    EXPECT_EQ(pl.obstacles().size(), 2u);
}
