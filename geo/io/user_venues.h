// A point layer of the user's as a venue set (issue 11: "over the catalogue or a point file of the user's"): each
// point feature becomes a Venue, its name, category, capacity and id read from fields the user names.
//
//     geo::UserLayer l = geo::read_user_layer("bibliotheken.gpkg");
//     geo::VenueFields f;
//     f.name = "naam"; f.capacity = "zitplaatsen"; f.fixed_category = geo::Category::Library;
//     std::vector<geo::Venue> v = geo::venues_from_layer(data, l, f);
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "geo/io/user_layer.h"

namespace geo {

struct VenueFields {
    std::string name;      // field of the venue's name ("" = "<layer> N")
    std::string category;  // field holding a category key (pop, theatre, library, ...); "" = fixed_category
    std::optional<Category> fixed_category;  // the category of every point when `category` is ""
    std::string capacity;  // field of the capacity (a non-negative number; empty or missing value = unknown)
    std::string id;        // field of a unique id ("" = "user-N")
    // Values of the category field mapped to a category (the window's mapping: "Bibliotheek" -> library); a value
    // not here is read as a category key. skip_unmapped: points whose value maps to nothing are left out (counted
    // in VenueSetReport) instead of refusing the layer.
    std::map<std::string, Category> category_map;
    bool skip_unmapped = false;
};

// What venues_from_layer left out (skip_unmapped): each unmapped category value with its number of points.
struct VenueSetReport {
    std::map<std::string, size_t> unmapped;
    size_t skipped = 0;
};

// The venues of a point layer, positions in RD, each in the municipality its point lies in (Dataset::municipality_at;
// "" outside Twente). Throws DataError naming the layer and what is wrong: a mapped field the layer does not have
// (with the fields it has), a layer without points, a category value that is no category key (with the row and
// the closest key), a capacity that is not a non-negative number, neither a category field nor a fixed category.
// With skip_unmapped, a layer whose every point is unmapped is refused ("no category value matches").
std::vector<Venue> venues_from_layer(const Dataset& d, const UserLayer& layer, const VenueFields& f,
                                     VenueSetReport* report = nullptr);

// The user's venues into a venue list (the CLI's --venues and the window's "Use as venues", one rule): they replace
// the venues of the categories they hold, or are added (extend). Returns how many venues were taken out.
size_t apply_venue_set(std::vector<Venue>& venues, const std::vector<Venue>& mine, bool extend);

}  // namespace geo
