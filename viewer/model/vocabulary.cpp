#include "viewer/model/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "geo/io/venues.h"
#include "geo/travel/params.h"

namespace viewer {

namespace {
struct MetricInfo {
    const char* key;
    const char* label_en;
    const char* unit_en;
    bool category, threshold;
};
const MetricInfo kMetrics[kMetricCount] = {
    {"population", "Population", "inhabitants per ha", false, false},
    {"travel_time", "Travel time to nearest venue", "minutes", true, true},
    {"within_T", "Venues within reach", "venues", true, true},
    {"gravity", "Accessibility (gravity, exponential)", "score", true, false},
    {"gravity_logistic", "Accessibility (gravity, logistic)", "score", true, false},
    {"2sfca", "Capacity per inhabitant (2SFCA)", "per 1000 inhabitants", true, true},
    {"e2sfca", "Capacity per inhabitant (E2SFCA)", "per 1000 inhabitants", true, true},
    {"density", "Venue density", "venues per 100 km²", true, false},
    {"reach", "Catchment of the selected venue", "minutes", false, true},
    {"what_if", "What-if: minutes saved", "minutes", true, true},
    {"best_site", "Best site: minutes saved", "minutes", true, true},
    {"composite", "Weighted access to the mix", "index (1 = Twente mean)", false, true},
};
}  // namespace

const char* metric_label_en(Metric m) { return kMetrics[int(m)].label_en; }
const char* metric_unit_en(Metric m) { return kMetrics[int(m)].unit_en; }
const char* metric_key(Metric m) { return kMetrics[int(m)].key; }
bool metric_uses_category(Metric m) { return kMetrics[int(m)].category; }
bool metric_uses_threshold(Metric m) { return kMetrics[int(m)].threshold; }
bool metric_uses_mode(Metric m) { return m != Metric::Population && m != Metric::VenueDensity; }
bool metric_is_standalone(Metric m) { return m != Metric::WhatIf && m != Metric::BestSite; }
bool metric_from_key(const std::string& key, Metric& out) {
    for (int i = 0; i < kMetricCount; ++i)
        if (key == kMetrics[i].key) {
            out = Metric(i);
            return true;
        }
    return false;
}

std::vector<std::string> metric_keys() {
    std::vector<std::string> k;
    for (const auto& m : kMetrics) k.push_back(m.key);
    return k;
}

std::vector<std::string> mode_keys() {
    std::vector<std::string> k;
    for (int i = 0; i < geo::kModeCount; ++i) k.push_back(geo::mode_key(geo::Mode(i)));
    return k;
}

std::vector<std::string> category_keys() {
    std::vector<std::string> k;
    for (int i = 0; i < geo::kCategoryCount; ++i) k.push_back(geo::category_key(geo::Category(i)));
    return k;
}

std::vector<std::string> population_keys() {
    return {geo::age_band_key(geo::AgeBand::All), geo::age_band_key(geo::AgeBand::A25_45)};
}

bool population_from_key(const std::string& key, geo::AgeBand& out) {
    for (const std::string& k : population_keys())
        if (k == key) return geo::age_band_from_key(key, out);
    return false;
}

const char* population_label_en(geo::AgeBand b) {
    switch (b) {
        case geo::AgeBand::All: return "everyone";
        case geo::AgeBand::A25_45: return "aged 25-45 (closest CBS band to 20-40)";
        default: return geo::age_band_label(b);
    }
}

namespace {
std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}
std::string weight_num(float w) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", double(w));
    return buf;
}
}  // namespace

std::string parse_weights(const std::string& text, CategoryWeights& out) {
    CategoryWeights w{};
    std::vector<bool> seen(size_t(geo::kCategoryCount), false);
    size_t a = 0;
    for (;;) {
        const size_t b = text.find(',', a);
        const std::string item = trim(text.substr(a, b == std::string::npos ? b : b - a));
        const size_t eq = item.find('=');
        if (eq == std::string::npos)
            return "expects category=weight pairs separated by commas, e.g. third_place=2,pop=1, not \"" + item + "\"";
        const std::string key = trim(item.substr(0, eq)), num = trim(item.substr(eq + 1));
        geo::Category c{};
        if (!geo::category_from_key(key, c)) {
            const std::string best = closest_key(key, category_keys(), 3);
            return "unknown venue category \"" + key + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?");
        }
        if (seen[size_t(c)]) return "category \"" + key + "\" given twice";
        seen[size_t(c)] = true;
        char* end = nullptr;
        const double v = std::strtod(num.c_str(), &end);
        if (num.empty() || end != num.c_str() + num.size() || !(v >= 0) || !std::isfinite(v) || v > 1e6)
            return "the weight of " + key + " must be a number >= 0, not \"" + num + "\"";
        w[size_t(c)] = float(v);
        if (b == std::string::npos) break;
        a = b + 1;
    }
    if (!any_weight(w)) return "every weight is 0: give at least one category a weight > 0";
    out = w;
    return "";
}

bool any_weight(const CategoryWeights& w) {
    for (float x : w)
        if (x > 0) return true;
    return false;
}

std::string weights_key(const CategoryWeights& w) {
    std::string s;
    for (int c = 0; c < geo::kCategoryCount; ++c)
        if (w[size_t(c)] > 0)
            s += (s.empty() ? "" : ",") + std::string(geo::category_key(geo::Category(c))) + "=" + weight_num(w[size_t(c)]);
    return s;
}

std::string weights_text(const CategoryWeights& w) {
    double sum = 0;
    for (float x : w) sum += x > 0 ? x : 0;
    std::string s;
    for (int c = 0; c < geo::kCategoryCount; ++c)
        if (w[size_t(c)] > 0) {
            char pct[32];
            std::snprintf(pct, sizeof pct, "%.0f", 100.0 * w[size_t(c)] / sum);
            s += (s.empty() ? "" : ", ") + std::string(geo::category_key(geo::Category(c))) + " " +
                 weight_num(w[size_t(c)]) + " (" + pct + " %)";
        }
    return s;
}

CategoryWeights strategy_rank_weights() {
    CategoryWeights w{};
    w[size_t(geo::Category::ThirdPlace)] = 2;
    w[size_t(geo::Category::Pop)] = 1;
    return w;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

}  // namespace viewer
