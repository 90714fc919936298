#include "viewer/ui/ui_analysis.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "geo/io/geotiff.h"
#include "geo/io/table_csv.h"
#include "viewer/model/i18n.h"
#include "viewer/output/data_writers.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/ui/colours.h"

namespace viewer {

using geo::P2;

namespace {

// Short names for the metric list (the legend and tooltips use the full ones).
const char* short_label(Metric m) {
    switch (m) {
        case Metric::Population: return tr("Population");
        case Metric::TravelTime: return tr("Travel time to nearest");
        case Metric::Opportunities: return tr("Venues within T");
        case Metric::GravityExp: return tr("Gravity (exponential)");
        case Metric::GravityLogistic: return tr("Gravity (logistic)");
        case Metric::Fca2: return "2SFCA";
        case Metric::E2sfca: return "E2SFCA";
        case Metric::VenueDensity: return tr("Venue density");
        case Metric::Reach: return tr("Catchment of a venue");
        case Metric::WhatIf: return tr("What if");
        case Metric::Composite: return tr("Weighted mix");
        default: return tr("Best site");
    }
}

std::string category_label(geo::Category c) { return tr(category_style(c).label_en); }
std::string mode_label_loc(geo::Mode m) { return tr(geo::mode_label(m)); }

}  // namespace

AnalysisPanel::AnalysisPanel(const geo::Dataset& data, AnalysisOptions opt)
    : data_(data), an_(std::make_unique<Analysis>(data, std::move(opt))), heat_(std::make_unique<Heatmap>()) {
    params_.metric = Metric::TravelTime;
    params_.category = geo::Category::Pop;
    params_.mode = geo::Mode::Bike;
}

AnalysisPanel::~AnalysisPanel() = default;

AnalysisParams AnalysisPanel::want(int selected_venue) const {
    AnalysisParams w = params_;
    if (w.metric == Metric::WhatIf) w.candidates = an_->candidates();
    if (w.metric == Metric::Reach && selected_venue >= 0) w.venue = selected_venue;
    if (w.metric != Metric::Reach) w.venue = -1;
    if (user_analysis) w.zones = user_analysis->zones();
    w.figures = figures_needed_;
    return w;
}

void AnalysisPanel::poll() {
    const auto now = std::chrono::steady_clock::now();
    if (drag_ >= 0 && now - shown_at_ < std::chrono::duration<double, std::milli>(drag_show_ms)) return;
    AnalysisResult r;
    if (!an_->poll(r)) return;
    shown_at_ = now;
    heat_->set_grid(std::move(r.surface));  // the heatmap keeps it (hover, GeoTIFF export)
    result_ = std::move(r);
}

bool AnalysisPanel::settle(double timeout_s) {
    if (!an_->wait(timeout_s)) return false;
    AnalysisResult r;
    if (!an_->poll(r)) return false;
    heat_->set_grid(std::move(r.surface));
    result_ = std::move(r);
    return true;
}

void AnalysisPanel::venues_changed(int index, bool removed) {
    an_->venues_changed();
    last_want_.reset();  // recompute what is shown
    if (index < 0 || (removed && params_.venue == index)) params_.venue = -1;
    else if (removed && params_.venue > index) --params_.venue;
}

void AnalysisPanel::run_best_site(int k) {
    AnalysisParams p = want(-1);
    p.metric = Metric::BestSite;
    p.best_k = std::clamp(k, 1, 5);
    p.candidates.clear();
    an_->request(p);  // a one-shot: last_want_ is untouched, so a later change of the controls supersedes it
}

void AnalysisPanel::frame(bool show_panels, int win_w, int win_h, float fb_per_win, const MapView& view,
                          int selected_venue, std::vector<geo::BBox>& panel_rects) {
    ui_scale_ = view.ui_scale;
    dpi_ = view.ui_scale / std::max(fb_per_win, 1e-3f);
    if (params_.metric == Metric::Reach && selected_venue >= 0) params_.venue = selected_venue;
    // Switching the overlay on hides the CBS choropleth beneath it (its tint would change the ramp's colours);
    // the layer menu or the figures choropleth bring a choropleth back.
    if (overlay_on && !was_on_) pending_choropleth_ = Choropleth::None;
    was_on_ = overlay_on;
    poll();  // a result that arrived since the last frame
    if (export_pending_ && result_ && result_->params.figures) write_data();
    left_panel_right_ = -1;
    for (const auto& r : panel_rects)  // the app's main panel at the top-left
        if (r.minx < 40 && r.miny < 40) left_panel_right_ = float(r.maxx * fb_per_win);
    if (show_panels) ui_controls(win_w, win_h, fb_per_win, panel_rects, selected_venue);
    const Choropleth shown = pending_choropleth_ != Choropleth::Count ? pending_choropleth_ : view.choropleth;
    figures_needed_ = show_figures || export_pending_ ||
                      ((view.layers.choropleth || pending_choropleth_ != Choropleth::Count) &&
                       (shown == Choropleth::Coverage || shown == Choropleth::MeanTime || shown == Choropleth::VenuesPer10k));
    // Asked after the controls, so a slider moved in this frame is computed for this frame (issue 15). A step the
    // worker did quickly last time (a recombination: decay, threshold; a what-if move) is waited for, at most
    // quick_wait_ms, and this frame's picture already shows it; a slow one (a new travel-time field) is not, and
    // arrives in the frame its SDL event wakes. While a candidate is dragged, frames do not wait (the marker
    // follows the mouse; the surface follows, a new one at most every drag_show_ms).
    if (overlay_on) {
        AnalysisParams w = want(selected_venue);
        if (!last_want_ || !same_request(w, *last_want_)) {
            an_->request(w);
            last_want_ = w;
            if (drag_ < 0 && quick_wait_ms > 0 && result_ && result_->compute_ms <= quick_wait_ms &&
                an_->wait(quick_wait_ms / 1000.0))
                poll();
        }
    } else {
        last_want_.reset();
    }
    // The window opens with the first result computed with its figures (it is laid out for them: opened empty, it
    // would grow past the bottom of the screen).
    if (show_panels && show_figures && result_ && result_->params.figures) ui_figures(win_w, win_h, panel_rects, view);
    if (overlay_on) draw_markers(view.cam, fb_per_win);
}

// ---- style and legend ---------------------------------------------------------------------------------------

HeatmapStyle AnalysisPanel::style() const {
    if (!result_) return {};
    HeatmapStyle st = heatmap_style(*result_, ui_scale_);  // as the presenter and exports draw it, plus the controls
    if (!result_->diverging) st.ramp = ramp;
    st.opacity = opacity;
    if (!contours) st.contours.clear();
    st.banded = banded && !st.contours.empty();
    return st;
}

std::string AnalysisPanel::title_of(const AnalysisResult& r) const { return heatmap_title(r.params, data_); }

RampLegend AnalysisPanel::legend() const {
    if (!result_) return {};
    const AnalysisResult& r = *result_;
    return heatmap_legend(r, style(), data_);
}

void AnalysisPanel::prepare_render(MapView& view, RenderOptions& opt, P2 origin) {
    if (pending_choropleth_ != Choropleth::Count) {
        view.choropleth = pending_choropleth_;
        view.layers.choropleth = true;
        pending_choropleth_ = Choropleth::Count;
    }
    // Analysis choropleth values from the latest figures.
    view.choropleth_values.assign(data_.municipalities.size(), NAN);
    if (result_)
        for (const FigureRow& f : result_->figures) {
            double v = NAN;
            if (view.choropleth == Choropleth::Coverage) v = f.coverage_pct;
            else if (view.choropleth == Choropleth::MeanTime) v = f.mean_minutes;
            else if (view.choropleth == Choropleth::VenuesPer10k) v = f.per_10k;
            view.choropleth_values[size_t(f.municipality)] = v;
        }
    if (!overlay_on || !result_ || heat_->empty()) return;
    const HeatmapStyle st = style();
    Heatmap* h = heat_.get();
    opt.overlay = [h, st, origin](const Camera& c) { h->draw(c, origin, st); };
    opt.overlay_key = h->cache_key(st);
    opt.ramps.push_back(legend());
    if (left_panel_right_ >= 0) {
        opt.ramp_x = left_panel_right_ + 10 * view.ui_scale;
        opt.ramp_y = 10 * view.ui_scale;
    }
}

std::string AnalysisPanel::hover_text(P2 rd) const {
    if (!overlay_on || !result_) return "";
    const float v = heat_->value_at(rd);
    if (std::isnan(v)) return "";
    const AnalysisResult& r = *result_;
    if (std::isinf(v)) return "> " + format_num(r.beyond_min, 0) + " " + tr("min");  // beyond the cut-off
    const Metric m = r.params.metric;
    if (r.diverging)
        return format_num(std::fabs(v), 1) + " " + tr("min") + " " + tr(v >= 0 ? "faster" : "slower");
    std::string name = m == Metric::TravelTime ? tr("Travel time") : m == Metric::Reach ? tr("Catchment") : tr(metric_label_en(m));
    return name + ": " + format_num(v, m == Metric::TravelTime || m == Metric::Reach ? 1 : std::max(r.decimals, 1)) + " " +
           tr(metric_unit_en(m));
}

// ---- what-if mouse handling and markers --------------------------------------------------------------------

bool AnalysisPanel::handle_event(const void* ev_, bool ui_wants_mouse, float fb, const Camera& cam) {
    if (!overlay_on || !whatif_tool || params_.metric != Metric::WhatIf) {
        drag_ = -1;
        return false;
    }
    const SDL_Event& ev = *static_cast<const SDL_Event*>(ev_);
    auto hit = [&](P2 px) {  // candidate under a framebuffer pixel, -1 if none
        const auto& cs = an_->candidates();
        int best = -1;
        double bd = 12 * ui_scale_;
        for (size_t i = 0; i < cs.size(); ++i) {
            const double d = geo::dist(cam.to_screen(cs[i].pos), px);
            if (d <= bd) { bd = d; best = int(i); }
        }
        return best;
    };
    switch (ev.type) {
        case SDL_MOUSEBUTTONDOWN: {
            if (ui_wants_mouse) return false;
            const P2 px{ev.button.x * fb, ev.button.y * fb};
            const int i = hit(px);
            if (ev.button.button == SDL_BUTTON_RIGHT && i >= 0) {
                an_->remove_candidate(size_t(i));
                return true;
            }
            if (ev.button.button != SDL_BUTTON_LEFT) return false;
            if (i >= 0) {
                drag_ = i;
            } else {
                Candidate c;
                c.pos = cam.to_world(px);
                c.category = params_.category;
                c.name = std::string(tr("Candidate")) + " " + std::to_string(an_->candidates().size() + 1);
                an_->add_candidate(c);
                drag_ = int(an_->candidates().size()) - 1;
            }
            return true;
        }
        case SDL_MOUSEMOTION:
            if (drag_ < 0) return false;
            an_->move_candidate(size_t(drag_), cam.to_world({ev.motion.x * fb, ev.motion.y * fb}), false);
            return true;
        case SDL_MOUSEBUTTONUP:
            if (drag_ < 0 || ev.button.button != SDL_BUTTON_LEFT) return false;
            drag_ = -1;
            an_->save_candidates();
            return true;
        default: return false;
    }
}

void AnalysisPanel::draw_markers(const Camera& cam, float fb) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float s = ui_scale_ / std::max(fb, 1e-3f);  // window pixels per ui unit
    auto scr = [&](P2 rd) {
        P2 p = cam.to_screen(rd);
        return ImVec2(float(p.x / fb), float(p.y / fb));
    };
    const bool show_cands = params_.metric == Metric::WhatIf || whatif_tool;
    if (show_cands)
        for (const Candidate& c : an_->candidates()) {
            const ImVec2 p = scr(c.pos);
            const RGBA k = category_style(c.category).fill;
            const bool counts = c.category == params_.category;
            dl->AddCircleFilled(p, 9 * s, IM_COL32(255, 255, 255, counts ? 235 : 140), 24);
            dl->AddCircle(p, 9 * s, col32(k, counts ? 1.f : 0.5f), 24, 3 * s);
            dl->AddLine(ImVec2(p.x - 4.5f * s, p.y), ImVec2(p.x + 4.5f * s, p.y), IM_COL32(40, 38, 36, counts ? 255 : 120), 2 * s);
            dl->AddLine(ImVec2(p.x, p.y - 4.5f * s), ImVec2(p.x, p.y + 4.5f * s), IM_COL32(40, 38, 36, counts ? 255 : 120), 2 * s);
        }
    if (result_ && result_->params.metric == Metric::BestSite)
        for (size_t i = 0; i < result_->sites.size(); ++i) {
            const ImVec2 p = scr(result_->sites[i].pos);
            const RGBA h = base_colours().highlight;
            // A diamond with the pick number.
            const float r = 11 * s;
            dl->AddQuadFilled(ImVec2(p.x, p.y - r), ImVec2(p.x + r, p.y), ImVec2(p.x, p.y + r), ImVec2(p.x - r, p.y),
                              col32(h));
            dl->AddQuad(ImVec2(p.x, p.y - r), ImVec2(p.x + r, p.y), ImVec2(p.x, p.y + r), ImVec2(p.x - r, p.y),
                        IM_COL32(255, 255, 255, 255), 2 * s);
            const std::string n = std::to_string(i + 1);
            const ImVec2 ts = ImGui::CalcTextSize(n.c_str());
            dl->AddText(ImVec2(p.x - ts.x / 2, p.y - ts.y / 2), IM_COL32(255, 255, 255, 255), n.c_str());
        }
}

// ---- panels -------------------------------------------------------------------------------------------------

void AnalysisPanel::ui_controls(int win_w, int win_h, float fb, std::vector<geo::BBox>& rects, int selected_venue) {
    const float s = dpi_;
    // Top-right; left of the info panel when that is open (it sits at the right edge too).
    float right = float(win_w) - 10 * s;
    for (const auto& r : rects)
        if (r.maxx > win_w - 30 * s && r.minx > win_w * 0.5) right = std::min(right, float(r.minx) - 10 * s);
    ImGui::SetNextWindowPos(ImVec2(right, 10 * s), ImGuiCond_Always, ImVec2(1, 0));
    // Wide enough for the longest item of every combo in the current language (need_w_, from the last frame).
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::max(320 * s, need_w_), 0),
                                        ImVec2(std::max(360 * s, need_w_), win_h - 60 * s));
    if (collapse_next) ImGui::SetNextWindowCollapsed(*collapse_next, ImGuiCond_Always);
    collapse_next.reset();
    ImGui::Begin(tr("Analysis"), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    {
        ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
        rects.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
    }
    ImGui::Checkbox(tr("Show on the map"), &overlay_on);
    ui_parameters();
    ui_status(selected_venue);
    if (ImGui::CollapsingHeader(tr("What if"))) ui_whatif();
    if (ImGui::CollapsingHeader(tr("Figures per municipality"))) {
        ImGui::Checkbox(tr("Show figures"), &show_figures);
        // Choropleth of a figure.
        ImGui::TextUnformatted(tr("Map"));
        const Choropleth kinds[] = {Choropleth::None, Choropleth::Coverage, Choropleth::MeanTime, Choropleth::VenuesPer10k};
        for (Choropleth k : kinds) {
            ImGui::SameLine();
            const char* lbl = k == Choropleth::None ? tr("None")
                              : k == Choropleth::Coverage ? tr("Coverage")
                              : k == Choropleth::MeanTime ? tr("Mean time")
                                                          : tr("per 10,000");
            if (ImGui::SmallButton((std::string(lbl) + "##ch").c_str())) pending_choropleth_ = k;
        }
    }
    ImGui::Separator();
    ui_exports();
    for (const auto& w : an_->warnings()) ImGui::TextColored(ImVec4(0.7f, 0.25f, 0.05f, 1), "%s", w.c_str());
    ImGui::End();
}

// The width a combo needs to show its longest item whole (frame padding and the arrow button included), px.
float combo_fit_width(const std::vector<const char*>& items) {
    float w = 0;
    for (const char* it : items) w = std::max(w, ImGui::CalcTextSize(it).x);
    return w + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::GetFrameHeight();
}

// What to compute (metric, category, mode, its parameters) and how to show it.
void AnalysisPanel::ui_parameters() {
    // Metric (best site is a button, not a surface to pick), category and mode: their items first, so the combos
    // are sized from the longest item (no control is cut off in either language) and the labels from the longest
    // label.
    std::vector<Metric> listed;
    for (int i = 0; i < kMetricCount; ++i)
        if (Metric(i) != Metric::BestSite) listed.push_back(Metric(i));
    std::vector<std::string> names, cn, mn;
    for (Metric lm : listed) names.push_back(short_label(lm));
    for (int c = 0; c < geo::kCategoryCount; ++c) cn.push_back(category_label(geo::Category(c)));
    for (int k = 0; k < geo::kModeCount; ++k) mn.push_back(mode_label_loc(geo::Mode(k)));
    std::vector<const char*> items, ci, mi2;
    for (auto& n : names) items.push_back(n.c_str());
    for (auto& n : cn) ci.push_back(n.c_str());
    for (auto& n : mn) mi2.push_back(n.c_str());
    float label_w = 0;
    for (const char* l : {"Metric", "Category", "Mode", "Threshold T", "Decay beta", "Half-value time", "Steepness k",
                          "Kernel radius", "Colours", "Opacity"})
        label_w = std::max(label_w, ImGui::CalcTextSize(tr(l)).x);
    if (params_.metric == Metric::Composite)  // the weight sliders are labelled with the category names
        for (const std::string& c : cn) label_w = std::max(label_w, ImGui::CalcTextSize(c.c_str()).x);
    label_w += ImGui::GetStyle().ItemInnerSpacing.x + 4;
    const float fit = std::max({combo_fit_width(items), combo_fit_width(ci), combo_fit_width(mi2)});
    need_w_ = fit + label_w + 2 * ImGui::GetStyle().WindowPadding.x;
    ImGui::PushItemWidth(std::max(ImGui::GetContentRegionAvail().x - label_w, fit));
    int mi = int(std::find(listed.begin(), listed.end(), params_.metric) - listed.begin());
    if (mi >= int(listed.size())) mi = 0;
    if (ImGui::Combo(tr("Metric"), &mi, items.data(), int(items.size()))) {
        params_.metric = listed[size_t(mi)];
        if (params_.metric != Metric::WhatIf) whatif_tool = false;
    }
    const Metric m = params_.metric;
    if (metric_uses_category(m)) {
        int c = int(params_.category);
        if (ImGui::Combo(tr("Category"), &c, ci.data(), int(ci.size()))) params_.category = geo::Category(c);
    }
    if (metric_uses_mode(m)) {
        int k = int(params_.mode);
        if (ImGui::Combo(tr("Mode"), &k, mi2.data(), int(mi2.size()))) params_.mode = geo::Mode(k);
    }
    if (metric_uses_threshold(m) || m == Metric::TravelTime) {
        float t = params_.threshold_min;
        if (ImGui::SliderFloat(tr("Threshold T"), &t, 5, 60, "%.0f min")) params_.threshold_min = std::round(t);
    }
    if (m == Metric::GravityExp) ImGui::SliderFloat(tr("Decay beta"), &params_.beta, 0.02f, 0.5f, "%.2f / min");
    if (m == Metric::GravityLogistic) {
        ImGui::SliderFloat(tr("Half-value time"), &params_.t50, 5, 40, "%.0f min");
        ImGui::SliderFloat(tr("Steepness k"), &params_.k, 0.05f, 1.0f, "%.2f");
    }
    ui_group_and_weights();
    if (m == Metric::VenueDensity) {
        float km = float(params_.kernel_radius_m / 1000);
        if (ImGui::SliderFloat(tr("Kernel radius"), &km, 2, 25, "%.0f km")) params_.kernel_radius_m = std::round(km) * 1000;
    }
    // Display.
    int ri = int(ramp);
    if (ImGui::Combo(tr("Colours"), &ri, "viridis\0cividis\0magma\0")) ramp = Ramp(ri);
    ImGui::SliderFloat(tr("Opacity"), &opacity, 0.2f, 1.0f, "%.2f");
    ImGui::PopItemWidth();
    if (result_ && !result_->contours.empty()) {
        ImGui::Checkbox(tr("Isochrones"), &contours);
        ImGui::SameLine();
        ImGui::Checkbox(tr("Bands"), &banded);
    }
}

// issue 17: whose inhabitants count, and the composite's weights (with the strategy's rank preset).
void AnalysisPanel::ui_group_and_weights() {
    const Metric m = params_.metric;
    if (m != Metric::TravelTime && m != Metric::VenueDensity) {  // the measures that weigh inhabitants
        int g = params_.population == geo::AgeBand::All ? 0 : 1;
        const std::string all = tr("everyone"), band = tr("aged 25-45");
        const char* gi[] = {all.c_str(), band.c_str()};
        if (ImGui::Combo(tr("Inhabitants"), &g, gi, 2)) params_.population = g ? geo::AgeBand::A25_45 : geo::AgeBand::All;
        if (g) ImGui::TextWrapped("%s", tr("closest CBS band to the target group aged 20-40; the German side is "
                                           "assumed at the Twente share"));
    }
    if (m != Metric::Composite) return;
    if (params_.composite_gravity) ImGui::SliderFloat(tr("Decay beta"), &params_.beta, 0.02f, 0.5f, "%.2f / min");
    int acc = params_.composite_gravity ? 1 : 0;
    ImGui::RadioButton(tr("venues within T"), &acc, 0);
    ImGui::SameLine();
    ImGui::RadioButton(tr("gravity"), &acc, 1);
    params_.composite_gravity = acc == 1;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("Weights (relative; each category divided by its Twente mean)"));
    ImGui::PopStyleColor();
    CategoryWeights w = params_.weights;
    for (int c = 0; c < geo::kCategoryCount; ++c) {
        const std::string lbl = category_label(geo::Category(c)) + "##w" + std::to_string(c);
        ImGui::SliderFloat(lbl.c_str(), &w[size_t(c)], 0, 5, "%.1f");
        w[size_t(c)] = std::max(0.0f, std::round(w[size_t(c)] * 10) / 10);
    }
    if (any_weight(w)) params_.weights = w;  // never all 0
    if (ImGui::SmallButton(tr("Strategy order: ranks 2 : 1"))) params_.weights = strategy_rank_weights();
    ImGui::TextWrapped("%s", tr("The strategy ranks third places first and pop second, without numbers: the preset "
                                "gives rank weights (2 and 1). Edit them."));
}

// Computing, ready or why not; the catchment's population.
void AnalysisPanel::ui_status(int selected_venue) {
    const Metric m = params_.metric;
    if (overlay_on && an_->busy()) {
        ImGui::ProgressBar(an_->progress(), ImVec2(-1, 0), tr("Computing…"));
    } else if (!an_->error().empty() && overlay_on) {
        const std::string e = an_->error();
        ImGui::TextColored(ImVec4(0.7f, 0.25f, 0.05f, 1), "%s", e == "select a venue on the map first" ? tr("Select a venue on the map") : e.c_str());
    } else if (result_ && overlay_on) {
        ImGui::TextDisabled("%s (%s ms%s)", tr("Ready"), format_num(result_->compute_ms, 0).c_str(),
                            result_->recombined_only ? (std::string(", ") + tr("recombined")).c_str() : "");
    }
    if (m == Metric::Reach) {
        if (params_.venue < 0 && selected_venue < 0) ImGui::TextWrapped("%s", tr("Select a venue on the map"));
        if (result_ && result_->params.metric == Metric::Reach) {
            ImGui::Text("%s %s %s:", tr("within"), format_num(result_->params.threshold_min, 0).c_str(), tr("min"));
            ImGui::Text("  %s %s", format_int(result_->reach.nl).c_str(), tr("inhabitants NL"));
            ImGui::Text("  %s %s", format_int(result_->reach.de).c_str(), tr("inhabitants DE"));
        }
    }
}

// The analysis as data, the same files as `trekkaart analyse` and `export --data` write (write_analysis_files):
// PREFIX.surface.tif, .isochrones.gpkg, .figures.csv, .figures.gpkg, .summary.json.
void AnalysisPanel::ui_exports() {
    const float s = dpi_;
    if (!data_prefix_[0] || data_prefix_lang_ != int(lang())) {  // the default name follows the language
        std::snprintf(data_prefix_, sizeof data_prefix_, "%s", default_file_name("trekkaart-analysis", "").c_str());
        data_prefix_lang_ = int(lang());
    }
    ImGui::PushItemWidth(-150 * s);
    if (ImGui::InputText("##dataprefix", data_prefix_, sizeof data_prefix_)) data_prefix_lang_ = -2;  // the user's
    ImGui::SameLine();
    if (ImGui::Button(tr("Export data")) && result_) {
        if (result_->params.figures) {
            write_data();
        } else {  // the figures are computed for it first (figures_needed); frame() writes when they come
            export_pending_ = true;
            message_ = tr("Computing…");
        }
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr("surface (GeoTIFF), isochrones and figures (GeoPackage), figures (CSV), summary (JSON)"));
    ImGui::PopItemWidth();
    if (!message_.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 330 * s);
        ImGui::TextDisabled("%s", message_.c_str());
        ImGui::PopTextWrapPos();
    }
}

void AnalysisPanel::write_data() {
    export_pending_ = false;
    std::vector<std::string> wrote;
    try {
        write_analysis_files(data_, *result_, data_prefix_,
                             [&](const std::string& f) { wrote.push_back(std::filesystem::path(f).filename()); });
        message_ = std::string(tr("Saved")) + ": " + std::filesystem::absolute(data_prefix_).parent_path().string() + "/";
        for (size_t i = 0; i < wrote.size(); ++i) message_ += (i ? ", " : " ") + wrote[i];
    } catch (const std::exception& e) {
        message_ = e.what();
    }
}

void AnalysisPanel::ui_whatif() {
    const float s = dpi_;
    if (ImGui::Checkbox(tr("Place and move candidates"), &whatif_tool) && whatif_tool) {
        params_.metric = Metric::WhatIf;
        overlay_on = true;
    }
    if (whatif_tool) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 320 * s);
        ImGui::TextDisabled("%s", tr("Click on the map to place, drag to move, right-click to delete."));
        ImGui::PopTextWrapPos();
    }
    // The candidates (of every category; those of the chosen category count).
    const auto& cs = an_->candidates();
    int del = -1, shown = 0;
    for (size_t i = 0; i < cs.size(); ++i) {
        if (cs[i].category != params_.category) continue;
        ++shown;
        ImGui::PushID(int(i));
        if (ImGui::SmallButton("x")) del = int(i);
        ImGui::SameLine();
        ImGui::Text("%s  (%.0f, %.0f)", cs[i].name.c_str(), cs[i].pos.x, cs[i].pos.y);
        ImGui::PopID();
    }
    if (del >= 0) an_->remove_candidate(size_t(del));
    if (shown == 0) ImGui::TextDisabled("%s", tr("No candidates of this category yet."));
    else if (ImGui::SmallButton(tr("Delete all"))) an_->clear_candidates();

    // Gains of the shown what-if / best-site result.
    if (result_ && (result_->params.metric == Metric::WhatIf || result_->params.metric == Metric::BestSite)) {
        const AnalysisResult& r = *result_;
        const std::string T_s = format_num(r.params.threshold_min, 0) + " " + tr("min");
        ImGui::Text("%s %s: +%s NL, +%s DE", tr("newly within"), T_s.c_str(), format_int(r.gained_nl).c_str(),
                    format_int(r.gained_de).c_str());
        if (r.improved_population > 0)
            ImGui::Text("%s %s %s (%s %s)", tr("mean time saved"), format_num(r.mean_minutes_saved, 1).c_str(), tr("min"),
                        tr("for"), (format_int(r.improved_population) + " " + tr("inhabitants")).c_str());
        std::vector<const ZoneGain*> rows;
        for (const auto& g : r.gains)
            if (std::fabs(g.gained()) >= 0.5) rows.push_back(&g);
        std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->gained() > b->gained(); });
        if (!rows.empty() && ImGui::BeginTable("##gains", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(tr("Municipality"));
            ImGui::TableSetupColumn(tr("People within T, before → after"));
            ImGui::TableSetupColumn(tr("gained"));
            ImGui::TableHeadersRow();
            for (const ZoneGain* g : rows) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(data_.municipalities[size_t(g->municipality)].label.c_str());
                ImGui::TableSetColumnIndex(1);
                ImGui::Text("%s → %s", format_int(g->baseline).c_str(), format_int(g->now).c_str());
                ImGui::TableSetColumnIndex(2);
                ImGui::Text("%+.0f", g->gained());
            }
            ImGui::EndTable();
        }
    }
    // Best site.
    ImGui::Separator();
    ImGui::PushItemWidth(80 * s);
    ImGui::SliderInt(tr("Sites"), &best_k_, 1, 3);
    ImGui::PopItemWidth();
    ImGui::SameLine();
    if (ImGui::Button(tr("Find best site"))) {
        overlay_on = true;
        if (!last_want_) last_want_ = want(-1);  // switching the overlay on must not supersede the one-shot
        run_best_site(best_k_);
    }
    if (result_ && result_->params.metric == Metric::BestSite) {
        const AnalysisResult& r = *result_;
        for (size_t i = 0; i < r.sites.size(); ++i) {
            const auto& site = r.sites[i];
            const geo::Municipality* mu = data_.municipality_at(site.pos);
            ImGui::TextWrapped("%zu. %s %s (RD %.0f, %.0f): +%s %s %s %s", i + 1, tr("Suggested site"),
                               mu ? mu->label.c_str() : "", site.pos.x, site.pos.y, format_int(site.gain).c_str(),
                               tr("inhabitants"), tr("within"),
                               (format_num(r.params.threshold_min, 0) + " " + tr("min")).c_str());
        }
        if (!r.sites.empty() && ImGui::SmallButton(tr("Add as candidates"))) {
            for (size_t i = 0; i < r.sites.size(); ++i)
                an_->add_candidate({r.sites[i].pos, r.params.category,
                                    std::string(tr("Best site")) + " " + std::to_string(i + 1)});
            params_.metric = Metric::WhatIf;
        }
    }
}

// issue 12: the zones' rows under the municipalities' (in the zone layer's order, with their layer's name above).
void AnalysisPanel::ui_zone_rows() {
    const auto& Z = result_->zone_figures;
    if (!result_->params.zones || Z.size() != result_->params.zones->geoms.size()) return;
    const geo::ZoneSet& zs = *result_->params.zones;
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s: %s", tr("Zones"), zs.name.c_str());
    for (const FigureRow& f : Z) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (f.outside == 0) {
            ImGui::TextUnformatted(zs.names[size_t(f.zone)].c_str());
        } else {  // partly or wholly outside the population grid: marked, and said on hover
            ImGui::Text("%s *", zs.names[size_t(f.zone)].c_str());
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", tr(f.outside == 2 ? "zone outside the map's region: no population data"
                                                          : "zone partly outside the map's region: figures for the part inside"));
        }
        if (f.outside == 2) {
            for (int c : {1, 3, 4, 5}) {
                ImGui::TableSetColumnIndex(c);
                ImGui::TextDisabled("—");
            }
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%d", f.venues);
            continue;
        }
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(format_int(f.inhabitants).c_str());
        if (!(f.inhabitants > 0) && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", tr("no inhabitants in the zone on the population grid (or outside the map's region)"));
        ImGui::TableSetColumnIndex(2);
        ImGui::Text("%d", f.venues);
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(format_num(f.per_10k, 2).c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(format_num(f.coverage_pct, 1).c_str());
        ImGui::TableSetColumnIndex(5);
        if (std::isnan(f.mean_minutes)) ImGui::TextUnformatted("—");
        else ImGui::Text("%s%s", f.mean_is_lower_bound ? "≥ " : "", format_num(f.mean_minutes, 1).c_str());
    }
}

void AnalysisPanel::ui_figures(int win_w, int win_h, std::vector<geo::BBox>& rects, const MapView& view) {
    const float s = dpi_;
    ImGui::SetNextWindowPos(ImVec2(win_w * 0.5f, win_h - 40 * s), ImGuiCond_FirstUseEver, ImVec2(0.5f, 1));
    ImGui::SetNextWindowSize(ImVec2(620 * s, 0), ImGuiCond_FirstUseEver);
    // At most 40 % of the window's height and 60 % of its width (the rows scroll; hundreds of zone rows): the map
    // keeps room above it, and the legend room beside or above it.
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(std::max(320 * s, win_w * 0.6f), std::max(160 * s, win_h * 0.4f)));
    std::string title = std::string(tr("Figures per municipality"));
    if (result_)
        title += " — " + (result_->params.metric == Metric::Composite ? std::string(tr("Weighted mix"))  // issue 17
                                                                        : category_label(result_->params.category)) +
                 ", " + lower_first(mode_label_loc(result_->params.mode)) + ", T = " +
                 format_num(result_->params.threshold_min, 0) + " " + tr("min") +
                 (result_->params.population != geo::AgeBand::All ? ", " + std::string(tr(geo::age_band_label(result_->params.population))) : "");
    title += "###figures";
    ImGui::Begin(title.c_str(), &show_figures, ImGuiWindowFlags_AlwaysAutoResize);
    {
        ImVec2 p = ImGui::GetWindowPos(), sz = ImGui::GetWindowSize();
        rects.push_back({p.x, p.y, p.x + sz.x, p.y + sz.y});
    }
    if (!result_ || result_->figures.empty()) {
        ImGui::TextDisabled("%s", tr("Computing…"));
        ImGui::End();
        return;
    }
    if (figure_kind(result_->params.metric) != FigureKind::TravelTime) {  // the metric's own table
        ui_figure_table(view);
        if (result_->estimate && metric_uses_mode(result_->params.metric))
            ImGui::TextDisabled("%s", tr("estimate: no road network loaded"));
        ImGui::End();
        return;
    }
    const auto& F = result_->figures;
    hovered_figure_ = -1;
    if (order_.size() != F.size()) {
        order_.resize(F.size());
        for (size_t i = 0; i < F.size(); ++i) order_[i] = int(i);
    }
    const ImGuiTableFlags fl = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                               ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("##figures", 6, fl)) {
        ImGui::TableSetupColumn(tr("Municipality"), ImGuiTableColumnFlags_DefaultSort, 0, 0);
        ImGui::TableSetupColumn(tr("Inhabitants"), 0, 0, 1);
        ImGui::TableSetupColumn(tr("Venues"), 0, 0, 2);
        ImGui::TableSetupColumn(tr("per 10,000"), 0, 0, 3);
        ImGui::TableSetupColumn((std::string(tr("Coverage")) + " %").c_str(), 0, 0, 4);
        ImGui::TableSetupColumn((std::string(tr("Mean time")) + " (min)").c_str(), 0, 0, 5);
        ImGui::TableHeadersRow();
        if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs(); ss && ss->SpecsCount > 0) {
            const int col = int(ss->Specs[0].ColumnUserID);
            const bool asc = ss->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            auto key = [&](int i) -> double {
                const FigureRow& f = F[size_t(i)];
                switch (col) {
                    case 1: return f.inhabitants;
                    case 2: return f.venues;
                    case 3: return f.per_10k;
                    case 4: return f.coverage_pct;
                    case 5: return std::isnan(f.mean_minutes) ? 1e9 : f.mean_minutes;
                    default: return 0;
                }
            };
            std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) {
                if (col == 0) {
                    const auto& la = data_.municipalities[size_t(F[size_t(a)].municipality)].label;
                    const auto& lb = data_.municipalities[size_t(F[size_t(b)].municipality)].label;
                    return asc ? la < lb : lb < la;
                }
                return asc ? key(a) < key(b) : key(b) < key(a);
            });
            ss->SpecsDirty = false;
        }
        for (int i : order_) {
            const FigureRow& f = F[size_t(i)];
            const auto& mu = data_.municipalities[size_t(f.municipality)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const bool hl = view.highlight_municipality == mu.code;
            if (hl) ImGui::TextColored(ImVec4(0.84f, 0.37f, 0, 1), "%s", mu.label.c_str());
            else ImGui::TextUnformatted(mu.label.c_str());
            if (ImGui::IsItemHovered()) hovered_figure_ = f.municipality;
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(format_int(f.inhabitants).c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%d", f.venues);
            ImGui::TableSetColumnIndex(3);
            ImGui::TextUnformatted(format_num(f.per_10k, 2).c_str());
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(format_num(f.coverage_pct, 1).c_str());
            ImGui::TableSetColumnIndex(5);
            if (std::isnan(f.mean_minutes)) ImGui::TextUnformatted("—");
            else ImGui::Text("%s%s", f.mean_is_lower_bound ? "≥ " : "", format_num(f.mean_minutes, 1).c_str());
        }
        ui_zone_rows();
        ImGui::EndTable();
    }
    if (std::any_of(F.begin(), F.end(), [](const FigureRow& f) { return f.mean_is_lower_bound; })) {
        // Nobody is dropped: inhabitants beyond the search limit count at the limit, so such a mean is a lower bound.
        const std::string why = std::string("≥ ") + tr("some inhabitants are beyond the search limit of") + " " +
                                format_num(F.front().cutoff_min, 0) + " min; " +
                                tr("the mean counts them at the limit (a lower bound)");
        ImGui::TextWrapped("%s", why.c_str());
    }
    if (result_->estimate) ImGui::TextDisabled("%s", tr("estimate: no road network loaded"));
    ui_curve_chart(view);
    ImGui::End();
}

}  // namespace viewer
