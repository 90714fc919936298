// The words trekkaart's parts share for what the analysis shows: the metrics (heatmap measures) with their keys,
// labels and units, and the "did you mean" hint for a key that is not one of them. The analysis engine, the
// scenes file format, the command line and the exports all use these, so a metric has one name everywhere.
// Travel modes and venue categories are geo's (geo::Mode, geo::Category with their mode_key/category_key).
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geo/io/venues.h"
#include "geo/population/age_band.h"

namespace viewer {

enum class Metric : int {
    Population = 0,   // inhabitants per 100 m cell (NL + DE)
    TravelTime,       // minutes to the nearest venue of the category
    Opportunities,    // venues of the category within T minutes
    GravityExp,       // Hansen accessibility, f(t) = exp(-beta t)
    GravityLogistic,  // Hansen accessibility, logistic decay (t50, k)
    Fca2,             // 2SFCA: capacity per 1000 inhabitants within T
    E2sfca,           // enhanced 2SFCA: zones T/3, 2T/3, T weighted 1, 0.68, 0.22 (Luo & Qi 2009)
    VenueDensity,     // kernel density of the category's venues
    Reach,            // one venue's catchment within T, with the population inside (NL / DE)
    WhatIf,           // minutes saved by the candidate venues against the baseline
    BestSite,         // the optimiser's suggested site(s) and their effect
    Composite,        // issue 17: weighted mix of categories, each normalised by its Twente mean (1 = average)
    Count
};
constexpr int kMetricCount = int(Metric::Count);
const char* metric_label_en(Metric m);  // "Travel time to nearest venue"; translate with tr()
const char* metric_unit_en(Metric m);   // "minutes", "inhabitants", "score", ...
bool metric_from_key(const std::string& key, Metric& out);
const char* metric_key(Metric m);       // "travel_time", "within_T", "gravity", "2sfca", ...
bool metric_uses_category(Metric m);
bool metric_uses_threshold(Metric m);
bool metric_uses_mode(Metric m);        // travel-time based (the "estimate" note applies without a road network)
// Metrics a map can show from a few parameters alone (the others need what-if candidates placed in the app).
bool metric_is_standalone(Metric m);

// The keys of every metric, of the travel modes and of the venue categories, in their enum order.
std::vector<std::string> metric_keys();
std::vector<std::string> mode_keys();
std::vector<std::string> category_keys();

// ---- issue 17: whose inhabitants count, and the composite's weights ----------------------------------------

// The population choices a request, a scene and the command line offer: "all" (everyone) and "25_45" (the CBS
// band closest to the strategy's target group aged 20-40). Keys are geo::age_band_key's.
std::vector<std::string> population_keys();
bool population_from_key(const std::string& key, geo::AgeBand& out);  // only the offered keys
const char* population_label_en(geo::AgeBand b);  // "everyone", "aged 25-45 (closest CBS band to 20-40)"

// The composite's weight per venue category (0: left out). Weights are relative: they are divided by their sum.
using CategoryWeights = std::array<float, geo::kCategoryCount>;
// "third_place=2,pop=1" -> weights (others 0). Returns "" or what is wrong (unknown category with a "did you
// mean", a number that is not >= 0, a category twice, all weights 0).
std::string parse_weights(const std::string& text, CategoryWeights& out);
// "third_place=2,pop=1": the categories with a weight > 0 in enum order (parse_weights reads it back).
std::string weights_key(const CategoryWeights& w);
// "third_place 2 (67 %), pop 1 (33 %)": each weight with its share of the sum.
std::string weights_text(const CategoryWeights& w);
bool any_weight(const CategoryWeights& w);
// The preset that follows the strategy's order: third places first, pop second. The strategy ranks, it gives no
// numbers, so these are rank-sum weights (rank 1 of 2 -> 2, rank 2 -> 1): a convention from the order alone,
// meant to be edited.
CategoryWeights strategy_rank_weights();

// Levenshtein distance, for "did you mean" hints on unknown keys and ids.
size_t edit_distance(std::string_view a, std::string_view b);

// The first of `keys` closest to `key` if it is at most max_distance edits away, else "".
template <class Keys>
std::string closest_key(std::string_view key, const Keys& keys, size_t max_distance = 4) {
    std::string best;
    size_t bd = max_distance + 1;
    for (const auto& k : keys)
        if (size_t d = edit_distance(key, k); d < bd) {
            bd = d;
            best = k;
        }
    return best;
}

}  // namespace viewer
