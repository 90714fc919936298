// libFuzzer target: vector import through GDAL (geo::read_vector), as a user-supplied file would be read, and
// the user-layer reader on top of it (geo::read_user_layer: CSV lon/lat/WKT columns, CRS guess, swap and region
// checks; issue 12).
// The input is written to a temporary file whose extension follows the content (GeoPackage/SQLite, OSM XML,
// GeoJSON, else CSV), then read with and without polygon validation. Any input must either load or throw
// DataError naming the file; every coordinate that comes out must be finite.
// Note: GDAL itself is not instrumented for coverage, so the fuzzer mainly explores our side (geometry
// conversion, transformation, warnings); crashes inside GDAL would still be caught by ASan.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "geo/core/error.h"
#include "geo/io/user_layer.h"
#include "geo/io/vector_io.h"

namespace {

std::string temp_path(const char* ext) {
    static const std::string base =
        (std::filesystem::temp_directory_path() / ("trekkaart-fuzz-" + std::to_string(::getpid()))).string();
    return base + ext;
}

const char* extension_for(const uint8_t* d, size_t n) {
    auto starts = [&](const char* s) { return n >= std::strlen(s) && std::memcmp(d, s, std::strlen(s)) == 0; };
    if (starts("SQLite format 3")) return ".gpkg";
    if (starts("<?xml") || starts("<osm")) return ".osm";
    if (starts("{") || starts("[")) return ".geojson";
    return ".csv";
}

void check(const geo::VectorLayer& l) {
    for (const auto& f : l.features) {
        for (const auto& p : f.points)
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) __builtin_trap();
        for (const auto& ls : f.lines)
            for (const auto& p : ls)
                if (!std::isfinite(p.x) || !std::isfinite(p.y)) __builtin_trap();
        for (const auto& poly : f.polys)
            for (const auto& r : poly.rings)
                for (const auto& p : r)
                    if (!std::isfinite(p.x) || !std::isfinite(p.y)) __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = temp_path(extension_for(data, size));
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    for (bool validate : {false, true}) {
        geo::ReadOptions o;
        o.validate = validate;
        o.assume_crs = validate ? "EPSG:28992" : "";  // second pass also reads layers without CRS
        try {
            check(geo::read_vector(path, o));
        } catch (const geo::DataError& e) {
            if (e.file != path) __builtin_trap();
        }
    }
    try {
        geo::UserLayerOptions uo;
        uo.region = geo::BBox{200000, 420000, 300000, 520000};
        check(geo::read_user_layer(path, uo).data);
    } catch (const geo::DataError& e) {
        if (e.file != path) __builtin_trap();
    }
    std::remove(path.c_str());
    return 0;
}
