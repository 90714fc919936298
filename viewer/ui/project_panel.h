// The project in the window (issue 12, docs/project.md): *Openen / Open* (a path field, the small folder browser,
// the recent projects), *Opslaan / Save*, *Opslaan als / Save as*; the missing layers of an opened project, one
// message each (kept for the next save); autosave to "FILE.trekkaart.autosave" (an unsaved session: to
// $XDG_CONFIG_HOME/trekkaart/autosave.trekkaart) a few seconds after a change -- never over the user's file -- and,
// on opening, the offer of an autosave that is newer than the project.
#pragma once
#include <string>
#include <vector>

#include "viewer/engine/project.h"

namespace viewer {

class App;

// The recent projects ($XDG_CONFIG_HOME/trekkaart/recent_projects.txt, newest first, at most 8; written atomically).
std::string default_recent_projects_path();
// Where an unsaved session is autosaved.
std::string default_untitled_autosave_path();

class ProjectPanel {
public:
    explicit ProjectPanel(std::string recent_path = default_recent_projects_path(),
                          std::string untitled_autosave = default_untitled_autosave_path());

    // The *Project* button on the main panel's last row (opens and closes the section), and the section itself
    // (drawn below that row while open; open from the start when a project or an autosave offer is there).
    void ui_toggle();
    bool shown() const { return shown_; }
    void ui(App& app, float dpi);
    // A project the command line opened (trekkaart FILE.trekkaart): its layers are already in the view (session.h);
    // sets the view, analysis, sites and language (unless keep_lang: --lang given) and keeps the missing layers.
    // Returns the messages of its analysis uses that could not be applied (also in message()).
    std::vector<std::string> adopt(App& app, const Project& p, std::vector<MissingLayer> missing, bool keep_lang);
    // Opens a project file: replaces the user layers, view, analysis settings and what-if sites. False (and
    // message() says why, naming the file, line and column) when it cannot be read; the session is then unchanged.
    bool open(App& app, const std::string& path);
    // Saves the window's state at path (through geo::AtomicFile) and makes it the project's file. False and
    // message() on failure (the old file untouched).
    bool save(App& app, const std::string& path);
    // The window's state as a project stored at path (relative paths from its folder).
    Project compose(App& app, const std::string& path) const;
    // Once a frame: autosaves (now_s: seconds on a steady clock) a few seconds after the state changed.
    void tick(App& app, double now_s);

    const std::string& path() const { return path_; }
    const std::string& message() const { return message_; }
    const std::vector<MissingLayer>& missing() const { return missing_; }
    // A newer autosave of the opened project, or (at the start) of the last unsaved session; "" when none.
    const std::string& autosave_offer() const { return offer_; }
    bool restore_autosave(App& app);  // opens the offered autosave (the project keeps its own path)

private:
    std::string recent_path_, untitled_autosave_;
    std::vector<std::string> recent_;
    std::string path_;                 // the project's file ("" = not saved yet)
    std::string message_;
    std::vector<MissingLayer> missing_;
    std::string venue_edits_, scenes_; // as the opened project stored them (resolved against path_)
    AnalysisUses uses_;                // the opened project's analysis uses (kept for a layer that is missing)
    std::string saved_json_;           // the text of the file as last opened or saved
    std::string autosaved_json_;       // the text last autosaved (or the state when nothing changed yet)
    double last_check_ = -1, changed_at_ = -1;
    std::string offer_;
    bool shown_ = false;
    char field_[1024] = {};
    std::string browse_dir_;
    int next_id_ = 100000;             // ids of the layers opened here
    std::vector<std::string> apply(App& app, const Project& p, bool keep_lang);
    std::vector<std::string> apply_uses(App& app, const Project& p);
    void check_autosave(const std::string& project_file);
    std::string autosave_target() const;
    std::string base() const { return path_.empty() ? untitled_autosave_ : path_; }  // what stored paths are relative to
    void remember(const std::string& path);
};

}  // namespace viewer
