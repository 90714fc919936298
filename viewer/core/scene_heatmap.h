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
#include "viewer/core/analysis.h"
#include "viewer/core/heatmap.h"
#include "viewer/core/map_renderer.h"
#include "viewer/core/presenter.h"
#include "viewer/core/scenes.h"

namespace viewer {

// The analysis request behind a scene's heatmap; returns "" or why it cannot be drawn. What-if sites of the
// heatmap's category are added to the venues for travel_time (other measures with such sites are refused);
// reach without a highlighted venue is the catchment of the first what-if site, whatever its category.
std::string scene_heatmap_params(const Scene& s, const geo::Dataset& d, AnalysisParams& p);
// Colours from the result's display hints (as the app's analysis panel shows them).
HeatmapStyle heatmap_style(const AnalysisResult& r, float ui_scale);
// The legend title in the current language, e.g. "Reistijd · derde plek · fiets + trein" or
// "Verzorgingsgebied Twente Dome (binnen 45 min) · auto" -- the same in the window, the presenter and exports.
std::string heatmap_title(const AnalysisParams& p, const geo::Dataset& d);
// "binnen 45 min (auto): 1.234.567 inwoners (NL 900.000, DE 334.567) — schatting: ..." for a reach result.
std::string reach_summary(const AnalysisResult& r);
// Legend block for the result, with the estimate note for travel-time measures without a road network.
RampLegend heatmap_legend(const AnalysisResult& r, const HeatmapStyle& st, const geo::Dataset& d);

class SceneHeatmaps {
public:
    explicit SceneHeatmaps(const geo::Dataset& d);
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
    std::unique_ptr<Analysis> analysis_;
    std::vector<std::unique_ptr<Entry>> entries_;
    Entry* find(const Scene& s) const;
};

}  // namespace viewer
