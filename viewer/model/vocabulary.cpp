#include "viewer/model/vocabulary.h"

#include <algorithm>

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
