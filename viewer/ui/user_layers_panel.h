// The user's own layers in the window (issue 12): *Laag toevoegen / Add layer* (a path field, a small folder
// browser, recent files), a file dropped on the window, the list of layers (visibility, order, remove) and each
// layer's style (single / categorized / graduated, field, classes, ramp, labels, opacity); a tooltip with the
// attributes of the feature under the cursor. Layers load on a worker thread with a progress bar and Cancel.
#pragma once
#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/model/style.h"

namespace viewer {

// The recent files list ($XDG_CONFIG_HOME/trekkaart/recent_layers.txt, one spec a line, newest first, at most 8),
// written through geo::AtomicFile.
std::string default_recent_layers_path();
std::vector<std::string> read_recent_layers(const std::string& path);
std::string remember_recent_layer(const std::string& path, const std::string& spec);  // "" or the write error

class UserLayersPanel {
public:
    UserLayersPanel(const geo::Dataset& data, std::string recent_path = default_recent_layers_path());
    ~UserLayersPanel();

    // The section in the main panel. Adds finished loads to view.user_layers.
    void ui(MapView& view, float dpi);
    // Starts loading a layer (a dropped file, the path field); one at a time: false while another loads.
    bool start(const std::string& spec);
    // Finishes a load when it is done (called by ui(); for tests). Returns true when a layer was added.
    bool poll(MapView& view);
    bool loading() const { return job_ != nullptr; }
    const std::string& message() const { return message_; }  // the last error or note, "" when none
    // Tooltip for the user feature under px (framebuffer pixels); false when there is none.
    bool ui_tooltip(const MapView& view, geo::P2 px);
    // A click on the map (framebuffer pixels): selects the user feature there (true), or clears the selection.
    bool select_at(const MapView& view, geo::P2 px);
    // The info panel of the selected feature (every attribute), with a close button; rects gets its window.
    void ui_info(const MapView& view, float dpi, std::vector<geo::BBox>& rects);
    // issue 12: each layer's "Use in the analysis" (a point layer as venues, a polygon layer as zones of the
    // figures, a line layer as the road network) acts on `ua`; `changed` is called after a change (the app
    // recomputes the overlay; venues: the venue set changed). Without it the section is not shown.
    void attach(UserAnalysis* ua, std::function<void(bool venues)> changed) {
        ua_ = ua;
        changed_ = std::move(changed);
    }
    // The mapping being edited for a layer (tests, scripted screenshots).
    struct UseState {
        VenueSetMapping venues;
        std::string zone_name_field, road_class_field;
        std::string message, note;  // the last error (naming the layer) and the unmapped values' note
    };
    UseState& use_state(int layer_id) { return use_[layer_id]; }
    void open_layer(int layer_id) { open_style_ = layer_id; }  // its style and use shown

private:
    struct Job;
    const geo::Dataset& data_;
    std::string recent_path_;
    std::vector<std::string> recent_;
    std::unique_ptr<Job> job_;
    std::string message_;
    char path_[1024] = {};
    std::string browse_dir_;
    int next_id_ = 1000;  // ids of layers added in the window (the command line's start at 1)
    int open_style_ = -1;  // id of the layer whose style is shown
    int selected_layer_id_ = -1;  // the feature whose info panel is open
    size_t selected_feature_ = 0;
    void ui_add(float dpi, bool open_first);
    void ui_browser(float dpi);
    void ui_layer_list(MapView& view, float dpi);
    void ui_style(UserLayerEntry& e, float dpi);
    void ui_use(const UserLayerEntry& e, float dpi);
    void ui_use_venues(const UserLayerEntry& e, UseState& u);
    UserAnalysis* ua_ = nullptr;
    std::function<void(bool venues)> changed_;  // venues: the venue set changed
    std::map<int, UseState> use_;
};

}  // namespace viewer
