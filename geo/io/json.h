// The one JSON reader: a small strict RFC 8259 parser (no comments, no trailing commas, no duplicate keys,
// UTF-8 checked, nesting limited to 64 levels) that records the line and column of every value and member
// name, so a file reader built on it can name file, line and column in every message ("deck.json:12:17: ...").
// Used by the scenes files (viewer/model/scenes.h), the what-if candidates file (viewer/engine/candidates.h) and
// project files (viewer/engine/project.h). Typed checks on the tree (a string, a number in a range, a keyword,
// only known keys), with the same file:line:col messages, are in geo/io/json_checks.h.
//
//     geo::json::Value root;
//     geo::json::ParseError err;
//     if (!geo::json::parse(text, root, err)) throw geo::json::Error(path, err.pos, err.message);
//     const geo::json::Value* title = root.find("title");   // nullptr when absent
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/core/error.h"

namespace geo::json {

struct Pos {
    int line = 0, col = 0;  // 1-based; col counts Unicode code points
};

struct Value {
    enum Type { Null, Bool, Number, String, Array, Object } type = Null;
    bool b = false;
    double num = 0;
    std::string str;
    std::vector<Value> arr;
    std::vector<std::pair<std::string, Value>> obj;  // members in file order (keys unique)
    std::vector<Pos> key_pos;                         // where each member's key starts
    Pos pos;                                          // where this value starts

    Value();  // defined in json.cpp: clang + libstdc++ 12 reject an implicit one (pair<.., Value> member)
    const Value* find(std::string_view key) const;    // nullptr when absent
    const char* type_name() const;                    // "a string", "an object", ...
};

struct ParseError {
    Pos pos;
    std::string message;
};

// Parses exactly one JSON value (surrounded by optional whitespace; a UTF-8 byte-order mark is skipped).
// Returns false and fills err on the first problem.
bool parse(std::string_view text, Value& out, ParseError& err);

// A JSON string literal (with quotes) for s; non-ASCII UTF-8 is written as is.
std::string quote(std::string_view s);

// A problem at a place in a JSON file: what() = "file:line:col: message" ("file: message" when line is 0),
// DataError::file = the file.
struct Error : DataError {
    Pos pos;
    std::string message;  // without the location
    Error(const std::string& file, Pos p, const std::string& msg);
};

}  // namespace geo::json
