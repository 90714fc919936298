// GeoTIFF and CSV output: written through temp + rename, reopened with GDAL.
#include <gtest/gtest.h>

#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/core/error.h"
#include "geo/io/geotiff.h"
#include "geo/io/table_csv.h"

using namespace geo;
namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("trekkaart_tif_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    size_t count() const { return size_t(std::distance(fs::directory_iterator(path), fs::directory_iterator())); }
};
}  // namespace

TEST(GeoTiff, WritesFloat32Rd28992DeflateWithNodata) {
    TempDir tmp;
    GridSpec s{250000, 480000, 100, 7, 5};
    GridF g(s, 0.0f);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 7; ++c) g.at(c, r) = float(r * 10 + c) + 0.25f;
    g.at(6, 4) = kUnreachable;
    const std::string path = (tmp.path / "t.tif").string();
    GeoTiffOptions o;
    o.description = "minutes";
    o.metadata = {{"ESTIMATE", "estimate: no road network loaded"}};
    write_geotiff(g, path, o);
    EXPECT_EQ(tmp.count(), 1u);  // no temp file left behind

    GDALAllRegister();
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    ASSERT_NE(ds, nullptr);
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_DOUBLE_EQ(gt[0], 250000);
    EXPECT_DOUBLE_EQ(gt[1], 100);
    EXPECT_DOUBLE_EQ(gt[2], 0);
    EXPECT_DOUBLE_EQ(gt[3], 480000);
    EXPECT_DOUBLE_EQ(gt[4], 0);
    EXPECT_DOUBLE_EQ(gt[5], -100);
    EXPECT_EQ(ds->GetRasterXSize(), 7);
    EXPECT_EQ(ds->GetRasterYSize(), 5);
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "28992");
    const char* comp = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
    ASSERT_NE(comp, nullptr);
    EXPECT_STREQ(comp, "DEFLATE");
    EXPECT_STREQ(ds->GetMetadataItem("ESTIMATE"), "estimate: no road network loaded");
    GDALRasterBand* b = ds->GetRasterBand(1);
    EXPECT_EQ(b->GetRasterDataType(), GDT_Float32);
    int has = 0;
    EXPECT_EQ(b->GetNoDataValue(&has), double(kNoData));
    EXPECT_TRUE(has);
    float v = 0;
    ASSERT_EQ(b->RasterIO(GF_Read, 3, 2, 1, 1, &v, 1, 1, GDT_Float32, 0, 0), CE_None);
    EXPECT_EQ(v, 23.25f);
    ASSERT_EQ(b->RasterIO(GF_Read, 6, 4, 1, 1, &v, 1, 1, GDT_Float32, 0, 0), CE_None);
    EXPECT_EQ(v, kNoData);
    // Cell (3,2) centre in map coordinates maps back to pixel (3,2).
    const P2 ctr = s.centre(3, 2);
    EXPECT_EQ(int((ctr.x - gt[0]) / gt[1]), 3);
    EXPECT_EQ(int((ctr.y - gt[3]) / gt[5]), 2);
    GDALClose(ds);

    GridF back = read_geotiff(path);
    EXPECT_TRUE(back.spec == s);
    EXPECT_EQ(back.at(3, 2), 23.25f);
    EXPECT_EQ(back.at(6, 4), kNoData);

    // Overwriting an existing file works (rename replaces it).
    g.at(3, 2) = 7.0f;
    write_geotiff(g, path);
    EXPECT_EQ(read_geotiff(path).at(3, 2), 7.0f);
}

TEST(GeoTiff, ErrorsNameThePath) {
    GridSpec s{0, 100, 100, 2, 1};
    GridF g(s, 1.0f);
    const std::string bad = "/nonexistent-dir-trekkaart/x.tif";
    try {
        write_geotiff(g, bad);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find(bad), std::string::npos);
    }
    EXPECT_THROW(read_geotiff("/nonexistent-dir-trekkaart/y.tif"), DataError);
}

TEST(TableCsv, QuotesAndWritesAtomically) {
    TempDir tmp;
    Table t;
    t.columns = {"code", "name", "share_pct"};
    t.rows = {{"GM0153", "Enschede", "81.5"}, {"GM0164", "Hengelo, \"O.\"", ""}};
    EXPECT_EQ(table_to_csv(t), "code,name,share_pct\nGM0153,Enschede,81.5\nGM0164,\"Hengelo, \"\"O.\"\"\",\n");
    const std::string path = (tmp.path / "c.csv").string();
    write_csv(t, path);
    EXPECT_EQ(tmp.count(), 1u);
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    EXPECT_EQ(ss.str(), table_to_csv(t));
    t.rows.push_back({"x"});
    EXPECT_THROW(write_csv(t, path), DataError);
    EXPECT_THROW(write_csv(Table{}, "/nonexistent-dir-trekkaart/c.csv"), DataError);
    EXPECT_EQ(fmt_num(1.25, 1), "1.2");  // round-half-even of the binary value 1.25
    EXPECT_EQ(fmt_num(std::nan(""), 1), "");
    EXPECT_EQ(fmt_num(-0.01, 1), "0.0");
}
