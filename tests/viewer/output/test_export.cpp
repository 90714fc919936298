// Image export: tiling without seams, georeferencing read back with GDAL, DPI in the files, atomic writes,
// impossible sizes, furniture inside the image.
#include <SDL.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/io/atomic_file.h"
#include "geo/io/dataset.h"
#include "viewer/output/export.h"
#include "viewer/app/export_cli.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"

using namespace viewer;
using geo::P2;
namespace fs = std::filesystem;

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
    MapRenderer renderer{data};
};
Env& env() {
    static Env* e = new Env();  // lives for the whole test binary (GL context must outlive the renderer)
    // Other test files create GL contexts of their own: make ours current again.
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);
    return *e;
}

const geo::Venue& venue(const std::string& id) {
    const auto& vs = env().data.venues;
    auto it = std::find_if(vs.begin(), vs.end(), [&](const geo::Venue& v) { return v.id == id; });
    if (it == vs.end()) throw std::runtime_error("venue " + id + " missing");
    return *it;
}

// A fresh empty folder per test.
fs::path scratch(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("trekkaart_test_export_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::vector<fs::path> listing(const fs::path& d) {
    std::vector<fs::path> v;
    for (const auto& e : fs::directory_iterator(d)) v.push_back(e.path().filename());
    std::sort(v.begin(), v.end());
    return v;
}

uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }

// The view around a venue, symbol off-centre on purpose, no labels (they could cover the symbol).
MapView venue_view(const geo::Venue& v, int w, int h) {
    MapView m;
    m.cam.w = w;
    m.cam.h = h;
    m.cam.centre = v.pos + P2{250, -150};
    m.cam.mpp = 5;
    m.layers.labels = false;
    return m;
}

}  // namespace

TEST(Export, PaperSizesPresetsAndFurnitureScale) {
    auto a4 = paper_size("A4", 150, false);
    ASSERT_TRUE(a4);
    EXPECT_EQ(a4->w, 1240);  // 210 mm / 25.4 * 150
    EXPECT_EQ(a4->h, 1754);  // 297 mm
    auto a3l = paper_size("a3", 300, true);
    ASSERT_TRUE(a3l);
    EXPECT_EQ(a3l->w, 4961);
    EXPECT_EQ(a3l->h, 3508);
    EXPECT_FALSE(paper_size("B5", 300, false));
    EXPECT_FALSE(paper_size("A4", 0, false));
    ASSERT_TRUE(find_preset("slide-4k"));
    EXPECT_EQ(find_preset("slide-4k")->w, 3840);
    EXPECT_EQ(find_preset("a4-landscape-150")->w, 1754);
    EXPECT_EQ(export_presets().size(), 10u);
    // 300 dpi: legend text (11.5 px at ui_scale 1) comes out at 11.5 * 3.125 px / 300 dpi * 72 = 8.6 pt.
    const float s = furniture_scale(*a3l);
    EXPECT_FLOAT_EQ(s, 3.125f);
    EXPECT_NEAR(11.5 * s / 300 * 72, 8.625, 1e-3);
    EXPECT_FLOAT_EQ(furniture_scale({1920, 1080, 0}), 1.0f);
    EXPECT_FLOAT_EQ(furniture_scale({3840, 2160, 0}), 2.0f);
    EXPECT_FLOAT_EQ(furniture_scale({640, 480, 0}), 1.0f);      // never below 1
    EXPECT_FLOAT_EQ(furniture_scale({60000, 60000, 0}), 6.0f);  // capped
    EXPECT_EQ(parse_format("JPEG"), ImageFormat::Jpeg);
    EXPECT_EQ(format_from_path("/x/y.TIF"), ImageFormat::GeoTiff);
    EXPECT_FALSE(format_from_path("/x.y/z"));
    EXPECT_EQ(world_file_path("/a/b.c/map.png", ImageFormat::Png), "/a/b.c/map.pgw");
    EXPECT_EQ(world_file_path("/a/map.jpeg", ImageFormat::Jpeg), "/a/map.jgw");
}

TEST(Export, CameraKeepsTheSeenExtentAndCentre) {
    Camera seen;
    seen.centre = {250000, 475000};
    seen.mpp = 40;
    seen.w = 1600;
    seen.h = 1000;  // 64 x 40 km
    Camera sq = export_camera(seen, 1000, 1000);
    EXPECT_DOUBLE_EQ(sq.mpp, 64.0);  // the width decides; the height shows more (64 km instead of 40)
    EXPECT_EQ(sq.centre.x, seen.centre.x);
    EXPECT_EQ(sq.centre.y, seen.centre.y);
    geo::BBox a = seen.view_bbox(), b = sq.view_bbox();
    EXPECT_LE(b.minx, a.minx + 1e-6);
    EXPECT_GE(b.maxx, a.maxx - 1e-6);
    EXPECT_LE(b.miny, a.miny);
    EXPECT_GE(b.maxy, a.maxy);
    Camera tall = export_camera(seen, 4000, 1000);  // wider: the height decides
    EXPECT_DOUBLE_EQ(tall.mpp, 40.0);
    // World file: pixel size, rotation 0, centre of the top-left pixel.
    Camera c;
    c.centre = {1000, 2000};
    c.mpp = 2;
    c.w = 10;
    c.h = 6;
    EXPECT_EQ(world_file_text(c), "2\n0\n0\n-2\n991.000000\n2005.000000\n");
}

TEST(Export, TilePlanCoversTheImage) {
    TilePlan p = plan_tiles(600, 400, 128);
    EXPECT_EQ(p.cols, 5);
    EXPECT_EQ(p.tile_w, 120);
    EXPECT_EQ(p.rows, 4);
    EXPECT_EQ(p.tile_h, 100);
    p = plan_tiles(8192, 8192, 2048);
    EXPECT_EQ(p.cols * p.tile_w, 8192);
    EXPECT_EQ(p.rows, 4);
    // Very wide images get shorter bands (<= 512 MiB each).
    p = plan_tiles(65535, 100, 4096);
    EXPECT_LE(size_t(65535) * p.tile_h * 4, size_t(512) << 20);
    EXPECT_GE(p.tile_w * p.cols, 65535);
}

// Tiles share the exact projection: with MSAA per tile, the stitched image equals a single-pass render, seams
// included.
TEST(Export, TiledRenderEqualsSinglePassWithMsaa) {
    Env& e = env();
    MapView v;
    v.cam.w = 600;
    v.cam.h = 400;
    v.cam.fit(e.data.twente_bbox, 24);
    v.title = "Tegels";
    for (int samples : {4, 0}) {
        std::vector<unsigned char> full;
        ASSERT_TRUE(render_to_rgba(e.renderer, v, full, {}, samples));
        std::vector<unsigned char> tiled = render_tiled_rgba(e.renderer, v, {}, 128, samples);  // 5 x 4 tiles
        ASSERT_EQ(full.size(), tiled.size());
        size_t differ = 0, seam_differ = 0, seam_total = 0;
        for (int y = 0; y < 400; ++y)
            for (int x = 0; x < 600; ++x) {
                const bool seam = x % 120 == 0 || x % 120 == 119 || y % 100 == 0 || y % 100 == 99;
                for (int c = 0; c < 4; ++c) {
                    const size_t i = (size_t(y) * 600 + x) * 4 + c;
                    const bool d = std::abs(int(full[i]) - int(tiled[i])) > 24;
                    differ += d;
                    if (seam) {
                        seam_differ += d;
                        ++seam_total;
                    }
                }
            }
        EXPECT_LT(double(differ) / full.size(), 0.002) << samples << "x MSAA: " << differ << " values differ";
        EXPECT_LT(double(seam_differ) / seam_total, 0.004) << samples << "x MSAA: " << seam_differ << " at seams";
    }
}

// GeoTIFF: EPSG:28992, geotransform = the view's RD bounds, and a venue's symbol colour at the pixel computed
// from its RD coordinate through the geotransform read back from the file.
TEST(Export, GeoTiffIsGeoreferencedAndAVenueLandsOnItsPixel) {
    Env& e = env();
    const geo::Venue& ven = venue("enschede-rijksmuseum-twenthe");
    const MapView seen = venue_view(ven, 640, 400);
    const fs::path dir = scratch("geotiff");
    const std::string out = (dir / "map.tif").string();
    ExportOptions o;
    o.size = {640, 400, 300};
    o.format = ImageFormat::GeoTiff;
    o.ui_scale = 1;
    ExportResult r = export_map(e.renderer, seen, out, o);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.files, std::vector<std::string>{out});  // no sidecars for GeoTIFF

    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(out.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->GetRasterXSize(), 640);
    EXPECT_EQ(ds->GetRasterYSize(), 400);
    EXPECT_EQ(ds->GetRasterCount(), 4);
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    // Same camera as seen (same size): bounds = centre -/+ half the size in metres.
    EXPECT_DOUBLE_EQ(gt[0], seen.cam.centre.x - 320 * 5.0);
    EXPECT_DOUBLE_EQ(gt[3], seen.cam.centre.y + 200 * 5.0);
    EXPECT_DOUBLE_EQ(gt[1], 5.0);
    EXPECT_DOUBLE_EQ(gt[5], -5.0);
    EXPECT_EQ(gt[2], 0);
    EXPECT_EQ(gt[4], 0);
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    ASSERT_NE(srs->GetAuthorityCode(nullptr), nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "28992");
    ASSERT_NE(ds->GetMetadataItem("TIFFTAG_XRESOLUTION"), nullptr);
    EXPECT_DOUBLE_EQ(std::atof(ds->GetMetadataItem("TIFFTAG_XRESOLUTION")), 300);
    EXPECT_STREQ(ds->GetMetadataItem("TIFFTAG_RESOLUTIONUNIT"), "2 (pixels/inch)");
    EXPECT_EQ(ds->GetRasterBand(4)->GetColorInterpretation(), GCI_AlphaBand);

    auto pixel = [&](double col, double row) {
        unsigned char px[4] = {};
        EXPECT_EQ(ds->RasterIO(GF_Read, int(col), int(row), 1, 1, px, 1, 1, GDT_Byte, 4, nullptr, 4, 4, 1, nullptr),
                  CE_None);
        return std::vector<unsigned char>(px, px + 4);
    };
    const double col = (ven.pos.x - gt[0]) / gt[1], row = (ven.pos.y - gt[3]) / gt[5];
    EXPECT_NEAR(col, 320 - 250 / 5.0, 1e-9);
    EXPECT_NEAR(row, 200 - 150 / 5.0, 1e-9);
    const RGBA fill = category_style(ven.category).fill;
    auto at = pixel(col, row);
    EXPECT_TRUE(same_rgb8(at.data(), fill, 6)) << int(at[0]) << "," << int(at[1]) << "," << int(at[2]);
    EXPECT_EQ(at[3], 255);
    // 20 px east of it: no symbol colour (the flip and offsets are right, not just "somewhere").
    auto off = pixel(col + 20, row);
    EXPECT_FALSE(same_rgb8(off.data(), fill, 6));
    GDALClose(ds);
    fs::remove_all(dir);
}

// PNG: the DPI in pHYs, the world file and .prj beside it, and the venue symbol at the world file's pixel.
TEST(Export, PngStoresDpiAndWorldFile) {
    Env& e = env();
    const geo::Venue& ven = venue("enschede-rijksmuseum-twenthe");
    const fs::path dir = scratch("png");
    const std::string out = (dir / "map.png").string();
    ExportOptions o;
    o.size = {640, 400, 300};
    o.ui_scale = 1;
    o.date = "2025-06-01";
    ExportResult r = export_map(e.renderer, venue_view(ven, 640, 400), out, o);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(listing(dir), (std::vector<fs::path>{"map.pgw", "map.png", "map.prj"}));

    const std::string png = slurp(out);
    const auto* b = reinterpret_cast<const unsigned char*>(png.data());
    ASSERT_GT(png.size(), 33u);
    ASSERT_EQ(std::memcmp(b, "\x89PNG\r\n\x1a\n", 8), 0);
    bool found = false;
    for (size_t at = 8; at + 12 <= png.size();) {
        const uint32_t len = be32(b + at);
        if (std::memcmp(b + at + 4, "pHYs", 4) == 0) {
            found = true;
            EXPECT_EQ(be32(b + at + 8), 11811u);   // 300 dpi = 11811 px/m
            EXPECT_EQ(be32(b + at + 12), 11811u);
            EXPECT_EQ(b[at + 16], 1);              // unit: metre
        }
        at += 12 + len;
    }
    EXPECT_TRUE(found);

    std::istringstream wf(slurp(dir / "map.pgw"));
    double a, d, bb, ee, c, f;
    wf >> a >> d >> bb >> ee >> c >> f;
    EXPECT_DOUBLE_EQ(a, 5);
    EXPECT_DOUBLE_EQ(ee, -5);
    EXPECT_NE(slurp(dir / "map.prj").find("Amersfoort"), std::string::npos);
    // Pixel (col,row) has its centre at (c + col*a, f + row*e).
    const int col = int(std::floor((ven.pos.x - (c - a / 2)) / a)), row = int(std::floor((ven.pos.y - (f - ee / 2)) / ee));
    int w, h, n;
    unsigned char* img = stbi_load(out.c_str(), &w, &h, &n, 4);
    ASSERT_NE(img, nullptr);
    ASSERT_EQ(w, 640);
    ASSERT_EQ(h, 400);
    EXPECT_TRUE(same_rgb8(img + (size_t(row) * w + col) * 4, category_style(ven.category).fill, 6));
    stbi_image_free(img);
    fs::remove_all(dir);
}

TEST(Export, JpegStoresDpiInJfif) {
    Env& e = env();
    const fs::path dir = scratch("jpg");
    const std::string out = (dir / "map.jpg").string();
    ExportOptions o;
    o.size = {320, 200, 150};
    o.format = ImageFormat::Jpeg;
    o.sidecars = false;
    MapView seen;
    seen.cam.w = 320;
    seen.cam.h = 200;
    seen.cam.fit(e.data.twente_bbox, 10);
    ExportResult r = export_map(e.renderer, seen, out, o);
    ASSERT_TRUE(r.ok()) << r.error;
    const std::string j = slurp(out);
    ASSERT_GT(j.size(), 18u);
    const auto* b = reinterpret_cast<const unsigned char*>(j.data());
    EXPECT_EQ(std::memcmp(b + 6, "JFIF", 4), 0);
    EXPECT_EQ(b[13], 1);  // dots per inch
    EXPECT_EQ((b[14] << 8) | b[15], 150);
    EXPECT_EQ((b[16] << 8) | b[17], 150);
    int w, h, n;
    unsigned char* img = stbi_load(out.c_str(), &w, &h, &n, 3);
    ASSERT_NE(img, nullptr);
    EXPECT_EQ(w, 320);
    EXPECT_EQ(h, 200);
    stbi_image_free(img);
    EXPECT_EQ(listing(dir), std::vector<fs::path>{"map.jpg"});
    fs::remove_all(dir);
}

// A write that fails half-way (disk full) leaves the previous file untouched and no temporary file behind;
// every format goes through the same temp + rename path.
TEST(Export, ForcedWriteFailureKeepsTheOldFile) {
    Env& e = env();
    MapView seen;
    seen.cam.w = 400;
    seen.cam.h = 300;
    seen.cam.fit(e.data.twente_bbox, 10);
    for (ImageFormat f : {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::GeoTiff}) {
        const fs::path dir = scratch(std::string("fail_") + format_name(f));
        const std::string out = (dir / (std::string("map") + format_extension(f))).string();
        { std::ofstream(out) << "OLD CONTENT"; }
        ExportOptions o;
        o.size = {400, 300, 0};
        o.format = f;
        o.write_hook = [](size_t written) { return written < 2000; };  // "disk full" after 2000 bytes
        ExportResult r = export_map(e.renderer, seen, out, o);
        EXPECT_EQ(r.code, kExportWriteError) << format_name(f);
        EXPECT_NE(r.error.find("disk full"), std::string::npos) << r.error;
        EXPECT_NE(r.error.find(out), std::string::npos) << r.error;
        EXPECT_TRUE(slurp(out) == "OLD CONTENT") << format_name(f);
        EXPECT_EQ(listing(dir), std::vector<fs::path>{fs::path(out).filename()}) << format_name(f);
        // The real file path failing at fsync or rename (geo::AtomicFile's injection hook): same outcome.
        o.write_hook = nullptr;
        for (geo::AtomicFailure step : {geo::AtomicFailure::Sync, geo::AtomicFailure::Rename}) {
            geo::inject_atomic_failure(step);
            r = export_map(e.renderer, seen, out, o);
            geo::inject_atomic_failure(geo::AtomicFailure::None);
            EXPECT_EQ(r.code, kExportWriteError) << format_name(f) << ": " << r.error;
            EXPECT_TRUE(slurp(out) == "OLD CONTENT") << format_name(f);
            EXPECT_EQ(listing(dir), std::vector<fs::path>{fs::path(out).filename()}) << format_name(f);
        }
        // The same export without the failure replaces it.
        r = export_map(e.renderer, seen, out, o);
        EXPECT_TRUE(r.ok()) << r.error;
        EXPECT_TRUE(slurp(out) != "OLD CONTENT");
        fs::remove_all(dir);
    }
    // A folder that does not exist: write error, nothing created.
    ExportOptions o;
    o.size = {64, 64, 0};
    ExportResult r = export_map(e.renderer, seen, "/nonexistent-folder-trekkaart/x.png", o);
    EXPECT_EQ(r.code, kExportWriteError);
}

TEST(Export, ImpossibleSizesAreRefusedBeforeRendering) {
    Env& e = env();
    const fs::path dir = scratch("size");
    const std::string out = (dir / "big.png").string();
    MapView seen;
    ExportOptions o;
    o.size = {70000, 100, 0};
    ExportResult r = export_map(e.renderer, seen, out, o);
    EXPECT_EQ(r.code, kExportSizeError);
    EXPECT_NE(r.error.find("70000x100"), std::string::npos) << r.error;
    o.size = {0, 100, 0};
    EXPECT_EQ(export_map(e.renderer, seen, out, o).code, kExportSizeError);
    // More memory than allowed: refused with the estimate in the message.
    o.size = {20000, 20000, 0};
    o.format = ImageFormat::Jpeg;
    EXPECT_GE(export_memory_needed(o), size_t(20000) * 20000 * 3);  // JPEG keeps the whole RGB image
    o.memory_limit = size_t(64) << 20;
    r = export_map(e.renderer, seen, out, o);
    EXPECT_EQ(r.code, kExportSizeError);
    EXPECT_NE(r.error.find("memory"), std::string::npos) << r.error;
    EXPECT_TRUE(listing(dir).empty());
    // PNG memory is bounded by one band, whatever the height.
    ExportOptions p;
    p.size = {8192, 60000, 0};
    EXPECT_LT(export_memory_needed(p), size_t(600) << 20);
    fs::remove_all(dir);
}

TEST(Export, EmptyImageIsNotWritten) {
    std::vector<unsigned char> img(64 * 4, 0);
    EXPECT_FALSE(image_has_content(img.data(), 64));  // all transparent black
    for (size_t i = 0; i < img.size(); ++i) img[i] = i % 4 == 3 ? 255 : 200;
    EXPECT_FALSE(image_has_content(img.data(), 64));  // one opaque colour
    img[17 * 4] = 10;
    EXPECT_TRUE(image_has_content(img.data(), 64));
    // A view of empty background with every layer and the furniture off renders one colour: refused.
    Env& e = env();
    const fs::path dir = scratch("empty");
    const std::string out = (dir / "blank.png").string();
    { std::ofstream(out) << "OLD"; }
    MapView seen;
    seen.cam.centre = {10000, 10000};  // the North Sea, far outside the data
    seen.cam.mpp = 10;
    seen.cam.w = 200;
    seen.cam.h = 100;
    seen.layers = LayerToggles();
    seen.layers.countries = false;
    ExportOptions o;
    o.size = {200, 100, 0};
    o.furniture = false;
    ExportResult r = export_map(e.renderer, seen, out, o);
    EXPECT_EQ(r.code, kExportRenderError);
    EXPECT_NE(r.error.find("empty"), std::string::npos) << r.error;
    EXPECT_TRUE(slurp(out) == "OLD");
    EXPECT_EQ(listing(dir), std::vector<fs::path>{"blank.png"});
    fs::remove_all(dir);
}

// A4 landscape at 150 dpi: furniture scaled by 150/96, every furniture box inside the image, the date line in
// the attribution, and the map keeps the seen extent.
TEST(Export, A4LandscapeFurnitureFitsAndKeepsTheExtent) {
    Env& e = env();
    MapView seen;
    seen.cam.w = 1600;
    seen.cam.h = 1000;
    seen.cam.fit(e.data.twente_bbox, 24);
    seen.title = "Cultuur in Twente";
    seen.inset_bottom = 30;           // window status bar: not in the export
    seen.avoid_px.push_back({0, 0, 400, 900});  // window panels: not in the export
    const fs::path dir = scratch("a4");
    const std::string out = (dir / "a4.png").string();
    ExportOptions o;
    o.size = *paper_size("A4", 150, true);
    o.date = "2025-06-01";
    ExportResult r = export_map(e.renderer, seen, out, o);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_FLOAT_EQ(r.ui_scale, 150.0f / 96);
    const geo::BBox want = seen.cam.view_bbox(), got = image_bounds(r.cam);
    EXPECT_LE(got.minx, want.minx + 1e-6);
    EXPECT_GE(got.maxx, want.maxx - 1e-6);
    EXPECT_LE(got.miny, want.miny + 1e-6);
    EXPECT_GE(got.maxy, want.maxy - 1e-6);
    auto furniture_fits = [&](int w, int h) {
        const auto& furn = e.renderer.last_furniture();
        ASSERT_GE(furn.size(), 5u);  // title, legend, attribution lines, scale bar, north arrow
        for (size_t i = 0; i < furn.size(); ++i) {
            const auto& f = furn[i];
            EXPECT_GE(f.x0, 0);
            EXPECT_GE(f.y0, 0);
            EXPECT_LE(f.x1, w);
            EXPECT_LE(f.y1, h);
            for (size_t j = i + 1; j < furn.size(); ++j)
                EXPECT_FALSE(overlaps(f, furn[j])) << "furniture boxes " << i << " and " << j << " overlap at " << w << "x" << h;
        }
    };
    furniture_fits(1754, 1240);
    // Portrait: the long attribution line wraps instead of running over the legend.
    ExportOptions port = o;
    port.size = *paper_size("A4", 150, false);
    ExportResult rp = export_map(e.renderer, seen, (dir / "a4p.png").string(), port);
    ASSERT_TRUE(rp.ok()) << rp.error;
    furniture_fits(1240, 1754);
    std::vector<std::string> attr = export_attribution(o);
    ASSERT_FALSE(attr.empty());
    EXPECT_NE(attr[0].find("2025-06-01"), std::string::npos);
    o.estimate = true;
    EXPECT_EQ(export_attribution(o).size(), 2u);
    // Labels were placed with the window's panels forgotten: some label lies where the panel was.
    bool label_under_old_panel = false;
    for (const auto& l : e.renderer.last_labels())
        label_under_old_panel |= l.box.x1 < 400 * 1754.0 / 1600 && l.box.y1 < 900;
    EXPECT_TRUE(label_under_old_panel);
    fs::remove_all(dir);
}

// An exported scene keeps its caption: drawn under the title, wrapped into lines no wider than half the image,
// every word of it in the picture's text runs, and the ramp legends below it (no furniture box overlaps another).
TEST(Export, CaptionIsWrappedUnderTheTitleAndAboveTheRampLegend) {
    Env& e = env();
    MapView seen;
    seen.cam.w = 1600;
    seen.cam.h = 1000;
    seen.cam.fit(e.data.twente_bbox, 24);
    seen.title = "Bereik";
    seen.caption = {"Een podium voor 5.000 bezoekers trekt ook uit Duitsland: binnen 45 minuten met de auto wonen "
                    "ruim een miljoen mensen, aan beide kanten van de grens.",
                    "binnen 45 min (auto): 1.234.567 inwoners"};
    const fs::path dir = scratch("caption");
    ExportOptions o;
    o.size = {1200, 800, 96};
    o.date = "2025-06-01";
    RampLegend rl;
    rl.title = "Reistijd";
    rl.colours = {{0, 0, 0, 255}, {255, 255, 255, 255}};
    o.render.ramps.push_back(rl);
    ExportResult r = export_map(e.renderer, seen, (dir / "c.png").string(), o);
    ASSERT_TRUE(r.ok()) << r.error;
    std::string said;
    for (const std::string& t : e.renderer.last_texts()) said += t + "\n";
    for (const char* w : {"podium", "Duitsland:", "grens.", "1.234.567"}) EXPECT_NE(said.find(w), std::string::npos) << w;
    int caption_lines = 0;
    for (const std::string& t : e.renderer.last_texts())
        if (seen.caption[0].find(t) != std::string::npos && t.size() > 10) ++caption_lines;
    EXPECT_GE(caption_lines, 2) << "the long paragraph wraps";
    const auto& furn = e.renderer.last_furniture();
    for (size_t i = 0; i < furn.size(); ++i) {
        if (furn[i].y0 < 800 * 0.4) {  // title, caption, ramp legend (not the attribution at the bottom)
            EXPECT_LE(furn[i].x1 - furn[i].x0, 1200 * 0.5 + 40) << "box " << i;  // wrapped: at most half + padding
        }
        for (size_t j = i + 1; j < furn.size(); ++j) EXPECT_FALSE(overlaps(furn[i], furn[j])) << i << " " << j;
    }
    fs::remove_all(dir);
}

// ---- the `trekkaart export` command line ------------------------------------------------------------------------

TEST(ExportCli, ParsesSizesViewsAndRejectsBadUsage) {
    ExportCliArgs a;
    ASSERT_EQ(parse_export_args({"--paper", "A3", "--landscape", "--out", "x.tif"}, a), "");
    EXPECT_EQ(a.size.w, 4961);  // A3 landscape at the default 300 dpi
    EXPECT_EQ(a.size.h, 3508);
    EXPECT_EQ(a.size.dpi, 300);
    ExportCliArgs b;
    ASSERT_EQ(parse_export_args({"--size", "4000x3000", "--dpi", "200", "--bbox", "250000,460000,265000,475000",
                                 "--hide", "labels,rail", "--format", "jpg", "--out", "m.jpeg", "--lang", "en"}, b), "");
    EXPECT_EQ(b.size.w, 4000);
    EXPECT_EQ(b.size.dpi, 200);
    ASSERT_TRUE(b.bbox);
    EXPECT_EQ(b.bbox->maxy, 475000);
    EXPECT_EQ(b.hide, (std::vector<std::string>{"labels", "rail"}));
    ExportCliArgs c;
    ASSERT_EQ(parse_export_args({"--scene", "deck.json#3", "--preset", "slide-4k", "--out", "dir/"}, c), "");
    EXPECT_EQ(c.scene_file, "deck.json");
    EXPECT_EQ(c.scene_index, 3);
    EXPECT_EQ(c.size.w, 3840);
    // Usage errors name what is wrong.
    auto err = [](std::vector<std::string> args) {
        ExportCliArgs x;
        return parse_export_args(args, x);
    };
    EXPECT_NE(err({"--size", "100x100"}).find("--out"), std::string::npos);
    EXPECT_NE(err({"--out", "x.png"}).find("size"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--paper", "A4", "--out", "x.png"}).find("only one"), std::string::npos);
    EXPECT_NE(err({"--size", "10by10", "--out", "x.png"}).find("WxH"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--bbox", "1,2,3", "--out", "x.png"}).find("--bbox"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--bbox", "5,2,3,4", "--out", "x.png"}).find("maxx"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--format", "png", "--out", "x.jpg"}).find("does not match"), std::string::npos);
    EXPECT_EQ(err({"--size", "10x10", "--format", "tif", "--out", "x.tif"}), "");  // plain TIFF in a .tif
    EXPECT_NE(err({"--size", "10x10", "--hide", "roads", "--out", "x.png"}).find("roads"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--scene", "d.json#0", "--out", "x.png"}).find("#"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--heatmap", "what_if", "--out", "x.png"}).find("--add x,y"), std::string::npos) << err({"--size", "10x10", "--heatmap", "what_if", "--out", "x.png"});
    EXPECT_NE(err({"--size", "10x10", "--add", "257000,471000", "--out", "x.png"}).find("--heatmap"), std::string::npos);
    EXPECT_EQ(err({"--size", "10x10", "--heatmap", "what_if", "--add", "257000,471000", "--out", "x.png"}), "");
    EXPECT_EQ(err({"--size", "10x10", "--best", "2", "--out", "x.png"}), "");  // --best implies best_site
    EXPECT_NE(err({"--size", "10x10", "--data", "--out", "x.png"}).find("--heatmap"), std::string::npos);
    EXPECT_NE(err({"--size", "10x10", "--out", "x.png", "--frobnicate"}).find("frobnicate"), std::string::npos);
}

// What-if and best site from the command line: the picture and, with --data, the same files as `analyse`
// (write_analysis_files), whose summary holds the gains per municipality and the suggested sites.
TEST(ExportCli, WhatIfAndBestSiteExportWithTheirData) {
    env();
    const fs::path dir = scratch("cli-whatif");
    auto run = [](std::vector<std::string> args) {
        args.insert(args.begin(), "export");
        args.push_back("--quiet");
        std::vector<char*> argv;
        for (auto& s : args) argv.push_back(s.data());
        return run_export_cli(int(argv.size()), argv.data());
    };
    const std::string png = (dir / "podium.png").string();
    ASSERT_EQ(run({"--heatmap", "what_if", "--category", "pop", "--add", "257000,471000", "--size", "320x200",
                   "--data", "--out", png}), kExportOk);
    for (const char* f : {"podium.png", "podium.surface.tif", "podium.figures.csv", "podium.figures.gpkg",
                          "podium.summary.json"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    const std::string summary = slurp(dir / "podium.summary.json");
    EXPECT_NE(summary.find("\"per_municipality\""), std::string::npos) << summary;
    EXPECT_NE(summary.find("{\"x\": 257000, \"y\": 471000, \"category\": \"pop\""), std::string::npos) << summary;
    ASSERT_EQ(run({"--best", "1", "--category", "theatre", "--size", "320x200", "--data", "--out",
                   (dir / "best.png").string()}), kExportOk);
    EXPECT_NE(slurp(dir / "best.summary.json").find("\"best_sites\""), std::string::npos);
    // An unknown venue id to --remove: a usage error with the closest id, nothing written.
    EXPECT_EQ(run({"--heatmap", "what_if", "--remove", "enschede-wilminktheatre", "--category", "theatre", "--size",
                   "320x200", "--out", (dir / "x.png").string()}), kExportUsage);
    EXPECT_FALSE(fs::exists(dir / "x.png"));
    fs::remove_all(dir);
}

TEST(ExportCli, SceneOutputPaths) {
    EXPECT_EQ(scene_output_path("out/map-{n}.png", 3, 12, "", ImageFormat::Png), "out/map-03.png");
    EXPECT_EQ(scene_output_path("out/{n}-{id}", 3, 12, "wonen", ImageFormat::GeoTiff), "out/03-wonen.tif");
    EXPECT_EQ(scene_output_path("out/", 7, 120, "", ImageFormat::Jpeg), "out/scene-007.jpg");
    EXPECT_EQ(scene_output_path("out/", 7, 8, "dome", ImageFormat::Png), "out/07-dome.png");
    EXPECT_EQ(scene_output_path("single.png", 1, 1, "x", ImageFormat::Png), "single.png");
    EXPECT_EQ(scene_output_path("single", 1, 1, "x", ImageFormat::Png), "single.png");
    EXPECT_EQ(scene_output_path("single.png", 2, 5, "x", ImageFormat::Png), "");  // several scenes, one name
}

// End to end: every scene of a small deck into a folder, then exit codes for a bad scene file and bad usage.
TEST(ExportCli, ExportsEverySceneOfADeckWithExitCodes) {
    env();  // load the data once here too (the CLI loads its own)
    const fs::path dir = scratch("cli");
    const std::string deck = (dir / "deck.json").string();
    std::ofstream(deck) << R"({"trekkaart_scenes": 1, "title": "Test", "scenes": [
      {"id": "enschede", "title": "Enschede", "camera": {"crs": "rd", "bbox": [250000, 465000, 262000, 475000]},
       "layers": {"choropleth": "density"}},
      {"title": {"nl": "Almelo", "en": "Almelo"}, "camera": {"crs": "rd", "centre": [233000, 488000], "zoom": 12}}
    ]})";
    auto run = [](std::vector<std::string> args) {
        args.insert(args.begin(), "export");
        args.push_back("--quiet");
        std::vector<char*> argv;
        for (auto& s : args) argv.push_back(s.data());
        return run_export_cli(int(argv.size()), argv.data());
    };
    const std::string out = (dir / "png").string() + "/";
    fs::create_directories(out);
    EXPECT_EQ(run({"--scene", deck, "--size", "320x200", "--out", out, "--date", "2025-01-01"}), kExportOk);
    EXPECT_EQ(listing(out), (std::vector<fs::path>{"01-enschede.pgw", "01-enschede.png", "01-enschede.prj",
                                                   "scene-02.pgw", "scene-02.png", "scene-02.prj"}));
    // The Enschede scene's bbox lies inside the exported picture (scene camera on 16:9, fitted into 320x200).
    std::istringstream wf(slurp(fs::path(out) / "01-enschede.pgw"));
    double a, d, b, e2, c, f;
    wf >> a >> d >> b >> e2 >> c >> f;
    EXPECT_LE(c - a / 2, 250000);
    EXPECT_GE(c - a / 2 + 320 * a, 262000);
    EXPECT_GE(f - e2 / 2, 475000);  // e2 < 0: top edge = f + |e|/2
    // One scene by number, GeoTIFF by extension.
    EXPECT_EQ(run({"--scene", deck + "#2", "--size", "200x100", "--out", (dir / "two.tif").string()}), kExportOk);
    EXPECT_TRUE(fs::exists(dir / "two.tif"));
    EXPECT_FALSE(fs::exists(dir / "two.tfw"));  // GeoTIFF: no world file needed
    // Exit codes.
    EXPECT_EQ(run({"--scene", deck + "#9", "--size", "200x100", "--out", (dir / "x.png").string()}), kExportDataError);
    std::ofstream((dir / "bad.json").string()) << R"({"trekkaart_scenes": 1, "scenes": [ {"title": "x",}]})";
    EXPECT_EQ(run({"--scene", (dir / "bad.json").string(), "--size", "200x100", "--out", out}), kExportDataError);
    EXPECT_EQ(run({"--scene", deck, "--size", "200x100", "--out", (dir / "one-name.png").string()}), kExportUsage);
    EXPECT_EQ(run({"--size", "70000x10", "--out", (dir / "huge.png").string()}), kExportSizeError);
    EXPECT_FALSE(fs::exists(dir / "x.png"));
    EXPECT_FALSE(fs::exists(dir / "huge.png"));
    // An explicit folder ("posters/") is created; a missing folder in a file name is a write error.
    const std::string made = (dir / "new" / "posters").string() + "/";
    EXPECT_EQ(run({"--scene", deck + "#2", "--size", "200x100", "--out", made}), kExportOk);
    EXPECT_EQ(listing(made).size(), 3u);  // the picture, its world file and .prj
    EXPECT_EQ(run({"--scene", deck + "#2", "--size", "200x100", "--out", (dir / "absent" / "a.png").string()}),
              kExportWriteError);
    fs::remove_all(dir);
}
