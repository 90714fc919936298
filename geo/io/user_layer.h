// The user's own layers (issue 12): anything GDAL reads -- a file, "path,LAYER", a /vsizip/ path, a PG:
// connection string -- read into EPSG:28992 with the checks a person dropping a file on the map needs: a CRS
// (refused without one, with how to set it), CSV with lon/lat or WKT columns, a lat/lon-swapped CSV, a layer
// outside the map's region, 0 features, a folder. Every message names the file (connection passwords masked).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "geo/io/vector_io.h"

namespace geo {

// What a layer spec names: the dataset GDAL opens and the layer in it ("" = the first / the usual ones).
struct LayerSpec {
    std::string path;
    std::string layer;
};
// "PATH" or "PATH,LAYER". A PATH that exists as given (even with a comma in it) is taken whole.
LayerSpec parse_layer_spec(const std::string& spec);

// The spec as it may be shown: "password=..." in a connection string becomes "password=***".
std::string mask_password(const std::string& s);

enum class GeomKind { Points, Lines, Polygons, Mixed, None };
const char* geom_kind_name(GeomKind k);  // "points", "lines", "polygons", "mixed", "none"

struct UserLayer {
    std::string spec;   // as given (path[,layer]), password masked
    std::string name;   // for the legend and the layers panel: the layer name, else the file name
    GeomKind kind = GeomKind::None;
    VectorLayer data;   // features in RD, field names in order, warnings naming the file
    size_t point_count = 0, line_count = 0, polygon_count = 0;
};

struct UserLayerOptions {
    // The map's region in RD (Dataset::region_bbox). A layer with no feature inside it is refused; empty: no check.
    BBox region;
    // Progress (0..1, or -1 when unknown) and cancel: return false to stop (read_user_layer throws LoadCancelled).
    std::function<bool(double)> progress;
};

// Reads a user layer. Throws DataError (file = the masked spec's path) with a message that names the file and
// says what is wrong and what to do: missing file, a folder, an unreadable format, no CRS ("ogr2ogr -a_srs"),
// latitude and longitude swapped, outside the region, no features.
UserLayer read_user_layer(const std::string& spec, const UserLayerOptions& opt = {});

}  // namespace geo
