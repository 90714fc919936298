// --layer PATH[,LAYER] on the command line (issue 12): the layer is in the exported picture where its feature is;
// a layer that fails prints its message and the rest of the run goes on; usage errors name the option.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo/io/vector_io.h"
#include "viewer/app/cli.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

struct Outcome {
    int code = -1;
    std::string err;
};

Outcome trekkaart(std::vector<std::string> args) {
    args.insert(args.begin(), "trekkaart");
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    Outcome r;
    testing::internal::CaptureStderr();
    r.code = run_main(int(argv.size()), argv.data());
    std::fflush(stderr);
    r.err = testing::internal::GetCapturedStderr();
    return r;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// RGB of pixel (x, y) of a PNG, read back with GDAL.
std::vector<int> pixel(const std::string& png, int x, int y) {
    geo::gdal_init();
    std::vector<int> rgb;
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(png.c_str(), GA_ReadOnly));
    if (!ds) return rgb;
    for (int b = 1; b <= 3; ++b) {
        unsigned char v = 0;
        if (ds->GetRasterBand(b)->RasterIO(GF_Read, x, y, 1, 1, &v, 1, 1, GDT_Byte, 0, 0) == CE_None) rgb.push_back(v);
    }
    GDALClose(ds);
    return rgb;
}

}  // namespace

TEST(LayerCli, ExportDrawsTheLayerAndSkipsOneThatFails) {
    const fs::path dir = fs::temp_directory_path() / ("trekkaart-layercli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // One point in RD, 619 m east and 44 m north of the image centre.
    const std::string good = (dir / "punt.geojson").string();
    std::ofstream(good) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
                           R"("features":[{"type":"Feature","properties":{"naam":"hier"},"geometry":{"type":"Point","coordinates":[257619,471544]}}]})";
    const std::string missing = (dir / "weg.gpkg").string();
    const std::string out = (dir / "kaart.png").string();
    // 400 x 400 px of 2 x 2 km: 5 m per pixel, centre (257000, 471500).
    Outcome r = trekkaart({"export", "--size", "400x400", "--bbox", "256000,470500,258000,472500", "--no-furniture",
                           "--hide", "stations,venues,labels,rail", "--layer", missing, "--layer", good, "--out", out});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.err, "layer not added: " + missing + ": file not found")) << r.err;
    EXPECT_TRUE(has(r.err, "layer 'punt': 1 features (points)")) << r.err;
    // The first layer that loaded takes the first default colour, indigo (332288); the point lies at (323.8, 191.2).
    std::vector<int> rgb = pixel(out, 323, 191);
    ASSERT_EQ(rgb.size(), 3u);
    EXPECT_NEAR(rgb[0], 0x33, 8);
    EXPECT_NEAR(rgb[1], 0x22, 8);
    EXPECT_NEAR(rgb[2], 0x88, 8);
    // 60 px away: not the layer's colour (the base map's).
    std::vector<int> off = pixel(out, 263, 191);
    ASSERT_EQ(off.size(), 3u);
    EXPECT_GT(std::abs(off[0] - 0x33) + std::abs(off[1] - 0x22) + std::abs(off[2] - 0x88), 60);
    fs::remove_all(dir);
}

TEST(LayerCli, UsageErrorsNameTheOption) {
    Outcome r = trekkaart({"--layer", "wijken.gpkg,"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(has(r.err, "--layer")) << r.err;
    EXPECT_TRUE(has(r.err, "expects a layer name after the comma")) << r.err;
}
