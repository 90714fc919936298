#include "geo/io/user_venues.h"

#include <algorithm>
#include <cmath>

#include "geo/core/error.h"

namespace geo {

namespace {

[[noreturn]] void fail(const UserLayer& l, const std::string& what) { throw DataError(l.spec, l.spec + ": " + what); }

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

void require_field(const UserLayer& l, const std::string& option, const std::string& field) {
    if (field.empty()) return;
    if (std::find(l.data.fields.begin(), l.data.fields.end(), field) == l.data.fields.end())
        fail(l, option + " \"" + field + "\": the layer has no such field (its fields: " + join(l.data.fields) + ")");
}

}  // namespace

std::vector<Venue> venues_from_layer(const Dataset& d, const UserLayer& l, const VenueFields& f,
                                     VenueSetReport* report) {
    require_field(l, "name field", f.name);
    require_field(l, "category field", f.category);
    require_field(l, "capacity field", f.capacity);
    require_field(l, "id field", f.id);
    if (f.category.empty() && !f.fixed_category)
        fail(l, "no category: name the field that holds it, or give one category for every point");
    std::vector<Venue> out;
    VenueSetReport rep;
    size_t row = 0;
    for (const Feature& ft : l.data.features) {
        ++row;
        for (const P2& p : ft.points) {
            Venue v;
            v.pos = p;
            v.id = f.id.empty() ? "user-" + std::to_string(out.size() + 1) : ft.get(f.id);
            v.name = f.name.empty() ? l.name + " " + std::to_string(out.size() + 1) : ft.get(f.name);
            if (f.category.empty()) {
                v.category = *f.fixed_category;
            } else if (auto it = f.category_map.find(ft.get(f.category)); it != f.category_map.end()) {
                v.category = it->second;
            } else if (f.skip_unmapped && !category_from_key(ft.get(f.category), v.category)) {
                ++rep.unmapped[ft.get(f.category)];
                ++rep.skipped;
                continue;
            } else if (!category_from_key(ft.get(f.category), v.category)) {
                std::string keys;
                for (int c = 0; c < kCategoryCount; ++c) keys += (c ? ", " : "") + std::string(category_key(Category(c)));
                fail(l, "feature " + std::to_string(row) + ": category \"" + ft.get(f.category) +
                            "\" is not one of " + keys);
            }
            if (!f.capacity.empty() && !ft.get(f.capacity).empty()) {
                const std::optional<double> c = ft.num(f.capacity);
                if (!c || !(*c >= 0) || !std::isfinite(*c))
                    fail(l, "feature " + std::to_string(row) + ": capacity \"" + ft.get(f.capacity) +
                                "\" is not a non-negative number");
                v.capacity = *c;
            }
            if (const Municipality* m = d.municipality_at(p)) v.gemeente = m->code;
            v.source = l.spec;
            out.push_back(std::move(v));
        }
    }
    if (out.empty() && rep.skipped > 0)
        fail(l, "no category value matches a category: field \"" + f.category + "\" holds " +
                    std::to_string(rep.unmapped.size()) + " value(s) (e.g. \"" + rep.unmapped.begin()->first +
                    "\"); map them to categories");
    if (out.empty()) fail(l, "no points: a venue set needs a point layer (this one holds " +
                                 std::string(geom_kind_name(l.kind)) + ")");
    if (report) *report = std::move(rep);
    return out;
}

size_t apply_venue_set(std::vector<Venue>& venues, const std::vector<Venue>& mine, bool extend) {
    const size_t before = venues.size();
    if (!extend) {
        bool has[kCategoryCount] = {};
        for (const Venue& v : mine) has[int(v.category)] = true;
        venues.erase(std::remove_if(venues.begin(), venues.end(), [&](const Venue& v) { return has[int(v.category)]; }),
                     venues.end());
    }
    const size_t removed = before - venues.size();
    venues.insert(venues.end(), mine.begin(), mine.end());
    return removed;
}

}  // namespace geo
