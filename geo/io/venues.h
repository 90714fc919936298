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
// Optional columns (issue 16; a file without them still loads, as do old venue_edits.csv files):
//   position_source   how the point was obtained: address_point, monument_register, published_coordinate,
//                     venue_page, street_estimate, place_centroid (see assets/VENUES.md); empty = not recorded
//   position_error_m  likely error of the point in metres (0 or empty = not recorded)
//   address           street address as the source gives it ("Kerkplein 4, Denekamp"); empty = not known
//   note_nl, note_en  a short description/qualifier in Dutch and English (names stay as used locally)
//   end_date          YYYY-MM-DD the venue closed; closed venues are kept in the file but read_venues leaves
//                     them out (they are not shown and not counted in any analysis)
// The category metadata (what "complete" means per category) is a second file, venues_meta.csv (below).
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
    std::string position_source;  // "" = not recorded
    double position_error_m = 0;  // 0 = not recorded
    std::string address, note_nl, note_en;
    std::string end_date;         // "" = open; else YYYY-MM-DD
    int line = 0;          // line in the catalogue file (0: not read from a file)
};

// The accepted values of position_source.
const std::vector<std::string>& position_source_keys();

// True when the venue has an end date on or before `today` (YYYY-MM-DD; empty = the current UTC date).
bool venue_closed(const Venue& v, const std::string& today = "");
// Removes the closed venues (venue_closed) and returns how many were removed.
int drop_closed_venues(std::vector<Venue>& venues, const std::string& today = "");

// Reads the catalogue. Throws DataError naming file, line and field on bad rows. Closed venues (end_date on or
// before today) are left out.
std::vector<Venue> read_venues(const std::string& path);
// The same from CSV text already in memory; messages name `path_for_messages`. `today` as for venue_closed.
std::vector<Venue> parse_venues(const std::string& text, const std::string& path_for_messages,
                                const std::string& today = "");
struct CsvTable;
// The venues of a CSV table with the catalogue's columns (extra columns are ignored), checked row by row.
// Closed venues are kept (the caller decides; the edits file needs every row).
std::vector<Venue> venues_from_table(const CsvTable& t);

// What the catalogue says about its own completeness, per category (assets/venues_meta.csv):
//   category,complete,known_missing,as_of,sources,note_nl,note_en
//   complete       "yes" or "no"
//   known_missing  venues known to exist that the catalogue lacks (a number, 0 when complete)
//   as_of          YYYY-MM-DD the source lists were consulted
//   note_nl/en     the short note the legend and the figures show, e.g. "onvolledig: 3 bekend ontbrekend"
struct CategoryMeta {
    bool known = false;  // a row for the category was read
    bool complete = false;
    int known_missing = 0;
    std::string as_of, sources, note_nl, note_en;
};
using CatalogueMeta = std::array<CategoryMeta, kCategoryCount>;
// A missing file gives an all-unknown table; a bad one throws DataError naming file, line and column.
CatalogueMeta read_catalogue_meta(const std::string& path);
CatalogueMeta parse_catalogue_meta(const std::string& text, const std::string& path_for_messages);

}  // namespace geo
