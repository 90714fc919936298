// Issue 17: a scene's heatmap with a population group and the composite's weights: read, written back, refused
// with file:line:col when wrong.
#include <gtest/gtest.h>

#include "viewer/model/scenes.h"

using namespace viewer;

namespace {

std::string deck_with(const std::string& heatmap) {
    return "{\"trekkaart_scenes\": 1, \"scenes\": [{\"title\": \"t\", \"camera\": {\"crs\": \"rd\", \"bbox\": "
           "[219070, 459728, 269795, 501580]},\n \"heatmap\": " + heatmap + "}]}";
}

std::string error_of(const std::string& text) {
    try {
        parse_deck(text, "t.json");
    } catch (const SceneError& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST(SceneTargetGroup, CompositeWithGroupAndWeightsRoundTrips) {
    const Deck d = parse_deck(deck_with("{\"measure\": \"composite\", \"mode\": \"bike\", \"threshold_min\": 15, "
                                        "\"population\": \"25_45\", \"weights\": {\"third_place\": 2, \"pop\": 1}}"),
                              "t.json");
    ASSERT_TRUE(d.scenes[0].heatmap);
    const HeatmapSpec& h = *d.scenes[0].heatmap;
    EXPECT_EQ(h.measure, Metric::Composite);
    EXPECT_EQ(h.population, geo::AgeBand::A25_45);
    EXPECT_EQ(h.weights, strategy_rank_weights());
    EXPECT_FALSE(h.composite_gravity);
    const Deck back = parse_deck(deck_to_json(d), "back.json");
    EXPECT_EQ(*back.scenes[0].heatmap, h);
    // A group on another measure.
    const Deck r = parse_deck(deck_with("{\"measure\": \"2sfca\", \"category\": \"pop\", \"threshold_min\": 15, "
                                        "\"population\": \"25_45\", \"access\": \"gravity\"}"),
                              "t.json");
    EXPECT_EQ(r.scenes[0].heatmap->population, geo::AgeBand::A25_45);
}

TEST(SceneTargetGroup, BadGroupOrWeightsNameTheirPlace) {
    std::string e = error_of(deck_with("{\"measure\": \"composite\", \"threshold_min\": 15}"));
    EXPECT_NE(e.find("t.json:2:"), std::string::npos) << e;
    EXPECT_NE(e.find("needs \"weights\""), std::string::npos) << e;
    e = error_of(deck_with("{\"measure\": \"composite\", \"threshold_min\": 15, \"weights\": {\"theater\": 1}}"));
    EXPECT_NE(e.find("unknown venue category \"theater\" in heatmap.weights"), std::string::npos) << e;
    e = error_of(deck_with("{\"measure\": \"composite\", \"threshold_min\": 15, \"weights\": {\"pop\": -1}}"));
    EXPECT_NE(e.find("out of range"), std::string::npos) << e;
    e = error_of(deck_with("{\"measure\": \"population\", \"population\": \"20_40\"}"));
    EXPECT_NE(e.find("unknown heatmap.population \"20_40\" (expected one of: all, 25_45)"), std::string::npos) << e;
}
