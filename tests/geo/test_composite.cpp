// Issue 17: the composite of several categories' accessibility (geo/measures/composite.h), by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/measures/composite.h"

using namespace geo;

namespace {

GridSpec four() {
    GridSpec g;
    g.minx = 0; g.maxy = 100; g.cell = 100; g.cols = 4; g.rows = 1;
    return g;
}
GridF grid(std::vector<float> v) {
    GridF g(four(), 0.0f);
    g.v = std::move(v);
    return g;
}

// Population 100, 300, 0, 600; third places within T 2, 1, 5, 0; pop venues 0, 3, 1, 1.
//   N_A = (100*2 + 300*1 + 0*5 + 600*0) / 1000 = 0.5     N_B = (0 + 900 + 0 + 600) / 1000 = 1.5
// weights 2 : 1 -> shares 2/3, 1/3:
//   C = 2/3 * A/0.5 + 1/3 * B/1.5  =  8/3, 2, 62/9, 2/9
TEST(Composite, EqualsTheWeightedSumOfNormalisedMeasuresOnAToyWorld) {
    const GridF P = grid({100, 300, 0, 600}), A = grid({2, 1, 5, 0}), B = grid({0, 3, 1, 1});
    const double na = population_mean(A, P), nb = population_mean(B, P);
    EXPECT_DOUBLE_EQ(na, 0.5);
    EXPECT_DOUBLE_EQ(nb, 1.5);
    const CompositeAccess c = composite_access({&A, &B}, {2, 1}, {na, nb});
    EXPECT_NEAR(c.score.v[0], 8.0 / 3, 1e-6);
    EXPECT_NEAR(c.score.v[1], 2.0, 1e-6);
    EXPECT_NEAR(c.score.v[2], 62.0 / 9, 1e-6);
    EXPECT_NEAR(c.score.v[3], 2.0 / 9, 1e-6);
    EXPECT_NEAR(c.weight[0], 2.0 / 3, 1e-12);
    EXPECT_TRUE(c.unreachable.empty());
    // By construction the population-weighted mean of C is 1 (the average inhabitant).
    EXPECT_NEAR(population_mean(c.score, P), 1.0, 1e-6);
    // Weights are relative: 4 : 2 is the same mix as 2 : 1.
    const CompositeAccess c2 = composite_access({&A, &B}, {4, 2}, {na, nb});
    for (size_t i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(c2.score.v[i], c.score.v[i]);
}

// One category weighted: that category's measure in units of its mean, cell for cell (the other ignored).
TEST(Composite, OneCategoryWeightedReproducesThatMeasure) {
    const GridF P = grid({100, 300, 0, 600}), A = grid({2, 1, 5, 0}), B = grid({0, 3, 1, 1});
    const CompositeAccess c = composite_access({&A, &B}, {0, 3}, {0.5, 1.5});
    for (size_t i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(c.score.v[i] * 1.5f, B.v[i]) << i;
}

// Zones restrict the reference population; NaN counts as 0 in the mean; an unreachable category is listed.
TEST(Composite, ZonesNaNAndUnreachable) {
    const GridF P = grid({100, 300, 0, 600}), A = grid({2, NAN, 5, 4});
    Grid<int16_t> z(four(), int16_t(-1));
    z.v = {0, 0, 0, -1};  // the last cell is outside the reference area
    EXPECT_DOUBLE_EQ(population_mean(A, P, &z, 1), 200.0 / 400);
    const GridF zero = grid({0, 0, 0, 0});
    const CompositeAccess c = composite_access({&A, &zero}, {1, 1}, {0.5, 0});
    ASSERT_EQ(c.unreachable.size(), 1u);
    EXPECT_EQ(c.unreachable[0], 1);
    EXPECT_NEAR(c.score.v[0], 0.5 * 2 / 0.5, 1e-6);  // half the weight on a category nobody reaches: 0
    EXPECT_NEAR(c.score.v[1], 0.0, 1e-6);            // A is NaN, the zero surface still gives a value
    EXPECT_THROW(composite_access({&A, &zero}, {0, 0}, {1, 1}), std::invalid_argument);
    EXPECT_THROW(composite_access({&A, &zero}, {-1, 1}, {1, 1}), std::invalid_argument);
    EXPECT_THROW(composite_access({&A}, {1, 1}, {1, 1}), std::invalid_argument);
}

}  // namespace
