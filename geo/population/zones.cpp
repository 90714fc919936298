#include "geo/population/zones.h"

#include <algorithm>
#include <limits>

#include "geo/core/error.h"
#include "geo/population/scanline.h"

namespace geo {

ZoneSet zones_from_layer(const UserLayer& l, const std::string& name_field) {
    auto fail = [&](const std::string& what) { throw DataError(l.spec, l.spec + ": " + what); };
    if (!name_field.empty() && std::find(l.data.fields.begin(), l.data.fields.end(), name_field) == l.data.fields.end()) {
        std::string have;
        for (const auto& f : l.data.fields) have += (have.empty() ? "" : ", ") + f;
        fail("zone name field \"" + name_field + "\": the layer has no such field (its fields: " + have + ")");
    }
    ZoneSet z;
    z.source = l.spec;
    z.name = l.name;
    for (const Feature& f : l.data.features) {
        if (f.polys.empty()) continue;
        const std::string n = std::to_string(z.geoms.size() + 1);
        z.codes.push_back("Z" + n);
        z.names.push_back(name_field.empty() || f.get(name_field).empty() ? l.name + " " + n : f.get(name_field));
        z.geoms.push_back(f.polys);
    }
    if (z.geoms.empty())
        fail("no polygons: zones need a polygon layer (this one holds " + std::string(geom_kind_name(l.kind)) + ")");
    if (z.geoms.size() > size_t(std::numeric_limits<int16_t>::max()))
        fail(std::to_string(z.geoms.size()) + " zones: at most 32767");
    return z;
}

int zone_outside(const ZoneSet& z, size_t i, const BBox& region) {
    const BBox b = bbox_of(z.geoms.at(i));
    if (!b.intersects(region)) return 2;
    return b.minx < region.minx || b.miny < region.miny || b.maxx > region.maxx || b.maxy > region.maxy ? 1 : 0;
}

Grid<int16_t> rasterize_zones(const ZoneSet& z, const GridSpec& spec) {
    Grid<int16_t> g(spec, int16_t(-1));
    for (size_t i = 0; i < z.geoms.size(); ++i)
        scan_multipolygon(z.geoms[i], spec, [&](int r, int c0, int c1) {
            int16_t* row = &g.v[spec.index(0, r)];
            for (int c = c0; c < c1; ++c)
                if (row[c] < 0) row[c] = int16_t(i);
        });
    return g;
}

}  // namespace geo
