// geo/io/json: the one strict JSON reader (scenes and candidates files) -- every value kind with its position,
// columns in code points, what strict JSON forbids, unclosed strings, deep nesting, quoting.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "geo/io/json.h"

using namespace geo;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

json::ParseError json_error(std::string_view text) {
    json::Value v;
    json::ParseError e;
    EXPECT_FALSE(json::parse(text, v, e)) << text;
    return e;
}

}  // namespace

// ---- JSON reader -------------------------------------------------------------------------------------------

TEST(Json, ParsesAllValueKindsWithPositions) {
    json::Value v;
    json::ParseError e;
    ASSERT_TRUE(json::parse("{\n  \"a\": [1, -2.5e2, true, false, null],\n  \"b\": \"x\\u00e9\\n\"\n}", v, e)) << e.message;
    ASSERT_EQ(v.type, json::Value::Object);
    ASSERT_EQ(v.obj.size(), 2u);
    const json::Value* a = v.find("a");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->arr.size(), 5u);
    EXPECT_EQ(a->arr[0].num, 1);
    EXPECT_EQ(a->arr[1].num, -250);
    EXPECT_TRUE(a->arr[2].b);
    EXPECT_EQ(a->arr[3].type, json::Value::Bool);
    EXPECT_EQ(a->arr[4].type, json::Value::Null);
    EXPECT_EQ(a->pos.line, 2);
    EXPECT_EQ(a->pos.col, 8);
    EXPECT_EQ(a->arr[1].pos.col, 12);
    EXPECT_EQ(v.key_pos[1].line, 3);
    EXPECT_EQ(v.key_pos[1].col, 3);
    EXPECT_EQ(v.find("b")->str, "x\xC3\xA9\n");
    EXPECT_EQ(v.find("missing"), nullptr);
}

TEST(Json, ColumnsCountCodePointsNotBytes) {
    // "é" is two bytes; the error after it is at column 9 (characters), not 10 (bytes).
    json::ParseError e = json_error("[\"caf\xC3\xA9\" x]");
    EXPECT_EQ(e.pos.line, 1);
    EXPECT_EQ(e.pos.col, 9);
    json::Value v;
    ASSERT_TRUE(json::parse("\"\\ud83d\\ude00 \xE2\x82\xAC\"", v, e));
    EXPECT_EQ(v.str, "\xF0\x9F\x98\x80 \xE2\x82\xAC");  // U+1F600 from a surrogate pair, then the euro sign
}

TEST(Json, RejectsWhatStrictJsonForbids) {
    struct Case { const char* text; int line, col; const char* says; };
    const Case cases[] = {
        {"[1, 2,]", 1, 7, "trailing comma"},
        {"{\"a\": 1,}", 1, 9, "trailing comma"},
        {"{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key"},
        {"[01]", 1, 3, "leading zeros"},
        {"[1.]", 1, 4, "digit after the decimal point"},
        {"[.5]", 1, 2, "unexpected '.'"},
        {"['x']", 1, 2, "double quotes"},
        {"// c\n[]", 1, 1, "comments"},
        {"[True]", 1, 2, "unknown word 'True'"},
        {"[NaN]", 1, 2, "unknown word 'NaN'"},
        {"\"a\tb\"", 1, 3, "control character"},
        {"\"a\nb\"", 1, 3, "line break inside a string"},
        {"\"\\x\"", 1, 3, "invalid escape"},
        {"\"\\ud800\"", 1, 8, "low surrogate"},
        {"\"\xC3\x28\"", 1, 2, "invalid UTF-8"},
        {"\"\xED\xA0\x80\"", 1, 2, "invalid UTF-8"},  // an encoded surrogate
        {"[1] [2]", 1, 5, "after the end"},
        {"", 1, 1, "unexpected end of file"},
        {"{\"a\" 1}", 1, 6, "expected ':'"},
        {"[1e400]", 1, 2, "out of range"},
    };
    for (const Case& c : cases) {
        json::ParseError e = json_error(c.text);
        EXPECT_EQ(e.pos.line, c.line) << c.text;
        EXPECT_EQ(e.pos.col, c.col) << c.text << " -> " << e.message;
        EXPECT_TRUE(contains(e.message, c.says)) << c.text << " -> " << e.message;
    }
}

TEST(Json, UnclosedStringPointsAtItsStart) {
    json::ParseError e = json_error("{\n  \"title\": \"Twente,\n}");
    // The line break inside the string is found first, at line 2 column 20.
    EXPECT_EQ(e.pos.line, 2);
    EXPECT_EQ(e.pos.col, 20);
    e = json_error("[\"abc");
    EXPECT_EQ(e.pos.col, 2);
    EXPECT_TRUE(contains(e.message, "not closed"));
}

TEST(Json, DeepNestingIsAnErrorNotACrash) {
    std::string deep(10000, '[');
    json::ParseError e = json_error(deep);
    EXPECT_TRUE(contains(e.message, "nesting"));
    EXPECT_EQ(e.pos.col, 66);
}

TEST(Json, QuoteEscapesAndRoundTrips) {
    const std::string s = "a\"b\\c\nd\x01 \xC3\xA9";
    EXPECT_EQ(json::quote(s), "\"a\\\"b\\\\c\\nd\\u0001 \xC3\xA9\"");
    json::Value v;
    json::ParseError e;
    ASSERT_TRUE(json::parse(json::quote(s), v, e));
    EXPECT_EQ(v.str, s);
}
