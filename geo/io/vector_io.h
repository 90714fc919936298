// Reading vector layers through GDAL/OGR into EPSG:28992.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/core/error.h"
#include "geo/core/types.h"

namespace geo {

struct Feature {
    MultiPolygon polys;                // polygon geometries
    std::vector<LineString> lines;     // line geometries
    std::vector<P2> points;            // point geometries
    std::map<std::string, std::string> attrs;
    BBox bbox;

    const std::string& get(const std::string& key) const;  // "" when missing
    std::optional<double> num(const std::string& key) const;
};

struct VectorLayer {
    std::string name;    // layer name in the source
    std::string source;  // path
    std::vector<std::string> fields;  // the layer's attribute names, in the source's order
    std::vector<Feature> features;
    BBox bbox;
    // Non-fatal problems, each naming the file: coordinates that are not finite (skipped), text that is not
    // UTF-8 (read as Latin-1), OSM ways with dangling node references, invalid polygons (ReadOptions::validate),
    // axes that look swapped. The layer is still usable; show these to the user.
    std::vector<std::string> warnings;
};

struct ReadOptions {
    std::string layer;                       // empty: the first layer
    std::string where;                       // OGR attribute filter (SQL WHERE)
    std::optional<BBox> bbox_rd;             // spatial filter in RD
    std::string assume_crs;                  // used when the layer has no CRS; empty: error
    std::vector<std::string> open_options;   // GDAL open options, e.g. "X_POSSIBLE_NAMES=lon"
    std::vector<std::string> fields;         // attributes to read; empty: all (others are skipped: faster)
    bool validate = false;                   // check polygons with GEOS IsValid (slow); problems become warnings
    // Called every few thousand features with the share read so far (0..1; -1 when the driver cannot count
    // the features cheaply). Return false to cancel: read_vector then throws LoadCancelled.
    std::function<bool(double)> progress;
};

// Thrown by read_vector when ReadOptions::progress returned false.
struct LoadCancelled : DataError {
    explicit LoadCancelled(const std::string& file) : DataError(file, "loading cancelled") {}
};

// Reads a layer and transforms every coordinate to EPSG:28992. `path` is anything GDAL opens: a file, a
// /vsizip/... path or a PG: connection string.
// Throws DataError naming the file on a missing/unreadable file, a missing layer, a layer without CRS, or a
// read error part-way (truncated or corrupt file). Smaller problems go to VectorLayer::warnings.
VectorLayer read_vector(const std::string& path, const ReadOptions& opt = {});

// Ensures GDAL drivers are registered and error output is routed to our messages (idempotent).
void gdal_init();

}  // namespace geo
