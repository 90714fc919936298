// Typed checks on a parsed JSON tree (geo/io/json.h), one set for every file format built on the reader: a
// member must be a string, a boolean, a number in a range, one of a set of keywords; an object may hold only
// the keys it knows. Every failure throws geo::json::Error naming file, line and column of the offending value
// ("p.trekkaart:12:17: view.bbox = 700000 is out of range (-7000 to 630000)").
// Used by the scenes files (viewer/model/scenes.cpp) and project files (viewer/engine/project.cpp), whose
// decoders derive from Checker.
//
//     geo::json::Checker c("deck.json");
//     c.expect(root, geo::json::Value::Object, "the scenes file (top level)");
//     c.only_keys(root, "the top level", {"title", "scenes"});
//     const geo::json::Value& s = c.required(root, "scenes", "missing \"scenes\"");
//     double z = c.number(*cam.find("zoom"), "camera.zoom", 6, 19);        // 6 and 19 themselves are fine
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/io/json.h"

namespace geo::json {

// A keyword a file may write and the value it stands for (an enum as int).
struct Keyword {
    std::string key;
    int value;
};
using Keywords = std::vector<Keyword>;

// "\"a\", \"b\", \"c\"": the list in an "expected one of: ..." message.
std::string quoted_list(const std::vector<std::string>& keys);
std::string quoted_list(const Keywords& keys);

// A number as a message shows it: the shortest text that reads back as the same double, without an exponent
// for everyday sizes ("0.0001", "100000", "19.0000001"; "1e+20"), so a value just outside a range never looks
// like the bound itself.
std::string number_text(double d);

// The checks, bound to the file's name. Each `what` names the value in the message ("camera.zoom",
// "layer 2 source"); `where` names an object ("the top level", "\"view\"").
class Checker {
public:
    explicit Checker(std::string file) : file_(std::move(file)) {}
    const std::string& file() const { return file_; }

    // Throws Error(file, p, msg).
    [[noreturn]] void fail(Pos p, const std::string& msg) const;

    // "WHAT must be a number, not a string".
    void expect(const Value& v, Value::Type t, const std::string& what) const;

    // "unknown key \"K\" in WHERE (expected one of: \"a\", \"b\")" at the first key not in `keys`. Keys that begin
    // with free_prefix (when not empty) are let through for the caller to check.
    void only_keys(const Value& obj, const std::string& where, std::initializer_list<const char*> keys,
                   std::string_view free_prefix = {}) const;

    // The member `key` of obj; `message` at obj when it is absent.
    const Value& required(const Value& obj, const char* key, const std::string& message) const;

    std::string string(const Value& v, const std::string& what) const;
    bool boolean(const Value& v, const std::string& what) const;
    // lo <= v <= hi, both ends included: "WHAT = 20 is out of range (6 to 19)".
    double number(const Value& v, const std::string& what, double lo, double hi) const;
    // The value of the keyword v names: "unknown WHAT \"x\" (expected one of: \"a\", \"b\")".
    int keyword(const Value& v, const Keywords& t, const std::string& what) const;

private:
    std::string file_;
};

}  // namespace geo::json
