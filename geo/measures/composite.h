// Composite accessibility over several venue categories (issue 17): per-category accessibility surfaces (e.g.
// cumulative_opportunities within T, or gravity), each normalised by its population-weighted mean over a
// reference population (the Twente inhabitants of the chosen group), combined with relative weights:
//
//     C_i = sum_k w_k * A_ik / N_k  /  sum_k w_k        N_k = sum_i P_i A_ik / sum_i P_i   (reference cells i)
//
// so C = 1 is "as well served as the average reference inhabitant, category by category, weighted"; C = 2 twice
// that. With one category weighted, C = A_k / N_k: that category's measure in units of its mean. A category whose
// mean is 0 (no venue reachable by anyone) contributes 0 and is listed in `unreachable`.
#pragma once
#include <cstdint>
#include <vector>

#include "geo/core/grid.h"

namespace geo {

// Population-weighted mean of `values` over the cells whose zone is in [0, zone_count) (zones null: every cell)
// and whose population is > 0. NaN values count as 0. 0 when there is no population.
double population_mean(const GridF& values, const GridF& population, const Grid<int16_t>* zones = nullptr,
                       int zone_count = 0);

struct CompositeAccess {
    GridF score;                   // C per cell (NaN where every weighted category's surface is NaN)
    std::vector<double> norm;      // N_k per input (0 when unreachable)
    std::vector<double> weight;    // w_k / sum w per input (the shares actually used)
    std::vector<int> unreachable;  // inputs with w_k > 0 and N_k == 0
};

// access[k] and weights[k] per category; all grids share one GridSpec. norm[k]: the normaliser N_k (compute it
// with population_mean). Throws std::invalid_argument on a size mismatch, a negative or non-finite weight, all
// weights 0, or differing grids.
CompositeAccess composite_access(const std::vector<const GridF*>& access, const std::vector<double>& weights,
                                 const std::vector<double>& norm);

}  // namespace geo
