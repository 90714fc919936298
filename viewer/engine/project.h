// Project files (issue 12): a session kept as a readable JSON file `NAME.trekkaart` (schema: docs/project.md) --
// the user's layers (their sources relative to the project file, `LAYER` of a file with several, PG: connections
// without a password), each layer's style, the view (box in RD, base layers, choropleth, language), the analysis
// settings and what-if sites, and references to the venue edits file and a scenes file. Values and file format
// only, no GL: the window (viewer/ui/project_panel.h), `trekkaart FILE.trekkaart`, `export --project` and
// `analyse --project` (viewer/app/session.h) share them. It lives in `engine` because it holds AnalysisParams.
//
//     viewer::Project p = viewer::load_project("wijken.trekkaart");       // throws geo::json::Error (file:line:col)
//     viewer::ProjectLayers l = viewer::load_project_layers(p, data.region_bbox, 1);  // a message per missing layer
//     std::string err = viewer::save_project(p, "wijken.trekkaart");       // through geo::AtomicFile
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/types.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/model/ramp.h"
#include "viewer/model/style.h"

namespace viewer {

constexpr int kProjectVersion = 1;
constexpr const char* kProjectExtension = ".trekkaart";

struct ProjectLayer {
    // The source as written in the file: relative to the project file's folder, absolute, a /vsizip/ path
    // (its file part relative likewise) or a PG: connection string (never with a password).
    std::string source;
    std::string layer;  // a layer of a file with several ("" = the first / the usual one)
    std::string name;   // shown in the legend and named by scenes as "user:NAME" ("" = the reader's name)
    UserLayerStyle style;
    int line = 0;       // where the layer starts in its file (0: made in the app)
};

struct ProjectView {
    std::optional<geo::BBox> bbox;  // RD; what was in the window (none: all of Twente)
    LayerToggles layers;
    Choropleth choropleth = Choropleth::Density;
    std::string lang;               // "nl", "en" or "" (the window's own)
};

struct ProjectAnalysis {
    bool overlay = false;           // the heatmap shown
    AnalysisParams params;          // metric .. composite_gravity; venue and the sites are not kept here
    Ramp ramp = Ramp::Viridis;
    float opacity = 0.72f;
    bool contours = true, banded = false;
    // The user's layers the analysis uses (analysis.venues_layer, venue_fields, ..., roads_layer), by layer name.
    AnalysisUses uses;
};

struct Project {
    std::string path;               // the file it was read from ("" = new); relative paths resolve from its folder
    std::vector<ProjectLayer> layers;   // bottom first (the draw order)
    ProjectView view;
    ProjectAnalysis analysis;
    std::vector<Candidate> whatif;  // what-if sites (RD)
    std::string venue_edits;        // as stored; "" = the user's own edits file (geo::default_venue_edits_path)
    std::string scenes;             // as stored; "" = none
    std::vector<std::string> notes; // said while reading (e.g. a password found in a connection string)
};

// ---- reading and writing ----

// Throws geo::json::Error ("file:line:col: what") on the first problem: syntax, a wrong type, an unknown key
// (refused, as in the scenes file), an unknown version, metric, category, mode, style or ramp.
Project parse_project(std::string_view text, const std::string& file);
// Reads and parses; a file that cannot be read throws geo::DataError naming it.
Project load_project(const std::string& path);
// The JSON text (deterministic: a second save of a read project gives the same text).
std::string project_to_json(const Project& p);
// Writes project_to_json through geo::AtomicFile (the old file is untouched on failure); "" or the error.
std::string save_project(const Project& p, const std::string& path);

// ---- paths ----

// A stored path as the file system sees it: relative ones from the project file's folder (also inside /vsizip/,
// /vsitar/, /vsigzip/); absolute ones and PG: strings as they are.
std::string resolve_project_path(const std::string& stored, const std::string& project_file);
// The other way: a path as given (absolute, or relative to the current folder) as stored in a project at
// project_file: relative to its folder. PG: strings lose any password (strip_password).
std::string store_project_path(const std::string& given, const std::string& project_file);
// "PG:host=db password=secret dbname=gis" -> "PG:host=db dbname=gis" (also "password=***", quoted values).
std::string strip_password(const std::string& conn);
// The spec to read a project layer with (resolved source, plus ",LAYER").
std::string project_layer_spec(const ProjectLayer& l, const std::string& project_file);
// A layer of the map as a project layer stored at project_file (its spec's path relative to the file's folder).
ProjectLayer project_layer_of(const UserLayerEntry& e, const std::string& project_file);
// The autosave of a project file: "FILE.trekkaart.autosave" beside it.
std::string project_autosave_path(const std::string& project_file);

// ---- layers ----

struct MissingLayer {
    size_t index = 0;       // its place among the project's layers (kept there by the next save)
    ProjectLayer layer;
    std::string message;    // "FILE:LINE: layer "x": source "a/b.gpkg" (resolved: /p/a/b.gpkg): file not found ..."
};
struct ProjectLayers {
    std::vector<UserLayerEntry> loaded;  // in the project's order, with their styles and names
    std::vector<MissingLayer> missing;   // one message each; the rest is loaded
};
// Reads the project's layers (geo::read_user_layer, within region). A layer that cannot be read is reported in
// `missing` and skipped; its message ends with what the analysis used it for (missing_layer_note). Ids start at
// first_id.
ProjectLayers load_project_layers(const Project& p, const geo::BBox& region, int first_id);

// The project's analysis.venues_layer, zones_layer and roads_layer applied to its loaded layers through ua (the
// panel's code, user_analysis.h): a missing layer's use is said in its own message (load_project_layers) and stays
// at the default; other failures (a name no layer has, a field the layer lacks) are returned, naming the project
// file. Every use applied is replaced, so call it after ua's earlier uses were reset (or on a fresh one).
std::vector<std::string> apply_project_uses(const Project& p, const std::vector<UserLayerEntry>& loaded,
                                            const std::vector<MissingLayer>& missing, UserAnalysis& ua);

// ---- the view ----

// The camera of the project's view for a w x h map: its box fitted exactly (centre, the larger of the two scales),
// else `fallback` (all of Twente) with a small margin; layers and choropleth set. User layers are not touched.
void apply_project_view(const ProjectView& pv, MapView& v, int w, int h, const geo::BBox& fallback);
// The window's view as a project view (the box of what the camera shows).
ProjectView project_view_of(const MapView& v);

}  // namespace viewer
