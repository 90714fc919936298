// The what-if candidates file: the sites a user placed (Candidate, analysis.h), kept between sessions.
//
//     {"version": 1, "candidates": [{"name": "Nieuw podium", "category": "pop", "x": 257000, "y": 471000}, ...]}
//
// Read with the one strict JSON reader (geo/io/json.h), so every problem names file, line and column
// ("candidates.json:2:14: ..."); written through geo::AtomicFile (temp file + fsync + rename), so a failed or
// interrupted save leaves the previous file as it was.
#pragma once
#include <string>
#include <vector>

#include "viewer/engine/analysis.h"

namespace viewer {

// Throws geo::DataError naming the file (and, for syntax and content problems, line and column).
std::vector<Candidate> read_candidates(const std::string& path);
// Creates the folder when missing. Throws geo::DataError naming the file; the previous file is then untouched.
void write_candidates(const std::vector<Candidate>& c, const std::string& path);
// $XDG_CONFIG_HOME/trekkaart/candidates.json, else ~/.config/trekkaart/candidates.json.
std::string default_candidates_path();

}  // namespace viewer
