#include "geo/io/json.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace geo::json {

Value::Value() = default;

const Value* Value::find(std::string_view key) const {
    for (const auto& [k, v] : obj)
        if (k == key) return &v;
    return nullptr;
}

const char* Value::type_name() const {
    switch (type) {
        case Null: return "null";
        case Bool: return "a boolean";
        case Number: return "a number";
        case String: return "a string";
        case Array: return "an array";
        case Object: return "an object";
    }
    return "?";
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view s) : s_(s) {}

    bool run(Value& out, ParseError& err) {
        try {
            skip_ws();
            value(out, 0);
            skip_ws();
            if (i_ < s_.size()) fail("unexpected text after the end of the JSON value");
            return true;
        } catch (const ParseError& e) {
            err = e;
            return false;
        }
    }

private:
    std::string_view s_;
    size_t i_ = 0;
    int line_ = 1, col_ = 1;

    Pos here() const { return {line_, col_}; }
    [[noreturn]] void fail(const std::string& msg) const { throw ParseError{here(), msg}; }
    [[noreturn]] void fail_at(Pos p, const std::string& msg) const { throw ParseError{p, msg}; }
    bool eof() const { return i_ >= s_.size(); }
    char peek() const { return eof() ? '\0' : s_[i_]; }

    // Moves past one byte, keeping line/column (columns count code points: continuation bytes don't advance).
    void bump() {
        const unsigned char c = (unsigned char)s_[i_++];
        if (c == '\n') {
            ++line_;
            col_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++col_;
        }
    }

    void skip_ws() {
        while (!eof()) {
            char c = s_[i_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') bump();
            else break;
        }
    }

    static std::string describe(char c) {
        if (c == '\0') return "end of file";
        if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f) {
            char b[16];
            std::snprintf(b, sizeof b, "byte 0x%02X", (unsigned char)c);
            return b;
        }
        return std::string("'") + c + "'";
    }

    [[noreturn]] void unexpected(const char* expected) {
        if (eof()) fail(std::string("unexpected end of file (truncated?), expected ") + expected);
        fail("unexpected " + describe(peek()) + ", expected " + expected);
    }

    void value(Value& v, int depth) {
        if (depth > 64) fail("nesting deeper than 64 levels");
        v.pos = here();
        const char c = peek();
        if (c == '{') object(v, depth);
        else if (c == '[') array(v, depth);
        else if (c == '"') { v.type = Value::String; string(v.str); }
        else if (c == '-' || (c >= '0' && c <= '9')) number(v);
        else if (c == 't') literal("true", v, Value::Bool, true);
        else if (c == 'f') literal("false", v, Value::Bool, false);
        else if (c == 'n') literal("null", v, Value::Null, false);
        else if (std::isalpha((unsigned char)c)) literal("true, false or null", v, Value::Null, false);
        else if (c == '\'') fail("strings must use double quotes");
        else if (c == '/') fail("comments are not allowed in JSON");
        else unexpected("a value (object, array, string, number, true, false or null)");
    }

    void literal(const char* word, Value& v, Value::Type t, bool b) {
        const size_t n = std::strlen(word);
        if (s_.substr(i_, n) != word) {
            // Name the bare word the file has (e.g. True, nul, NaN).
            size_t j = i_;
            while (j < s_.size() && std::isalnum((unsigned char)s_[j])) ++j;
            fail("unknown word '" + std::string(s_.substr(i_, std::min<size_t>(j - i_, 20))) + "' (expected " +
                 word + ")");
        }
        for (size_t k = 0; k < n; ++k) bump();
        v.type = t;
        v.b = b;
    }

    void object(Value& v, int depth) {
        v.type = Value::Object;
        bump();  // {
        skip_ws();
        if (peek() == '}') { bump(); return; }
        for (;;) {
            skip_ws();
            if (peek() != '"') {
                if (peek() == '}') fail("trailing comma before '}'");
                unexpected("a member name in double quotes");
            }
            const Pos kp = here();
            std::string key;
            string(key);
            for (const auto& [k, _] : v.obj)
                if (k == key) fail_at(kp, "duplicate key \"" + key + "\"");
            skip_ws();
            if (peek() != ':') unexpected("':' after the member name");
            bump();
            skip_ws();
            Value child;
            value(child, depth + 1);
            v.obj.emplace_back(std::move(key), std::move(child));
            v.key_pos.push_back(kp);
            skip_ws();
            if (peek() == ',') { bump(); continue; }
            if (peek() == '}') { bump(); return; }
            unexpected("',' or '}'");
        }
    }

    void array(Value& v, int depth) {
        v.type = Value::Array;
        bump();  // [
        skip_ws();
        if (peek() == ']') { bump(); return; }
        for (;;) {
            skip_ws();
            if (peek() == ']') fail("trailing comma before ']'");
            Value child;
            value(child, depth + 1);
            v.arr.push_back(std::move(child));
            skip_ws();
            if (peek() == ',') { bump(); continue; }
            if (peek() == ']') { bump(); return; }
            unexpected("',' or ']'");
        }
    }

    static void put_utf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    uint32_t hex4() {
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = peek();
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) unexpected("4 hex digits after \\u");
            v = v * 16 + uint32_t(d);
            bump();
        }
        return v;
    }

    // Checks one raw UTF-8 sequence starting at i_ and copies it to out.
    void utf8_char(std::string& out) {
        const unsigned char c = (unsigned char)s_[i_];
        int n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (n == 0 || i_ + n > s_.size()) fail("invalid UTF-8 byte sequence in string");
        uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        for (int k = 1; k < n; ++k) {
            const unsigned char d = (unsigned char)s_[i_ + k];
            if ((d & 0xC0) != 0x80) fail("invalid UTF-8 byte sequence in string");
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            fail("invalid UTF-8 byte sequence in string");
        for (int k = 0; k < n; ++k) { out += s_[i_]; bump(); }
    }

    void string(std::string& out) {
        const Pos start = here();
        bump();  // opening quote
        for (;;) {
            if (eof()) fail_at(start, "string is not closed (missing '\"')");
            const unsigned char c = (unsigned char)s_[i_];
            if (c == '"') { bump(); return; }
            if (c == '\n') fail("line break inside a string (write \\n, or is a '\"' missing?)");
            if (c < 0x20) fail("control character " + describe(char(c)) + " inside a string (escape it)");
            if (c >= 0x80) { utf8_char(out); continue; }
            if (c != '\\') { out += char(c); bump(); continue; }
            bump();  // backslash
            const char e = peek();
            switch (e) {
                case '"': out += '"'; bump(); break;
                case '\\': out += '\\'; bump(); break;
                case '/': out += '/'; bump(); break;
                case 'b': out += '\b'; bump(); break;
                case 'f': out += '\f'; bump(); break;
                case 'n': out += '\n'; bump(); break;
                case 'r': out += '\r'; bump(); break;
                case 't': out += '\t'; bump(); break;
                case 'u': {
                    bump();
                    uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {  // high surrogate: a low one must follow
                        if (peek() != '\\' || i_ + 1 >= s_.size() || s_[i_ + 1] != 'u')
                            fail("\\u escape: a high surrogate must be followed by a low surrogate");
                        bump();
                        bump();
                        const uint32_t lo = hex4();
                        if (lo < 0xDC00 || lo > 0xDFFF) fail("\\u escape: invalid low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail("\\u escape: lone low surrogate");
                    }
                    put_utf8(out, cp);
                    break;
                }
                default:
                    if (eof()) fail_at(start, "string is not closed (missing '\"')");
                    fail("invalid escape \\" + std::string(1, e) + " in string");
            }
        }
    }

    void number(Value& v) {
        const size_t b = i_;
        auto digits = [&] {
            size_t n = 0;
            while (!eof() && peek() >= '0' && peek() <= '9') { bump(); ++n; }
            return n;
        };
        if (peek() == '-') bump();
        if (peek() == '0') {
            bump();
            if (peek() >= '0' && peek() <= '9') fail("numbers must not have leading zeros");
        } else if (digits() == 0) {
            unexpected("a digit");
        }
        if (peek() == '.') {
            bump();
            if (digits() == 0) unexpected("a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            bump();
            if (peek() == '+' || peek() == '-') bump();
            if (digits() == 0) unexpected("a digit in the exponent");
        }
        const std::string_view t = s_.substr(b, i_ - b);
        double d = 0;
        auto r = std::from_chars(t.data(), t.data() + t.size(), d);
        if (r.ec != std::errc() || !std::isfinite(d)) fail_at(v.pos, "number out of range: " + std::string(t));
        v.type = Value::Number;
        v.num = d;
    }
};

}  // namespace

bool parse(std::string_view text, Value& out, ParseError& err) {
    out = Value{};
    // A UTF-8 byte-order mark is tolerated (editors on Windows write one).
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return Parser(text).run(out, err);
}

std::string quote(std::string_view s) {
    std::string o = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\r': o += "\\r"; break;
            case '\t': o += "\\t"; break;
            default:
                if (c < 0x20) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    o += b;
                } else {
                    o += char(c);
                }
        }
    }
    return o + "\"";
}

Error::Error(const std::string& file, Pos p, const std::string& msg)
    : DataError(p.line > 0 ? file + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) : file, msg),
      pos(p), message(msg) {
    this->file = file;
}

}  // namespace geo::json
