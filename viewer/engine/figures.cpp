// The figures per municipality of an analysis result as one table whose columns follow the metric (analysis.h:
// figures_table; README "The figures per municipality: what every column means").
#include <algorithm>
#include <cmath>

#include "geo/io/table_csv.h"
#include "viewer/engine/analysis.h"
#include "viewer/model/i18n.h"

namespace viewer {

std::string weights_note(const AnalysisResult& r, bool english) {
    const auto t = [&](const char* en) { return std::string(english ? en : tr(en)); };
    const bool gravity = r.params.metric == Metric::GravityExp || r.params.metric == Metric::GravityLogistic;
    if (gravity && !r.capacity_weighted) return t("every venue weighs 1");
    if (!r.capacity_weighted) return "";
    std::string s = gravity ? t("weighted by capacity") + "; " : "";
    if (r.capacity_assumed == 0) return s + t("capacity known for every venue");
    s += t("capacity assumed for") + " " + std::to_string(r.capacity_assumed) + " " + t("of") + " " +
         std::to_string(r.capacity_total) + " " + t("venues") + " (";
    switch (r.capacity_rule) {
        case geo::VenueWeights::Rule::Median:
            s += t("the median of the known ones") + ", " + geo::fmt_num(r.capacity_fill, 0);
            break;
        case geo::VenueWeights::Rule::One: s += t("none known: 1 each"); break;
        default: s += t("a default of") + " " + geo::fmt_num(r.capacity_fill, 0); break;
    }
    return s + ")";
}

FigureKind figure_kind(Metric m) {
    switch (m) {
        case Metric::TravelTime:
        case Metric::WhatIf:
        case Metric::BestSite: return FigureKind::TravelTime;
        case Metric::Reach: return FigureKind::Reach;
        case Metric::Composite: return FigureKind::Composite;
        default: return FigureKind::Surface;
    }
}

namespace {

// What the figures rest on: estimated travel times (for metrics that use them), assumed capacities, and a venue
// list of the category that the catalogue says is incomplete (assets/venues_meta.csv; issue 16).
std::string figures_note(const geo::Dataset& d, const AnalysisResult& r) {
    std::string note = r.estimate && metric_uses_mode(r.params.metric) ? "estimate: no road network loaded" : "";
    if (const std::string w = weights_note(r, true); !w.empty()) note += (note.empty() ? "" : "; ") + w;
    for (const std::string& n : {population_note(r, true), composite_note(r, true)})
        if (!n.empty()) note += (note.empty() ? "" : "; ") + n;
    if (metric_uses_category(r.params.metric)) {
        const geo::CategoryMeta& cm = d.venue_meta[size_t(r.params.category)];
        if (cm.known && !cm.complete)
            note += std::string(note.empty() ? "" : "; ") + geo::category_key(r.params.category) +
                    " venues incomplete: " + std::to_string(cm.known_missing) + " known missing (as of " + cm.as_of + ")";
    }
    return note;
}

// FigureKind::Surface: geo::zone_stats_table, then what the surface was computed for.
geo::Table surface_table(const geo::Dataset& d, const AnalysisResult& r) {
    std::vector<std::string> codes, names;
    for (int i = 0; i < d.twente_count; ++i) {
        codes.push_back(d.municipalities[size_t(i)].code);
        names.push_back(d.municipalities[size_t(i)].name);
    }
    const Metric m = r.params.metric;
    std::string what = metric_key(m);
    if (metric_uses_category(m)) what += std::string(" ") + geo::category_key(r.params.category);
    if (metric_uses_mode(m)) what += std::string(", ") + geo::mode_key(r.params.mode);
    if (metric_uses_threshold(m)) what += " " + geo::fmt_num(r.params.threshold_min, 0) + " min";
    geo::Table t = geo::zone_stats_table(r.surface_stats, codes, names, what, metric_unit_en(m), false);
    // The note moves to column 10, where the travel-time table has it: metric, unit, note -> note, metric, unit.
    std::rotate(t.columns.begin() + 10, t.columns.end() - 1, t.columns.end());
    for (const char* c : {"category", "mode", "threshold_min", "population_group"}) t.columns.push_back(c);
    for (auto& row : t.rows) {
        std::rotate(row.begin() + 10, row.end() - 1, row.end());
        row[10] = figures_note(d, r);
        row.push_back(metric_uses_category(m) ? geo::category_key(r.params.category) : "");
        row.push_back(metric_uses_mode(m) ? geo::mode_key(r.params.mode) : "");
        row.push_back(metric_uses_threshold(m) ? geo::fmt_num(r.params.threshold_min, 0) : "");
        row.push_back(geo::age_band_key(r.params.population));
    }
    return t;
}

// FigureKind::Reach: the venue's inhabitants within T, NL per Twente municipality, NL elsewhere, DE.
geo::Table reach_table(const geo::Dataset& d, const AnalysisResult& r) {
    geo::Table t;
    t.columns = {"code", "name", "country", "inhabitants_within_T", "share_of_reach_pct", "venue", "mode",
                 "threshold_min", "note"};
    const double total = r.reach.nl + r.reach.de;
    const int v = r.params.venue;
    const std::string venue = v >= 0 && size_t(v) < d.venues.size() ? d.venues[size_t(v)].name
                              : r.params.candidates.empty()            ? ""
                                                                       : r.params.candidates.front().name;
    auto row = [&](const std::string& code, const std::string& name, const char* country, double n) {
        t.rows.push_back({code, name, country, geo::fmt_num(n, 0), geo::fmt_num(total > 0 ? 100 * n / total : 0, 1),
                          venue, geo::mode_key(r.params.mode), geo::fmt_num(r.params.threshold_min, 0),
                          figures_note(d, r)});
    };
    for (size_t i = 0; i < r.reach_nl_by_zone.size(); ++i)
        row(d.municipalities[i].code, d.municipalities[i].name, "NL", r.reach_nl_by_zone[i]);
    row("NL-other", "Netherlands outside Twente", "NL", r.reach_nl_other);
    row("DE", "Germany", "DE", r.reach.de);
    return t;
}

// issue 12: what a zone's row rests on beyond the table's note: a zone outside the map's region has no population
// data, a zone inside it may hold nobody on the population grid.
std::string zone_note(const geo::Dataset& d, const geo::ZoneSet& z, size_t i, double population) {
    const int outside = geo::zone_outside(z, i, d.region_bbox);
    if (outside == 2) return "zone outside the map's region: no population data";
    if (!(population > 0)) return "no inhabitants in the zone on the population grid";
    if (outside == 1) return "zone partly outside the map's region: figures for the part inside";
    return "";
}

// The zones' rows under the municipalities' (a last column "zones": the layer's name; "" for a municipality).
void add_zone_rows(const geo::Dataset& d, const AnalysisResult& r, geo::Table& t,
                   const std::vector<std::vector<std::string>>& zone_rows, const std::vector<double>& population,
                   size_t note_col) {
    const geo::ZoneSet& z = *r.params.zones;
    t.columns.push_back("zones");
    for (auto& row : t.rows) row.push_back("");
    for (size_t i = 0; i < zone_rows.size(); ++i) {
        std::vector<std::string> row = zone_rows[i];
        row[0] = z.codes[i];
        row[1] = z.names[i];
        if (const std::string n = zone_note(d, z, i, population[i]); !n.empty())
            row[note_col] += (row[note_col].empty() ? "" : "; ") + n;
        row.push_back(z.name);
        t.rows.push_back(std::move(row));
    }
}

}  // namespace

geo::Table figures_table(const geo::Dataset& d, const AnalysisResult& r) {
    if (figure_kind(r.params.metric) == FigureKind::Surface) {
        geo::Table t = surface_table(d, r);
        if (r.params.zones && r.zone_surface_stats.size() == r.params.zones->geoms.size()) {
            AnalysisResult zr;  // the same table over the zones' statistics
            zr.params = r.params;
            zr.estimate = r.estimate;
            zr.capacity_weighted = r.capacity_weighted;
            zr.capacity_assumed = r.capacity_assumed;
            zr.capacity_total = r.capacity_total;
            zr.capacity_rule = r.capacity_rule;
            zr.capacity_fill = r.capacity_fill;
            zr.group_twente_share = r.group_twente_share;
            zr.group_de_share = r.group_de_share;
            zr.surface_stats = r.zone_surface_stats;
            std::vector<double> pop;
            for (const auto& z : r.zone_surface_stats) pop.push_back(z.population);
            add_zone_rows(d, r, t, surface_table(d, zr).rows, pop, 10);
        }
        return t;
    }
    if (figure_kind(r.params.metric) == FigureKind::Reach) return reach_table(d, r);
    if (figure_kind(r.params.metric) == FigureKind::Composite) return composite_table(d, r);
    geo::Table t;
    // The first eleven columns as before; then the censoring (README "What every column means").
    t.columns = {"code", "name", "inhabitants", "venues", "venues_per_10k", "coverage_pct", "mean_minutes",
                 "category", "mode", "threshold_min", "note", "mean_is_lower_bound", "beyond_cutoff_pct",
                 "median_minutes", "p90_minutes", "cutoff_min", "population_group"};
    auto minutes = [](double v, float cutoff) {  // a quantile beyond the cut-off is written ">90"
        return std::isfinite(v) ? geo::fmt_num(v, 1) : ">" + geo::fmt_num(cutoff, 0);
    };
    const std::string note = figures_note(d, r);
    for (const FigureRow& f : r.figures) {
        const auto& m = d.municipalities.at(size_t(f.municipality));
        t.rows.push_back({m.code, m.name, geo::fmt_num(f.inhabitants, 0), std::to_string(f.venues),
                          geo::fmt_num(f.per_10k, 2), geo::fmt_num(f.coverage_pct, 1), geo::fmt_num(f.mean_minutes, 1),
                          geo::category_key(r.params.category), geo::mode_key(r.params.mode),
                          geo::fmt_num(r.params.threshold_min, 0),
                          note, f.mean_is_lower_bound ? "yes" : "no", geo::fmt_num(f.censored_pct, 1),
                          minutes(f.median_minutes, f.cutoff_min), minutes(f.p90_minutes, f.cutoff_min),
                          geo::fmt_num(f.cutoff_min, 0), geo::age_band_key(r.params.population)});
    }
    if (r.params.zones && r.zone_figures.size() == r.params.zones->geoms.size()) {
        std::vector<std::vector<std::string>> rows;
        std::vector<double> pop;
        for (const FigureRow& f : r.zone_figures) {
            rows.push_back({"", "", geo::fmt_num(f.inhabitants, 0), std::to_string(f.venues),
                            geo::fmt_num(f.per_10k, 2), geo::fmt_num(f.coverage_pct, 1), geo::fmt_num(f.mean_minutes, 1),
                            geo::category_key(r.params.category), geo::mode_key(r.params.mode),
                            geo::fmt_num(r.params.threshold_min, 0), note, f.mean_is_lower_bound ? "yes" : "no",
                            geo::fmt_num(f.censored_pct, 1), minutes(f.median_minutes, f.cutoff_min),
                            minutes(f.p90_minutes, f.cutoff_min), geo::fmt_num(f.cutoff_min, 0),
                            geo::age_band_key(r.params.population)});
            pop.push_back(f.inhabitants);
        }
        add_zone_rows(d, r, t, rows, pop, 10);
    }
    return t;
}

}  // namespace viewer
