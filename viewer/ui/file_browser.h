// A small folder browser for ImGui panels: the folders of `dir` to walk into (and ".." up), its files to pick into
// a path field. Shared by *Laag toevoegen / Add layer* (user_layers_panel.h) and the project's *Openen / Open*
// (project_panel.h). `filter`: which files to list (none: every file not starting with '.').
#pragma once
#include <cstddef>
#include <functional>
#include <string>

namespace viewer {

// A tree node titled with dir; inside, a list of at most 400 entries. Returns true when a file was picked (its
// path written into path[0..n)). dir changes as the user walks.
bool ui_folder_browser(const char* id, std::string& dir, char* path, size_t n, float dpi,
                       const std::function<bool(const std::string& name)>& filter = {});

}  // namespace viewer
