#include "geo/io/venue_edits.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "geo/core/error.h"
#include "geo/io/csv.h"
#include "geo/io/dataset.h"
#include "geo/io/table_csv.h"

namespace geo {

namespace fs = std::filesystem;

const char* edit_key(EditKind k) {
    switch (k) {
        case EditKind::Changed: return "changed";
        case EditKind::Added: return "added";
        case EditKind::Removed: return "removed";
    }
    return "changed";
}

namespace {

std::vector<VenueEdit> edits_from_table(const CsvTable& t) {
    const int c_edit = t.require("edit");
    const std::vector<Venue> vs = venues_from_table(t);  // checks every column; ids unique
    std::vector<VenueEdit> out;
    for (size_t i = 0; i < vs.size(); ++i) {
        const std::string& k = t.rows[i].fields[size_t(c_edit)];
        VenueEdit e;
        if (k == "changed") e.kind = EditKind::Changed;
        else if (k == "added") e.kind = EditKind::Added;
        else if (k == "removed") e.kind = EditKind::Removed;
        else
            throw DataError(t.path, "line " + std::to_string(t.rows[i].line) +
                                        ", column 'edit': expected changed, added or removed, got '" + k + "'");
        e.venue = vs[i];
        out.push_back(std::move(e));
    }
    return out;
}

Table edits_table(const std::vector<VenueEdit>& edits) {
    Table t;
    t.columns = {"id",     "name",     "category", "gemeente", "lon", "lat", "precision", "capacity", "source",
                 "edit",   "position_source", "position_error_m", "address", "note_nl", "note_en", "end_date"};
    for (const VenueEdit& e : edits) {
        const Venue& v = e.venue;
        t.rows.push_back({v.id, v.name, category_key(v.category), v.gemeente, fmt_num(v.lon, 7), fmt_num(v.lat, 7),
                          v.exact ? "exact" : "approximate", v.capacity > 0 ? fmt_num(v.capacity, 0) : "", v.source,
                          edit_key(e.kind), v.position_source,
                          v.position_error_m > 0 ? fmt_num(v.position_error_m, 0) : "", v.address, v.note_nl,
                          v.note_en, v.end_date});
    }
    return t;
}

}  // namespace

std::vector<VenueEdit> parse_venue_edits(const std::string& text, const std::string& path) {
    return edits_from_table(parse_csv(text, path));
}

std::vector<VenueEdit> read_venue_edits(const std::string& path) { return edits_from_table(read_csv(path)); }

std::string venue_edits_csv(const std::vector<VenueEdit>& edits) { return table_to_csv(edits_table(edits)); }

void write_venue_edits(const std::vector<VenueEdit>& edits, const std::string& path) {
    std::error_code ec;
    const fs::path dir = fs::path(path).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    write_csv(edits_table(edits), path);
}

bool same_venue(const Venue& a, const Venue& b) {
    return a.id == b.id && a.name == b.name && a.category == b.category && a.gemeente == b.gemeente &&
           std::abs(a.lon - b.lon) < 1e-7 && std::abs(a.lat - b.lat) < 1e-7 && a.exact == b.exact &&
           std::abs(a.capacity - b.capacity) < 0.5 && a.source == b.source && a.position_source == b.position_source &&
           std::abs(a.position_error_m - b.position_error_m) < 0.5 && a.address == b.address && a.note_nl == b.note_nl &&
           a.note_en == b.note_en && a.end_date == b.end_date;
}

std::vector<std::string> apply_venue_edits(std::vector<Venue>& venues, const std::vector<VenueEdit>& edits,
                                           const std::string& path) {
    std::vector<std::string> msgs;
    auto where = [&](const VenueEdit& e) { return path + ":" + std::to_string(e.venue.line) + ": venue '" + e.venue.id + "'"; };
    auto find = [&](const std::string& id) {
        for (size_t i = 0; i < venues.size(); ++i)
            if (venues[i].id == id) return int(i);
        return -1;
    };
    for (const VenueEdit& e : edits) {
        const int i = find(e.venue.id);
        switch (e.kind) {
            case EditKind::Changed:
                if (i >= 0) {
                    venues[size_t(i)] = e.venue;
                } else {
                    msgs.push_back(where(e) + " was changed but is no longer in the catalogue; kept as an added venue");
                    venues.push_back(e.venue);
                }
                break;
            case EditKind::Added:
                if (i >= 0) {
                    msgs.push_back(where(e) + " was added but the catalogue now has a venue with that id; yours replaces it");
                    venues[size_t(i)] = e.venue;
                } else {
                    venues.push_back(e.venue);
                }
                break;
            case EditKind::Removed:
                if (i >= 0) venues.erase(venues.begin() + i);
                else msgs.push_back(where(e) + " was removed and is no longer in the catalogue; nothing to do");
                break;
        }
    }
    return msgs;
}

std::vector<VenueEdit> diff_venues(const std::vector<Venue>& original, const std::vector<Venue>& edited) {
    std::map<std::string, const Venue*> orig, now;
    for (const Venue& v : original) orig[v.id] = &v;
    for (const Venue& v : edited) now[v.id] = &v;
    std::vector<VenueEdit> out;
    for (const Venue& v : edited) {
        auto it = orig.find(v.id);
        if (it == orig.end()) out.push_back({EditKind::Added, v});
        else if (!same_venue(*it->second, v)) out.push_back({EditKind::Changed, v});
    }
    for (const Venue& v : original)
        if (!now.count(v.id)) out.push_back({EditKind::Removed, v});
    return out;
}

std::string default_venue_edits_path() {
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return (fs::path(x) / "trekkaart" / "venue_edits.csv").string();
    if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".config" / "trekkaart" / "venue_edits.csv").string();
    return "trekkaart-venue_edits.csv";
}

std::vector<std::string> load_user_venue_edits(Dataset& d, const std::string& path) {
    std::vector<std::string> msgs;
    std::error_code ec;
    if (path.empty() || path == "-" || !fs::exists(path, ec)) return msgs;
    std::vector<VenueEdit> edits;
    try {
        edits = read_venue_edits(path);
    } catch (const DataError& e) {
        const std::string aside = path + ".unreadable";
        fs::rename(path, aside, ec);
        msgs.push_back(std::string(e.what()) + (ec ? "" : " -- kept as " + aside + "; the catalogue is used without your edits"));
        return msgs;
    }
    msgs = apply_venue_edits(d.venues, edits, path);
    drop_closed_venues(d.venues);  // an edit may give a venue an end date
    for (auto& w : validate_venues(d, d.venues, path)) {
        // Only the edited venues: the catalogue's own are checked (and reported) by load_dataset.
        bool edited = false;
        for (const VenueEdit& e : edits)
            if (e.kind != EditKind::Removed && w.find("venue '" + e.venue.id + "'") != std::string::npos) edited = true;
        if (edited) msgs.push_back(std::move(w));
    }
    d.venue_edits = int(edits.size());
    return msgs;
}

}  // namespace geo
