#include "viewer/model/venue_editor.h"

#include <chrono>
#include <ctime>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/venue_edits.h"
#include "viewer/model/i18n.h"

namespace viewer {

VenueEditor::VenueEditor(geo::Dataset& data, std::string path) : data_(data), path_(std::move(path)) {}

int VenueEditor::edit_count() const { return int(geo::diff_venues(data_.catalogue, data_.venues).size()); }

std::string VenueEditor::save() {
    const auto edits = geo::diff_venues(data_.catalogue, data_.venues);
    data_.venue_edits = int(edits.size());
    if (path_ == "-") return "";
    try {
        geo::write_venue_edits(edits, path_);
    } catch (const geo::DataError& e) {
        return std::string(tr("The change is made but not saved: ")) + e.what();
    }
    return "";
}

std::string VenueEditor::place(geo::Venue& v, geo::P2 rd) const {
    const geo::Municipality* m = data_.municipality_at(rd, true);
    if (!m) return tr("That point lies outside the 14 Twente municipalities: choose a place in Twente.");
    const geo::P2 ll = geo::rd_to_wgs84(rd);
    v.lon = ll.x;
    v.lat = ll.y;
    v.pos = rd;
    v.gemeente = m->code;
    return "";
}

template <class F>
std::string VenueEditor::change(int index, bool removed, F&& f) {
    if (before_change) before_change();
    f();
    const std::string msg = save();
    if (after_change) after_change(index, removed);
    return msg;
}

std::string VenueEditor::update(int index, const std::string& name, geo::Category c, bool exact, double capacity,
                                const std::string& source) {
    if (index < 0 || size_t(index) >= data_.venues.size()) return tr("No venue selected.");
    if (name.empty()) return tr("A venue needs a name.");
    if (!(capacity >= 0)) return tr("The capacity must be a number of 0 or more (0: unknown).");
    return change(index, false, [&] {
        geo::Venue& v = data_.venues[size_t(index)];
        v.name = name;
        v.category = c;
        v.exact = exact;
        v.capacity = capacity;
        v.source = source;
    });
}

std::string VenueEditor::move(int index, geo::P2 rd) {
    if (index < 0 || size_t(index) >= data_.venues.size()) return tr("No venue selected.");
    geo::Venue moved = data_.venues[size_t(index)];
    if (std::string why = place(moved, rd); !why.empty()) return why;
    moved.exact = false;  // a point clicked on a map is not a surveyed position
    moved.position_source.clear();  // nor one from the source the catalogue named (issue 16): not recorded
    moved.position_error_m = 0;
    return change(index, false, [&] { data_.venues[size_t(index)] = std::move(moved); });
}

std::string VenueEditor::add(geo::P2 rd, geo::Category c, const std::string& name, int* new_index) {
    geo::Venue v;
    if (std::string why = place(v, rd); !why.empty()) return why;
    for (int n = 1;; ++n) {  // a fresh id: user-1, user-2, ...
        v.id = "user-" + std::to_string(n);
        bool taken = false;
        for (const auto& o : data_.venues) taken |= o.id == v.id;
        for (const auto& o : data_.catalogue) taken |= o.id == v.id;
        if (!taken) break;
    }
    v.name = name.empty() ? tr("New venue") : name;
    v.category = c;
    v.exact = false;
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char day[16];
    std::tm tm{};
    localtime_r(&t, &tm);
    std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
    v.source = std::string("added in trekkaart by the user on ") + day;
    const int index = int(data_.venues.size());
    if (new_index) *new_index = index;
    return change(index, false, [&] { data_.venues.push_back(std::move(v)); });
}

std::string VenueEditor::remove(int index) {
    if (index < 0 || size_t(index) >= data_.venues.size()) return tr("No venue selected.");
    return change(index, true, [&] { data_.venues.erase(data_.venues.begin() + index); });
}

std::string VenueEditor::revert_all() {
    return change(-1, false, [&] { data_.venues = data_.catalogue; });
}

}  // namespace viewer
