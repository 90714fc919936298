// Best site: where to add k venues so that the most people are within T minutes, or the population-weighted
// mean travel time is lowest. Greedy (one site at a time, each the best given the previous ones), evaluated
// lazily (CELF): both objectives are submodular, so a candidate's gain can only shrink as sites are added.
#pragma once
#include <vector>

#include "geo/core/grid.h"
#include "geo/travel/travel.h"

namespace geo {

enum class SiteObjective {
    CoveredPopulation,  // maximise inhabitants within threshold_min of a venue
    MeanTime            // minimise population-weighted mean time; inhabitants beyond the cut-off count as the cut-off
};

struct BestSiteOptions {
    SiteObjective objective = SiteObjective::CoveredPopulation;
    int k = 1;                 // number of sites to add
    float threshold_min = 15;  // CoveredPopulation: T
    TravelOptions travel;      // cut-off (max_minutes), cancel, progress
};

struct SiteChoice {
    int candidate = -1;    // index into the candidate list
    double gain = 0;       // inhabitants newly covered, or reduction of the weighted mean time (minutes)
    double objective = 0;  // after adding this site: covered inhabitants, or weighted mean minutes
};

// existing: the current venues (inactive ones are ignored). population: same grid as fg. Returns up to k
// choices in the order picked (fewer when no candidate improves anything).
std::vector<SiteChoice> best_sites(const FrictionGrid& fg, const std::vector<Source>& existing,
                                   const std::vector<P2>& candidates, const GridF& population,
                                   const BestSiteOptions& opt = {});

// Candidate list helper: the centres of every `step`-th cell (in both directions) holding at least min_population.
std::vector<P2> candidate_cells(const GridF& population, int step = 5, double min_population = 1);

}  // namespace geo
