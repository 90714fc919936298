#include "geo/io/geotiff.h"

#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/vector_io.h"

namespace geo {

namespace {

struct DsCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

std::string gdal_msg() {
    std::string m = CPLGetLastErrorMsg();
    return m.empty() ? std::string() : " (" + m + ")";
}

}  // namespace

void write_geotiff(const GridF& grid, const std::string& path, const GeoTiffOptions& opt) {
    gdal_init();
    const GridSpec& s = grid.spec;
    if (s.cols <= 0 || s.rows <= 0 || grid.v.size() != s.size())
        throw DataError(path, "cannot write an empty or inconsistent grid as GeoTIFF");
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!drv) throw DataError(path, "GDAL has no GTiff driver");
    // The GTiff driver writes the file by name: it fills the AtomicFile's temporary file, which is removed again
    // on every failure below (the AtomicFile is not committed).
    AtomicFile out(path);
    if (!out.ok()) throw_write_error(path, out.error());
    CPLErrorReset();
    {
        const char* const co[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", nullptr};
        std::unique_ptr<GDALDataset, DsCloser> ds(
            drv->Create(out.temp_path().c_str(), s.cols, s.rows, 1, GDT_Float32, const_cast<char**>(co)));
        if (!ds) throw DataError(path, "cannot create the GeoTIFF" + gdal_msg());
        double gt[6] = {s.minx, s.cell, 0.0, s.maxy, 0.0, -s.cell};
        ds->SetGeoTransform(gt);
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        ds->SetSpatialRef(&rd);
        for (const auto& [k, v] : opt.metadata) ds->SetMetadataItem(k.c_str(), v.c_str());
        GDALRasterBand* band = ds->GetRasterBand(1);
        band->SetNoDataValue(opt.nodata);
        if (!opt.description.empty()) band->SetDescription(opt.description.c_str());
        std::vector<float> buf(grid.v);
        for (float& x : buf)
            if (!std::isfinite(x)) x = opt.nodata;
        if (band->RasterIO(GF_Write, 0, 0, s.cols, s.rows, buf.data(), s.cols, s.rows, GDT_Float32, 0, 0) != CE_None)
            throw DataError(path, "writing the GeoTIFF failed" + gdal_msg());
        ds->FlushCache();
    }  // closes the dataset
    if (CPLGetLastErrorType() >= CE_Failure) throw DataError(path, "writing the GeoTIFF failed" + gdal_msg());
    const std::string err = out.commit_by_name();  // fsync, rename, fsync the folder
    if (!err.empty()) throw_write_error(path, err);
}

GridF read_geotiff(const std::string& path) {
    gdal_init();
    CPLErrorReset();
    std::unique_ptr<GDALDataset, DsCloser> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw DataError(path, "GDAL cannot open it as a raster" + gdal_msg());
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None || gt[2] != 0 || gt[4] != 0 || !(gt[1] > 0) || gt[5] != -gt[1])
        throw DataError(path, "raster is not north-up with square cells (geotransform required)");
    GridSpec s;
    s.minx = gt[0];
    s.maxy = gt[3];
    s.cell = gt[1];
    s.cols = ds->GetRasterXSize();
    s.rows = ds->GetRasterYSize();
    if (ds->GetRasterCount() < 1) throw DataError(path, "raster has no band");
    GridF g(s, 0.0f);
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (band->RasterIO(GF_Read, 0, 0, s.cols, s.rows, g.v.data(), s.cols, s.rows, GDT_Float32, 0, 0) != CE_None)
        throw DataError(path, "reading band 1 failed" + gdal_msg());
    int has = 0;
    const double nd = band->GetNoDataValue(&has);
    if (has)
        for (float& x : g.v)
            if (x == float(nd) || (std::isnan(nd) && std::isnan(x))) x = kNoData;
    return g;
}

}  // namespace geo
