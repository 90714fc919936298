#include "viewer/ui/project_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/venue_edits.h"
#include "viewer/model/i18n.h"
#include "viewer/ui/app.h"
#include "viewer/ui/file_browser.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/ui/user_layers_panel.h"  // the recent-files list (one entry a line, written atomically)

namespace viewer {

namespace fs = std::filesystem;

namespace {

fs::path config_dir() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return fs::path(x) / "trekkaart";
    const char* home = std::getenv("HOME");
    return fs::path(home ? home : ".") / ".config" / "trekkaart";
}

std::string read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

constexpr double kAutosaveDelay = 5;  // seconds after the last change seen
constexpr double kCheckEvery = 1;     // seconds between looks at the state

}  // namespace

std::string default_recent_projects_path() { return (config_dir() / "recent_projects.txt").string(); }
std::string default_untitled_autosave_path() { return (config_dir() / "autosave.trekkaart").string(); }

ProjectPanel::ProjectPanel(std::string recent_path, std::string untitled_autosave)
    : recent_path_(std::move(recent_path)), untitled_autosave_(std::move(untitled_autosave)),
      recent_(read_recent_layers(recent_path_)) {
    std::error_code ec;
    browse_dir_ = fs::current_path(ec).string();
    if (fs::exists(untitled_autosave_, ec)) offer_ = untitled_autosave_;  // the last unsaved session
}

Project ProjectPanel::compose(App& app, const std::string& path) const {
    Project p;
    p.path = path;
    const MapView& v = app.view();
    for (const UserLayerEntry& e : v.user_layers) p.layers.push_back(project_layer_of(e, path));
    // The layers that could not be read stay in the project, at their places (never lost by a save).
    for (const MissingLayer& m : missing_) {
        ProjectLayer l = m.layer;
        l.source = store_project_path(resolve_project_path(l.source, base()), path);
        p.layers.insert(p.layers.begin() + long(std::min(m.index, p.layers.size())), l);
    }
    p.view = project_view_of(v);
    if (app.pending_bbox()) p.view.bbox = *app.pending_bbox();
    p.view.lang = lang() == Lang::EN ? "en" : "nl";
    AnalysisPanel& an = app.analysis();
    p.analysis.overlay = an.overlay_on;
    p.analysis.params = an.params();
    p.analysis.params.candidates.clear();
    p.analysis.params.removed.clear();
    p.analysis.params.venue = -1;
    p.analysis.ramp = an.ramp;
    p.analysis.opacity = an.opacity;
    p.analysis.contours = an.contours;
    p.analysis.banded = an.banded;
    // The user's layers in the analysis, by name; a use whose layer could not be read is kept with that layer.
    p.analysis.uses = analysis_uses_of(app.user_analysis(), v.user_layers);
    AnalysisUses& u = p.analysis.uses;
    auto missing = [&](const std::string& name) {
        return !name.empty() && std::any_of(missing_.begin(), missing_.end(),
                                            [&](const MissingLayer& m) { return m.layer.name == name; });
    };
    if (u.venues_layer.empty() && missing(uses_.venues_layer)) {
        u.venues_layer = uses_.venues_layer;
        u.venues = uses_.venues;
    }
    if (u.zones_layer.empty() && missing(uses_.zones_layer)) {
        u.zones_layer = uses_.zones_layer;
        u.zone_name_field = uses_.zone_name_field;
    }
    if (u.roads_layer.empty() && missing(uses_.roads_layer)) {
        u.roads_layer = uses_.roads_layer;
        u.road_class_field = uses_.road_class_field;
    }
    p.whatif = an.analysis().candidates();
    // The venue edits: the opened project's reference, else the file in use when it is not the user's own.
    if (!venue_edits_.empty()) p.venue_edits = store_project_path(resolve_project_path(venue_edits_, base()), path);
    else if (app.venue_edits_path() != geo::default_venue_edits_path())
        p.venue_edits = store_project_path(app.venue_edits_path(), path);
    if (!scenes_.empty()) p.scenes = store_project_path(resolve_project_path(scenes_, base()), path);
    return p;
}

std::vector<std::string> ProjectPanel::apply(App& app, const Project& p, bool keep_lang) {
    if (!keep_lang && !p.view.lang.empty()) set_lang(p.view.lang == "en" ? Lang::EN : Lang::NL);
    MapView& v = app.view();
    apply_project_view(p.view, v, v.cam.w, v.cam.h, app.data().twente_bbox);
    app.show_bbox(p.view.bbox);
    AnalysisPanel& an = app.analysis();
    an.params() = p.analysis.params;
    an.overlay_on = p.analysis.overlay;
    an.ramp = p.analysis.ramp;
    an.opacity = p.analysis.opacity;
    an.contours = p.analysis.contours;
    an.banded = p.analysis.banded;
    an.analysis().clear_candidates();
    for (const Candidate& c : p.whatif) an.analysis().add_candidate(c);
    venue_edits_ = p.venue_edits;
    scenes_ = p.scenes;
    path_ = p.path;
    message_.clear();
    for (const auto& n : p.notes) message_ += n + "\n";
    std::vector<std::string> said = apply_uses(app, p);
    if (!venue_edits_.empty()) {
        const std::string want = resolve_project_path(venue_edits_, p.path);
        if (fs::path(want).lexically_normal() != fs::path(app.venue_edits_path()).lexically_normal())
            message_ += p.path + ": " + tr("this project's venue edits apply when trekkaart starts with it") + ": " +
                        want + "\n";
    }
    for (const MissingLayer& m : missing_) message_ += m.message + "\n";
    return said;
}

// The project's venue set, zones and road network, through the panel's code (user_analysis.h); the uses of the
// layers the window had before go first. The layers panel shows each mapping in use.
std::vector<std::string> ProjectPanel::apply_uses(App& app, const Project& p) {
    uses_ = p.analysis.uses;
    UserAnalysis& ua = app.user_analysis();
    const bool had_venues = ua.venues().active();
    ua.use_catalogue();
    ua.no_zones();
    ua.no_roads();
    const std::vector<std::string> said = apply_project_uses(p, app.view().user_layers, missing_, ua);
    for (const auto& m : said) message_ += m + "\n";
    if (ua.venues().active()) app.user_layers().use_state(ua.venues().layer_id()).venues = ua.venues().mapping();
    if (ua.zones()) app.user_layers().use_state(ua.zones_layer()).zone_name_field = ua.zone_name_field();
    if (ua.roads()) app.user_layers().use_state(ua.roads_layer()).road_class_field = ua.road_class_field();
    app.user_analysis_changed(had_venues || ua.venues().active());
    return said;
}

std::vector<std::string> ProjectPanel::adopt(App& app, const Project& p, std::vector<MissingLayer> missing,
                                             bool keep_lang) {
    missing_ = std::move(missing);
    std::vector<std::string> said = apply(app, p, keep_lang);
    saved_json_ = read_all(p.path);
    autosaved_json_.clear();
    changed_at_ = -1;
    check_autosave(p.path);
    remember(p.path);
    std::snprintf(field_, sizeof field_, "%s", p.path.c_str());
    shown_ = true;
    return said;
}

bool ProjectPanel::open(App& app, const std::string& path) {
    Project p;
    try {
        p = load_project(path);
    } catch (const geo::DataError& e) {  // json::Error too: file:line:col
        message_ = e.what();
        return false;
    }
    ProjectLayers l = load_project_layers(p, app.data().region_bbox, next_id_);
    next_id_ += int(p.layers.size());
    app.view().user_layers = std::move(l.loaded);
    missing_ = std::move(l.missing);
    apply(app, p, false);
    saved_json_ = read_all(path);
    autosaved_json_.clear();
    changed_at_ = -1;
    check_autosave(path);
    remember(path);
    std::snprintf(field_, sizeof field_, "%s", path.c_str());
    return true;
}

bool ProjectPanel::save(App& app, const std::string& path_in) {
    std::string path = path_in;
    if (fs::path(path).extension() != kProjectExtension) path += kProjectExtension;
    const Project p = compose(app, path);
    const std::string text = project_to_json(p);
    if (std::string err = geo::write_file_atomic(path, text); !err.empty()) {
        message_ = err;
        return false;
    }
    // The references now relative to the new file.
    venue_edits_ = p.venue_edits;
    scenes_ = p.scenes;
    for (MissingLayer& m : missing_) m.layer.source = store_project_path(resolve_project_path(m.layer.source, base()), path);
    const std::string old_autosave = autosave_target();
    path_ = path;
    saved_json_ = autosaved_json_ = text;
    changed_at_ = -1;
    std::error_code ec;
    fs::remove(old_autosave, ec);        // saved: the autosave is no longer newer
    fs::remove(autosave_target(), ec);
    offer_.clear();
    message_ = std::string(tr("Saved")) + ": " + path;
    remember(path);
    std::snprintf(field_, sizeof field_, "%s", path.c_str());
    return true;
}

std::string ProjectPanel::autosave_target() const {
    return path_.empty() ? untitled_autosave_ : project_autosave_path(path_);
}

void ProjectPanel::tick(App& app, double now_s) {
    if (last_check_ >= 0 && now_s - last_check_ < kCheckEvery) return;
    last_check_ = now_s;
    // The autosave is written beside the project (relative paths as the project's), never over the project.
    const std::string target = autosave_target();
    const std::string now = project_to_json(compose(app, path_.empty() ? target : path_));
    if (autosaved_json_.empty()) {  // the state at the start (or after open/save): nothing to save yet
        autosaved_json_ = now;
        return;
    }
    if (path_.empty() && !offer_.empty()) return;  // the last unsaved session is offered: not overwritten meanwhile
    if (now == autosaved_json_ || now == saved_json_) {
        changed_at_ = -1;
        return;
    }
    if (changed_at_ < 0) changed_at_ = now_s;
    if (now_s - changed_at_ < kAutosaveDelay) return;
    std::error_code ec;
    fs::create_directories(fs::path(target).parent_path(), ec);
    if (std::string err = geo::write_file_atomic(target, now); !err.empty()) {
        message_ = err;  // said once; the session goes on
    }
    autosaved_json_ = now;
    changed_at_ = -1;
}

void ProjectPanel::check_autosave(const std::string& project_file) {
    offer_.clear();
    const std::string a = project_autosave_path(project_file);
    std::error_code ec;
    if (!fs::exists(a, ec)) return;
    const auto ta = fs::last_write_time(a, ec), tp = fs::last_write_time(project_file, ec);
    if (!ec && ta > tp && read_all(a) != read_all(project_file)) offer_ = a;
}

bool ProjectPanel::restore_autosave(App& app) {
    if (offer_.empty()) return false;
    Project p;
    try {
        p = parse_project(read_all(offer_), offer_);  // paths relative to the autosave's folder (the project's)
    } catch (const geo::DataError& e) {
        message_ = e.what();
        offer_.clear();
        return false;
    }
    ProjectLayers l = load_project_layers(p, app.data().region_bbox, next_id_);
    next_id_ += int(p.layers.size());
    app.view().user_layers = std::move(l.loaded);
    missing_ = std::move(l.missing);
    const std::string keep = path_;
    apply(app, p, false);
    path_ = keep;  // the project keeps its own file: Save writes it there
    autosaved_json_.clear();
    offer_.clear();
    return true;
}

void ProjectPanel::remember(const std::string& path) {
    std::error_code ec;
    const std::string abs = fs::absolute(path, ec).lexically_normal().string();
    if (std::string err = remember_recent_layer(recent_path_, abs); !err.empty()) message_ += err + "\n";
    recent_ = read_recent_layers(recent_path_);
}

void ProjectPanel::ui_toggle() {
    if (!offer_.empty()) shown_ = true;
    const std::string label = std::string(tr("Project")) + (shown_ ? " -" : " +") + "###projecttoggle";
    if (ImGui::Button(label.c_str())) shown_ = !shown_;
    if (ImGui::IsItemHovered() && !path_.empty()) ImGui::SetTooltip("%s", path_.c_str());
}

void ProjectPanel::ui(App& app, float dpi) {
    if (!shown_) return;
    ImGui::Separator();
    ImGui::TextUnformatted((std::string(tr("Project")) + ": " +
                            (path_.empty() ? std::string(tr("not saved yet")) : fs::path(path_).filename().string())).c_str());
    ImGui::PushItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##projectpath", tr("Project file (.trekkaart)"), field_, sizeof field_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopItemWidth();
    if (ImGui::Button(tr("Open")) || enter) open(app, field_);
    ImGui::SameLine();
    if (ImGui::Button(tr("Save"))) {
        if (!path_.empty()) save(app, path_);
        else if (field_[0]) save(app, field_);
        else message_ = tr("Type a file name for the project first (Save as).");
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Save as")) && field_[0]) save(app, field_);
    if (!offer_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.3f, 0.0f, 1));
        ImGui::TextWrapped("%s: %s", path_.empty() ? tr("The last unsaved session was autosaved")
                                                   : tr("An autosave newer than the project exists"), offer_.c_str());
        ImGui::PopStyleColor();
        if (ImGui::SmallButton(tr("Restore autosave"))) restore_autosave(app);
        ImGui::SameLine();
        if (ImGui::SmallButton(path_.empty() ? tr("Start afresh") : tr("Keep the project"))) offer_.clear();
    }
    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, missing_.empty() ? ImVec4(0.3f, 0.3f, 0.3f, 1) : ImVec4(0.75f, 0.2f, 0.1f, 1));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 300 * dpi);
        ImGui::TextUnformatted(message_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    if (!recent_.empty() && ImGui::TreeNode(tr("Recent projects"))) {
        for (size_t i = 0; i < recent_.size(); ++i)
            if (ImGui::Selectable((recent_[i] + "##recentproject" + std::to_string(i)).c_str())) {
                const std::string p = recent_[i];  // open() rewrites recent_
                open(app, p);
            }
        ImGui::TreePop();
    }
    ui_folder_browser("##projectbrowser", browse_dir_, field_, sizeof field_, dpi, [](const std::string& name) {
        return fs::path(name).extension() == kProjectExtension;
    });
}

}  // namespace viewer
