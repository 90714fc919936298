#include "geo/io/table_csv.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "geo/core/error.h"

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
    static std::atomic<unsigned> counter{0};
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const std::string text = table_to_csv(t);
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw DataError(path, "cannot create the file (is the folder writable?)");
        f.write(text.data(), std::streamsize(text.size()));
        f.flush();
        if (!f) {
            f.close();
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw DataError(path, "writing failed (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw DataError(path, "cannot move the finished file into place: " + ec.message());
    }
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
