// Issue 13, both languages everywhere: an English map and its exports (text runs of the picture, PDF/SVG text and
// metadata, PNG and TIFF metadata, default file names) hold no string from the Dutch-only side of the one
// translation table; the Dutch ones hold no English-only data-source text.
#include <SDL.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geo/io/dataset.h"
#include "viewer/model/i18n.h"
#include "viewer/model/sources.h"
#include "viewer/output/export.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/vector_scene.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
    MapRenderer renderer{data};
};
Env& env() {
    static Env* e = new Env();
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);
    return *e;
}

struct LangGuard {
    Lang old = lang();
    explicit LangGuard(Lang l) { set_lang(l); }
    ~LangGuard() { set_lang(old); }
};

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

bool letter(char c) { return std::isalpha((unsigned char)c) || (unsigned char)c >= 0x80; }

// The Dutch-only texts of the table found in `text` as whole words (not inside a longer word). Proper names
// (municipalities, places: "Hof van Twente") are names in both languages and are left out first.
std::vector<std::string> dutch_in(std::string text) {
    auto erase = [&](const std::string& name) {
        if (name.empty()) return;
        for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at)) text.erase(at, name.size());
    };
    const geo::Dataset& d = env().data;
    for (const auto& m : d.municipalities) erase(m.label), erase(m.name);
    for (const auto& p : d.places) erase(p.name);
    for (const auto& g : d.german_places) erase(g.name);
    std::vector<std::string> found;
    for (const Translation& t : translations()) {
        const std::string nl = t.nl;
        if (nl == t.en) continue;
        // Trimmed: entries such as " of a " / " van een " are pieces of sentences.
        const auto a = nl.find_first_not_of(' '), b = nl.find_last_not_of(' ');
        if (a == std::string::npos) continue;
        const std::string w = nl.substr(a, b - a + 1);
        if (w.size() < 3) continue;
        for (size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
            const bool start = at == 0 || !letter(text[at - 1]) || !letter(w.front());
            const bool end = at + w.size() >= text.size() || !letter(text[at + w.size()]) || !letter(w.back());
            if (start && end) {
                found.push_back(w);
                break;
            }
        }
    }
    return found;
}

MapView twente(int w, int h) {
    const auto& d = env().data;
    MapView v;
    v.cam.w = w;
    v.cam.h = h;
    v.cam.centre = d.twente_bbox.centre();
    v.cam.mpp = std::max(d.twente_bbox.width() / w, d.twente_bbox.height() / h) * 1.04;
    return v;
}

}  // namespace

TEST(Language, TheDetectorFindsDutch) {  // the check below can fail
    EXPECT_EQ(dutch_in("Legend: Spoor · 3 km").size(), 1u);
    EXPECT_TRUE(dutch_in("Rail · National border").empty());
}

TEST(Language, DataSourcesAndFileNamesFollowTheLanguage) {
    Env& e = env();
    {
        LangGuard g(Lang::NL);
        EXPECT_EQ(data_sources(e.data), e.data.attributions());  // the Dutch text, as the data layer has it
        EXPECT_EQ(default_file_name("trekkaart-figures", ".csv"), "trekkaart-cijfers.csv");
        EXPECT_EQ(default_file_name("trekkaart-map", ".pdf"), "trekkaart-kaart.pdf");
    }
    LangGuard g(Lang::EN);
    EXPECT_EQ(default_file_name("trekkaart-figures", ".csv"), "trekkaart-figures.csv");
    EXPECT_EQ(default_file_name("trekkaart-analysis", ".tif"), "trekkaart-analysis.tif");
    EXPECT_EQ(default_file_name("trekkaart-map", ".png"), "trekkaart-map.png");
    const std::string src = data_sources_line(e.data);
    EXPECT_NE(src.find("Municipal boundaries 2026"), std::string::npos);
    EXPECT_EQ(dutch_in(src), std::vector<std::string>{}) << src;
}

TEST(Language, AnEnglishMapAndItsExportsHoldNoDutchOnlyString) {
    Env& e = env();
    LangGuard g(Lang::EN);
    const fs::path dir = fs::temp_directory_path() / ("trekkaart_test_language_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    MapView v = twente(1600, 1100);
    v.title = "Culture in Twente";
    // The picture's text runs (record() places the same text as render()).
    std::string runs;
    for (const auto& it : e.renderer.record(v).items)
        if (it.kind == VectorItem::Text) runs += it.text + "\n";
    EXPECT_NE(runs.find("National border"), std::string::npos);
    EXPECT_EQ(dutch_in(runs), std::vector<std::string>{}) << runs;
    // The exports: PDF text and metadata, SVG, PNG and TIFF metadata.
    ExportOptions o;
    o.size = *paper_size("A4", 100, true);
    o.date = "2026-12-02";
    o.estimate = true;
    std::string all;
    for (ImageFormat f : {ImageFormat::Pdf, ImageFormat::Svg, ImageFormat::Png, ImageFormat::GeoTiff}) {
        o.format = f;
        const fs::path p = dir / (std::string("map") + format_extension(f));
        const ExportResult r = export_map(e.renderer, v, p.string(), o);
        ASSERT_TRUE(r.ok()) << r.error;
        switch (f) {
            case ImageFormat::Pdf: all += run("pdftotext '" + p.string() + "' -") + run("pdfinfo '" + p.string() + "'"); break;
            case ImageFormat::GeoTiff: all += run("gdalinfo '" + p.string() + "'"); break;
            default: all += slurp(p);  // SVG text; PNG text chunks are stored uncompressed
        }
    }
    EXPECT_NE(all.find("Travel times are an estimate"), std::string::npos);
    EXPECT_NE(all.find("Municipal boundaries 2026"), std::string::npos);  // PNG Source, TIFF Copyright, PDF Subject
    EXPECT_EQ(dutch_in(all), std::vector<std::string>{});
    fs::remove_all(dir);
}
