// The scenes file: the deck schema, bad files, writing and editing,
// and the scene camera. No GL, no dataset (a small hand-made catalogue stands in for assets/venues.csv).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "geo/core/crs.h"
#include "geo/io/atomic_file.h"
#include "viewer/model/scenes.h"

using namespace viewer;

namespace {

const std::string kDir = std::string(TREKKAART_TEST_DATA) + "/scenes/";

SceneCatalog small_catalog() {
    SceneCatalog c;
    for (const char* id : {"hengelo-stork", "enschede-tetem", "enschede-laadperron", "enschede-vd-warenhuis"})
        c.venue_ids.insert(id);
    c.municipality_codes = {{"GM0153", "GM0153"}, {"enschede", "GM0153"}, {"GM0164", "GM0164"},
                            {"hengelo", "GM0164"}, {"hengelo (o.)", "GM0164"}};
    return c;
}

// The error a file or text gives (fails the test when there is none).
SceneError error_of_file(const std::string& name) {
    SceneCatalog cat = small_catalog();
    try {
        load_deck(kDir + name, &cat);
    } catch (const SceneError& e) {
        return e;
    }
    ADD_FAILURE() << name << " was accepted";
    return SceneError("", 0, 0, "");
}
SceneError error_of(const std::string& text) {
    SceneCatalog cat = small_catalog();
    try {
        parse_deck(text, "t.json", &cat);
    } catch (const SceneError& e) {
        return e;
    }
    ADD_FAILURE() << "accepted: " << text;
    return SceneError("", 0, 0, "");
}
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

// ---- bad scene files: message with line and column ----------------------------------------------------------

TEST(SceneFile, TruncatedFile) {
    SceneError e = error_of_file("truncated.json");
    EXPECT_EQ(e.line, 11);
    EXPECT_EQ(e.col, 1);
    EXPECT_TRUE(contains(e.message, "unexpected end of file")) << e.what();
    EXPECT_TRUE(contains(e.what(), "truncated.json:11:1: ")) << e.what();
}

TEST(SceneFile, WrongType) {
    SceneError e = error_of_file("wrong_type.json");
    EXPECT_EQ(e.line, 6);
    EXPECT_EQ(e.col, 50);
    EXPECT_EQ(e.message, "camera.zoom must be a number, not a string");
}

TEST(SceneFile, UnknownMeasure) {
    SceneError e = error_of_file("unknown_measure.json");
    EXPECT_EQ(e.line, 7);
    EXPECT_EQ(e.col, 30);
    EXPECT_TRUE(contains(e.message, "unknown measure \"traveltime\"")) << e.message;
    EXPECT_TRUE(contains(e.message, "\"travel_time\"")) << e.message;  // lists the valid ones
}

TEST(SceneFile, MissingCamera) {
    SceneError e = error_of_file("missing_camera.json");
    EXPECT_EQ(e.line, 5);
    EXPECT_EQ(e.col, 5);
    EXPECT_TRUE(contains(e.message, "scene 2 has no \"camera\"")) << e.message;
}

TEST(SceneFile, BadVenueIdWithSuggestion) {
    SceneError e = error_of_file("bad_venue.json");
    EXPECT_EQ(e.line, 7);
    EXPECT_EQ(e.col, 49);
    EXPECT_TRUE(contains(e.message, "unknown venue id \"hengelo-storck\"")) << e.message;
    EXPECT_TRUE(contains(e.message, "did you mean \"hengelo-stork\"")) << e.message;
}

TEST(SceneFile, SwappedLonLat) {
    SceneError e = error_of_file("swapped_lonlat.json");
    EXPECT_EQ(e.line, 1);
    EXPECT_EQ(e.col, 56);
    EXPECT_TRUE(contains(e.message, "[lon, lat]")) << e.message;
}

TEST(SceneFile, TrailingComma) {
    SceneError e = error_of_file("trailing_comma.json");
    EXPECT_EQ(e.line, 3);
    EXPECT_EQ(e.col, 73);
}

TEST(SceneFile, MissingFileNamesThePath) {
    SceneCatalog cat = small_catalog();
    try {
        load_deck(kDir + "does_not_exist.json", &cat);
        FAIL();
    } catch (const SceneError& e) {
        EXPECT_EQ(e.line, 0);
        EXPECT_TRUE(contains(e.what(), "does_not_exist.json")) << e.what();
    }
}

TEST(SceneFile, SchemaErrorsInline) {
    const std::string head = "{\"scenes\": [{\"title\": \"T\", \"camera\": {\"centre\": [6.8, 52.2], \"zoom\": 12}";
    auto with = [&](const std::string& extra) { return head + extra + "}]}"; };
    struct Case { std::string text; int col; const char* says; };
    const Case cases[] = {
        {with(", \"heatmap\": {\"measure\": \"within_T\", \"category\": \"theatre\"}"), 86, "needs \"threshold_min\""},
        {with(", \"heatmap\": {\"measure\": \"gravity\"}"), 86, "needs a venue \"category\""},
        {with(", \"heatmap\": {\"measure\": \"density\", \"mode\": \"train\"}"), 117, "unknown travel mode \"train\""},
        {with(", \"heatmap\": {\"measure\": \"travel_time\", \"category\": \"cinema\"}"), 125, "unknown venue category"},
        {with(", \"layers\": {\"choropleth\": \"density\", \"railway\": true}"), 111, "unknown key \"railway\""},
        {with(", \"layers\": {\"venues\": \"all\"}"), 96, "true, false or an array"},
        {with(", \"highlight\": {\"municipalities\": [\"Atlantis\"]}"), 108, "unknown municipality \"Atlantis\""},
        {with(", \"whatif\": [{\"category\": \"theatre\"}]"), 86, "needs \"at\""},
        {with(", \"caption\": 7"), 86, "must be a string or an object"},
        {with(", \"title2\": \"x\""), 75, "unknown key \"title2\" in scene 1"},
        {"{\"scenes\": []}", 12, "at least one scene"},
        {"{\"scenes\": [{\"title\": \"T\", \"camera\": {\"zoom\": 12}}]}", 38, "missing \"centre\""},
        {"{\"scenes\": [{\"title\": \"T\", \"camera\": {\"centre\": [6.8, 52.2], \"zoom\": 25}}]}", 70, "out of range"},
        {"{\"scenes\": [{\"title\": \"T\", \"camera\": {\"crs\": \"rd\", \"bbox\": [250000, 480000, 240000, 490000]}}]}",
         60, "min < max"},
        {"{\"scenes\": [{\"title\": \"T\", \"camera\": {\"crs\": \"epsg4326\", \"centre\": [6.8, 52.2], \"zoom\": 9}}]}",
         46, "unknown crs"},
        {"{\"trekkaart_scenes\": 2, \"scenes\": []}", 22, "unsupported format version 2"},
        {"[1, 2]", 1, "must be an object"},
    };
    for (const Case& c : cases) {
        SceneError e = error_of(c.text);
        EXPECT_EQ(e.line, 1) << c.text;
        EXPECT_EQ(e.col, c.col) << c.text << "\n  -> " << e.message;
        EXPECT_TRUE(contains(e.message, c.says)) << c.text << "\n  -> " << e.message;
    }
}

// ---- a valid deck ---------------------------------------------------------------------------------------------

namespace {
const char* kGoodDeck = R"JSON({
  "trekkaart_scenes": 1,
  "title": {"nl": "Proef", "en": "Test"},
  "scenes": [
    {
      "id": "twente",
      "title": {"nl": "Veertien gemeenten", "en": "Fourteen municipalities"},
      "caption": "Zelfde tekst",
      "camera": {"crs": "rd", "bbox": [224000, 456000, 270000, 507000]},
      "layers": {"choropleth": "density", "venues": false, "stations": false}
    },
    {
      "title": "Amersfoort",
      "camera": {"centre": [5.38720621, 52.15517440], "zoom": 14.5},
      "layers": {"venues": ["heritage", "third_place"]},
      "heatmap": {"measure": "within_T", "category": "theatre", "mode": "ebike", "threshold_min": 30},
      "highlight": {"venues": ["hengelo-stork"], "municipalities": ["Hengelo", "GM0153"]},
      "whatif": [{"category": "theatre", "label": {"nl": "Twente Dome (illustratief)", "en": "Twente Dome (illustrative)"},
                  "at": [6.85, 52.24]},
                 {"category": "pop", "crs": "rd", "at": [256000, 470000]}]
    }
  ]
})JSON";
}  // namespace

TEST(SceneFile, ReadsAValidDeck) {
    SceneCatalog cat = small_catalog();
    Deck d = parse_deck(kGoodDeck, "good.json", &cat);
    ASSERT_EQ(d.scenes.size(), 2u);
    EXPECT_EQ(d.title.get(Lang::EN), "Test");
    const Scene& a = d.scenes[0];
    EXPECT_EQ(a.id, "twente");
    EXPECT_EQ(a.line, 5);
    EXPECT_EQ(a.title.get(Lang::NL), "Veertien gemeenten");
    EXPECT_EQ(a.caption.get(Lang::EN), "Zelfde tekst");
    EXPECT_EQ(a.camera.kind, SceneCamera::Box);
    EXPECT_FALSE(a.camera.wgs84);
    EXPECT_EQ(a.camera.bbox.minx, 224000);
    EXPECT_EQ(a.camera.bbox.maxy, 507000);
    EXPECT_EQ(a.choropleth, Choropleth::Density);
    EXPECT_TRUE(a.layers.choropleth);
    EXPECT_FALSE(a.layers.venues);
    EXPECT_FALSE(a.layers.stations);
    EXPECT_TRUE(a.layers.rail);
    EXPECT_FALSE(a.heatmap.has_value());

    const Scene& b = d.scenes[1];
    EXPECT_EQ(b.title.get(Lang::EN), "Amersfoort");
    EXPECT_EQ(b.camera.kind, SceneCamera::CentreZoom);
    EXPECT_DOUBLE_EQ(b.camera.zoom, 14.5);
    // The centre is converted to RD: the Amersfoort tower, origin of RD, is (155000, 463000).
    EXPECT_NEAR(b.camera.centre.x, 155000, 1.0);
    EXPECT_NEAR(b.camera.centre.y, 463000, 1.0);
    EXPECT_EQ(b.choropleth, Choropleth::None);
    EXPECT_FALSE(b.layers.choropleth);
    EXPECT_TRUE(b.layers.categories[int(geo::Category::Heritage)]);
    EXPECT_TRUE(b.layers.categories[int(geo::Category::ThirdPlace)]);
    EXPECT_FALSE(b.layers.categories[int(geo::Category::Theatre)]);
    ASSERT_TRUE(b.heatmap.has_value());
    EXPECT_EQ(b.heatmap->measure, Metric::Opportunities);
    EXPECT_EQ(b.heatmap->mode, geo::Mode::EBike);
    EXPECT_EQ(b.heatmap->category, "theatre");
    EXPECT_EQ(b.heatmap->threshold_min, 30);
    EXPECT_EQ(b.venues, std::vector<std::string>{"hengelo-stork"});
    EXPECT_EQ(b.municipalities, (std::vector<std::string>{"GM0164", "GM0153"}));  // names resolved to codes
    ASSERT_EQ(b.whatif.size(), 2u);
    EXPECT_EQ(b.whatif[0].label.get(Lang::EN), "Twente Dome (illustrative)");
    EXPECT_TRUE(b.whatif[0].wgs84);
    EXPECT_EQ(b.whatif[1].pos.x, 256000);
    EXPECT_FALSE(b.whatif[1].wgs84);
    EXPECT_TRUE(b.whatif[1].label.empty());

    MapView v;
    apply_scene(b, v);
    EXPECT_EQ(v.highlight_municipality, "GM0164");
    EXPECT_EQ(v.highlight_venues, std::vector<std::string>{"hengelo-stork"});
    EXPECT_FALSE(v.layers.choropleth);
    EXPECT_FALSE(same_content(a, b));
    EXPECT_TRUE(same_content(b, b));
}

TEST(SceneFile, WriteReadRoundTrip) {
    SceneCatalog cat = small_catalog();
    Deck d = parse_deck(kGoodDeck, "good.json", &cat);
    const std::string text = deck_to_json(d);
    Deck e = parse_deck(text, "written.json", &cat);
    ASSERT_EQ(e.scenes.size(), d.scenes.size());
    for (size_t i = 0; i < d.scenes.size(); ++i) {
        const Scene &x = d.scenes[i], &y = e.scenes[i];
        EXPECT_TRUE(same_content(x, y)) << i;
        EXPECT_EQ(x.title.nl, y.title.nl);
        EXPECT_EQ(x.title.en, y.title.en);
        EXPECT_EQ(x.caption.nl, y.caption.nl);
        EXPECT_EQ(x.camera.kind, y.camera.kind);
        EXPECT_EQ(x.camera.wgs84, y.camera.wgs84);
        for (int k = 0; k < 4; ++k) EXPECT_EQ(x.camera.in[k], y.camera.in[k]);
        EXPECT_EQ(x.camera.zoom, y.camera.zoom);
        EXPECT_EQ(x.id, y.id);
    }
    // Writing again gives the same text (stable output).
    EXPECT_EQ(deck_to_json(e), text);
}

TEST(SceneFile, SaveIsAtomicAndReloads) {
    SceneCatalog cat = small_catalog();
    Deck d = parse_deck(kGoodDeck, "good.json", &cat);
    const std::string path = (std::filesystem::temp_directory_path() / "trekkaart_test_deck.json").string();
    ASSERT_EQ(save_deck(d, path), "");
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    Deck e = load_deck(path, &cat);
    EXPECT_EQ(e.scenes.size(), 2u);
    std::filesystem::remove(path);
    EXPECT_NE(save_deck(d, "/nonexistent-dir/x.json"), "");
}

// save_deck goes through geo::AtomicFile: a failure at any step keeps the previous file and leaves no temporary.
TEST(SceneFile, AFailedSaveKeepsThePreviousFile) {
    SceneCatalog cat = small_catalog();
    Deck d = parse_deck(kGoodDeck, "good.json", &cat);
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("trekkaart_test_deck_fail_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "deck.json").string();
    for (geo::AtomicFailure step : {geo::AtomicFailure::Open, geo::AtomicFailure::Write, geo::AtomicFailure::Sync,
                                    geo::AtomicFailure::Rename}) {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << "the user's earlier deck";
        geo::inject_atomic_failure(step);
        const std::string err = save_deck(d, path);
        geo::inject_atomic_failure(geo::AtomicFailure::None);
        EXPECT_TRUE(contains(err, path)) << err;
        EXPECT_TRUE(contains(err, "previous file is untouched")) << err;
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        EXPECT_EQ(ss.str(), "the user's earlier deck") << "step " << int(step);
        EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1)
            << "step " << int(step) << ": a temporary file was left";
    }
    std::filesystem::remove_all(dir);
}

TEST(SceneEdit, InsertMoveRemove) {
    Deck d;
    for (const char* t : {"a", "b", "c"}) {
        Scene s;
        s.title = {t, t};
        insert_scene(d, 99, s);  // appends
    }
    auto order = [&] {
        std::string o;
        for (const auto& s : d.scenes) o += s.title.nl;
        return o;
    };
    EXPECT_EQ(order(), "abc");
    Scene x;
    x.title = {"x", "x"};
    insert_scene(d, 1, x);
    EXPECT_EQ(order(), "axbc");
    EXPECT_TRUE(move_scene(d, 0, 3));
    EXPECT_EQ(order(), "xbca");
    EXPECT_TRUE(move_scene(d, 2, 0));
    EXPECT_EQ(order(), "cxba");
    EXPECT_FALSE(move_scene(d, 4, 0));
    EXPECT_FALSE(move_scene(d, 0, 4));
    EXPECT_TRUE(remove_scene(d, 1));
    EXPECT_EQ(order(), "cba");
    EXPECT_FALSE(remove_scene(d, 3));
}

// ---- camera ----------------------------------------------------------------------------------------------------

TEST(SceneCamera, ZoomLevelsScaleWithScreenHeight) {
    // Web-map zoom 0 at the equator is 156543.03 m/px for a 1080-px-high screen; each level halves it.
    EXPECT_NEAR(zoom_to_mpp(0, 0, 1080), 156543.034, 1e-3);
    EXPECT_NEAR(zoom_to_mpp(10, 60, 1080), 156543.034 * 0.5 / 1024, 1e-6);
    // A 2160-px screen shows the same area with half the metres per pixel.
    EXPECT_NEAR(zoom_to_mpp(12, 52.3, 2160), zoom_to_mpp(12, 52.3, 1080) / 2, 1e-9);
    EXPECT_NEAR(mpp_to_zoom(zoom_to_mpp(11.37, 52.3, 1000), 52.3, 1000), 11.37, 1e-9);
}

TEST(SceneCamera, CentreLandsInTheFreeArea) {
    SceneCamera c;
    c.kind = SceneCamera::CentreZoom;
    c.centre = {250000, 475000};
    c.zoom = 12;
    Camera full = scene_camera(c, 1600, 1000);
    EXPECT_NEAR(full.centre.x, 250000, 1e-6);
    EXPECT_NEAR(full.centre.y, 475000, 1e-6);
    const double lat = geo::rd_to_wgs84(c.centre).y;
    EXPECT_NEAR(full.mpp, zoom_to_mpp(12, lat, 1000), 1e-9);
    // With the bottom 300 px covered, the centre appears in the middle of the top 700 px.
    Camera cut = scene_camera(c, 1600, 1000, geo::BBox{0, 0, 1600, 700});
    geo::P2 s = cut.to_screen(c.centre);
    EXPECT_NEAR(s.x, 800, 1e-6);
    EXPECT_NEAR(s.y, 350, 1e-6);
}

TEST(SceneCamera, BoxFitsTheFreeArea) {
    SceneCamera c;
    c.kind = SceneCamera::Box;
    c.bbox = {230000, 460000, 270000, 500000};  // 40 x 40 km
    const geo::BBox free{400, 0, 1600, 1000};   // right part of the screen
    Camera cam = scene_camera(c, 1600, 1000, free);
    // Height limits: 1000 px minus 2 x 3 % padding (of the smaller side, 1000) -> 40 km / 940 px.
    EXPECT_NEAR(cam.mpp, 40000.0 / 940, 1e-9);
    geo::P2 a = cam.to_screen({230000, 500000}), b = cam.to_screen({270000, 460000});
    EXPECT_NEAR((a.x + b.x) / 2, 1000, 1e-6);
    EXPECT_NEAR(a.y, 30, 1e-6);
    EXPECT_NEAR(b.y, 970, 1e-6);
}

TEST(SceneCamera, FromViewRoundTrips) {
    MapView v;
    v.cam.w = 1920;
    v.cam.h = 1080;
    v.cam.centre = {245000, 472000};
    v.cam.mpp = 12.5;
    v.highlight_venues = {"enschede-tetem"};
    v.choropleth = Choropleth::Inhabitants;
    const geo::BBox free{0, 0, 1920, 800};
    Scene s = scene_from_view(v, free);
    EXPECT_EQ(s.venues, v.highlight_venues);
    EXPECT_EQ(s.choropleth, Choropleth::Inhabitants);
    Camera back = scene_camera(s.camera, 1920, 1080, free);
    // Rounding to 1e-6 degree (~0.1 m) and 0.01 zoom levels (0.7 %).
    EXPECT_NEAR(back.centre.x, v.cam.centre.x, 0.01 * 1080 * 12.5);
    EXPECT_NEAR(back.centre.y, v.cam.centre.y, 0.01 * 1080 * 12.5);
    EXPECT_NEAR(back.mpp / v.cam.mpp, 1.0, 0.004);
}
