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
    // Hooks for the Presenter: prepared lazily on first draw. `origin` is the MapRenderer's origin.
    PresenterHooks hooks(geo::P2 origin);

private:
    struct Entry;
    const geo::Dataset& data_;
    AnalysisOptions base_;
    std::unique_ptr<Analysis> analysis_;
    std::vector<std::unique_ptr<Entry>> entries_;
    Entry* find(const Scene& s) const;
};

}  // namespace viewer
