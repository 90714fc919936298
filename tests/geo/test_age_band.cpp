// Issue 17: the population of an age band (geo/population/age_band.h), checked against CBS by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/io/dataset.h"
#include "geo/population/age_band.h"
#include "geo/population/population.h"

using namespace geo;

namespace {

const Dataset& data() {
    static Dataset d = load_dataset();
    return d;
}
const PopulationSurface& surface() {
    static PopulationSurface s = build_population(data());
    return s;
}
const BandPopulation& band2545() {
    static BandPopulation b = band_population(data(), surface(), AgeBand::A25_45);
    return b;
}

double sum_in(const GridF& g, int zone) {
    double s = 0;
    for (size_t i = 0; i < g.v.size(); ++i)
        if (surface().municipality.v[i] == zone) s += g.v[i];
    return s;
}

int index_of(const std::string& code) {
    for (size_t i = 0; i < data().municipalities.size(); ++i)
        if (data().municipalities[i].code == code) return int(i);
    return -1;
}

TEST(AgeBand, KeysRoundTripAndRefuseUnknown) {
    for (int i = 0; i < kAgeBandCount; ++i) {
        AgeBand b{};
        ASSERT_TRUE(age_band_from_key(age_band_key(AgeBand(i)), b));
        EXPECT_EQ(int(b), i);
    }
    AgeBand b = AgeBand::All;
    EXPECT_FALSE(age_band_from_key("20_40", b));
    EXPECT_STREQ(age_band_key(AgeBand::A25_45), "25_45");
}

// Each Twente municipality's band count from the surface equals CBS inhabitants x its 25-45 percentage.
TEST(AgeBand, ReproducesEveryTwenteCbsBandCount) {
    const Dataset& d = data();
    const BandPopulation& b = band2545();
    ASSERT_EQ(d.twente_count, 14);
    double twente = 0;
    for (int i = 0; i < d.twente_count; ++i) {
        const Municipality& m = d.municipalities[size_t(i)];
        const double want = m.cbs.inhabitants * m.cbs.pct_25_45 / 100.0;
        EXPECT_NEAR(sum_in(b.nl, i), want, 0.005 * want) << m.code << " " << m.name;
        EXPECT_FALSE(b.assumed[size_t(i)]);
        twente += sum_in(b.nl, i);
    }
    // By hand from data/cbs_kwb2024_gemeenten_bevolking.csv: Enschede 161 738 x 26 % = 42 051.88, Haaksbergen
    // 24 359 x 20 % = 4 871.8; all of Twente: sum of inhabitants x percentage = 150 572.07 of 640 806 (23.497 %).
    EXPECT_NEAR(sum_in(b.nl, index_of("GM0153")), 42051.88, 5);
    EXPECT_NEAR(sum_in(b.nl, index_of("GM0158")), 4871.8, 1);
    EXPECT_NEAR(twente, 150572.07, 20);
    EXPECT_NEAR(b.twente_share, 150572.07 / 640806, 1e-9);
}

// The German side has no ages: it takes the Twente share (the documented assumption), cell by cell.
TEST(AgeBand, GermanSideTakesTheTwenteShare) {
    const BandPopulation& b = band2545();
    EXPECT_DOUBLE_EQ(b.de_share, b.twente_share);
    double de = 0, de_all = 0;
    for (size_t i = 0; i < b.de.v.size(); ++i) {
        de += b.de.v[i];
        de_all += surface().de.v[i];
    }
    ASSERT_GT(de_all, 1e5);
    EXPECT_NEAR(de / de_all, b.twente_share, 1e-4);
}

// Everyone: the surface itself.
TEST(AgeBand, AllIsTheSurface) {
    const BandPopulation a = band_population(data(), surface(), AgeBand::All);
    EXPECT_EQ(a.nl.v, surface().nl.v);
    EXPECT_EQ(a.de.v, surface().de.v);
    EXPECT_DOUBLE_EQ(a.de_share, 1.0);
}

// A municipality without a CBS percentage takes the Twente share and is marked as assumed.
TEST(AgeBand, MissingPercentageTakesTheTwenteShareAndIsMarked) {
    Dataset d;
    for (int i = 0; i < 2; ++i) {
        Municipality m;
        m.code = i ? "B" : "A";
        m.cbs.valid = true;
        m.cbs.inhabitants = i ? 500 : 1000;
        m.cbs.pct_25_45 = i ? 0 : 30;  // B: unknown
        d.municipalities.push_back(m);
    }
    d.twente_count = 1;
    PopulationSurface s;
    GridSpec g;
    g.minx = 0; g.maxy = 200; g.cell = 100; g.cols = 2; g.rows = 1;
    s.nl = GridF(g, 0.0f);
    s.de = GridF(g, 0.0f);
    s.municipality = Grid<int16_t>(g, int16_t(-1));
    s.nl.v = {1000, 500};
    s.municipality.v = {0, 1};
    const BandPopulation b = band_population(d, s, AgeBand::A25_45);
    EXPECT_DOUBLE_EQ(b.twente_share, 0.3);  // A alone: 300 of 1000
    EXPECT_FLOAT_EQ(b.nl.v[0], 300);
    EXPECT_FLOAT_EQ(b.nl.v[1], 150);  // 500 x the Twente share 0.3
    EXPECT_FALSE(b.assumed[0]);
    EXPECT_TRUE(b.assumed[1]);
}

}  // namespace
