// The figures window's parts that follow the metric: the table of figures_table() for metrics other than travel
// time, and the cumulative-share chart of travel-time results (ImGui draw lists, no plotting library).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "viewer/model/i18n.h"
#include "viewer/model/style.h"
#include "viewer/model/venue_text.h"
#include "viewer/ui/ui_analysis.h"

namespace viewer {

namespace {

// The column names of figures_table() as the window shows them (the CSV keeps the names).
const char* column_label(const std::string& c) {
    if (c == "name") return tr("Municipality");
    if (c == "population") return tr("Inhabitants");
    if (c == "no_value_population") return tr("without value");
    if (c == "inhabitants_within_T") return tr("within T");
    if (c == "share_of_reach_pct") return "%";
    if (c == "country") return tr("Country");
    if (c == "mean") return tr("mean");
    if (c == "median") return tr("median");
    if (c == "p10") return "P10";
    if (c == "p90") return "P90";
    // issue 17: the composite's columns
    if (c == "inhabitants") return tr("Inhabitants");
    if (c == "group_inhabitants") return tr("group");
    if (c == "mix_within_T_pct_all") return tr("mix % all");
    if (c == "mix_within_T_pct_group") return tr("mix % group");
    if (c == "every_within_T_pct_all") return tr("all of it % all");
    if (c == "every_within_T_pct_group") return tr("all of it % group");
    if (c == "score_all") return tr("score all");
    if (c == "score_group") return tr("score group");
    if (c.rfind("within_T_pct_group_", 0) == 0) {
        geo::Category k{};
        if (geo::category_from_key(c.substr(19), k)) return tr(category_style(k).label_en);
    }
    return c.c_str();  // min, max
}

// A CSV cell as the window shows it: numbers in the language's notation (decimal comma and thousands points in
// Dutch), as many decimals as the CSV gives; text as it is.
std::string cell_text(const std::string& v) {
    if (v.empty()) return "—";
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size() || !std::isfinite(x)) return v;
    const size_t dot = v.find('.');
    const size_t e = v.find_first_of("eE");
    if (e != std::string::npos) return v;  // 1e-05: leave the scientific notation alone
    const int decimals = dot == std::string::npos ? 0 : int(v.size() - dot - 1);
    return decimals == 0 ? format_int(x) : format_num(x, decimals);
}

}  // namespace

// The table of figures_table(data, result) (made once per result): a column per table column, leaving out the
// code and what describes the analysis rather than a municipality (the title and the lines below say it).
void AnalysisPanel::ui_figure_table(const MapView& view) {
    if (fig_table_id_ != result_->id) {
        fig_table_ = figures_table(data_, *result_);
        fig_table_id_ = result_->id;
    }
    const geo::Table& t = fig_table_;
    static const std::vector<std::string> meta = {"code", "note", "metric", "unit", "category", "mode",
                                                  "threshold_min", "venue", "population_group", "weights", "access", "zones"};
    std::vector<size_t> shown;
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (std::find(meta.begin(), meta.end(), t.columns[c]) == meta.end()) shown.push_back(c);
    const ImGuiTableFlags fl = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    hovered_figure_ = -1;
    if (!shown.empty() && ImGui::BeginTable("##figures_generic", int(shown.size()), fl)) {
        for (size_t c : shown) ImGui::TableSetupColumn(column_label(t.columns[c]));
        ImGui::TableHeadersRow();
        for (const auto& row : t.rows) {
            ImGui::TableNextRow();
            for (size_t k = 0; k < shown.size(); ++k) {
                ImGui::TableSetColumnIndex(int(k));
                const std::string& v = row[shown[k]];
                if (k == 0 && view.highlight_municipality == row[0])
                    ImGui::TextColored(ImVec4(0.84f, 0.37f, 0, 1), "%s", v.c_str());
                else
                    ImGui::TextUnformatted(cell_text(v).c_str());
            }
        }
        ImGui::EndTable();
    }
    const Metric m = result_->params.metric;
    if (figure_kind(m) == FigureKind::Surface)
        ImGui::TextDisabled("%s (%s)", tr(metric_label_en(m)), tr(metric_unit_en(m)));
    if (const std::string w = weights_note(*result_); !w.empty()) ImGui::TextDisabled("%s", w.c_str());
    for (const std::string& n : {composite_note(*result_), population_note(*result_)})  // issue 17
        if (!n.empty()) ImGui::TextWrapped("%s", n.c_str());
    if (figure_kind(m) == FigureKind::Composite)
        ImGui::TextWrapped("%s", tr("mix %: weighted share of the mix within T; all of it %: every weighted category "
                                    "within T; score: 1 = Twente mean"));
    if (metric_uses_category(m))  // issue 16: the catalogue's own word on the category's completeness
        if (const std::string c = category_completeness_note(data_.venue_meta, result_->params.category); !c.empty())
            ImGui::TextDisabled("%s", c.c_str());
}

// The share of each municipality's inhabitants within t minutes against t, a line per municipality: the hovered
// (table row) or highlighted (map) one in the highlight colour and drawn last, the others light grey; T marked.
void AnalysisPanel::ui_curve_chart(const MapView& view) {
    const auto& curves = result_->curves;
    if (curves.empty() || curves.front().minutes.size() < 2) return;
    const float s = dpi_;
    ImGui::TextUnformatted(tr("Share of inhabitants within t minutes"));
    const ImVec2 size(560 * s, 200 * s);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float left = o.x + 40 * s, right = o.x + size.x - 10 * s, top = o.y + 6 * s, bottom = o.y + size.y - 20 * s;
    const double tmax = curves.front().minutes.back();
    auto X = [&](double t) { return float(left + (right - left) * t / tmax); };
    auto Y = [&](double share) { return float(bottom - (bottom - top) * share); };
    const ImU32 axis = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 grey = IM_COL32(190, 190, 190, 200), hl_col = IM_COL32(214, 94, 0, 255);
    // Axes: 0-100 % every 25 %, minutes every 15 (every 30 beyond 60).
    for (int pct = 0; pct <= 100; pct += 25) {
        const float y = Y(pct / 100.0);
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), pct == 0 ? axis : IM_COL32(128, 128, 128, 50));
        const std::string l = std::to_string(pct) + " %";
        dl->AddText(ImVec2(left - ImGui::CalcTextSize(l.c_str()).x - 4 * s, y - ImGui::GetFontSize() / 2), faint,
                    l.c_str());
    }
    const int step = tmax > 60 ? 15 : 10;
    for (int m = 0; m <= tmax + 1e-6; m += step) {
        const float x = X(m);
        dl->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + 3 * s), axis);
        const std::string l = std::to_string(m);
        dl->AddText(ImVec2(x - ImGui::CalcTextSize(l.c_str()).x / 2, bottom + 4 * s), faint, l.c_str());
    }
    dl->AddText(ImVec2(right - ImGui::CalcTextSize("min").x, bottom - ImGui::GetFontSize() - 2 * s), faint, "min");
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), axis);
    // The threshold T.
    const double T = std::min<double>(result_->params.threshold_min, tmax);
    for (float y = top; y < bottom; y += 6 * s)
        dl->AddLine(ImVec2(X(T), y), ImVec2(X(T), std::min(y + 3 * s, bottom)), axis);
    dl->AddText(ImVec2(X(T) + 3 * s, top), axis, ("T = " + format_num(T, 0)).c_str());
    // The curves, the highlighted one last.
    int hl = hovered_figure_;
    for (size_t i = 0; i < curves.size() && hl < 0; ++i)
        if (data_.municipalities[i].code == view.highlight_municipality) hl = int(i);
    auto line = [&](const geo::CumulativeCurve& c, ImU32 col, float w) {
        std::vector<ImVec2> pts;
        for (size_t k = 0; k < c.minutes.size(); ++k) pts.push_back(ImVec2(X(c.minutes[k]), Y(c.share[k])));
        dl->AddPolyline(pts.data(), int(pts.size()), col, ImDrawFlags_None, w);
    };
    for (size_t i = 0; i < curves.size(); ++i)
        if (int(i) != hl && curves[i].population > 0) line(curves[i], grey, 1.2f * s);
    if (hl >= 0 && size_t(hl) < curves.size()) {
        line(curves[size_t(hl)], hl_col, 2.5f * s);
        dl->AddText(ImVec2(left + 6 * s, top), hl_col, data_.municipalities[size_t(hl)].label.c_str());
    }
}

}  // namespace viewer
