#include "geo/io/table_csv.h"

#include <cmath>
#include <cstdio>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"

namespace geo {

namespace {

void put_field(std::string& out, const std::string& f) {
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
        out += f;
        return;
    }
    out += '"';
    for (char ch : f) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

void put_row(std::string& out, const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size(); ++i) {
        if (i) out += ',';
        put_field(out, row[i]);
    }
    out += '\n';
}

}  // namespace

std::string table_to_csv(const Table& t) {
    std::string out;
    put_row(out, t.columns);
    for (const auto& r : t.rows) put_row(out, r);
    return out;
}

void write_csv(const Table& t, const std::string& path) {
    for (size_t i = 0; i < t.rows.size(); ++i)
        if (t.rows[i].size() != t.columns.size())
            throw DataError(path, "table row " + std::to_string(i + 1) + " has " + std::to_string(t.rows[i].size()) +
                                      " fields, header has " + std::to_string(t.columns.size()));
    const std::string err = write_file_atomic(path, table_to_csv(t));  // temp file + fsync + rename
    if (!err.empty()) throw_write_error(path, err);
}

std::string fmt_num(double v, int decimals) {
    if (!std::isfinite(v)) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s == "-0" || (s.size() > 1 && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos)) s.erase(0, 1);
    return s;
}

}  // namespace geo
