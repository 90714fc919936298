// Writing tables (e.g. coverage per municipality) as CSV.
#pragma once
#include <string>
#include <vector>

namespace geo {

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // each as long as columns
};

// RFC 4180 text: comma-separated, fields with comma, quote, CR or LF quoted (quotes doubled), CRLF-free ("\n").
std::string table_to_csv(const Table& t);

// Writes table_to_csv(t) as UTF-8 through geo::AtomicFile (temporary file beside `path`, fsync, rename).
// Throws DataError naming the path on failure or when a row's length differs from the header.
void write_csv(const Table& t, const std::string& path);

// Number formatting for tables: fixed with `decimals` digits; NaN/inf give "" (empty field).
std::string fmt_num(double v, int decimals = 2);

}  // namespace geo
