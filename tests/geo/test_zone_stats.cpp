// Figures per zone with hand-computed answers: censored travel-time statistics (coverage_by_zone), the
// distribution of any measure (zone_stats), the cumulative share curve, and their CSV tables.
//
// Every toy world is one row of cells; zones, population and values are given per cell.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "geo/measures/measures.h"

using namespace geo;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaNf = std::numeric_limits<float>::quiet_NaN();

struct Row {
    GridSpec spec;
    Grid<int16_t> zones;
    GridF pop, val;
    Row(std::vector<int16_t> z, std::vector<float> p, std::vector<float> v)
        : spec{0, 100, 100, int(z.size()), 1}, zones(spec, -1), pop(spec, 0.0f), val(spec, 0.0f) {
        zones.v = std::move(z);
        pop.v = std::move(p);
        val.v = std::move(v);
    }
};

// The brief's example: 100, 200, 300 inhabitants at 10 min, 40 min and beyond the cut-off (60).
Row example() { return Row({0, 0, 0}, {100, 200, 300}, {10, 40, kInf}); }

// Q(q) straight from the definition, by brute force over candidate values: the smallest t among the values with
// sum(pop : value <= t) >= q * total; +inf when no value qualifies.
double brute_quantile(const std::vector<std::pair<float, float>>& vp, double total, double q) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& [t, _] : vp) {
        double below = 0;
        for (const auto& [u, p] : vp)
            if (u <= t) below += p;
        if (below >= q * total - 1e-6 * total && t < best) best = t;
    }
    return best;
}

}  // namespace

TEST(CensoredCoverage, BriefExampleMeanIsLowerBoundMedianAtBoundaryP90Beyond) {
    Row w = example();
    auto rows = coverage_by_zone(w.zones, 1, w.pop, w.val, 30, 60);
    ASSERT_EQ(rows.size(), 1u);
    const CoverageRow& r = rows[0];
    EXPECT_DOUBLE_EQ(r.population, 600);
    EXPECT_DOUBLE_EQ(r.covered, 100);  // only the 10-minute cell is within 30
    EXPECT_DOUBLE_EQ(r.share, 100.0 / 600);
    EXPECT_DOUBLE_EQ(r.mean_minutes, 45);  // (100*10 + 200*40 + 300*60) / 600
    EXPECT_TRUE(r.mean_is_lower_bound);
    EXPECT_DOUBLE_EQ(r.mean_within_cutoff_minutes, 30);  // (100*10 + 200*40) / 300
    EXPECT_DOUBLE_EQ(r.censored, 300);
    EXPECT_DOUBLE_EQ(r.censored_share, 0.5);
    EXPECT_DOUBLE_EQ(r.unreached, 300);
    // Median: half the population is 300; at 40 min exactly 100 + 200 = 300 are within, so Q(0.5) = 40.
    EXPECT_DOUBLE_EQ(r.median_minutes, 40);
    // P90 needs 540 within; only 300 are within the cut-off, so it lies beyond.
    EXPECT_TRUE(std::isinf(r.p90_minutes) && r.p90_minutes > 0);
    EXPECT_EQ(r.cutoff_min, 60.0f);
    EXPECT_EQ(r.threshold_min, 30.0f);
}

TEST(CensoredCoverage, TimeExactlyAtThresholdCountsAsWithin) {
    Row w = example();
    EXPECT_DOUBLE_EQ(coverage_by_zone(w.zones, 1, w.pop, w.val, 40, 60)[0].covered, 300);
    EXPECT_DOUBLE_EQ(coverage_by_zone(w.zones, 1, w.pop, w.val, 39.99f, 60)[0].covered, 100);
    // And at the cut-off: a time equal to it is within, not censored.
    Row c({0, 0}, {10, 30}, {60, 20});
    auto r = coverage_by_zone(c.zones, 1, c.pop, c.val, 60, 60)[0];
    EXPECT_DOUBLE_EQ(r.covered, 40);
    EXPECT_DOUBLE_EQ(r.censored, 0);
    EXPECT_FALSE(r.mean_is_lower_bound);
    EXPECT_DOUBLE_EQ(r.mean_minutes, (10 * 60 + 30 * 20) / 40.0);  // 30: the true mean
    EXPECT_DOUBLE_EQ(r.mean_within_cutoff_minutes, r.mean_minutes);
    EXPECT_DOUBLE_EQ(r.median_minutes, 20);                         // 30 of 40 within 20 >= 20
    EXPECT_DOUBLE_EQ(r.p90_minutes, 60);                            // 36 needed: only at 60
}

TEST(CensoredCoverage, ZoneWithNobodyAndZoneAllCensored) {
    // Zone 0: one cell without inhabitants (time 5) -> empty. Zone 1: 50 at +inf, 50 at NaN -> all censored.
    // Zone 2: no cells at all.
    Row w({0, 1, 1, -1}, {0, 50, 50, 1000}, {5, kInf, kNaNf, 1});
    auto rows = coverage_by_zone(w.zones, 3, w.pop, w.val, 15, 60);
    ASSERT_EQ(rows.size(), 3u);
    for (int z : {0, 2}) {
        const CoverageRow& e = rows[size_t(z)];
        EXPECT_EQ(e.zone, z);
        EXPECT_DOUBLE_EQ(e.population, 0);
        EXPECT_DOUBLE_EQ(e.share, 0);
        EXPECT_DOUBLE_EQ(e.censored, 0);
        EXPECT_DOUBLE_EQ(e.censored_share, 0);
        EXPECT_FALSE(e.mean_is_lower_bound);
        EXPECT_TRUE(std::isnan(e.mean_minutes));
        EXPECT_TRUE(std::isnan(e.mean_within_cutoff_minutes));
        EXPECT_TRUE(std::isnan(e.median_minutes));
        EXPECT_TRUE(std::isnan(e.p90_minutes));
    }
    const CoverageRow& a = rows[1];
    EXPECT_DOUBLE_EQ(a.population, 100);
    EXPECT_DOUBLE_EQ(a.covered, 0);
    EXPECT_DOUBLE_EQ(a.censored, 100);
    EXPECT_DOUBLE_EQ(a.censored_share, 1);
    EXPECT_DOUBLE_EQ(a.unreached, 50);  // only the +inf cell; NaN is censored but not "unreached"
    EXPECT_DOUBLE_EQ(a.mean_minutes, 60);
    EXPECT_TRUE(a.mean_is_lower_bound);
    EXPECT_TRUE(std::isnan(a.mean_within_cutoff_minutes));
    EXPECT_TRUE(std::isinf(a.median_minutes));
    EXPECT_TRUE(std::isinf(a.p90_minutes));

    auto t = coverage_table(rows, {"A", "B"}, {"Aa"}, 15, false);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0][5], "");   // mean of an empty zone
    EXPECT_EQ(t.rows[0][11], "");  // mean_is_lower_bound of an empty zone
    EXPECT_EQ(t.rows[0][13], "");  // median
    EXPECT_EQ(t.rows[1][5], "60.0");
    EXPECT_EQ(t.rows[1][11], "yes");
    EXPECT_EQ(t.rows[1][12], "");
    EXPECT_EQ(t.rows[1][13], ">60");
    EXPECT_EQ(t.rows[1][14], ">60");
    EXPECT_EQ(t.rows[2][0], "2");  // no code given: the zone index
    EXPECT_EQ(t.rows[2][1], "");
}

TEST(CensoredCoverage, QuantilesExactlyAtPopulationBoundaries) {
    auto q = [](std::vector<float> p, std::vector<float> t) {
        Row w(std::vector<int16_t>(p.size(), 0), p, t);
        return coverage_by_zone(w.zones, 1, w.pop, w.val, 10, 60)[0];
    };
    // 100 at 10, 100 at 20: exactly half within 10 -> median 10 (not 15); P90 needs 180 -> 20.
    EXPECT_DOUBLE_EQ(q({100, 100}, {10, 20}).median_minutes, 10);
    EXPECT_DOUBLE_EQ(q({100, 100}, {10, 20}).p90_minutes, 20);
    // One more inhabitant at 20 moves the median there.
    EXPECT_DOUBLE_EQ(q({100, 101}, {10, 20}).median_minutes, 20);
    // 90 at 5, 10 at 50: exactly 90 % within 5 -> P90 = 5; 89 / 11 -> 50.
    EXPECT_DOUBLE_EQ(q({90, 10}, {5, 50}).p90_minutes, 5);
    EXPECT_DOUBLE_EQ(q({89, 11}, {5, 50}).p90_minutes, 50);
    // The same boundary against the censored: 90 within, 10 beyond -> P90 = 5, not beyond; 89 / 11 -> beyond.
    EXPECT_DOUBLE_EQ(q({90, 10}, {5, kInf}).p90_minutes, 5);
    EXPECT_TRUE(std::isinf(q({89, 11}, {5, kInf}).p90_minutes));
    // Half censored exactly: median is the largest finite time; one more censored person pushes it beyond.
    EXPECT_DOUBLE_EQ(q({50, 50}, {7, kInf}).median_minutes, 7);
    EXPECT_TRUE(std::isinf(q({50, 51}, {7, kInf}).median_minutes));
    // Order of cells does not matter; equal times add up.
    EXPECT_DOUBLE_EQ(q({30, 40, 30}, {20, 10, 10}).median_minutes, 10);  // 70 of 100 within 10
    // Fractional populations not exact in binary: 0.9 and 0.1 inhabitants (as floats 0.89999998 and 0.1000000015,
    // so 0.9 x their sum is a hair above the first). Exactly 90 % are within 5 min; the tolerance keeps that
    // rounding from pushing P90 to 50.
    EXPECT_DOUBLE_EQ(q({0.9f, 0.1f}, {5, 50}).p90_minutes, 5);
    EXPECT_DOUBLE_EQ(q({2.7f, 0.3f}, {5, 50}).p90_minutes, 5);
    std::vector<float> p(10, 0.1f), t;
    for (int i = 1; i <= 10; ++i) t.push_back(float(i));
    EXPECT_DOUBLE_EQ(q(p, t).median_minutes, 5);
    EXPECT_DOUBLE_EQ(q(p, t).p90_minutes, 9);
}

TEST(CensoredCoverage, CutoffBelowTheEnginesCountsLaterTimesAsCensored) {
    // The engine reached the 40-minute cell, but the statistics are censored at 30.
    Row w = example();
    auto r = coverage_by_zone(w.zones, 1, w.pop, w.val, 30, 30)[0];
    EXPECT_DOUBLE_EQ(r.censored, 500);
    EXPECT_DOUBLE_EQ(r.unreached, 300);
    EXPECT_NEAR(r.mean_minutes, (100 * 10 + 500 * 30) / 600.0, 1e-12);
    EXPECT_DOUBLE_EQ(r.mean_within_cutoff_minutes, 10);
    EXPECT_TRUE(std::isinf(r.median_minutes));
}

TEST(CensoredCoverage, RefusesBadCutoffOrThresholdBeyondIt) {
    Row w = example();
    EXPECT_THROW(coverage_by_zone(w.zones, 1, w.pop, w.val, 61, 60), std::invalid_argument);
    EXPECT_THROW(coverage_by_zone(w.zones, 1, w.pop, w.val, 0, 0), std::invalid_argument);
    EXPECT_THROW(coverage_by_zone(w.zones, 1, w.pop, w.val, 10, kInf), std::invalid_argument);
    EXPECT_THROW(coverage_by_zone(w.zones, 1, w.pop, w.val, 10, kNaNf), std::invalid_argument);
    Row other({0, 0}, {1, 1}, {1, 1});
    EXPECT_THROW(coverage_by_zone(w.zones, 1, other.pop, w.val, 10, 60), std::invalid_argument);
}

TEST(CensoredCoverage, QuantilesMatchTheDefinitionOnRandomZones) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> zone(-1, 3), small(0, 4);
    const int n = 400;
    std::vector<int16_t> z(n);
    std::vector<float> p(n), t(n);
    for (int i = 0; i < n; ++i) {
        z[size_t(i)] = int16_t(zone(rng));
        p[size_t(i)] = float(small(rng) * 5);         // many ties in population, some empty cells
        const int k = small(rng) + small(rng) * 5;    // 0..24, many ties in time
        t[size_t(i)] = k >= 22 ? kInf : float(k * 3); // some beyond, some above the cut-off 45 (k*3 > 45)
    }
    Row w(z, p, t);
    const float cutoff = 45;
    auto rows = coverage_by_zone(w.zones, 4, w.pop, w.val, 20, cutoff);
    for (int zz = 0; zz < 4; ++zz) {
        std::vector<std::pair<float, float>> vp;  // censored as +inf
        double total = 0, sum = 0, cens = 0;
        for (int i = 0; i < n; ++i) {
            if (z[size_t(i)] != zz || !(p[size_t(i)] > 0)) continue;
            const bool c = !(t[size_t(i)] <= cutoff);
            vp.push_back({c ? kInf : t[size_t(i)], p[size_t(i)]});
            total += p[size_t(i)];
            sum += p[size_t(i)] * (c ? cutoff : t[size_t(i)]);
            cens += c ? p[size_t(i)] : 0;
        }
        const CoverageRow& r = rows[size_t(zz)];
        ASSERT_GT(total, 0);
        EXPECT_DOUBLE_EQ(r.population, total);
        EXPECT_DOUBLE_EQ(r.censored, cens);
        EXPECT_NEAR(r.mean_minutes, sum / total, 1e-9);
        EXPECT_EQ(r.median_minutes, brute_quantile(vp, total, 0.5)) << zz;
        EXPECT_EQ(r.p90_minutes, brute_quantile(vp, total, 0.9)) << zz;
    }
}

TEST(CensoredCoverage, TableColumnsAndValues) {
    Row w = example();
    auto t = coverage_table(coverage_by_zone(w.zones, 1, w.pop, w.val, 30, 60), {"GM0168"}, {"Losser"}, 30, true);
    const std::vector<std::string> cols = {"code",       "name",         "population",          "covered",
                                           "share_pct",  "mean_minutes", "unreached",           "threshold_min",
                                           "note",       "censored",     "censored_pct",        "mean_is_lower_bound",
                                           "mean_within_cutoff_minutes", "median_minutes", "p90_minutes",
                                           "cutoff_min"};
    EXPECT_EQ(t.columns, cols);
    ASSERT_EQ(t.rows.size(), 1u);
    const std::vector<std::string> want = {"GM0168", "Losser", "600",  "100",  "16.7", "45.0", "300", "30",
                                           kEstimateNote, "300", "50.0", "yes", "30.0", "40.0", ">60", "60"};
    EXPECT_EQ(t.rows[0], want);
    // A fractional cut-off is written as given.
    auto f = coverage_table(coverage_by_zone(w.zones, 1, w.pop, w.val, 7.5f, 42.5f), {}, {}, 7.5f, false);
    EXPECT_EQ(f.rows[0][7], "7.5");
    EXPECT_EQ(f.rows[0][14], ">42.5");
    EXPECT_EQ(f.rows[0][15], "42.5");
}

TEST(ZoneStats, NaNNodataAndInfiniteCellsAreNoValue) {
    // Zone 0: 10 at 1, 30 at 2, 20 at NaN, 5 at nodata, 5 at +inf, an uninhabited cell at 100 (ignored).
    // Zone 1: inhabitants but no value. Zone 2: nobody.
    Row w({0, 0, 0, 0, 0, 0, 1, 1}, {10, 30, 20, 5, 5, 0, 7, 3},
          {1, 2, kNaNf, kNoData, kInf, 100, kNaNf, -kInf});
    auto rows = zone_stats(w.zones, 3, w.pop, w.val);
    ASSERT_EQ(rows.size(), 3u);
    const ZoneStats& a = rows[0];
    EXPECT_DOUBLE_EQ(a.population, 70);
    EXPECT_DOUBLE_EQ(a.with_value, 40);
    EXPECT_DOUBLE_EQ(a.no_value, 30);
    EXPECT_DOUBLE_EQ(a.mean, (10 * 1 + 30 * 2) / 40.0);  // 1.75
    EXPECT_DOUBLE_EQ(a.p10, 1);     // 4 needed, 10 at <= 1
    EXPECT_DOUBLE_EQ(a.median, 2);  // 20 needed, only 10 at <= 1
    EXPECT_DOUBLE_EQ(a.p90, 2);
    EXPECT_DOUBLE_EQ(a.min, 1);
    EXPECT_DOUBLE_EQ(a.max, 2);     // not 100: that cell has nobody
    const ZoneStats& b = rows[1];
    EXPECT_DOUBLE_EQ(b.population, 10);
    EXPECT_DOUBLE_EQ(b.no_value, 10);
    EXPECT_DOUBLE_EQ(b.with_value, 0);
    for (double v : {b.mean, b.p10, b.median, b.p90, b.min, b.max}) EXPECT_TRUE(std::isnan(v));
    EXPECT_DOUBLE_EQ(rows[2].population, 0);
    EXPECT_TRUE(std::isnan(rows[2].mean));
    // Another nodata value: 2 is now "no value".
    auto c = zone_stats(w.zones, 1, w.pop, w.val, 2.0f)[0];
    EXPECT_DOUBLE_EQ(c.with_value, 10 + 5);  // 1 and -9999 count now
    EXPECT_DOUBLE_EQ(c.min, -9999);
}

TEST(ZoneStats, QuantilesAtPopulationBoundaries) {
    // 10 inhabitants each at 4, 3, 2, 1 (unordered), one zone.
    Row w({0, 0, 0, 0}, {10, 10, 10, 10}, {4, 3, 2, 1});
    auto r = zone_stats(w.zones, 1, w.pop, w.val)[0];
    EXPECT_DOUBLE_EQ(r.p10, 1);     // 4 needed
    EXPECT_DOUBLE_EQ(r.median, 2);  // exactly 20 at <= 2
    EXPECT_DOUBLE_EQ(r.p90, 4);     // 36 needed
    EXPECT_DOUBLE_EQ(r.mean, 2.5);
    // P10 exactly at a boundary: 10 of 100 at 0.5.
    Row v({0, 0}, {10, 90}, {0.5f, 8});
    EXPECT_DOUBLE_EQ(zone_stats(v.zones, 1, v.pop, v.val)[0].p10, 0.5);
    Row u({0, 0}, {9, 91}, {0.5f, 8});
    EXPECT_DOUBLE_EQ(zone_stats(u.zones, 1, u.pop, u.val)[0].p10, 8);
}

TEST(ZoneStats, QuantilesMatchTheDefinitionOnRandomZones) {
    // Many zones of random sizes with tied values and populations; P10, median and P90 against the definition.
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> zone(0, 29), small(0, 6), val(-20, 20);
    const int n = 3000;
    std::vector<int16_t> z(n);
    std::vector<float> p(n), v(n);
    for (int i = 0; i < n; ++i) {
        z[size_t(i)] = int16_t(zone(rng) % (1 + zone(rng)));  // skewed: zone 0 large, high zones small
        p[size_t(i)] = small(rng) == 0 ? 0.0f : float(small(rng)) + 0.5f * float(small(rng) % 2);
        v[size_t(i)] = small(rng) == 6 ? kNaNf : 0.25f * float(val(rng));
    }
    Row w(z, p, v);
    auto rows = zone_stats(w.zones, 30, w.pop, w.val);
    int checked = 0;
    for (int zz = 0; zz < 30; ++zz) {
        std::vector<std::pair<float, float>> vp;
        double total = 0, sum = 0;
        float lo = kInf, hi = -kInf;
        for (int i = 0; i < n; ++i) {
            if (z[size_t(i)] != zz || !(p[size_t(i)] > 0) || std::isnan(v[size_t(i)])) continue;
            vp.push_back({v[size_t(i)], p[size_t(i)]});
            total += p[size_t(i)];
            sum += double(p[size_t(i)]) * v[size_t(i)];
            lo = std::min(lo, v[size_t(i)]);
            hi = std::max(hi, v[size_t(i)]);
        }
        const ZoneStats& r = rows[size_t(zz)];
        if (vp.empty()) continue;
        ++checked;
        EXPECT_DOUBLE_EQ(r.with_value, total);
        EXPECT_NEAR(r.mean, sum / total, 1e-9);
        EXPECT_EQ(r.p10, brute_quantile(vp, total, 0.1)) << zz;
        EXPECT_EQ(r.median, brute_quantile(vp, total, 0.5)) << zz;
        EXPECT_EQ(r.p90, brute_quantile(vp, total, 0.9)) << zz;
        EXPECT_EQ(r.min, lo);
        EXPECT_EQ(r.max, hi);
    }
    EXPECT_GE(checked, 20);
}

TEST(ZoneStats, TableColumnsAndSignificantDigits) {
    Row w({0, 0, 1, 2}, {10, 30, 5, 1}, {0.000321456f, 0.000321456f, 12345.6f, kNaNf});
    auto t = zone_stats_table(zone_stats(w.zones, 3, w.pop, w.val), {"A", "B", "C"}, {"a", "b", "c"},
                              "2SFCA pop, bike 15 min", "seats per inhabitant", false);
    EXPECT_EQ(t.columns, (std::vector<std::string>{"code", "name", "population", "no_value_population", "mean",
                                                    "p10", "median", "p90", "min", "max", "metric", "unit",
                                                    "note"}));
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0][2], "40");
    EXPECT_EQ(t.rows[0][3], "0");
    EXPECT_EQ(t.rows[0][4], "0.0003215");
    EXPECT_EQ(t.rows[0][10], "2SFCA pop, bike 15 min");
    EXPECT_EQ(t.rows[0][11], "seats per inhabitant");
    EXPECT_EQ(t.rows[0][12], "");
    EXPECT_EQ(t.rows[1][6], "12346");
    EXPECT_EQ(t.rows[2][3], "1");
    EXPECT_EQ(t.rows[2][4], "");
}

TEST(CumulativeCurve, BriefExampleAtItsSteps) {
    Row w = example();
    auto c = cumulative_share_by_zone(w.zones, 1, w.pop, w.val, 10, 60);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_DOUBLE_EQ(c[0].population, 600);
    EXPECT_EQ(c[0].minutes, (std::vector<double>{0, 10, 20, 30, 40, 50, 60}));
    const std::vector<double> want = {0, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5, 0.5, 0.5};
    ASSERT_EQ(c[0].share.size(), want.size());
    for (size_t k = 0; k < want.size(); ++k) EXPECT_DOUBLE_EQ(c[0].share[k], want[k]) << k;
    // The curve at each step equals the coverage share at that threshold.
    for (size_t k = 0; k < want.size(); ++k)
        EXPECT_DOUBLE_EQ(coverage_by_zone(w.zones, 1, w.pop, w.val, float(c[0].minutes[k]), 60)[0].share,
                         c[0].share[k]);
}

TEST(CumulativeCurve, LastPointIsTheCutoffAndEmptyZonesAreZero) {
    // Zone 0: 1 at 0 min, 2 at exactly 25, 3 at 55, 4 at 61 (beyond), 5 at +inf. Zone 1: nobody.
    Row w({0, 0, 0, 0, 0, 1}, {1, 2, 3, 4, 5, 0}, {0, 25, 55, 61, kInf, 3});
    auto c = cumulative_share_by_zone(w.zones, 2, w.pop, w.val, 25, 60);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].minutes, (std::vector<double>{0, 25, 50, 60}));
    EXPECT_DOUBLE_EQ(c[0].share[0], 1.0 / 15);  // time 0 is within 0
    EXPECT_DOUBLE_EQ(c[0].share[1], 3.0 / 15);  // exactly 25 is within 25
    EXPECT_DOUBLE_EQ(c[0].share[2], 3.0 / 15);
    EXPECT_DOUBLE_EQ(c[0].share[3], 6.0 / 15);  // 55 within the cut-off 60; 61 and +inf never
    EXPECT_EQ(c[1].zone, 1);
    EXPECT_DOUBLE_EQ(c[1].population, 0);
    EXPECT_EQ(c[1].share, (std::vector<double>{0, 0, 0, 0}));
    EXPECT_THROW(cumulative_share_by_zone(w.zones, 2, w.pop, w.val, 0, 60), std::invalid_argument);
    EXPECT_THROW(cumulative_share_by_zone(w.zones, 2, w.pop, w.val, 5, kInf), std::invalid_argument);

    auto t = cumulative_share_table(c, {"A", "B"}, {"a", "b"}, true);
    EXPECT_EQ(t.columns, (std::vector<std::string>{"code", "name", "minutes", "within", "share_pct", "note"}));
    ASSERT_EQ(t.rows.size(), 8u);
    EXPECT_EQ(t.rows[1], (std::vector<std::string>{"A", "a", "25", "3", "20.0", kEstimateNote}));
    EXPECT_EQ(t.rows[3][2], "60");
    EXPECT_EQ(t.rows[3][3], "6");
    EXPECT_EQ(t.rows[3][4], "40.0");
    EXPECT_EQ(t.rows[7][0], "B");
}
