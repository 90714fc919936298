// The speaker's view of the presenter (issue 14): on the laptop while the projector shows the audience picture
// (two displays), or instead of it when P is pressed (one display). It shows the current picture small (exactly
// what the audience sees, scaled), the next scene as it will appear, the scene's speaker notes (the scenes file's
// bilingual "notes"), the elapsed time and the clock. Presenter::draw_speaker draws it; this header holds what
// is pure: the layout and the time format.
#pragma once
#include <string>

#include "geo/core/types.h"

namespace viewer {

struct SpeakerLayout {
    geo::BBox header;          // scene number and title (left), elapsed time and clock (right)
    geo::BBox current;         // the audience picture, scaled (aspect of the audience screen)
    geo::BBox next_label;      // "Volgende: 4 / 8 Title"
    geo::BBox next;            // the next scene at rest, with its caption
    geo::BBox notes;           // the speaker notes
    float title_px = 0, notes_px = 0, small_px = 0, time_px = 0;
};

// For a speaker screen sw x sh and an audience picture of aspect (width / height) `aspect`. Pixels, y down.
SpeakerLayout speaker_layout(int sw, int sh, double aspect);

// "0:00", "12:34", "1:02:03" (negative counts as 0).
std::string format_elapsed(double seconds);

// Information the window owner supplies (tests pass fixed values).
struct SpeakerInfo {
    double elapsed_s = 0;      // since the presentation started (T restarts it)
    std::string clock;         // the local time, "14:05"
};

}  // namespace viewer
