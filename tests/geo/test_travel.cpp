// Travel-time engine on hand-computed toy grids, against a Bellman-Ford oracle, and the model parameters.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <random>

#include "geo/travel/friction.h"
#include "geo/travel/travel.h"
#include "test_travel_util.h"

using namespace geo;
using travel_test::ascii;

namespace {
const double kS5 = std::sqrt(5.0), kS2 = std::sqrt(2.0);
float sec(const TravelField& f, int c, int r) { return f.minutes.at(c, r) * 60.0f; }
}  // namespace

TEST(Travel, StraightRowIsOrthogonalSteps) {
    std::vector<Source> src;
    auto fg = ascii({"S...."}, &src);
    auto f = travel_time(fg, src);
    for (int c = 0; c < 5; ++c) EXPECT_NEAR(sec(f, c, 0), 100.0 * c, 1e-3) << c;
    EXPECT_NEAR(f.minutes.at(4, 0), 400.0 / 60.0, 1e-5);
    EXPECT_EQ(f.owner.at(4, 0), 0);
}

TEST(Travel, KnightAndDiagonalMoves) {
    std::vector<Source> src;
    auto fg = ascii({"S....", ".....", "....."}, &src);
    auto f = travel_time(fg, src);
    EXPECT_NEAR(sec(f, 1, 1), 100 * kS2, 1e-3);
    EXPECT_NEAR(sec(f, 2, 1), 100 * kS5, 1e-3);            // one knight move
    EXPECT_NEAR(sec(f, 1, 2), 100 * kS5, 1e-3);
    EXPECT_NEAR(sec(f, 2, 2), 200 * kS2, 1e-3);            // two diagonals
    EXPECT_NEAR(sec(f, 3, 1), 100 * kS5 + 100, 1e-3);      // knight + orthogonal (beats diagonal + 2 orth)
    EXPECT_NEAR(sec(f, 4, 2), 200 * kS5, 1e-3);            // two knights
}

TEST(Travel, BarrierForcesDetourNoCornerCutting) {
    // Wall in column 1 (rows 0-1). Hand computation: S->(0,1)->(0,2)->(1,2)->(2,2) = 400 s, then north
    // (2,1) = 500, (2,0) = 600. Diagonal (0,1)->(1,2) and knight moves through the wall are blocked.
    std::vector<Source> src;
    auto fg = ascii({"S#...", ".#...", "....."}, &src);
    auto f = travel_time(fg, src);
    EXPECT_NEAR(sec(f, 1, 2), 300, 1e-3);
    EXPECT_NEAR(sec(f, 2, 2), 400, 1e-3);
    EXPECT_NEAR(sec(f, 2, 1), 500, 1e-3);
    EXPECT_NEAR(sec(f, 2, 0), 600, 1e-3);
    EXPECT_NEAR(sec(f, 3, 1), 300 + 100 * kS5, 1e-3);  // knight from (1,2) over open cells
    EXPECT_TRUE(std::isinf(f.minutes.at(1, 0)));       // the wall itself
    EXPECT_EQ(f.owner.at(1, 0), -1);
}

TEST(Travel, RoadCellsAreFasterMeanFriction) {
    // Cost of a move = length x mean friction of its two cells: S(1.0)->R(0.1): 50*(1.1) = 55, R->R: 10,
    // R->'.': 55.
    std::vector<Source> src;
    auto fg = ascii({"SRRRR."}, &src);
    auto f = travel_time(fg, src);
    EXPECT_NEAR(sec(f, 1, 0), 55, 1e-3);
    EXPECT_NEAR(sec(f, 4, 0), 85, 1e-3);
    EXPECT_NEAR(sec(f, 5, 0), 140, 1e-3);
}

TEST(Travel, KnightMoveAveragesTheCrossedCells) {
    // Knight (0,0)->(2,1) crosses (1,0) and (1,1). With a slower cell (1.2 s/m) at (1,0) the knight costs
    // sqrt5*100*(1+1+1.2+1)/4 = 234.79 s, still below diagonal + orthogonal (241.42) and the path over the slow
    // cell (110 + 155.56); a knight ignoring the crossed cells would give 223.61.
    std::vector<Source> src;
    auto fg = ascii({"SR.", "..."}, &src, 1.0f, 1.2f);
    auto f = travel_time(fg, src);
    EXPECT_NEAR(sec(f, 2, 1), kS5 * 100 * 4.2 / 4, 1e-3);
}

TEST(Travel, NearestOwnerAndTieGoesToLowestIndex) {
    std::vector<Source> src;
    auto fg = ascii({"S...S"}, &src);
    auto f = travel_time(fg, src);
    EXPECT_EQ(f.owner.at(1, 0), 0);
    EXPECT_EQ(f.owner.at(2, 0), 0);  // 200 s from both
    EXPECT_EQ(f.owner.at(3, 0), 1);
    EXPECT_NEAR(sec(f, 3, 0), 100, 1e-3);
}

TEST(Travel, CutoffLeavesInfinity) {
    std::vector<Source> src;
    auto fg = ascii({"S....."}, &src);
    TravelOptions o;
    o.max_minutes = 250.0f / 60.0f;
    auto f = travel_time(fg, src, o);
    EXPECT_NEAR(sec(f, 2, 0), 200, 1e-3);
    EXPECT_TRUE(std::isinf(f.minutes.at(3, 0)));
    EXPECT_EQ(f.owner.at(3, 0), -1);
}

TEST(Travel, InactiveAndOutsideSourcesAreIgnored) {
    std::vector<Source> src;
    auto fg = ascii({"S...S"}, &src);
    src[0].active = false;
    src.push_back({{-5000, -5000}, true});
    auto f = travel_time(fg, src);
    EXPECT_EQ(f.owner.at(0, 0), 1);
    EXPECT_NEAR(sec(f, 0, 0), 400, 1e-3);
}

TEST(Travel, LinksBetweenLayers) {
    // Two layers, 5x1 cells, friction 1 s/m; link layer0 (0,0) -> layer1 (4,0) costs 30 s.
    GridSpec s{0, 100, 100, 5, 1};
    FrictionGrid fg(s, 2, 1.0f);
    fg.add_link({0, 0, 0, 1, 4, 0, 30.0f});
    std::vector<Source> src{{s.centre(0, 0), true}};
    auto f = travel_time(fg, src);
    EXPECT_NEAR(sec(f, 4, 0), 30, 1e-3);
    EXPECT_NEAR(sec(f, 3, 0), 130, 1e-3);
    EXPECT_NEAR(sec(f, 2, 0), 200, 1e-3);
    // Start penalties per layer are added at the source.
    fg.start_s = {10.0f, 50.0f};
    f = travel_time(fg, src);
    EXPECT_NEAR(sec(f, 0, 0), 10, 1e-3);
    EXPECT_NEAR(sec(f, 4, 0), 40, 1e-3);
}

TEST(Travel, MatchesBellmanFordOracleOnRandomGrids) {
    std::mt19937 rng(12345);
    int compared = 0;
    for (int trial = 0; trial < 60; ++trial) {
        const int cols = 4 + int(rng() % 6), rows = 3 + int(rng() % 6), layers = 1 + int(rng() % 2);
        auto fg = travel_test::random_grid(rng, cols, rows, layers, trial % 5 == 0);
        std::vector<Source> src;
        const int ns = 1 + int(rng() % 4);
        for (int i = 0; i < ns; ++i) src.push_back({travel_test::random_pos(rng, fg.spec()), true});
        TravelOptions o;
        o.max_minutes = trial % 3 == 0 ? 8.0f : 1e5f;
        auto f = travel_time(fg, src, o);
        auto ref = travel_test::oracle(fg, src, double(o.max_minutes) * 60.0);
        for (size_t i = 0; i < ref.sec.size(); ++i) {
            const double got = double(f.minutes.v[i]) * 60.0;
            if (std::isinf(ref.sec[i])) {
                // Beyond the cut-off only by float rounding is tolerated.
                EXPECT_TRUE(std::isinf(got) || std::abs(got - o.max_minutes * 60.0) < 0.01) << trial << " " << i;
                continue;
            }
            ASSERT_TRUE(std::isfinite(got)) << "trial " << trial << " cell " << i;
            EXPECT_NEAR(got, ref.sec[i], 1e-4 * ref.sec[i] + 1e-3) << "trial " << trial << " cell " << i;
            if (ref.unique[i]) {
                EXPECT_EQ(f.owner.v[i], ref.owner[i]) << "trial " << trial << " cell " << i;
            }
            ++compared;
        }
    }
    EXPECT_GT(compared, 1000);
}

TEST(Travel, CancelThrows) {
    GridSpec s{0, 30000, 100, 300, 300};
    FrictionGrid fg(s, 1, 1.0f);
    std::vector<Source> src{{s.centre(150, 150), true}};
    std::atomic<bool> cancel{true};
    TravelOptions o;
    o.max_minutes = 1e6f;
    o.cancel = &cancel;
    EXPECT_THROW(travel_time(fg, src, o), Cancelled);
    TravelOptions o2;
    o2.max_minutes = 60;
    o2.cancel = &cancel;
    EXPECT_THROW(source_times(fg, src, o2), Cancelled);
}

TEST(Travel, ProgressIsReported) {
    GridSpec s{0, 30000, 100, 300, 300};
    FrictionGrid fg(s, 1, 1.0f);
    std::vector<Source> src{{s.centre(10, 10), true}};
    TravelOptions o;
    o.max_minutes = 1e6f;
    float last = -1;
    int calls = 0;
    o.progress = [&](float p) {
        EXPECT_GE(p, last);
        last = p;
        ++calls;
    };
    travel_time(fg, src, o);
    EXPECT_GT(calls, 2);
    EXPECT_FLOAT_EQ(last, 1.0f);
}

TEST(Travel, SourceTimesMatchSingleSourceFields) {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 10; ++trial) {
        auto fg = travel_test::random_grid(rng, 9, 7, 1 + trial % 2, false);
        std::vector<Source> src;
        for (int i = 0; i < 3; ++i) src.push_back({travel_test::random_pos(rng, fg.spec()), true});
        src[1].active = false;
        TravelOptions o;
        o.max_minutes = 20;
        o.threads = 2;
        auto st = source_times(fg, src, o);
        ASSERT_EQ(st.lists.size(), 3u);
        EXPECT_TRUE(st.lists[1].cell.empty());
        for (int i : {0, 2}) {
            auto f = travel_time(fg, {src[size_t(i)]}, o);
            size_t finite = 0;
            for (float m : f.minutes.v) finite += std::isfinite(m);
            ASSERT_EQ(st.lists[size_t(i)].cell.size(), finite) << trial;
            for (size_t e = 0; e < st.lists[size_t(i)].cell.size(); ++e) {
                const float m = f.minutes.v[st.lists[size_t(i)].cell[e]];
                EXPECT_EQ(st.lists[size_t(i)].sec[e], uint16_t(std::lround(m * 60.0f)));
            }
        }
    }
}

TEST(Travel, FrictionGridTracksUniformityAndMinimum) {
    GridSpec s{0, 500, 100, 5, 5};
    FrictionGrid fg(s, 2, 1.0f);
    EXPECT_TRUE(fg.layer_uniform(0));
    EXPECT_FLOAT_EQ(fg.min_friction(1), 1.0f);
    fg.set(0, 2, 2, 1.0f);  // same value: still uniform
    EXPECT_TRUE(fg.layer_uniform(0));
    fg.set(0, 2, 2, 0.25f);
    EXPECT_FALSE(fg.layer_uniform(0));
    EXPECT_TRUE(fg.layer_uniform(1));
    EXPECT_FLOAT_EQ(fg.min_friction(0), 0.25f);
    fg.fill_layer(0, 2.0f);
    EXPECT_TRUE(fg.layer_uniform(0));
    EXPECT_FLOAT_EQ(fg.min_friction(0), 2.0f);
    fg.fill_layer(1, std::numeric_limits<float>::infinity());
    EXPECT_FALSE(fg.layer_uniform(1));  // all impassable is not a usable uniform layer
    EXPECT_EQ(fg.link_flags(), nullptr);
    fg.add_link({0, 1, 1, 1, 3, 3, 42.0f});
    ASSERT_NE(fg.link_flags(), nullptr);
    EXPECT_EQ(fg.links_from(fg.node(0, 1, 1)).size(), 1u);
    EXPECT_TRUE(fg.links_from(fg.node(0, 1, 2)).empty());
    EXPECT_FLOAT_EQ(fg.min_link_seconds(), 42.0f);
    EXPECT_THROW(fg.add_link({0, 9, 9, 1, 0, 0, 1.0f}), std::invalid_argument);
}

TEST(Travel, EuclideanDistanceIsExact) {
    GridSpec s{0, 2000, 100, 23, 17};
    std::vector<P2> pts{s.centre(3, 4), s.centre(20, 15), {1550, 1020}};
    Grid<int32_t> own;
    auto d = euclidean_distance(s, pts, &own);
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c) {
            double best = 1e300;
            for (const P2& p : pts) {
                int pc, pr;
                ASSERT_TRUE(s.cell_of(p, pc, pr));
                best = std::min(best, dist(s.centre(c, r), s.centre(pc, pr)));
            }
            EXPECT_NEAR(d.at(c, r), best, 1e-3) << c << "," << r;
            int oc, orr;
            s.cell_of(pts[size_t(own.at(c, r))], oc, orr);
            EXPECT_NEAR(dist(s.centre(c, r), s.centre(oc, orr)), best, 1e-3);
        }
    auto none = euclidean_distance(s, {});
    EXPECT_TRUE(std::isinf(none.at(0, 0)));
}

TEST(TravelModel, EstimateUsesDetourFactorAndPenalty) {
    GridSpec s{0, 100, 100, 12, 1};
    TravelParams p;
    auto fg = build_friction(s, Mode::Bike, nullptr, nullptr, p);
    EXPECT_TRUE(fg.estimate);
    EXPECT_NE(fg.note.find("estimate"), std::string::npos);
    auto f = travel_time(fg, {{s.centre(0, 0), true}});
    // 1000 m x 1.3 / (15 km/h) + 1 min lock = 312 s + 60 s.
    EXPECT_NEAR(f.minutes.at(10, 0), (1000 * 1.3 / (15 / 3.6) + 60) / 60, 1e-3);
    EXPECT_TRUE(f.estimate);
    auto car = travel_time(build_friction(s, Mode::Car), {{s.centre(0, 0), true}});
    EXPECT_NEAR(car.minutes.at(10, 0), (1000 * 1.3 / (50 / 3.6) + 240) / 60, 1e-3);
    auto walk = travel_time(build_friction(s, Mode::Walk), {{s.centre(0, 0), true}});
    EXPECT_NEAR(walk.minutes.at(10, 0), (1000 * 1.3 / (4.8 / 3.6)) / 60, 1e-3);
}

TEST(TravelModel, ModeAndRoadClassKeys) {
    for (int i = 0; i < kModeCount; ++i) {
        Mode m;
        ASSERT_TRUE(mode_from_key(mode_key(Mode(i)), m));
        EXPECT_EQ(m, Mode(i));
    }
    Mode m;
    EXPECT_FALSE(mode_from_key("boat", m));
    EXPECT_EQ(road_class_from_key("motorway_link"), RoadClass::Motorway);
    EXPECT_EQ(road_class_from_key("cycleway"), RoadClass::Cycleway);
    EXPECT_EQ(road_class_from_key("proposed"), RoadClass::Unknown);
    TravelParams p;
    EXPECT_EQ(p.road_kmh[road_mode_index(Mode::Bike)][int(RoadClass::Motorway)], 0.0);
    EXPECT_GT(p.road_kmh[road_mode_index(Mode::Car)][int(RoadClass::Motorway)],
              p.road_kmh[road_mode_index(Mode::Car)][int(RoadClass::Residential)]);
}
