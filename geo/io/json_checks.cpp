#include "geo/io/json_checks.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace geo::json {

namespace {

const char* type_word(Value::Type t) {
    Value v;
    v.type = t;
    return v.type_name();
}

void add_quoted(std::string& list, std::string_view key) {
    list += list.empty() ? "\"" : ", \"";
    list += key;
    list += '"';
}

}  // namespace

std::string quoted_list(const std::vector<std::string>& keys) {
    std::string s;
    for (const auto& k : keys) add_quoted(s, k);
    return s;
}

std::string quoted_list(const Keywords& keys) {
    std::string s;
    for (const auto& k : keys) add_quoted(s, k.key);
    return s;
}

std::string number_text(double d) {
    char b[64];  // fixed below 1e15 and down to 1e-6: at most 25 characters
    const double a = std::fabs(d);
    const bool fixed = a == 0 || (a >= 1e-6 && a < 1e15);
    const auto r = fixed ? std::to_chars(b, b + sizeof b, d, std::chars_format::fixed)
                         : std::to_chars(b, b + sizeof b, d);
    return std::string(b, r.ptr);
}

void Checker::fail(Pos p, const std::string& msg) const { throw Error(file_, p, msg); }

void Checker::expect(const Value& v, Value::Type t, const std::string& what) const {
    if (v.type != t) fail(v.pos, what + " must be " + type_word(t) + ", not " + v.type_name());
}

void Checker::only_keys(const Value& obj, const std::string& where, std::initializer_list<const char*> keys,
                        std::string_view free_prefix) const {
    for (size_t i = 0; i < obj.obj.size(); ++i) {
        const std::string& k = obj.obj[i].first;
        if (!free_prefix.empty() && k.rfind(free_prefix, 0) == 0) continue;
        if (std::none_of(keys.begin(), keys.end(), [&](const char* a) { return k == a; })) {
            std::string list;
            for (const char* a : keys) add_quoted(list, a);
            fail(obj.key_pos[i], "unknown key \"" + k + "\" in " + where + " (expected one of: " + list + ")");
        }
    }
}

const Value& Checker::required(const Value& obj, const char* key, const std::string& message) const {
    const Value* v = obj.find(key);
    if (!v) fail(obj.pos, message);
    return *v;
}

std::string Checker::string(const Value& v, const std::string& what) const {
    expect(v, Value::String, what);
    return v.str;
}

bool Checker::boolean(const Value& v, const std::string& what) const {
    expect(v, Value::Bool, what);
    return v.b;
}

double Checker::number(const Value& v, const std::string& what, double lo, double hi) const {
    expect(v, Value::Number, what);
    if (v.num < lo || v.num > hi)
        fail(v.pos, what + " = " + number_text(v.num) + " is out of range (" + number_text(lo) + " to " +
                        number_text(hi) + ")");
    return v.num;
}

int Checker::keyword(const Value& v, const Keywords& t, const std::string& what) const {
    expect(v, Value::String, what);
    for (const auto& k : t)
        if (v.str == k.key) return k.value;
    fail(v.pos, "unknown " + what + " \"" + v.str + "\" (expected one of: " + quoted_list(t) + ")");
}

}  // namespace geo::json
