// Accessibility measures on a toy world with hand-computed answers.
//
// World: one row of 9 cells of 100 m, friction 0.6 s/m, so every cell is exactly one minute further.
// Venue 0 at cell 0, venue 1 at cell 8: t0(c) = c min, t1(c) = 8 - c min.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "geo/measures/measures.h"

using namespace geo;

namespace {

struct World {
    GridSpec spec{0, 100, 100, 9, 1};
    FrictionGrid fg{spec, 1, 0.6f};
    std::vector<Source> src{{spec.centre(0, 0), true}, {spec.centre(8, 0), true}};
    SourceTimes st;
    World() {
        TravelOptions o;
        o.max_minutes = 60;
        st = source_times(fg, src, o);
    }
    GridF grid(std::vector<float> v) const {
        GridF g(spec, 0.0f);
        g.v = std::move(v);
        return g;
    }
};

}  // namespace

TEST(Measures, ToyWorldTimesAreWholeMinutes) {
    World w;
    ASSERT_EQ(w.st.lists.size(), 2u);
    ASSERT_EQ(w.st.lists[0].cell.size(), 9u);
    for (size_t e = 0; e < 9; ++e) EXPECT_EQ(w.st.lists[0].sec[e], 60 * w.st.lists[0].cell[e]);
}

TEST(Measures, KernelDensityQuartic) {
    GridSpec s{0, 1000, 100, 10, 10};
    const P2 p = s.centre(5, 5);
    auto kd = kernel_density(s, {p}, 250);
    const double k0 = 3.0 / (M_PI * 250.0 * 250.0) * 1e6;  // 15.279 per km² at the centre
    EXPECT_NEAR(kd.at(5, 5), k0, 1e-4);
    EXPECT_NEAR(kd.at(6, 5), k0 * std::pow(1 - 0.16, 2), 1e-4);      // 100 m
    EXPECT_NEAR(kd.at(6, 6), k0 * std::pow(1 - 0.32, 2), 1e-4);      // 141 m
    EXPECT_NEAR(kd.at(7, 5), k0 * std::pow(1 - 0.64, 2), 1e-4);      // 200 m
    EXPECT_EQ(kd.at(8, 5), 0.0f);                                    // 300 m: outside
    std::vector<double> wts{2.5};
    auto kw = kernel_density(s, {p}, 250, &wts);
    EXPECT_NEAR(kw.at(5, 5), 2.5 * k0, 1e-4);
    // The kernel integrates to ~1 point: sum of cells x cell area (0.01 km²) for a large radius.
    auto big = kernel_density(s, {p}, 400);
    double sum = 0;
    for (float v : big.v) sum += v * 0.01;
    EXPECT_NEAR(sum, 1.0, 0.02);
}

TEST(Measures, CumulativeOpportunities) {
    World w;
    auto c3 = cumulative_opportunities(w.st, 3);
    const float want3[9] = {1, 1, 1, 1, 0, 1, 1, 1, 1};
    for (int c = 0; c < 9; ++c) EXPECT_EQ(c3.at(c, 0), want3[c]) << c;
    auto c4 = cumulative_opportunities(w.st, 4);
    EXPECT_EQ(c4.at(4, 0), 2.0f);
    std::vector<double> wts{10, 1};
    auto cw = cumulative_opportunities(w.st, 4, &wts);
    EXPECT_EQ(cw.at(4, 0), 11.0f);
    EXPECT_EQ(cw.at(5, 0), 1.0f);
}

TEST(Measures, GravityExponentialAndLogistic) {
    World w;
    auto ge = gravity(w.st, Decay::exponential(0.5f, 60));
    EXPECT_NEAR(ge.at(2, 0), std::exp(-1.0) + std::exp(-3.0), 1e-6);  // 0.41767
    EXPECT_NEAR(ge.at(0, 0), 1 + std::exp(-4.0), 1e-6);
    // Cut-off at 5 minutes drops the far venue.
    auto gc = gravity(w.st, Decay::exponential(0.5f, 5));
    EXPECT_NEAR(gc.at(2, 0), std::exp(-1.0), 1e-6);
    // Logistic, t50 = 4, k = 1: f(t) = (1 + e^-4) / (1 + e^(t-4)).
    auto gl = gravity(w.st, Decay::logistic(4, 1, 60));
    auto f = [](double t) { return (1 + std::exp(-4.0)) / (1 + std::exp(t - 4)); };
    EXPECT_NEAR(gl.at(4, 0), 2 * f(4), 1e-6);  // 2 x 0.50916
    EXPECT_NEAR(gl.at(1, 0), f(1) + f(7), 1e-6);
    EXPECT_NEAR(Decay::logistic(4, 1, 60)(0), 1.0, 1e-6);
    std::vector<double> wts{3, 0};
    auto gw = gravity(w.st, Decay::exponential(0.5f, 60), &wts);
    EXPECT_NEAR(gw.at(2, 0), 3 * std::exp(-1.0), 1e-6);
}

TEST(Measures, TwoStepFloatingCatchment) {
    World w;
    auto pop = w.grid({10, 0, 0, 0, 20, 0, 0, 0, 30});
    // 2SFCA, T = 4: venue 0 serves cells 0-4 (demand 30), venue 1 cells 4-8 (demand 50).
    // Capacities 30 and 100: R0 = 1, R1 = 2; A = 1 left, 3 at cell 4 (both), 2 right.
    auto a = fca2(w.st, pop, {30, 100}, Decay::step(4));
    const float want[9] = {1, 1, 1, 1, 3, 2, 2, 2, 2};
    for (int c = 0; c < 9; ++c) EXPECT_NEAR(a.at(c, 0), want[c], 1e-6) << c;

    // E2SFCA with zones <= 2 min: 1.0, <= 4 min: 0.5.
    // D0 = 10*1 + 20*0.5 = 20 -> R0 = 1.5; D1 = 30*1 + 20*0.5 = 40 -> R1 = 2.5.
    Decay st;
    st.kind = Decay::Kind::Stepped;
    st.steps = {{2, 1.0f}, {4, 0.5f}};
    st.cutoff_min = 4;
    auto e = fca2(w.st, pop, {30, 100}, st);
    EXPECT_NEAR(e.at(1, 0), 1.5, 1e-6);
    EXPECT_NEAR(e.at(3, 0), 0.75, 1e-6);
    EXPECT_NEAR(e.at(4, 0), 1.5 * 0.5 + 2.5 * 0.5, 1e-6);
    EXPECT_NEAR(e.at(7, 0), 2.5, 1e-6);

    // A venue without any demand in reach contributes nothing.
    auto empty = fca2(w.st, w.grid(std::vector<float>(9, 0.0f)), {30, 100}, Decay::step(4));
    for (float v : empty.v) EXPECT_EQ(v, 0.0f);
    // Luo & Qi default zones.
    auto d = Decay::e2sfca_default();
    EXPECT_FLOAT_EQ(d(5), 1.0f);
    EXPECT_FLOAT_EQ(d(15), 0.68f);
    EXPECT_FLOAT_EQ(d(25), 0.22f);
    EXPECT_FLOAT_EQ(d(31), 0.0f);
}

TEST(Measures, CapacitiesDefaultToMedianOfKnown) {
    std::vector<Venue> v(4);
    v[0].capacity = 100;
    v[1].capacity = 0;
    v[2].capacity = 300;
    v[3].capacity = 0;
    auto c = capacities(v);
    EXPECT_EQ(c, (std::vector<double>{100, 200, 300, 200}));
    EXPECT_EQ(capacities(v, 50), (std::vector<double>{100, 50, 300, 50}));
    std::vector<Venue> unknown(2);
    EXPECT_EQ(capacities(unknown), (std::vector<double>{1, 1}));
}

TEST(Measures, VenueReachDutchAndGerman) {
    World w;
    auto nl = w.grid({1, 2, 3, 4, 5, 6, 7, 8, 9});
    auto de = w.grid({0, 0, 0, 0, 0, 0, 100, 200, 0});
    auto r = venue_reach(w.st, nl, de, 2);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_DOUBLE_EQ(r[0].nl, 1 + 2 + 3);
    EXPECT_DOUBLE_EQ(r[0].de, 0);
    EXPECT_DOUBLE_EQ(r[1].nl, 7 + 8 + 9);
    EXPECT_DOUBLE_EQ(r[1].de, 300);
    EXPECT_THROW(venue_reach(w.st, nl, de, 61), std::invalid_argument);
    EXPECT_THROW(cumulative_opportunities(w.st, 75), std::invalid_argument);
    EXPECT_THROW(gravity(w.st, Decay::exponential(0.1f, 90)), std::invalid_argument);
}

TEST(Measures, CoveragePerZone) {
    World w;
    TravelOptions o;
    o.max_minutes = 60;
    // Only venue 0: minutes = c.
    auto field = travel_time(w.fg, {w.src[0]}, o);
    Grid<int16_t> zones(w.spec, -1);
    const int16_t z[9] = {0, 0, 0, 1, 1, 1, 1, -1, -1};
    for (int c = 0; c < 9; ++c) zones.at(c, 0) = z[c];
    auto pop = w.grid({10, 10, 20, 5, 5, 0, 10, 100, 100});
    field.minutes.at(6, 0) = kUnreachable;  // pretend cell 6 is beyond the cut-off
    auto rows = coverage_by_zone(zones, 2, pop, field.minutes, 3.5f, field.max_minutes);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_DOUBLE_EQ(rows[0].population, 40);
    EXPECT_DOUBLE_EQ(rows[0].covered, 40);
    EXPECT_DOUBLE_EQ(rows[0].share, 1.0);
    EXPECT_NEAR(rows[0].mean_minutes, (0 * 10 + 1 * 10 + 2 * 20) / 40.0, 1e-5);  // 1.25
    EXPECT_DOUBLE_EQ(rows[1].population, 20);
    EXPECT_DOUBLE_EQ(rows[1].covered, 5);      // cell 3 only
    EXPECT_DOUBLE_EQ(rows[1].share, 0.25);
    EXPECT_DOUBLE_EQ(rows[1].unreached, 10);
    EXPECT_DOUBLE_EQ(rows[1].censored, 10);
    // Cell 6 counts at the cut-off (60): (3*5 + 4*5 + 60*10) / 20 = 31.75, a lower bound.
    EXPECT_NEAR(rows[1].mean_minutes, (3 * 5 + 4 * 5 + 60 * 10) / 20.0, 1e-5);
    EXPECT_TRUE(rows[1].mean_is_lower_bound);
    EXPECT_FALSE(rows[0].mean_is_lower_bound);
    EXPECT_NEAR(rows[1].mean_within_cutoff_minutes, (3 * 5 + 4 * 5) / 10.0, 1e-5);  // over the reachable 10 people
    EXPECT_NEAR(rows[1].median_minutes, 4, 1e-5);  // 10 of 20 within 4 min (a time of the field)
    EXPECT_TRUE(std::isinf(rows[1].p90_minutes));

    auto t = coverage_table(rows, {"GM0001", "GM0002"}, {"Een", "Twee, met komma"}, 3.5f, true);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[1][0], "GM0002");
    EXPECT_EQ(t.rows[1][4], "25.0");
    EXPECT_EQ(t.rows[1][5], "31.8");
    EXPECT_EQ(t.rows[1][7], "3.5");
    EXPECT_EQ(t.rows[1][8], "estimate: no road network loaded");
    EXPECT_EQ(t.rows[1][12], "3.5");
    EXPECT_EQ(t.rows[1][14], ">60");
}

TEST(Measures, TwoThreadPassesGiveTheSameResult) {
    // Lower the threshold so the toy world's passes run on two threads; compare with the single-thread results.
    World w;
    auto pop = w.grid({10, 0, 0, 0, 20, 0, 0, 0, 30});
    auto nl = w.grid({1, 2, 3, 4, 5, 6, 7, 8, 9});
    const size_t saved = detail::parallel_entries;
    detail::parallel_entries = size_t(1) << 40;
    const GridF g1 = gravity(w.st, Decay::exponential(0.5f, 60));
    const GridF f1 = fca2(w.st, pop, {30, 100}, Decay::step(4));
    const auto r1 = venue_reach(w.st, nl, pop, 4);
    detail::parallel_entries = 1;
    const GridF g2 = gravity(w.st, Decay::exponential(0.5f, 60));
    const GridF f2 = fca2(w.st, pop, {30, 100}, Decay::step(4));
    const auto r2 = venue_reach(w.st, nl, pop, 4);
    detail::parallel_entries = saved;
    for (int c = 0; c < 9; ++c) {
        EXPECT_FLOAT_EQ(g2.at(c, 0), g1.at(c, 0)) << c;
        EXPECT_FLOAT_EQ(f2.at(c, 0), f1.at(c, 0)) << c;
    }
    EXPECT_NEAR(g2.at(2, 0), std::exp(-1.0) + std::exp(-3.0), 1e-6);
    EXPECT_NEAR(f2.at(4, 0), 3.0, 1e-6);
    ASSERT_EQ(r2.size(), 2u);
    EXPECT_DOUBLE_EQ(r2[0].nl, r1[0].nl);
    EXPECT_DOUBLE_EQ(r2[1].de, r1[1].de);
    EXPECT_DOUBLE_EQ(r2[1].de, 20 + 30);
}

// Issue 11: the fill rule of unknown capacities is counted, so a result can say what it assumed.
TEST(Measures, CapacityWeightsCountTheAssumedOnes) {
    std::vector<Venue> vs(3);
    vs[0].capacity = 400;  // the other two unknown
    const VenueWeights w = capacity_weights(vs);
    EXPECT_EQ(w.assumed, 2);
    EXPECT_EQ(w.total, 3);
    EXPECT_EQ(w.rule, VenueWeights::Rule::Median);
    EXPECT_DOUBLE_EQ(w.fill, 400);
    EXPECT_EQ(w.weight, (std::vector<double>{400, 400, 400}));
    EXPECT_EQ(capacities(vs), w.weight);  // the same rule as before
    const VenueWeights none = capacity_weights(std::vector<Venue>(2));
    EXPECT_EQ(none.assumed, 2);
    EXPECT_EQ(none.rule, VenueWeights::Rule::One);
    EXPECT_EQ(none.weight, (std::vector<double>{1, 1}));
    EXPECT_EQ(capacity_weights(vs, 50).rule, VenueWeights::Rule::Default);
}

// Gravity weighted by attractiveness: A_i = sum_j W_j exp(-beta t_ij) with t0(c) = c, t1(c) = 8 - c minutes.
TEST(Measures, GravityWeightedEqualsHandSum) {
    World w;
    const std::vector<double> W = {300, 100};
    const float beta = 0.2f;
    const GridF g = gravity(w.st, Decay::exponential(beta, 60), &W);
    for (int c = 0; c < 9; ++c) {
        const double want = 300 * std::exp(-0.2 * c) + 100 * std::exp(-0.2 * (8 - c));
        EXPECT_NEAR(g.v[size_t(c)], want, 1e-3 * want) << "cell " << c;
    }
}
