// The metric vocabulary (viewer/model/vocabulary.h) that the analysis, the scenes format, the command line and the
// exports share.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "viewer/model/scenes.h"
#include "viewer/model/vocabulary.h"

using namespace viewer;

TEST(Vocabulary, EveryMetricKeyRoundTrips) {
    std::set<std::string> seen;
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = Metric(i);
        Metric back;
        ASSERT_TRUE(metric_from_key(metric_key(m), back)) << metric_key(m);
        EXPECT_EQ(back, m);
        EXPECT_TRUE(seen.insert(metric_key(m)).second) << "duplicate key " << metric_key(m);
    }
    EXPECT_EQ(metric_keys().size(), size_t(kMetricCount));
    Metric m;
    EXPECT_FALSE(metric_from_key("traveltime", m));
    EXPECT_FALSE(metric_is_standalone(Metric::WhatIf));
    EXPECT_TRUE(metric_is_standalone(Metric::Reach));
}

TEST(Vocabulary, ClosestKeySuggestsWithinTheDistance) {
    EXPECT_EQ(edit_distance("theater", "theatre"), 2u);
    EXPECT_EQ(closest_key("theater", category_keys()), "theatre");
    EXPECT_EQ(closest_key("travel_tim", metric_keys(), 2), "travel_time");
    EXPECT_EQ(closest_key("helicopter", mode_keys(), 2), "");
}

// A scene names a metric under the vocabulary's key; metrics the scenes format does not take are refused as
// unknown measures, listing the seven it does.
TEST(Vocabulary, ScenesUseTheMetricKeys) {
    auto deck = [](const std::string& measure) {
        return R"({"trekkaart_scenes": 1, "scenes": [{"title": "t", "camera": {"crs": "rd", "centre": [250000, 470000],
                  "zoom": 12}, "heatmap": {"measure": ")" + measure + R"(", "category": "pop", "threshold_min": 15}}]})";
    };
    const Deck d = parse_deck(deck("within_T"), "d.json");
    ASSERT_TRUE(d.scenes[0].heatmap);
    EXPECT_EQ(d.scenes[0].heatmap->measure, Metric::Opportunities);
    EXPECT_EQ(d.scenes[0].heatmap->mode, geo::Mode::Bike);
    try {
        parse_deck(deck("e2sfca"), "d.json");
        FAIL() << "e2sfca is not a scenes measure";
    } catch (const SceneError& e) {
        EXPECT_EQ(e.message, "unknown measure \"e2sfca\" (expected one of: \"travel_time\", \"within_T\", \"gravity\", "
                             "\"2sfca\", \"density\", \"population\", \"reach\", \"composite\")");  // composite: issue 17
    }
}
