#include "geo/io/user_layer.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "geo/core/crs.h"
#include "geo/core/error.h"

namespace geo {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && lower(s.substr(s.size() - suffix.size())) == suffix;
}

bool is_connection(const std::string& path) {
    const size_t colon = path.find(':');
    return colon != std::string::npos && colon > 1 && path.rfind("/vsi", 0) != 0 && path.find('/') > colon;
}

// The extensions a folder's files are listed by when a folder is given instead of a file.
bool looks_like_vector_file(const std::string& name) {
    for (const char* e : {".gpkg", ".geojson", ".json", ".shp", ".zip", ".csv", ".kml", ".kmz", ".fgb", ".osm",
                          ".pbf", ".gml", ".sqlite", ".tab", ".mif", ".gpx"})
        if (ends_with(name, e)) return true;
    return false;
}

[[noreturn]] void refuse_folder(const std::string& path) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(path, ec))
        if (e.is_regular_file(ec) && looks_like_vector_file(e.path().filename().string()))
            names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string list;
    for (size_t i = 0; i < names.size() && i < 8; ++i) list += (i ? ", " : "") + names[i];
    if (names.size() > 8) list += ", ...";
    throw DataError(path, "is a folder, not a file; add one of its files as a layer" +
                              (list.empty() ? std::string(" (it holds no GeoPackage, GeoJSON, Shapefile, CSV, KML, "
                                                          "FlatGeobuf or OSM file)")
                                            : " (" + list + ")"));
}

struct DsCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DsPtr = std::unique_ptr<GDALDataset, DsCloser>;

DsPtr open_quietly(const std::string& path, const std::vector<std::string>& oo_strings) {
    std::vector<const char*> oo;
    for (const auto& s : oo_strings) oo.push_back(s.c_str());
    oo.push_back(nullptr);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    DsPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, oo.data(), nullptr));
    CPLPopErrorHandler();
    CPLErrorReset();
    return ds;
}

// A CSV carries no CRS. Its coordinates tell which of the two usual ones it is: degrees (WGS84 lon/lat) or RD
// metres; anything else is refused with how to say which one it is.
std::string csv_crs(const std::string& path, OGRLayer* layer, std::vector<std::string>& notes) {
    if (layer->GetSpatialRef()) return "";
    OGREnvelope e;
    if (layer->GetExtent(&e, TRUE) != OGRERR_NONE) {  // no geometry: reported after reading
        if (layer->GetFeatureCount(TRUE) == 0) throw DataError(path, "holds no features (0 rows); nothing to show");
        return "";
    }
    if (e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90) {
        notes.push_back(path + ": a CSV has no coordinate reference system; its coordinates are read as WGS84 "
                               "longitude/latitude (EPSG:4326)");
        return kWGS84;
    }
    if (e.MinX >= -7000 && e.MaxX <= 300000 && e.MinY >= 289000 && e.MaxY <= 629000) {
        notes.push_back(path + ": a CSV has no coordinate reference system; its coordinates are read as RD New "
                               "metres (EPSG:28992)");
        return kRD;
    }
    throw DataError(path, "a CSV has no coordinate reference system and its coordinates are neither longitude/"
                          "latitude degrees nor RD metres; convert it with a CRS, e.g. ogr2ogr -a_srs EPSG:3857 "
                          "out.gpkg " + path + " (-a_srs names the CRS the coordinates are in)");
}

const std::vector<std::string>& csv_open_options() {
    static const std::vector<std::string> oo = {
        "X_POSSIBLE_NAMES=lon,lng,long,longitude,x,easting,lengtegraad",
        "Y_POSSIBLE_NAMES=lat,latitude,y,northing,breedtegraad",
        "GEOM_POSSIBLE_NAMES=wkt,geometry,geom,the_geom,wkt_geom",
        "KEEP_GEOM_COLUMNS=NO",
    };
    return oo;
}

// Where the features lie: their bbox centre in WGS84, for messages.
std::string where_text(const BBox& b) {
    P2 c = rd_to_wgs84(b.centre());
    char buf[160];
    std::snprintf(buf, sizeof buf, "around lon %.2f, lat %.2f (RD x %.0f, y %.0f)", c.x, c.y, b.centre().x,
                  b.centre().y);
    return buf;
}

// True when most sample points of the layer land inside the region once latitude and longitude (or RD x and y)
// are swapped.
bool swapped_fits(const VectorLayer& l, const BBox& region) {
    int tried = 0, in_swapped = 0;
    auto test = [&](P2 p) {
        if (tried >= 200) return;
        ++tried;
        P2 ll = rd_to_wgs84(p);
        P2 s = wgs84_to_rd(ll.y, ll.x);
        P2 rd_swapped{p.y, p.x};
        if ((std::isfinite(s.x) && region.contains(s)) || region.contains(rd_swapped)) ++in_swapped;
    };
    for (const auto& f : l.features) {
        for (const auto& p : f.points) test(p);
        for (const auto& ls : f.lines) test(ls.front());
        for (const auto& poly : f.polys) test(poly.rings[0].front());
    }
    return tried > 0 && in_swapped * 2 > tried;
}

void check_region(const UserLayer& u, const std::string& path, const BBox& region) {
    if (region.empty()) return;
    for (const auto& f : u.data.features)
        if (!f.bbox.empty() && f.bbox.intersects(region)) return;
    if (swapped_fits(u.data, region))
        throw DataError(path, "latitude and longitude look swapped: the features lie " + where_text(u.data.bbox) +
                                  ", far outside the map, but inside it with the two exchanged; swap the columns "
                                  "(longitude is about 6-7 in Twente, latitude about 52)");
    throw DataError(path, "lies outside the map's region: its features lie " + where_text(u.data.bbox) +
                              ", the map shows Twente (around lon 6.7, lat 52.3); check the file's CRS");
}

void count_kinds(UserLayer& u) {
    for (const auto& f : u.data.features) {
        u.point_count += f.points.empty() ? 0 : 1;
        u.line_count += f.lines.empty() ? 0 : 1;
        u.polygon_count += f.polys.empty() ? 0 : 1;
    }
    const int kinds = (u.point_count > 0) + (u.line_count > 0) + (u.polygon_count > 0);
    u.kind = kinds == 0 ? GeomKind::None
             : kinds > 1 ? GeomKind::Mixed
             : u.point_count ? GeomKind::Points
             : u.line_count ? GeomKind::Lines
                            : GeomKind::Polygons;
}

// OSM files hold several layers; without a layer name the points, lines and areas are read together.
VectorLayer read_osm(const std::string& path, const ReadOptions& base) {
    VectorLayer all;
    for (const char* name : {"points", "lines", "multipolygons"}) {
        ReadOptions o = base;
        o.layer = name;
        VectorLayer l = read_vector(path, o);
        if (all.source.empty()) {
            all.source = l.source;
            all.name = "osm";
        }
        for (auto& f : l.fields)
            if (std::find(all.fields.begin(), all.fields.end(), f) == all.fields.end()) all.fields.push_back(f);
        for (auto& f : l.features) all.features.push_back(std::move(f));
        for (auto& w : l.warnings) all.warnings.push_back(std::move(w));
        all.bbox.add(l.bbox);
    }
    return all;
}

std::string display_name(const LayerSpec& s, const std::string& layer_read) {
    if (!s.layer.empty()) return s.layer;
    if (is_connection(s.path)) return layer_read;
    std::string file = fs::path(s.path).filename().string();
    std::string stem = fs::path(s.path).stem().string();
    return stem.empty() ? file : stem;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty() || from == to) return s;
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

UserLayer read_checked(const LayerSpec& s, const UserLayerOptions& opt) {
    const std::string& path = s.path;
    std::error_code ec;
    if (!is_connection(path) && fs::is_directory(path, ec) && !ends_with(path, ".gdb")) refuse_folder(path);
    ReadOptions ro;
    ro.layer = s.layer;
    ro.progress = opt.progress;
    std::vector<std::string> notes;
    const bool csv = ends_with(path, ".csv") || ends_with(path, ".tsv");
    if (csv) ro.open_options = csv_open_options();
    const bool osm = (ends_with(path, ".osm") || ends_with(path, ".pbf")) && s.layer.empty();
    if (!osm) {
        // A look before reading: the layers there are (to say which one is shown) and a CSV's CRS.
        if (DsPtr ds = open_quietly(path, ro.open_options)) {
            OGRLayer* l = s.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(s.layer.c_str());
            if (csv && l && l->GetGeomType() == wkbNone) {
                const GIntBig n = l->GetFeatureCount(TRUE);
                if (n == 0) throw DataError(path, "holds no features (0 rows); nothing to show");
                std::string cols;
                OGRFeatureDefn* d = l->GetLayerDefn();
                for (int i = 0; i < d->GetFieldCount(); ++i) cols += std::string(i ? ", " : "") + d->GetFieldDefn(i)->GetNameRef();
                throw DataError(path, "has " + std::to_string(n) + " features but none with a geometry; a CSV needs "
                                      "longitude/latitude columns (lon/lat, longitude/latitude, X/Y) or a WKT column "
                                      "(its columns: " + cols + ")");
            }
            if (csv && l) ro.assume_crs = csv_crs(path, l, notes);
            if (s.layer.empty() && ds->GetLayerCount() > 1 && l) {
                std::string names;
                for (auto* other : ds->GetLayers()) names += std::string(names.empty() ? "" : ", ") + other->GetName();
                notes.push_back(path + ": holds " + std::to_string(ds->GetLayerCount()) + " layers (" + names +
                                "); showing '" + l->GetName() + "' -- add another as PATH,LAYER");
            }
        }
    }
    UserLayer u;
    u.data = osm ? read_osm(path, ro) : read_vector(path, ro);
    u.data.warnings.insert(u.data.warnings.begin(), notes.begin(), notes.end());
    u.name = display_name(s, u.data.name);
    count_kinds(u);
    const std::string what = s.layer.empty() ? std::string() : "layer '" + s.layer + "' ";
    if (u.data.features.empty())
        throw DataError(path, what + "holds no features (0 rows); nothing to show");
    if (u.kind == GeomKind::None)
        throw DataError(path, what + "has " + std::to_string(u.data.features.size()) + " features but none with a " +
                                  "geometry" +
                                  (csv ? "; a CSV needs longitude/latitude columns (lon/lat, longitude/latitude, "
                                         "X/Y) or a WKT column"
                                       : std::string()));
    check_region(u, path, opt.region);
    return u;
}

}  // namespace

LayerSpec parse_layer_spec(const std::string& spec) {
    std::error_code ec;
    const size_t comma = spec.rfind(',');
    if (comma == std::string::npos || comma == 0 || fs::exists(spec, ec)) return {spec, ""};
    std::string layer = spec.substr(comma + 1);
    // "a,b/c.gpkg" (a comma in a folder name): the part after the comma is no layer name.
    if (layer.empty() || layer.find('/') != std::string::npos) return {spec, ""};
    return {spec.substr(0, comma), layer};
}

std::string mask_password(const std::string& s) {
    std::string out = s;
    const std::string lo = lower(s);
    size_t at = lo.find("password=");
    while (at != std::string::npos) {
        const size_t start = at + 9;
        size_t end = start;
        if (end < out.size() && (out[end] == '\'' || out[end] == '"')) {
            const char q = out[end];
            end = out.find(q, end + 1);
            end = end == std::string::npos ? out.size() : end + 1;
        } else {
            while (end < out.size() && out[end] != ' ' && out[end] != ',') ++end;
        }
        out.replace(start, end - start, "***");
        at = lower(out).find("password=", start + 3);
    }
    return out;
}

const char* geom_kind_name(GeomKind k) {
    switch (k) {
        case GeomKind::Points: return "points";
        case GeomKind::Lines: return "lines";
        case GeomKind::Polygons: return "polygons";
        case GeomKind::Mixed: return "mixed";
        case GeomKind::None: break;
    }
    return "none";
}

UserLayer read_user_layer(const std::string& spec, const UserLayerOptions& opt) {
    gdal_init();
    const LayerSpec s = parse_layer_spec(spec);
    const std::string shown = mask_password(s.path);
    try {
        UserLayer u = read_checked(s, opt);
        u.spec = mask_password(spec);
        u.data.source = shown;
        for (auto& w : u.data.warnings) w = replace_all(w, s.path, shown);
        return u;
    } catch (const LoadCancelled&) {
        throw LoadCancelled(shown);
    } catch (const DataError& e) {
        if (shown == s.path) throw;
        std::string msg = e.what();
        if (msg.rfind(s.path + ": ", 0) == 0) msg = msg.substr(s.path.size() + 2);
        throw DataError(shown, replace_all(msg, s.path, shown));
    }
}

}  // namespace geo
