#include "viewer/engine/analysis.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "geo/core/error.h"
#include "geo/io/table_csv.h"
#include "geo/measures/best_site.h"
#include "geo/measures/composite.h"
#include "geo/travel/network.h"
#include "viewer/engine/candidates.h"
#include "viewer/model/i18n.h"

namespace viewer {

using geo::P2;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// ---- requests -------------------------------------------------------------------------------------------------------

bool same_request(const AnalysisParams& a, const AnalysisParams& b) {
    if (a.metric != b.metric || a.category != b.category || a.mode != b.mode || a.threshold_min != b.threshold_min ||
        a.beta != b.beta || a.t50 != b.t50 || a.k != b.k || a.kernel_radius_m != b.kernel_radius_m ||
        a.venue != b.venue || a.best_k != b.best_k || a.weight_by_capacity != b.weight_by_capacity ||
        a.population != b.population || a.weights != b.weights || a.composite_gravity != b.composite_gravity ||
        a.candidates.size() != b.candidates.size() || a.removed != b.removed || a.baseline.size() != b.baseline.size() ||
        a.zones != b.zones || a.figures != b.figures)
        return false;
    auto same = [](const Candidate& x, const Candidate& y) {
        return x.pos.x == y.pos.x && x.pos.y == y.pos.y && x.category == y.category;
    };
    for (size_t i = 0; i < a.candidates.size(); ++i)
        if (!same(a.candidates[i], b.candidates[i])) return false;
    for (size_t i = 0; i < a.baseline.size(); ++i)
        if (!same(a.baseline[i], b.baseline[i])) return false;
    return true;
}

// ---- worker caches ------------------------------------------------------------------------------------------

namespace {

// Round up to 1, 2, 2.5, 5 x 10^n (legend ranges).
float nice_ceil(double v) {
    if (!(v > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * p >= v * 0.999) return float(m * p);
    return float(10 * p);
}

// q-quantile of the finite positive values (0 when none).
double quantile_positive(const std::vector<float>& v, double q) {
    std::vector<float> x;
    x.reserve(v.size() / 4);
    for (float a : v)
        if (std::isfinite(a) && a > 0) x.push_back(a);
    if (x.empty()) return 0;
    const size_t k = std::min(x.size() - 1, size_t(q * double(x.size() - 1)));
    std::nth_element(x.begin(), x.begin() + ptrdiff_t(k), x.end());
    return x[k];
}

void zero_to_nan(geo::GridF& g) {
    for (float& x : g.v)
        if (!(x > 0)) x = kNaN;
}

void check(const std::atomic<bool>& cancel) {
    if (cancel.load(std::memory_order_relaxed)) throw geo::Cancelled();
}

}  // namespace

struct Analysis::Cache {
    std::shared_ptr<const geo::PopulationSurface> pop;
    struct Group {          // the inhabitants of one population group (everyone, or an age band: issue 17)
        geo::BandPopulation b;  // shares; nl and de of an age band (everyone's are the population surface's)
        const geo::GridF* nl_ = nullptr;
        const geo::GridF* de_ = nullptr;
        const geo::GridF& nl() const { return *nl_; }  // b.nl, or for everyone the surface's own (no copy)
        const geo::GridF& de() const { return *de_; }
        geo::GridF total;       // nl + de
        geo::GridF twente_nl;   // nl inside the Twente municipalities (best-site objective, normalisers)
    };
    std::array<std::unique_ptr<Group>, geo::kAgeBandCount> groups;
    bool rail_built = false;
    geo::RailNetwork rail;
    std::array<std::unique_ptr<geo::FrictionGrid>, geo::kModeCount> friction;
    uint64_t tick = 0;
    struct Field {
        int cat = 0, mode = 0;
        geo::TravelField f;
        uint64_t used = 0;
    };
    std::vector<Field> fields;  // nearest-venue fields, least recently used dropped beyond kMaxFields
    struct Times {
        int key = 0, mode = 0;  // key: category, or -1 - venue index for one venue
        geo::SourceTimes st;
        uint64_t used = 0;
    };
    std::vector<Times> times;
    static constexpr size_t kMaxFields = 4, kMaxTimes = 3;
    // What-if field: the baseline plus the candidates. Kept between requests so that copying the baseline into it
    // reuses its buffers (a fresh 26 MB copy costs page faults on every drag step).
    geo::TravelField scratch;
    std::shared_ptr<const geo::ZoneSet> zones;  // the zones zone_grid was rasterised from
    geo::Grid<int16_t> zone_grid;
    bool computed = false;  // set when a job had to run a travel-time computation

    AnalysisCacheUsage usage() const;
    void bound(size_t budget);  // evicts beyond the budget (AnalysisOptions::cache_budget)
};

namespace {

template <class T>
size_t bytes_of(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}
size_t bytes_of(const geo::TravelField& f) {
    return bytes_of(f.minutes.v) + bytes_of(f.owner.v) + bytes_of(f.node_s) + bytes_of(f.node_owner);
}
size_t bytes_of(const geo::SourceTimes& st) {
    size_t n = bytes_of(st.lists);
    for (const auto& l : st.lists) n += bytes_of(l.cell) + bytes_of(l.sec);
    return n;
}

}  // namespace

void Analysis::Cache::bound(size_t budget) {
    AnalysisCacheUsage u = usage();
    if (u.evictable() > budget && u.scratch > 0) {  // a buffer only: its values are never reused by a later request
        scratch = geo::TravelField();
        u = usage();
    }
    while (u.evictable() > budget && (!fields.empty() || !times.empty())) {
        const uint64_t f = fields.empty() ? UINT64_MAX
                                          : std::min_element(fields.begin(), fields.end(), [](const auto& a, const auto& b) {
                                                return a.used < b.used;
                                            })->used;
        const uint64_t t = times.empty() ? UINT64_MAX
                                         : std::min_element(times.begin(), times.end(), [](const auto& a, const auto& b) {
                                               return a.used < b.used;
                                           })->used;
        if (f < t) fields.erase(std::find_if(fields.begin(), fields.end(), [&](const auto& a) { return a.used == f; }));
        else times.erase(std::find_if(times.begin(), times.end(), [&](const auto& a) { return a.used == t; }));
        u = usage();
    }
}

AnalysisCacheUsage Analysis::Cache::usage() const {
    AnalysisCacheUsage u;
    if (pop) u.population += bytes_of(pop->nl.v) + bytes_of(pop->de.v) + bytes_of(pop->municipality.v);
    for (const auto& g : groups)
        if (g) u.population += bytes_of(g->b.nl.v) + bytes_of(g->b.de.v) + bytes_of(g->total.v) + bytes_of(g->twente_nl.v);
    for (const auto& f : friction)  // the friction values, the link flags and the links themselves
        if (f) u.friction += f->node_count() * (sizeof(float) + (f->links().empty() ? 0 : 1)) + f->links().size() * 64;
    u.friction += rail.links.size() * sizeof(geo::RailLink) + rail.stations.size() * sizeof(P2);
    for (const auto& f : fields) u.fields += bytes_of(f.f);
    for (const auto& t : times) u.times += bytes_of(t.st);
    u.scratch = bytes_of(scratch);
    u.zones = bytes_of(zone_grid.v);
    u.field_count = int(fields.size());
    u.times_count = int(times.size());
    return u;
}

Analysis::Analysis(const geo::Dataset& data, AnalysisOptions opt)
    : data_(data), opt_(std::move(opt)), cache_(std::make_unique<Cache>()) {
    if (!opt_.roads && !opt_.roads_path.empty()) {
        const char* rp = opt_.roads_path.c_str();
        try {
            own_roads_ = std::make_unique<geo::RoadLayer>(geo::read_roads(rp));
            opt_.roads = own_roads_.get();
            for (const auto& w : own_roads_->warnings) warnings_.push_back(w);
            std::fprintf(stderr, "trekkaart: road network %s: %zu roads\n", rp, own_roads_->roads.size());
        } catch (const std::exception& e) {
            warnings_.push_back(std::string("road network: ") + e.what() + " (travel times stay estimates)");
            std::fprintf(stderr, "trekkaart: warning: %s\n", warnings_.back().c_str());
        }
    }
    start_roads_ = opt_.roads;
    cand_path_ = opt_.candidates_path.empty() ? default_candidates_path() : opt_.candidates_path;
    if (cand_path_ != "-" && std::filesystem::exists(cand_path_)) {
        try {
            candidates_ = read_candidates(cand_path_);
        } catch (const std::exception& e) {
            warnings_.push_back(e.what());
        }
    }
    worker_ = std::thread([this] { run(); });
}

Analysis::~Analysis() {
    {
        std::lock_guard<std::mutex> lk(mu_);
        quit_ = true;
        if (running_cancel_) *running_cancel_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

uint64_t Analysis::request(const AnalysisParams& p) {
    std::lock_guard<std::mutex> lk(mu_);
    const uint64_t id = ++latest_;
    if (pending_) ++cancelled_;  // replaced before it started
    pending_ = std::make_pair(id, p);
    if (running_cancel_) *running_cancel_ = true;
    busy_ = true;
    cv_.notify_all();
    return id;
}

bool Analysis::poll(AnalysisResult& out) {
    std::lock_guard<std::mutex> lk(mu_);
    if (!done_) return false;
    if (done_->id != latest_) {  // an older result that finished just before a newer request came: never shown
        done_.reset();
        return false;
    }
    out = std::move(*done_);
    done_.reset();
    return true;
}

bool Analysis::ready() const {
    std::lock_guard<std::mutex> lk(mu_);
    return done_ && done_->id == latest_;
}

bool Analysis::wait(double timeout_s) {
    std::unique_lock<std::mutex> lk(mu_);
    return done_cv_.wait_for(lk, std::chrono::duration<double>(timeout_s),
                             [&] { return finished_.load() >= latest_.load(); });
}

void Analysis::set_roads(std::shared_ptr<const geo::RoadLayer> roads) {
    std::lock_guard<std::mutex> lk(mu_);
    new_roads_ = std::move(roads);
}

std::shared_ptr<const geo::RoadLayer> Analysis::roads() const {
    std::lock_guard<std::mutex> lk(mu_);
    return new_roads_ ? *new_roads_ : roads_now_;
}

AnalysisCacheUsage Analysis::cache_usage() const {
    std::lock_guard<std::mutex> lk(mu_);
    return usage_;
}

std::string Analysis::error() const {
    std::lock_guard<std::mutex> lk(mu_);
    return error_;
}

void Analysis::run() {
    for (;;) {
        uint64_t id;
        AnalysisParams p;
        std::shared_ptr<std::atomic<bool>> cancel;
        {
            std::unique_lock<std::mutex> lk(mu_);
            cv_.wait(lk, [&] { return quit_ || pending_.has_value(); });
            if (quit_) return;
            id = pending_->first;
            p = std::move(pending_->second);
            pending_.reset();
            cancel = std::make_shared<std::atomic<bool>>(false);
            running_cancel_ = cancel;
            progress_ = 0;
        }
        std::optional<AnalysisResult> res;
        std::string err;
        bool cancelled = false;
        try {
            res = compute(id, p, *cancel);
        } catch (const geo::Cancelled&) {
            cancelled = true;
        } catch (const std::exception& e) {
            err = e.what();
        }
        bool deliverable = false;
        {
            std::lock_guard<std::mutex> lk(mu_);
            running_cancel_.reset();
            if (cancelled || *cancel || id != latest_) {
                ++cancelled_;
            } else if (res) {
                done_ = std::move(res);
                error_.clear();
                deliverable = true;
            } else {
                error_ = err;
                deliverable = true;
            }
            finished_ = id;
            cache_->bound(opt_.cache_budget);
            usage_ = cache_->usage();
            busy_ = pending_.has_value();
        }
        done_cv_.notify_all();
        if (deliverable && opt_.on_done) opt_.on_done();
    }
}

// ---- the computations ---------------------------------------------------------------------------------------

// One request on the worker: the cache lookups (friction grids, nearest-venue fields, per-venue times), one
// function per metric family, and the figures. Fills R.
struct Analysis::Job {
    Analysis& an;
    Cache& C;
    const uint64_t id;
    const AnalysisParams& p;
    const std::atomic<bool>& cancel;
    const float T;                                // the threshold, clamped to 1..60 minutes
    const geo::PopulationSurface* ps = nullptr;   // set by population()
    const Cache::Group* G = nullptr;              // the request's population group, set by population()
    geo::GridSpec spec;
    AnalysisResult R;
    const geo::FrictionGrid* fg_used = nullptr;   // the friction grid the result's note comes from
    const geo::TravelField* fig_field = nullptr;  // the figures' field when not the baseline (candidates added)

    Job(Analysis& a, uint64_t id_, const AnalysisParams& p_, const std::atomic<bool>& cancel_)
        : an(a), C(*a.cache_), id(id_), p(p_), cancel(cancel_), T(std::clamp(p_.threshold_min, 1.0f, 60.0f)) {
        R.id = id;
        R.params = p;
    }

    const geo::Dataset& data() const { return an.data_; }
    const AnalysisOptions& opt() const { return an.opt_; }

    void set_progress(float f) {
        an.progress_ = f;
        if (an.opt_.on_progress) an.opt_.on_progress(id, f);
    }
    // A progress callback mapping a stage's 0..1 onto [lo, hi] of the whole request.
    std::function<void(float)> stage(float lo, float hi) {
        return [this, lo, hi](float f) { set_progress(lo + (hi - lo) * std::clamp(f, 0.f, 1.f)); };
    }

    // ---- cached intermediates ----

    // The population surfaces (built once) and the request's group (built once per group).
    void population() {
        if (!C.pop) {
            C.computed = true;
            C.pop = opt().population ? opt().population
                                     : std::make_shared<geo::PopulationSurface>(geo::build_population(data()));
        }
        ps = C.pop.get();
        G = group(p.population);
        R.group_twente_share = G->b.twente_share;
        R.group_de_share = G->b.de_share;
        spec = ps->spec();
    }

    // The inhabitants of a population group (built once per group).
    const Cache::Group* group(geo::AgeBand band) {
        auto& g = C.groups[size_t(band)];
        if (!g) {
            g = std::make_unique<Cache::Group>();
            g->b = geo::band_population(data(), *C.pop, band);
            if (band == geo::AgeBand::All) {  // the surface itself (issue 14: not a second copy of 13 MB)
                geo::GridF().v.swap(g->b.nl.v);
                geo::GridF().v.swap(g->b.de.v);
                g->nl_ = &C.pop->nl;
                g->de_ = &C.pop->de;
                g->total = C.pop->total();
            } else {
                g->nl_ = &g->b.nl;
                g->de_ = &g->b.de;
                g->total = g->b.total();
            }
            g->twente_nl = geo::GridF(C.pop->spec(), 0.0f);
            for (size_t i = 0; i < g->twente_nl.v.size(); ++i) {
                const int z = C.pop->municipality.v[i];
                if (z >= 0 && z < data().twente_count) g->twente_nl.v[i] = g->nl().v[i];
            }
        }
        return g.get();
    }

    const geo::FrictionGrid& friction(geo::Mode m) {
        auto& slot = C.friction[size_t(m)];
        if (!slot) {
            C.computed = true;
            if (m == geo::Mode::BikeTrain && !C.rail_built) {
                std::vector<P2> pos;
                std::vector<std::string> names;
                for (const auto& s : data().stations) {
                    pos.push_back(s.pos);
                    names.push_back(s.name);
                }
                if (!data().rail.empty() && !pos.empty()) C.rail = geo::build_rail_network(pos, names, data().rail);
                C.rail_built = true;
            }
            slot = std::make_unique<geo::FrictionGrid>(geo::build_friction(
                spec, m, opt().roads, m == geo::Mode::BikeTrain ? &C.rail : nullptr, opt().travel_params));
        }
        return *slot;
    }

    // Venues of a category as sources.
    std::vector<geo::Source> sources_of(geo::Category cat) const {
        std::vector<geo::Source> s;
        for (const auto& v : data().venues)
            if (v.category == cat) s.push_back({v.pos, true});
        return s;
    }

    // The nearest-venue field of a category and mode (least recently used dropped beyond Cache::kMaxFields).
    geo::TravelField& nearest(geo::Category cat, geo::Mode m, float lo, float hi) {
        for (auto& f : C.fields)
            if (f.cat == int(cat) && f.mode == int(m)) {
                f.used = ++C.tick;
                return f.f;
            }
        const geo::FrictionGrid& fg = friction(m);
        check(cancel);
        C.computed = true;
        geo::TravelOptions to;
        to.max_minutes = opt().max_minutes;
        to.cancel = &cancel;
        to.progress = stage(lo, hi);
        geo::TravelField f = geo::travel_time(fg, sources_of(cat), to);
        if (C.fields.size() >= Cache::kMaxFields)
            C.fields.erase(std::min_element(C.fields.begin(), C.fields.end(),
                                            [](const auto& a, const auto& b) { return a.used < b.used; }));
        C.fields.push_back({int(cat), int(m), std::move(f), ++C.tick});
        return C.fields.back().f;
    }

    // Per-source times for a key (category, or -1 - venue for a single venue) with at least `cutoff` minutes.
    const geo::SourceTimes& times(int key, geo::Mode m, float cutoff, float lo, float hi) {
        cutoff = std::min(60.0f, std::ceil(cutoff / 15.0f) * 15.0f);
        for (auto& t : C.times)
            if (t.key == key && t.mode == int(m) && t.st.max_minutes >= cutoff) {
                t.used = ++C.tick;
                return t.st;
            }
        const geo::FrictionGrid& fg = friction(m);
        check(cancel);
        C.computed = true;
        std::vector<geo::Source> src;
        if (key >= 0) src = sources_of(geo::Category(key));
        else src.push_back({data().venues.at(size_t(-1 - key)).pos, true});
        geo::TravelOptions to;
        to.max_minutes = cutoff;
        to.cancel = &cancel;
        to.progress = stage(lo, hi);
        geo::SourceTimes st = geo::source_times(fg, src, to);
        // Drop a smaller entry for the same key and mode, then the least recently used beyond the limit.
        C.times.erase(std::remove_if(C.times.begin(), C.times.end(),
                                     [&](const auto& t) { return t.key == key && t.mode == int(m); }),
                      C.times.end());
        if (C.times.size() >= Cache::kMaxTimes)
            C.times.erase(std::min_element(C.times.begin(), C.times.end(),
                                           [](const auto& a, const auto& b) { return a.used < b.used; }));
        C.times.push_back({key, int(m), std::move(st), ++C.tick});
        return C.times.back().st;
    }

    // Capacities of the category's venues (in sources_of order), unknown ones filled; notes the rule in R.
    std::vector<double> venue_weights() {
        std::vector<geo::Venue> vs;
        for (const auto& v : data().venues)
            if (v.category == p.category) vs.push_back(v);
        geo::VenueWeights w = geo::capacity_weights(vs);
        R.capacity_weighted = true;
        R.capacity_assumed = w.assumed;
        R.capacity_total = w.total;
        R.capacity_rule = w.rule;
        R.capacity_fill = w.fill;
        return std::move(w.weight);
    }

    // ---- metric families ----

    void metric() {
        switch (p.metric) {
            case Metric::Population: population_surface(); break;
            case Metric::TravelTime: travel_time(); break;
            case Metric::Opportunities: opportunities(); break;
            case Metric::GravityExp:
            case Metric::GravityLogistic: gravity(); break;
            case Metric::Fca2:
            case Metric::E2sfca: fca2(); break;
            case Metric::VenueDensity: venue_density(); break;
            case Metric::Reach: reach(); break;
            case Metric::WhatIf: what_if(); break;
            case Metric::BestSite: best_site(); break;
            case Metric::Composite: composite(); break;
            default: throw std::invalid_argument("unknown metric");
        }
    }

    void population_surface() {
        R.surface = G->total;
        zero_to_nan(R.surface);
        R.vmin = 0;
        R.vmax = nice_ceil(quantile_positive(R.surface.v, 0.99));
        R.log_scale = true;
    }

    void travel_time() {
        // With a scenario (a scene's what-if sites, removed venues): the times of the scenario (figures too).
        const geo::TravelField* fp = &scenario(nearest(p.category, p.mode, 0.05f, 0.9f));
        if (fp == &C.scratch) fig_field = fp;
        // +inf (beyond the cut-off, or unreachable) stays +inf: the heatmap draws it in the ramp's end colour and
        // the legend names it; only NaN would be "no data".
        R.surface = fp->minutes;
        for (float& x : R.surface.v)
            if (std::isinf(x) && x > 0) R.beyond_min = opt().max_minutes;
            else if (!std::isfinite(x)) x = kNaN;
        R.vmin = 0;
        R.vmax = 60;
        R.reverse = true;
        R.contours = {10, 15, 20, 30, 45, 60};
    }

    void opportunities() {
        const auto& st = times(int(p.category), p.mode, T, 0.05f, 0.7f);
        R.surface = geo::cumulative_opportunities(st, T);
        zero_to_nan(R.surface);
        float mx = 0;
        for (float x : R.surface.v)
            if (std::isfinite(x)) mx = std::max(mx, x);
        R.vmin = 0;
        R.vmax = std::max(1.0f, mx);
    }

    void gravity() {
        const float cut = 45;
        const auto& st = times(int(p.category), p.mode, cut, 0.05f, 0.7f);
        const geo::Decay d = p.metric == Metric::GravityExp ? geo::Decay::exponential(std::max(p.beta, 1e-4f), cut)
                                                            : geo::Decay::logistic(p.t50, std::max(p.k, 1e-3f), cut);
        std::vector<double> w;
        if (p.weight_by_capacity) w = venue_weights();
        R.surface = geo::gravity(st, d, p.weight_by_capacity ? &w : nullptr);
        zero_to_nan(R.surface);
        R.vmin = 0;
        R.vmax = nice_ceil(quantile_positive(R.surface.v, 0.99));
        R.decimals = R.vmax < 10 ? 1 : 0;
    }

    void fca2() {
        const auto& st = times(int(p.category), p.mode, T, 0.05f, 0.7f);
        const std::vector<double> cap = venue_weights();
        geo::Decay d = geo::Decay::step(T);
        if (p.metric == Metric::E2sfca) {
            d.kind = geo::Decay::Kind::Stepped;
            d.steps = {{T / 3, 1.0f}, {2 * T / 3, 0.68f}, {T, 0.22f}};
            d.cutoff_min = T;
        }
        R.surface = geo::fca2(st, G->total, cap, d);
        for (float& x : R.surface.v) x *= 1000.0f;
        zero_to_nan(R.surface);
        R.vmin = 0;
        R.vmax = nice_ceil(quantile_positive(R.surface.v, 0.98));
        R.decimals = R.vmax < 10 ? 1 : 0;
    }

    void venue_density() {
        std::vector<P2> pts;
        for (const auto& v : data().venues)
            if (v.category == p.category) pts.push_back(v.pos);
        R.surface = geo::kernel_density(spec, pts, std::max(500.0, p.kernel_radius_m));
        for (float& x : R.surface.v) x *= 100.0f;  // per km² -> per 100 km²
        zero_to_nan(R.surface);
        R.vmin = 0;
        R.vmax = nice_ceil(quantile_positive(R.surface.v, 0.99));
        R.decimals = R.vmax < 10 ? 1 : 0;
    }

    // The catchment of a venue, or (venue < 0) of the first candidate: a what-if site.
    void reach() {
        geo::SourceTimes site_times;
        const geo::SourceTimes* stp = nullptr;
        if (p.venue >= 0 && size_t(p.venue) < data().venues.size()) {
            stp = &times(-1 - p.venue, p.mode, T + 5, 0.05f, 0.9f);
        } else if (p.venue < 0 && !p.candidates.empty()) {
            geo::TravelOptions to;
            to.max_minutes = std::min(60.0f, std::ceil((T + 5) / 15.0f) * 15.0f);
            to.cancel = &cancel;
            to.progress = stage(0.05f, 0.9f);
            site_times = geo::source_times(friction(p.mode), {{p.candidates.front().pos, true}}, to);
            C.computed = true;
            stp = &site_times;
        } else {
            throw std::invalid_argument("select a venue on the map first");
        }
        const geo::SourceTimes& st = *stp;
        R.reach = geo::venue_reach(st, G->nl(), G->de(), T).at(0);
        // The NL side per Twente municipality, by the same rule as venue_reach (sec <= T * 60).
        R.reach_nl_by_zone.assign(size_t(data().twente_count), 0.0);
        if (!st.lists.empty())
            for (size_t e = 0; e < st.lists[0].cell.size(); ++e) {
                if (st.lists[0].sec[e] > double(T) * 60.0) continue;
                const uint32_t c = st.lists[0].cell[e];
                const int z = ps->municipality.v[c];
                if (z >= 0 && z < data().twente_count) R.reach_nl_by_zone[size_t(z)] += G->nl().v[c];
                else R.reach_nl_other += G->nl().v[c];
            }
        R.surface = geo::GridF(spec, kNaN);
        if (!st.lists.empty())
            for (size_t e = 0; e < st.lists[0].cell.size(); ++e) {
                const float m = st.lists[0].sec[e] / 60.0f;
                // a little beyond T so that the contour at T has values on both sides
                if (m <= T + 5) R.surface.v[st.lists[0].cell[e]] = m;
            }
        R.vmin = 0;
        R.vmax = T;
        R.reverse = true;
        R.contours = {T};
        R.fill_max = T;
        fg_used = &friction(p.mode);
    }

    void what_if() {
        const geo::TravelField& base = nearest(p.category, p.mode, 0.05f, 0.8f);
        const geo::TravelField& now = scenario(base);
        check(cancel);
        bool with_baseline = false;
        for (const Candidate& c : p.baseline) with_baseline |= c.category == p.category;
        if (!with_baseline) {
            compare(base, now);
            return;
        }
        // issue 14: the baseline has sites of its own (a scene's): the venues plus those, added to the venues' field.
        const geo::FrictionGrid& fg = friction(p.mode);
        std::vector<geo::Source> src = sources_of(p.category);
        geo::TravelField before = base;
        for (const Candidate& c : p.baseline) {
            if (c.category != p.category) continue;
            check(cancel);
            src.push_back({c.pos, true});
            geo::update_source(before, fg, src, int(src.size()) - 1);
        }
        compare(before, now);
    }

    // The nearest-venue field of the request's scenario: the category's venues without p.removed, plus the
    // candidates of the category. `base` itself when the scenario changes nothing; else C.scratch -- updated
    // incrementally from base when sites are only added, computed anew when a venue is left out.
    const geo::TravelField& scenario(const geo::TravelField& base) {
        const geo::FrictionGrid& fg = friction(p.mode);
        std::vector<geo::Source> src;
        bool left_out = false;
        for (size_t i = 0; i < data().venues.size(); ++i) {
            if (data().venues[i].category != p.category) continue;
            if (std::find(p.removed.begin(), p.removed.end(), int(i)) != p.removed.end()) left_out = true;
            else src.push_back({data().venues[i].pos, true});
        }
        const size_t kept = src.size();
        for (const Candidate& c : p.candidates)
            if (c.category == p.category) src.push_back({c.pos, true});
        if (!left_out && src.size() == kept) return base;
        C.computed = true;
        geo::TravelField& now = C.scratch;
        if (left_out) {
            geo::TravelOptions to;
            to.max_minutes = opt().max_minutes;
            to.cancel = &cancel;
            to.progress = stage(0.8f, 0.95f);
            now = geo::travel_time(fg, src, to);
            return now;
        }
        now = base;
        for (size_t i = kept; i < src.size(); ++i) {
            check(cancel);
            geo::update_source(now, fg, src, int(i));
        }
        return now;
    }

    void best_site() {
        const geo::TravelField& base = nearest(p.category, p.mode, 0.05f, 0.2f);
        const geo::FrictionGrid& fg = friction(p.mode);
        std::vector<geo::Source> src = sources_of(p.category);
        // Candidate sites: where at least one inhabitant lives (everyone, whatever the group the gains count).
        const std::vector<P2> cands =
            geo::candidate_cells(group(geo::AgeBand::All)->twente_nl, std::max(1, opt().candidate_step), 1);
        geo::BestSiteOptions bo;
        bo.k = std::clamp(p.best_k, 1, 5);
        bo.threshold_min = T;
        bo.travel.max_minutes = opt().max_minutes;
        bo.travel.cancel = &cancel;
        bo.travel.progress = stage(0.2f, 0.9f);
        C.computed = true;
        const auto picks = geo::best_sites(fg, src, cands, G->twente_nl, bo);
        geo::TravelField& now = C.scratch;
        now = base;
        for (const auto& s : picks) {
            R.sites.push_back({cands[size_t(s.candidate)], s.gain, s.objective});
            src.push_back({cands[size_t(s.candidate)], true});
            geo::update_source(now, fg, src, int(src.size()) - 1);
        }
        check(cancel);
        compare(base, now);
    }

    // What-if style comparison of `now` (with additions) against `base`: minutes saved surface and gains.
    void compare(const geo::TravelField& base, const geo::TravelField& now) {
        const float cap = opt().max_minutes;
        const int twente = data().twente_count;
        R.surface = geo::GridF(spec, kNaN);
        double imp_pop = 0, imp_sum = 0;
        std::vector<ZoneGain> g(static_cast<size_t>(twente));
        for (int i = 0; i < twente; ++i) g[size_t(i)].municipality = i;
        for (size_t i = 0; i < R.surface.v.size(); ++i) {
            const float b = std::min(base.minutes.v[i], cap), n = std::min(now.minutes.v[i], cap);
            const float d = b - n;
            if (std::fabs(d) > 1e-3f) R.surface.v[i] = d;
            const double pn = G->nl().v[i], pd = G->de().v[i], pt = pn + pd;
            if (pt > 0 && d > 1e-3f) {
                imp_pop += pt;
                imp_sum += pt * d;
            }
            const bool was = base.minutes.v[i] <= T, is = now.minutes.v[i] <= T;
            if (was != is) {
                const double sgn = is ? 1 : -1;
                R.gained_nl += sgn * pn;
                R.gained_de += sgn * pd;
            }
            const int z = ps->municipality.v[i];
            if (z >= 0 && z < twente && pn > 0) {
                if (was) g[size_t(z)].baseline += pn;
                if (is) g[size_t(z)].now += pn;
            }
        }
        R.gains = std::move(g);
        R.improved_population = imp_pop;
        R.mean_minutes_saved = imp_pop > 0 ? imp_sum / imp_pop : 0;
        const float m = nice_ceil(std::max(5.0, quantile_positive(R.surface.v, 0.98)));
        R.vmin = -m;
        R.vmax = m;
        R.diverging = true;
        R.decimals = 1;
    }

    // issue 17: per weighted category its accessibility (venues within T, or gravity with every venue 1), divided
    // by its mean over the group's Twente inhabitants, mixed by the weights (geo/measures/composite.h).
    void composite() {
        if (!any_weight(p.weights)) throw std::invalid_argument("composite: give at least one category a weight > 0");
        std::vector<geo::GridF> acc;
        std::vector<double> w, norm;
        std::vector<int> cats;
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (p.weights[size_t(c)] > 0) cats.push_back(c);
        for (size_t k = 0; k < cats.size(); ++k) {
            const float lo = 0.05f + 0.6f * float(k) / float(cats.size()), hi = lo + 0.6f / float(cats.size());
            const auto& st = times(cats[k], p.mode, p.composite_gravity ? 45.0f : T, lo, hi);
            acc.push_back(p.composite_gravity
                              ? geo::gravity(st, geo::Decay::exponential(std::max(p.beta, 1e-4f), 45.0f))
                              : geo::cumulative_opportunities(st, T));
            w.push_back(p.weights[size_t(cats[k])]);
            norm.push_back(geo::population_mean(acc.back(), G->nl(), &ps->municipality, data().twente_count));
            R.composite_norm[size_t(cats[k])] = norm.back();
            check(cancel);
        }
        std::vector<const geo::GridF*> ptr;
        for (const auto& a : acc) ptr.push_back(&a);
        R.surface = geo::composite_access(ptr, w, norm).score;
        zero_to_nan(R.surface);
        R.vmin = 0;
        R.vmax = nice_ceil(quantile_positive(R.surface.v, 0.99));
        R.decimals = 1;
    }

    // The composite's figures: per weighted category its nearest-venue field, everyone beside the group.
    void composite_figures() {
        // Copies: a later nearest() may move or drop the cached fields.
        std::array<geo::GridF, geo::kCategoryCount> fields;
        std::array<const geo::GridF*, geo::kCategoryCount> minutes{};
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (p.weights[size_t(c)] > 0) {
                fields[size_t(c)] = nearest(geo::Category(c), p.mode, 0.7f, 0.95f).minutes;
                minutes[size_t(c)] = &fields[size_t(c)];
            }
        if (!fg_used) fg_used = &friction(p.mode);
        geo::GridF score = R.surface;
        for (float& x : score.v)
            if (std::isnan(x)) x = 0;
        R.composite = composite_rows(data(), ps->municipality, ps->nl, G->nl(), minutes, p.weights, T, score);
        for (const CompositeRow& c : R.composite) {  // the choropleth's coverage: the group's share of the mix
            FigureRow r;
            r.municipality = c.municipality;
            r.inhabitants = c.group;
            r.coverage_pct = c.mix_pct_group;
            r.mean_minutes = r.median_minutes = r.p90_minutes = kNaN;
            R.figures.push_back(r);
        }
    }

    // The distribution of the surface per Twente municipality (FigureKind::Surface). The surface's NaN are
    // the zeros the heatmap leaves transparent: they count as 0, so that nobody is left out of the mean.
    void surface_figures() {
        geo::GridF v = R.surface;
        for (float& x : v.v)
            if (std::isnan(x)) x = 0;
        R.surface_stats = geo::zone_stats(ps->municipality, int(data().municipalities.size()), G->nl(), v);
        R.surface_stats.resize(size_t(data().twente_count));
        if (p.zones) R.zone_surface_stats = geo::zone_stats(zone_grid(), int(p.zones->geoms.size()), G->nl(), v);
    }

    // issue 12: the request's zones on the population grid (cached for the same ZoneSet).
    const geo::Grid<int16_t>& zone_grid() {
        if (C.zones != p.zones) {
            C.zone_grid = geo::rasterize_zones(*p.zones, spec);
            C.zones = p.zones;
        }
        return C.zone_grid;
    }

    // The travel-time figures of the zones: the same coverage_by_zone over the zone mask; a zone's inhabitants are
    // the population grid's (no CBS count per zone), its venues those of the category inside its polygon.
    void zone_figures(const geo::TravelField& f) {
        const geo::ZoneSet& z = *p.zones;
        const float cutoff = f.max_minutes;
        const auto rows = geo::coverage_by_zone(zone_grid(), int(z.geoms.size()), G->nl(), f.minutes,
                                                std::min(T, cutoff), cutoff);
        for (size_t i = 0; i < z.geoms.size(); ++i) {
            FigureRow r;
            r.zone = int(i);
            const geo::CoverageRow& c = rows[i];
            r.inhabitants = c.population;
            for (const auto& v : data().venues)
                r.venues += v.category == p.category && geo::point_in_multipolygon(z.geoms[i], v.pos);
            r.per_10k = r.inhabitants > 0 ? 1e4 * r.venues / r.inhabitants : 0;
            r.coverage_pct = 100.0 * c.share;
            r.mean_minutes = c.mean_minutes;
            r.mean_is_lower_bound = c.mean_is_lower_bound;
            r.censored_pct = 100.0 * c.censored_share;
            r.median_minutes = c.median_minutes;
            r.p90_minutes = c.p90_minutes;
            r.cutoff_min = cutoff;
            r.outside = geo::zone_outside(z, i, data().region_bbox);
            R.zone_figures.push_back(r);
        }
    }

    // Figures per Twente municipality from the nearest-venue field (cheap once cached).
    void figures() {
        if (figure_kind(p.metric) == FigureKind::Surface) surface_figures();
        if (figure_kind(p.metric) == FigureKind::Composite) return composite_figures();
        const geo::TravelField& f = fig_field ? *fig_field : nearest(p.category, p.mode, 0.9f, 0.98f);
        if (!fg_used) fg_used = &friction(p.mode);
        const geo::Dataset& d = data();
        const float cutoff = f.max_minutes;
        const auto rows = geo::coverage_by_zone(ps->municipality, int(d.municipalities.size()), G->nl(), f.minutes,
                                                std::min(T, cutoff), cutoff);
        for (int i = 0; i < d.twente_count; ++i) {
            const auto& m = d.municipalities[size_t(i)];
            FigureRow r;
            r.municipality = i;
            // CBS 2024 inhabitants of the group: the band's CBS share of the total (issue 17)
            r.inhabitants = m.cbs.valid ? m.cbs.inhabitants * G->b.share[size_t(i)] : rows[size_t(i)].population;
            for (const auto& v : d.venues) r.venues += v.category == p.category && v.gemeente == m.code;
            r.per_10k = r.inhabitants > 0 ? 1e4 * r.venues / r.inhabitants : 0;
            r.coverage_pct = 100.0 * rows[size_t(i)].share;
            const geo::CoverageRow& c = rows[size_t(i)];
            r.mean_minutes = c.mean_minutes;
            r.mean_is_lower_bound = c.mean_is_lower_bound;
            r.censored_pct = 100.0 * c.censored_share;
            r.median_minutes = c.median_minutes;
            r.p90_minutes = c.p90_minutes;
            r.cutoff_min = cutoff;
            R.figures.push_back(r);
        }
        if (p.zones && figure_kind(p.metric) == FigureKind::TravelTime) zone_figures(f);
        if (figure_kind(p.metric) == FigureKind::TravelTime) {
            R.curves = geo::cumulative_share_by_zone(ps->municipality, int(d.municipalities.size()), G->nl(),
                                                     f.minutes, 5, cutoff);
            R.curves.resize(size_t(d.twente_count));
        }
    }
};

AnalysisResult Analysis::compute(uint64_t id, const AnalysisParams& p, const std::atomic<bool>& cancel) {
    const auto t0 = std::chrono::steady_clock::now();
    Cache& C = *cache_;
    C.computed = false;
    if (venues_dirty_.exchange(false)) {  // the venue editor changed the catalogue
        C.fields.clear();
        C.times.clear();
    }
    {  // a road network chosen in the window (set_roads): new friction grids, and every time computed on the old
        std::lock_guard<std::mutex> lk(mu_);
        if (new_roads_) {
            roads_now_ = std::move(*new_roads_);
            new_roads_.reset();
            opt_.roads = roads_now_ ? roads_now_.get() : start_roads_;
            for (auto& f : C.friction) f.reset();
            C.fields.clear();
            C.times.clear();
        }
    }
    Job job(*this, id, p, cancel);
    job.set_progress(0);
    job.population();
    check(cancel);
    job.set_progress(0.05f);
    job.metric();
    check(cancel);
    if (p.figures) job.figures();
    else if (!job.fg_used) job.fg_used = &job.friction(p.mode);  // the note, as figures() takes it
    AnalysisResult& R = job.R;
    R.estimate = job.fg_used->estimate;
    R.model_note = job.fg_used->note;
    R.recombined_only = !C.computed;
    R.compute_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    job.set_progress(1);
    return std::move(R);
}

// ---- candidates (UI thread) ---------------------------------------------------------------------------------

void Analysis::save_candidates() {
    if (cand_path_ == "-") return;
    try {
        write_candidates(candidates_, cand_path_);
    } catch (const std::exception& e) {
        warnings_.push_back(e.what());
    }
}
void Analysis::add_candidate(const Candidate& c) {
    candidates_.push_back(c);
    save_candidates();
}
void Analysis::move_candidate(size_t i, P2 pos, bool save) {
    if (i >= candidates_.size()) return;
    candidates_[i].pos = pos;
    if (save) save_candidates();
}
void Analysis::remove_candidate(size_t i) {
    if (i >= candidates_.size()) return;
    candidates_.erase(candidates_.begin() + ptrdiff_t(i));
    save_candidates();
}
void Analysis::clear_candidates() {
    candidates_.clear();
    save_candidates();
}

}  // namespace viewer
