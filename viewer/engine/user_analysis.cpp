#include "viewer/engine/user_analysis.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "geo/core/error.h"
#include "viewer/engine/analysis.h"
#include "viewer/model/i18n.h"
#include "viewer/model/style.h"
#include "viewer/model/vocabulary.h"

namespace viewer {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower((unsigned char)c));
    while (!s.empty() && std::isspace((unsigned char)s.back())) s.pop_back();
    while (!s.empty() && std::isspace((unsigned char)s.front())) s.erase(s.begin());
    return s;
}

// Words a Dutch or English list uses for a category, beside its key and its labels (lower case).
struct Alias {
    const char* word;
    geo::Category c;
};
constexpr Alias kAliases[] = {
    {"derde plek", geo::Category::ThirdPlace}, {"third place", geo::Category::ThirdPlace},
    {"poppodium", geo::Category::Pop},         {"muziekzaal", geo::Category::Pop},
    {"theater", geo::Category::Theatre},       {"schouwburg", geo::Category::Theatre},
    {"concertzaal", geo::Category::Theatre},   {"theatre", geo::Category::Theatre},
    {"museum", geo::Category::Museum},         {"expositie", geo::Category::Museum},
    {"bibliotheek", geo::Category::Library},   {"kulturhus", geo::Category::Library},
    {"maakplaats", geo::Category::Maker},      {"makerspace", geo::Category::Maker},
    {"kunsteducatie", geo::Category::Education}, {"muziekschool", geo::Category::Education},
    {"festival", geo::Category::Festival},     {"festivalterrein", geo::Category::Festival},
    {"erfgoed", geo::Category::Heritage},      {"industrieel erfgoed", geo::Category::Heritage},
};

// Every word the vocabulary knows for a category, with it: keys, English and Dutch labels, aliases.
std::vector<std::pair<std::string, geo::Category>> words() {
    std::vector<std::pair<std::string, geo::Category>> w;
    for (int c = 0; c < geo::kCategoryCount; ++c) {
        const auto cat = geo::Category(c);
        w.emplace_back(geo::category_key(cat), cat);
        const char* en = category_style(cat).label_en;
        w.emplace_back(lower(en), cat);
        for (const Translation& t : translations())
            if (std::string(t.en) == en) w.emplace_back(lower(t.nl), cat);
    }
    for (const Alias& a : kAliases) w.emplace_back(a.word, a.c);
    return w;
}

}  // namespace

int category_of_value(const std::string& value, std::string* suggestion) {
    const std::string v = lower(value);
    if (suggestion) suggestion->clear();
    if (v.empty()) return -1;
    static const auto kWords = words();
    for (const auto& [w, c] : kWords)
        if (w == v) return int(c);
    if (suggestion) {
        std::vector<std::string> keys;
        for (const auto& [w, c] : kWords) keys.push_back(w);
        const std::string best = closest_key(v, keys, std::min<size_t>(3, v.size() / 3));  // kerk is no maker
        if (!best.empty())
            for (const auto& [w, c] : kWords)
                if (w == best) *suggestion = geo::category_key(c);
    }
    return -1;
}

std::vector<CategoryValue> category_values(const geo::UserLayer& l, const std::string& field) {
    std::map<std::string, size_t> n;
    for (const geo::Feature& f : l.data.features)
        if (!f.points.empty()) ++n[f.get(field)];
    std::vector<CategoryValue> out;
    for (const auto& [v, c] : n) {
        CategoryValue cv;
        cv.value = v;
        cv.count = c;
        cv.category = category_of_value(v, &cv.suggestion);
        out.push_back(std::move(cv));
    }
    std::stable_sort(out.begin(), out.end(), [](const CategoryValue& a, const CategoryValue& b) { return a.count > b.count; });
    return out;
}

std::vector<geo::Venue> venues_of_layer(const geo::Dataset& d, const geo::UserLayer& l, const VenueSetMapping& m,
                                        geo::VenueSetReport* report) {
    geo::VenueFields f;
    f.name = m.name_field;
    f.category = m.category_field;
    f.capacity = m.capacity_field;
    f.id = m.id_field;
    if (f.category.empty()) {
        f.fixed_category = m.fixed_category;
    } else {
        const bool has = std::find(l.data.fields.begin(), l.data.fields.end(), f.category) != l.data.fields.end();
        if (has)
            for (const CategoryValue& v : category_values(l, f.category))
                if (v.category >= 0) f.category_map[v.value] = geo::Category(v.category);
        for (const auto& [v, c] : m.category_map) f.category_map[v] = c;  // the user's choice wins
        f.skip_unmapped = true;
    }
    return geo::venues_from_layer(d, l, f, report);
}

std::string unmapped_message(const geo::VenueSetReport& r) {
    if (r.unmapped.empty()) return "";
    std::string s = std::to_string(r.unmapped.size()) + " " + tr("value(s) match no category") + " (" +
                    std::to_string(r.skipped) + " " + tr("points left out") + "): ";
    size_t k = 0;
    for (const auto& [v, n] : r.unmapped) {
        if (k++ == 5) {
            s += ", ...";
            break;
        }
        std::string sug;
        category_of_value(v, &sug);
        s += (k > 1 ? ", \"" : "\"") + v + "\" (" + std::to_string(n) +
             (sug.empty() ? "" : std::string("; ") + tr("did you mean") + " " + sug + "?") + ")";
    }
    return s;
}

std::string VenueSetSwitch::use(const geo::UserLayer& l, int layer_id, const VenueSetMapping& m, std::string* note) {
    geo::VenueSetReport rep;
    std::vector<geo::Venue> mine;
    try {
        mine = venues_of_layer(d_, l, m, &rep);
    } catch (const geo::DataError& e) {
        return e.what();
    }
    if (note) *note = unmapped_message(rep);
    if (!active()) {
        catalogue_ = d_.venues;
        meta_ = d_.venue_meta;
    }
    d_.venues = catalogue_;
    d_.venue_meta = meta_;
    geo::apply_venue_set(d_.venues, mine, m.extend);
    if (!m.extend)  // the catalogue's word on a category's completeness is not about the user's list
        for (const geo::Venue& v : mine) d_.venue_meta[size_t(v.category)] = geo::CategoryMeta{};
    layer_id_ = layer_id;
    name_ = l.name;
    count_ = mine.size();
    extend_ = m.extend;
    mapping_ = m;
    d_.venue_set = name_;
    d_.venue_set_count = count_;
    d_.venue_set_extends = extend_;
    return "";
}

void VenueSetSwitch::restore() {
    if (!active()) return;
    d_.venues = std::move(catalogue_);
    d_.venue_meta = meta_;
    catalogue_.clear();
    layer_id_ = -1;
    name_.clear();
    count_ = 0;
    mapping_ = VenueSetMapping{};
    d_.venue_set.clear();
    d_.venue_set_count = 0;
    d_.venue_set_extends = false;
}

std::string VenueSetSwitch::source_text() const {
    if (!active()) return "";
    return std::string(tr("venues: own file")) + " " + name_ + " (" + std::to_string(count_) + ")";
}

std::shared_ptr<const geo::RoadLayer> roads_of_layer(const geo::UserLayer& l, const std::string& class_field) {
    if (l.line_count == 0)
        throw geo::DataError(l.spec, l.spec + ": no lines: a road network needs a line layer (this one holds " +
                                         geo::geom_kind_name(l.kind) + ")");
    return std::make_shared<geo::RoadLayer>(geo::roads_from_vector(l.data, l.spec, class_field));
}

std::string UserAnalysis::use_venues(const geo::UserLayer& l, int layer_id, const VenueSetMapping& m,
                                     std::string* note) {
    if (an_) an_->wait(600);  // the worker reads the venues: let it finish before they change
    const std::string err = venues_.use(l, layer_id, m, note);
    if (err.empty() && an_) an_->venues_changed();
    return err;
}

void UserAnalysis::use_catalogue() {
    if (!venues_.active()) return;
    if (an_) an_->wait(600);
    venues_.restore();
    if (an_) an_->venues_changed();
}

std::string UserAnalysis::use_zones(const geo::UserLayer& l, int layer_id, const std::string& name_field) {
    try {
        zones_ = std::make_shared<const geo::ZoneSet>(geo::zones_from_layer(l, name_field));
        zones_layer_ = layer_id;
        zone_name_field_ = name_field;
        return "";
    } catch (const geo::DataError& e) {
        return e.what();
    }
}

void UserAnalysis::no_zones() {
    zones_.reset();
    zones_layer_ = -1;
    zone_name_field_.clear();
}

std::string UserAnalysis::use_roads(const geo::UserLayer& l, int layer_id, const std::string& class_field) {
    try {
        roads_ = roads_of_layer(l, class_field);
        roads_layer_ = layer_id;
        road_class_field_ = class_field;
        if (an_) an_->set_roads(roads_);
        return "";
    } catch (const geo::DataError& e) {
        return e.what();
    }
}

void UserAnalysis::no_roads() {
    if (roads_layer_ < 0) return;
    roads_.reset();
    roads_layer_ = -1;
    road_class_field_.clear();
    if (an_) an_->set_roads(nullptr);
}

void UserAnalysis::layer_removed(int layer_id) {
    if (venues_.layer_id() == layer_id) use_catalogue();
    if (zones_layer_ == layer_id) no_zones();
    if (roads_layer_ == layer_id) no_roads();
}

// ---- the choices kept in a project file ----

namespace {

const UserLayerEntry* entry_with_id(const std::vector<UserLayerEntry>& layers, int id) {
    for (const auto& e : layers)
        if (e.id == id) return &e;
    return nullptr;
}

const UserLayerEntry* entry_named(const std::vector<UserLayerEntry>& layers, const std::string& name) {
    for (const auto& e : layers)
        if (e.layer && e.layer->name == name) return &e;
    return nullptr;
}

}  // namespace

AnalysisUses analysis_uses_of(const UserAnalysis& ua, const std::vector<UserLayerEntry>& layers) {
    AnalysisUses u;
    if (const UserLayerEntry* e = entry_with_id(layers, ua.venues().layer_id()); e && ua.venues().active()) {
        u.venues_layer = e->layer->name;
        u.venues = ua.venues().mapping();
    }
    if (const UserLayerEntry* e = entry_with_id(layers, ua.zones_layer()); e && ua.zones()) {
        u.zones_layer = e->layer->name;
        u.zone_name_field = ua.zone_name_field();
    }
    if (const UserLayerEntry* e = entry_with_id(layers, ua.roads_layer()); e && ua.roads()) {
        u.roads_layer = e->layer->name;
        u.road_class_field = ua.road_class_field();
    }
    return u;
}

std::vector<std::string> apply_analysis_uses(UserAnalysis& ua, const AnalysisUses& u,
                                             const std::vector<UserLayerEntry>& layers, const std::string& where,
                                             const std::vector<std::string>& missing) {
    std::vector<std::string> out;
    // One use: its layer by name, then the panel's own call; "" or why not.
    auto use = [&](const char* key, const std::string& name, const char* instead,
                   const std::function<std::string(const UserLayerEntry&)>& apply) {
        if (name.empty()) return;
        std::string why;
        if (const UserLayerEntry* e = entry_named(layers, name)) {
            why = apply(*e);
        } else if (std::find(missing.begin(), missing.end(), name) != missing.end()) {
            return;  // its own "not loaded" message says what it was used for (missing_layer_note)
        } else {
            std::string names;
            for (const auto& l : layers) names += (names.empty() ? "\"" : ", \"") + l.layer->name + "\"";
            why = "not a layer of the project (its layers: " + (names.empty() ? std::string("none") : names) + ")";
        }
        if (!why.empty())
            out.push_back(where + ": analysis." + key + " \"" + name + "\": " + why + " -- " + tr(instead));
    };
    use("venues_layer", u.venues_layer, "the catalogue's venues are used",
        [&](const UserLayerEntry& e) { return ua.use_venues(*e.layer, e.id, u.venues); });
    use("zones_layer", u.zones_layer, "the figures have no zones",
        [&](const UserLayerEntry& e) { return ua.use_zones(*e.layer, e.id, u.zone_name_field); });
    use("roads_layer", u.roads_layer, "the run's road network (or estimates) is used",
        [&](const UserLayerEntry& e) { return ua.use_roads(*e.layer, e.id, u.road_class_field); });
    return out;
}

std::string missing_layer_note(const AnalysisUses& u, const std::string& name) {
    if (name.empty()) return "";
    std::string s;
    if (u.venues_layer == name) s += std::string("; ") + tr("it was the venue set") + ": " + tr("the catalogue's venues are used");
    if (u.zones_layer == name) s += std::string("; ") + tr("it was the zones of the figures") + ": " + tr("the figures have no zones");
    if (u.roads_layer == name)
        s += std::string("; ") + tr("it was the road network") + ": " + tr("the run's road network (or estimates) is used");
    return s;
}

}  // namespace viewer
