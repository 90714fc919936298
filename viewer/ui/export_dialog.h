// The main panel's "Export map": the map as seen in the window, at the window's size or a preset one, as PNG,
// JPEG, TIFF or GeoTIFF (viewer/output/export.h). The button only asks; the app runs the export after the
// frame's render (run), with the analysis overlay as shown.
#pragma once
#include <string>

#include "geo/io/dataset.h"
#include "viewer/render/map_renderer.h"

namespace viewer {

class AnalysisPanel;  // ui_analysis.h

class ExportDialog {
public:
    void ui();
    bool pending() const { return pending_; }
    // Exports view (the window's camera; fb_w x fb_h its framebuffer) to the chosen file and says how it went.
    void run(MapRenderer& renderer, const MapView& view, AnalysisPanel& analysis, const geo::Dataset& data, int fb_w,
             int fb_h);

private:
    int preset_ = 0;  // 0: window size, else export_presets()[i - 1]
    int format_ = 0;  // png, jpg, tif, geotiff, pdf, svg
    char path_[512] = "";
    bool path_edited_ = false;  // until the user types a name, it follows the language and the format
    bool pending_ = false;
    std::string message_;
};

}  // namespace viewer
