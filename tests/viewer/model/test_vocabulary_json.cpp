// The vocabulary's keys in the scenes and project files (viewer/model/vocabulary_json.h): each message exact, with
// file:line:col; both ends of the weights' range; the venue toggle's three forms.
#include <gtest/gtest.h>

#include <string>

#include "viewer/model/scenes.h"
#include "viewer/model/vocabulary_json.h"
#include "../../geo/json_checks_fixture.h"

using namespace viewer;
using geo::json::Value;

namespace {

const geo::json::Checker check("p.trekkaart");
const std::string kCategories =
    "\"third_place\", \"pop\", \"theatre\", \"museum\", \"library\", \"maker\", \"education\", \"festival\", \"heritage\"";

}  // namespace

TEST(VocabularyJson, CategoryNamesTheValueWhereAndTheKeys) {
    const Value v = json_parsed("[\"museum\", \"musuem\", 3]");
    EXPECT_EQ(json_category(check, v.arr[0], "whatif.category"), geo::Category(3));
    EXPECT_EQ(json_error_of([&] { json_category(check, v.arr[1], "whatif.category"); }),
              "p.trekkaart:1:12: unknown venue category \"musuem\" in whatif.category (expected one of: " +
                  kCategories + ")");
    EXPECT_EQ(json_error_of([&] { json_category(check, v.arr[2], "whatif.category"); }),
              "p.trekkaart:1:22: whatif.category must be a string, not a number");
}

TEST(VocabularyJson, PopulationAndAccess) {
    const Value v = json_parsed("[\"25_45\", \"20_40\", \"gravity\", \"within_T\", \"Gravity\"]");
    EXPECT_EQ(json_population(check, v.arr[0], "analysis.population"), geo::AgeBand::A25_45);
    EXPECT_EQ(json_error_of([&] { json_population(check, v.arr[1], "analysis.population"); }),
              "p.trekkaart:1:11: unknown analysis.population \"20_40\" (expected one of: all, 25_45)");
    EXPECT_TRUE(json_gravity_access(check, v.arr[2], "heatmap.access"));
    EXPECT_FALSE(json_gravity_access(check, v.arr[3], "heatmap.access"));
    EXPECT_EQ(json_error_of([&] { json_gravity_access(check, v.arr[4], "heatmap.access"); }),
              "p.trekkaart:1:43: unknown heatmap.access \"Gravity\" (expected one of: within_T, gravity)");
}

TEST(VocabularyJson, WeightsFromZeroToMaxBothIncluded) {
    const CategoryWeights w = json_weights(check, json_parsed("{\"pop\": 0, \"museum\": 100}"), "analysis.weights", 100);
    EXPECT_EQ(w[1], 0.0f);
    EXPECT_EQ(w[3], 100.0f);
    EXPECT_EQ(w[0], 0.0f);  // not given: 0
    EXPECT_EQ(json_error_of([&] { json_weights(check, json_parsed("{\"pop\": 100.001}"), "analysis.weights", 100); }),
              "p.trekkaart:1:9: analysis.weights.pop = 100.001 is out of range (0 to 100)");
    EXPECT_EQ(json_error_of([&] { json_weights(check, json_parsed("{\"pop\": -0.5}"), "heatmap.weights", 1e6); }),
              "p.trekkaart:1:9: heatmap.weights.pop = -0.5 is out of range (0 to 1000000)");
    // An unknown category is named at its key, not at its weight.
    EXPECT_EQ(json_error_of([&] { json_weights(check, json_parsed("{\"pop\": 1,\n \"theater\": 2}"), "heatmap.weights", 1e6); }),
              "p.trekkaart:2:2: unknown venue category \"theater\" in heatmap.weights (expected one of: " +
                  kCategories + ")");
    EXPECT_EQ(json_error_of([&] { json_weights(check, json_parsed("[1]"), "heatmap.weights", 1e6); }),
              "p.trekkaart:1:1: heatmap.weights must be an object, not an array");
}

TEST(VocabularyJson, VenueToggleTakesABooleanOrCategories) {
    LayerToggles l;
    json_venue_toggle(check, json_parsed("false"), "view.layers.venues", l);
    EXPECT_FALSE(l.venues);
    json_venue_toggle(check, json_parsed("[\"pop\", \"heritage\"]"), "view.layers.venues", l);
    EXPECT_TRUE(l.venues);
    for (int c = 0; c < geo::kCategoryCount; ++c) EXPECT_EQ(l.categories[size_t(c)], c == 1 || c == 8) << c;
    EXPECT_EQ(json_error_of([&] { json_venue_toggle(check, json_parsed("\"all\""), "layers.venues", l); }),
              "p.trekkaart:1:1: layers.venues must be true, false or an array of categories, not a string");
    EXPECT_EQ(json_error_of([&] { json_venue_toggle(check, json_parsed("[\"pop\", \"cinema\"]"), "layers.venues", l); }),
              "p.trekkaart:1:9: unknown venue category \"cinema\" in layers.venues entry (expected one of: " +
                  kCategories + ")");
    EXPECT_EQ(json_error_of([&] { json_venue_toggle(check, json_parsed("[\"pop\", true]"), "layers.venues", l); }),
              "p.trekkaart:1:9: layers.venues entry must be a string, not a boolean");
}

// Through the scenes file: the message is a SceneError with the deck's name and the category's place.
TEST(VocabularyJson, ScenesFileSaysWhereAnUnknownCategoryStands) {
    const std::string deck =
        "{\"scenes\": [{\"title\": \"t\", \"camera\": {\"crs\": \"rd\", \"centre\": [250000, 470000], \"zoom\": 12},\n"
        "  \"heatmap\": {\"measure\": \"travel_time\", \"category\": \"cinema\"}}]}";
    try {
        parse_deck(deck, "d.json");
        FAIL() << "cinema is not a category";
    } catch (const SceneError& e) {
        EXPECT_EQ(e.line, 2);
        EXPECT_EQ(e.col, 53);
        EXPECT_EQ(e.message, "unknown venue category \"cinema\" in heatmap.category (expected one of: " + kCategories +
                                 ")");
    }
}
