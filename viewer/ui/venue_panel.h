// The venue editor's controls in the window: the form under the info panel's "Edit venue", the main panel's
// "Edit venues" tools, and the map click that moves or adds a venue. What a change means (checks, saving) is
// VenueEditor's (viewer/model/venue_editor.h), which this panel owns.
#pragma once
#include <string>

#include "geo/io/dataset.h"
#include "viewer/model/venue_editor.h"

namespace viewer {

class VenuePanel {
public:
    // edits_path: the user's edits file (VenueEditor). dpi: window pixels per ui unit.
    VenuePanel(geo::Dataset& data, std::string edits_path, float dpi);

    VenueEditor& editor() { return editor_; }

    // The form of venue `index` (name, category, capacity, source, exact; save, move, remove).
    void ui_edit(int index);
    // "Edit venues": the category and button to add one, the number of changes, undo, the edits file.
    // venue_selected: the info panel's form shows the last message, so this does not.
    void ui_tools(bool venue_selected);

    // Waiting for a click on the map (to move the selected venue or add one)?
    bool placing() const { return place_ != Place::None; }
    void cancel_placing() { place_ = Place::None; }
    void ui_placing_tooltip() const;  // what the click will do
    // The awaited click at rd: moves venue selected_venue (-1: none) or adds one there. Returns the index of an
    // added venue (the app selects it), else -1.
    int place_at(geo::P2 rd, int selected_venue);

    // Dataset::venues changed (the editor's after_change): load the form from the venue again.
    void reload() { edit_index_ = -2; }

private:
    geo::Dataset& data_;
    VenueEditor editor_;
    float dpi_;
    enum class Place { None, Move, Add } place_ = Place::None;  // the next map click's job
    int edit_index_ = -2;  // venue whose fields are loaded (-2: none)
    char edit_name_[256] = {}, edit_source_[512] = {};
    int edit_cat_ = 0, edit_capacity_ = 0, add_cat_ = 0;
    bool edit_exact_ = false, confirm_remove_ = false;
    std::string edit_message_;  // the last change's message
};

}  // namespace viewer
