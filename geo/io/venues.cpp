#include "geo/io/venues.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <functional>
#include <set>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/csv.h"

namespace geo {

static const char* kKeys[kCategoryCount] = {"third_place", "pop",       "theatre",  "museum",  "library",
                                            "maker",       "education", "festival", "heritage"};

const char* category_key(Category c) {
    int i = int(c);
    return (i >= 0 && i < kCategoryCount) ? kKeys[i] : "?";
}

bool category_from_key(const std::string& k, Category& out) {
    for (int i = 0; i < kCategoryCount; ++i)
        if (k == kKeys[i]) { out = Category(i); return true; }
    return false;
}

const std::vector<std::string>& position_source_keys() {
    static const std::vector<std::string> k = {"address_point", "monument_register", "published_coordinate",
                                               "venue_page",    "street_estimate",   "place_centroid"};
    return k;
}

bool venue_closed(const Venue& v, const std::string& today) {
    if (v.end_date.empty()) return false;
    return v.end_date <= (today.empty() ? today_iso(true) : today);  // ISO dates compare as strings
}

int drop_closed_venues(std::vector<Venue>& venues, const std::string& today) {
    const std::string t = today.empty() ? today_iso(true) : today;
    const size_t n = venues.size();
    venues.erase(std::remove_if(venues.begin(), venues.end(), [&](const Venue& v) { return venue_closed(v, t); }),
                 venues.end());
    return int(n - venues.size());
}

std::vector<Venue> read_venues(const std::string& path) {
    CsvTable t = read_csv(path);
    std::vector<Venue> v = venues_from_table(t);
    drop_closed_venues(v);
    return v;
}

std::vector<Venue> parse_venues(const std::string& text, const std::string& path_for_messages, const std::string& today) {
    CsvTable t = parse_csv(text, path_for_messages);
    std::vector<Venue> v = venues_from_table(t);
    drop_closed_venues(v, today);
    return v;
}

namespace {

bool iso_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[size_t(i)] < '0' || s[size_t(i)] > '9') return false;
    const int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// The optional columns of issue 16 (position_source, position_error_m, address, note_nl, note_en, end_date).
void read_optional_columns(const CsvTable& t, const CsvRow& r, Venue& v,
                           const std::function<void(const std::string&, const std::string&)>& fail) {
    auto field = [&](const char* name) -> std::string {
        const int c = t.column(name);
        return c >= 0 ? r.fields[size_t(c)] : std::string();
    };
    v.position_source = field("position_source");
    if (!v.position_source.empty()) {
        const auto& keys = position_source_keys();
        if (std::find(keys.begin(), keys.end(), v.position_source) == keys.end()) {
            std::string all;
            for (const auto& k : keys) all += (all.empty() ? "" : ", ") + k;
            fail("position_source", "unknown value '" + v.position_source + "' (expected one of: " + all + ")");
        }
    }
    if (const std::string e = field("position_error_m");
        !e.empty() && (!parse_double(e, v.position_error_m) || v.position_error_m < 0))
        fail("position_error_m", "expected a non-negative number of metres or empty, got '" + e + "'");
    v.address = field("address");
    v.note_nl = field("note_nl");
    v.note_en = field("note_en");
    v.end_date = field("end_date");
    if (!v.end_date.empty() && !iso_date(v.end_date))
        fail("end_date", "expected a date YYYY-MM-DD or empty, got '" + v.end_date + "'");
}

}  // namespace

// Venue rows of a parsed catalogue; DataError naming file, line and column on the first bad row.
std::vector<Venue> venues_from_table(const CsvTable& t) {
    const std::string& path = t.path;
    const int c_id = t.require("id"), c_name = t.require("name"), c_cat = t.require("category"),
              c_gm = t.require("gemeente"), c_lon = t.require("lon"), c_lat = t.require("lat"),
              c_prec = t.require("precision"), c_cap = t.require("capacity"), c_src = t.require("source");
    std::vector<Venue> out;
    std::set<std::string> ids;
    for (const CsvRow& r : t.rows) {
        auto fail = [&](const std::string& col, const std::string& msg) {
            throw DataError(path, "line " + std::to_string(r.line) + ", column '" + col + "': " + msg);
        };
        Venue v;
        v.line = r.line;
        v.id = r.fields[c_id];
        v.name = r.fields[c_name];
        if (v.id.empty()) fail("id", "empty id");
        if (!ids.insert(v.id).second) fail("id", "duplicate id '" + v.id + "'");
        if (v.name.empty()) fail("name", "empty name");
        if (!category_from_key(r.fields[c_cat], v.category)) {
            std::string keys;
            for (auto* k : kKeys) keys += std::string(keys.empty() ? "" : ", ") + k;
            fail("category", "unknown category '" + r.fields[c_cat] + "' (expected one of: " + keys + ")");
        }
        v.gemeente = r.fields[c_gm];
        if (v.gemeente.size() != 6 || v.gemeente.rfind("GM", 0) != 0)
            fail("gemeente", "expected a CBS code like GM0153, got '" + v.gemeente + "'");
        if (!parse_double(r.fields[c_lon], v.lon) || !parse_double(r.fields[c_lat], v.lat))
            fail("lon/lat", "not a number: '" + r.fields[c_lon] + "', '" + r.fields[c_lat] + "'");
        if (v.lon < -180 || v.lon > 180 || v.lat < -90 || v.lat > 90)
            fail("lon/lat", "outside WGS84 range");
        // Twente lies around lon 6.2-7.1, lat 52.0-52.6: swapped axes are a common mistake; say so.
        if (v.lat > 3 && v.lat < 10 && v.lon > 50 && v.lon < 56)
            fail("lon/lat", "looks like latitude and longitude are swapped (lon " + r.fields[c_lon] + ", lat " +
                                r.fields[c_lat] + ")");
        const std::string& prec = r.fields[c_prec];
        if (prec != "exact" && prec != "approximate") fail("precision", "expected 'exact' or 'approximate', got '" + prec + "'");
        v.exact = prec == "exact";
        if (!r.fields[c_cap].empty() && (!parse_double(r.fields[c_cap], v.capacity) || v.capacity < 0))
            fail("capacity", "expected a non-negative number or empty, got '" + r.fields[c_cap] + "'");
        v.source = r.fields[c_src];
        read_optional_columns(t, r, v, fail);
        v.pos = wgs84_to_rd(v.lon, v.lat);
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace geo

namespace geo {

namespace {

CatalogueMeta meta_from_table(const CsvTable& t) {
    const std::string& path = t.path;
    const int c_cat = t.require("category"), c_complete = t.require("complete"), c_missing = t.require("known_missing"),
              c_asof = t.require("as_of"), c_src = t.require("sources"), c_nl = t.require("note_nl"),
              c_en = t.require("note_en");
    CatalogueMeta m{};
    for (const CsvRow& r : t.rows) {
        auto fail = [&](const std::string& col, const std::string& msg) {
            throw DataError(path, "line " + std::to_string(r.line) + ", column '" + col + "': " + msg);
        };
        Category c = Category::ThirdPlace;
        if (!category_from_key(r.fields[size_t(c_cat)], c)) fail("category", "unknown category '" + r.fields[size_t(c_cat)] + "'");
        CategoryMeta& x = m[size_t(c)];
        if (x.known) fail("category", "category '" + r.fields[size_t(c_cat)] + "' twice");
        x.known = true;
        const std::string& comp = r.fields[size_t(c_complete)];
        if (comp != "yes" && comp != "no") fail("complete", "expected yes or no, got '" + comp + "'");
        x.complete = comp == "yes";
        double n = 0;
        if (!parse_double(r.fields[size_t(c_missing)], n) || n < 0 || n != double(int(n)))
            fail("known_missing", "expected a whole number >= 0, got '" + r.fields[size_t(c_missing)] + "'");
        x.known_missing = int(n);
        if (x.complete && x.known_missing > 0) fail("known_missing", "a complete category cannot miss venues");
        x.as_of = r.fields[size_t(c_asof)];
        if (!iso_date(x.as_of)) fail("as_of", "expected a date YYYY-MM-DD, got '" + x.as_of + "'");
        x.sources = r.fields[size_t(c_src)];
        x.note_nl = r.fields[size_t(c_nl)];
        x.note_en = r.fields[size_t(c_en)];
    }
    return m;
}

}  // namespace

CatalogueMeta parse_catalogue_meta(const std::string& text, const std::string& path) {
    return meta_from_table(parse_csv(text, path));
}

CatalogueMeta read_catalogue_meta(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return CatalogueMeta{};
    return meta_from_table(read_csv(path));
}

}  // namespace geo
