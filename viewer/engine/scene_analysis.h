// What a scene's (or the window's) heatmap means, without drawing it: the analysis request behind a scene, its
// colours, title, legend and the reach sentence -- one definition for the window, the presenter and exports.
#pragma once
#include <string>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/model/ramp.h"
#include "viewer/model/scenes.h"

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
// Legend block for the result: the note says what it assumed (estimated travel times without a road network,
// venue weights: weights_note), and cells beyond the travel-time cut-off get a "> 90 min" swatch.
RampLegend heatmap_legend(const AnalysisResult& r, const HeatmapStyle& st, const geo::Dataset& d);

}  // namespace viewer
