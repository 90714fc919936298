#include "viewer/ui/info_panel.h"

#include <imgui.h>

#include <string>

#include "geo/core/crs.h"
#include "viewer/model/i18n.h"
#include "viewer/model/venue_text.h"
#include "viewer/ui/colours.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/ui/venue_panel.h"

namespace viewer {

using geo::P2;

namespace {

void municipality_info(const geo::Municipality& m, const geo::Dataset& data, ImFont* bold) {
    ImGui::PushFont(bold);
    ImGui::TextUnformatted(m.label.c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s · CBS %s", m.code.c_str(), m.twente ? "Twente" : "");
    if (!m.cbs.valid) return;
    auto row = [](const char* k, const std::string& v) {
        ImGui::TextUnformatted(k);
        ImGui::SameLine(170 * ImGui::GetIO().FontGlobalScale * ImGui::GetFontSize() / 16);
        ImGui::TextUnformatted(v.c_str());
    };
    row(tr("Inhabitants"), format_int(m.cbs.inhabitants));
    row(tr("Density"), format_int(m.cbs.density) + " " + tr("inhabitants per km²"));
    row(tr("Age 25-45"), format_num(m.cbs.pct_25_45, 0) + " %");
    row(tr("Households"), format_int(m.cbs.households));
    int nv = 0;
    for (const auto& v : data.venues) nv += v.gemeente == m.code;
    row(tr("Venues"), std::to_string(nv));
    ImGui::TextDisabled("%s", tr("CBS key figures 2024"));
}

void venue_info(const geo::Venue& v, const geo::Dataset& data, ImFont* bold, float dpi) {
    const auto& cs = category_style(v.category);
    ImGui::PushFont(bold);
    ImGui::TextWrapped("%s", v.name.c_str());
    ImGui::PopFont();
    if (const std::string& note = venue_note(v); !note.empty()) ImGui::TextWrapped("%s", note.c_str());
    const float sw = ImGui::GetTextLineHeight();  // a swatch of the category colour (the font has no ■)
    ImGui::ColorButton("##cat", im(cs.fill), ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                       ImVec2(sw, sw));
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(cs.label_en));
    if (const auto* m = data.find_municipality(v.gemeente)) ImGui::Text("%s: %s", tr("Municipality"), m->label.c_str());
    if (v.capacity > 0) ImGui::Text("%s: %s", tr("Capacity"), format_int(v.capacity).c_str());
    ImGui::Text("%s: %.5f, %.5f (%s)", tr("Coordinates"), v.lat, v.lon, tr(v.exact ? "exact" : "approximate"));
    ImGui::Text("RD: %.0f, %.0f", v.pos.x, v.pos.y);
    if (const std::string p = venue_position_text(v); !p.empty()) ImGui::Text("%s: %s", tr("Position"), p.c_str());
    if (!v.address.empty()) ImGui::TextWrapped("%s: %s", tr("Address"), v.address.c_str());
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 340 * dpi);
    ImGui::TextDisabled("%s: %s", tr("Source"), v.source.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void ui_info(const geo::Dataset& data, Pick& selected, MapView& view, VenuePanel& venues, ImFont* bold, float dpi,
             std::vector<geo::BBox>& rects) {
    if (selected.kind == Pick::None) return;
    const float s = dpi;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10 * s, 80 * s), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(260 * s, 0), ImVec2(380 * s, io.DisplaySize.y - 150 * s));
    bool open = true;
    ImGui::Begin(tr("Info"), &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    const ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
    rects.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
    if (selected.kind == Pick::Municipality) {
        const auto& m = data.municipalities[selected.index];
        municipality_info(m, data, bold);
        view.highlight_municipality = m.code;
    } else {
        const auto& v = data.venues[selected.index];
        venue_info(v, data, bold, s);
        view.highlight_venues = {v.id};
        if (ImGui::CollapsingHeader(tr("Edit venue"))) venues.ui_edit(selected.index);  // may remove it: last
    }
    ImGui::End();
    if (!open) selected = {};
}

void ui_pick_tooltip(const geo::Dataset& data, Pick hovered, ImFont* bold) {
    if (hovered.kind == Pick::None) return;
    ImGui::BeginTooltip();
    if (hovered.kind == Pick::Venue) {
        const auto& v = data.venues[hovered.index];
        ImGui::PushFont(bold);
        ImGui::TextUnformatted(v.name.c_str());
        ImGui::PopFont();
        if (const std::string& note = venue_note(v); !note.empty()) ImGui::TextUnformatted(note.c_str());
        ImGui::TextUnformatted(tr(category_style(v.category).label_en));
    } else {
        const auto& m = data.municipalities[hovered.index];
        ImGui::PushFont(bold);
        ImGui::TextUnformatted(m.label.c_str());
        ImGui::PopFont();
        if (m.cbs.valid) ImGui::Text("%s %s", format_int(m.cbs.inhabitants).c_str(), tr("inhabitants"));
    }
    ImGui::EndTooltip();
}

float ui_status_bar(const MapView& view, P2 mouse_px, const AnalysisPanel& analysis, int win_w, int win_h) {
    const float h = ImGui::GetFrameHeight() + 2;
    ImGui::SetNextWindowPos(ImVec2(0, win_h - h), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(win_w * 0.62f, h), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
    ImGui::Begin("##status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (mouse_px.x >= 0) {
        P2 w = view.cam.to_world(mouse_px);
        P2 ll = geo::rd_to_wgs84(w);
        ImGui::Text("RD %.0f, %.0f   WGS84 %.5f° N, %.5f° E   1 px = %s m", w.x, w.y, ll.y, ll.x,
                    format_num(view.cam.mpp, view.cam.mpp < 10 ? 1 : 0).c_str());
        if (std::string hv = analysis.hover_text(w); !hv.empty()) {  // the heatmap value under the cursor
            ImGui::SameLine();
            ImGui::TextUnformatted(("   " + hv).c_str());
        }
    } else {
        ImGui::Text("1 px = %s m", format_num(view.cam.mpp, 0).c_str());
    }
    ImGui::End();
    ImGui::PopStyleVar();
    return h;
}

}  // namespace viewer
