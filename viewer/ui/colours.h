// The map's colours (RGBA, viewer/model/style.h) as ImGui colours, for the panels' swatches and markers.
#pragma once
#include <imgui.h>

#include "viewer/model/style.h"

namespace viewer {

inline ImVec4 im(RGBA c) { return ImVec4(c.r, c.g, c.b, c.a); }

// a < 0: the colour's own alpha.
inline ImU32 col32(RGBA c, float a = -1) {
    return IM_COL32(int(c.r * 255), int(c.g * 255), int(c.b * 255), int((a < 0 ? c.a : a) * 255));
}

}  // namespace viewer
