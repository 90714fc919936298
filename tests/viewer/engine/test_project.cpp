// Project files (issue 12, viewer/engine/project.h, docs/project.md): a project with two layers written by GDAL,
// styles, view, analysis settings and a what-if site is saved, opened and rendered through MapRenderer to the
// same pixels, and saved again to the same text; relative paths survive moving the folder; a missing layer is
// named (as stored and as resolved) and the rest loads; bad JSON names file:line:col; an unknown version is said;
// no password is ever stored; scenes name the project's layers as "user:NAME".
#include <gtest/gtest.h>

#include <SDL.h>

#include <fstream>
#include <sstream>

#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "geo/io/json.h"
#include "project_fixture.h"
#include "viewer/engine/project.h"
#include "viewer/model/i18n.h"
#include "viewer/model/scenes.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"

using namespace viewer;
using namespace project_test;

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
    MapRenderer renderer{data};
};
Env& env() {
    static Env* e = new Env();  // lives for the whole test binary (GL context must outlive the renderer)
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

// Two layers, styled; a view around Enschede; within_T on foot at 20 min; one what-if site.
Project sample_project(const std::string& path) {
    Project p;
    p.path = path;
    ProjectLayer wijken;
    wijken.source = "data/wijken.gpkg";
    wijken.name = "wijken";
    wijken.style.kind = UserStyleKind::Graduated;
    wijken.style.field = "inwoners";
    wijken.style.method = ClassMethod::NaturalBreaks;
    wijken.style.classes = 2;
    wijken.style.ramp = Ramp::Cividis;
    wijken.style.opacity = 0.7f;
    ProjectLayer scholen;
    scholen.source = "data/scholen.gpkg";
    scholen.layer = "scholen";
    scholen.name = "scholen";
    scholen.style.kind = UserStyleKind::Categorized;
    scholen.style.field = "soort";
    scholen.style.label_field = "naam";
    p.layers = {wijken, scholen};
    p.view.bbox = geo::BBox{255000, 469500, 259000, 473500};
    p.view.layers.venues = p.view.layers.stations = p.view.layers.rail = false;
    p.view.choropleth = Choropleth::Inhabitants;
    p.view.lang = "en";
    p.analysis.overlay = true;
    p.analysis.params.metric = Metric::Opportunities;
    p.analysis.params.mode = geo::Mode::Walk;
    p.analysis.params.threshold_min = 20;
    p.analysis.opacity = 0.6f;
    p.analysis.uses.roads_layer = "wegen";  // a use of a layer the project names: kept
    p.analysis.uses.road_class_field = "klasse";
    p.analysis.uses.venues_layer = "scholen";  // the venue set: fields, values mapped by hand, extend
    p.analysis.uses.venues.name_field = "naam";
    p.analysis.uses.venues.category_field = "soort";
    p.analysis.uses.venues.category_map["school"] = geo::Category::Education;
    p.analysis.uses.venues.extend = true;
    p.analysis.uses.zones_layer = "wijken";
    p.analysis.uses.zone_name_field = "wijk";
    Candidate c;
    c.pos = {257000, 471000};
    c.category = geo::Category::Library;
    c.name = "Nieuwe bieb";
    p.whatif = {c};
    p.scenes = "verhaal.json";
    return p;
}

std::vector<unsigned char> render(const Project& p, const ProjectLayers& l) {
    MapView v;
    v.furniture = true;
    apply_project_view(p.view, v, 400, 400, env().data.twente_bbox);
    v.user_layers = l.loaded;
    std::vector<unsigned char> img;
    EXPECT_TRUE(render_to_rgba(env().renderer, v, img));
    return img;
}

}  // namespace

TEST(Project, RoundTripOpensToTheSamePixelsAndTheSameText) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path));
    const std::string file = dir / "twente.trekkaart";
    const Project p = sample_project(file);
    ASSERT_EQ(save_project(p, file), "");
    const Project q = load_project(file);
    // Every setting came back.
    ASSERT_EQ(q.layers.size(), 2u);
    EXPECT_EQ(q.layers[0].source, "data/wijken.gpkg");
    EXPECT_EQ(q.layers[1].layer, "scholen");
    EXPECT_EQ(q.layers[0].style.kind, UserStyleKind::Graduated);
    EXPECT_EQ(q.layers[0].style.method, ClassMethod::NaturalBreaks);
    EXPECT_EQ(q.layers[0].style.ramp, Ramp::Cividis);
    EXPECT_EQ(q.layers[0].style.opacity, 0.7f);
    EXPECT_EQ(q.layers[1].style.label_field, "naam");
    ASSERT_TRUE(q.view.bbox.has_value());
    EXPECT_EQ(q.view.bbox->minx, 255000);
    EXPECT_EQ(q.view.bbox->maxy, 473500);
    EXPECT_FALSE(q.view.layers.venues);
    EXPECT_TRUE(q.view.layers.places);
    EXPECT_EQ(q.view.choropleth, Choropleth::Inhabitants);
    EXPECT_EQ(q.view.lang, "en");
    EXPECT_TRUE(q.analysis.overlay);
    EXPECT_EQ(q.analysis.params.metric, Metric::Opportunities);
    EXPECT_EQ(q.analysis.params.mode, geo::Mode::Walk);
    EXPECT_EQ(q.analysis.params.threshold_min, 20.f);
    EXPECT_EQ(q.analysis.opacity, 0.6f);
    EXPECT_EQ(q.analysis.uses.roads_layer, "wegen");
    EXPECT_EQ(q.analysis.uses.road_class_field, "klasse");
    EXPECT_EQ(q.analysis.uses.venues_layer, "scholen");
    EXPECT_EQ(q.analysis.uses.venues.name_field, "naam");
    EXPECT_EQ(q.analysis.uses.venues.category_field, "soort");
    ASSERT_EQ(q.analysis.uses.venues.category_map.size(), 1u);
    EXPECT_EQ(q.analysis.uses.venues.category_map.at("school"), geo::Category::Education);
    EXPECT_TRUE(q.analysis.uses.venues.extend);
    EXPECT_EQ(q.analysis.uses.zones_layer, "wijken");
    EXPECT_EQ(q.analysis.uses.zone_name_field, "wijk");
    ASSERT_EQ(q.whatif.size(), 1u);
    EXPECT_EQ(q.whatif[0].category, geo::Category::Library);
    EXPECT_EQ(q.whatif[0].pos.x, 257000);
    EXPECT_EQ(q.whatif[0].name, "Nieuwe bieb");
    EXPECT_EQ(q.scenes, "verhaal.json");
    // A second save gives the same text.
    EXPECT_EQ(project_to_json(q), read(file));

    // Both render to the same pixels, and the layers are in them.
    const ProjectLayers lp = load_project_layers(p, env().data.region_bbox, 1);
    const ProjectLayers lq = load_project_layers(q, env().data.region_bbox, 10);
    ASSERT_EQ(lp.loaded.size(), 2u);
    ASSERT_EQ(lq.loaded.size(), 2u);
    EXPECT_TRUE(lq.missing.empty());
    EXPECT_EQ(lq.loaded[1].layer->name, "scholen");
    const std::vector<unsigned char> a = render(p, lp), b = render(q, lq);
    ASSERT_EQ(a.size(), b.size());
    EXPECT_TRUE(a == b) << "the reopened project renders differently";
    // 10 m per pixel: the school "De Zuid" at (257800, 472200) is in the most frequent class's colour (Okabe-Ito
    // orange); the middle of Zuid's square (257700, 470500) is not white.
    MapView v;
    apply_project_view(q.view, v, 400, 400, env().data.twente_bbox);
    const geo::P2 s = v.cam.to_screen({257800, 472200});
    EXPECT_TRUE(same_rgb8(&b[(size_t(s.y) * 400 + size_t(s.x)) * 4], categorical_colour(0), 8))
        << int(b[(size_t(s.y) * 400 + size_t(s.x)) * 4]);
}

TEST(Project, RelativePathsSurviveMovingTheFolder) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path / "a"));
    // The layers as the window has them: added by absolute path; stored relative to the project file.
    UserLayerEntry e;
    auto l = std::make_shared<geo::UserLayer>();
    l->spec = (dir.path / "a" / "data" / "scholen.gpkg").string() + ",scholen";
    l->name = "scholen";
    e.layer = l;
    const ProjectLayer pl = project_layer_of(e, (dir.path / "a" / "p.trekkaart").string());
    EXPECT_EQ(pl.source, "data/scholen.gpkg");
    EXPECT_EQ(pl.layer, "scholen");
    Project p;
    p.layers = {pl};
    ASSERT_EQ(save_project(p, dir / "a/p.trekkaart"), "");
    fs::rename(dir.path / "a", dir.path / "b");
    const Project q = load_project(dir / "b/p.trekkaart");
    const ProjectLayers loaded = load_project_layers(q, env().data.region_bbox, 1);
    ASSERT_EQ(loaded.loaded.size(), 1u);
    EXPECT_TRUE(loaded.missing.empty());
    EXPECT_EQ(loaded.loaded[0].layer->data.features.size(), 3u);
    // Paths outside the project's folder go up; zip paths keep their prefix; absolute stays absolute on reading.
    EXPECT_EQ(store_project_path("/data/gis/x.gpkg", "/data/projects/p.trekkaart"), "../gis/x.gpkg");
    EXPECT_EQ(store_project_path("/vsizip//data/projects/in/b.zip/b.shp", "/data/projects/p.trekkaart"),
              "/vsizip/in/b.zip/b.shp");
    EXPECT_EQ(resolve_project_path("/vsizip/in/b.zip/b.shp", "/data/projects/p.trekkaart"),
              "/vsizip//data/projects/in/b.zip/b.shp");
    EXPECT_EQ(resolve_project_path("../gis/x.gpkg", "/data/projects/p.trekkaart"), "/data/gis/x.gpkg");
    EXPECT_EQ(resolve_project_path("/abs/x.gpkg", "/data/projects/p.trekkaart"), "/abs/x.gpkg");
}

TEST(Project, AMissingLayerIsNamedAndTheRestLoads) {
    TempDir dir;
    ASSERT_TRUE(write_project_data(dir.path));
    const std::string file = dir / "twente.trekkaart";
    ASSERT_EQ(save_project(sample_project(file), file), "");
    fs::remove(dir.path / "data" / "wijken.gpkg");
    const Project q = load_project(file);
    const ProjectLayers l = load_project_layers(q, env().data.region_bbox, 1);
    ASSERT_EQ(l.loaded.size(), 1u);
    EXPECT_EQ(l.loaded[0].layer->name, "scholen");
    EXPECT_EQ(l.loaded[0].style.kind, UserStyleKind::Categorized);  // its style kept
    ASSERT_EQ(l.missing.size(), 1u);
    const std::string& m = l.missing[0].message;
    EXPECT_EQ(l.missing[0].index, 0u);
    EXPECT_TRUE(has(m, file + ":4: layer 1 \"wijken\"")) << m;                 // the project file and line
    EXPECT_TRUE(has(m, "source \"data/wijken.gpkg\"")) << m;                    // as stored
    EXPECT_TRUE(has(m, "(resolved: " + (dir.path / "data" / "wijken.gpkg").string() + ")")) << m;  // as resolved
    EXPECT_TRUE(has(m, "file not found")) << m;                                 // what is wrong
    // It was the zones of the figures (analysis.zones_layer): the same message says the figures have none now.
    EXPECT_TRUE(has(m, std::string("; ") + tr("it was the zones of the figures") + ": " + tr("the figures have no zones")))
        << m;
    // The rest of the project is intact.
    EXPECT_EQ(q.whatif.size(), 1u);
    EXPECT_EQ(q.analysis.params.metric, Metric::Opportunities);
}

TEST(Project, BadJsonNamesFileLineAndColumn) {
    try {
        parse_project("{\n  \"trekkaart_project\": 1,\n  \"layers\": [],\n}\n", "p.trekkaart");
        FAIL() << "a trailing comma was accepted";
    } catch (const geo::json::Error& e) {
        EXPECT_EQ(e.pos.line, 4);
        EXPECT_TRUE(has(e.what(), "p.trekkaart:4:1: ")) << e.what();
    }
    try {
        parse_project("{\"trekkaart_project\": 1,\n \"view\": {\"bbox\": [1, 2, 3]}}", "p.trekkaart");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_TRUE(has(e.what(), "p.trekkaart:2:19: view.bbox must have 4 numbers")) << e.what();
    }
    // Unknown keys are refused (as in the scenes file), with where they are and what is allowed.
    try {
        parse_project("{\"trekkaart_project\": 1, \"layers\": [{\"source\": \"a.gpkg\", \"stijl\": {}}]}", "p.trekkaart");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_TRUE(has(e.what(), "p.trekkaart:1:58: unknown key \"stijl\" in layer 1")) << e.what();
    }
    try {
        parse_project("{\"trekkaart_project\": 1, \"analysis\": {\"metric\": \"travel_tme\"}}", "p.trekkaart");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_TRUE(has(e.what(), "unknown metric \"travel_tme\"; did you mean \"travel_time\"?")) << e.what();
    }
    // A category of analysis.venue_categories that the vocabulary lacks.
    try {
        parse_project("{\"trekkaart_project\": 1,\n \"analysis\": {\"venue_categories\": {\"Kerk\": \"chruch\"}}}",
                      "p.trekkaart");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_TRUE(has(e.what(), "p.trekkaart:2:44: ")) << e.what();
        EXPECT_TRUE(has(e.what(), "chruch")) << e.what();
    }
    // A file that is not there names itself.
    try {
        load_project("/nonexistent/x.trekkaart");
        FAIL();
    } catch (const geo::DataError& e) {
        EXPECT_TRUE(has(e.what(), "/nonexistent/x.trekkaart")) << e.what();
        EXPECT_TRUE(has(e.what(), "cannot open the project file")) << e.what();
    }
}

// A number out of its range is said with the range's ends as written (100000, 0.0001: no exponents) and the value
// exactly; each end itself is fine.
TEST(Project, ANumberOutOfRangeSaysTheRangeExactly) {
    auto analysis = [](const std::string& members) {
        return parse_project("{\"trekkaart_project\": 1, \"analysis\": {" + members + "}}", "p.trekkaart");
    };
    const Project ok = analysis("\"kernel_radius_m\": 100000, \"beta\": 0.0001");
    EXPECT_EQ(ok.analysis.params.kernel_radius_m, 100000);
    EXPECT_FLOAT_EQ(ok.analysis.params.beta, 0.0001f);
    try {
        analysis("\"kernel_radius_m\": 100000.5");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_STREQ(e.what(), "p.trekkaart:1:58: analysis.kernel_radius_m = 100000.5 is out of range (500 to 100000)");
    }
    try {
        analysis("\"beta\": 0.00009");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_STREQ(e.what(), "p.trekkaart:1:47: analysis.beta = 0.00009 is out of range (0.0001 to 10)");
    }
}

TEST(Project, AnUnknownVersionIsSaid) {
    try {
        parse_project("{\"trekkaart_project\": 2}", "new.trekkaart");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_TRUE(has(e.what(), "new.trekkaart:1:23: unsupported project version 2 (this trekkaart reads 1)"))
            << e.what();
    }
    try {
        parse_project("{\"layers\": []}", "scenes.json");
        FAIL();
    } catch (const geo::json::Error& e) {
        EXPECT_TRUE(has(e.what(), "not a trekkaart project")) << e.what();
    }
}

TEST(Project, NoPasswordIsEverStored) {
    EXPECT_EQ(strip_password("PG:host=db password=geheim dbname=gis"), "PG:host=db dbname=gis");
    EXPECT_EQ(strip_password("PG:password='ge heim' host=db"), "PG:host=db");
    EXPECT_EQ(strip_password("PG:host=db password=***"), "PG:host=db");
    UserLayerEntry e;
    auto l = std::make_shared<geo::UserLayer>();
    l->spec = geo::mask_password("PG:host=db user=planner password=geheim dbname=gis,public.scholen");
    e.layer = l;
    const ProjectLayer pl = project_layer_of(e, "/p/x.trekkaart");
    EXPECT_EQ(pl.source, "PG:host=db user=planner dbname=gis");
    EXPECT_EQ(pl.layer, "public.scholen");
    // A password typed into a project file by hand is read, with a note saying to move it.
    const Project p = parse_project(
        "{\"trekkaart_project\": 1,\n \"layers\": [{\"source\": \"PG:host=db password=x\", \"layer\": \"t\"}]}", "p.trekkaart");
    ASSERT_EQ(p.notes.size(), 1u);
    EXPECT_TRUE(has(p.notes[0], "p.trekkaart:2: layer 1: the connection string holds a password in clear")) << p.notes[0];
}

TEST(Project, ScenesNameTheProjectsLayers) {
    const std::string deck = R"({"scenes": [{"title": "s", "camera": {"crs": "rd", "centre": [257000, 471000], "zoom": 12},
        "layers": {"choropleth": "none", "user:scholen": true, "user:wijken": false}}]})";
    SceneCatalog cat;
    cat.user_layers = {"wijken", "scholen"};
    const Deck d = parse_deck(deck, "deck.json", &cat);
    ASSERT_EQ(d.scenes[0].user_layers.size(), 2u);
    // Applied to a view: scholen shown, wijken hidden, a layer the scene does not name as it was.
    MapView v;
    for (const char* n : {"wijken", "scholen", "bieb"}) {
        UserLayerEntry e;
        auto l = std::make_shared<geo::UserLayer>();
        l->name = n;
        e.layer = l;
        e.style.visible = std::string(n) != "scholen";
        v.user_layers.push_back(e);
    }
    apply_scene(d.scenes[0], v);
    EXPECT_FALSE(v.user_layers[0].style.visible);
    EXPECT_TRUE(v.user_layers[1].style.visible);
    EXPECT_TRUE(v.user_layers[2].style.visible);
    // Written back the same way.
    EXPECT_TRUE(has(deck_to_json(d), "\"user:scholen\": true, \"user:wijken\": false"));
    // A layer that is not in the project: file:line:col, and the layers there are.
    cat.user_layers = {"wijken"};
    try {
        parse_deck(deck, "deck.json", &cat);
        FAIL();
    } catch (const SceneError& e) {
        EXPECT_EQ(e.line, 2);
        EXPECT_TRUE(has(e.what(), "\"user:scholen\" is not a layer of the project (its layers: \"user:wijken\")"))
            << e.what();
    }
    cat.user_layers.clear();
    try {
        parse_deck(deck, "deck.json", &cat);
        FAIL();
    } catch (const SceneError& e) {
        EXPECT_TRUE(has(e.what(), "names a user layer, but no project is open")) << e.what();
    }
}
