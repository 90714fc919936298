// Scene heatmaps: the analysis behind a scene's heatmap (measure, category, mode, threshold and its what-if
// sites), shared by the presenter and the export CLI so that a handout, a poster and the projector show the
// same surface.
//
//     SceneHeatmaps sh(dataset);             // GL 3.3 context current (it owns one Heatmap per surface)
//     for (auto& s : deck.scenes) sh.prepare(s);           // computes up front (blocking, cached by request)
//     Presenter p(dataset, renderer, deck, sh.hooks());
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/render/heatmap.h"
#include "viewer/render/map_renderer.h"
#include "viewer/model/scenes.h"
#include "viewer/present/presenter.h"

namespace viewer {

// What the scene heatmaps hold, in bytes (issue 14: memory; bench_present prints it).
struct SceneHeatmapsUsage {
    size_t surfaces = 0;      // the results' surfaces (and their other grids)
    size_t heatmaps = 0;      // the Heatmaps' CPU side (bench_present: drawn scenes only)
    size_t textures = 0;      // their textures
    int entries = 0, live = 0;
    AnalysisCacheUsage analysis;  // the worker's cache
};

class SceneHeatmaps {
public:
    // base: what every analysis starts from (the road network); scene analyses never touch the user's candidates.
    explicit SceneHeatmaps(const geo::Dataset& d, AnalysisOptions base = {});
    ~SceneHeatmaps();
    // Computes the scene's heatmap unless an identical request was computed before (blocks; seconds at most).
    // Returns "" or why there is no heatmap (also cached, so a broken scene is reported once).
    std::string prepare(const Scene& s);
    // The result for a prepared scene (nullptr when none or it failed).
    const AnalysisResult* result(const Scene& s) const;
    // Draws the prepared scene's heatmap for a (tile) camera; false when there is none.
    bool draw(const Scene& s, const Camera& cam, geo::P2 origin, float ui_scale);
    std::optional<RampLegend> legend(const Scene& s, float ui_scale) const;
    // issue 14, live questions. The figure of a live scene (a scene with sites the speaker dropped or moved),
    // computed through the same analysis: for reach the reach sentence and the difference from the scene as
    // written; for travel_time the what-if comparison of its sites of the category with the scene as written (its
    // venues and its own sites: the window's what-if, minutes saved and inhabitants newly within T). "" when the
    // scene has no such heatmap.
    std::string live_figure(const Scene& live, const Scene& scripted);
    // The same without blocking: starts (or follows) the analyses on the worker and returns nullopt until the
    // figure is ready; call again (each frame) with the same scenes. A changed live scene starts over.
    std::optional<std::string> live_figure_try(const Scene& live, const Scene& scripted);
    // The what-if result behind the last travel-time live figure (tests), nullptr when none.
    const AnalysisResult* live_whatif() const { return live_whatif_; }
    // Drops what live scenes computed (their surfaces and textures): memory stays bounded however many questions.
    void live_reset();
    size_t entry_count() const { return entries_.size(); }
    SceneHeatmapsUsage usage() const;
    // Hooks for the Presenter: prepared lazily on first draw. `origin` is the MapRenderer's origin.
    PresenterHooks hooks(geo::P2 origin);

private:
    struct Entry;
    const geo::Dataset& data_;
    AnalysisOptions base_;
    std::unique_ptr<Analysis> analysis_;
    std::vector<std::unique_ptr<Entry>> entries_;
    bool marking_live_ = false;        // entries made now belong to a live question (live_reset drops them)
    const AnalysisResult* live_whatif_ = nullptr;
    void ensure_analysis();
    Entry* find(const Scene& s) const;
    Entry* find(const AnalysisParams& p) const;
    Entry& compute(const AnalysisParams& p, std::string why);  // runs the analysis unless `why` says it cannot
    std::optional<AnalysisParams> inflight_;  // the request live_figure_try waits for on the worker
    // The entry of request p (or of why it cannot be made): cached, computed (block), or nullptr while the worker
    // computes it.
    Entry* obtain(const AnalysisParams& p, const std::string& why, bool block);
    std::optional<std::string> live_step(const Scene& live, const Scene& scripted, bool block);
};

}  // namespace viewer
