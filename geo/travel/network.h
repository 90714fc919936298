// Transport networks that feed the friction grid: roads (optional) and rail (stations + track).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "geo/io/vector_io.h"
#include "geo/travel/params.h"

namespace geo {

struct RoadSegment {
    LineString line;  // RD
    RoadClass cls = RoadClass::Unknown;
};

struct RoadLayer {
    std::string source;  // file it came from
    std::vector<RoadSegment> roads;
    size_t skipped = 0;  // features without a recognised class
    std::vector<std::string> warnings;  // from the vector reader, e.g. OSM ways with dangling node references
};

struct RoadReadOptions {
    std::string layer;                 // empty: "lines" for OSM files, else the first layer
    std::string class_field;           // empty: "highway", else the first of highway/class/road_class/fclass found
    std::optional<BBox> bbox_rd;       // spatial filter
};

// Reads a road layer: an OSM file (.osm / .pbf, through GDAL's OSM driver, layer "lines", field "highway")
// or any GDAL vector file (e.g. GeoPackage) with line geometries and a road class field holding OSM highway
// names (motorway, primary, residential, cycleway, ...). Throws DataError naming the file when it cannot be
// read, has no class field, or holds no usable road.
RoadLayer read_roads(const std::string& path, const RoadReadOptions& opt = {});

// The roads of lines already read (a user layer in the window, issue 12: the same rule as read_roads): the class
// from `class_field` ("" = the first of highway/class/road_class/fclass/type present); features without a
// recognised class are skipped. Throws DataError naming `source` when no class field exists or no line has a class.
RoadLayer roads_from_vector(VectorLayer vl, const std::string& source, const std::string& class_field = "");

// Rail: station-to-station distances along the track.
struct RailLink {
    int a = 0, b = 0;     // indices into RailNetwork::stations
    double metres = 0;    // distance along the track
};

struct RailNetwork {
    std::vector<P2> stations;        // RD positions of the stations that lie on the track
    std::vector<std::string> names;
    std::vector<RailLink> links;     // every connected pair once (a < b)
};

// Builds the track graph from the rail lines (segments whose end points lie within `join_m` are joined),
// snaps each station to its nearest track vertex (stations further than snap_m are dropped) and computes
// track distances between all connected station pairs.
RailNetwork build_rail_network(const std::vector<P2>& station_pos, const std::vector<std::string>& station_names,
                               const std::vector<LineString>& rail, double snap_m = 500, double join_m = 25);

}  // namespace geo
