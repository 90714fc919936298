// libFuzzer target: the CSV reader and the venue catalogue parser (geo::parse_csv, geo::parse_venues).
// Any input must either parse or throw DataError naming the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/core/error.h"
#include "geo/io/csv.h"
#include "geo/io/venues.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        geo::CsvTable t = geo::parse_csv(text, "fuzz.csv");
        for (const auto& r : t.rows)
            if (r.fields.size() != t.header.size()) __builtin_trap();  // promised by parse_csv
    } catch (const geo::DataError& e) {
        if (e.file != "fuzz.csv") __builtin_trap();
    }
    try {
        auto venues = geo::parse_venues(text, "fuzz.csv");
        for (const auto& v : venues)
            if (v.id.empty() || v.lon < -180 || v.lon > 180 || v.lat < -90 || v.lat > 90) __builtin_trap();
    } catch (const geo::DataError& e) {
        if (e.file != "fuzz.csv") __builtin_trap();
    }
    return 0;
}
