// The project in the window (issue 12, viewer/ui/project_panel.h), driven without clicks: opening a project with a
// missing layer loads the rest and says which; Save as elsewhere keeps that layer (re-pathed) and every setting;
// a broken project leaves the session as it was, naming file:line:col; the autosave goes beside the project (never
// over it) five seconds after a change and is offered, newer than the file, on the next opening.
#include <gtest/gtest.h>

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "../engine/project_fixture.h"
#include "window_fixture.h"
#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/ui/app.h"
#include "viewer/ui/project_panel.h"
#include "viewer/model/i18n.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/ui/user_layers_panel.h"

using namespace viewer;
using namespace project_test;

namespace {

using PanelEnv = window_test::WindowEnv;
PanelEnv& panel_env() { return window_test::window_env(); }

std::string read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

AnalysisOptions no_candidates_file() {
    AnalysisOptions o;
    o.candidates_path = "-";  // never the user's what-if candidates
    return o;
}

// A missing layer first, then wijken and scholen; walking 20 min to a library; one site.
std::string write_project(const TempDir& dir) {
    EXPECT_TRUE(write_project_data(dir.path));
    Project p;
    for (const char* n : {"weg", "wijken", "scholen"}) {
        ProjectLayer l;
        l.source = std::string("data/") + n + ".gpkg";
        l.name = n;
        p.layers.push_back(l);
    }
    p.layers[1].style.opacity = 0.5f;
    p.view.bbox = geo::BBox{255000, 469500, 259000, 473500};
    p.analysis.params.category = geo::Category::Library;
    p.analysis.params.mode = geo::Mode::Walk;
    p.analysis.params.threshold_min = 20;
    Candidate c;
    c.pos = {257000, 471000};
    c.category = geo::Category::Library;
    p.whatif = {c};
    const std::string file = dir / "twente.trekkaart";
    EXPECT_EQ(save_project(p, file), "");
    return file;
}

}  // namespace

TEST(ProjectPanel, OpenSaveAsKeepsTheMissingLayerAndABrokenFileChangesNothing) {
    PanelEnv& e = panel_env();
    TempDir dir;
    const std::string file = write_project(dir);
    App app(e.data, e.ctx.window(), 1.0f, no_candidates_file());
    ProjectPanel& pp = app.project();
    ASSERT_TRUE(pp.open(app, file)) << pp.message();
    ASSERT_EQ(app.view().user_layers.size(), 2u);
    EXPECT_EQ(app.view().user_layers[0].layer->name, "wijken");
    EXPECT_EQ(app.view().user_layers[0].style.opacity, 0.5f);
    ASSERT_EQ(pp.missing().size(), 1u);
    EXPECT_TRUE(has(pp.message(), "layer 1 \"weg\": source \"data/weg.gpkg\"")) << pp.message();
    EXPECT_EQ(app.analysis().params().mode, geo::Mode::Walk);
    EXPECT_EQ(app.analysis().analysis().candidates().size(), 1u);
    ASSERT_TRUE(app.pending_bbox().has_value());
    EXPECT_EQ(app.pending_bbox()->minx, 255000);
    // Save as in a sub-folder (".trekkaart" added): every layer, the missing one at its place, relative to it.
    fs::create_directories(dir.path / "kopie");
    ASSERT_TRUE(pp.save(app, dir / "kopie/twente2")) << pp.message();
    EXPECT_EQ(pp.path(), dir / "kopie/twente2.trekkaart");
    const Project q = load_project(dir / "kopie/twente2.trekkaart");
    ASSERT_EQ(q.layers.size(), 3u);
    EXPECT_EQ(q.layers[0].source, "../data/weg.gpkg");
    EXPECT_EQ(q.layers[1].source, "../data/wijken.gpkg");
    EXPECT_EQ(q.layers[2].source, "../data/scholen.gpkg");
    EXPECT_EQ(q.layers[1].style.opacity, 0.5f);
    EXPECT_EQ(q.analysis.params.threshold_min, 20.f);
    ASSERT_TRUE(q.view.bbox.has_value());
    EXPECT_EQ(q.view.bbox->maxx, 259000);
    EXPECT_EQ(q.whatif.size(), 1u);
    // A broken project: the message names file, line and column; the layers and settings stay.
    const std::string bad = dir / "kapot.trekkaart";
    std::ofstream(bad) << "{\"trekkaart_project\": 1,\n \"layers\": [{\"source\": 3}]}";
    EXPECT_FALSE(pp.open(app, bad));
    EXPECT_TRUE(has(pp.message(), bad + ":2:24: layer 1 source must be a string, not a number")) << pp.message();
    EXPECT_EQ(app.view().user_layers.size(), 2u);
    EXPECT_EQ(app.analysis().params().mode, geo::Mode::Walk);
    EXPECT_EQ(pp.path(), dir / "kopie/twente2.trekkaart");
    // A save that cannot be written names the file; the project stays where it was.
    EXPECT_FALSE(pp.save(app, dir / "bestaat-niet/x.trekkaart"));
    EXPECT_TRUE(has(pp.message(), dir / "bestaat-niet/x.trekkaart")) << pp.message();
    EXPECT_EQ(pp.path(), dir / "kopie/twente2.trekkaart");
}

TEST(ProjectPanel, AutosaveGoesBesideTheProjectAndIsOfferedWhenNewer) {
    PanelEnv& e = panel_env();
    TempDir dir;
    const std::string file = write_project(dir);
    const std::string original = read(file);
    const std::string autosave = file + ".autosave";
    {
        App app(e.data, e.ctx.window(), 1.0f, no_candidates_file());
        ProjectPanel& pp = app.project();
        ASSERT_TRUE(pp.open(app, file));
        EXPECT_EQ(pp.autosave_offer(), "");
        pp.tick(app, 100);  // the state as opened
        app.analysis().params().threshold_min = 33;
        pp.tick(app, 101);  // changed: the autosave waits 5 s
        pp.tick(app, 105.5);
        EXPECT_FALSE(fs::exists(autosave));
        pp.tick(app, 106.5);
        ASSERT_TRUE(fs::exists(autosave));
        EXPECT_TRUE(has(read(autosave), "\"threshold_min\": 33")) << read(autosave);
        EXPECT_EQ(read(file), original);  // the user's file untouched
    }
    {
        App app(e.data, e.ctx.window(), 1.0f, no_candidates_file());
        ProjectPanel& pp = app.project();
        ASSERT_TRUE(pp.open(app, file));
        EXPECT_EQ(app.analysis().params().threshold_min, 20.f);  // the file as saved
        ASSERT_EQ(pp.autosave_offer(), autosave);
        ASSERT_TRUE(pp.restore_autosave(app));
        EXPECT_EQ(app.analysis().params().threshold_min, 33.f);
        EXPECT_EQ(pp.path(), file);              // Save writes the project's own file
        EXPECT_EQ(app.view().user_layers.size(), 2u);
        ASSERT_TRUE(pp.save(app, pp.path()));
        EXPECT_FALSE(fs::exists(autosave));      // saved: the autosave is gone
        EXPECT_TRUE(has(read(file), "\"threshold_min\": 33"));
    }
}

// ---- issue 12: the analysis uses of the user's layers (venue set, zones, road network) in the project ----

namespace {

// A road through Enschede (lon/lat, GeoJSON's CRS): one primary road west-east.
void write_roads(const TempDir& dir) {
    std::ofstream(dir / "data/wegen.geojson")
        << R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"highway": "primary"},
             "geometry": {"type": "LineString", "coordinates": [[6.80, 52.215], [6.89, 52.22], [6.98, 52.225]]}}]})";
}

// scholen, wijken and wegen, nothing used yet; car to pop venues.
std::string write_use_project(const TempDir& dir) {
    EXPECT_TRUE(write_project_data(dir.path));
    write_roads(dir);
    Project p;
    for (const char* src : {"data/wijken.gpkg", "data/scholen.gpkg", "data/wegen.geojson"}) {
        ProjectLayer l;
        l.source = src;
        l.name = std::filesystem::path(src).stem().string();
        p.layers.push_back(l);
    }
    p.analysis.params.metric = Metric::TravelTime;
    p.analysis.params.category = geo::Category::Pop;
    p.analysis.params.mode = geo::Mode::Car;
    const std::string file = dir / "gebruik.trekkaart";
    EXPECT_EQ(save_project(p, file), "");
    return file;
}

const UserLayerEntry& layer_named(App& app, const std::string& name) {
    for (const auto& e : app.view().user_layers)
        if (e.layer->name == name) return e;
    throw std::runtime_error("no layer " + name);
}

// The window's analysis as it would request it now (its params, the zones in use), computed.
AnalysisResult compute(App& app) {
    AnalysisParams p = app.analysis().params();
    p.zones = app.user_analysis().zones();
    Analysis& an = app.analysis().analysis();
    an.request(p);
    AnalysisResult r;
    EXPECT_TRUE(an.wait(300));
    EXPECT_TRUE(an.poll(r)) << an.error();
    return r;
}

size_t differing_cells(const AnalysisResult& a, const AnalysisResult& b) {
    EXPECT_EQ(a.surface.v.size(), b.surface.v.size());
    size_t n = 0;
    for (size_t i = 0; i < std::min(a.surface.v.size(), b.surface.v.size()); ++i)
        n += !(a.surface.v[i] == b.surface.v[i] || (std::isnan(a.surface.v[i]) && std::isnan(b.surface.v[i])));
    return n;
}

}  // namespace

// The venue set (two schools mapped by hand to pop venues, the library by the vocabulary), the zones (the two wijken
// by their name) and the road network chosen in the window are saved in the project and come back on opening: the
// same travel-time surface cell for cell and the same zone rows -- not the catalogue's.
TEST(ProjectPanel, TheAnalysisUsesOfLayersAreSavedAndComeBack) {
    PanelEnv& e = panel_env();
    TempDir dir;
    const std::string file = write_use_project(dir);
    geo::Dataset data_a = e.data, data_b = e.data, data_c = e.data;  // each window changes its own venues
    AnalysisResult before, baseline;
    {
        App app(data_c, e.ctx.window(), 1.0f, no_candidates_file());
        ASSERT_TRUE(app.project().open(app, file)) << app.project().message();
        baseline = compute(app);  // the catalogue, no zones, estimates
        EXPECT_TRUE(baseline.zone_figures.empty());
    }
    {
        App app(data_a, e.ctx.window(), 1.0f, no_candidates_file());
        ProjectPanel& pp = app.project();
        ASSERT_TRUE(pp.open(app, file)) << pp.message();
        UserAnalysis& ua = app.user_analysis();
        const UserLayerEntry& scholen = layer_named(app, "scholen");
        VenueSetMapping m;
        m.name_field = "naam";
        m.category_field = "soort";
        m.category_map["school"] = geo::Category::Pop;
        ASSERT_EQ(ua.use_venues(*scholen.layer, scholen.id, m), "");
        ASSERT_EQ(ua.use_zones(*layer_named(app, "wijken").layer, layer_named(app, "wijken").id, "wijk"), "");
        ASSERT_EQ(ua.use_roads(*layer_named(app, "wegen").layer, layer_named(app, "wegen").id, ""), "");
        before = compute(app);
        ASSERT_EQ(before.zone_figures.size(), 2u);
        EXPECT_FALSE(before.estimate);
        ASSERT_TRUE(pp.save(app, file)) << pp.message();
    }
    const Project q = load_project(file);
    EXPECT_EQ(q.analysis.uses.venues_layer, "scholen");
    EXPECT_EQ(q.analysis.uses.venues.category_map.at("school"), geo::Category::Pop);
    EXPECT_EQ(q.analysis.uses.zones_layer, "wijken");
    EXPECT_EQ(q.analysis.uses.zone_name_field, "wijk");
    EXPECT_EQ(q.analysis.uses.roads_layer, "wegen");
    EXPECT_TRUE(has(read(file), "\"venues_layer\": \"scholen\"")) << read(file);
    {
        App app(data_b, e.ctx.window(), 1.0f, no_candidates_file());
        ProjectPanel& pp = app.project();
        ASSERT_TRUE(pp.open(app, file)) << pp.message();
        const UserAnalysis& ua = app.user_analysis();
        ASSERT_TRUE(ua.venues().active());
        EXPECT_EQ(ua.venues().count(), 3u);  // two schools as pop venues, the library by the vocabulary
        EXPECT_EQ(data_b.venue_set, "scholen");
        ASSERT_NE(ua.zones(), nullptr);
        ASSERT_NE(ua.roads(), nullptr);
        // The panel shows the mapping in use.
        EXPECT_EQ(app.user_layers().use_state(layer_named(app, "scholen").id).venues.category_field, "soort");
        EXPECT_EQ(app.user_layers().use_state(layer_named(app, "wijken").id).zone_name_field, "wijk");
        const AnalysisResult after = compute(app);
        EXPECT_FALSE(after.estimate);
        EXPECT_EQ(differing_cells(after, before), 0u);
        EXPECT_GT(differing_cells(after, baseline), 1000u);  // not the catalogue's surface
        ASSERT_EQ(after.zone_figures.size(), before.zone_figures.size());
        for (size_t i = 0; i < after.zone_figures.size(); ++i) {
            EXPECT_EQ(after.zone_figures[i].zone, before.zone_figures[i].zone);
            EXPECT_DOUBLE_EQ(after.zone_figures[i].inhabitants, before.zone_figures[i].inhabitants);
            EXPECT_DOUBLE_EQ(after.zone_figures[i].coverage_pct, before.zone_figures[i].coverage_pct);
            EXPECT_EQ(after.zone_figures[i].venues, before.zone_figures[i].venues);
        }
        EXPECT_EQ(ua.zones()->names, (std::vector<std::string>{"Noord", "Zuid"}));
        // Saved again unchanged: the same text.
        ASSERT_TRUE(pp.save(app, file));
        EXPECT_EQ(project_to_json(load_project(file)), project_to_json(q));
    }
}

// The venue set's layer is gone: the project opens with one message for it that says the catalogue is used, the
// venues are the catalogue's, and the next save keeps the choice with the layer.
TEST(ProjectPanel, AMissingVenueLayerOpensWithTheCatalogueAndSaysSo) {
    PanelEnv& e = panel_env();
    TempDir dir;
    const std::string file = write_use_project(dir);
    Project p = load_project(file);
    p.analysis.uses.venues_layer = "scholen";
    p.analysis.uses.venues.name_field = "naam";
    p.analysis.uses.venues.fixed_category = geo::Category::Theatre;
    ASSERT_EQ(save_project(p, file), "");
    fs::remove(dir.path / "data" / "scholen.gpkg");
    geo::Dataset data = e.data;
    App app(data, e.ctx.window(), 1.0f, no_candidates_file());
    ProjectPanel& pp = app.project();
    ASSERT_TRUE(pp.open(app, file)) << pp.message();
    ASSERT_EQ(pp.missing().size(), 1u);
    const std::string& m = pp.message();
    EXPECT_TRUE(has(m, "layer 2 \"scholen\": source \"data/scholen.gpkg\"")) << m;
    EXPECT_TRUE(has(m, std::string(tr("it was the venue set")) + ": " + tr("the catalogue's venues are used"))) << m;
    EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 1) << m;  // one message
    EXPECT_FALSE(app.user_analysis().venues().active());
    EXPECT_EQ(data.venues.size(), e.data.venues.size());
    EXPECT_EQ(data.venue_set, "");
    ASSERT_TRUE(pp.save(app, file));
    const Project q = load_project(file);
    EXPECT_EQ(q.analysis.uses.venues_layer, "scholen");
    EXPECT_EQ(q.analysis.uses.venues.fixed_category, geo::Category::Theatre);
    // A name that no layer of the project has is said too, naming the project file.
    p.analysis.uses.venues_layer = "bieb";
    ASSERT_EQ(save_project(p, file), "");
    ASSERT_TRUE(pp.open(app, file));
    EXPECT_TRUE(has(pp.message(), file + ": analysis.venues_layer \"bieb\": not a layer of the project (its layers: "
                                         "\"wijken\", \"wegen\")")) << pp.message();
}
