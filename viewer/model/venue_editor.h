// The window's venue editor: change, move, add and remove venues of the catalogue. No GL, no ImGui (the app
// draws the controls; tests drive it directly).
//
// Every change is saved at once as the user's edits file (geo/io/venue_edits.h: only the differences from the
// project's catalogue, written atomically), so nothing is lost when the program is closed or killed. A save
// that fails (disk full, no permission) says so and keeps the change in memory; the next save writes it.
// A venue can only be placed inside the 14 municipalities; its municipality code follows the point.
#pragma once
#include <functional>
#include <string>

#include "geo/io/dataset.h"

namespace viewer {

class VenueEditor {
public:
    // path: the user's edits file ("-": never saved, e.g. tests).
    VenueEditor(geo::Dataset& data, std::string path);

    // Called before data.venues changes (e.g. to wait for a worker thread that reads it) and after (index of
    // the venue concerned; removed: that index no longer exists and later ones moved down by one).
    std::function<void()> before_change;
    std::function<void(int index, bool removed)> after_change;

    // Each returns "" on success, else a message for the user (and nothing changed, except for a failed save:
    // then the change is made and the message says it is not saved yet).
    std::string update(int index, const std::string& name, geo::Category c, bool exact, double capacity,
                       const std::string& source);
    std::string move(int index, geo::P2 rd);
    std::string add(geo::P2 rd, geo::Category c, const std::string& name, int* new_index = nullptr);
    std::string remove(int index);
    std::string revert_all();  // back to the catalogue as shipped

    int edit_count() const;  // differences from the catalogue
    const std::string& path() const { return path_; }

private:
    geo::Dataset& data_;
    std::string path_;
    std::string save();
    std::string place(geo::Venue& v, geo::P2 rd) const;  // sets pos, lon/lat, gemeente; "" or why not
    template <class F> std::string change(int index, bool removed, F&& f);
};

}  // namespace viewer
