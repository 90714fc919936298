// Issue 13: every string the window and the presenter show goes through the one translation table. A source check:
// an ImGui call whose label or text is a literal with words in it (not "##id", not a format of numbers and units)
// is a string that would stay in one language.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

TEST(UiStrings, EveryImGuiLabelGoesThroughTr) {
    // Words that are the same in both languages: names, units, coordinate systems, ramp names.
    const std::set<std::string> same = {"trekkaart", "RD", "WGS", "CBS", "ms", "DE", "NL", "EN", "px", "m", "km",
                                        "min", "N", "E", "x", "viridis", "cividis", "magma", "CSV", "GeoTIFF", "PNG"};
    const std::regex call(
        "ImGui::(Text|TextDisabled|TextWrapped|TextColored|BulletText|Button|SmallButton|Checkbox|CollapsingHeader|"
        "Begin|BeginChild|Selectable|MenuItem|SliderFloat|SliderInt|Combo|BeginCombo|InputText|InputTextWithHint|"
        "RadioButton|TreeNode|SetTooltip)\\((ImVec4\\([^)]*\\),\\s*)?\"([^\"]*)\"");
    const std::regex word("[A-Za-z]{1,}");
    int checked = 0;
    std::string leaks;
    for (const char* room : {"viewer/ui", "viewer/present"})
        for (const auto& e : fs::directory_iterator(fs::path(TREKKAART_SOURCE_DIR) / room)) {
            if (e.path().extension() != ".cpp") continue;
            std::ifstream f(e.path());
            std::string line;
            for (int n = 1; std::getline(f, line); ++n)
                for (std::sregex_iterator it(line.begin(), line.end(), call), end; it != end; ++it) {
                    ++checked;
                    std::string lit = (*it)[3];
                    if (lit.rfind("##", 0) == 0) continue;
                    lit = std::regex_replace(lit, std::regex("%[-+ 0-9.]*(z|ll|l|h)?[a-zA-Z]"), " ");  // printf formats
                    for (std::sregex_iterator w(lit.begin(), lit.end(), word), wend; w != wend; ++w)
                        if (!same.count(w->str())) {
                            leaks += e.path().filename().string() + ":" + std::to_string(n) + ": \"" +
                                     std::string((*it)[3]) + "\"\n";
                            break;
                        }
                }
        }
    EXPECT_GT(checked, 20);  // the pattern finds the calls
    EXPECT_EQ(leaks, "") << "wrap these in tr() and add them to viewer/model/i18n.cpp";
}
