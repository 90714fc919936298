// What the user selected on the map or hovers (App::pick_at).
#pragma once

namespace viewer {

struct Pick {
    enum Kind { None, Municipality, Venue } kind = None;
    int index = -1;  // into Dataset::municipalities or Dataset::venues
};

}  // namespace viewer
