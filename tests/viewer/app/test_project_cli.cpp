// Project files on the command line (issue 12, docs/project.md): `export --project` draws the project's layer in its
// style and view; `analyse --project` computes with its settings (and an option given overrides one); a scene
// naming "user:NAME" shows or hides the project's layer; a project that cannot be read exits 1 naming
// file:line:col; `trekkaart FILE.trekkaart --screenshot` opens it in the window with a missing layer said.
#include <gtest/gtest.h>

#include <gdal_priv.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../engine/project_fixture.h"
#include "../output/video_probe.h"
#include "geo/io/json.h"
#include "geo/io/csv.h"
#include "viewer/app/cli.h"
#include "viewer/engine/project.h"

using namespace viewer;
using namespace project_test;

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

bool near_rgb(const std::vector<int>& rgb, unsigned hex, int tol) {
    return rgb.size() == 3 && std::abs(rgb[0] - int(hex >> 16)) <= tol && std::abs(rgb[1] - int((hex >> 8) & 255)) <= tol &&
           std::abs(rgb[2] - int(hex & 255)) <= tol;
}

// A layer of a project: its source (relative to the project file) and name, the default style.
ProjectLayer project_layer(const std::string& source, const std::string& name) {
    ProjectLayer l;
    l.source = source;
    l.name = name;
    return l;
}

// The schools in indigo (#332288), single symbol, 2 x 2 km around (257000, 471500), the base map calm.
Project schools_project(const std::string& file) {
    Project p;
    p.path = file;
    ProjectLayer l = project_layer("data/scholen.gpkg", "scholen");
    l.style.colour = hex(0x332288);
    l.style.point_px = 12;
    p.layers = {l};
    p.view.bbox = geo::BBox{256000, 470500, 258000, 472500};
    p.view.layers.venues = p.view.layers.stations = p.view.layers.rail = p.view.layers.labels = false;
    p.view.choropleth = Choropleth::None;
    p.view.layers.choropleth = false;
    return p;
}

// The value of column `col` in the row of municipality `code` of a figures CSV; NaN when absent.
double figure(const std::string& csv, const std::string& code, const std::string& col) {
    std::ifstream in(csv);
    std::string line;
    std::vector<std::string> header;
    auto split = [](const std::string& s) {
        std::vector<std::string> v;
        std::stringstream ss(s);
        for (std::string x; std::getline(ss, x, ',');) v.push_back(x);
        return v;
    };
    if (!std::getline(in, line)) return NAN;
    header = split(line);
    const auto at = std::find(header.begin(), header.end(), col);
    if (at == header.end()) return NAN;
    while (std::getline(in, line)) {
        const auto row = split(line);
        if (!row.empty() && row[0] == code && row.size() > size_t(at - header.begin()))
            return std::atof(row[size_t(at - header.begin())].c_str());
    }
    return NAN;
}

std::string read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace

TEST(ProjectCli, ExportDrawsTheProjectsLayerInItsView) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path));
    const std::string file = dir / "scholen.trekkaart";
    ASSERT_EQ(save_project(schools_project(file), file), "");
    const std::string out = dir / "kaart.png";
    // No --bbox: the project's view. 400 px over 2 km = 5 m/px; De Zuid (257800, 472200) at (360, 60).
    Outcome r = trekkaart({"export", "--project", file, "--size", "400x400", "--no-furniture", "--out", out});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.err, "layer 'scholen': 3 features (points)")) << r.err;
    EXPECT_TRUE(near_rgb(pixel(out, 360, 60), 0x332288, 10)) << pixel(out, 360, 60)[0];
    EXPECT_FALSE(near_rgb(pixel(out, 300, 60), 0x332288, 60));  // 300 m west of it: the base map
    // A scene naming the layer hides it ("user:scholen": false); one naming a layer the project lacks: exit 1.
    const std::string deck = dir / "deck.json";
    std::ofstream(deck) << R"({"scenes": [{"title": "t", "camera": {"crs": "rd", "bbox": [256000, 470500, 258000, 472500]},
      "layers": {"choropleth": "none", "venues": false, "stations": false, "rail": false, "labels": false, "user:scholen": false}}]})";
    const std::string out2 = dir / "scene.png";
    r = trekkaart({"export", "--project", file, "--scene", deck, "--size", "400x400", "--no-furniture", "--out", out2});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(near_rgb(pixel(out2, 360, 60), 0x332288, 60)) << "the scene hid the layer";
    std::ofstream(deck) << R"({"scenes": [{"title": "t", "camera": {"crs": "rd", "bbox": [256000, 470500, 258000, 472500]},
      "layers": {"user:bieb": true}}]})";
    r = trekkaart({"export", "--project", file, "--scene", deck, "--size", "400x400", "--out", out2});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_TRUE(has(r.err, deck + ":2:18: layers: \"user:bieb\" is not a layer of the project (its layers: "
                           "\"user:scholen\")")) << r.err;
}

TEST(ProjectCli, ABrokenProjectExits1NamingFileLineAndColumn) {
    TempDir dir;
    const std::string file = dir / "kapot.trekkaart";
    std::ofstream(file) << "{\n  \"trekkaart_project\": 1,\n  \"view\": {\"zoom\": 3}\n}\n";
    Outcome r = trekkaart({"export", "--project", file, "--size", "100x100", "--out", dir / "x.png"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "cannot open the project: " + file + ":3:12: unknown key \"zoom\" in \"view\"")) << r.err;
    r = trekkaart({file, "--screenshot", dir / "x.png"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, file + ":3:12:")) << r.err;
}

TEST(ProjectCli, AnalyseUsesTheProjectsSettingsAndOptionsOverrideThem) {
    TempDir dir;
    const std::string file = dir / "lopen.trekkaart";
    Project p;
    p.analysis.params.metric = Metric::TravelTime;
    p.analysis.params.category = geo::Category::Library;
    p.analysis.params.mode = geo::Mode::Walk;
    p.analysis.params.threshold_min = 20;
    ASSERT_EQ(save_project(p, file), "");
    Outcome r = trekkaart({"analyse", "--project", file, "--out", dir / "walk/", "-q"});
    ASSERT_EQ(r.code, 0) << r.err;
    // The metric, category, mode and T are the project's (the file is named after its metric).
    geo::json::Value root;
    geo::json::ParseError err;
    ASSERT_TRUE(geo::json::parse(read(dir / "walk/travel_time.summary.json"), root, err)) << err.message;
    const geo::json::Value* par = root.find("parameters");
    ASSERT_NE(par, nullptr);
    EXPECT_EQ(par->find("mode")->str, "walk");
    EXPECT_EQ(par->find("category")->str, "library");
    EXPECT_EQ(par->find("threshold_min")->num, 20);
    // --mode bike given: the rest stays the project's; more of Enschede is within 20 minutes of a library.
    r = trekkaart({"analyse", "--project", file, "--mode", "bike", "--out", dir / "bike/", "-q"});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_TRUE(geo::json::parse(read(dir / "bike/travel_time.summary.json"), root, err)) << err.message;
    EXPECT_EQ(root.find("parameters")->find("mode")->str, "bike");
    EXPECT_EQ(root.find("parameters")->find("threshold_min")->num, 20);
    const double walk = figure(dir / "walk/travel_time.figures.csv", "GM0153", "coverage_pct");
    const double bike = figure(dir / "bike/travel_time.figures.csv", "GM0153", "coverage_pct");
    EXPECT_GT(walk, 5);
    EXPECT_GT(bike, walk + 5) << "walk " << walk << " %, bike " << bike << " %";
}

TEST(ProjectCli, TheWindowOpensAProjectWithAMissingLayerAndSaysSo) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path));
    const std::string file = dir / "scholen.trekkaart";
    Project p = schools_project(file);
    p.layers.insert(p.layers.begin(), project_layer("data/weg.gpkg", "weg"));
    ASSERT_EQ(save_project(p, file), "");
    const std::string out = dir / "window.png";
    Outcome r = trekkaart({file, "--screenshot", out, "--size", "1000x700"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.err, file + ":4: layer 1 \"weg\": source \"data/weg.gpkg\" (resolved: " +
                               (dir.path / "data" / "weg.gpkg").string() + ")")) << r.err;
    EXPECT_TRUE(has(r.err, "layer 'scholen': 3 features")) << r.err;
}

// issue 12: `analyse --project` computes with the project's zones layer (its rows in the figures, with the "zones"
// column naming the layer) and venue set; --zones given replaces the project's zones.
TEST(ProjectCli, AnalyseUsesTheProjectsZonesAndVenueSet) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path));
    const std::string file = dir / "wijken.trekkaart";
    Project p = schools_project(file);
    p.layers.push_back(project_layer("data/wijken.gpkg", "wijken"));
    p.analysis.params.category = geo::Category::Library;
    p.analysis.uses.zones_layer = "wijken";
    p.analysis.uses.zone_name_field = "wijk";
    p.analysis.uses.venues_layer = "scholen";  // "bibliotheek" -> library by the vocabulary
    p.analysis.uses.venues.name_field = "naam";
    p.analysis.uses.venues.category_field = "soort";
    ASSERT_EQ(save_project(p, file), "");
    Outcome r = trekkaart({"analyse", "--project", file, "--out", dir / "z/"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.err, "2 zones from the layer 'wijken'")) << r.err;
    EXPECT_TRUE(has(r.err, "1 venues from the layer 'scholen' (replacing the catalogue's of their categories)")) << r.err;
    const geo::CsvTable t = geo::read_csv(dir / "z/travel_time.figures.csv");
    const int name = t.require("name"), zones = t.require("zones");
    std::vector<std::string> zone_rows;
    for (const auto& row : t.rows)
        if (!row.fields[size_t(zones)].empty()) {
            EXPECT_EQ(row.fields[size_t(zones)], "wijken");
            zone_rows.push_back(row.fields[size_t(name)]);
        }
    EXPECT_EQ(zone_rows, (std::vector<std::string>{"Noord", "Zuid"}));
    // One library (the user's, in Enschede): Almelo's libraries are gone, so its mean time grows.
    const double own = figure(dir / "z/travel_time.figures.csv", "GM0141", "mean_minutes");
    r = trekkaart({"analyse", "--metric", "travel_time", "--category", "library", "--out", dir / "cat/", "-q"});
    ASSERT_EQ(r.code, 0) << r.err;
    const double cat = figure(dir / "cat/travel_time.figures.csv", "GM0141", "mean_minutes");
    EXPECT_GT(own, cat + 5) << own << " vs " << cat;
    // --zones given: the project's zones are not used (the given layer is: its default names).
    r = trekkaart({"analyse", "--project", file, "--zones", dir / "data/wijken.gpkg", "--out", dir / "g/", "-q"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(has(read(dir / "g/travel_time.figures.csv"), "Noord"));
    EXPECT_TRUE(has(read(dir / "g/travel_time.figures.csv"), "wijken 1"));
}

// issue 12: the presenter with a project (`--present DECK --project FILE`): a scene naming "user:scholen" shows the
// project's layer in its colour (its pixels are in the PNG), a scene hiding it has none; a missing project file is
// an error naming it.
TEST(ProjectCli, ThePresenterShowsTheProjectsLayers) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path));
    const std::string file = dir / "scholen.trekkaart";
    ASSERT_EQ(save_project(schools_project(file), file), "");
    const std::string deck = dir / "deck.json";
    std::ofstream(deck) << R"({"scenes": [
      {"id": "aan", "title": "t", "camera": {"crs": "rd", "bbox": [256000, 470500, 258000, 472500]},
       "layers": {"choropleth": "none", "venues": false, "stations": false, "rail": false, "user:scholen": true}},
      {"id": "uit", "title": "t", "camera": {"crs": "rd", "bbox": [256000, 470500, 258000, 472500]},
       "layers": {"choropleth": "none", "venues": false, "stations": false, "rail": false, "user:scholen": false}}]})";
    const std::string out = dir / "shots";
    Outcome r = trekkaart({"--present", deck, "--project", file, "--screenshot-scenes", out, "--size", "640x360"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto indigo = [](const std::string& png) {  // pixels of the schools' colour
        GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(png.c_str(), GA_ReadOnly));
        if (!ds) return -1;
        const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
        std::vector<unsigned char> rgb(size_t(w) * h * 3);
        int bands[3] = {1, 2, 3};
        const bool ok = ds->RasterIO(GF_Read, 0, 0, w, h, rgb.data(), w, h, GDT_Byte, 3, bands, 3, 3 * w, 1) == CE_None;
        GDALClose(ds);
        if (!ok) return -1;
        int n = 0;
        for (size_t i = 0; i < rgb.size(); i += 3) n += near_rgb({rgb[i], rgb[i + 1], rgb[i + 2]}, 0x332288, 12);
        return n;
    };
    const int on = indigo(out + "/scene-01-aan.png"), off = indigo(out + "/scene-02-uit.png");
    EXPECT_GT(on, 3 * 40) << "three school symbols";
    EXPECT_EQ(off, 0);
    // The video of the deck (export --scene --video --project): a frame at rest on the first scene shows the layer.
    if (video_probe::have_ffprobe()) {
        const std::string mp4 = dir / "deck.mp4";
        r = trekkaart({"export", "--scene", deck, "--video", mp4, "--project", file, "--size", "640x360",
                       "--seconds-per-scene", "1", "--fps", "5", "-q"});
        ASSERT_EQ(r.code, 0) << r.err;
        const std::vector<unsigned char> px = video_probe::frame_rgba(mp4, 2);
        ASSERT_EQ(px.size(), size_t(640) * 360 * 4);
        int n = 0;
        for (size_t i = 0; i < px.size(); i += 4) n += near_rgb({px[i], px[i + 1], px[i + 2]}, 0x332288, 30);
        EXPECT_GT(n, 3 * 30) << "three school symbols in the video";
        r = trekkaart({"export", "--scene", deck, "--video", mp4, "--size", "640x360", "-q"});
        EXPECT_EQ(r.code, 1) << r.err;  // the deck names a project layer, and no project was given
    }
    // Without the project the deck names a layer nobody has: exit 1 naming the deck.
    r = trekkaart({"--present", deck, "--screenshot-scenes", out, "--size", "640x360"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, deck + ":3:92: layers: \"user:scholen\" names a user layer, but no project is open (give "
                           "the project with --project FILE.trekkaart")) << r.err;
    // A project that is not there.
    r = trekkaart({"--present", deck, "--project", dir / "weg.trekkaart", "--screenshot-scenes", out});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "cannot open the project: ")) << r.err;
    EXPECT_TRUE(has(r.err, dir / "weg.trekkaart")) << r.err;
}
