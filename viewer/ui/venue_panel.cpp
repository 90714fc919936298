#include "viewer/ui/venue_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "viewer/model/i18n.h"
#include "viewer/model/style.h"

namespace viewer {

VenuePanel::VenuePanel(geo::Dataset& data, std::string edits_path, float dpi)
    : data_(data), editor_(data, std::move(edits_path)), dpi_(dpi) {}

void VenuePanel::ui_edit(int i) {
    const auto& v = data_.venues[size_t(i)];
    if (edit_index_ != i) {
        std::snprintf(edit_name_, sizeof edit_name_, "%s", v.name.c_str());
        std::snprintf(edit_source_, sizeof edit_source_, "%s", v.source.c_str());
        edit_cat_ = int(v.category);
        edit_exact_ = v.exact;
        edit_capacity_ = int(v.capacity);
        confirm_remove_ = false;
        edit_index_ = i;
    }
    const float s = dpi_;
    ImGui::PushItemWidth(230 * s);
    ImGui::InputText(tr("Name"), edit_name_, sizeof edit_name_);
    if (ImGui::BeginCombo(tr("Category"), tr(category_style(geo::Category(edit_cat_)).label_en))) {
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (ImGui::Selectable(tr(category_style(geo::Category(c)).label_en), c == edit_cat_)) edit_cat_ = c;
        ImGui::EndCombo();
    }
    ImGui::InputInt(tr("Capacity"), &edit_capacity_);
    edit_capacity_ = std::max(0, edit_capacity_);
    ImGui::InputText(tr("Source"), edit_source_, sizeof edit_source_);
    ImGui::PopItemWidth();
    ImGui::Checkbox(tr("Exact position (surveyed)"), &edit_exact_);
    if (ImGui::Button(tr("Save changes")))
        edit_message_ = editor_.update(i, edit_name_, geo::Category(edit_cat_), edit_exact_, edit_capacity_, edit_source_);
    ImGui::SameLine();
    if (ImGui::Button(place_ == Place::Move ? tr("Click on the map...") : tr("Move"))) place_ = Place::Move;
    ImGui::SameLine();
    if (!confirm_remove_) {
        if (ImGui::Button(tr("Remove"))) confirm_remove_ = true;
    } else if (ImGui::Button(tr("Really remove?"))) {
        edit_message_ = editor_.remove(i);  // the selection is cleared by the editor's after_change hook (App)
        return;
    }
    if (!edit_message_.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 340 * s);
        ImGui::TextWrapped("%s", edit_message_.c_str());
        ImGui::PopTextWrapPos();
    }
}

void VenuePanel::ui_tools(bool venue_selected) {
    if (!ImGui::CollapsingHeader(tr("Edit venues"))) return;
    const float s = dpi_;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 260 * s);
    ImGui::TextWrapped("%s", tr("Click a venue on the map to change, move or remove it."));
    ImGui::PushItemWidth(150 * s);
    if (ImGui::BeginCombo("##addcat", tr(category_style(geo::Category(add_cat_)).label_en))) {
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (ImGui::Selectable(tr(category_style(geo::Category(c)).label_en), c == add_cat_)) add_cat_ = c;
        ImGui::EndCombo();
    }
    ImGui::PopItemWidth();
    ImGui::SameLine();
    if (ImGui::Button(place_ == Place::Add ? tr("Click on the map...") : tr("Add"))) place_ = Place::Add;
    const int n = editor_.edit_count();
    ImGui::Text("%d %s", n, tr(n == 1 ? "change to the catalogue" : "changes to the catalogue"));
    if (n > 0 && ImGui::SmallButton(tr("Undo all"))) edit_message_ = editor_.revert_all();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", editor_.path().c_str());  // wrapped: a long path must not widen the panel
    ImGui::PopStyleColor();
    if (!edit_message_.empty() && !venue_selected) ImGui::TextWrapped("%s", edit_message_.c_str());
    ImGui::PopTextWrapPos();
}

void VenuePanel::ui_placing_tooltip() const {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(place_ == Place::Add ? tr("Click to add the venue here (Esc: cancel)")
                                                : tr("Click to move the venue here (Esc: cancel)"));
    ImGui::EndTooltip();
}

int VenuePanel::place_at(geo::P2 rd, int selected_venue) {
    int added = -1;
    if (place_ == Place::Move && selected_venue >= 0) {
        edit_message_ = editor_.move(selected_venue, rd);
    } else if (place_ == Place::Add) {
        edit_message_ = editor_.add(rd, geo::Category(add_cat_), "", &added);
        if (added >= int(data_.venues.size())) added = -1;
    }
    place_ = Place::None;
    return added;
}

}  // namespace viewer
