// The data sources the map rests on, in the current language (geo::Dataset::attributions() is the Dutch text
// the data layer keeps; the exports' metadata -- PNG "Source", TIFF Copyright, PDF Subject, SVG <desc> -- use
// this one, so an English export carries English metadata).
#pragma once
#include <string>
#include <vector>

#include "geo/io/dataset.h"

namespace viewer {

std::vector<std::string> data_sources(const geo::Dataset& d);
std::string data_sources_line(const geo::Dataset& d);  // joined with "; "

}  // namespace viewer
