#include "viewer/ui/layers_panel.h"

#include <imgui.h>

#include <string>

#include "viewer/model/i18n.h"
#include "viewer/ui/colours.h"

namespace viewer {

void ui_layers(MapView& view, float dpi) {
    if (!ImGui::CollapsingHeader(tr("Layers"), ImGuiTreeNodeFlags_DefaultOpen)) return;
    LayerToggles& l = view.layers;
    ImGui::Checkbox(tr("Municipalities"), &l.choropleth);
    ImGui::SameLine();
    ImGui::Checkbox(tr("Labels"), &l.labels);
    ImGui::Checkbox(tr("Neighbouring municipalities"), &l.context);
    ImGui::Checkbox(tr("Rail"), &l.rail);
    ImGui::SameLine();
    ImGui::Checkbox(tr("Stations"), &l.stations);
    ImGui::Checkbox(tr("National border"), &l.border);
    ImGui::SameLine();
    ImGui::Checkbox(tr("Places"), &l.places);
    int c = int(view.choropleth);
    const char* names[] = {tr("None"), tr("Population density"), tr("Inhabitants"), tr("Share aged 25-45")};
    ImGui::PushItemWidth(-1);
    ImGui::Combo("##choro", &c, names, 4);
    ImGui::PopItemWidth();
    view.choropleth = Choropleth(c);
    ImGui::Checkbox(tr("Venues"), &l.venues);
    for (int k = 0; k < geo::kCategoryCount; ++k) {
        const auto& cs = category_style(geo::Category(k));
        ImGui::PushStyleColor(ImGuiCol_CheckMark, im(cs.fill));
        std::string lbl = std::string(tr(cs.label_en)) + "##cat" + std::to_string(k);
        bool on = l.categories[k];
        ImGui::Indent(8 * dpi);
        if (ImGui::Checkbox(lbl.c_str(), &on)) l.categories[k] = on;
        ImGui::Unindent(8 * dpi);
        ImGui::PopStyleColor();
    }
}

}  // namespace viewer
