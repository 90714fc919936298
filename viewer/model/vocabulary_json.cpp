#include "viewer/model/vocabulary_json.h"

namespace viewer {

using geo::json::Value;

geo::Category json_category(const geo::json::Checker& c, const Value& v, const std::string& what) {
    c.expect(v, Value::String, what);
    geo::Category cat{};
    if (!geo::category_from_key(v.str, cat))
        c.fail(v.pos, "unknown venue category \"" + v.str + "\" in " + what + " (expected one of: " +
                          geo::json::quoted_list(category_keys()) + ")");
    return cat;
}

geo::AgeBand json_population(const geo::json::Checker& c, const Value& v, const std::string& what) {
    c.expect(v, Value::String, what);
    geo::AgeBand b{};
    if (!population_from_key(v.str, b))
        c.fail(v.pos, "unknown " + what + " \"" + v.str + "\" (expected one of: all, 25_45)");
    return b;
}

bool json_gravity_access(const geo::json::Checker& c, const Value& v, const std::string& what) {
    c.expect(v, Value::String, what);
    if (v.str != "within_T" && v.str != "gravity")
        c.fail(v.pos, "unknown " + what + " \"" + v.str + "\" (expected one of: within_T, gravity)");
    return v.str == "gravity";
}

CategoryWeights json_weights(const geo::json::Checker& c, const Value& v, const std::string& what, double max) {
    c.expect(v, Value::Object, what);
    CategoryWeights w{};
    for (size_t i = 0; i < v.obj.size(); ++i) {
        Value key;  // the key as a string value at its place, so a wrong one is named where it stands
        key.type = Value::String;
        key.str = v.obj[i].first;
        key.pos = v.key_pos[i];
        w[size_t(json_category(c, key, what))] = float(c.number(v.obj[i].second, what + "." + key.str, 0, max));
    }
    return w;
}

void json_venue_toggle(const geo::json::Checker& c, const Value& v, const std::string& what, LayerToggles& l) {
    if (v.type == Value::Bool) {
        l.venues = v.b;
    } else if (v.type == Value::Array) {
        l.venues = true;
        l.categories.fill(false);
        for (const Value& e : v.arr) l.categories[size_t(json_category(c, e, what + " entry"))] = true;
    } else {
        c.fail(v.pos, what + " must be true, false or an array of categories, not " + v.type_name());
    }
}

}  // namespace viewer
