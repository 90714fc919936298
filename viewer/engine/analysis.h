// Analysis state behind the heatmap overlays, the per-municipality figures and the what-if tool.
//
// Computations run on one background worker thread; the UI thread only submits requests and polls results, so
// it never waits. A newer request cancels the older one (its result is never delivered). The worker caches the
// expensive intermediates (population surface, friction grid per mode, nearest-venue field per category + mode,
// per-venue times per category + mode), so changing a threshold or decay parameter only recombines.
//
// No GL here: the UI (ui_analysis.cpp) turns results into a Heatmap and panels; tests drive Analysis directly.
//
//     viewer::Analysis an(dataset);
//     viewer::AnalysisParams p;
//     p.metric = viewer::Metric::TravelTime;
//     p.category = geo::Category::Pop;
//     an.request(p);
//     ... every frame:  viewer::AnalysisResult r;  if (an.poll(r)) heatmap.set_grid(r.surface);
#pragma once
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "geo/core/grid.h"
#include "geo/io/dataset.h"
#include "geo/measures/measures.h"
#include "geo/population/age_band.h"
#include "geo/population/population.h"
#include "geo/population/zones.h"
#include "geo/travel/friction.h"
#include "geo/travel/travel.h"
#include "viewer/model/vocabulary.h"  // Metric, metric_key, ...

namespace viewer {

// A what-if venue placed by the user.
struct Candidate {
    geo::P2 pos;                                  // RD
    geo::Category category = geo::Category::Pop;
    std::string name;
};

struct AnalysisParams {
    Metric metric = Metric::TravelTime;
    geo::Category category = geo::Category::Pop;
    geo::Mode mode = geo::Mode::Bike;
    float threshold_min = 15;     // T: coverage, opportunities, 2SFCA catchment, reach, what-if gains
    float beta = 0.1f;            // GravityExp, per minute
    float t50 = 15, k = 0.3f;     // GravityLogistic
    double kernel_radius_m = 10000;
    int venue = -1;               // Reach: index into Dataset::venues; -1: the first candidate (a what-if site)
    // WhatIf: the candidates compared with the baseline (only those of `category` count). TravelTime: the times
    // with those of `category` added (figures too). Reach with venue -1: the first candidate's catchment.
    std::vector<Candidate> candidates;
    // WhatIf and TravelTime: catalogue venues (indices into Dataset::venues) left out of the scenario -- removed, or
    // moved (then also a candidate at the new position). Only those of `category` change the result.
    std::vector<int> removed;
    // WhatIf: sites that are part of the baseline too (issue 14: a scene's own sites, so that a live question's
    // gains are counted against the scene as written, not against the venues alone). Only those of `category`.
    std::vector<Candidate> baseline;
    int best_k = 1;               // BestSite: number of sites
    // Gravity: weight each venue by its capacity (unknown ones filled as geo::capacity_weights says, and the
    // result notes how many), so that a large museum attracts more than a small one; false: every venue weighs 1.
    bool weight_by_capacity = true;
    // issue 17: whose inhabitants weigh -- everyone, or an age band (the CBS share per municipality; the German
    // side assumed at the Twente share): 2SFCA demand, reach, coverage and every figure, best site, what-if gains,
    // the population surface and the composite's normalisers (geo/population/age_band.h).
    geo::AgeBand population = geo::AgeBand::All;
    // Composite: the weight per category (0: left out; relative) and the per-category accessibility: venues
    // within T (false) or gravity exp(-beta t) with every venue weighing 1 (true).
    CategoryWeights weights = strategy_rank_weights();
    bool composite_gravity = false;
    // issue 12: a polygon layer of the user's as zones of the figures (neighbourhoods): rows per zone beside the
    // municipalities, computed by the same code over the zone mask (travel-time and surface tables). Null: none.
    std::shared_ptr<const geo::ZoneSet> zones;
    // false: no figures (tables, curves, choropleth) -- the presenter's scene heatmaps show the surface, its legend
    // and the live figure only, so the nearest-venue field the figures need is neither computed nor kept (issue 14).
    bool figures = true;
};

// Whether two requests decide the same result (every parameter; candidates by position and category, so that a
// drag triggers a recomputation).
bool same_request(const AnalysisParams& a, const AnalysisParams& b);

struct FigureRow {
    int municipality = -1;        // index into Dataset::municipalities (the Twente ones); -1 for a zone's row
    int zone = -1;                // index into AnalysisParams::zones (AnalysisResult::zone_figures)
    double inhabitants = 0;       // CBS 2024 (a zone: the population grid's inhabitants in it)
    int venues = 0;               // of the category in the municipality
    double per_10k = 0;           // venues per 10,000 inhabitants
    double coverage_pct = 0;      // share of inhabitants within T of a venue of the category (mode)
    // Travel time over ALL inhabitants: those beyond the engine's cut-off count at the cut-off, so the mean is then
    // a lower bound (mean_is_lower_bound) -- nobody is silently dropped (geo::coverage_by_zone).
    double mean_minutes = 0;      // population-weighted mean (NaN only for a zone without inhabitants)
    bool mean_is_lower_bound = false;
    double censored_pct = 0;      // share of inhabitants beyond the cut-off
    double median_minutes = 0;    // weighted median; +inf when it lies beyond the cut-off
    double p90_minutes = 0;       // the worst-served 10 %: weighted P90; +inf when beyond the cut-off
    float cutoff_min = 90;        // the travel-time engine's search cut-off
    // A zone against the map's region (the population grid's extent; geo::zone_outside): 0 inside, 1 partly outside
    // (the figures count the part inside), 2 wholly outside (no population data there, not "0 inhabitants").
    int outside = 0;
};

// Which table figures_table() makes for a metric: the travel-time table (travel time, what-if, best site), the
// distribution of the metric's surface (within_T, gravity, 2SFCA, density, population) or the reach split.
enum class FigureKind { TravelTime, Surface, Reach, Composite };
FigureKind figure_kind(Metric m);

// issue 17: a Twente municipality under the composite: the chosen group beside everyone. "Within T of the mix":
// mix_pct = sum_k w_k * (share within T of a venue of category k) / sum_k w_k over the weighted categories, i.e.
// the weighted share of the mix an inhabitant has within T, averaged over the inhabitants; every_pct = the share
// with a venue of EVERY weighted category within T. Shares in % of the group's inhabitants on the grid.
struct CompositeRow {
    int municipality = -1;
    double inhabitants = 0, group = 0;         // everyone / the chosen group (population grid)
    double mix_pct_all = 0, mix_pct_group = 0;
    double every_pct_all = 0, every_pct_group = 0;
    std::array<double, geo::kCategoryCount> pct_group{};  // per category: share of the group within T
    double score_all = 0, score_group = 0;     // population-weighted mean composite score (1 = Twente mean)
};

struct ZoneGain {
    int municipality = -1;
    double baseline = 0, now = 0;  // inhabitants within T
    double gained() const { return now - baseline; }
};

struct SuggestedSite {
    geo::P2 pos;
    double gain = 0;              // Twente inhabitants newly within T
    double covered = 0;           // Twente inhabitants within T after adding it (and the earlier picks)
};

struct AnalysisResult {
    uint64_t id = 0;
    AnalysisParams params;
    geo::GridF surface;           // the heatmap; NaN = transparent
    bool estimate = true;         // no road network: travel times are straight-line estimates
    std::string model_note;       // the friction grid's description
    // Display hints for the overlay.
    float vmin = 0, vmax = 1;
    bool reverse = false, log_scale = false, diverging = false;
    std::vector<float> contours;
    float fill_max = INFINITY;    // values above: contour lines only, no fill (reach: beyond T)
    int decimals = 0;             // for legend ticks and hover values
    // Cells that are +inf lie beyond the travel-time cut-off of this many minutes (drawn in the ramp's end colour,
    // listed in the legend as "> 90 min"); NaN when the surface has none. NaN cells are nodata (transparent).
    float beyond_min = NAN;
    // Venue weights behind the surface (2SFCA supply, gravity attractiveness): whether venues were weighted by
    // capacity, and for how many of them the capacity was assumed (weights_note() says it in words; the legend
    // note and the figures CSV's note column show it).
    bool capacity_weighted = false;
    int capacity_assumed = 0, capacity_total = 0;
    geo::VenueWeights::Rule capacity_rule = geo::VenueWeights::Rule::One;
    double capacity_fill = 1;
    // Figures per Twente municipality (for the table and the choropleth), from the nearest-venue field.
    std::vector<FigureRow> figures;
    // Travel-time kinds: per Twente municipality the cumulative share of inhabitants within t minutes, t = 0, 5,
    // ..., the cut-off (the figures window's chart; last share = 1 - beyond_cutoff_pct / 100).
    std::vector<geo::CumulativeCurve> curves;
    // FigureKind::Surface: the distribution of the surface over the inhabitants per Twente municipality (cells
    // the heatmap leaves transparent because their value is 0 count as 0).
    std::vector<geo::ZoneStats> surface_stats;
    // issue 12: the same per zone of params.zones (zone_figures for the travel-time kinds, zone_surface_stats for
    // FigureKind::Surface); empty without zones.
    std::vector<FigureRow> zone_figures;
    std::vector<geo::ZoneStats> zone_surface_stats;
    // Reach.
    geo::PopulationReach reach;
    // Reach: NL inhabitants within T per Twente municipality, and those outside them (reach.nl is their sum;
    // German inhabitants are one total, reach.de: the data has no German municipalities).
    std::vector<double> reach_nl_by_zone;
    double reach_nl_other = 0;
    // What-if / best site: inhabitants within T per Twente municipality, before and after.
    std::vector<ZoneGain> gains;
    double gained_nl = 0, gained_de = 0;      // newly within T (all of the raster)
    double improved_population = 0;           // inhabitants whose travel time drops
    double mean_minutes_saved = 0;            // mean saving over those inhabitants
    std::vector<SuggestedSite> sites;         // BestSite
    // issue 17: the population group (params.population) and what it assumed.
    double group_twente_share = 1;    // the group's share of Twente's inhabitants (CBS)
    double group_de_share = 1;        // the share assumed for the German side (GeoNames has no ages)
    // Composite: N_k per category (the Twente mean of its accessibility over the group; 0 = not weighted or
    // nobody reaches one), and the figures per Twente municipality.
    std::array<double, geo::kCategoryCount> composite_norm{};
    std::vector<CompositeRow> composite;
    // Diagnostics.
    bool recombined_only = false; // no travel-time computation was needed (all intermediates cached)
    double compute_ms = 0;
};

struct AnalysisOptions {
    // Pre-built population (tests, or to share one surface); null: built from the dataset on the worker.
    std::shared_ptr<const geo::PopulationSurface> population;
    // Optional road network (estimate = false when given). Null: the file roads_path names (OSM PBF/XML or
    // GeoPackage lines with a road class), read once by the constructor; unreadable -> a warning, estimates.
    // The command line fills roads_path from --roads or $TREKKAART_ROADS (viewer/app/session.h).
    const geo::RoadLayer* roads = nullptr;
    std::string roads_path;
    geo::TravelParams travel_params;
    float max_minutes = 90;       // cut-off of nearest-venue fields (beyond: transparent)
    int candidate_step = 5;       // BestSite: every n-th populated cell is a candidate site
    // Where the what-if candidates are kept. Empty: $XDG_CONFIG_HOME/trekkaart/candidates.json, else
    // ~/.config/trekkaart/candidates.json. "-" disables persistence.
    std::string candidates_path;
    std::function<void(uint64_t id, float progress)> on_progress;  // called on the worker thread
    // Called on the worker thread when the latest request finished or failed (poll() or error() has it now):
    // the window wakes on it and draws the result in its next frame (issue 15) instead of polling every frame.
    std::function<void()> on_done;
    // issue 14: the most the cache keeps between requests of nearest-venue fields, per-venue times and the what-if
    // field (AnalysisCacheUsage::evictable), in bytes. Beyond it, after a request, the what-if field goes first,
    // then the least recently used. Within one request it may be exceeded (what the request uses is kept).
    size_t cache_budget = size_t(192) << 20;
};

// What the worker's cache holds, in bytes (issue 14: memory). The population and friction grids are built once
// (per group, per mode) and kept; the travel-time fields, per-venue times and the what-if field are evicted,
// least recently used first, beyond AnalysisOptions::cache_budget.
struct AnalysisCacheUsage {
    size_t population = 0;  // the population surface and the groups' grids
    size_t friction = 0;    // friction grids (one per mode used) and the rail network
    size_t fields = 0;      // nearest-venue fields (minutes, owner and the engine's node state)
    size_t times = 0;       // per-venue times
    size_t scratch = 0;     // the what-if field (kept so that a drag reuses its buffers)
    size_t zones = 0;       // the zones' raster (issue 12)
    int field_count = 0, times_count = 0;
    size_t evictable() const { return fields + times + scratch; }
    size_t total() const { return population + friction + evictable() + zones; }
};

class Analysis {
public:
    explicit Analysis(const geo::Dataset& data, AnalysisOptions opt = {});
    ~Analysis();  // cancels and joins the worker
    Analysis(const Analysis&) = delete;
    Analysis& operator=(const Analysis&) = delete;

    // Submits a request; any pending or running older request is cancelled. Returns its id (increasing).
    uint64_t request(const AnalysisParams& p);
    // The newest finished result, if it belongs to the latest request and was not delivered yet.
    bool poll(AnalysisResult& out);
    // Whether poll() would deliver a result now.
    bool ready() const;
    // Blocks until the latest request finished or failed (tests, benches, screenshots). False on timeout.
    bool wait(double timeout_s = 60);

    bool busy() const { return busy_; }
    // What the cache held when the latest request finished (or failed, or was cancelled).
    AnalysisCacheUsage cache_usage() const;
    float progress() const { return progress_; }  // of the running request, 0..1
    std::string error() const;                    // message of the latest failed request ("" if none)
    uint64_t latest_id() const { return latest_; }
    uint64_t cancelled_count() const { return cancelled_; }  // requests dropped because a newer one came

    // What-if candidates (UI thread). Every change is saved (candidates.h) unless `save` is false
    // (e.g. during a drag; call save_candidates() on release).
    const std::vector<Candidate>& candidates() const { return candidates_; }
    void add_candidate(const Candidate& c);
    void move_candidate(size_t i, geo::P2 pos, bool save = true);
    void remove_candidate(size_t i);
    void clear_candidates();
    void save_candidates();
    const std::string& candidates_path() const { return cand_path_; }
    const std::vector<std::string>& warnings() const { return warnings_; }  // e.g. unreadable candidates file

    const geo::Dataset& data() const { return data_; }
    // The venues of the dataset were edited (call while no request runs, e.g. after wait()): the next request
    // drops every cached nearest-venue field and per-venue travel time.
    void venues_changed() { venues_dirty_ = true; }
    // issue 12: the road network the friction grids burn in, chosen in the window (a user line layer; null: the
    // run's own network from --roads, and without one straight-line estimates). Safe at any time: the next request drops the friction grids and every
    // travel time computed on them. roads() is the network in use for the next request.
    void set_roads(std::shared_ptr<const geo::RoadLayer> roads);
    std::shared_ptr<const geo::RoadLayer> roads() const;

private:
    struct Cache;
    struct Job;  // one request on the worker (analysis.cpp)
    const geo::Dataset& data_;
    AnalysisOptions opt_;
    std::unique_ptr<Cache> cache_;  // worker-only

    mutable std::mutex mu_;
    std::condition_variable cv_, done_cv_;
    std::optional<std::pair<uint64_t, AnalysisParams>> pending_;
    std::shared_ptr<std::atomic<bool>> running_cancel_;
    std::optional<AnalysisResult> done_;
    AnalysisCacheUsage usage_;  // mu_
    std::string error_;
    bool quit_ = false;
    std::atomic<uint64_t> latest_{0}, finished_{0}, cancelled_{0};
    std::atomic<bool> busy_{false};
    std::atomic<bool> venues_dirty_{false};
    std::optional<std::shared_ptr<const geo::RoadLayer>> new_roads_;  // set_roads(), taken by the worker (mu_)
    std::shared_ptr<const geo::RoadLayer> roads_now_;                  // the user's network in use (worker)
    const geo::RoadLayer* start_roads_ = nullptr;  // the run's own network (--roads), restored by set_roads(null)
    std::atomic<float> progress_{0};
    std::thread worker_;

    std::vector<Candidate> candidates_;
    std::string cand_path_;
    std::vector<std::string> warnings_;
    std::unique_ptr<geo::RoadLayer> own_roads_;  // read from AnalysisOptions::roads_path

    void run();
    AnalysisResult compute(uint64_t id, const AnalysisParams& p, const std::atomic<bool>& cancel);
};

// The figures table of a result, the one the window, export --data and analyse show; its columns follow the
// metric (figure_kind; README "The figures per municipality: what every column means"):
//   TravelTime: code, name, inhabitants, venues, venues_per_10k, coverage_pct, mean_minutes, category, mode,
//               threshold_min, note, mean_is_lower_bound, beyond_cutoff_pct, median_minutes, p90_minutes, cutoff_min
//   Surface:    geo::zone_stats_table's columns with the note moved to column 10 as above (code, name,
//               population, no_value_population, mean, p10, median, p90, min, max, note, metric, unit), then
//               category, mode, threshold_min (empty when the metric does not use them)
//   Reach:      code, name, country, inhabitants_within_T, share_of_reach_pct, venue, mode, threshold_min, note;
//               one row per Twente municipality, "NL-other" (NL outside them) and "DE"
geo::Table figures_table(const geo::Dataset& d, const AnalysisResult& r);

// issue 17. What the population group assumed, e.g. "inhabitants aged 25-45 (CBS share per municipality; DE: Twente
// share 23.5 %, assumed)"; "" for everyone. The composite's weights and normalisation, e.g. "weights third_place 2
// (67 %), pop 1 (33 %); each category / its Twente mean"; "" for other metrics. Current language or English.
std::string population_note(const AnalysisResult& r, bool english = false);
std::string composite_note(const AnalysisResult& r, bool english = false);
// The composite figures (FigureKind::Composite): code, name, inhabitants, group_inhabitants, mix_within_T_pct_all,
// mix_within_T_pct_group, every_within_T_pct_all, every_within_T_pct_group, then within_T_pct_group_<category>
// per weighted category, score_all, score_group, population_group, weights, access, mode, threshold_min, note.
geo::Table composite_table(const geo::Dataset& d, const AnalysisResult& r);
// The rows from per-category nearest-venue minutes (null where not weighted): see CompositeRow.
std::vector<CompositeRow> composite_rows(const geo::Dataset& d, const geo::Grid<int16_t>& zones,
                                         const geo::GridF& all_nl, const geo::GridF& group_nl,
                                         const std::array<const geo::GridF*, geo::kCategoryCount>& minutes,
                                         const CategoryWeights& w, float T, const geo::GridF& score);

// What the result assumed about venue weights, e.g. "capacity assumed for 11 of 11 venues (none known: 1 each)";
// "" when no weights were used. In the current language, or in English (english = true: the figures CSV).
std::string weights_note(const AnalysisResult& r, bool english = false);

}  // namespace viewer
