// The analysis part of the app: ImGui panels (analysis controls, what-if, figures per municipality, exports),
// the heatmap overlay with its legend, what-if candidate markers and their mouse handling.
// The App owns one AnalysisPanel and calls frame(), prepare_render() and handle_event() (see app.cpp).
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viewer/engine/analysis.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/render/heatmap.h"
#include "viewer/render/map_renderer.h"

namespace viewer {

// The width a combo needs to show its longest item whole (frame padding and the arrow button included), px.
float combo_fit_width(const std::vector<const char*>& items);

class AnalysisPanel {
public:
    // Needs a current GL context (the heatmap's textures). The worker starts idle; nothing is computed until the
    // overlay is switched on.
    explicit AnalysisPanel(const geo::Dataset& data, AnalysisOptions opt = {});
    ~AnalysisPanel();
    AnalysisPanel(const AnalysisPanel&) = delete;
    AnalysisPanel& operator=(const AnalysisPanel&) = delete;

    // Once per frame between ImGui::NewFrame() and ImGui::Render(): submits requests when parameters changed,
    // takes finished results (uploading the surface), draws the panels when show_panels and the candidate
    // markers. panel_rects: the app's ImGui windows of this frame (window pixels); ours are appended.
    // selected_venue: Dataset::venues index selected on the map, or -1.
    void frame(bool show_panels, int win_w, int win_h, float fb_per_win, const MapView& view, int selected_venue,
               std::vector<geo::BBox>& panel_rects);
    // The overlay hook, legend and the analysis choropleth values for this frame's render.
    // map_origin: MapRenderer::origin().
    void prepare_render(MapView& view, RenderOptions& opt, geo::P2 map_origin);
    // SDL events for the what-if tool (placing, dragging, deleting candidates). True when the event was used.
    bool handle_event(const void* sdl_event, bool ui_wants_mouse, float fb_per_win, const Camera& cam);
    // The venue editor changed Dataset::venues (index: the venue, -1: all; removed: that index is gone):
    // drops cached fields, fixes the reach venue's index and recomputes the overlay.
    void venues_changed(int index, bool removed);
    // issue 12: the user's layers used by the analysis (venue set, zones, road network; user_analysis.h). Every
    // request carries its zones; recompute() after the venue set or the road network changed.
    const UserAnalysis* user_analysis = nullptr;
    void recompute() { last_want_.reset(); }
    // Value under the cursor for the status bar, e.g. "Reistijd: 12,5 min"; "" when there is none.
    std::string hover_text(geo::P2 rd) const;

    // State (also for scripted screenshots and benches).
    Analysis& analysis() { return *an_; }
    AnalysisParams& params() { return params_; }
    bool overlay_on = false;       // show the heatmap (and compute it)
    std::optional<bool> collapse_next;  // issue 13: collapse (true) or open the panel on the next frame
    bool whatif_tool = false;      // clicks on the map place / drag candidates
    Ramp ramp = Ramp::Viridis;     // for sequential metrics (differences always use the diverging ramp)
    float opacity = 0.72f;
    bool contours = true, banded = false;
    bool show_figures = false;     // the figures window
    // Whether the worker computes the figures (tables, curves, zone rows, the figures choropleth): only while
    // something shows or writes them -- the figures window, a choropleth of analysis figures, a data export
    // (issue 15: they are most of a decay or threshold step's work). Set by frame().
    bool figures_needed() const { return figures_needed_; }
    // issue 15: a request the worker did within this many ms last time (a recombination: decay, threshold; a
    // what-if move) is waited for, at most this long, by the frame that asks, so that frame's picture shows it.
    // 0: never wait (the result arrives in the frame its SDL event wakes).
    double quick_wait_ms = 25;
    // issue 15: while a candidate is dragged, a finished surface is taken at most every drag_show_ms (each new
    // surface is a full redraw, ~60 ms on a software rasteriser); the marker follows the mouse every frame. 0: take
    // every result as it comes.
    double drag_show_ms = 200;
    bool dragging() const { return drag_ >= 0; }
    // A finished result held back by drag_show_ms: the window keeps drawing until it is taken.
    bool holding() const { return drag_ >= 0 && an_->ready(); }
    // Runs the best-site optimiser once for the current category, mode and T (k sites).
    void run_best_site(int k);
    // Blocks until the latest request finished and takes its result (scripts, benches). False on timeout/error.
    bool settle(double timeout_s = 120);
    const std::optional<AnalysisResult>& result() const { return result_; }  // shown result (surface moved out)
    HeatmapStyle style() const;
    RampLegend legend() const;
    Heatmap& heatmap() { return *heat_; }

private:
    const geo::Dataset& data_;
    std::unique_ptr<Analysis> an_;
    std::unique_ptr<Heatmap> heat_;
    AnalysisParams params_;
    std::optional<AnalysisParams> last_want_;  // what the controls asked for last (a change triggers a request)
    std::optional<AnalysisResult> result_;
    int drag_ = -1;                            // candidate being dragged
    std::chrono::steady_clock::time_point shown_at_;  // when poll() last took a result
    float ui_scale_ = 1;                       // MapView::ui_scale (framebuffer px per ui unit)
    float dpi_ = 1;                            // window px per ui unit (ImGui sizes)
    float need_w_ = 0;                         // panel width the parameter combos need (last frame), px
    float left_panel_right_ = -1;              // fb px: where the ramp legend goes (right of the main panel)
    Choropleth pending_choropleth_ = Choropleth::Count;  // applied to the view on the next render
    int best_k_ = 1;
    bool was_on_ = false;                      // overlay_on in the previous frame
    std::vector<int> order_;                   // figures table row order
    int hovered_figure_ = -1;                  // municipality under the mouse in the figures table, or -1
    geo::Table fig_table_;                     // figures_table() of the shown result (metrics other than travel time)
    uint64_t fig_table_id_ = 0;                // the result it belongs to
    char data_prefix_[512] = {};
    int data_prefix_lang_ = -1;  // the language of the default prefix; -2: typed by the user
    std::string message_;                      // last export message
    bool figures_needed_ = false;              // see figures_needed()
    bool export_pending_ = false;              // "Export data" waits for a result with figures
    void write_data();

    AnalysisParams want(int selected_venue) const;
    void poll();
    void ui_controls(int win_w, int win_h, float fb_per_win, std::vector<geo::BBox>& rects, int selected_venue);
    void ui_parameters();
    void ui_group_and_weights();  // issue 17
    void ui_status(int selected_venue);
    void ui_exports();
    void ui_whatif();
    void ui_figures(int win_w, int win_h, std::vector<geo::BBox>& rects, const MapView& view);
    void ui_figure_table(const MapView& view);  // ui_figures.cpp
    void ui_zone_rows();
    void ui_curve_chart(const MapView& view);   // ui_figures.cpp
    void draw_markers(const Camera& cam, float fb_per_win);
    std::string title_of(const AnalysisResult& r) const;
};

}  // namespace viewer
