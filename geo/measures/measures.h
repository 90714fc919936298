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

// ---- Figures per zone (e.g. municipality) -----------------------------------------------------------------
//
// zones holds an index 0..zone_count-1 per cell (-1 or >= zone_count: outside every zone); population, zones and
// the value grid share one GridSpec. Only cells with population > 0 count; a zone's population is the sum over
// its cells. Everything is population-weighted: a cell stands for its inhabitants, all with the cell's value.
//
// Weighted quantile Q(q), 0 < q <= 1, over a zone's inhabitants with values t_i and populations p_i (total P):
//   Q(q) = the smallest value t such that  sum(p_i : t_i <= t)  >=  q * P
// (in practice: sum >= q * P - 1e-6 * P. Populations are float32, ~7 significant digits, so 0.9 and 0.1
// inhabitants are stored as 0.89999998 and 0.10000000; the tolerance keeps such rounding from moving a quantile
// that lies exactly on a population boundary. It is 0.03 inhabitants in a zone of 27 000.)
// So when exactly half the population has a value <= 40, the median IS 40 (not a midpoint with the next value);
// one more inhabitant above 40 moves it to the next value. P90 = Q(0.9): 90 % of the
// inhabitants have a value <= P90; for travel times the worst-served 10 % need P90 or more.
//
// Travel times are censored: the engine stops at its cut-off (TravelOptions::max_minutes, also kept in
// TravelField::max_minutes), cells beyond are +inf. The figures below leave nobody out: an inhabitant beyond the
// cut-off ("censored": time > cutoff_min, +inf or NaN) is known only to need more than the cut-off.

// Coverage and censored travel-time statistics of one zone. Times in minutes.
struct CoverageRow {
    int zone = 0;
    double population = 0;            // inhabitants in the zone
    double covered = 0;               // inhabitants with time <= T (exactly T counts as within)
    double share = 0;                 // covered / population (0 when the zone is empty)
    double mean_minutes = 0;          // population-weighted mean over ALL inhabitants, the censored ones counted at
                                      // cutoff_min: the true mean when censored == 0, else a lower bound (the
                                      // true mean is at least this); NaN when the zone is empty
    bool mean_is_lower_bound = false; // censored > 0, i.e. mean_minutes is a lower bound
    double mean_within_cutoff_minutes = 0;  // mean over the inhabitants within the cut-off only (NaN if none).
                                      // Leaves the censored out, so it is NOT the zone's mean (it was the old
                                      // mean_minutes); for "how long do those who get there take"
    double unreached = 0;             // inhabitants with time +inf (beyond the engine's cut-off or unreachable)
    double censored = 0;              // inhabitants beyond cutoff_min (time > cutoff_min, +inf or NaN); equals
                                      // unreached when cutoff_min is the engine's cut-off
    double censored_share = 0;        // censored / population (0 when the zone is empty)
    double median_minutes = 0;        // Q(0.5) of the times, censored inhabitants included; +inf when it falls
                                      // among the censored ("beyond the cut-off"); NaN when the zone is empty
    double p90_minutes = 0;           // Q(0.9) likewise: the time the worst-served 10 % need at least
    float threshold_min = 0;          // T
    float cutoff_min = 0;             // the cut-off the statistics were censored at
};

// Coverage within T and censored statistics per zone. cutoff_min is the travel-time engine's cut-off (pass
// TravelField::max_minutes / TravelOptions::max_minutes); times above it count as censored. Throws
// std::invalid_argument when the grids differ, cutoff_min is not positive and finite, or T_min > cutoff_min
// (coverage beyond the cut-off is unknown).
std::vector<CoverageRow> coverage_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& population,
                                          const GridF& minutes, float T_min, float cutoff_min);
// Transitional: the same with cutoff_min = 90 (TravelOptions' default). Only right when the field was computed
// with the default cut-off; pass the engine's cut-off instead.
[[deprecated("pass the engine's cut-off: coverage_by_zone(..., T_min, field.max_minutes)")]]
std::vector<CoverageRow> coverage_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& population,
                                          const GridF& minutes, float T_min);

// The coverage rows as a table for CSV export; codes/names per zone index (missing code: the zone index).
// Columns (the first nine as before; numbers empty when undefined, e.g. for an empty zone):
//   code                  zone code (e.g. GM0153)
//   name                  zone name
//   population            inhabitants, 0 decimals
//   covered               inhabitants within T minutes (time <= T), 0 decimals
//   share_pct             covered / population in %, 1 decimal (0.0 for an empty zone)
//   mean_minutes          mean travel time over ALL inhabitants, those beyond the cut-off counted at the cut-off;
//                         a lower bound when mean_is_lower_bound is "yes"; 1 decimal
//   unreached             inhabitants with no time at all (+inf: beyond the engine's cut-off), 0 decimals
//   threshold_min         T in minutes
//   note                  "estimate: no road network loaded" when estimate is true, else empty
//   censored              inhabitants beyond the cut-off, 0 decimals
//   censored_pct          censored / population in %, 1 decimal
//   mean_is_lower_bound   "yes" when someone is beyond the cut-off (the true mean is at least mean_minutes),
//                         "no" otherwise, empty for an empty zone
//   mean_within_cutoff_minutes  mean over the inhabitants within the cut-off only (not the zone's mean), 1 decimal
//   median_minutes        weighted median travel time (Q(0.5) above), 1 decimal; ">90" (">" and the cut-off)
//                         when it lies beyond the cut-off
//   p90_minutes           weighted 90th percentile (Q(0.9)): the worst-served 10 % need at least this; ">90"
//                         when beyond the cut-off
//   cutoff_min            the cut-off in minutes
Table coverage_table(const std::vector<CoverageRow>& rows, const std::vector<std::string>& codes,
                     const std::vector<std::string>& names, float T_min, bool estimate);

// Distribution of any per-cell measure (2SFCA, gravity, cumulative opportunities, density, travel time...) over
// a zone's inhabitants. A cell has no value when its value is NaN, +-inf or equal to `nodata` (read_geotiff's
// nodata); its inhabitants are counted in no_value and left out of every statistic.
struct ZoneStats {
    int zone = 0;
    double population = 0;    // inhabitants in the zone
    double with_value = 0;    // inhabitants on cells with a value
    double no_value = 0;      // inhabitants on cells without a value (population - with_value)
    double mean = 0;          // population-weighted mean of the values (NaN when with_value == 0, for all six)
    double p10 = 0;           // Q(0.1) over the inhabitants with a value (for supply measures: the worst-off 10 %
                              // have at most this)
    double median = 0;        // Q(0.5)
    double p90 = 0;           // Q(0.9)
    double min = 0;           // smallest value on a populated cell of the zone
    double max = 0;           // largest value on a populated cell of the zone
};
std::vector<ZoneStats> zone_stats(const Grid<int16_t>& zones, int zone_count, const GridF& population,
                                  const GridF& values, float nodata = kNoData);

// The zone statistics as a table for CSV export. Columns:
//   code, name            as in coverage_table
//   population            inhabitants, 0 decimals
//   no_value_population   inhabitants on cells without a value, 0 decimals
//   mean, p10, median, p90, min, max   population-weighted statistics of the values (see ZoneStats), 4
//                         significant digits, plain decimal notation; empty when no inhabitant has a value
//   metric                what was measured, as given (e.g. "2SFCA pop, bike 15 min")
//   unit                  its unit, as given (e.g. "seats per 1000 inhabitants")
//   note                  "estimate: no road network loaded" when estimate is true, else empty
Table zone_stats_table(const std::vector<ZoneStats>& rows, const std::vector<std::string>& codes,
                       const std::vector<std::string>& names, const std::string& metric, const std::string& unit,
                       bool estimate);

// Cumulative share curve per zone: the share of the zone's inhabitants within t minutes, at
//   t_k = min(k * step_min, cutoff_min),  k = 0, 1, ..., ceil(cutoff_min / step_min)
// (so the last point is the cut-off itself, whether or not it is a multiple of step). "Within" is time <= t_k;
// times above the cut-off (+inf, NaN) are never within. share.back() = 1 - censored share. Throws
// std::invalid_argument when the grids differ, step_min is not positive or cutoff_min is not positive and finite.
struct CumulativeCurve {
    int zone = 0;
    double population = 0;          // inhabitants in the zone
    std::vector<double> minutes;    // t_k
    std::vector<double> share;      // share within t_k (0..1; all 0 for an empty zone)
};
std::vector<CumulativeCurve> cumulative_share_by_zone(const Grid<int16_t>& zones, int zone_count,
                                                      const GridF& population, const GridF& minutes, float step_min,
                                                      float cutoff_min);
// The curves as a table for CSV export, one row per zone and step (long format). Columns: code, name (as in
// coverage_table), minutes (t_k), within (inhabitants with time <= t_k, 0 decimals), share_pct (within /
// population in %, 1 decimal), note (the estimate note or empty).
Table cumulative_share_table(const std::vector<CumulativeCurve>& curves, const std::vector<std::string>& codes,
                             const std::vector<std::string>& names, bool estimate);

namespace detail {
// Passes over at least this many per-source entries (and >= 2 sources, >= 2 cores) run on two threads.
// Tuning knob; tests lower it to exercise the parallel path. Not to be changed while measures run.
extern size_t parallel_entries;
}  // namespace detail

}  // namespace geo
