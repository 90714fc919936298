#include "viewer/model/scenes.h"

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/core/crs.h"
#include "geo/io/atomic_file.h"
#include "geo/io/json.h"
#include "geo/io/json_checks.h"
#include "viewer/model/vocabulary_json.h"

namespace viewer {

// The scenes file is read with the one JSON reader (geo/io/json.h).
namespace json = geo::json;

// =============================================================================================================
// Scene model
// =============================================================================================================

SceneError::SceneError(const std::string& file_, int line_, int col_, const std::string& msg)
    : geo::DataError(line_ > 0 ? file_ + ":" + std::to_string(line_) + ":" + std::to_string(col_) : file_, msg),
      line(line_), col(col_), message(msg) {
    file = file_;
}

namespace {

using KeyNames = json::Keywords;

// The measures a scenes file may name, in the order its messages list them; keys from the metric vocabulary.
const KeyNames& scene_measures() {
    static const KeyNames k = [] {
        KeyNames v;
        for (Metric m : {Metric::TravelTime, Metric::Opportunities, Metric::GravityExp, Metric::Fca2,
                         Metric::VenueDensity, Metric::Population, Metric::Reach, Metric::Composite})
            v.push_back({metric_key(m), int(m)});
        return v;
    }();
    return k;
}
const KeyNames& travel_modes() {
    static const KeyNames k = [] {
        KeyNames v;
        for (int i = 0; i < geo::kModeCount; ++i) v.push_back({geo::mode_key(geo::Mode(i)), i});
        return v;
    }();
    return k;
}
const KeyNames kChoropleths = {{"none", int(Choropleth::None)},
                               {"density", int(Choropleth::Density)},
                               {"inhabitants", int(Choropleth::Inhabitants)},
                               {"age_25_45", int(Choropleth::Age25_45)}};

const char* key_of(const KeyNames& t, int v) {
    for (const auto& k : t)
        if (k.value == v) return k.key.c_str();
    return "?";
}
std::string category_keys_list() { return json::quoted_list(category_keys()); }

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower((unsigned char)c));
    return s;
}

// Lon/lat and RD ranges a trekkaart camera may use: the Netherlands and the German border region.
constexpr double kLonMin = 3.0, kLonMax = 8.5, kLatMin = 50.5, kLatMax = 54.0;
constexpr double kRdXMin = -7000, kRdXMax = 330000, kRdYMin = 289000, kRdYMax = 629000;

using json::Value;

// Turns a parsed JSON tree into a Deck, with positions in every message (json::Error; parse_deck makes it a
// SceneError).
class Decoder : json::Checker {
public:
    Decoder(const std::string& file, const SceneCatalog* cat) : Checker(file), cat_(cat) {}

    Deck deck(const Value& root) {
        Deck d;
        d.path = file();
        expect(root, Value::Object, "the scenes file (top level)");
        only_keys(root, "the top level", {"trekkaart_scenes", "title", "scenes"});
        if (const Value* v = root.find("trekkaart_scenes")) {
            expect(*v, Value::Number, "\"trekkaart_scenes\" (format version)");
            if (v->num != 1)
                fail(v->pos, "unsupported format version " + json::number_text(v->num) + " (this trekkaart reads 1)");
        }
        if (const Value* v = root.find("title")) d.title = bilingual(*v, "\"title\"");
        const Value& sc = required(root, "scenes", "missing \"scenes\" (an array of scenes)");
        expect(sc, Value::Array, "\"scenes\"");
        if (sc.arr.empty()) fail(sc.pos, "\"scenes\" is empty: a deck needs at least one scene");
        std::set<std::string> ids;
        for (size_t i = 0; i < sc.arr.size(); ++i) {
            Scene s = scene(sc.arr[i], int(i + 1));
            if (!s.id.empty() && !ids.insert(s.id).second)
                fail(sc.arr[i].find("id")->pos, "duplicate scene id \"" + s.id + "\"");
            d.scenes.push_back(std::move(s));
        }
        return d;
    }

private:
    const SceneCatalog* cat_;

    Bilingual bilingual(const Value& v, const std::string& what) const {
        Bilingual b;
        if (v.type == Value::String) {
            b.nl = b.en = v.str;
            return b;
        }
        if (v.type != Value::Object)
            fail(v.pos, what + " must be a string or an object {\"nl\": ..., \"en\": ...}, not " + v.type_name());
        only_keys(v, what, {"nl", "en"});
        if (const Value* x = v.find("nl")) b.nl = string(*x, what + ".nl");
        if (const Value* x = v.find("en")) b.en = string(*x, what + ".en");
        if (b.empty()) fail(v.pos, what + " needs a Dutch (\"nl\") or English (\"en\") text");
        return b;
    }

    std::string category(const Value& v, const std::string& what) const {
        json_category(*this, v, what);
        return v.str;
    }

    // A point [a, b] in crs; returns RD.
    geo::P2 point(const Value& v, bool wgs84, const std::string& what, double* raw) const {
        expect(v, Value::Array, what);
        if (v.arr.size() != 2)
            fail(v.pos, what + " must have 2 numbers (" + (wgs84 ? "lon, lat" : "x, y in RD") + "), not " +
                            std::to_string(v.arr.size()));
        for (const auto& e : v.arr) expect(e, Value::Number, what + " element");
        const double a = v.arr[0].num, b = v.arr[1].num;
        raw[0] = a;
        raw[1] = b;
        if (wgs84) {
            if (a >= kLatMin && a <= kLatMax && b >= kLonMin && b <= kLonMax)
                fail(v.pos, what + " [" + json::number_text(a) + ", " + json::number_text(b) +
                                "] looks like [lat, lon]: write longitude first, [lon, lat]");
            if (a < kLonMin || a > kLonMax || b < kLatMin || b > kLatMax)
                fail(v.pos, what + " [" + json::number_text(a) + ", " + json::number_text(b) +
                                "] is outside the map region (lon 3-8.5, lat 50.5-54; or is \"crs\" wrong?)");
            return geo::wgs84_to_rd(a, b);
        }
        if (a < kRdXMin || a > kRdXMax || b < kRdYMin || b > kRdYMax)
            fail(v.pos, what + " [" + json::number_text(a) + ", " + json::number_text(b) +
                            "] is outside the RD (EPSG:28992) domain (or is \"crs\" wrong?)");
        return {a, b};
    }

    bool crs(const Value& obj, const std::string& where) const {
        const Value* c = obj.find("crs");
        if (!c) return true;
        expect(*c, Value::String, where + ".crs");
        if (c->str == "wgs84") return true;
        if (c->str == "rd") return false;
        fail(c->pos, "unknown crs \"" + c->str + "\" (expected \"wgs84\" (lon, lat) or \"rd\" (EPSG:28992 metres))");
    }

    SceneCamera camera(const Value& v) const {
        SceneCamera c;
        expect(v, Value::Object, "\"camera\"");
        only_keys(v, "\"camera\"", {"crs", "centre", "zoom", "bbox"});
        c.wgs84 = crs(v, "camera");
        const Value *ce = v.find("centre"), *zo = v.find("zoom"), *bb = v.find("bbox");
        if (bb && (ce || zo)) fail(v.pos, "camera: give either \"centre\" + \"zoom\" or \"bbox\", not both");
        if (bb) {
            c.kind = SceneCamera::Box;
            expect(*bb, Value::Array, "camera.bbox");
            if (bb->arr.size() != 4)
                fail(bb->pos, std::string("camera.bbox must have 4 numbers [") +
                                  (c.wgs84 ? "west, south, east, north" : "minx, miny, maxx, maxy") + "], not " +
                                  std::to_string(bb->arr.size()));
            Value lo, hi;
            lo.type = hi.type = Value::Array;
            lo.pos = hi.pos = bb->pos;
            lo.arr = {bb->arr[0], bb->arr[1]};
            hi.arr = {bb->arr[2], bb->arr[3]};
            geo::P2 p0 = point(lo, c.wgs84, "camera.bbox corner", c.in);
            geo::P2 p1 = point(hi, c.wgs84, "camera.bbox corner", c.in + 2);
            if (!(c.in[0] < c.in[2] && c.in[1] < c.in[3]))
                fail(bb->pos, "camera.bbox must be [min, min, max, max] with min < max");
            c.bbox.add(p0);
            c.bbox.add(p1);
            if (c.wgs84) {  // a lon/lat box is not axis-aligned in RD: add the other corners too
                c.bbox.add(geo::wgs84_to_rd(c.in[0], c.in[3]));
                c.bbox.add(geo::wgs84_to_rd(c.in[2], c.in[1]));
            }
            return c;
        }
        if (!ce || !zo)
            fail(v.pos, std::string("camera needs \"centre\" and \"zoom\", or \"bbox\" (missing ") +
                            (!ce && !zo ? "both" : !ce ? "\"centre\"" : "\"zoom\"") + ")");
        c.kind = SceneCamera::CentreZoom;
        c.centre = point(*ce, c.wgs84, "camera.centre", c.in);
        c.zoom = number(*zo, "camera.zoom", 6, 19);
        return c;
    }

    void layers(const Value& v, Scene& s) const {
        expect(v, Value::Object, "\"layers\"");
        only_keys(v, "\"layers\"", {"choropleth", "venues", "rail", "stations", "places", "labels", "context", "border",
                                    "outlines", "countries", "province"},
                  "user:");  // a user layer (issue 12): user_layers()
        user_layers(v, s);
        LayerToggles& l = s.layers;
        if (const Value* x = v.find("choropleth")) s.choropleth = Choropleth(keyword(*x, kChoropleths, "choropleth"));
        if (const Value* x = v.find("venues")) json_venue_toggle(*this, *x, "layers.venues", l);
        struct B { const char* k; bool* p; };
        for (B b : {B{"rail", &l.rail}, B{"stations", &l.stations}, B{"places", &l.places}, B{"labels", &l.labels},
                    B{"context", &l.context}, B{"border", &l.border}, B{"outlines", &l.outlines},
                    B{"countries", &l.countries}, B{"province", &l.province}})
            if (const Value* x = v.find(b.k)) *b.p = boolean(*x, std::string("layers.") + b.k);
        l.choropleth = s.choropleth != Choropleth::None;
    }

    // "user:NAME": true | false -- a user layer of the session (a project's, or --layer's), by its name.
    void user_layers(const Value& v, Scene& s) const {
        for (size_t i = 0; i < v.obj.size(); ++i) {
            const std::string& k = v.obj[i].first;
            if (k.rfind("user:", 0) != 0) continue;
            const std::string name = k.substr(5);
            const bool on = boolean(v.obj[i].second, "layers.\"" + k + "\"");
            if (cat_) {
                const auto& known = cat_->user_layers;
                if (known.empty())
                    fail(v.key_pos[i], "layers: \"" + k + "\" names a user layer, but no project is open (give the "
                                       "project with --project FILE.trekkaart, or the layer with --layer)");
                if (std::find(known.begin(), known.end(), name) == known.end()) {
                    std::string list;
                    for (const auto& n : known) list += std::string(list.empty() ? "" : ", ") + "\"user:" + n + "\"";
                    fail(v.key_pos[i], "layers: \"" + k + "\" is not a layer of the project (its layers: " + list + ")");
                }
            }
            s.user_layers.emplace_back(name, on);
        }
    }

    HeatmapSpec heatmap(const Value& v) const {
        HeatmapSpec h;
        only_keys(v, "\"heatmap\"", {"measure", "category", "mode", "threshold_min", "population", "weights", "access"});
        const Value& m = required(v, "measure", "heatmap needs a \"measure\" (one of: " +
                                                    json::quoted_list(scene_measures()) + ")");
        h.measure = Metric(keyword(m, scene_measures(), "measure"));
        if (const Value* x = v.find("category")) h.category = category(*x, "heatmap.category");
        else if (measure_needs_category(h.measure))
            fail(v.pos, std::string("heatmap measure \"") + metric_key(h.measure) +
                            "\" needs a venue \"category\" (one of: " + category_keys_list() + ")");
        if (const Value* x = v.find("mode")) h.mode = geo::Mode(keyword(*x, travel_modes(), "travel mode"));
        if (const Value* x = v.find("threshold_min")) h.threshold_min = number(*x, "heatmap.threshold_min", 1, 600);
        else if (measure_needs_threshold(h.measure))
            fail(v.pos, std::string("heatmap measure \"") + metric_key(h.measure) +
                            "\" needs \"threshold_min\" (minutes)");
        heatmap_group(v, h);
        return h;
    }

    // issue 17: whose inhabitants, and the composite's weights and access.
    void heatmap_group(const Value& v, HeatmapSpec& h) const {
        if (const Value* x = v.find("population")) h.population = json_population(*this, *x, "heatmap.population");
        if (const Value* x = v.find("access")) h.composite_gravity = json_gravity_access(*this, *x, "heatmap.access");
        if (const Value* x = v.find("weights")) h.weights = json_weights(*this, *x, "heatmap.weights", 1e6);
        if (h.measure == Metric::Composite && !any_weight(h.weights))
            fail(v.pos, "heatmap measure \"composite\" needs \"weights\" with at least one weight > 0, e.g. "
                        "{\"third_place\": 2, \"pop\": 1}");
    }

    void highlight(const Value& v, Scene& s) const {
        expect(v, Value::Object, "\"highlight\"");
        only_keys(v, "\"highlight\"", {"venues", "municipalities"});
        if (const Value* x = v.find("venues")) {
            expect(*x, Value::Array, "highlight.venues");
            for (const auto& e : x->arr) {
                expect(e, Value::String, "highlight.venues entry");
                if (cat_ && !cat_->venue_ids.count(e.str)) {
                    const std::string best = closest_key(e.str, cat_->venue_ids);
                    fail(e.pos, "unknown venue id \"" + e.str + "\" (ids are in assets/venues.csv" +
                                    (!best.empty() ? "; did you mean \"" + best + "\"?)" : ")"));
                }
                s.venues.push_back(e.str);
            }
        }
        if (const Value* x = v.find("municipalities")) {
            expect(*x, Value::Array, "highlight.municipalities");
            for (const auto& e : x->arr) {
                expect(e, Value::String, "highlight.municipalities entry");
                std::string code = e.str;
                if (cat_) {
                    auto it = cat_->municipality_codes.find(e.str);
                    if (it == cat_->municipality_codes.end()) it = cat_->municipality_codes.find(lower(e.str));
                    if (it == cat_->municipality_codes.end())
                        fail(e.pos, "unknown municipality \"" + e.str + "\" (use a CBS code like \"GM0153\" or a name like \"Enschede\")");
                    code = it->second;
                } else if (code.size() != 6 || code.rfind("GM", 0) != 0) {
                    fail(e.pos, "municipality \"" + e.str + "\": expected a CBS code like \"GM0153\"");
                }
                s.municipalities.push_back(code);
            }
        }
    }

    WhatIf whatif(const Value& v) const {
        WhatIf w;
        expect(v, Value::Object, "a \"whatif\" entry");
        only_keys(v, "a \"whatif\" entry", {"category", "label", "crs", "at"});
        w.category = category(required(v, "category", "a what-if candidate needs a venue \"category\" (one of: " +
                                                           category_keys_list() + ")"),
                              "whatif.category");
        if (const Value* l = v.find("label")) w.label = bilingual(*l, "whatif.label");
        w.wgs84 = crs(v, "whatif");
        const Value* at = v.find("at");
        if (!at) fail(v.pos, std::string("a what-if candidate needs \"at\": [") + (w.wgs84 ? "lon, lat" : "x, y") + "]");
        double raw[2];
        w.pos = point(*at, w.wgs84, "whatif.at", raw);
        if (w.wgs84) { w.lon = raw[0]; w.lat = raw[1]; }
        return w;
    }

    Scene scene(const Value& v, int number) const {
        Scene s;
        const std::string where = "scene " + std::to_string(number);
        expect(v, Value::Object, where);
        s.line = v.pos.line;
        only_keys(v, where, {"id", "title", "caption", "notes", "camera", "layers", "heatmap", "highlight", "whatif"});
        if (const Value* x = v.find("id")) s.id = string(*x, where + " id");
        s.title = bilingual(required(v, "title", where + " has no \"title\""), where + " title");
        if (const Value* x = v.find("caption")) s.caption = bilingual(*x, where + " caption");
        if (const Value* x = v.find("notes")) s.notes = bilingual(*x, where + " notes");
        s.camera = camera(required(v, "camera", where + " has no \"camera\" ({\"centre\": [lon, lat], \"zoom\": z} or "
                                                        "{\"bbox\": [...]})"));
        // Without "layers", a calm base map: municipalities, rail, all venues.
        if (const Value* x = v.find("layers")) layers(*x, s);
        else s.layers.choropleth = false;
        if (const Value* x = v.find("heatmap"))
            if (x->type != Value::Null) {
                expect(*x, Value::Object, "\"heatmap\"");
                s.heatmap = heatmap(*x);
            }
        if (const Value* x = v.find("highlight")) highlight(*x, s);
        if (const Value* x = v.find("whatif")) {
            expect(*x, Value::Array, "\"whatif\"");
            for (const auto& e : x->arr) s.whatif.push_back(whatif(e));
        }
        return s;
    }
};

// ---- writer ----

std::string num(double d) {
    char b[64];
    auto r = std::to_chars(b, b + sizeof b, d);  // shortest text that reads back as the same double
    return std::string(b, r.ptr);
}

std::string bilingual_json(const Bilingual& b) {
    if (b.nl == b.en) return json::quote(b.nl);
    std::string s = "{";
    if (!b.nl.empty()) s += "\"nl\": " + json::quote(b.nl);
    if (!b.en.empty()) s += std::string(b.nl.empty() ? "" : ", ") + "\"en\": " + json::quote(b.en);
    return s + "}";
}

}  // namespace

bool measure_needs_category(Metric m) {
    return m == Metric::TravelTime || m == Metric::Opportunities || m == Metric::GravityExp || m == Metric::Fca2 ||
           m == Metric::Reach;
}
bool measure_needs_threshold(Metric m) {
    return m == Metric::Opportunities || m == Metric::Reach || m == Metric::Composite;
}

SceneCatalog SceneCatalog::from(const geo::Dataset& d) {
    SceneCatalog c;
    for (const auto& v : d.venues) c.venue_ids.insert(v.id);
    for (const auto& m : d.municipalities) {
        c.municipality_codes[m.code] = m.code;
        c.municipality_codes[lower(m.name)] = m.code;
        c.municipality_codes[lower(m.label)] = m.code;
    }
    return c;
}

SceneCatalog SceneCatalog::from(const geo::Dataset& d, const std::vector<UserLayerEntry>& user_layers) {
    SceneCatalog c = from(d);
    for (const auto& e : user_layers)
        if (e.layer) c.user_layers.push_back(e.layer->name);
    return c;
}

Deck parse_deck(std::string_view text, const std::string& file, const SceneCatalog* cat) {
    json::Value root;
    json::ParseError err;
    if (!json::parse(text, root, err)) throw SceneError(file, err.pos.line, err.pos.col, err.message);
    try {
        return Decoder(file, cat).deck(root);
    } catch (const json::Error& e) {
        throw SceneError(file, e.pos.line, e.pos.col, e.message);
    }
}

Deck load_deck(const std::string& path, const SceneCatalog* cat) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw SceneError(path, 0, 0, std::string("cannot open the scenes file (") + std::strerror(errno) + ")");
    std::stringstream ss;
    ss << f.rdbuf();
    return parse_deck(ss.str(), path, cat);
}

std::string deck_to_json(const Deck& d) {
    std::string o = "{\n  \"trekkaart_scenes\": 1,\n";
    if (!d.title.empty()) o += "  \"title\": " + bilingual_json(d.title) + ",\n";
    o += "  \"scenes\": [";
    const LayerToggles def;
    for (size_t i = 0; i < d.scenes.size(); ++i) {
        const Scene& s = d.scenes[i];
        o += i ? ",\n    {\n" : "\n    {\n";
        std::vector<std::string> m;  // members of this scene
        if (!s.id.empty()) m.push_back("\"id\": " + json::quote(s.id));
        m.push_back("\"title\": " + bilingual_json(s.title));
        if (!s.caption.empty()) m.push_back("\"caption\": " + bilingual_json(s.caption));
        if (!s.notes.empty()) m.push_back("\"notes\": " + bilingual_json(s.notes));
        const SceneCamera& c = s.camera;
        std::string cam = std::string("{\"crs\": \"") + (c.wgs84 ? "wgs84" : "rd") + "\", ";
        if (c.kind == SceneCamera::Box)
            cam += "\"bbox\": [" + num(c.in[0]) + ", " + num(c.in[1]) + ", " + num(c.in[2]) + ", " + num(c.in[3]) + "]}";
        else
            cam += "\"centre\": [" + num(c.in[0]) + ", " + num(c.in[1]) + "], \"zoom\": " + num(c.zoom) + "}";
        m.push_back("\"camera\": " + cam);
        // Layers: the choropleth always, the rest only where they differ from the defaults.
        const LayerToggles& l = s.layers;
        std::string lay = std::string("{\"choropleth\": \"") + key_of(kChoropleths, int(s.choropleth)) + "\"";
        if (!l.venues) {
            lay += ", \"venues\": false";
        } else if (std::any_of(l.categories.begin(), l.categories.end(), [](bool b) { return !b; })) {
            lay += ", \"venues\": [";
            bool first = true;
            for (int k = 0; k < geo::kCategoryCount; ++k)
                if (l.categories[k]) {
                    lay += std::string(first ? "" : ", ") + "\"" + geo::category_key(geo::Category(k)) + "\"";
                    first = false;
                }
            lay += "]";
        }
        struct B { const char* k; bool v, d; };
        for (B b : {B{"rail", l.rail, def.rail}, B{"stations", l.stations, def.stations}, B{"places", l.places, def.places},
                    B{"labels", l.labels, def.labels}, B{"context", l.context, def.context},
                    B{"border", l.border, def.border}, B{"outlines", l.outlines, def.outlines},
                    B{"countries", l.countries, def.countries}, B{"province", l.province, def.province}})
            if (b.v != b.d) lay += std::string(", \"") + b.k + "\": " + (b.v ? "true" : "false");
        for (const auto& [name, on] : s.user_layers)
            lay += ", " + json::quote("user:" + name) + ": " + (on ? "true" : "false");
        m.push_back("\"layers\": " + lay + "}");
        if (s.heatmap) {
            const HeatmapSpec& h = *s.heatmap;
            std::string hm = std::string("{\"measure\": \"") + metric_key(h.measure) + "\"";
            if (!h.category.empty()) hm += ", \"category\": " + json::quote(h.category);
            hm += std::string(", \"mode\": \"") + geo::mode_key(h.mode) + "\"";
            if (h.threshold_min > 0) hm += ", \"threshold_min\": " + num(h.threshold_min);
            if (h.population != geo::AgeBand::All)
                hm += std::string(", \"population\": \"") + geo::age_band_key(h.population) + "\"";
            if (any_weight(h.weights)) {
                std::string ws;
                for (int c = 0; c < geo::kCategoryCount; ++c)
                    if (h.weights[size_t(c)] > 0)
                        ws += (ws.empty() ? "" : ", ") + json::quote(geo::category_key(geo::Category(c))) + ": " +
                              num(h.weights[size_t(c)]);
                hm += ", \"weights\": {" + ws + "}";
            }
            if (h.composite_gravity) hm += ", \"access\": \"gravity\"";
            m.push_back("\"heatmap\": " + hm + "}");
        }
        if (!s.venues.empty() || !s.municipalities.empty()) {
            auto list = [](const std::vector<std::string>& v) {
                std::string r = "[";
                for (size_t k = 0; k < v.size(); ++k) r += (k ? ", " : "") + json::quote(v[k]);
                return r + "]";
            };
            std::string h = "{";
            if (!s.venues.empty()) h += "\"venues\": " + list(s.venues);
            if (!s.municipalities.empty())
                h += std::string(s.venues.empty() ? "" : ", ") + "\"municipalities\": " + list(s.municipalities);
            m.push_back("\"highlight\": " + h + "}");
        }
        if (!s.whatif.empty()) {
            std::string w = "[";
            for (size_t k = 0; k < s.whatif.size(); ++k) {
                const WhatIf& x = s.whatif[k];
                w += k ? ",\n        {" : "\n        {";
                w += "\"category\": " + json::quote(x.category);
                if (!x.label.empty()) w += ", \"label\": " + bilingual_json(x.label);
                if (x.wgs84) w += ", \"crs\": \"wgs84\", \"at\": [" + num(x.lon) + ", " + num(x.lat) + "]}";
                else w += ", \"crs\": \"rd\", \"at\": [" + num(x.pos.x) + ", " + num(x.pos.y) + "]}";
            }
            m.push_back("\"whatif\": " + w + "\n      ]");
        }
        for (size_t k = 0; k < m.size(); ++k) o += "      " + m[k] + (k + 1 < m.size() ? ",\n" : "\n");
        o += "    }";
    }
    o += "\n  ]\n}\n";
    return o;
}

std::string save_deck(const Deck& d, const std::string& path) {
    return geo::write_file_atomic(path, deck_to_json(d));  // temp file + fsync + rename; names the path on failure
}

void insert_scene(Deck& d, size_t at, Scene s) {
    d.scenes.insert(d.scenes.begin() + std::min(at, d.scenes.size()), std::move(s));
}

bool move_scene(Deck& d, size_t from, size_t to) {
    if (from >= d.scenes.size() || to >= d.scenes.size()) return false;
    Scene s = std::move(d.scenes[from]);
    d.scenes.erase(d.scenes.begin() + from);
    d.scenes.insert(d.scenes.begin() + to, std::move(s));
    return true;
}

bool remove_scene(Deck& d, size_t at) {
    if (at >= d.scenes.size()) return false;
    d.scenes.erase(d.scenes.begin() + at);
    return true;
}

// ---- scenes and views ----

namespace {
constexpr double kEquatorMppZ0 = 156543.03392804097;  // web-map metres per pixel at zoom 0 on the equator
constexpr double kDegToRad = 3.14159265358979323846 / 180;
constexpr int kReferenceHeight = 1080;
}  // namespace

double zoom_to_mpp(double zoom, double lat_deg, int h) {
    return kEquatorMppZ0 * std::cos(lat_deg * kDegToRad) / std::pow(2.0, zoom) * kReferenceHeight / std::max(1, h);
}

double mpp_to_zoom(double mpp, double lat_deg, int h) {
    return std::log2(kEquatorMppZ0 * std::cos(lat_deg * kDegToRad) * kReferenceHeight / (std::max(1, h) * mpp));
}

Camera scene_camera(const SceneCamera& c, int w, int h, const geo::BBox& free_in) {
    Camera cam;
    cam.w = std::max(1, w);
    cam.h = std::max(1, h);
    geo::BBox free = free_in;
    if (free.empty() || free.width() < 1 || free.height() < 1) free = {0, 0, double(cam.w), double(cam.h)};
    geo::P2 target;
    if (c.kind == SceneCamera::Box && !c.bbox.empty()) {
        const double pad = 0.03 * std::min(free.width(), free.height());
        const double sx = c.bbox.width() / std::max(1.0, free.width() - 2 * pad);
        const double sy = c.bbox.height() / std::max(1.0, free.height() - 2 * pad);
        cam.mpp = Camera::clamp_mpp(std::max(sx, sy));
        target = c.bbox.centre();
    } else {
        const double lat = geo::rd_to_wgs84(c.centre).y;
        cam.mpp = Camera::clamp_mpp(zoom_to_mpp(c.zoom, lat, cam.h));
        target = c.centre;
    }
    // Put `target` at the centre of the free area.
    const geo::P2 fc = free.centre();
    cam.centre = {target.x - (fc.x - cam.w * 0.5) * cam.mpp, target.y + (fc.y - cam.h * 0.5) * cam.mpp};
    return cam;
}

void apply_scene(const Scene& s, MapView& v) {
    v.layers = s.layers;
    v.choropleth = s.choropleth;
    v.layers.choropleth = s.choropleth != Choropleth::None;
    v.highlight_municipality = s.municipalities.empty() ? std::string() : s.municipalities.front();
    v.highlight_venues = s.venues;
    apply_scene_user_layers(s, v.user_layers);
}

void apply_scene_user_layers(const Scene& s, std::vector<UserLayerEntry>& layers) {
    for (const auto& [name, on] : s.user_layers)
        for (auto& e : layers)
            if (e.layer && e.layer->name == name) e.style.visible = on;
}

bool same_content(const Scene& a, const Scene& b) {
    const LayerToggles &x = a.layers, &y = b.layers;
    return x.countries == y.countries && x.context == y.context && x.choropleth == y.choropleth &&
           x.outlines == y.outlines && x.province == y.province && x.border == y.border && x.rail == y.rail &&
           x.stations == y.stations && x.venues == y.venues && x.labels == y.labels && x.places == y.places &&
           x.categories == y.categories && a.choropleth == b.choropleth && a.heatmap == b.heatmap &&
           a.venues == b.venues && a.municipalities == b.municipalities && a.whatif == b.whatif &&
           a.user_layers == b.user_layers;
}

Scene scene_from_view(const MapView& v, const geo::BBox& free_in) {
    Scene s;
    s.title = {"Nieuwe scène", "New scene"};
    geo::BBox free = free_in;
    if (free.empty()) free = {0, 0, double(v.cam.w), double(v.cam.h)};
    const geo::P2 centre = v.cam.to_world(free.centre());
    const geo::P2 ll = geo::rd_to_wgs84(centre);
    auto round_to = [](double x, double step) { return std::round(x / step) * step; };
    s.camera.kind = SceneCamera::CentreZoom;
    s.camera.wgs84 = true;
    s.camera.in[0] = round_to(ll.x, 1e-6);
    s.camera.in[1] = round_to(ll.y, 1e-6);
    s.camera.centre = geo::wgs84_to_rd(s.camera.in[0], s.camera.in[1]);
    s.camera.zoom = std::clamp(round_to(mpp_to_zoom(v.cam.mpp, ll.y, v.cam.h), 0.01), 6.0, 19.0);
    s.layers = v.layers;
    s.choropleth = v.layers.choropleth ? v.choropleth : Choropleth::None;
    s.layers.choropleth = s.choropleth != Choropleth::None;
    if (!v.highlight_municipality.empty()) s.municipalities = {v.highlight_municipality};
    s.venues = v.highlight_venues;
    return s;
}

}  // namespace viewer
