// What every mode of the command line starts from: the map data with the user's venue edits applied, and the
// road network the analyses use. The window, --screenshot, the presenter and `export` all load it here, so the
// map they show is the same (README: "the edits are applied at every start").
#pragma once
#include <optional>
#include <string>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"

namespace viewer {

struct SessionOptions {
    std::string who = "trekkaart";  // message prefix ("trekkaart", "trekkaart export")
    std::string roads;              // --roads FILE; "" = $TREKKAART_ROADS, if set
    bool quiet = false;             // no lines about venue edits and data warnings
    bool report_load = false;       // also "loaded N municipalities, ... in X ms"
};

struct Session {
    geo::Dataset data;
    AnalysisOptions analysis;       // what every analysis of this run starts from (the road network)
};

// The road network file: the option when given, else $TREKKAART_ROADS (the documented default), else "" (the
// travel times stay straight-line estimates).
std::string roads_path(const std::string& option);

// Loads the data and applies the user's venue edits (geo/io/venue_edits.h), reporting on stderr. When the data
// cannot be loaded it prints "WHO: cannot load the map data: ..." and returns nothing (exit code 1).
std::optional<Session> load_session(const SessionOptions& o);

// The index of the venue with this id in data.venues (catalogue ids, as --venue, --move and --remove take them),
// or -1; unknown_venue_message says so and names the closest id ("did you mean").
int find_venue(const geo::Dataset& data, const std::string& id);
std::string unknown_venue_message(const geo::Dataset& data, const std::string& id);

}  // namespace viewer
