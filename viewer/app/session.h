// What every mode of the command line starts from: the map data with the user's venue edits applied, and the
// road network the analyses use. The window, --screenshot, the presenter and `export` all load it here, so the
// map they show is the same (README: "the edits are applied at every start").
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/project.h"
#include "viewer/model/style.h"

namespace viewer {

struct SessionOptions {
    std::string who = "trekkaart";  // message prefix ("trekkaart", "trekkaart export")
    std::string roads;              // --roads FILE; "" = $TREKKAART_ROADS, if set
    bool quiet = false;             // no lines about venue edits and data warnings
    bool report_load = false;       // also "loaded N municipalities, ... in X ms"
    std::vector<std::string> layers;  // --layer PATH[,LAYER] (issue 12), in draw order
    // A project file (issue 12, docs/project.md): its venue edits file instead of the user's own, its layers
    // (a message per layer that cannot be read; the rest loads) before the --layer ones.
    std::string project;
    // issue 12: the project's analysis uses (analysis.venues_layer, zones_layer, roads_layer) applied here, for the
    // runs without a window (export, analyse, the presenter): the venue set into `data`, the zones and the road
    // network kept in the session. The window applies them itself (project_panel.h): false. A use the command line
    // gives replaces the project's: --venues (own_venues), --zones (own_zones), --roads (roads above).
    bool apply_project_uses = true;
    bool own_venues = false, own_zones = false;
};

struct Session {
    geo::Dataset data;
    AnalysisOptions analysis;       // what every analysis of this run starts from (the road network)
    std::vector<UserLayerEntry> user_layers;  // the user's own layers that loaded, bottom first (issue 12)
    int next_layer_id = 1;
    std::optional<Project> project;           // SessionOptions::project, read
    std::vector<MissingLayer> missing_layers; // its layers that could not be read (kept for its next save)
    std::string venue_edits_path;             // the venue edits file applied (and the one the editor saves to)
    // The project's zones layer (put into AnalysisParams::zones by the one who builds a request) and road network
    // layer (analysis.roads points at it), when SessionOptions::apply_project_uses; null when none.
    std::shared_ptr<const geo::ZoneSet> zones;
    std::shared_ptr<const geo::RoadLayer> roads;
};

// Reads a user layer (geo/io/user_layer.h, within the map's region) and appends it to s.user_layers with its
// default style. On failure prints "WHO: layer not added: MESSAGE" (unless quiet), leaves s as it was and returns
// false with the message in *error; the layer's warnings are printed too.
bool add_user_layer(Session& s, const std::string& spec, const std::string& who, bool quiet = false,
                    std::string* error = nullptr);

// The road network file: the option when given, else $TREKKAART_ROADS (the documented default), else "" (the
// travel times stay straight-line estimates).
std::string roads_path(const std::string& option);

// Loads the data and applies the user's venue edits (geo/io/venue_edits.h), reporting on stderr. When the data
// cannot be loaded it prints "WHO: cannot load the map data: ..." and returns nothing (exit code 1); likewise a
// project file that cannot be read ("WHO: file:line:col: what").
std::optional<Session> load_session(const SessionOptions& o);

// The index of the venue with this id in data.venues (catalogue ids, as --venue, --move and --remove take them),
// or -1; unknown_venue_message says so and names the closest id ("did you mean").
int find_venue(const geo::Dataset& data, const std::string& id);
std::string unknown_venue_message(const geo::Dataset& data, const std::string& id);

}  // namespace viewer
