// A small RFC 4180 CSV reader that keeps line numbers, so errors can say "file:line: column x: ...".
#pragma once
#include <string>
#include <vector>

namespace geo {

struct CsvRow {
    int line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

struct CsvTable {
    std::string path;
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    int column(const std::string& name) const;  // -1 when absent
    // Column index or DataError "path: missing column 'name' (header: ...)".
    int require(const std::string& name) const;
};

// Reads a UTF-8 CSV (optional BOM) with a header line. Throws DataError on an unreadable file,
// an unterminated quote, invalid UTF-8, or a row whose field count differs from the header.
CsvTable read_csv(const std::string& path);
CsvTable parse_csv(const std::string& text, const std::string& path_for_messages);

// Strict number parsing: whole field must be a finite number.
bool parse_double(const std::string& s, double& out);
bool valid_utf8(const std::string& s);

}  // namespace geo
