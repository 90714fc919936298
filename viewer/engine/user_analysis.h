// issue 12, item 4: the user's own layers in the analysis. A point layer becomes the venue set (its name,
// category and capacity fields mapped; category values through the vocabulary; replacing or extending the
// catalogue), a polygon layer the zones of the figures (geo/population/zones.h, AnalysisParams::zones), a line
// layer with a road class the road network (geo::roads_from_vector, the rule of --roads; Analysis::set_roads).
// One conversion each, shared by the window (user_layers_panel.h) and the command line (analyse --venues/--zones).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "geo/io/user_layer.h"
#include "geo/io/user_venues.h"
#include "geo/population/zones.h"
#include "geo/travel/network.h"
#include "viewer/model/user_style.h"

namespace viewer {

// How a point layer becomes venues.
struct VenueSetMapping {
    std::string name_field, category_field, capacity_field, id_field;  // "" = none (geo::VenueFields)
    geo::Category fixed_category = geo::Category::Pop;  // every point's category when category_field is ""
    // Category values the user mapped by hand (value -> category); the others go through category_of_value, and
    // values that map to nothing are left out and reported.
    std::map<std::string, geo::Category> category_map;
    bool extend = false;  // add to the catalogue instead of replacing the venues of the categories it holds
};

// The category a field value means in the vocabulary: a category key ("library"), its English or Dutch label
// ("Bibliotheek / kulturhus"), or a common Dutch word for it ("bibliotheek", "theater", "poppodium"), any case;
// -1 when none. suggestion: the closest key or word within 3 edits ("did you mean"), else "".
int category_of_value(const std::string& value, std::string* suggestion = nullptr);

// The distinct values of a field with how many features hold them (most frequent first) and what they map to.
struct CategoryValue {
    std::string value;
    size_t count = 0;
    int category = -1;       // -1: unmapped
    std::string suggestion;  // for an unmapped value: the closest category key, or ""
};
std::vector<CategoryValue> category_values(const geo::UserLayer& l, const std::string& field);

// The venues of a point layer under a mapping: the vocabulary's mapping plus the user's, unmapped values left out
// (report). Throws geo::DataError naming the layer (a missing field, no points, no value matching a category).
std::vector<geo::Venue> venues_of_layer(const geo::Dataset& d, const geo::UserLayer& l, const VenueSetMapping& m,
                                        geo::VenueSetReport* report = nullptr);

// "3 values unmapped (12 points left out): \"Kerk\" (8; did you mean ...?), ..." or "".
std::string unmapped_message(const geo::VenueSetReport& r);

// The venues the analysis runs on: the catalogue (with the user's edits), or a user venue set replacing or
// extending it. Keeps the catalogue while a set is in use, so that switching back restores it. Change it only while
// no analysis request runs (Analysis::wait), then call Analysis::venues_changed().
class VenueSetSwitch {
public:
    explicit VenueSetSwitch(geo::Dataset& d) : d_(d) {}
    // Uses layer `l` (its entry id `layer_id`) as the venue set. Returns "" or the message (naming the layer); on
    // failure the venues stay as they were. `note` gets the unmapped values' message ("" when none).
    std::string use(const geo::UserLayer& l, int layer_id, const VenueSetMapping& m, std::string* note = nullptr);
    void restore();  // the catalogue again (no-op when it is in use)
    bool active() const { return layer_id_ >= 0; }
    int layer_id() const { return layer_id_; }
    size_t count() const { return count_; }  // the user's venues in use
    const VenueSetMapping& mapping() const { return mapping_; }  // the mapping in use (a project keeps it)
    // For the attribution and legend: "locaties: eigen bestand NAME (N)" (current language); "" for the catalogue.
    std::string source_text() const;

private:
    geo::Dataset& d_;
    std::vector<geo::Venue> catalogue_;
    geo::CatalogueMeta meta_;  // the catalogue's completeness, unknown for the categories a set replaces
    int layer_id_ = -1;
    std::string name_;
    size_t count_ = 0;
    bool extend_ = false;
    VenueSetMapping mapping_;
};

// A line layer as the road network (the rule of --roads: geo::roads_from_vector). Throws geo::DataError naming the
// layer: no lines, no class field, no line with a recognised class.
std::shared_ptr<const geo::RoadLayer> roads_of_layer(const geo::UserLayer& l, const std::string& class_field = "");

class Analysis;

// The three uses together, as the window chooses them (user_layers_panel.h): each returns "" or a message naming
// the layer and what is wrong, and leaves everything as it was on failure (the session stays intact). Each
// change takes effect on the next request: the venue set after Analysis::wait + venues_changed, the road network
// through Analysis::set_roads; the zones are put into every request by the one who builds it (zones()).
class UserAnalysis {
public:
    UserAnalysis(geo::Dataset& d, Analysis& an) : venues_(d), an_(&an) {}
    // Without an analysis worker (the command line before its analysis exists: the venues change in d, the zones
    // and roads are only kept here for the one who builds the requests and AnalysisOptions).
    explicit UserAnalysis(geo::Dataset& d) : venues_(d) {}

    std::string use_venues(const geo::UserLayer& l, int layer_id, const VenueSetMapping& m, std::string* note = nullptr);
    void use_catalogue();
    const VenueSetSwitch& venues() const { return venues_; }

    std::string use_zones(const geo::UserLayer& l, int layer_id, const std::string& name_field);
    void no_zones();
    const std::shared_ptr<const geo::ZoneSet>& zones() const { return zones_; }
    int zones_layer() const { return zones_layer_; }
    const std::string& zone_name_field() const { return zone_name_field_; }

    std::string use_roads(const geo::UserLayer& l, int layer_id, const std::string& class_field);
    void no_roads();  // the run's own network (--roads), else estimates
    int roads_layer() const { return roads_layer_; }
    const std::shared_ptr<const geo::RoadLayer>& roads() const { return roads_; }
    const std::string& road_class_field() const { return road_class_field_; }

    // A layer was removed from the map: whatever it was used for goes back to the default.
    void layer_removed(int layer_id);

private:
    VenueSetSwitch venues_;
    Analysis* an_ = nullptr;
    std::shared_ptr<const geo::ZoneSet> zones_;
    int zones_layer_ = -1;
    std::string zone_name_field_;
    std::shared_ptr<const geo::RoadLayer> roads_;
    int roads_layer_ = -1;
    std::string road_class_field_;
};

// ---- the choices kept in a project file (docs/project.md: analysis.venues_layer ... roads_layer) ----

// Which of the user's layers the analysis uses, by the layer's name (a project's "layers[].name"), with the
// mapping of each use. "" = not used (the catalogue, no zones, the run's roads or estimates).
struct AnalysisUses {
    std::string venues_layer;
    VenueSetMapping venues;  // fields, the category of every point, values mapped by hand, extend
    std::string zones_layer, zone_name_field;
    std::string roads_layer, road_class_field;
    bool empty() const { return venues_layer.empty() && zones_layer.empty() && roads_layer.empty(); }
};

// What `ua` uses now, named by the layers of `layers` (entry ids to names).
AnalysisUses analysis_uses_of(const UserAnalysis& ua, const std::vector<UserLayerEntry>& layers);

// Applies the choices to the layers of `layers` (found by name) through ua's use_venues, use_zones and use_roads,
// the code of the panel and of --venues/--zones. A choice whose layer is not among them, or which fails, leaves
// that use at its default; returns one message per such choice: "<where>: analysis.venues_layer \"x\": <why> --
// the catalogue's venues are used". `missing` names layers known not to be loaded (their own message says why):
// for those the message is left out (missing_layer_note says it in theirs).
std::vector<std::string> apply_analysis_uses(UserAnalysis& ua, const AnalysisUses& u,
                                             const std::vector<UserLayerEntry>& layers, const std::string& where,
                                             const std::vector<std::string>& missing = {});

// The uses a layer of this name had, as the end of its "not loaded" message: "; it was the analysis's venue set:
// the catalogue's venues are used" (and zones, roads); "" when none.
std::string missing_layer_note(const AnalysisUses& u, const std::string& name);

}  // namespace viewer
