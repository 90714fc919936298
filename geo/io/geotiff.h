// GeoTIFF output (and input, for round trips) of float rasters in EPSG:28992.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "geo/core/grid.h"

namespace geo {

struct GeoTiffOptions {
    float nodata = kNoData;  // written for NaN and +-inf cells (e.g. unreachable), and set as the band's nodata
    std::string description; // band description, e.g. "travel time to nearest pop venue (minutes, bike)"
    std::vector<std::pair<std::string, std::string>> metadata;  // dataset metadata items (e.g. {"ESTIMATE", "..."})
};

// Writes a single-band float32 GeoTIFF, EPSG:28992, DEFLATE-compressed (floating-point predictor, tiled), to a
// temporary file beside `path` (geo::AtomicFile), then fsyncs and renames it into place. Throws DataError naming
// the path on failure; the previous file is then untouched and no temporary file is left.
void write_geotiff(const GridF& grid, const std::string& path, const GeoTiffOptions& opt = {});

// Reads band 1 of a north-up raster into a GridF (cell size from the geotransform, which must be square).
// nodata cells become kNoData. Throws DataError naming the path on failure.
GridF read_geotiff(const std::string& path);

}  // namespace geo
