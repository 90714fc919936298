#include "viewer/ui/file_browser.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "viewer/model/i18n.h"

namespace viewer {

namespace fs = std::filesystem;

bool ui_folder_browser(const char* id, std::string& dir, char* path, size_t n, float dpi,
                       const std::function<bool(const std::string& name)>& filter) {
    if (!ImGui::TreeNode(id, "%s", dir.c_str())) return false;
    std::error_code ec;
    std::vector<fs::directory_entry> dirs, files;
    for (const auto& e : fs::directory_iterator(dir, fs::directory_options::skip_permission_denied, ec)) {
        const std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        if (e.is_directory(ec)) dirs.push_back(e);
        else if (e.is_regular_file(ec) && (!filter || filter(name))) files.push_back(e);
        if (dirs.size() + files.size() > 400) break;
    }
    auto by_name = [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); };
    std::sort(dirs.begin(), dirs.end(), by_name);
    std::sort(files.begin(), files.end(), by_name);
    ImGui::BeginChild("##files", ImVec2(0, 140 * dpi), true);
    std::string go;
    bool picked = false;
    if (ImGui::Selectable((std::string("..  (") + tr("Up") + ")").c_str())) go = fs::path(dir).parent_path().string();
    for (const auto& d : dirs)
        if (ImGui::Selectable((d.path().filename().string() + "/").c_str())) go = d.path().string();
    for (const auto& f : files) {
        const std::string name = f.path().filename().string();
        if (ImGui::Selectable(name.c_str())) {
            std::snprintf(path, n, "%s", f.path().string().c_str());
            picked = true;
        }
    }
    ImGui::EndChild();
    if (!go.empty()) dir = go;
    ImGui::TreePop();
    return picked;
}

}  // namespace viewer
