#include "viewer/output/data_writers.h"

#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/json.h"
#include "geo/io/vector_io.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/model/i18n.h"

namespace viewer {

namespace {

struct DsCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DsPtr = std::unique_ptr<GDALDataset, DsCloser>;

struct FeatureFree {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};

std::string gdal_msg() {
    const std::string m = CPLGetLastErrorMsg();
    return m.empty() ? std::string() : " (" + m + ")";
}

// A fresh RD New (CreateLayer takes a non-const one).
OGRSpatialReference rd_new() {
    OGRSpatialReference s;
    s.importFromEPSG(28992);
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // x = easting, y = northing
    return s;
}

// A GeoPackage written by GDAL into an AtomicFile's temporary name. The GPKG driver refuses to create over an
// existing file, so the reserved (empty) temporary file is removed first; the name stays the AtomicFile's, which
// removes it again unless committed.
class GpkgOut {
public:
    explicit GpkgOut(const std::string& path) : path_(path), file_(path) {
        geo::gdal_init();
        if (!file_.ok()) geo::throw_write_error(path, file_.error());
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!drv) throw geo::DataError(path, "GDAL has no GPKG driver");
        ::unlink(file_.temp_path().c_str());
        CPLErrorReset();
        CPLPushErrorHandler(CPLQuietErrorHandler);  // the temporary name does not end in .gpkg: only a warning
        ds_.reset(drv->Create(file_.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        CPLPopErrorHandler();
        if (!ds_) throw geo::DataError(path, "cannot create the GeoPackage" + gdal_msg());
        CPLErrorReset();
    }
    GDALDataset& ds() { return *ds_; }
    OGRLayer& layer(const std::string& name, OGRwkbGeometryType type) {
        OGRSpatialReference rd = rd_new();
        OGRLayer* l = ds_->CreateLayer(name.c_str(), &rd, type, nullptr);
        if (!l) throw geo::DataError(path_, "cannot create the layer " + name + gdal_msg());
        return *l;
    }
    void add(OGRLayer& l, OGRFeature& f) {
        if (l.CreateFeature(&f) != OGRERR_NONE) throw geo::DataError(path_, "writing a feature failed" + gdal_msg());
    }
    // Closes the dataset, then fsync + rename into place.
    void commit() {
        ds_.reset();
        if (CPLGetLastErrorType() >= CE_Failure)
            throw geo::DataError(path_, "writing the GeoPackage failed" + gdal_msg());
        const std::string err = file_.commit_by_name();
        if (!err.empty()) geo::throw_write_error(path_, err);
    }

private:
    std::string path_;
    geo::AtomicFile file_;
    DsPtr ds_;
};

OGRMultiPolygon to_ogr(const geo::MultiPolygon& mp) {
    OGRMultiPolygon out;
    for (const geo::Polygon& p : mp) {
        OGRPolygon poly;
        for (const geo::Ring& r : p.rings) {
            if (r.size() < 3) continue;
            OGRLinearRing ring;
            for (const geo::P2& q : r) ring.addPoint(q.x, q.y);
            ring.closeRings();
            poly.addRing(&ring);
        }
        if (!poly.IsEmpty()) out.addGeometry(&poly);
    }
    return out;
}

bool is_number(const std::string& s) {
    char* end = nullptr;
    std::strtod(s.c_str(), &end);
    return !s.empty() && !*end;
}

// JSON numbers: non-finite ones are null.
std::string num(double v, int decimals = 3) {
    if (!std::isfinite(v)) return "null";
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    std::string s = b;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string q(const std::string& s) { return geo::json::quote(s); }

std::string site_json(const geo::P2& pos, const std::string& extra) {
    return "{\"x\": " + num(pos.x, 1) + ", \"y\": " + num(pos.y, 1) + extra + "}";
}

std::string params_json(const geo::Dataset& d, const AnalysisParams& p) {
    std::string s = "{\"category\": " + q(geo::category_key(p.category)) + ", \"mode\": " + q(geo::mode_key(p.mode)) +
                    ", \"threshold_min\": " + num(p.threshold_min) + ", \"beta\": " + num(p.beta, 4) +
                    ", \"t50\": " + num(p.t50) + ", \"k\": " + num(p.k, 4) +
                    ", \"kernel_radius_m\": " + num(p.kernel_radius_m, 0) + ", \"best_k\": " + std::to_string(p.best_k);
    if (p.venue >= 0 && size_t(p.venue) < d.venues.size()) {
        const geo::Venue& v = d.venues[size_t(p.venue)];
        s += ", \"venue\": {\"id\": " + q(v.id) + ", \"name\": " + q(v.name) + "}";
    }
    s += ", \"removed\": [";  // catalogue venues left out of the scenario (removed, or moved: then also a site)
    for (size_t i = 0; i < p.removed.size(); ++i) {
        if (p.removed[i] < 0 || size_t(p.removed[i]) >= d.venues.size()) continue;
        const geo::Venue& v = d.venues[size_t(p.removed[i])];
        s += std::string(i ? ", " : "") + "{\"id\": " + q(v.id) + ", \"name\": " + q(v.name) + "}";
    }
    s += "], \"sites\": [";
    for (size_t i = 0; i < p.candidates.size(); ++i) {
        const Candidate& c = p.candidates[i];
        s += std::string(i ? ", " : "") +
             site_json(c.pos, ", \"category\": " + q(geo::category_key(c.category)) + ", \"name\": " + q(c.name));
    }
    return s + "]}";
}

std::string gains_json(const geo::Dataset& d, const AnalysisResult& r) {
    std::string s = "{\"gained_nl\": " + num(r.gained_nl, 0) + ", \"gained_de\": " + num(r.gained_de, 0) +
                    ", \"improved_population\": " + num(r.improved_population, 0) +
                    ", \"mean_minutes_saved\": " + num(r.mean_minutes_saved, 2) + ", \"per_municipality\": [";
    for (size_t i = 0; i < r.gains.size(); ++i) {
        const ZoneGain& g = r.gains[i];
        const auto& m = d.municipalities.at(size_t(g.municipality));
        s += std::string(i ? ",\n      " : "\n      ") + "{\"code\": " + q(m.code) + ", \"name\": " + q(m.name) +
             ", \"baseline\": " + num(g.baseline, 0) + ", \"now\": " + num(g.now, 0) + ", \"gained\": " +
             num(g.gained(), 0) + "}";
    }
    return s + "]}";
}

std::string sites_json(const AnalysisResult& r) {
    std::string s = "[";
    const float T = r.params.threshold_min;
    for (size_t i = 0; i < r.sites.size(); ++i) {
        const SuggestedSite& x = r.sites[i];
        char why[200];
        std::snprintf(why, sizeof why,
                      "%.0f inhabitants newly within %.0f minutes (%s); %.0f within reach after this pick",
                      x.gain, T, geo::mode_key(r.params.mode), x.covered);
        s += std::string(i ? ",\n    " : "\n    ") +
             site_json(x.pos, ", \"rank\": " + std::to_string(i + 1) + ", \"gain\": " + num(x.gain, 0) +
                                  ", \"covered\": " + num(x.covered, 0) + ", \"reason\": " + q(why));
    }
    return s + "]";
}

}  // namespace

geo::GeoTiffOptions surface_geotiff_options(const geo::Dataset& d, const AnalysisResult& r) {
    geo::GeoTiffOptions g;
    g.description = heatmap_title(r.params, d) + " (" + tr(metric_unit_en(r.params.metric)) + ")";  // in the language
    g.metadata = {{"TREKKAART_METRIC", metric_key(r.params.metric)},
                  {"TREKKAART_CATEGORY", geo::category_key(r.params.category)},
                  {"TREKKAART_MODE", geo::mode_key(r.params.mode)},
                  {"TREKKAART_THRESHOLD_MIN", std::to_string(r.params.threshold_min)},
                  {"TREKKAART_UNIT", metric_unit_en(r.params.metric)}};
    if (r.estimate && metric_uses_mode(r.params.metric))
        g.metadata.push_back({"ESTIMATE", "estimate: no road network loaded"});
    return g;
}

void write_surface_geotiff(const geo::Dataset& d, const AnalysisResult& r, const std::string& path) {
    geo::write_geotiff(r.surface, path, surface_geotiff_options(d, r));
}

void write_figures_csv(const geo::Dataset& d, const AnalysisResult& r, const std::string& path) {
    geo::write_csv(figures_table(d, r), path);
}

void write_table_gpkg(const geo::Table& t, const std::vector<geo::MultiPolygon>& geoms, const std::string& layer,
                      const std::string& path) {
    if (geoms.size() != t.rows.size()) throw geo::DataError(path, "one geometry per row expected");
    GpkgOut out(path);
    OGRLayer& l = out.layer(layer, wkbMultiPolygon);
    std::vector<bool> numeric(t.columns.size(), true);
    for (const auto& row : t.rows)
        for (size_t c = 0; c < t.columns.size(); ++c)
            if (!row[c].empty() && !is_number(row[c])) numeric[c] = false;
    for (size_t c = 0; c < t.columns.size(); ++c) {
        OGRFieldDefn f(t.columns[c].c_str(), numeric[c] ? OFTReal : OFTString);
        if (l.CreateField(&f) != OGRERR_NONE) throw geo::DataError(path, "cannot create the field " + t.columns[c]);
    }
    for (size_t i = 0; i < t.rows.size(); ++i) {
        std::unique_ptr<OGRFeature, FeatureFree> f(OGRFeature::CreateFeature(l.GetLayerDefn()));
        for (size_t c = 0; c < t.columns.size(); ++c) {
            const std::string& v = t.rows[i][c];
            if (v.empty() && numeric[c]) f->SetFieldNull(int(c));
            else if (numeric[c]) f->SetField(int(c), std::strtod(v.c_str(), nullptr));
            else f->SetField(int(c), v.c_str());
        }
        f->SetGeometry(&static_cast<const OGRGeometry&>(to_ogr(geoms[i])));
        out.add(l, *f);
    }
    out.commit();
}

void write_figures_gpkg(const geo::Dataset& d, const AnalysisResult& r, const std::string& path) {
    // Each row's municipality by its code; rows that are none (the reach table's "NL-other" and "DE") get an
    // empty geometry.
    const geo::Table t = figures_table(d, r);
    std::vector<geo::MultiPolygon> geoms;
    // issue 12: the zones' rows (a last column "zones" naming their layer) get their zone's polygon.
    const bool zones = r.params.zones && !t.columns.empty() && t.columns.back() == "zones";
    for (const auto& row : t.rows) {
        geoms.emplace_back();
        if (zones && !row.back().empty()) {
            for (size_t i = 0; i < r.params.zones->codes.size(); ++i)
                if (r.params.zones->codes[i] == row[0]) geoms.back() = r.params.zones->geoms[i];
            continue;
        }
        for (const auto& m : d.municipalities)
            if (m.code == row[0]) geoms.back() = m.geom;
    }
    write_table_gpkg(t, geoms, "figures", path);
}

bool metric_has_isochrones(Metric m) { return m == Metric::TravelTime || m == Metric::Reach; }

std::vector<float> isochrone_levels(const AnalysisResult& r) {
    if (!metric_has_isochrones(r.params.metric)) return {};
    const float T = r.params.threshold_min;
    std::vector<float> lv;
    for (float c : r.contours)
        if (c > 0 && c < T) lv.push_back(c);
    std::sort(lv.begin(), lv.end());
    lv.push_back(T);
    return lv;
}

void write_isochrones_gpkg(const geo::GridF& surface, const std::vector<float>& levels, const std::string& path) {
    geo::gdal_init();
    const geo::GridSpec& s = surface.spec;
    if (levels.empty() || s.cols <= 0 || s.rows <= 0 || surface.v.size() != s.size())
        throw geo::DataError(path, "no isochrone levels or an empty surface");
    // The surface as an in-memory raster; NaN (beyond the cut-off) is nodata and belongs to no band.
    const double nodata = -9999;
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* vmem = GetGDALDriverManager()->GetDriverByName("Memory");
    if (!mem || !vmem) throw geo::DataError(path, "GDAL has no MEM/Memory driver");
    DsPtr ras(mem->Create("", s.cols, s.rows, 1, GDT_Float32, nullptr));
    double gt[6] = {s.minx, s.cell, 0.0, s.maxy, 0.0, -s.cell};
    ras->SetGeoTransform(gt);
    const OGRSpatialReference ras_rd = rd_new();
    ras->SetSpatialRef(&ras_rd);
    std::vector<float> buf(surface.v);
    for (float& x : buf)
        if (!std::isfinite(x)) x = float(nodata);
    GDALRasterBand* band = ras->GetRasterBand(1);
    band->SetNoDataValue(nodata);
    if (band->RasterIO(GF_Write, 0, 0, s.cols, s.rows, buf.data(), s.cols, s.rows, GDT_Float32, 0, 0) != CE_None)
        throw geo::DataError(path, "cannot fill the contour raster" + gdal_msg());

    // GDAL's contour generator writes the bands into a memory layer; the ones up to the last level are copied.
    DsPtr tmp(vmem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference rd = rd_new();
    OGRLayer* bands = tmp->CreateLayer("bands", &rd, wkbMultiPolygon, nullptr);
    OGRFieldDefn fid("id", OFTInteger), fmin("lo", OFTReal), fmax("hi", OFTReal);
    bands->CreateField(&fid);
    bands->CreateField(&fmin);
    bands->CreateField(&fmax);
    std::string fixed;
    for (float l : levels) fixed += (fixed.empty() ? "" : ",") + num(l, 4);
    const std::string nd = "NODATA=" + num(nodata, 0), lv = "FIXED_LEVELS=" + fixed;
    const char* opts[] = {"POLYGONIZE=YES", "ID_FIELD=0", "ELEV_FIELD_MIN=1", "ELEV_FIELD_MAX=2", lv.c_str(),
                          nd.c_str(), nullptr};
    CPLErrorReset();
    if (GDALContourGenerateEx(band, OGRLayer::ToHandle(bands), const_cast<char**>(opts), nullptr, nullptr) != CE_None)
        throw geo::DataError(path, "the contour generator failed" + gdal_msg());

    GpkgOut out(path);
    OGRLayer& l = out.layer("isochrones", wkbMultiPolygon);
    OGRFieldDefn omin("min_minutes", OFTReal), omax("max_minutes", OFTReal);
    l.CreateField(&omin);
    l.CreateField(&omax);
    const float last = levels.back();
    bands->ResetReading();
    for (std::unique_ptr<OGRFeature, FeatureFree> f(bands->GetNextFeature()); f; f.reset(bands->GetNextFeature())) {
        const double hi = f->GetFieldAsDouble(2);
        if (hi > last + 1e-3 || !f->GetGeometryRef() || f->GetGeometryRef()->IsEmpty()) continue;  // beyond T
        // The lowest band starts at the surface's minimum (0 at a venue); its lower bound is 0 minutes.
        const double lo = std::max(0.0, hi <= levels.front() + 1e-3 ? 0.0 : f->GetFieldAsDouble(1));
        std::unique_ptr<OGRFeature, FeatureFree> o(OGRFeature::CreateFeature(l.GetLayerDefn()));
        o->SetField(0, lo);
        o->SetField(1, hi);
        o->SetGeometry(f->GetGeometryRef());
        out.add(l, *o);
    }
    out.commit();
}

std::string analysis_summary_json(const geo::Dataset& d, const AnalysisResult& r) {
    const AnalysisParams& p = r.params;
    const bool est = r.estimate && metric_uses_mode(p.metric);
    std::string s = "{\n  \"metric\": {\"key\": " + q(metric_key(p.metric)) +
                    ", \"label\": " + q(metric_label_en(p.metric)) +
                    ", \"unit\": " + q(metric_unit_en(p.metric)) + ", \"title\": " + q(heatmap_title(p, d)) + "},\n";
    s += "  \"parameters\": " + params_json(d, p) + ",\n";
    s += "  \"estimate\": " + std::string(est ? "true" : "false") +
         ",\n  \"estimate_note\": " + (est ? q("estimate: no road network loaded") : std::string("null")) +
         ",\n  \"model_note\": " + q(r.model_note) + ",\n";
    const geo::GridSpec& g = r.surface.spec;
    s += "  \"surface\": {\"cell_m\": " + num(g.cell, 1) + ", \"cols\": " + std::to_string(g.cols) +
         ", \"rows\": " + std::to_string(g.rows) + ", \"minx\": " + num(g.minx, 1) + ", \"maxy\": " + num(g.maxy, 1) +
         ", \"crs\": \"EPSG:28992\"}";
    if (p.metric == Metric::Reach)
        s += ",\n  \"reach\": {\"nl\": " + num(r.reach.nl, 1) + ", \"de\": " + num(r.reach.de, 1) +
             ", \"total\": " + num(r.reach.nl + r.reach.de, 1) + "}";
    if (p.metric == Metric::WhatIf || p.metric == Metric::BestSite) s += ",\n  \"whatif\": " + gains_json(d, r);
    if (p.metric == Metric::BestSite) s += ",\n  \"best_sites\": " + sites_json(r);
    // issue 17: whose inhabitants, and the composite's weights with their normalisers
    s += ",\n  \"population\": {\"group\": " + q(geo::age_band_key(p.population)) + ", \"note\": " +
         q(population_note(r, true)) + ", \"de_share_assumed\": " + num(r.group_de_share, 4) + "}";
    if (p.metric == Metric::Composite) {
        std::string w;
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (p.weights[size_t(c)] > 0)
                w += (w.empty() ? "" : ", ") + q(geo::category_key(geo::Category(c))) + ": {\"weight\": " +
                     num(p.weights[size_t(c)], 3) + ", \"twente_mean\": " + num(r.composite_norm[size_t(c)], 4) + "}";
        s += ",\n  \"composite\": {\"access\": " + q(p.composite_gravity ? "gravity" : "within_T") +
             ", \"note\": " + q(composite_note(r, true)) + ", \"categories\": {" + w + "}}";
    }
    return s + "\n}\n";
}

void write_summary_json(const geo::Dataset& d, const AnalysisResult& r, const std::string& path) {
    const std::string err = geo::write_file_atomic(path, analysis_summary_json(d, r));
    if (!err.empty()) geo::throw_write_error(path, err);
}

std::vector<std::string> analysis_file_suffixes(const AnalysisResult& r) {
    std::vector<std::string> s = {".surface.tif"};
    if (!isochrone_levels(r).empty()) s.push_back(".isochrones.gpkg");
    if (!r.figures.empty()) {
        s.push_back(".figures.csv");
        s.push_back(".figures.gpkg");
    }
    s.push_back(".summary.json");
    return s;
}

void write_analysis_files(const geo::Dataset& d, const AnalysisResult& r, const std::string& prefix,
                          const std::function<void(const std::string&)>& wrote) {
    for (const std::string& suffix : analysis_file_suffixes(r)) {
        const std::string path = prefix + suffix;
        if (suffix == ".surface.tif") write_surface_geotiff(d, r, path);
        else if (suffix == ".isochrones.gpkg") write_isochrones_gpkg(r.surface, isochrone_levels(r), path);
        else if (suffix == ".figures.csv") write_figures_csv(d, r, path);
        else if (suffix == ".figures.gpkg") write_figures_gpkg(d, r, path);
        else write_summary_json(d, r, path);
        if (wrote) wrote(path);
    }
}

}  // namespace viewer
