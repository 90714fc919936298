// The project in the window (issue 12, viewer/ui/project_panel.h), driven without clicks: opening a project with a
// missing layer loads the rest and says which; Save as elsewhere keeps that layer (re-pathed) and every setting;
// a broken project leaves the session as it was, naming file:line:col; the autosave goes beside the project (never
// over it) five seconds after a change and is offered, newer than the file, on the next opening.
#include <gtest/gtest.h>

#include <SDL.h>

#include <fstream>
#include <sstream>

#include "../engine/project_fixture.h"
#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/ui/app.h"
#include "viewer/ui/project_panel.h"
#include "viewer/ui/ui_analysis.h"

using namespace viewer;
using namespace project_test;

namespace {

struct PanelEnv {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
};
PanelEnv& panel_env() {
    static PanelEnv* e = new PanelEnv();
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);
    return *e;
}

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
