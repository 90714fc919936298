// geo/io/json_checks: the typed checks of the scenes and project files -- the exact message with file:line:col
// for a wrong type, each end of a range (exactly at it and just outside), an unknown keyword, an unknown key, a
// missing key; the number text in messages.
#include <gtest/gtest.h>

#include <string>

#include "geo/io/json_checks.h"
#include "json_checks_fixture.h"

using namespace geo;
using json::Value;

namespace {

const json::Checker check("deck.json");

}  // namespace

TEST(JsonChecks, WrongTypeNamesFileLineColumnAndBothTypes) {
    const Value v = json_parsed("{\n  \"zoom\": \"12\",\n  \"on\": 1,\n  \"name\": true,\n  \"list\": {}\n}");
    EXPECT_EQ(json_error_of([&] { check.number(*v.find("zoom"), "camera.zoom", 6, 19); }),
              "deck.json:2:11: camera.zoom must be a number, not a string");
    EXPECT_EQ(json_error_of([&] { check.boolean(*v.find("on"), "layers.rail"); }),
              "deck.json:3:9: layers.rail must be a boolean, not a number");
    EXPECT_EQ(json_error_of([&] { check.string(*v.find("name"), "layer 1 name"); }),
              "deck.json:4:11: layer 1 name must be a string, not a boolean");
    EXPECT_EQ(json_error_of([&] { check.expect(*v.find("list"), Value::Array, "\"scenes\""); }),
              "deck.json:5:11: \"scenes\" must be an array, not an object");
    EXPECT_EQ(json_error_of([&] { check.keyword(*v.find("on"), {{"a", 1}}, "ramp"); }),
              "deck.json:3:9: ramp must be a string, not a number");
    // The error carries its parts apart too.
    try {
        check.boolean(*v.find("on"), "layers.rail");
        ADD_FAILURE() << "no error";
    } catch (const json::Error& e) {
        EXPECT_EQ(e.file, "deck.json");
        EXPECT_EQ(e.pos.line, 3);
        EXPECT_EQ(e.pos.col, 9);
        EXPECT_EQ(e.message, "layers.rail must be a boolean, not a number");
    }
}

TEST(JsonChecks, RightTypesGiveTheirValues) {
    const Value v = json_parsed("{\"s\": \"é\", \"b\": false, \"n\": -2.5}");
    EXPECT_EQ(check.string(*v.find("s"), "s"), "é");
    EXPECT_FALSE(check.boolean(*v.find("b"), "b"));
    EXPECT_EQ(check.number(*v.find("n"), "n", -2.5, -2.5), -2.5);
}

TEST(JsonChecks, NumberRangeIncludesBothEndsAndRefusesJustOutside) {
    const Value v = json_parsed("[6, 19, 5.999999, 19.0000001, -0.0001, 1.0000001]");
    EXPECT_EQ(check.number(v.arr[0], "camera.zoom", 6, 19), 6);    // lo itself: lo <= v
    EXPECT_EQ(check.number(v.arr[1], "camera.zoom", 6, 19), 19);   // hi itself: v <= hi
    EXPECT_EQ(json_error_of([&] { check.number(v.arr[2], "camera.zoom", 6, 19); }),
              "deck.json:1:9: camera.zoom = 5.999999 is out of range (6 to 19)");
    // Just above the top: the exact value, not "19" (which would read as inside the range).
    EXPECT_EQ(json_error_of([&] { check.number(v.arr[3], "camera.zoom", 6, 19); }),
              "deck.json:1:19: camera.zoom = 19.0000001 is out of range (6 to 19)");
    EXPECT_EQ(json_error_of([&] { check.number(v.arr[4], "style.opacity", 0, 1); }),
              "deck.json:1:31: style.opacity = -0.0001 is out of range (0 to 1)");
    EXPECT_EQ(json_error_of([&] { check.number(v.arr[5], "style.opacity", 0, 1); }),
              "deck.json:1:40: style.opacity = 1.0000001 is out of range (0 to 1)");
}

TEST(JsonChecks, NumberTextIsExactWithoutExponentForEverydaySizes) {
    EXPECT_EQ(json::number_text(0), "0");
    EXPECT_EQ(json::number_text(1e-4), "0.0001");
    EXPECT_EQ(json::number_text(100000), "100000");
    EXPECT_EQ(json::number_text(-7000), "-7000");
    EXPECT_EQ(json::number_text(0.1), "0.1");
    EXPECT_EQ(json::number_text(6.8934567), "6.8934567");
    EXPECT_EQ(json::number_text(1e20), "1e+20");
    EXPECT_EQ(json::number_text(1e-7), "1e-07");
}

TEST(JsonChecks, KeywordGivesItsValueOrListsTheKeywords) {
    const json::Keywords ramps = {{"viridis", 10}, {"cividis", 11}, {"magma", 12}};
    const Value v = json_parsed("[\"cividis\", \"Viridis\"]");
    EXPECT_EQ(check.keyword(v.arr[0], ramps, "ramp"), 11);
    // Keywords are case-sensitive, as the files write them.
    EXPECT_EQ(json_error_of([&] { check.keyword(v.arr[1], ramps, "ramp"); }),
              "deck.json:1:13: unknown ramp \"Viridis\" (expected one of: \"viridis\", \"cividis\", \"magma\")");
}

TEST(JsonChecks, OnlyKeysNamesTheUnknownKeyAtTheKeyWithTheKeysItKnows) {
    const Value v = json_parsed("{\"zoom\": 8,\n \"centre\": [6, 52],\n  \"crss\": \"rd\"}");
    EXPECT_EQ(json_error_of([&] { check.only_keys(v, "\"camera\"", {"crs", "centre", "zoom", "bbox"}); }),
              "deck.json:3:3: unknown key \"crss\" in \"camera\" (expected one of: \"crs\", \"centre\", \"zoom\", "
              "\"bbox\")");
    EXPECT_NO_THROW(check.only_keys(v, "\"camera\"", {"crss", "centre", "zoom"}));
    EXPECT_NO_THROW(check.only_keys(json_parsed("{}"), "\"camera\"", {"crs"}));
}

TEST(JsonChecks, OnlyKeysLetsKeysWithTheFreePrefixThrough) {
    const Value v = json_parsed("{\"rail\": true, \"user:Wijken\": false, \"usr:Wijken\": true}");
    EXPECT_EQ(json_error_of([&] { check.only_keys(v, "\"layers\"", {"rail"}, "user:"); }),
              "deck.json:1:38: unknown key \"usr:Wijken\" in \"layers\" (expected one of: \"rail\")");
    // Without the prefix the user key is unknown like any other.
    EXPECT_EQ(json_error_of([&] { check.only_keys(v, "\"layers\"", {"rail"}); }),
              "deck.json:1:16: unknown key \"user:Wijken\" in \"layers\" (expected one of: \"rail\")");
}

TEST(JsonChecks, RequiredGivesTheMemberOrSaysWhatIsMissingAtTheObject) {
    const Value v = json_parsed("{\"scenes\": []}");
    EXPECT_EQ(&check.required(v, "scenes", "missing"), v.find("scenes"));
    const Value layer = json_parsed("[1,\n   {\"name\": \"x\"}]");
    EXPECT_EQ(json_error_of([&] { check.required(layer.arr[1], "source", "layer 1 has no \"source\""); }),
              "deck.json:2:4: layer 1 has no \"source\"");
}

TEST(JsonChecks, QuotedList) {
    EXPECT_EQ(json::quoted_list(std::vector<std::string>{}), "");
    EXPECT_EQ(json::quoted_list(std::vector<std::string>{"a"}), "\"a\"");
    EXPECT_EQ(json::quoted_list(json::Keywords{{"none", 0}, {"density", 1}}), "\"none\", \"density\"");
}
