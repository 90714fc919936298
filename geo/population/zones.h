// A polygon layer of the user's as the zones of the figures (issue 12: neighbourhoods beside the municipalities):
// each polygon feature a zone, named from a field; rasterised onto the population grid by cell centre (the rule of
// rasterize_municipalities), so the figures over a zone are computed by the same code as over a municipality.
#pragma once
#include <string>
#include <vector>

#include "geo/core/grid.h"
#include "geo/io/user_layer.h"

namespace geo {

struct ZoneSet {
    std::string source;  // the layer's spec (password masked)
    std::string name;    // the layer's name (the figures' "zones" column)
    std::vector<std::string> codes, names;  // per zone: "Z1".. and the name field's value ("<layer> N" without)
    std::vector<MultiPolygon> geoms;        // RD
};

// The polygons of a user layer as zones. Throws DataError naming the layer: a name field it does not have (with
// the fields it has), a layer without polygons (a point or line layer chosen as zones), more than 32767 zones.
ZoneSet zones_from_layer(const UserLayer& l, const std::string& name_field);

// Where zone i lies against the region the population grid covers: 0 inside, 1 partly outside (figures over it
// count the part inside only), 2 wholly outside (no population data: no figures, not "0 inhabitants").
int zone_outside(const ZoneSet& z, size_t i, const BBox& region);

// Index into z.geoms per cell (by cell centre), -1 outside every zone; where zones overlap the lower index wins.
Grid<int16_t> rasterize_zones(const ZoneSet& z, const GridSpec& spec);

}  // namespace geo
