#include "viewer/present/speaker_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace viewer {

SpeakerLayout speaker_layout(int sw, int sh, double aspect) {
    SpeakerLayout L;
    const double W = std::max(16, sw), H = std::max(16, sh), m = 0.025 * H;
    aspect = aspect > 0.1 ? aspect : 16.0 / 9;
    L.title_px = float(0.034 * H);
    L.time_px = float(0.05 * H);
    L.small_px = float(std::max(11.0, 0.024 * H));
    L.notes_px = float(std::max(12.0, 0.036 * H));
    L.header = {m, m, W - m, m + 1.3 * L.time_px};
    // The current picture: 55 % of the width (less when the screen is wide and short), the next one beside it.
    const double top = L.header.maxy + m;
    double cw = 0.55 * (W - 3 * m), ch = cw / aspect;
    if (ch > 0.55 * H) ch = 0.55 * H, cw = ch * aspect;
    L.current = {m, top, m + cw, top + ch};
    const double nx = L.current.maxx + m, nw = std::min(W - m - nx, 0.8 * cw), label_h = 1.5 * L.small_px;
    L.next_label = {nx, top, nx + nw, top + label_h};
    L.next = {nx, top + label_h, nx + nw, top + label_h + nw / aspect};
    L.notes = {m, std::max(L.current.maxy, L.next.maxy) + m, W - m, H - m};
    return L;
}

std::string format_elapsed(double seconds) {
    const long s = std::max(0L, long(std::floor(seconds)));
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

}  // namespace viewer
