// Scenes for the presenter mode: a deck of map views with bilingual titles and captions, read from and
// written to a JSON file (schema: docs/presenter.md). Pure data + parsing, no GL.
//
//     viewer::SceneCatalog cat = viewer::SceneCatalog::from(dataset);    // known venue ids / municipalities
//     viewer::Deck deck = viewer::load_deck("assets/scenes/trek-in-twente.json", &cat);  // throws SceneError
//     viewer::Camera cam = viewer::scene_camera(deck.scenes[0].camera, 1920, 1080);
//
// The file is read with the one strict JSON reader (geo/io/json.h), which records the line and column of every
// value, so every error -- syntax, a wrong type, an unknown key, measure or venue id -- names file, line and
// column ("deck.json:12:17: ...").
#pragma once
#include <optional>
#include <set>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geo/core/error.h"
#include "geo/core/types.h"
#include "geo/io/dataset.h"
#include "geo/travel/params.h"
#include "viewer/model/camera.h"
#include "viewer/model/i18n.h"
#include "viewer/model/style.h"
#include "viewer/model/vocabulary.h"

namespace viewer {

// ---- Scene model ------------------------------------------------------------------------------------------

// A scene file problem: file, line, column and what is wrong. what() = "file:line:col: message".
struct SceneError : geo::DataError {
    int line = 0, col = 0;
    std::string message;  // without the location
    SceneError(const std::string& file, int line_, int col_, const std::string& msg);
};

struct Bilingual {
    std::string nl, en;
    // The text in language l; falls back to the other language when that one is empty.
    const std::string& get(Lang l) const { return l == Lang::EN ? (en.empty() ? nl : en) : (nl.empty() ? en : nl); }
    const std::string& current() const { return get(lang()); }
    bool empty() const { return nl.empty() && en.empty(); }
};

// Heatmap overlay of a scene (drawn by the heatmap layer of issue 4 through PresenterHooks). Its "measure" is one
// of the analysis metrics (viewer/model/vocabulary.h) under the same key; a scenes file may name these seven:
// travel_time, within_T, gravity, 2sfca, density, population, reach.
bool measure_needs_category(Metric m);   // travel_time, within_T, gravity, 2sfca, reach
bool measure_needs_threshold(Metric m);  // within_T, reach

struct HeatmapSpec {
    Metric measure = Metric::TravelTime;
    std::string category;      // venue category key (geo::category_key), "" when the measure has none
    geo::Mode mode = geo::Mode::Bike;
    double threshold_min = 0;  // minutes; 0 = not given
    // issue 17: "population": "all" | "25_45"; composite: "weights": {"third_place": 2, "pop": 1} and "access":
    // "within_T" (default) | "gravity".
    geo::AgeBand population = geo::AgeBand::All;
    CategoryWeights weights{};
    bool composite_gravity = false;
    bool operator==(const HeatmapSpec&) const = default;
};

// A hypothetical site ("what if a venue stood here?"): drawn as a highlighted, dashed symbol.
struct WhatIf {
    std::string category;  // venue category key
    Bilingual label;
    geo::P2 pos;           // RD
    bool wgs84 = true;     // the file gave lon/lat (written back the same way)
    double lon = 0, lat = 0;
    bool operator==(const WhatIf& o) const { return category == o.category && pos.x == o.pos.x && pos.y == o.pos.y; }
};

struct SceneCamera {
    enum Kind { CentreZoom, Box } kind = CentreZoom;
    bool wgs84 = true;     // the CRS the file used (written back the same way)
    geo::P2 centre;        // RD (CentreZoom)
    double zoom = 11;      // web-map zoom level for a 1080-pixel-high screen (see scene_camera)
    geo::BBox bbox;        // RD (Box): fitted into the free map area
    // The numbers as written in the file (lon/lat or RD), for round trips without drift.
    double in[4] = {0, 0, 0, 0};
};

struct Scene {
    std::string id;                  // optional slug
    Bilingual title, caption;
    Bilingual notes;                 // speaker notes: shown only in the presenter view (issue 14), never projected
    SceneCamera camera;
    LayerToggles layers;
    Choropleth choropleth = Choropleth::None;
    std::optional<HeatmapSpec> heatmap;
    std::vector<std::string> venues;          // highlighted venue ids
    std::vector<std::string> municipalities;  // highlighted CBS codes (GMxxxx)
    std::vector<WhatIf> whatif;
    // issue 12: user layers of the project named in "layers" as "user:NAME": true (shown) or false (hidden);
    // the layers it does not name keep their own visibility.
    std::vector<std::pair<std::string, bool>> user_layers;
    int line = 0;                             // where the scene starts in its file (0: made in the app)
};

struct Deck {
    std::string path;    // file it came from ("" when new)
    Bilingual title;
    std::vector<Scene> scenes;
};

// What the file may refer to. Without a catalogue (nullptr) ids are not checked.
struct SceneCatalog {
    std::set<std::string> venue_ids;
    std::map<std::string, std::string> municipality_codes;  // code -> code, and lower-case name/label -> code
    // issue 12: the names of the session's user layers (a project's, --layer's) that "user:NAME" may name.
    std::vector<std::string> user_layers;
    static SceneCatalog from(const geo::Dataset& d);
    static SceneCatalog from(const geo::Dataset& d, const std::vector<UserLayerEntry>& user_layers);
};

// Parses a deck. Throws SceneError (file:line:col) on the first problem.
Deck parse_deck(std::string_view text, const std::string& file, const SceneCatalog* cat = nullptr);
// Reads and parses a file. Throws SceneError (line 0 when the file cannot be read).
Deck load_deck(const std::string& path, const SceneCatalog* cat = nullptr);

// JSON text of a deck (the schema parse_deck reads; round-trips).
std::string deck_to_json(const Deck& d);
// Writes deck_to_json to path through geo::AtomicFile (temp file + fsync + rename). Returns "" or an error
// naming the path; on failure the previous file is untouched.
std::string save_deck(const Deck& d, const std::string& path);

// Editing.
void insert_scene(Deck& d, size_t at, Scene s);      // at > size: appends
bool move_scene(Deck& d, size_t from, size_t to);    // false when out of range
bool remove_scene(Deck& d, size_t at);

// ---- Scenes and views ---------------------------------------------------------------------------------------

// Metres per pixel of a web-map zoom level at latitude lat_deg, scaled from a 1080-pixel-high reference
// screen to a screen h pixels high (so a deck shows the same area on any screen).
double zoom_to_mpp(double zoom, double lat_deg, int h);
double mpp_to_zoom(double mpp, double lat_deg, int h);

// The camera of a scene for a w x h screen whose free map area (not covered by the caption panel) is `free`
// (screen pixels; empty: the whole screen). CentreZoom: the centre lands in the middle of the free area.
// Box: the box is fitted into the free area with a small margin.
Camera scene_camera(const SceneCamera& c, int w, int h, const geo::BBox& free = {});

// Sets the map layers, choropleth and highlights of a scene on a view (camera untouched). The first
// highlighted municipality goes to MapView::highlight_municipality (the presenter outlines the others).
// The user layers of v that the scene names ("user:NAME") are shown or hidden as it says.
void apply_scene(const Scene& s, MapView& v);
void apply_scene_user_layers(const Scene& s, std::vector<UserLayerEntry>& layers);

// Whether two scenes show the same map content apart from the camera (layers, highlights, heatmap, what-ifs).
bool same_content(const Scene& a, const Scene& b);

// A new scene from the current view: the camera (centre of `free` and zoom), layers and highlights.
Scene scene_from_view(const MapView& v, const geo::BBox& free = {});

}  // namespace viewer
