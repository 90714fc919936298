// issue 17: the composite measure's figures per municipality (the group beside everyone) and what the population
// group and the composite assumed, in words (analysis.h: composite_rows, composite_table, population_note,
// composite_note).
#include <algorithm>
#include <cmath>

#include "geo/io/table_csv.h"
#include "viewer/engine/analysis.h"
#include "viewer/model/i18n.h"

namespace viewer {

std::vector<CompositeRow> composite_rows(const geo::Dataset& d, const geo::Grid<int16_t>& zones,
                                         const geo::GridF& all_nl, const geo::GridF& group_nl,
                                         const std::array<const geo::GridF*, geo::kCategoryCount>& minutes,
                                         const CategoryWeights& w, float T, const geo::GridF& score) {
    const int n = d.twente_count;
    std::vector<CompositeRow> rows(size_t(std::max(n, 0)));
    double wsum = 0;
    for (int c = 0; c < geo::kCategoryCount; ++c)
        if (w[size_t(c)] > 0 && minutes[size_t(c)]) wsum += w[size_t(c)];
    for (int i = 0; i < n; ++i) rows[size_t(i)].municipality = i;
    if (!(wsum > 0)) return rows;
    // Sums per zone: inhabitants, inhabitants x weighted share of the mix within T, with every category within T,
    // with category k within T (group), composite score.
    for (size_t i = 0; i < zones.v.size(); ++i) {
        const int z = zones.v[i];
        if (z < 0 || z >= n) continue;
        const double pa = all_nl.v[i], pg = group_nl.v[i];
        if (!(pa > 0) && !(pg > 0)) continue;
        CompositeRow& r = rows[size_t(z)];
        double mix = 0;
        bool every = true;
        for (int c = 0; c < geo::kCategoryCount; ++c) {
            if (!(w[size_t(c)] > 0) || !minutes[size_t(c)]) continue;
            const bool in = minutes[size_t(c)]->v[i] <= T;  // exactly T counts as within
            if (in) mix += w[size_t(c)] / wsum;
            every = every && in;
            if (in) r.pct_group[size_t(c)] += pg;
        }
        r.inhabitants += pa;
        r.group += pg;
        r.mix_pct_all += pa * mix;
        r.mix_pct_group += pg * mix;
        r.every_pct_all += every ? pa : 0;
        r.every_pct_group += every ? pg : 0;
        const double s = std::isfinite(score.v[i]) ? score.v[i] : 0;
        r.score_all += pa * s;
        r.score_group += pg * s;
    }
    for (CompositeRow& r : rows) {
        const double a = r.inhabitants > 0 ? 1 / r.inhabitants : 0, g = r.group > 0 ? 1 / r.group : 0;
        r.mix_pct_all *= 100 * a;
        r.every_pct_all *= 100 * a;
        r.score_all *= a;
        r.mix_pct_group *= 100 * g;
        r.every_pct_group *= 100 * g;
        r.score_group *= g;
        for (double& x : r.pct_group) x *= 100 * g;
    }
    return rows;
}

std::string population_note(const AnalysisResult& r, bool english) {
    const auto t = [&](const char* en) { return std::string(english ? en : tr(en)); };
    if (r.params.population == geo::AgeBand::All) return "";
    return t("inhabitants") + " " + t(population_label_en(r.params.population)) + " (" +
           t("CBS 2024 share per municipality") + "; DE: " + t("Twente share") + " " +
           geo::fmt_num(100 * r.group_de_share, 1) + " %, " + t("assumed: GeoNames has no ages") + ")";
}

std::string composite_note(const AnalysisResult& r, bool english) {
    const auto t = [&](const char* en) { return std::string(english ? en : tr(en)); };
    if (r.params.metric != Metric::Composite) return "";
    return t("weights") + " " + weights_text(r.params.weights) + "; " +
           t(r.params.composite_gravity ? "gravity exp(-beta t), every venue 1" : "venues within T") + ", " +
           t("each category divided by its Twente mean");
}

geo::Table composite_table(const geo::Dataset& d, const AnalysisResult& r) {
    geo::Table t;
    t.columns = {"code", "name", "inhabitants", "group_inhabitants", "mix_within_T_pct_all",
                 "mix_within_T_pct_group", "every_within_T_pct_all", "every_within_T_pct_group"};
    const CategoryWeights& w = r.params.weights;
    for (int c = 0; c < geo::kCategoryCount; ++c)
        if (w[size_t(c)] > 0) t.columns.push_back(std::string("within_T_pct_group_") + geo::category_key(geo::Category(c)));
    for (const char* c : {"score_all", "score_group", "population_group", "weights", "access", "mode",
                          "threshold_min", "note"})
        t.columns.push_back(c);
    std::string note = r.estimate ? "estimate: no road network loaded" : "";
    for (const std::string& n : {population_note(r, true), composite_note(r, true)})
        if (!n.empty()) note += (note.empty() ? "" : "; ") + n;
    for (const CompositeRow& c : r.composite) {
        const auto& m = d.municipalities.at(size_t(c.municipality));
        std::vector<std::string> row = {m.code, m.name, geo::fmt_num(c.inhabitants, 0), geo::fmt_num(c.group, 0),
                                        geo::fmt_num(c.mix_pct_all, 1), geo::fmt_num(c.mix_pct_group, 1),
                                        geo::fmt_num(c.every_pct_all, 1), geo::fmt_num(c.every_pct_group, 1)};
        for (int k = 0; k < geo::kCategoryCount; ++k)
            if (w[size_t(k)] > 0) row.push_back(geo::fmt_num(c.pct_group[size_t(k)], 1));
        row.push_back(geo::fmt_num(c.score_all, 2));
        row.push_back(geo::fmt_num(c.score_group, 2));
        row.push_back(geo::age_band_key(r.params.population));
        row.push_back(weights_key(w));
        row.push_back(r.params.composite_gravity ? "gravity" : "within_T");
        row.push_back(geo::mode_key(r.params.mode));
        row.push_back(geo::fmt_num(r.params.threshold_min, 0));
        row.push_back(note);
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace viewer
