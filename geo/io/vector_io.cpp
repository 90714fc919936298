#include "geo/io/vector_io.h"

#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "geo/core/error.h"

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

void add_ring(const OGRLinearRing* lr, const OGRCoordinateTransformation* ct, Ring& out, BBox& bb) {
    const int n = lr->getNumPoints();
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        double x = lr->getX(i), y = lr->getY(i);
        if (ct && !const_cast<OGRCoordinateTransformation*>(ct)->Transform(1, &x, &y)) continue;
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        out.push_back({x, y});
        bb.add(out.back());
    }
    if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
}

void add_geometry(const OGRGeometry* g, OGRCoordinateTransformation* ct, Feature& f) {
    if (!g) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            auto* p = g->toPoint();
            double x = p->getX(), y = p->getY();
            if (ct && !ct->Transform(1, &x, &y)) return;
            f.points.push_back({x, y});
            f.bbox.add(f.points.back());
            break;
        }
        case wkbLineString: {
            auto* l = g->toLineString();
            LineString ls;
            for (int i = 0; i < l->getNumPoints(); ++i) {
                double x = l->getX(i), y = l->getY(i);
                if (ct && !ct->Transform(1, &x, &y)) continue;
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
                add_ring(poly->getExteriorRing(), ct, out.rings.back(), f.bbox);
                for (int i = 0; i < poly->getNumInteriorRings(); ++i) {
                    out.rings.emplace_back();
                    add_ring(poly->getInteriorRing(i), ct, out.rings.back(), f.bbox);
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
            for (int i = 0; i < gc->getNumGeometries(); ++i) add_geometry(gc->getGeometryRef(i), ct, f);
            break;
        }
        default: {
            // Curves etc.: linearise.
            std::unique_ptr<OGRGeometry> lin(g->getLinearGeometry());
            if (lin && wkbFlatten(lin->getGeometryType()) != wkbFlatten(g->getGeometryType()))
                add_geometry(lin.get(), ct, f);
        }
    }
}

}  // namespace

VectorLayer read_vector(const std::string& path, const ReadOptions& opt) {
    gdal_init();
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw DataError(path, "file not found (expected a vector file readable by GDAL: GeoPackage, GeoJSON, CSV, OSM)");
    std::vector<const char*> oo;
    for (const auto& s : opt.open_options) oo.push_back(s.c_str());
    oo.push_back(nullptr);
    CPLErrorReset();
    std::unique_ptr<GDALDataset, DsCloser> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, oo.data(), nullptr));
    if (!ds) {
        std::string why = CPLGetLastErrorMsg();
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
    for (auto& feat : *layer) {
        Feature f;
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (!feat->IsFieldSetAndNotNull(i)) continue;
            f.attrs[defn->GetFieldDefn(i)->GetNameRef()] = feat->GetFieldAsString(i);
        }
        add_geometry(feat->GetGeometryRef(), ct, f);
        out.bbox.add(f.bbox);
        out.features.push_back(std::move(f));
    }
    return out;
}

}  // namespace geo
