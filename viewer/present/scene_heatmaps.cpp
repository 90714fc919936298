#include "viewer/present/scene_heatmaps.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "viewer/model/i18n.h"
#include "viewer/model/style.h"

namespace viewer {


namespace {

// The scene's request, without the figures (the presenter shows the surface, its legend and the live figure; not
// computing them spares a travel-time field per reach scene: issue 14).
std::string params_of(const Scene& s, const geo::Dataset& d, AnalysisParams& p) {
    std::string why = scene_heatmap_params(s, d, p);
    p.figures = false;
    return why;
}

// What the scene analyses keep between requests beyond the population and friction grids: a scene's nearest-venue
// field and a live question's what-if field on the region raster (issue 14: the presenter's peak memory).
constexpr size_t kSceneCacheBudget = size_t(64) << 20;

}  // namespace

struct SceneHeatmaps::Entry {
    AnalysisParams params;
    std::string why;                     // "" when computed
    std::optional<AnalysisResult> result;
    std::unique_ptr<Heatmap> heat;       // uploaded on first draw
    bool live = false;                   // made for a live question (live_reset drops it)
};

SceneHeatmaps::SceneHeatmaps(const geo::Dataset& d, AnalysisOptions base) : data_(d), base_(std::move(base)) {}
SceneHeatmaps::~SceneHeatmaps() = default;

void SceneHeatmaps::ensure_analysis() {
    if (analysis_) return;
    AnalysisOptions ao = base_;  // the run's road network
    ao.candidates_path = "-";    // never touch the user's what-if candidates
    ao.cache_budget = std::min(ao.cache_budget, kSceneCacheBudget);
    analysis_ = std::make_unique<Analysis>(data_, ao);
}

SceneHeatmaps::Entry* SceneHeatmaps::find(const Scene& s) const {
    if (!s.heatmap) return nullptr;
    AnalysisParams p;
    const std::string why = params_of(s, data_, p);
    for (const auto& e : entries_)
        if (same_request(e->params, p) && (why.empty() == e->why.empty())) return e.get();
    return nullptr;
}

SceneHeatmaps::Entry* SceneHeatmaps::find(const AnalysisParams& p) const {
    for (const auto& e : entries_)
        if (e->why.empty() && same_request(e->params, p)) return e.get();
    return nullptr;
}

SceneHeatmaps::Entry& SceneHeatmaps::compute(const AnalysisParams& p, std::string why) {
    auto e = std::make_unique<Entry>();
    e->params = p;
    e->why = std::move(why);
    e->live = marking_live_;
    if (e->why.empty()) {
        ensure_analysis();
        analysis_->request(e->params);
        inflight_.reset();  // a live figure computed meanwhile is cancelled: it asks again
        AnalysisResult r;
        if (!analysis_->wait(900) || !analysis_->poll(r))
            e->why = analysis_->error().empty() ? "the analysis timed out" : analysis_->error();
        else
            e->result = std::move(r);
    }
    entries_.push_back(std::move(e));
    return *entries_.back();
}

std::string SceneHeatmaps::prepare(const Scene& s) {
    if (!s.heatmap) return "";
    if (Entry* e = find(s)) return e->why;
    AnalysisParams p;
    std::string why = params_of(s, data_, p);
    return compute(p, std::move(why)).why;
}

const AnalysisResult* SceneHeatmaps::result(const Scene& s) const {
    const Entry* e = find(s);
    return e && e->result ? &*e->result : nullptr;
}

bool SceneHeatmaps::draw(const Scene& s, const Camera& cam, geo::P2 origin, float ui_scale) {
    Entry* e = find(s);
    if (!e || !e->result) return false;
    if (!e->heat) {
        // A live question's picture shows only its own heatmap: the scenes' textures go (24 MB each on the region
        // raster) and are made again from their surfaces when a scene's picture is rendered next (issue 14).
        if (e->live)
            for (auto& o : entries_)
                if (!o->live) o->heat.reset();
        e->heat = std::make_unique<Heatmap>();
        e->heat->set_lean(true);  // one style per surface: the texture and the surface only (issue 14: memory)
        e->heat->set_grid(e->result->surface);
    }
    e->heat->draw(cam, origin, heatmap_style(*e->result, ui_scale));
    return true;
}

std::optional<RampLegend> SceneHeatmaps::legend(const Scene& s, float ui_scale) const {
    const Entry* e = find(s);
    if (!e || !e->result) return std::nullopt;
    return heatmap_legend(*e->result, heatmap_style(*e->result, ui_scale), data_);
}

SceneHeatmapsUsage SceneHeatmaps::usage() const {
    SceneHeatmapsUsage u;
    for (const auto& e : entries_) {
        ++u.entries;
        u.live += e->live;
        if (e->result) u.surfaces += e->result->surface.v.capacity() * sizeof(float);
        if (e->heat) {
            u.heatmaps += e->heat->cpu_bytes();
            u.textures += e->heat->texture_bytes();
        }
    }
    if (analysis_) u.analysis = analysis_->cache_usage();
    return u;
}

void SceneHeatmaps::live_reset() {
    live_whatif_ = nullptr;
    inflight_.reset();
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [](const auto& e) { return e->live; }), entries_.end());
}

SceneHeatmaps::Entry* SceneHeatmaps::obtain(const AnalysisParams& p, const std::string& why, bool block) {
    for (const auto& e : entries_)
        if (same_request(e->params, p) && why.empty() == e->why.empty()) return e.get();
    if (!why.empty() || block) return &compute(p, why);
    ensure_analysis();
    if (!inflight_ || !same_request(*inflight_, p)) {
        analysis_->request(p);
        inflight_ = p;
        return nullptr;
    }
    const bool busy = analysis_->busy();  // read before poll: a result that lands in between is still polled
    AnalysisResult r;
    auto e = std::make_unique<Entry>();
    e->params = p;
    e->live = marking_live_;
    if (analysis_->poll(r)) {
        e->result = std::move(r);
    } else if (busy) {
        return nullptr;
    } else {
        e->why = analysis_->error().empty() ? "the analysis failed" : analysis_->error();
    }
    inflight_.reset();
    entries_.push_back(std::move(e));
    return entries_.back().get();
}

std::string SceneHeatmaps::live_figure(const Scene& live, const Scene& scripted) {
    return *live_step(live, scripted, true);
}

std::optional<std::string> SceneHeatmaps::live_figure_try(const Scene& live, const Scene& scripted) {
    return live_step(live, scripted, false);
}

std::optional<std::string> SceneHeatmaps::live_step(const Scene& live, const Scene& scripted, bool block) {
    live_whatif_ = nullptr;
    if (!live.heatmap) return std::string();
    struct Marking {  // entries made now belong to the live question, until the scripted scene's
        bool& m;
        ~Marking() { m = false; }
    } marking{marking_live_};
    marking_live_ = true;
    AnalysisParams lp;
    const std::string lwhy = params_of(live, data_, lp);
    const Entry* le = obtain(lp, lwhy, block);
    if (!le) return std::nullopt;
    const AnalysisResult* r = le->result ? &*le->result : nullptr;
    std::string out;
    if (!le->why.empty()) {
        out = std::string(tr("Map layer not drawn: ")) + le->why;
    } else if (r && r->params.metric == Metric::Reach) {
        // The reach sentence, and how many more (or fewer) inhabitants than the scene as written.
        out = reach_summary(*r);
        marking_live_ = false;  // the scripted scene's surface belongs to the deck
        AnalysisParams sp;
        const std::string swhy = params_of(scripted, data_, sp);
        if (scripted.heatmap && swhy.empty()) {
            const Entry* se = obtain(sp, swhy, block);
            if (!se) return std::nullopt;
            r = &*le->result;
            if (const AnalysisResult* s = se->result ? &*se->result : nullptr; s && s->params.metric == Metric::Reach) {
                const double d = (r->reach.nl + r->reach.de) - (s->reach.nl + s->reach.de);
                out += std::string(" \u00b7 ") + (d >= 0 ? "+" : "\u2212") + format_int(std::fabs(d)) + " " +
                       tr("compared with the scene");
            }
        }
    } else if (r && r->params.metric == Metric::TravelTime && !r->params.candidates.empty()) {
        // The window's what-if, against the scene as written: its venues and its own sites of the category.
        AnalysisParams p = r->params;
        p.metric = Metric::WhatIf;
        for (const WhatIf& w : scripted.whatif) {
            geo::Category c;
            if (geo::category_from_key(w.category, c) && c == p.category) p.baseline.push_back({w.pos, c, ""});
        }
        const Entry* e = obtain(p, "", block);
        if (!e) return std::nullopt;
        if (!e->result) {
            out = std::string(tr("Map layer not drawn: ")) + e->why;
        } else {
            const AnalysisResult& w = *e->result;
            live_whatif_ = &w;
            const std::string T = format_num(w.params.threshold_min, 0) + " min";
            if (w.improved_population > 0)
                out = format_num(w.mean_minutes_saved, 1) + " " + tr("min faster for") + " " +
                      format_int(w.improved_population) + " " + tr("inhabitants");
            else
                out = tr("nobody gets a shorter trip");
            out += std::string("; +") + format_int(w.gained_nl + w.gained_de) + " " + tr("within") + " " + T + " (NL " +
                   format_int(w.gained_nl) + ", DE " + format_int(w.gained_de) + "), " + tr("compared with the scene");
            if (w.estimate) out += std::string(" \u2014 ") + tr("estimate: no road network loaded");
        }
    }
    return out;
}

PresenterHooks SceneHeatmaps::hooks(geo::P2 origin) {
    PresenterHooks h;
    h.draw_heatmap = [this, origin](const Scene& s, const Camera& cam, float ui_scale) {
        prepare(s);
        return draw(s, cam, origin, ui_scale);
    };
    h.heatmap_legend = [this](const Scene& s, float ui_scale) {
        prepare(s);
        return legend(s, ui_scale);
    };
    h.heatmap_note = [this](const Scene& s) -> std::string {
        const std::string why = prepare(s);
        if (why.empty()) {
            const AnalysisResult* r = result(s);
            return r && r->params.metric == Metric::Reach ? reach_summary(*r) : std::string();
        }
        std::fprintf(stderr, "trekkaart: scene heatmap not drawn: %s\n", why.c_str());
        return std::string(tr("Map layer not drawn: ")) + why;
    };
    h.live_figure = [this](const Scene& live, const Scene& scripted) { return live_figure(live, scripted); };
    h.live_figure_try = [this](const Scene& live, const Scene& scripted) { return live_figure_try(live, scripted); };
    h.live_reset = [this] { live_reset(); };
    return h;
}

}  // namespace viewer
