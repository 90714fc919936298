#include "geo/io/vector_io.h"

#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "geo/core/error.h"
#include "geo/io/csv.h"

namespace geo {

const std::string& Feature::get(const std::string& key) const {
    static const std::string empty;
    auto it = attrs.find(key);
    return it == attrs.end() ? empty : it->second;
}

std::optional<double> Feature::num(const std::string& key) const {
    const std::string& s = get(key);
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) return std::nullopt;
    return v;
}

void gdal_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler);  // we report errors ourselves, with the file name
    });
}

namespace {

struct DsCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

// Coordinates that were dropped (not finite, or outside what the CRS transformation accepts).
struct CoordStats {
    size_t dropped = 0;
    long first_feature = -1;  // index of the first feature with a dropped coordinate
    long feature = 0;         // index of the feature being read
    void drop() {
        if (first_feature < 0) first_feature = feature;
        ++dropped;
    }
};

// Transforms (x, y) in place; false when the point is unusable: not finite, rejected by the transformation,
// or absurdly far away (more than a million km: no place on earth; such values would overflow float maths
// in the renderer and the grids).
bool to_rd(OGRCoordinateTransformation* ct, double& x, double& y, CoordStats& st) {
    constexpr double kFar = 1e9;  // metres
    if (!std::isfinite(x) || !std::isfinite(y) || (ct && !ct->Transform(1, &x, &y)) || !(std::fabs(x) < kFar) ||
        !(std::fabs(y) < kFar)) {
        st.drop();
        return false;
    }
    return true;
}

void add_ring(const OGRLinearRing* lr, OGRCoordinateTransformation* ct, Ring& out, BBox& bb, CoordStats& st) {
    const int n = lr->getNumPoints();
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        double x = lr->getX(i), y = lr->getY(i);
        if (!to_rd(ct, x, y, st)) continue;
        out.push_back({x, y});
        bb.add(out.back());
    }
    if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
}

void add_geometry(const OGRGeometry* g, OGRCoordinateTransformation* ct, Feature& f, CoordStats& st) {
    if (!g) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            auto* p = g->toPoint();
            if (p->IsEmpty()) return;
            double x = p->getX(), y = p->getY();
            if (!to_rd(ct, x, y, st)) return;
            f.points.push_back({x, y});
            f.bbox.add(f.points.back());
            break;
        }
        case wkbLineString: {
            auto* l = g->toLineString();
            LineString ls;
            for (int i = 0; i < l->getNumPoints(); ++i) {
                double x = l->getX(i), y = l->getY(i);
                if (!to_rd(ct, x, y, st)) continue;
                ls.push_back({x, y});
                f.bbox.add(ls.back());
            }
            if (ls.size() >= 2) f.lines.push_back(std::move(ls));
            break;
        }
        case wkbPolygon: {
            auto* poly = g->toPolygon();
            Polygon out;
            if (poly->getExteriorRing()) {
                out.rings.emplace_back();
                add_ring(poly->getExteriorRing(), ct, out.rings.back(), f.bbox, st);
                for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
                    out.rings.emplace_back();
                    add_ring(poly->getInteriorRing(i), ct, out.rings.back(), f.bbox, st);
                }
            }
            if (!out.rings.empty() && out.rings[0].size() >= 3) f.polys.push_back(std::move(out));
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            auto* gc = g->toGeometryCollection();
            for (int i = 0; i < gc->getNumGeometries(); ++i) add_geometry(gc->getGeometryRef(i), ct, f, st);
            break;
        }
        default: {
            // Curves etc.: linearise.
            std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
            if (lin && wkbFlatten(lin->getGeometryType()) != wkbFlatten(g->getGeometryType()))
                add_geometry(lin.get(), ct, f, st);
        }
    }
}

// Text that is not valid UTF-8 is almost always Latin-1 / Windows-1252 (older Dutch and German files):
// read it as Latin-1 so names stay legible and the text renderer only ever sees UTF-8.
std::string latin1_to_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 8);
    for (unsigned char c : s) {
        if (c < 0x80) {
            out += char(c);
        } else {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// While a layer is read, GDAL's messages go to this collector instead of being printed:
// - errors, so a failed open can say all GDAL said (the last message alone is often just "Failed to read
//   GeoJSON data", the first one says where and why);
// - for OSM files (with CPL_DEBUG=OSM for this thread), the debug messages by which the OSM driver reports
//   node references it cannot resolve -- it drops them otherwise silently.
// CPLError still records the last error for CPLGetLastErrorMsg/Type.
struct GdalMessages {
    std::vector<std::string> errors;  // first few errors, in order
    std::vector<std::string> ways;    // "way 11 kept with 2 of 3 nodes", "way 12 dropped (0 nodes found)"
    size_t dangling = 0;
};

void CPL_STDCALL collect_gdal_messages(CPLErr cls, CPLErrorNum, const char* msg) {
    auto* c = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
    if (!c || !msg) return;
    if (cls >= CE_Failure) {
        if (c->errors.size() < 4) c->errors.push_back(msg);
        return;
    }
    if (cls != CE_Debug) return;
    long way = 0;
    int got = 0, want = 0;
    char text[64];
    if (std::sscanf(msg, "OSM: For way %ld, got only %d nodes instead of %d", &way, &got, &want) == 3)
        std::snprintf(text, sizeof text, "way %ld kept with %d of %d nodes", way, got, want);
    else if (std::sscanf(msg, "OSM: Way %ld with %d nodes that could be found", &way, &got) == 2)
        std::snprintf(text, sizeof text, "way %ld dropped (%d nodes found)", way, got);
    else
        return;
    if (++c->dangling <= 5) c->ways.push_back(text);
}

// Installs the collector (and CPL_DEBUG=OSM for OSM files) for this thread; undoes both on exit.
struct GdalMessageScope {
    GdalMessages msgs;
    bool osm = false, had_debug = false;
    std::string old_debug;
    explicit GdalMessageScope(bool osm_) : osm(osm_) {
        CPLPushErrorHandlerEx(collect_gdal_messages, &msgs);
        if (!osm) return;
        if (const char* d = CPLGetThreadLocalConfigOption("CPL_DEBUG", nullptr)) {
            had_debug = true;
            old_debug = d;
        }
        CPLSetThreadLocalConfigOption("CPL_DEBUG", "OSM");
    }
    ~GdalMessageScope() {
        if (osm) CPLSetThreadLocalConfigOption("CPL_DEBUG", had_debug ? old_debug.c_str() : nullptr);
        CPLPopErrorHandler();
    }
    // The distinct error messages so far, joined: "At line 1, character 1062: Too many nested ...; Failed to ...".
    std::string errors() const {
        std::string out;
        for (size_t i = 0; i < msgs.errors.size(); ++i) {
            bool dup = false;
            for (size_t j = 0; j < i; ++j) dup = dup || msgs.errors[j] == msgs.errors[i];
            if (!dup) out += (out.empty() ? "" : "; ") + msgs.errors[i];
        }
        return out;
    }
};

std::string feature_label(long index, const Feature& f) {
    std::string s = "feature " + std::to_string(index + 1);
    for (const char* k : {"name", "naam", "statnaam", "id", "osm_id"})
        if (!f.get(k).empty()) return s + " (" + k + " '" + f.get(k) + "')";
    return s;
}

}  // namespace

VectorLayer read_vector(const std::string& path, const ReadOptions& opt) {
    gdal_init();
    namespace fs = std::filesystem;
    std::error_code ec;
    // A database connection (PG:, MySQL:, ...) is no file; a /vsi path (/vsizip/a.zip/b.shp) is checked by GDAL.
    const bool virtual_path = STARTS_WITH(path.c_str(), "/vsi");
    const bool connection = !virtual_path && path.find(':') != std::string::npos && !fs::exists(path, ec) &&
                            path.find(':') > 1;  // (a Windows drive letter "C:" has its colon at 1)
    VSIStatBufL vsi_stat;
    if (virtual_path ? VSIStatL(path.c_str(), &vsi_stat) != 0 : (!connection && !fs::exists(path, ec)))
        throw DataError(path, "file not found (expected a vector file readable by GDAL: GeoPackage, GeoJSON, CSV, OSM)");
    if (!connection && !virtual_path && fs::is_regular_file(path, ec) && fs::file_size(path, ec) == 0)
        throw DataError(path, "the file is empty (0 bytes); expected a vector file readable by GDAL");
    std::vector<const char*> oo;
    for (const auto& s : opt.open_options) oo.push_back(s.c_str());
    oo.push_back(nullptr);
    // OSM files resolve node references while features are read: watch for dangling ones (see above).
    auto ends_with = [&](const char* suffix) {
        const size_t n = std::strlen(suffix);
        return path.size() >= n && EQUAL(path.c_str() + path.size() - n, suffix);
    };
    GdalMessageScope gdal_msgs(ends_with(".osm") || ends_with(".pbf"));
    CPLErrorReset();
    std::unique_ptr<GDALDataset, DsCloser> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, oo.data(), nullptr));
    if (!ds) {
        std::string why = gdal_msgs.errors();
        throw DataError(path, "GDAL cannot open it as a vector dataset" + (why.empty() ? std::string() : " (" + why + ")"));
    }
    OGRLayer* layer = opt.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(opt.layer.c_str());
    if (!layer) {
        std::string names;
        for (auto* l : ds->GetLayers()) names += std::string(names.empty() ? "" : ", ") + l->GetName();
        throw DataError(path, (opt.layer.empty() ? std::string("has no layers") : "has no layer '" + opt.layer + "'") +
                                  (names.empty() ? "" : " (layers: " + names + ")"));
    }
    const OGRSpatialReference* src = layer->GetSpatialRef();
    // GeoPackages mark a missing CRS with the placeholders "Undefined geographic/Cartesian SRS" (srs_id 0/-1),
    // which GDAL returns as CRSs of their own: treat them as missing, like a null one.
    if (src && (src->IsLocal() || (src->GetName() && STARTS_WITH_CI(src->GetName(), "Undefined")))) src = nullptr;
    OGRSpatialReference src_copy;
    if (src) {
        src_copy = *src;
    } else if (!opt.assume_crs.empty()) {
        src_copy.SetFromUserInput(opt.assume_crs.c_str());
    } else {
        throw DataError(path, std::string("layer '") + layer->GetName() + "' has no coordinate reference system; "
                              "assign one (e.g. ogr2ogr -a_srs EPSG:28992) so it can be placed on the map");
    }
    src_copy.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    rd.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // Building a transformation costs tens of ms (PROJ database look-ups): cache one per source CRS and thread.
    OGRCoordinateTransformation* ct = nullptr;
    if (!src_copy.IsSame(&rd)) {
        thread_local std::map<std::string, std::unique_ptr<OGRCoordinateTransformation>> cache;
        char* wkt = nullptr;
        src_copy.exportToWkt(&wkt);
        std::string key = wkt ? wkt : "";
        CPLFree(wkt);
        auto& slot = cache[key];
        if (!slot) slot.reset(OGRCreateCoordinateTransformation(&src_copy, &rd));
        ct = slot.get();
        if (!ct) throw DataError(path, "cannot transform its CRS to EPSG:28992");
    }
    if (!opt.fields.empty()) {
        CPLStringList ignored;
        OGRFeatureDefn* d = layer->GetLayerDefn();
        for (int i = 0; i < d->GetFieldCount(); ++i) {
            const char* n = d->GetFieldDefn(i)->GetNameRef();
            if (std::find(opt.fields.begin(), opt.fields.end(), n) == opt.fields.end()) ignored.AddString(n);
        }
        layer->SetIgnoredFields(const_cast<const char**>(ignored.List()));
    }
    if (!opt.where.empty() && layer->SetAttributeFilter(opt.where.c_str()) != OGRERR_NONE)
        throw DataError(path, "invalid attribute filter: " + opt.where);
    if (opt.bbox_rd) {
        // Transform the RD bbox into source coordinates for the spatial filter (corners + midpoints).
        BBox sb;
        const BBox& b = *opt.bbox_rd;
        for (int i = 0; i <= 4; ++i)
            for (int j = 0; j <= 4; ++j) {
                double x = b.minx + b.width() * i / 4, y = b.miny + b.height() * j / 4;
                if (ct) {
                    std::unique_ptr<OGRCoordinateTransformation> inv(ct->GetInverse());
                    if (!inv || !inv->Transform(1, &x, &y)) continue;
                }
                sb.add(P2{x, y});
            }
        if (!sb.empty()) layer->SetSpatialFilterRect(sb.minx, sb.miny, sb.maxx, sb.maxy);
    }

    VectorLayer out;
    out.name = layer->GetName();
    out.source = path;
    layer->ResetReading();
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (!defn->GetFieldDefn(i)->IsIgnored()) out.fields.push_back(defn->GetFieldDefn(i)->GetNameRef());
    // Counting is free for most formats (GeoPackage, Shapefile, FlatGeobuf); -1 when it would need a full pass.
    const GIntBig total = opt.progress ? layer->GetFeatureCount(FALSE) : -1;
    CoordStats coords;
    size_t bad_text = 0, invalid_polys = 0;
    OGREnvelope src_env;  // extent in the source CRS, to spot swapped axes
    bool any_env = false;
    CPLErrorReset();
    for (long index = 0;; ++index) {
        OGRFeatureUniquePtr feat(layer->GetNextFeature());
        // Drivers report a read failure part-way (a corrupt page, a truncated file) as an error and then end
        // the layer early; without this check the layer would silently lose features.
        if (CPLGetLastErrorType() >= CE_Failure)
            throw DataError(path, "reading layer '" + out.name + "' failed at feature " + std::to_string(index + 1) +
                                      " (" + CPLGetLastErrorMsg() + "); the file may be truncated or corrupt");
        if (!feat) break;
        if (opt.progress && index % 4096 == 4095 &&
            !opt.progress(total > 0 ? std::min(1.0, double(index) / double(total)) : -1.0))
            throw LoadCancelled(path);
        Feature f;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (!feat->IsFieldSetAndNotNull(i)) continue;
            std::string value = feat->GetFieldAsString(i);
            if (!valid_utf8(value)) {
                if (++bad_text <= 3)
                    out.warnings.push_back(path + ": feature " + std::to_string(index + 1) + ", field '" +
                                           defn->GetFieldDefn(i)->GetNameRef() +
                                           "': text is not valid UTF-8; read as Latin-1 (save the file as UTF-8)");
                value = latin1_to_utf8(value);
            }
            f.attrs[defn->GetFieldDefn(i)->GetNameRef()] = std::move(value);
        }
        const OGRGeometry* g = feat->GetGeometryRef();
        coords.feature = index;
        add_geometry(g, ct, f, coords);
        if (g && !g->IsEmpty()) {
            OGREnvelope e;
            g->getEnvelope(&e);
            src_env.Merge(e);
            any_env = true;
        }
        const auto gtype = g ? wkbFlatten(g->getGeometryType()) : wkbUnknown;
        if (opt.validate && (gtype == wkbPolygon || gtype == wkbMultiPolygon)) {
            CPLErrorReset();
            if (!g->IsValid() && ++invalid_polys <= 5) {
                std::string why = CPLGetLastErrorMsg();  // GEOS says why, e.g. "Self-intersection at or near point x y"
                out.warnings.push_back(path + ": " + feature_label(index, f) + ": polygon is not valid" +
                                       (why.empty() ? std::string() : " (" + why + ")") +
                                       "; it is drawn and measured with the even-odd rule, check the outline");
            }
        }
        out.bbox.add(f.bbox);
        out.features.push_back(std::move(f));
        CPLErrorReset();  // warnings of this feature (transformations, validity) are handled above
    }
    if (bad_text > 3)
        out.warnings.push_back(path + ": " + std::to_string(bad_text) + " text values in all are not valid UTF-8");
    if (invalid_polys > 5)
        out.warnings.push_back(path + ": " + std::to_string(invalid_polys) + " invalid polygons in all");
    if (coords.dropped > 0)
        out.warnings.push_back(path + ": " + std::to_string(coords.dropped) +
                               " coordinate(s) skipped because they are not finite, absurdly large or cannot be "
                               "transformed to EPSG:28992 (first in feature " + std::to_string(coords.first_feature + 1) + ")");
    // Twente lies near lon 6.9, lat 52.3; data with every point near lon 52, lat 7 has its axes swapped.
    if (any_env && src_copy.IsGeographic() && src_env.MinX >= 45 && src_env.MaxX <= 60 && src_env.MinY >= 0 &&
        src_env.MaxY <= 12)
        out.warnings.push_back(path + ": all coordinates lie around lon " + std::to_string(int(src_env.MinX)) +
                               ", lat " + std::to_string(int(src_env.MinY)) +
                               " (off the coast of Somalia); latitude and longitude look swapped "
                               "(the Netherlands lie near lon 3-7, lat 51-53)");
    if (gdal_msgs.msgs.dangling > 0) {
        std::string list;
        for (const auto& w : gdal_msgs.msgs.ways) list += (list.empty() ? "" : ", ") + w;
        if (gdal_msgs.msgs.dangling > gdal_msgs.msgs.ways.size()) list += ", ...";
        out.warnings.push_back(path + ": " + std::to_string(gdal_msgs.msgs.dangling) +
                               " way(s) refer to nodes that are not in the file (" + list +
                               "); extract with complete ways (osmium extract --strategy complete_ways)");
    }
    return out;
}

}  // namespace geo
