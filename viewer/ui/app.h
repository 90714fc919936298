// The interactive application: the window's state (map view, camera flights, selection), its input, and the
// wiring of the panels around the map (layers_panel.h, info_panel.h, venue_panel.h, export_dialog.h,
// ui_analysis.h).
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/render/map_renderer.h"
#include "viewer/model/style.h"
#include "viewer/ui/pick.h"

struct SDL_Window;
struct ImFont;

namespace viewer {

int run_main(int argc, char** argv);
class AnalysisPanel;  // ui_analysis.h
class ExportDialog;   // export_dialog.h
class VenueEditor;    // venue_editor.h
class VenuePanel;     // venue_panel.h
class UserLayersPanel;  // user_layers_panel.h
class ProjectPanel;     // project_panel.h

class App {
public:
    // data: the venue editor changes data.venues (saved as the user's edits file, venue_edits.h).
    // analysis: what the analysis panel's worker starts from (the road network of the command line).
    // venue_edits: the edits file the data came with and the editor saves to ("" = the user's own).
    App(geo::Dataset& data, SDL_Window* win, float dpi_scale, AnalysisOptions analysis = {},
        std::string venue_edits = "");
    ~App();

    // Builds the UI and renders one frame into the bound framebuffer of size fb_w x fb_h (physical pixels).
    // win_w/win_h are the window's logical size (differs from fb on HiDPI).
    void frame(int fb_w, int fb_h, int win_w, int win_h, double dt, unsigned target_fbo = 0);
    // Handles one SDL event; returns false when the app should quit.
    bool handle_event(const void* sdl_event);

    MapView& view() { return view_; }
    MapRenderer& renderer() { return *renderer_; }
    const BaseCache& pan_cache() const { return pan_cache_; }
    const geo::Dataset& data() const { return data_; }
    AnalysisPanel& analysis() { return *analysis_; }  // heatmaps, figures, what-if
    VenueEditor& editor();
    UserLayersPanel& user_layers() { return *user_layers_; }
    ProjectPanel& project() { return *project_; }  // the project file (issue 12)
    const std::string& venue_edits_path() const { return venue_edits_path_; }
    // Shows this box of RD (fitted exactly) from the next frame on, when the window's size is known; none: Twente.
    void show_bbox(const std::optional<geo::BBox>& b);
    const std::optional<geo::BBox>& pending_bbox() const { return pending_bbox_; }
    bool animating() const;  // a camera flight, a zoom or a loading layer: keep drawing frames
    // The analysis worker is computing: the window sleeps until its result wakes it (an SDL_USEREVENT pushed by the
    // worker, issue 15) -- drawing frames meanwhile would take the cores the worker needs and add up to a frame.
    bool computing() const;
    UserAnalysis& user_analysis() { return *user_analysis_; }  // the user's layers in the analysis (issue 12)
    // After a change of user_analysis(): the overlay is recomputed; venues: the venue set changed (the selection
    // and the venue editor follow).
    void user_analysis_changed(bool venues);
    void fit_twente();
    void fly_to(const geo::BBox& b);
    Pick pick_at(geo::P2 px) const;  // px in framebuffer pixels
    geo::BBox free_px() const { return free_px_; }  // the map area the panels left free in the last frame (fb px)
    // Window size (logical px) below which the side panels start collapsed to their title bars.
    static bool compact_window(int win_w, int win_h, float dpi) { return win_w < 1500 * dpi || win_h < 850 * dpi; }
    const SymbolSpot* spot_at(geo::P2 px) const;  // the venue symbol the last frame drew there (issue 13)
    Pick selected;
    bool show_panels = true;

private:
    geo::Dataset& data_;
    SDL_Window* win_;
    float dpi_;
    MapView view_;
    std::unique_ptr<MapRenderer> renderer_;
    BaseCache pan_cache_;  // the base layers of the last frame, shifted when the map only pans
    std::unique_ptr<AnalysisPanel> analysis_;
    std::unique_ptr<VenuePanel> venues_;   // the venue editor
    std::unique_ptr<ExportDialog> export_;
    std::unique_ptr<UserLayersPanel> user_layers_;  // the user's own layers (issue 12)
    std::unique_ptr<ProjectPanel> project_;          // the project file (issue 12)
    std::string venue_edits_path_;
    std::optional<geo::BBox> pending_bbox_;
    std::unique_ptr<UserAnalysis> user_analysis_;   // their use as venues, zones, road network (issue 12)
    ImFont* font_ = nullptr;
    ImFont* font_bold_ = nullptr;
    // Camera animation.
    std::optional<Camera> fly_from_, fly_to_;
    double fly_t_ = 0;
    std::chrono::steady_clock::time_point last_zoom_{};  // last wheel step
    // Input.
    bool dragging_ = false;
    geo::P2 mouse_px_{-1, -1};
    geo::P2 press_px_{-1, -1};
    float fb_per_win_ = 1;
    char search_[128] = {};
    bool first_frame_ = true;
    // Issue 13: Twente is fitted into the free area once the panels of a frame are laid out (fit_frames_ more
    // frames: auto-resizing panels take their size on their second frame); while the view stays as fitted, a
    // resize fits it again. Small windows start with the panels collapsed.
    int fit_frames_ = 0;
    geo::BBox last_free_;  // the free area of the last frame (a change refits while fitted_)
    bool fitted_ = false;
    int last_fb_w_ = 0, last_fb_h_ = 0;
    int compact_ = -1;  // the panels' compact state last applied (-1: none yet)
    bool compact_changed_ = false;
    void fit_free_area(int fb_w, int fb_h);
    std::vector<geo::BBox> panel_rects_;  // ImGui windows of the current frame (window pixels)
    float status_h_ = 0;
    geo::BBox free_px_;
    void remember_window();
    void ui_panels(int win_h);
    void ui_search();
    void ui_tooltip();
};

}  // namespace viewer
