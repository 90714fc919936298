// What-if: incremental add / move / remove must equal a full recompute exactly; best site on toy cases.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/measures/best_site.h"
#include "geo/travel/travel.h"
#include "test_travel_util.h"

using namespace geo;

namespace {

void expect_same(const TravelField& inc, const TravelField& full, const std::string& what) {
    ASSERT_EQ(inc.minutes.v.size(), full.minutes.v.size());
    size_t bad = 0;
    for (size_t i = 0; i < full.minutes.v.size(); ++i) {
        // Exact equality, including +inf.
        if (!(inc.minutes.v[i] == full.minutes.v[i]) || inc.owner.v[i] != full.owner.v[i]) {
            if (++bad <= 5)
                ADD_FAILURE() << what << ": cell " << i << " incremental " << inc.minutes.v[i] << "/" << inc.owner.v[i]
                              << " full " << full.minutes.v[i] << "/" << full.owner.v[i];
        }
    }
    EXPECT_EQ(bad, 0u) << what;
    EXPECT_TRUE(inc.node_s == full.node_s) << what << ": node times differ";
    EXPECT_TRUE(inc.node_owner == full.node_owner) << what << ": node owners differ";
}

}  // namespace

TEST(WhatIf, AddImprovesOnlyWhereCloser) {
    std::vector<Source> src;
    auto fg = travel_test::ascii({"S........"}, &src);
    auto f = travel_time(fg, src);
    src.push_back({fg.spec().centre(8, 0), true});
    size_t changed = update_source(f, fg, src, 1);
    // Cells 5..8 are now closer to the new source (4 < 5 is the midpoint tie at 4: stays with index 0).
    EXPECT_EQ(changed, 4u);
    EXPECT_EQ(f.owner.at(4, 0), 0);
    EXPECT_EQ(f.owner.at(5, 0), 1);
    EXPECT_NEAR(f.minutes.at(6, 0) * 60, 200, 1e-3);
}

TEST(WhatIf, RemoveRepairsFromBoundary) {
    std::vector<Source> src;
    auto fg = travel_test::ascii({"S...S...S"}, &src);
    auto f = travel_time(fg, src);
    src[1].active = false;
    update_source(f, fg, src, 1);
    EXPECT_NEAR(f.minutes.at(4, 0) * 60, 400, 1e-3);
    EXPECT_EQ(f.owner.at(4, 0), 0);  // tie between 0 and 2: lowest index
    EXPECT_EQ(f.owner.at(5, 0), 2);
    expect_same(f, travel_time(fg, src), "remove");
}

TEST(WhatIf, IncrementalEqualsFullRecomputeOnRandomEdits) {
    std::mt19937 rng(2024);
    int edits = 0;
    for (int trial = 0; trial < 40; ++trial) {
        const int cols = 6 + int(rng() % 14), rows = 5 + int(rng() % 12), layers = 1 + int(rng() % 2);
        auto fg = travel_test::random_grid(rng, cols, rows, layers, trial % 4 == 0);
        std::vector<Source> src;
        const int n0 = 1 + int(rng() % 5);
        for (int i = 0; i < n0; ++i) src.push_back({travel_test::random_pos(rng, fg.spec()), true});
        TravelOptions o;
        o.max_minutes = trial % 3 == 0 ? 6.0f : 1e5f;
        auto field = travel_time(fg, src, o);
        for (int step = 0; step < 12; ++step) {
            const int kind = int(rng() % 3);
            int idx;
            if (kind == 0 || src.empty()) {  // add (sometimes exactly on an existing source's cell)
                P2 p = travel_test::random_pos(rng, fg.spec());
                if (!src.empty() && rng() % 4 == 0) p = src[rng() % src.size()].pos;
                src.push_back({p, true});
                idx = int(src.size()) - 1;
            } else if (kind == 1) {  // move
                idx = int(rng() % src.size());
                src[size_t(idx)].pos = travel_test::random_pos(rng, fg.spec());
                src[size_t(idx)].active = true;
            } else {  // remove
                idx = int(rng() % src.size());
                src[size_t(idx)].active = false;
            }
            update_source(field, fg, src, idx);
            expect_same(field, travel_time(fg, src, o),
                         "trial " + std::to_string(trial) + " step " + std::to_string(step) + " kind " +
                             std::to_string(kind));
            if (HasFailure()) return;
            ++edits;
        }
    }
    EXPECT_EQ(edits, 40 * 12);
}

TEST(WhatIf, SourceTimesUpdateEqualsRecompute) {
    std::mt19937 rng(99);
    auto fg = travel_test::random_grid(rng, 12, 9, 2, false);
    std::vector<Source> src;
    for (int i = 0; i < 4; ++i) src.push_back({travel_test::random_pos(rng, fg.spec()), true});
    TravelOptions o;
    o.max_minutes = 15;
    auto st = source_times(fg, src, o);
    src[2].pos = travel_test::random_pos(rng, fg.spec());
    update_source_times(st, fg, src, 2);
    src.push_back({travel_test::random_pos(rng, fg.spec()), true});
    update_source_times(st, fg, src, 4);
    src[0].active = false;
    update_source_times(st, fg, src, 0);
    auto full = source_times(fg, src, o);
    ASSERT_EQ(st.lists.size(), full.lists.size());
    for (size_t i = 0; i < st.lists.size(); ++i) {
        EXPECT_EQ(st.lists[i].cell, full.lists[i].cell) << i;
        EXPECT_EQ(st.lists[i].sec, full.lists[i].sec) << i;
    }
    EXPECT_TRUE(st.lists[0].cell.empty());
}

TEST(WhatIf, ImprovementScanLeavesFieldUnchanged) {
    std::mt19937 rng(5);
    auto fg = travel_test::random_grid(rng, 15, 11, 2, false);
    std::vector<Source> src{{travel_test::random_pos(rng, fg.spec()), true}};
    auto field = travel_time(fg, src);
    const auto before = field;
    const P2 cand = travel_test::random_pos(rng, fg.spec());
    auto imp = improvement_scan(field, fg, cand, 1e5f);
    EXPECT_TRUE(field.node_s == before.node_s);
    EXPECT_TRUE(field.node_owner == before.node_owner);
    // Compare with actually adding the source.
    src.push_back({cand, true});
    auto after = travel_time(fg, src);
    size_t improved = 0;
    for (size_t i = 0; i < after.minutes.v.size(); ++i)
        if (after.minutes.v[i] < before.minutes.v[i]) ++improved;
    ASSERT_EQ(imp.size(), improved);
    for (const auto& [cell, m] : imp) EXPECT_EQ(m, after.minutes.v[cell]);
}

// Best site: a 1-row world, 1 minute per cell (friction 0.6 s/m at 100 m cells).
namespace {
FrictionGrid row_world(int n) {
    GridSpec s{0, 100, 100, n, 1};
    return FrictionGrid(s, 1, 0.6f);
}
}  // namespace

TEST(BestSite, GreedyCoverageOnKnownToy) {
    auto fg = row_world(21);
    GridF pop(fg.spec(), 0.0f);
    pop.at(2, 0) = 100;
    pop.at(10, 0) = 50;
    pop.at(18, 0) = 80;
    std::vector<P2> cand{fg.spec().centre(2, 0), fg.spec().centre(10, 0), fg.spec().centre(18, 0),
                         fg.spec().centre(6, 0)};
    BestSiteOptions o;
    o.k = 2;
    o.threshold_min = 1.5f;
    auto best = best_sites(fg, {}, cand, pop, o);
    ASSERT_EQ(best.size(), 2u);
    EXPECT_EQ(best[0].candidate, 0);
    EXPECT_NEAR(best[0].gain, 100, 1e-9);
    EXPECT_EQ(best[1].candidate, 2);
    EXPECT_NEAR(best[1].objective, 180, 1e-9);

    // An existing venue next to the biggest cluster: the best new site is the 80 cluster.
    BestSiteOptions o1 = o;
    o1.k = 1;
    auto best2 = best_sites(fg, {{fg.spec().centre(3, 0), true}}, cand, pop, o1);
    ASSERT_EQ(best2.size(), 1u);
    EXPECT_EQ(best2[0].candidate, 2);

    // Candidates that cover nobody new give no choice at all.
    auto none = best_sites(fg, {}, {fg.spec().centre(6, 0)}, pop, o);
    EXPECT_TRUE(none.empty());
}

TEST(BestSite, CoverageTakesTheOverlapIntoAccount) {
    // Clusters at 4 (60) and 8 (60) and 20 (70). A site at 6 covers both 4 and 8 (T = 2.5): 120, the best first
    // choice; then 20 (70). Greedy picking single clusters would be worse.
    auto fg = row_world(25);
    GridF pop(fg.spec(), 0.0f);
    pop.at(4, 0) = 60;
    pop.at(8, 0) = 60;
    pop.at(20, 0) = 70;
    std::vector<P2> cand;
    for (int c = 0; c < 25; ++c) cand.push_back(fg.spec().centre(c, 0));
    BestSiteOptions o;
    o.k = 2;
    o.threshold_min = 2.5f;
    auto best = best_sites(fg, {}, cand, pop, o);
    ASSERT_EQ(best.size(), 2u);
    EXPECT_EQ(best[0].candidate, 6);
    EXPECT_NEAR(best[0].objective, 120, 1e-9);
    EXPECT_NEAR(best[1].objective, 190, 1e-9);
    EXPECT_GE(best[1].candidate, 18);
    EXPECT_LE(best[1].candidate, 22);
}

TEST(BestSite, MeanTimeMatchesExhaustiveSearch) {
    // 100 people at cell 0, 50 at cell 20: one site at 0 gives mean (0*100 + 20*50)/150 = 6.67 min.
    auto fg = row_world(21);
    GridF pop(fg.spec(), 0.0f);
    pop.at(0, 0) = 100;
    pop.at(20, 0) = 50;
    std::vector<P2> cand;
    for (int c = 0; c < 21; ++c) cand.push_back(fg.spec().centre(c, 0));
    BestSiteOptions o;
    o.objective = SiteObjective::MeanTime;
    o.travel.max_minutes = 60;
    auto best = best_sites(fg, {}, cand, pop, o);
    ASSERT_EQ(best.size(), 1u);
    EXPECT_EQ(best[0].candidate, 0);
    EXPECT_NEAR(best[0].objective, 20.0 * 50 / 150, 1e-4);

    // 2-D random populations: greedy k = 1 equals the exhaustive optimum.
    std::mt19937 rng(11);
    GridSpec s{0, 1200, 100, 12, 12};
    FrictionGrid g2(s, 1, 0.6f);
    GridF p2(s, 0.0f);
    for (int i = 0; i < 6; ++i) p2.at(int(rng() % 12), int(rng() % 12)) += float(10 + rng() % 90);
    std::vector<P2> c2;
    for (int r = 0; r < 12; r += 2)
        for (int c = 0; c < 12; c += 2) c2.push_back(s.centre(c, r));
    std::vector<Source> existing{{s.centre(0, 0), true}};
    auto b2 = best_sites(g2, existing, c2, p2, o);
    ASSERT_EQ(b2.size(), 1u);
    double best_mean = 1e300;
    for (const P2& c : c2) {
        auto ex = existing;
        ex.push_back({c, true});
        TravelOptions to;
        to.max_minutes = 60;
        auto f = travel_time(g2, ex, to);
        double s1 = 0, sp = 0;
        for (size_t i = 0; i < p2.v.size(); ++i) {
            s1 += double(p2.v[i]) * std::min(f.minutes.v[i], 60.0f);
            sp += p2.v[i];
        }
        best_mean = std::min(best_mean, s1 / sp);
    }
    EXPECT_NEAR(b2[0].objective, best_mean, 1e-4);
}
