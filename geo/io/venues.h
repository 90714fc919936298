// The venue and heritage catalogue compiled by the project (assets/venues.csv).
// CSV columns (header required, UTF-8, comma-separated, fields with commas in double quotes):
//   id,name,category,gemeente,lon,lat,precision,capacity,source
//   id        short stable slug, unique (e.g. "enschede-tetem")
//   category  one of the keys of enum Category below (e.g. "pop", "heritage")
//   gemeente  CBS municipality code GMxxxx where the venue lies
//   lon,lat   WGS84 decimal degrees
//   precision "exact" (building entrance/centre within ~50 m) or "approximate"
//   capacity  seats/visitors where known, else empty
//   source    short note where the fact comes from
#pragma once
#include <array>
#include <string>
#include <vector>

#include "geo/core/types.h"

namespace geo {

enum class Category : int {
    ThirdPlace = 0,   // "third_place": derde plek
    Pop,              // "pop": poppodium / music venue
    Theatre,          // "theatre": theatre, concert hall, music theatre
    Museum,           // "museum": museum / exposition
    Library,          // "library": library / kulturhus
    Maker,            // "maker": maker place, creativity + technology (CREATECH)
    Education,        // "education": arts education, music school
    Festival,         // "festival": festival site
    Heritage,         // "heritage": industrial heritage
    Count
};
constexpr int kCategoryCount = int(Category::Count);

const char* category_key(Category c);              // "pop"
bool category_from_key(const std::string& k, Category& out);

struct Venue {
    std::string id, name;
    Category category = Category::ThirdPlace;
    std::string gemeente;  // GMxxxx
    double lon = 0, lat = 0;
    P2 pos;                // RD
    bool exact = false;
    double capacity = 0;   // 0 = unknown
    std::string source;
    int line = 0;          // line in the catalogue file (0: not read from a file)
};

// Reads the catalogue (through GDAL's CSV driver). Throws DataError naming file, line and field on bad rows.
std::vector<Venue> read_venues(const std::string& path);
// The same from CSV text already in memory; messages name `path_for_messages`.
std::vector<Venue> parse_venues(const std::string& text, const std::string& path_for_messages);
struct CsvTable;
// The venues of a CSV table with the catalogue's columns (extra columns are ignored), checked row by row.
std::vector<Venue> venues_from_table(const CsvTable& t);

}  // namespace geo
