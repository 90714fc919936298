// Accessibility measures: functions from venues + population + travel times to a raster or a table.
//
// The expensive part (travel times) is computed once: a TravelField for nearest-venue measures (its `minutes`
// grid IS the "travel time to the nearest venue of a category" raster: run travel_time on that category's
// venues) and SourceTimes (sparse per-venue times) for the others. A decay or threshold beyond the SourceTimes
// cut-off throws std::invalid_argument. Every function here is a cheap recombination pass, so changing a
// threshold or a decay parameter only re-runs these. Travel times are minutes; population grids must share the
// travel grid's GridSpec.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "geo/core/grid.h"
#include "geo/io/table_csv.h"
#include "geo/io/venues.h"
#include "geo/travel/travel.h"

namespace geo {

// Distance-decay weight f(t) for t in minutes; 0 beyond cutoff_min for every kind.
struct Decay {
    enum class Kind { Step, Exponential, Logistic, Stepped };
    Kind kind = Kind::Step;
    float cutoff_min = 30;    // Step: the threshold T (f = 1 for t <= T)
    float beta = 0.1f;        // Exponential: f = exp(-beta t), beta per minute
    float t50 = 15, k = 0.3f; // Logistic: f = (1 + exp(-k t50)) / (1 + exp(k (t - t50)))  (f(0) = 1, f(t50) ~ 1/2)
    std::vector<std::pair<float, float>> steps;  // Stepped: (upper bound in minutes, weight), ascending bounds

    float operator()(float minutes) const;

    static Decay step(float T);
    static Decay exponential(float beta, float cutoff_min);
    static Decay logistic(float t50, float k, float cutoff_min);
    // E2SFCA zones of Luo & Qi (2009): 0-10 min weight 1, 10-20 min 0.68, 20-30 min 0.22.
    static Decay e2sfca_default();
};

// Kernel density of points (quartic / biweight kernel, planar radius in metres), in points (or weight) per km².
// K(d) = 3 / (pi r^2) * (1 - d^2/r^2)^2 for d < r, evaluated at cell centres.
GridF kernel_density(const GridSpec& spec, const std::vector<P2>& points, double radius_m,
                     const std::vector<double>* weights = nullptr);

// Number (or summed weight) of venues reachable within T minutes.
GridF cumulative_opportunities(const SourceTimes& st, float T_min, const std::vector<double>* weights = nullptr);

// Hansen gravity accessibility: A_i = sum_j W_j f(t_ij) (W_j = 1 without weights).
GridF gravity(const SourceTimes& st, const Decay& decay, const std::vector<double>* weights = nullptr);

// Two-step floating catchment area (Luo & Wang 2003) with Decay::step(T); the enhanced form (E2SFCA, Luo & Qi
// 2009) with Decay::e2sfca_default() or any stepped/continuous decay:
//   R_j = S_j / sum_i P_i f(t_ij),   A_i = sum_j R_j f(t_ij)   (capacity per inhabitant; x1000 for "per 1000").
// A venue without demand in its catchment gets R_j = 0.
GridF fca2(const SourceTimes& st, const GridF& population, const std::vector<double>& capacity, const Decay& decay);

// Venue capacities with unknown (0) ones replaced: by default_capacity when > 0, else by the median of the
// known capacities, else 1.
std::vector<double> capacities(const std::vector<Venue>& venues, double default_capacity = 0);

// The same capacities with the fill rule made explicit, so that a result can say what it assumed
// ("capacity assumed for 11 of 11 libraries").
struct VenueWeights {
    enum class Rule { Default, Median, One };  // how unknown capacities were filled
    std::vector<double> weight;  // per venue: its capacity, or `fill` when unknown
    int assumed = 0;             // venues whose capacity was unknown (filled)
    int total = 0;               // venues
    double fill = 1;             // the value given to unknown capacities
    Rule rule = Rule::One;
};
VenueWeights capacity_weights(const std::vector<Venue>& venues, double default_capacity = 0);

// Population within T minutes of each source (Dutch and German population separately).
struct PopulationReach {
    double nl = 0, de = 0;
};
std::vector<PopulationReach> venue_reach(const SourceTimes& st, const GridF& pop_nl, const GridF& pop_de, float T_min);

// Coverage per zone (e.g. municipality): zones holds an index 0..zone_count-1 per cell (-1 outside).
struct CoverageRow {
    int zone = 0;
    double population = 0;     // inhabitants in the zone
    double covered = 0;        // inhabitants within T of a venue
    double share = 0;          // covered / population (0 when empty)
    double mean_minutes = 0;   // population-weighted mean travel time over inhabitants with a finite time (NaN if none)
    double unreached = 0;      // inhabitants beyond the travel cut-off (+inf time)
};
std::vector<CoverageRow> coverage_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& population,
                                          const GridF& minutes, float T_min);

// The coverage rows as a table for CSV export. codes/names per zone index. Columns: code, name, population,
// covered (within T), share_pct, mean_minutes, unreached, threshold_min, note ("estimate: no road network loaded"
// when estimate is true).
Table coverage_table(const std::vector<CoverageRow>& rows, const std::vector<std::string>& codes,
                     const std::vector<std::string>& names, float T_min, bool estimate);

namespace detail {
// Passes over at least this many per-source entries (and >= 2 sources, >= 2 cores) run on two threads.
// Tuning knob; tests lower it to exercise the parallel path. Not to be changed while measures run.
extern size_t parallel_entries;
}  // namespace detail

}  // namespace geo
