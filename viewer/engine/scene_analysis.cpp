#include "viewer/engine/scene_analysis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "viewer/model/i18n.h"
#include "viewer/model/style.h"

namespace viewer {

std::string scene_heatmap_params(const Scene& s, const geo::Dataset& d, AnalysisParams& p) {
    const HeatmapSpec& h = *s.heatmap;
    p.metric = h.measure;
    if (!h.category.empty() && !geo::category_from_key(h.category, p.category)) return "unknown category " + h.category;
    p.mode = h.mode;
    if (h.threshold_min > 0) p.threshold_min = float(h.threshold_min);
    p.population = h.population;  // issue 17
    if (p.metric == Metric::Composite) {
        if (!any_weight(h.weights)) return "composite needs weights";
        p.weights = h.weights;
        p.composite_gravity = h.composite_gravity;
    }
    for (const WhatIf& w : s.whatif) {
        Candidate c;
        c.pos = w.pos;
        c.name = w.label.current();
        if (!geo::category_from_key(w.category, c.category)) return "unknown what-if category " + w.category;
        // Reach takes the first site whatever its category; the other measures add the sites of their category.
        if (p.metric == Metric::Reach || c.category == p.category) p.candidates.push_back(c);
    }
    if (p.metric == Metric::Reach) {
        p.venue = -1;
        for (size_t i = 0; i < d.venues.size() && !s.venues.empty(); ++i)
            if (d.venues[i].id == s.venues.front()) p.venue = int(i);
        if (p.venue < 0 && p.candidates.empty()) return "reach needs a highlighted venue or a what-if site";
        if (p.venue >= 0) p.candidates.clear();
    } else if (!p.candidates.empty() && p.metric != Metric::TravelTime) {
        return "what-if sites change only the travel-time and reach measures in scenes";
    }
    return "";
}

HeatmapStyle heatmap_style(const AnalysisResult& r, float ui_scale) {
    HeatmapStyle st;
    st.ramp = r.diverging ? Ramp::Diverging : Ramp::Viridis;
    st.vmin = r.vmin;
    st.vmax = r.vmax;
    st.reverse = r.reverse;
    st.log_scale = r.log_scale;
    st.contours = r.contours;
    st.fill_max = r.fill_max;
    st.major_contours = r.params.metric == Metric::Reach ? r.contours : std::vector<float>{15, 30, 60};
    st.ui_scale = ui_scale;
    st.whole_ticks = r.params.metric == Metric::Opportunities;  // a count of venues: no tick at 0.5
    return st;
}

std::string heatmap_title(const AnalysisParams& p, const geo::Dataset& d) {
    const auto within = [&] {
        return std::string(tr("within")) + " " + format_num(p.threshold_min, 0) + " " + tr("min");
    };
    std::string t;
    switch (p.metric) {
        case Metric::TravelTime: t = tr("Travel time"); break;
        case Metric::Opportunities: t = std::string(tr("Venues within reach")) + " (" + within() + ")"; break;
        case Metric::Reach:
            t = tr("Catchment");
            if (p.venue >= 0 && size_t(p.venue) < d.venues.size()) t += " " + d.venues[size_t(p.venue)].name;
            else if (!p.candidates.empty() && !p.candidates.front().name.empty()) t += " " + p.candidates.front().name;
            t += " (" + within() + ")";
            break;
        default: t = tr(metric_label_en(p.metric));
    }
    if (metric_uses_category(p.metric)) t += " · " + lower_first(tr(category_style(p.category).label_en));
    if (p.metric == Metric::Composite) t += " (" + within() + ")";
    if (metric_uses_mode(p.metric)) t += " · " + lower_first(tr(geo::mode_label(p.mode)));
    if (p.population != geo::AgeBand::All) t += " · " + std::string(tr("inhabitants")) + " " + tr(geo::age_band_label(p.population));
    return t;
}

std::string reach_summary(const AnalysisResult& r) {
    const auto& R = r.reach;
    const double T = std::clamp(r.params.threshold_min, 1.0f, 60.0f);
    std::string s = std::string(tr("Within")) + " " + format_num(T, 0) + " min (" +
                    lower_first(tr(geo::mode_label(r.params.mode))) + "): " + format_int(R.nl + R.de) + " " + tr("inhabitants") + " (NL " + format_int(R.nl) + ", DE " +
                    format_int(R.de) + ")";
    if (r.estimate) s += std::string(" \u2014 ") + tr("estimate: no road network loaded");
    return s;
}

static std::string no_colour_text(const AnalysisParams& p) {
    // The measures whose zero cells the engine leaves without colour (zero_to_nan in analysis.cpp).
    switch (p.metric) {
        case Metric::Population: return tr("no colour: no inhabitants");
        case Metric::Opportunities:
            return std::string(tr("no colour: none within")) + " " + format_num(p.threshold_min, 0) + " " + tr("min");
        case Metric::GravityExp:
        case Metric::GravityLogistic:
        case Metric::Fca2:
        case Metric::E2sfca:
        case Metric::Composite: return tr("no colour: 0, no venue within reach");
        case Metric::VenueDensity: return tr("no colour: 0");
        default: return "";
    }
}

RampLegend heatmap_legend(const AnalysisResult& r, const HeatmapStyle& st, const geo::Dataset& d) {
    const bool est = r.estimate && metric_uses_mode(r.params.metric);
    // The note says what the colours rest on: estimated travel times, assumed venue capacities.
    std::string note = est ? tr("estimate: no road network loaded") : "";
    if (const std::string w = weights_note(r); !w.empty()) note += (note.empty() ? "" : " · ") + w;
    // issue 17, short (the title names the group; the CSV and the figures window have the long notes): the
    // composite's weights by category name, and the German share assumed.
    if (r.params.metric == Metric::Composite) {
        std::string w;
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (r.params.weights[size_t(c)] > 0)
                w += (w.empty() ? "" : ", ") + lower_first(tr(category_style(geo::Category(c)).label_en)) + " " +
                     format_num(r.params.weights[size_t(c)], r.params.weights[size_t(c)] == std::round(r.params.weights[size_t(c)]) ? 0 : 1);
        note += (note.empty() ? "" : " · ") + std::string(tr("weights")) + " " + w + " (" +
                tr("÷ Twente mean per category") + ")";
    }
    if (r.params.population != geo::AgeBand::All)
        note += (note.empty() ? "" : " · ") + std::string("DE: ") + tr("Twente share") + " " +
                format_num(100 * r.group_de_share, 1) + " % (" + tr("assumed") + ")";
    const std::string beyond = std::isnan(r.beyond_min) ? "" : "> " + format_num(r.beyond_min, 0) + " " + tr("min");
    RampLegend L = ramp_legend(st, heatmap_title(r.params, d), tr(metric_unit_en(r.params.metric)), note, r.decimals, beyond);
    L.none = no_colour_text(r.params);
    return L;
}

}  // namespace viewer
