#include "viewer/present/scene_heatmaps.h"

#include <algorithm>
#include <cstdio>

#include "viewer/model/i18n.h"
#include "viewer/model/style.h"

namespace viewer {


struct SceneHeatmaps::Entry {
    AnalysisParams params;
    std::string why;                     // "" when computed
    std::optional<AnalysisResult> result;
    std::unique_ptr<Heatmap> heat;       // uploaded on first draw
};

SceneHeatmaps::SceneHeatmaps(const geo::Dataset& d, AnalysisOptions base) : data_(d), base_(std::move(base)) {}
SceneHeatmaps::~SceneHeatmaps() = default;

SceneHeatmaps::Entry* SceneHeatmaps::find(const Scene& s) const {
    if (!s.heatmap) return nullptr;
    AnalysisParams p;
    const std::string why = scene_heatmap_params(s, data_, p);
    for (const auto& e : entries_)
        if (same_request(e->params, p) && (why.empty() == e->why.empty())) return e.get();
    return nullptr;
}

std::string SceneHeatmaps::prepare(const Scene& s) {
    if (!s.heatmap) return "";
    if (Entry* e = find(s)) return e->why;
    auto e = std::make_unique<Entry>();
    e->why = scene_heatmap_params(s, data_, e->params);
    if (e->why.empty()) {
        if (!analysis_) {
            AnalysisOptions ao = base_;  // the run's road network
            ao.candidates_path = "-";  // never touch the user's what-if candidates
            analysis_ = std::make_unique<Analysis>(data_, ao);
        }
        analysis_->request(e->params);
        AnalysisResult r;
        if (!analysis_->wait(900) || !analysis_->poll(r))
            e->why = analysis_->error().empty() ? "the analysis timed out" : analysis_->error();
        else
            e->result = std::move(r);
    }
    entries_.push_back(std::move(e));
    return entries_.back()->why;
}

const AnalysisResult* SceneHeatmaps::result(const Scene& s) const {
    const Entry* e = find(s);
    return e && e->result ? &*e->result : nullptr;
}

bool SceneHeatmaps::draw(const Scene& s, const Camera& cam, geo::P2 origin, float ui_scale) {
    Entry* e = find(s);
    if (!e || !e->result) return false;
    if (!e->heat) {
        e->heat = std::make_unique<Heatmap>();
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
    return h;
}

}  // namespace viewer
