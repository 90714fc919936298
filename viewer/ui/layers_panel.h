// The main panel's "Layers": which layers the map draws, its CBS choropleth, the venue categories.
#pragma once
#include "viewer/model/style.h"

namespace viewer {

// dpi: window pixels per ui unit.
void ui_layers(MapView& view, float dpi);

}  // namespace viewer
