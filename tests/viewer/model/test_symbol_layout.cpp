// Issue 13: symbols that would overlap are merged (same group, with a count) or displaced on a ring, never
// hidden; fixed symbols stay. Hand-made screen positions.
#include <gtest/gtest.h>

#include <cmath>

#include "viewer/model/labels.h"

using namespace viewer;

namespace {
float d(const SymbolSpot& a, const SymbolSpot& b) { return std::hypot(a.x - b.x, a.y - b.y); }
const SymbolSpot* with(const std::vector<SymbolSpot>& s, int id) {
    for (const auto& p : s)
        for (int m : p.members)
            if (m == id) return &p;
    return nullptr;
}
}  // namespace

TEST(SymbolLayout, FarApartSymbolsStayWhereTheyAre) {
    SymbolLayoutOptions o;
    o.diameter = 10;
    o.gap = 2;
    // 12 px apart = diameter + gap: touching with the gap kept, not overlapping.
    auto s = layout_symbols({{1, 100, 100, 0}, {2, 112, 100, 1}, {3, 300, 50, 0}}, o);
    ASSERT_EQ(s.size(), 3u);
    for (const auto& p : s) {
        EXPECT_FALSE(p.displaced);
        EXPECT_EQ(p.x, p.ax);
        EXPECT_EQ(p.y, p.ay);
    }
}

TEST(SymbolLayout, SameGroupMergesWithACount) {
    SymbolLayoutOptions o;
    o.diameter = 10;
    auto s = layout_symbols({{1, 100, 100, 4, 5}, {2, 104, 100, 4, 9}, {3, 102, 108, 4, 1}}, o);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].count(), 3);
    EXPECT_EQ(s[0].members.front(), 2);  // highest priority first
    EXPECT_NEAR(s[0].x, (100 + 104 + 102) / 3.0, 1e-3);
    EXPECT_NEAR(s[0].y, (100 + 100 + 108) / 3.0, 1e-3);
    // Merging is decided against the first member: 10.7 px from it is not merged even though 8.2 px from another.
    auto u = layout_symbols({{1, 104, 100, 4, 9}, {2, 100, 100, 4, 5}, {3, 100, 109.9f, 4, 1}}, o);
    EXPECT_EQ(u.size(), 2u);
    // Exactly one diameter apart: not merged (< merge_px), and not overlapping either.
    auto t = layout_symbols({{1, 100, 100, 4}, {2, 110, 100, 4}}, o);
    EXPECT_EQ(t.size(), 2u);
}

TEST(SymbolLayout, DifferentGroupsAreDisplacedApart) {
    SymbolLayoutOptions o;
    o.diameter = 10;
    o.gap = 2;
    std::vector<SymbolItem> items;
    for (int g = 0; g < 6; ++g) items.push_back({g, 200 + 0.5f * g, 200, g});  // six categories on one spot
    auto s = layout_symbols(items, o);
    ASSERT_EQ(s.size(), 6u);
    for (size_t i = 0; i < s.size(); ++i) {
        EXPECT_TRUE(s[i].displaced);
        for (size_t j = i + 1; j < s.size(); ++j) EXPECT_GE(d(s[i], s[j]), 12 - 1e-3) << i << "," << j;
        // A ring around the true place: every symbol within a few diameters of it.
        EXPECT_LT(std::hypot(s[i].x - 201.25f, s[i].y - 200), 20);
    }
}

TEST(SymbolLayout, FixedSymbolsStayAndOthersMoveAroundThem) {
    SymbolLayoutOptions o;
    o.diameter = 10;
    o.gap = 2;
    // A highlighted venue (fixed, radius 11) and one of the same group 3 px away: never merged into it.
    auto s = layout_symbols({{1, 100, 100, 2, 0, true, 11}, {2, 103, 100, 2, 0}}, o);
    ASSERT_EQ(s.size(), 2u);
    const SymbolSpot* f = with(s, 1);
    const SymbolSpot* m = with(s, 2);
    ASSERT_TRUE(f && m);
    EXPECT_EQ(f->x, 100);
    EXPECT_EQ(f->y, 100);
    EXPECT_FALSE(f->displaced);
    EXPECT_TRUE(m->displaced);
    EXPECT_GE(d(*f, *m), 11 + 5 + 2 - 1e-3);
}

TEST(SymbolLayout, NonFiniteItemsAreSkipped) {
    auto s = layout_symbols({{1, NAN, 0, 0}, {2, 5, 5, 0}}, {});
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].members.front(), 2);
}
