#include "geo/io/csv.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "geo/core/error.h"

namespace geo {

int CsvTable::column(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return int(i);
    return -1;
}

int CsvTable::require(const std::string& name) const {
    int c = column(name);
    if (c < 0) {
        std::string h;
        for (const auto& s : header) h += (h.empty() ? "" : ",") + s;
        throw DataError(path, "missing column '" + name + "' (header is: " + h + ")");
    }
    return c;
}

bool valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = s[i];
        int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) {
            if (n != 0) return false;
        }
        for (int k = 1; k <= n; ++k)
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        i += n + 1;
    }
    return true;
}

bool parse_double(const std::string& s, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    while (end && (*end == ' ' || *end == '\t')) ++end;
    return end && *end == 0 && std::isfinite(out);
}

CsvTable parse_csv(const std::string& text_in, const std::string& path) {
    CsvTable t;
    t.path = path;
    std::string_view text(text_in);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<CsvRow> rows;
    CsvRow cur;
    std::string field;
    int line = 1;
    cur.line = 1;
    bool in_quotes = false, any = false;
    auto end_field = [&] { cur.fields.push_back(std::move(field)); field.clear(); };
    auto end_row = [&] {
        end_field();
        if (!(cur.fields.size() == 1 && cur.fields[0].empty())) rows.push_back(std::move(cur));
        cur = CsvRow{};
        cur.line = line;
    };
    int quote_line = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        any = true;
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
                else in_quotes = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"') {
            in_quotes = true;
            quote_line = line;
        } else if (c == ',') {
            end_field();
        } else if (c == '\r') {
            // ignore (CRLF)
        } else if (c == '\n') {
            ++line;
            end_row();
        } else {
            field += c;
        }
    }
    if (in_quotes) throw DataError(path, "line " + std::to_string(quote_line) + ": a quoted field is never closed");
    if (any && (!field.empty() || !cur.fields.empty())) end_row();
    if (rows.empty()) throw DataError(path, "is empty (expected a header line and data rows)");
    t.header = rows.front().fields;
    for (auto& h : t.header)
        while (!h.empty() && (h.back() == ' ')) h.pop_back();
    for (size_t i = 1; i < rows.size(); ++i) {
        CsvRow& r = rows[i];
        if (r.fields.size() != t.header.size())
            throw DataError(path, "line " + std::to_string(r.line) + ": " + std::to_string(r.fields.size()) +
                                      " fields, but the header has " + std::to_string(t.header.size()));
        for (size_t k = 0; k < r.fields.size(); ++k)
            if (!valid_utf8(r.fields[k]))
                throw DataError(path, "line " + std::to_string(r.line) + ", column '" + t.header[k] +
                                          "': text is not valid UTF-8 (save the file as UTF-8)");
        t.rows.push_back(std::move(r));
    }
    return t;
}

CsvTable read_csv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path, "cannot open the file (expected a UTF-8 CSV with a header line)");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_csv(ss.str(), path);
}

}  // namespace geo
