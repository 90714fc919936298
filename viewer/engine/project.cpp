#include "viewer/engine/project.h"

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/json.h"
#include "geo/io/json_checks.h"
#include "geo/io/user_layer.h"
#include "viewer/model/vocabulary_json.h"

namespace viewer {

namespace json = geo::json;
namespace fs = std::filesystem;
using json::Value;

namespace {

const json::Keywords kChoropleths = {
    {"none", int(Choropleth::None)},         {"density", int(Choropleth::Density)},
    {"inhabitants", int(Choropleth::Inhabitants)}, {"age_25_45", int(Choropleth::Age25_45)},
    {"coverage", int(Choropleth::Coverage)}, {"mean_time", int(Choropleth::MeanTime)},
    {"venues_per_10k", int(Choropleth::VenuesPer10k)}};
const json::Keywords kStyleKinds = {{"single", int(UserStyleKind::Single)},
                                    {"categorized", int(UserStyleKind::Categorized)},
                                    {"graduated", int(UserStyleKind::Graduated)}};
const json::Keywords kRamps = {{"viridis", int(Ramp::Viridis)}, {"cividis", int(Ramp::Cividis)},
                               {"magma", int(Ramp::Magma)}};
const json::Keywords kMethods = {{"quantile", int(ClassMethod::Quantile)},
                                 {"equal_interval", int(ClassMethod::EqualInterval)},
                                 {"natural_breaks", int(ClassMethod::NaturalBreaks)}};

const char* key_of(const json::Keywords& t, int v) {
    for (const auto& k : t)
        if (k.value == v) return k.key.c_str();
    return t[0].key.c_str();
}

std::string num(double d) {
    char b[64];
    auto r = std::to_chars(b, b + sizeof b, d);  // the shortest text that reads back as the same double
    return std::string(b, r.ptr);
}
std::string numf(float f) {
    char b[64];
    auto r = std::to_chars(b, b + sizeof b, f);  // ... as the same float ("0.7", not 0.699999988)
    return std::string(b, r.ptr);
}

std::string colour_text(RGBA c) {
    auto b = [](float v) { return std::clamp(int(std::lround(v * 255)), 0, 255); };
    char s[16];
    std::snprintf(s, sizeof s, "#%02x%02x%02x", b(c.r), b(c.g), b(c.b));
    return s;
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower((unsigned char)c));
    return s;
}

// Turns the parsed tree into a Project, naming file, line and column in every message. Unknown keys are refused
// (only_keys), as in the scenes file: a typo is said, not silently ignored.
class Decoder : json::Checker {
public:
    explicit Decoder(const std::string& file) : Checker(file) {}

    Project project(const Value& root) {
        Project p;
        p.path = file();
        expect(root, Value::Object, "the project file (top level)");
        only_keys(root, "the top level",
                  {"trekkaart_project", "layers", "view", "analysis", "whatif", "venue_edits", "scenes"});
        const Value& v = required(root, "trekkaart_project",
                                  "not a trekkaart project: \"trekkaart_project\": 1 (the format version) is missing");
        expect(v, Value::Number, "\"trekkaart_project\" (format version)");
        if (v.num != kProjectVersion)
            fail(v.pos, "unsupported project version " + json::number_text(v.num) + " (this trekkaart reads " +
                            std::to_string(kProjectVersion) + ")");
        if (const Value* x = root.find("layers")) {
            expect(*x, Value::Array, "\"layers\"");
            for (size_t i = 0; i < x->arr.size(); ++i) p.layers.push_back(layer(x->arr[i], i + 1, p.notes));
        }
        if (const Value* x = root.find("view")) p.view = view(*x);
        if (const Value* x = root.find("analysis")) p.analysis = analysis(*x);
        if (const Value* x = root.find("whatif")) {
            expect(*x, Value::Array, "\"whatif\"");
            for (const Value& e : x->arr) p.whatif.push_back(site(e));
        }
        if (const Value* x = root.find("venue_edits")) p.venue_edits = string(*x, "\"venue_edits\"");
        if (const Value* x = root.find("scenes")) p.scenes = string(*x, "\"scenes\"");
        return p;
    }

    RGBA colour(const Value& v, const std::string& what) const {
        expect(v, Value::String, what);
        unsigned rgb = 0;
        const std::string& s = v.str;
        auto r = std::from_chars(s.data() + std::min<size_t>(1, s.size()), s.data() + s.size(), rgb, 16);
        if (s.size() != 7 || s[0] != '#' || r.ptr != s.data() + s.size())
            fail(v.pos, what + " \"" + s + "\" is not a colour \"#rrggbb\"");
        return hex(rgb);
    }

    UserLayerStyle style(const Value& v, const std::string& where) const {
        UserLayerStyle st;
        expect(v, Value::Object, where + " style");
        only_keys(v, where + " style", {"kind", "colour", "field", "method", "classes", "ramp", "labels", "opacity",
                                        "visible", "point_px", "line_px"});
        if (const Value* x = v.find("kind")) st.kind = UserStyleKind(keyword(*x, kStyleKinds, "style kind"));
        if (const Value* x = v.find("colour")) st.colour = colour(*x, where + " style.colour");
        if (const Value* x = v.find("field")) st.field = string(*x, where + " style.field");
        if (const Value* x = v.find("method")) st.method = ClassMethod(keyword(*x, kMethods, "class method"));
        if (const Value* x = v.find("classes")) {
            const double c = number(*x, where + " style.classes", 2, 9);
            if (c != std::floor(c)) fail(x->pos, where + " style.classes must be a whole number (2 to 9)");
            st.classes = int(c);
        }
        if (const Value* x = v.find("ramp")) st.ramp = Ramp(keyword(*x, kRamps, "ramp"));
        if (const Value* x = v.find("labels")) st.label_field = string(*x, where + " style.labels");
        if (const Value* x = v.find("opacity")) st.opacity = float(number(*x, where + " style.opacity", 0, 1));
        if (const Value* x = v.find("visible")) st.visible = boolean(*x, where + " style.visible");
        if (const Value* x = v.find("point_px")) st.point_px = float(number(*x, where + " style.point_px", 1, 64));
        if (const Value* x = v.find("line_px")) st.line_px = float(number(*x, where + " style.line_px", 0.25, 32));
        if (st.kind != UserStyleKind::Single && st.field.empty())
            fail(v.pos, where + ": a " + key_of(kStyleKinds, int(st.kind)) + " style needs a \"field\"");
        return st;
    }

    ProjectLayer layer(const Value& v, size_t index, std::vector<std::string>& notes) const {
        ProjectLayer l;
        const std::string where = "layer " + std::to_string(index);
        expect(v, Value::Object, where);
        l.line = v.pos.line;
        only_keys(v, where, {"name", "source", "layer", "style"});
        const Value& src =
            required(v, "source", where + " has no \"source\" (a file path relative to the project, or PG:...)");
        l.source = string(src, where + " source");
        if (l.source.empty()) fail(src.pos, where + " source is empty");
        if (lower(l.source).find("password=") != std::string::npos)
            notes.push_back(file() + ":" + std::to_string(src.pos.line) + ": " + where +
                            ": the connection string holds a password in clear; remove it and keep it in ~/.pgpass "
                            "(trekkaart never writes one)");
        if (const Value* x = v.find("layer")) l.layer = string(*x, where + " layer");
        if (const Value* x = v.find("name")) l.name = string(*x, where + " name");
        if (const Value* x = v.find("style")) l.style = style(*x, where);
        return l;
    }

    ProjectView view(const Value& v) const {
        ProjectView pv;
        expect(v, Value::Object, "\"view\"");
        only_keys(v, "\"view\"", {"bbox", "layers", "choropleth", "lang"});
        if (const Value* bb = v.find("bbox")) {
            expect(*bb, Value::Array, "view.bbox");
            if (bb->arr.size() != 4)
                fail(bb->pos, "view.bbox must have 4 numbers [minx, miny, maxx, maxy] in RD (EPSG:28992), not " +
                                  std::to_string(bb->arr.size()));
            double c[4];
            for (int i = 0; i < 4; ++i) c[i] = number(bb->arr[size_t(i)], "view.bbox", -7000, 630000);
            if (!(c[0] < c[2] && c[1] < c[3])) fail(bb->pos, "view.bbox must be [minx, miny, maxx, maxy] with min < max");
            pv.bbox = geo::BBox{c[0], c[1], c[2], c[3]};
        }
        if (const Value* x = v.find("choropleth")) pv.choropleth = Choropleth(keyword(*x, kChoropleths, "choropleth"));
        if (const Value* x = v.find("lang")) {
            pv.lang = string(*x, "view.lang");
            if (pv.lang != "nl" && pv.lang != "en") fail(x->pos, "unknown view.lang \"" + pv.lang + "\" (expected \"nl\" or \"en\")");
        }
        if (const Value* x = v.find("layers")) toggles(*x, pv.layers);
        return pv;
    }

    void toggles(const Value& v, LayerToggles& l) const {
        expect(v, Value::Object, "view.layers");
        only_keys(v, "view.layers", {"countries", "context", "choropleth", "outlines", "province", "border", "rail",
                                     "stations", "venues", "labels", "places"});
        struct B { const char* k; bool* p; };
        for (B b : {B{"countries", &l.countries}, B{"context", &l.context}, B{"choropleth", &l.choropleth},
                    B{"outlines", &l.outlines}, B{"province", &l.province}, B{"border", &l.border},
                    B{"rail", &l.rail}, B{"stations", &l.stations}, B{"labels", &l.labels}, B{"places", &l.places}})
            if (const Value* x = v.find(b.k)) *b.p = boolean(*x, std::string("view.layers.") + b.k);
        if (const Value* x = v.find("venues")) json_venue_toggle(*this, *x, "view.layers.venues", l);
    }

    ProjectAnalysis analysis(const Value& v) const {
        ProjectAnalysis a;
        AnalysisParams& p = a.params;
        expect(v, Value::Object, "\"analysis\"");
        only_keys(v, "\"analysis\"",
                  {"overlay", "metric", "category", "mode", "threshold_min", "beta", "t50", "k", "kernel_radius_m",
                   "population", "weights", "access", "weight_by_capacity", "best_k", "ramp", "opacity", "contours",
                   "banded", "venues_layer", "venue_fields", "venues_extend", "venue_category", "venue_categories",
                   "zones_layer", "zone_name_field", "roads_layer", "road_class_field"});
        if (const Value* x = v.find("overlay")) a.overlay = boolean(*x, "analysis.overlay");
        if (const Value* x = v.find("metric")) {
            expect(*x, Value::String, "analysis.metric");
            if (!metric_from_key(x->str, p.metric)) {
                const std::string best = closest_key(x->str, metric_keys(), 3);
                fail(x->pos, "unknown metric \"" + x->str + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?"));
            }
        }
        if (const Value* x = v.find("category")) p.category = json_category(*this, *x, "analysis.category");
        if (const Value* x = v.find("mode")) {
            expect(*x, Value::String, "analysis.mode");
            if (!geo::mode_from_key(x->str, p.mode)) fail(x->pos, "unknown travel mode \"" + x->str + "\"");
        }
        if (const Value* x = v.find("threshold_min")) p.threshold_min = float(number(*x, "analysis.threshold_min", 1, 600));
        if (const Value* x = v.find("beta")) p.beta = float(number(*x, "analysis.beta", 1e-4, 10));
        if (const Value* x = v.find("t50")) p.t50 = float(number(*x, "analysis.t50", 1, 600));
        if (const Value* x = v.find("k")) p.k = float(number(*x, "analysis.k", 1e-4, 10));
        if (const Value* x = v.find("kernel_radius_m")) p.kernel_radius_m = number(*x, "analysis.kernel_radius_m", 500, 100000);
        if (const Value* x = v.find("population")) p.population = json_population(*this, *x, "analysis.population");
        if (const Value* x = v.find("weights")) p.weights = json_weights(*this, *x, "analysis.weights", 100);
        if (const Value* x = v.find("access")) p.composite_gravity = json_gravity_access(*this, *x, "analysis.access");
        if (const Value* x = v.find("weight_by_capacity")) p.weight_by_capacity = boolean(*x, "analysis.weight_by_capacity");
        if (const Value* x = v.find("best_k")) p.best_k = int(number(*x, "analysis.best_k", 1, 20));
        if (const Value* x = v.find("ramp")) a.ramp = Ramp(keyword(*x, kRamps, "ramp"));
        if (const Value* x = v.find("opacity")) a.opacity = float(number(*x, "analysis.opacity", 0, 1));
        if (const Value* x = v.find("contours")) a.contours = boolean(*x, "analysis.contours");
        if (const Value* x = v.find("banded")) a.banded = boolean(*x, "analysis.banded");
        uses(v, a.uses);
        return a;
    }

    // The user's layers in the analysis (issue 12): names of layers of the project, their fields and mapping.
    void uses(const Value& v, AnalysisUses& u) const {
        if (const Value* x = v.find("venues_layer")) u.venues_layer = string(*x, "analysis.venues_layer");
        if (const Value* x = v.find("venues_extend")) u.venues.extend = boolean(*x, "analysis.venues_extend");
        if (const Value* x = v.find("venue_category"))
            u.venues.fixed_category = json_category(*this, *x, "analysis.venue_category");
        if (const Value* m = v.find("venue_categories")) {
            expect(*m, Value::Object, "analysis.venue_categories");
            for (const auto& [value, cat] : m->obj)
                u.venues.category_map[value] = json_category(*this, cat, "analysis.venue_categories");
        }
        if (const Value* x = v.find("zones_layer")) u.zones_layer = string(*x, "analysis.zones_layer");
        if (const Value* x = v.find("zone_name_field")) u.zone_name_field = string(*x, "analysis.zone_name_field");
        if (const Value* x = v.find("roads_layer")) u.roads_layer = string(*x, "analysis.roads_layer");
        if (const Value* x = v.find("road_class_field")) u.road_class_field = string(*x, "analysis.road_class_field");
        if (const Value* f = v.find("venue_fields")) {
            expect(*f, Value::Object, "analysis.venue_fields");
            only_keys(*f, "analysis.venue_fields", {"name", "category", "capacity", "id"});
            if (const Value* x = f->find("name")) u.venues.name_field = string(*x, "venue_fields.name");
            if (const Value* x = f->find("category")) u.venues.category_field = string(*x, "venue_fields.category");
            if (const Value* x = f->find("capacity")) u.venues.capacity_field = string(*x, "venue_fields.capacity");
            if (const Value* x = f->find("id")) u.venues.id_field = string(*x, "venue_fields.id");
        }
    }

    Candidate site(const Value& v) const {
        Candidate c;
        expect(v, Value::Object, "a \"whatif\" entry");
        only_keys(v, "a \"whatif\" entry", {"name", "category", "at"});
        c.category =
            json_category(*this, required(v, "category", "a what-if site needs a venue \"category\""), "whatif.category");
        if (const Value* x = v.find("name")) c.name = string(*x, "whatif.name");
        const Value& at = required(v, "at", "a what-if site needs \"at\": [x, y] in RD (EPSG:28992) metres");
        expect(at, Value::Array, "whatif.at");
        if (at.arr.size() != 2) fail(at.pos, "whatif.at must have 2 numbers [x, y] in RD metres");
        c.pos = {number(at.arr[0], "whatif.at x", -7000, 330000), number(at.arr[1], "whatif.at y", 289000, 630000)};
        return c;
    }
};

std::string read_text(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw geo::DataError(path, "is a folder, not a project file (NAME.trekkaart)");
    std::ifstream f(path, std::ios::binary);
    if (!f) throw geo::DataError(path, std::string("cannot open the project file (") + std::strerror(errno) + ")");
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// "/vsizip/", "/vsitar/", "/vsigzip/" ...: the prefix of a GDAL virtual file path, or "" (not one, or /vsicurl/).
std::string vsi_prefix(const std::string& s) {
    if (s.rfind("/vsi", 0) != 0) return "";
    const size_t slash = s.find('/', 1);
    if (slash == std::string::npos) return "";
    const std::string pre = s.substr(0, slash + 1);
    return pre == "/vsicurl/" || pre == "/vsis3/" || pre == "/vsigs/" || pre == "/vsiaz/" ? "" : pre;
}

bool is_connection(const std::string& s) { return lower(s.substr(0, 3)) == "pg:"; }

fs::path project_dir(const std::string& project_file) {
    std::error_code ec;
    return fs::absolute(fs::path(project_file), ec).parent_path();
}

}  // namespace

Project parse_project(std::string_view text, const std::string& file) {
    Value root;
    json::ParseError err;
    if (!json::parse(text, root, err)) throw json::Error(file, err.pos, err.message);
    return Decoder(file).project(root);
}

Project load_project(const std::string& path) { return parse_project(read_text(path), path); }

std::string project_to_json(const Project& p) {
    std::string o = "{\n  \"trekkaart_project\": " + std::to_string(kProjectVersion) + ",\n";
    // Layers, bottom first.
    o += "  \"layers\": [";
    for (size_t i = 0; i < p.layers.size(); ++i) {
        const ProjectLayer& l = p.layers[i];
        const UserLayerStyle& s = l.style;
        o += i ? ",\n    {" : "\n    {";
        if (!l.name.empty()) o += "\"name\": " + json::quote(l.name) + ", ";
        o += "\"source\": " + json::quote(l.source);
        if (!l.layer.empty()) o += ", \"layer\": " + json::quote(l.layer);
        o += ",\n     \"style\": {\"kind\": \"" + std::string(key_of(kStyleKinds, int(s.kind))) + "\", \"colour\": \"" +
             colour_text(s.colour) + "\", \"field\": " + json::quote(s.field) + ", \"method\": \"" +
             key_of(kMethods, int(s.method)) + "\", \"classes\": " + std::to_string(s.classes) + ", \"ramp\": \"" +
             key_of(kRamps, int(s.ramp)) + "\",\n               \"labels\": " + json::quote(s.label_field) +
             ", \"opacity\": " + numf(s.opacity) + ", \"visible\": " + (s.visible ? "true" : "false") +
             ", \"point_px\": " + numf(s.point_px) + ", \"line_px\": " + numf(s.line_px) + "}}";
    }
    o += p.layers.empty() ? "],\n" : "\n  ],\n";
    // The view.
    const ProjectView& v = p.view;
    o += "  \"view\": {";
    if (v.bbox)
        o += "\"bbox\": [" + num(v.bbox->minx) + ", " + num(v.bbox->miny) + ", " + num(v.bbox->maxx) + ", " +
             num(v.bbox->maxy) + "], ";
    o += "\"choropleth\": \"" + std::string(key_of(kChoropleths, int(v.choropleth))) + "\"";
    if (!v.lang.empty()) o += ", \"lang\": \"" + v.lang + "\"";
    const LayerToggles& l = v.layers;
    auto b = [](bool x) { return x ? "true" : "false"; };
    o += ",\n           \"layers\": {\"countries\": " + std::string(b(l.countries)) + ", \"context\": " + b(l.context) +
         ", \"choropleth\": " + b(l.choropleth) + ", \"outlines\": " + b(l.outlines) + ", \"province\": " +
         b(l.province) + ", \"border\": " + b(l.border) + ",\n                      \"rail\": " + b(l.rail) +
         ", \"stations\": " + b(l.stations) + ", \"labels\": " + b(l.labels) + ", \"places\": " + b(l.places) +
         ", \"venues\": ";
    if (l.venues && std::any_of(l.categories.begin(), l.categories.end(), [](bool c) { return !c; })) {
        std::string cats;
        for (int k = 0; k < geo::kCategoryCount; ++k)
            if (l.categories[size_t(k)]) cats += (cats.empty() ? "\"" : ", \"") + std::string(geo::category_key(geo::Category(k))) + "\"";
        o += "[" + cats + "]";
    } else {
        o += b(l.venues);
    }
    o += "}},\n";
    // The analysis.
    const ProjectAnalysis& a = p.analysis;
    const AnalysisParams& q = a.params;
    std::string ws;
    for (int c = 0; c < geo::kCategoryCount; ++c)
        if (q.weights[size_t(c)] > 0)
            ws += (ws.empty() ? "" : ", ") + json::quote(geo::category_key(geo::Category(c))) + ": " + numf(q.weights[size_t(c)]);
    o += "  \"analysis\": {\"overlay\": " + std::string(b(a.overlay)) + ", \"metric\": \"" + metric_key(q.metric) +
         "\", \"category\": \"" + geo::category_key(q.category) + "\", \"mode\": \"" + geo::mode_key(q.mode) +
         "\",\n               \"threshold_min\": " + numf(q.threshold_min) + ", \"beta\": " + numf(q.beta) +
         ", \"t50\": " + numf(q.t50) + ", \"k\": " + numf(q.k) + ", \"kernel_radius_m\": " + num(q.kernel_radius_m) +
         ",\n               \"population\": \"" + geo::age_band_key(q.population) + "\", \"weights\": {" + ws +
         "}, \"access\": \"" + (q.composite_gravity ? "gravity" : "within_T") + "\", \"weight_by_capacity\": " +
         b(q.weight_by_capacity) + ", \"best_k\": " + std::to_string(q.best_k) + ",\n               \"ramp\": \"" +
         key_of(kRamps, int(a.ramp)) + "\", \"opacity\": " + numf(a.opacity) + ", \"contours\": " + b(a.contours) +
         ", \"banded\": " + b(a.banded);
    const AnalysisUses& u = a.uses;
    const VenueSetMapping& m = u.venues;
    auto str = [&](const char* k, const std::string& s) {
        if (!s.empty()) o += std::string(",\n               \"") + k + "\": " + json::quote(s);
    };
    str("venues_layer", u.venues_layer);
    if (!m.name_field.empty() || !m.category_field.empty() || !m.capacity_field.empty() || !m.id_field.empty()) {
        std::string f;
        auto add = [&](const char* k, const std::string& s) {
            if (!s.empty()) f += (f.empty() ? "\"" : ", \"") + std::string(k) + "\": " + json::quote(s);
        };
        add("name", m.name_field);
        add("category", m.category_field);
        add("capacity", m.capacity_field);
        add("id", m.id_field);
        o += ",\n               \"venue_fields\": {" + f + "}";
    }
    if (m.extend) o += ",\n               \"venues_extend\": true";
    if (!u.venues_layer.empty() && m.category_field.empty())  // the category of every point
        o += ",\n               \"venue_category\": \"" + std::string(geo::category_key(m.fixed_category)) + "\"";
    if (!m.category_map.empty()) {
        std::string c;
        for (const auto& [value, cat] : m.category_map)
            c += (c.empty() ? "" : ", ") + json::quote(value) + ": \"" + geo::category_key(cat) + "\"";
        o += ",\n               \"venue_categories\": {" + c + "}";
    }
    str("zones_layer", u.zones_layer);
    str("zone_name_field", u.zone_name_field);
    str("roads_layer", u.roads_layer);
    str("road_class_field", u.road_class_field);
    o += "},\n";
    // What-if sites.
    o += "  \"whatif\": [";
    for (size_t i = 0; i < p.whatif.size(); ++i) {
        const Candidate& c = p.whatif[i];
        o += (i ? ",\n    " : "\n    ") + std::string("{\"name\": ") + json::quote(c.name) + ", \"category\": \"" +
             geo::category_key(c.category) + "\", \"at\": [" + num(c.pos.x) + ", " + num(c.pos.y) + "]}";
    }
    o += p.whatif.empty() ? "]" : "\n  ]";
    if (!p.venue_edits.empty()) o += ",\n  \"venue_edits\": " + json::quote(p.venue_edits);
    if (!p.scenes.empty()) o += ",\n  \"scenes\": " + json::quote(p.scenes);
    return o + "\n}\n";
}

std::string save_project(const Project& p, const std::string& path) {
    return geo::write_file_atomic(path, project_to_json(p));  // temp file + fsync + rename; names the path
}

// ---- paths ----

std::string strip_password(const std::string& conn) {
    std::string out = conn;
    for (size_t at = lower(out).find("password="); at != std::string::npos; at = lower(out).find("password=", at)) {
        size_t end = at + 9;
        if (end < out.size() && (out[end] == '\'' || out[end] == '"')) {
            const size_t close = out.find(out[end], end + 1);
            end = close == std::string::npos ? out.size() : close + 1;
        } else {
            while (end < out.size() && out[end] != ' ' && out[end] != ',') ++end;
        }
        size_t start = at;
        while (start > 0 && out[start - 1] == ' ') --start;  // with the space before it
        if (start > 0 && out[start - 1] == ':') {             // "PG:password=x host=..." -> "PG:host=..."
            start = at;
            while (end < out.size() && out[end] == ' ') ++end;
        }
        out.erase(start, end - start);
        at = start;
    }
    return out;
}

std::string resolve_project_path(const std::string& stored, const std::string& project_file) {
    if (stored.empty() || is_connection(stored)) return stored;
    const std::string pre = vsi_prefix(stored);
    if (stored.rfind("/vsi", 0) == 0 && pre.empty()) return stored;  // /vsicurl/ and the like
    const std::string rest = stored.substr(pre.size());
    if (rest.empty() || rest[0] == '/') return stored;
    return pre + (project_dir(project_file) / rest).lexically_normal().string();
}

std::string store_project_path(const std::string& given, const std::string& project_file) {
    if (given.empty()) return given;
    if (is_connection(given)) return strip_password(given);
    const std::string pre = vsi_prefix(given);
    if (given.rfind("/vsi", 0) == 0 && pre.empty()) return given;
    std::string rest = given.substr(pre.size());
    if (rest.empty()) return given;
    std::error_code ec;
    const fs::path abs = fs::absolute(fs::path(rest), ec).lexically_normal();
    const fs::path rel = abs.lexically_relative(project_dir(project_file).lexically_normal());
    return pre + (rel.empty() ? abs : rel).string();
}

std::string project_layer_spec(const ProjectLayer& l, const std::string& project_file) {
    const std::string s = resolve_project_path(l.source, project_file);
    return l.layer.empty() ? s : s + "," + l.layer;
}

ProjectLayer project_layer_of(const UserLayerEntry& e, const std::string& project_file) {
    ProjectLayer l;
    const geo::LayerSpec spec = geo::parse_layer_spec(e.layer->spec);
    l.source = store_project_path(spec.path, project_file);
    l.layer = spec.layer;
    l.name = e.layer->name;
    l.style = e.style;
    return l;
}

std::string project_autosave_path(const std::string& project_file) { return project_file + ".autosave"; }

// ---- layers ----

ProjectLayers load_project_layers(const Project& p, const geo::BBox& region, int first_id) {
    ProjectLayers out;
    geo::UserLayerOptions lo;
    lo.region = region;
    for (size_t i = 0; i < p.layers.size(); ++i) {
        const ProjectLayer& pl = p.layers[i];
        const std::string spec = project_layer_spec(pl, p.path);
        try {
            auto layer = std::make_shared<geo::UserLayer>(geo::read_user_layer(spec, lo));
            if (!pl.name.empty()) layer->name = pl.name;
            UserLayerEntry e;
            e.layer = std::move(layer);
            e.style = pl.style;
            e.id = first_id++;
            out.loaded.push_back(std::move(e));
        } catch (const geo::DataError& e) {
            MissingLayer m;
            m.index = i;
            m.layer = pl;
            const std::string shown = geo::mask_password(pl.source);
            const std::string resolved = geo::mask_password(resolve_project_path(pl.source, p.path));
            m.message = p.path + (pl.line > 0 ? ":" + std::to_string(pl.line) : "") + ": layer " +
                        std::to_string(i + 1) + (pl.name.empty() ? "" : " \"" + pl.name + "\"") + ": source \"" +
                        shown + "\"" + (resolved != shown ? " (resolved: " + resolved + ")" : "") + ": " + e.what() +
                        " -- not loaded; the rest of the project is" + missing_layer_note(p.analysis.uses, pl.name);
            out.missing.push_back(std::move(m));
        }
    }
    return out;
}

// ---- the view ----

void apply_project_view(const ProjectView& pv, MapView& v, int w, int h, const geo::BBox& fallback) {
    v.cam.w = std::max(1, w);
    v.cam.h = std::max(1, h);
    if (pv.bbox) {
        v.cam.centre = pv.bbox->centre();
        v.cam.mpp = Camera::clamp_mpp(std::max(pv.bbox->width() / v.cam.w, pv.bbox->height() / v.cam.h));
    } else {
        v.cam.fit(fallback, 24 * v.ui_scale);
    }
    v.layers = pv.layers;
    v.choropleth = pv.choropleth;
}

ProjectView project_view_of(const MapView& v) {
    ProjectView pv;
    pv.bbox = v.cam.view_bbox();
    pv.layers = v.layers;
    pv.choropleth = v.choropleth;
    return pv;
}

std::vector<std::string> apply_project_uses(const Project& p, const std::vector<UserLayerEntry>& loaded,
                                            const std::vector<MissingLayer>& missing, UserAnalysis& ua) {
    std::vector<std::string> names;
    for (const MissingLayer& m : missing) names.push_back(m.layer.name);
    return apply_analysis_uses(ua, p.analysis.uses, loaded, p.path.empty() ? "project" : p.path, names);
}

}  // namespace viewer
