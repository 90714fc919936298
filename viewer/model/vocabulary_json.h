// The vocabulary's keys as JSON files write them (the scenes file and the project file): venue categories,
// populations, the composite's weights and access, the venue toggle. Built on geo::json::Checker, so every message
// names file, line and column ("deck.json:4:17: unknown venue category \"cinema\" in heatmap.category (expected
// one of: ...)").
#pragma once
#include <string>

#include "geo/io/json_checks.h"
#include "viewer/model/style.h"
#include "viewer/model/vocabulary.h"

namespace viewer {

// A venue category key: "unknown venue category \"x\" in WHAT (expected one of: \"third_place\", ...)".
geo::Category json_category(const geo::json::Checker& c, const geo::json::Value& v, const std::string& what);

// "all" or "25_45": "unknown WHAT \"x\" (expected one of: all, 25_45)".
geo::AgeBand json_population(const geo::json::Checker& c, const geo::json::Value& v, const std::string& what);

// "within_T" or "gravity"; true for gravity: "unknown WHAT \"x\" (expected one of: within_T, gravity)".
bool json_gravity_access(const geo::json::Checker& c, const geo::json::Value& v, const std::string& what);

// {"third_place": 2, "pop": 1}: each weight from 0 to max (the rest 0); an unknown category is named at its key,
// a weight as WHAT.KEY.
CategoryWeights json_weights(const geo::json::Checker& c, const geo::json::Value& v, const std::string& what,
                             double max);

// "venues": true | false | ["third_place", ...] (those categories only) into l.venues and l.categories; a wrong
// entry is named as "WHAT entry".
void json_venue_toggle(const geo::json::Checker& c, const geo::json::Value& v, const std::string& what,
                       LayerToggles& l);

}  // namespace viewer
