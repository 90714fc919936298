// Vector export (PDF/SVG, issue 13): the recorded scene is the rendered frame, symbol outlines match the shader's
// shapes, and the files hold what the picture shows -- checked with poppler (pdfinfo, pdftotext, pdfimages,
// pdftoppm) and an XML parser (python3), not by eye.
#include <SDL.h>
#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "geo/io/dataset.h"
#include "viewer/app/export_cli.h"
#include "viewer/model/i18n.h"
#include "viewer/output/export.h"
#include "viewer/output/vector_export.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"
#include "viewer/render/vector_scene.h"

using namespace viewer;
using geo::P2;
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

fs::path scratch(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("trekkaart_test_vector_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// stdout of a command (and its exit status in *status).
std::string run(const std::string& cmd, int* status = nullptr) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int st = pclose(p);
    if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return out;
}

// Text of a PDF with runs of white space as one space (pdftotext breaks lines where the layout does).
std::string pdf_text(const fs::path& pdf, int page = 0) {
    std::string pages = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    std::string t = run("pdftotext -enc UTF-8" + pages + " '" + pdf.string() + "' - 2>/dev/null");
    return std::regex_replace(t, std::regex("\\s+"), " ");
}

// pdfinfo's "Page size: W x H pts" (and its page count).
std::array<double, 2> page_size_pt(const fs::path& pdf, int* pages = nullptr) {
    const std::string info = run("pdfinfo '" + pdf.string() + "' 2>/dev/null");
    std::smatch m;
    std::array<double, 2> wh{0, 0};
    if (std::regex_search(info, m, std::regex("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")))
        wh = {std::stod(m[1]), std::stod(m[2])};
    if (pages && std::regex_search(info, m, std::regex("Pages:\\s+([0-9]+)"))) *pages = std::stoi(m[1]);
    return wh;
}

MapView twente_view(int w, int h) {
    const auto& d = env().data;
    MapView v;
    v.cam.w = w;
    v.cam.h = h;
    v.cam.centre = d.twente_bbox.centre();
    v.cam.mpp = std::max(d.twente_bbox.width() / w, d.twente_bbox.height() / h) * 1.04;
    v.title = "Cultuur in Twente";
    return v;
}

ExportOptions paper(const char* name, double dpi, bool landscape, ImageFormat f) {
    ExportOptions o;
    o.size = *paper_size(name, dpi, landscape);
    o.format = f;
    o.date = "2026-12-02";
    return o;
}

bool inside(const std::vector<P2>& poly, P2 p) {
    bool in = false;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++)
        if ((poly[i].y > p.y) != (poly[j].y > p.y) &&
            p.x < (poly[j].x - poly[i].x) * (p.y - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x)
            in = !in;
    return in;
}

double dist_to_outline(const std::vector<P2>& poly, P2 p) {
    double d = 1e30;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const P2 a = poly[j], b = poly[i], ab = b - a, ap = p - a;
        const double t = std::clamp((ap.x * ab.x + ap.y * ab.y) / std::max(1e-12, ab.x * ab.x + ab.y * ab.y), 0.0, 1.0);
        d = std::min(d, std::hypot(ap.x - t * ab.x, ap.y - t * ab.y));
    }
    return d;
}

}  // namespace

TEST(VectorExport, FormatsAndPageSizes) {
    EXPECT_EQ(parse_format("PDF"), ImageFormat::Pdf);
    EXPECT_EQ(parse_format("svg"), ImageFormat::Svg);
    EXPECT_EQ(format_from_path("a/poster.pdf"), ImageFormat::Pdf);
    EXPECT_EQ(format_from_path("a/map.SVG"), ImageFormat::Svg);
    EXPECT_TRUE(is_vector(ImageFormat::Pdf));
    EXPECT_FALSE(is_vector(ImageFormat::GeoTiff));
    EXPECT_EQ(world_file_path("a/poster.pdf", ImageFormat::Pdf), "a/poster.wld");
    // The page is the paper, exactly, whatever the dpi rounds the pixels to.
    const OutputSize a4 = *paper_size("A4", 300, false), a0l = *paper_size("A0", 150, true);
    EXPECT_NEAR(page_width_pt(a4), 595.276, 1e-3);
    EXPECT_NEAR(page_height_pt(a4), 841.890, 1e-3);
    EXPECT_NEAR(page_width_pt(a0l), 3370.39, 1e-2);
    EXPECT_NEAR(page_height_pt(a0l), 2383.94, 1e-2);
    EXPECT_DOUBLE_EQ(page_width_pt({1920, 1080, 0}), 1440);  // pixels without dpi: CSS pixels, 96 per inch
    EXPECT_DOUBLE_EQ(page_width_pt({1500, 1000, 300}), 360);
    // The heatmap raster: the export's resolution up to the cap, then scaled down keeping the aspect.
    int rw = 0, rh = 0;
    vector_raster_size(2480, 3508, rw, rh);
    EXPECT_EQ(rw, 2480);
    EXPECT_EQ(rh, 3508);
    const OutputSize a0 = *paper_size("A0", 300, false);
    vector_raster_size(a0.w, a0.h, rw, rh);
    EXPECT_LE(double(rw) * rh, kMaxVectorRasterPixels * 1.001);
    EXPECT_GT(double(rw) * rh, kMaxVectorRasterPixels * 0.99);
    EXPECT_NEAR(double(rw) / rh, double(a0.w) / a0.h, 1e-3);
}

// Every category's symbol, drawn by the GL (shaders/symbol.frag.glsl) and recorded as an outline: well inside
// the outline the picture has the category's fill, just outside the stroke it has not.
TEST(VectorExport, SymbolOutlinesAreTheShadersShapes) {
    Env& e = env();
    const auto& vs = e.data.venues;
    for (int c = 0; c < geo::kCategoryCount; ++c) {
        // The venue of the category farthest from the others of its category (only that category is drawn).
        const geo::Venue* best = nullptr;
        double best_d = -1;
        for (const auto& v : vs) {
            if (int(v.category) != c) continue;
            double nn = 1e30;
            for (const auto& o : vs)
                if (&o != &v && o.category == v.category) nn = std::min(nn, geo::dist(v.pos, o.pos));
            if (nn > best_d) best_d = nn, best = &v;
        }
        ASSERT_NE(best, nullptr) << c;
        ASSERT_GT(best_d, 450) << "no isolated venue of category " << c;
        MapView v;
        v.cam.w = 240;
        v.cam.h = 200;
        v.cam.centre = best->pos;
        v.cam.mpp = 5;
        v.ui_scale = 4;  // a 52 px symbol
        v.furniture = false;
        v.layers = LayerToggles();
        v.layers.labels = v.layers.stations = v.layers.rail = v.layers.border = false;
        v.layers.categories.fill(false);
        v.layers.categories[size_t(c)] = true;
        std::vector<unsigned char> px;
        ASSERT_TRUE(render_to_rgba(e.renderer, v, px));
        const VectorScene sc = e.renderer.record(v);
        const VectorItem* sym = nullptr;
        for (const auto& it : sc.items)
            if (it.kind == VectorItem::Fill && it.cls == "symbol") {
                geo::BBox b;
                for (const P2& p : it.rings[0]) b.add(p);
                if (std::abs(b.centre().x - 120) < 20 && std::abs(b.centre().y - 100) < 20) sym = &it;
            }
        std::string what;
        for (const auto& it : sc.items) what += it.cls + " ";
        ASSERT_NE(sym, nullptr) << "category " << c << " " << best->id << ": " << what;
        const RGBA fill = category_style(geo::Category(c)).fill;
        const float stroke = 1.2f * v.ui_scale;
        int in = 0, out = 0;
        for (int y = 40; y < 160; ++y)
            for (int x = 60; x < 180; ++x) {
                const P2 p{x + 0.5, y + 0.5};
                const double d = dist_to_outline(sym->rings[0], p);
                const unsigned char* q = &px[(size_t(y) * v.cam.w + x) * 4];
                if (inside(sym->rings[0], p) && d > 1.5) {
                    EXPECT_TRUE(same_rgb8(q, fill, 8)) << "category " << c << " at " << x << "," << y;
                    ++in;
                } else if (!inside(sym->rings[0], p) && d > stroke + 1.5 && d < stroke + 6) {
                    EXPECT_FALSE(same_rgb8(q, fill, 8)) << "category " << c << " at " << x << "," << y;
                    ++out;
                }
                if (::testing::Test::HasFailure()) return;
            }
        EXPECT_GT(in, 500) << c;
        EXPECT_GT(out, 500) << c;
    }
}

TEST(VectorExport, RecordIsTheRenderedFrame) {
    Env& e = env();
    MapView v = twente_view(1400, 1000);
    v.ui_scale = 1.2f;
    e.renderer.render(v);
    const auto labels = e.renderer.last_labels();
    const auto furniture = e.renderer.last_furniture();
    const VectorScene sc = e.renderer.record(v);
    // The same label placement and furniture boxes as the picture.
    ASSERT_EQ(e.renderer.last_labels().size(), labels.size());
    for (size_t i = 0; i < labels.size(); ++i) {
        EXPECT_EQ(e.renderer.last_labels()[i].text, labels[i].text);
        EXPECT_FLOAT_EQ(e.renderer.last_labels()[i].box.x0, labels[i].box.x0);
        EXPECT_FLOAT_EQ(e.renderer.last_labels()[i].box.y0, labels[i].box.y0);
    }
    EXPECT_EQ(e.renderer.last_furniture().size(), furniture.size());
    EXPECT_EQ(sc.w, 1400);
    EXPECT_EQ(sc.h, 1000);
    int munis = 0, texts = 0, symbols = 0;
    std::set<std::string> codes;
    for (const auto& it : sc.items) {
        if (it.kind == VectorItem::Fill && it.cls == "municipality") {
            ++munis;
            codes.insert(it.id);
        }
        if (it.kind == VectorItem::Text) ++texts;
        if (it.kind == VectorItem::Fill && it.cls == "symbol") ++symbols;
    }
    EXPECT_EQ(munis, 14);
    EXPECT_EQ(codes.size(), 14u);
    EXPECT_TRUE(codes.count("GM0153"));  // Enschede
    // Every label is a text run; the title is one too.
    for (const auto& l : labels)
        EXPECT_TRUE(std::any_of(sc.items.begin(), sc.items.end(),
                                [&](const VectorItem& it) { return it.kind == VectorItem::Text && it.text == l.text; }))
            << l.text;
    EXPECT_GT(texts, int(labels.size()));
    EXPECT_GE(symbols, int(e.data.venues.size()) / 2);
    // A venue's symbol is centred where the picture draws it.
    const geo::Venue& ven = e.data.venues.front();
    const P2 at = v.cam.to_screen(ven.pos);
    EXPECT_TRUE(std::any_of(sc.items.begin(), sc.items.end(), [&](const VectorItem& it) {
        if (it.cls != "symbol" || it.kind != VectorItem::Fill) return false;
        geo::BBox b;
        for (const P2& p : it.rings[0]) b.add(p);
        return std::abs(b.centre().x - at.x) < 2 && std::abs(b.centre().y - at.y) < 4;
    }));
}

TEST(VectorExport, PdfHoldsTitleLegendAttributionAsTextOnThePaper) {
    Env& e = env();
    LangGuard g(Lang::NL);
    const fs::path dir = scratch("pdf");
    const MapView v = twente_view(1200, 900);
    const ExportOptions o = paper("A4", 300, false, ImageFormat::Pdf);
    const ExportResult r = export_map(e.renderer, v, (dir / "kaart.pdf").string(), o);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.files.size(), 4u);  // the PDF, its world file, .prj and GDAL's .aux.xml
    EXPECT_EQ(fs::path(r.files[1]).filename(), "kaart.wld");
    EXPECT_EQ(fs::path(r.files[3]).filename(), "kaart.pdf.aux.xml");
    {  // GDAL opens the PDF georeferenced: the map's top-left corner, RD New, 150 dpi pixels
        const std::string gi = run("gdalinfo '" + (dir / "kaart.pdf").string() + "' 2>/dev/null");
        std::smatch m;
        ASSERT_TRUE(std::regex_search(gi, m, std::regex("Origin = \\(([0-9.]+),([0-9.]+)\\)"))) << gi;
        const geo::BBox b = image_bounds(r.cam);
        EXPECT_NEAR(std::stod(m[1]), b.minx, 0.01);
        EXPECT_NEAR(std::stod(m[2]), b.maxy, 0.01);
        ASSERT_TRUE(std::regex_search(gi, m, std::regex("Pixel Size = \\(([0-9.]+),"))) << gi;
        EXPECT_NEAR(std::stod(m[1]), b.width() / 1240.0, 1e-6);  // A4 at 150 dpi: 1240 px wide
        EXPECT_NE(gi.find("Amersfoort / RD New"), std::string::npos);
    }
    int pages = 0;
    const auto wh = page_size_pt(dir / "kaart.pdf", &pages);
    EXPECT_NEAR(wh[0], 595.28, 0.05);
    EXPECT_NEAR(wh[1], 841.89, 0.05);
    EXPECT_EQ(pages, 1);
    const std::string text = pdf_text(dir / "kaart.pdf");
    EXPECT_NE(text.find("Cultuur in Twente"), std::string::npos) << text;
    for (int c = 0; c < geo::kCategoryCount; ++c) {
        const std::string label = tr(category_style(geo::Category(c)).label_en);
        EXPECT_NE(text.find(label), std::string::npos) << label;
    }
    EXPECT_NE(text.find(tr("Venues")), std::string::npos);
    EXPECT_NE(text.find(tr("National border")), std::string::npos);
    EXPECT_NE(text.find("Bronnen: CBS, Kadaster/PDOK"), std::string::npos) << text;
    EXPECT_NE(text.find("Kaart: trekkaart, 2026-12-02"), std::string::npos) << text;
    EXPECT_NE(text.find("Enschede"), std::string::npos);  // labels are text too
    // The font is embedded (a subset of Noto Sans).
    const std::string fonts = run("pdffonts '" + (dir / "kaart.pdf").string() + "'");
    EXPECT_NE(fonts.find("NotoSans-Regular"), std::string::npos) << fonts;
    EXPECT_NE(fonts.find("NotoSans-Bold"), std::string::npos) << fonts;
    EXPECT_EQ(fonts.find(" no  "), std::string::npos) << "a font not embedded:\n" << fonts;
    // The metadata: title, and the sources as the subject.
    const std::string info = run("pdfinfo '" + (dir / "kaart.pdf").string() + "'");
    EXPECT_TRUE(std::regex_search(info, std::regex("Title:\\s+Cultuur in Twente\\n"))) << info;
    EXPECT_NE(info.find("CBS"), std::string::npos) << info;
    // The page renders, and looks like the map: the backdrop at a corner, a municipality's fill inside.
    int st = -1;
    run("pdftoppm -r 40 -png -singlefile '" + (dir / "kaart.pdf").string() + "' '" + (dir / "page").string() + "'", &st);
    ASSERT_EQ(st, 0);
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load((dir / "page.png").string().c_str(), &w, &h, &n, 4);
    ASSERT_NE(px, nullptr);
    EXPECT_EQ(w, 331);  // 210 mm at 40 dpi
    stbi_image_free(px);
    fs::remove_all(dir);
}

TEST(VectorExport, SvgParsesAndHoldsTheMunicipalityPaths) {
    Env& e = env();
    LangGuard g(Lang::EN);
    const fs::path dir = scratch("svg");
    const MapView v = twente_view(1200, 900);
    ExportOptions o = paper("A3", 150, true, ImageFormat::Svg);
    o.sidecars = false;
    const ExportResult r = export_map(e.renderer, v, (dir / "map.svg").string(), o);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.files.size(), 1u);
    // Parsed by a real XML parser; the municipalities are paths with their class and CBS code.
    const std::string py =
        "import sys, xml.etree.ElementTree as E\n"
        "ns = '{http://www.w3.org/2000/svg}'\n"
        "root = E.parse(sys.argv[1]).getroot()\n"
        "paths = [p for p in root.iter(ns + 'path') if p.get('class') == 'municipality' and p.get('id', '').startswith('GM')]\n"
        "texts = ' '.join((t.text or '') for t in root.iter(ns + 'text'))\n"
        "print(len(paths), root.get('width'), root.get('height'))\n"
        "print(texts)\n";
    std::ofstream(dir / "check.py") << py;
    int st = -1;
    const std::string out = run("python3 '" + (dir / "check.py").string() + "' '" + (dir / "map.svg").string() + "'", &st);
    ASSERT_EQ(st, 0) << out;
    std::istringstream in(out);
    int n = 0;
    std::string w, h;
    in >> n >> w >> h;
    EXPECT_GE(n, 14);
    EXPECT_EQ(w, "1190.55pt");  // A3 landscape
    EXPECT_EQ(h, "841.89pt");
    EXPECT_NE(out.find("Cultuur in Twente"), std::string::npos);
    EXPECT_NE(out.find("Sources: CBS"), std::string::npos);
    EXPECT_NE(out.find("National border"), std::string::npos);
    // The font travels with the file.
    std::ifstream f(dir / "map.svg");
    std::string svg((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    EXPECT_NE(svg.find("@font-face{font-family:'Noto Sans';font-weight:400;src:url(data:font/ttf;base64,"),
              std::string::npos);
    fs::remove_all(dir);
}

TEST(VectorExport, HeatmapIsARasterAtTheExportsResolution) {
    Env& e = env();
    const fs::path dir = scratch("heat");
    const MapView v = twente_view(1200, 900);
    ExportOptions o = paper("A5", 200, true, ImageFormat::Pdf);
    // A stand-in overlay: half-transparent Okabe-Ito blue over the whole tile.
    o.render.overlay = [](const Camera&) {
        glClearColor(0.0f, 0.447f * 0.5f, 0.698f * 0.5f, 0.5f);  // premultiplied, as the blending leaves it
        glClear(GL_COLOR_BUFFER_BIT);
    };
    const ExportResult r = export_map(e.renderer, v, (dir / "heat.pdf").string(), o);
    ASSERT_TRUE(r.ok()) << r.error;
    // One image, at the export's pixel size (A5 landscape at 200 dpi).
    const std::string list = run("pdfimages -list '" + (dir / "heat.pdf").string() + "'");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(list, m, std::regex("\\n\\s*1\\s+\\d+\\s+image\\s+(\\d+)\\s+(\\d+)"))) << list;
    EXPECT_EQ(std::stoi(m[1]), o.size.w);
    EXPECT_EQ(std::stoi(m[2]), o.size.h);
    // Rendered, a spot in the open (no symbol, no label) is the blend of the base map and the overlay.
    int st = -1;
    run("pdftoppm -r 30 -png -singlefile '" + (dir / "heat.pdf").string() + "' '" + (dir / "p").string() + "'", &st);
    ASSERT_EQ(st, 0);
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load((dir / "p.png").string().c_str(), &w, &h, &n, 4);
    ASSERT_NE(px, nullptr);
    const unsigned char* c = px + (size_t(h / 2) * w + 3) * 4;  // the left edge, mid height: German backdrop
    const RGBA bg = base_colours().germany;
    EXPECT_NEAR(c[0], (bg.r * 0.5) * 255, 6);
    EXPECT_NEAR(c[1], (bg.g * 0.5 + 0.447 * 0.5) * 255, 6);
    EXPECT_NEAR(c[2], (bg.b * 0.5 + 0.698 * 0.5) * 255, 6);
    stbi_image_free(px);
    fs::remove_all(dir);
}

TEST(VectorExport, A0PosterIsSmallerThanThePngAt300Dpi) {
    Env& e = env();
    const fs::path dir = scratch("a0");
    const MapView v = twente_view(1200, 900);
    const ExportResult pdf = export_map(e.renderer, v, (dir / "poster.pdf").string(), paper("A0", 300, false, ImageFormat::Pdf));
    ASSERT_TRUE(pdf.ok()) << pdf.error;
    const auto wh = page_size_pt(dir / "poster.pdf");
    EXPECT_NEAR(wh[0], 2383.94, 0.05);
    EXPECT_NEAR(wh[1], 3370.39, 0.05);
    int st = -1;
    run("pdftoppm -r 4 -png -singlefile '" + (dir / "poster.pdf").string() + "' '" + (dir / "p").string() + "'", &st);
    EXPECT_EQ(st, 0);  // it renders
    const ExportResult png = export_map(e.renderer, v, (dir / "poster.png").string(), paper("A0", 300, false, ImageFormat::Png));
    ASSERT_TRUE(png.ok()) << png.error;
    const auto pdf_bytes = fs::file_size(dir / "poster.pdf"), png_bytes = fs::file_size(dir / "poster.png");
    std::printf("A0 poster: PDF %.2f MiB, PNG 300 dpi %.2f MiB\n", pdf_bytes / 1048576.0, png_bytes / 1048576.0);
    EXPECT_LT(pdf_bytes, png_bytes);
    fs::remove_all(dir);
}

TEST(VectorExport, WriteFailureKeepsTheOldFile) {
    Env& e = env();
    const fs::path dir = scratch("fail");
    const fs::path p = dir / "map.pdf";
    std::ofstream(p) << "old";
    ExportOptions o = paper("A5", 100, false, ImageFormat::Pdf);
    o.write_hook = [](size_t) { return false; };
    const ExportResult r = export_map(e.renderer, twente_view(600, 400), p.string(), o);
    EXPECT_EQ(r.code, kExportWriteError);
    EXPECT_NE(r.error.find("map.pdf"), std::string::npos) << r.error;
    std::ifstream f(p);
    std::string s;
    f >> s;
    EXPECT_EQ(s, "old");
    size_t n = 0;
    for (const auto& x : fs::directory_iterator(dir)) n += !x.path().empty();
    EXPECT_EQ(n, 1u);  // no temporary file left
    fs::remove_all(dir);
}

TEST(VectorExport, CliWritesAHandoutOfTheDeck) {
    env();
    LangGuard g(Lang::NL);
    const fs::path dir = scratch("handout");
    const std::string deck = (dir / "deck.json").string();
    std::ofstream(deck) << R"({"trekkaart_scenes": 1, "title": "Testdeck", "scenes": [
      {"id": "enschede", "title": "Enschede", "caption": {"nl": "Eerste bijschrift over Enschede", "en": "First caption"},
       "camera": {"crs": "rd", "bbox": [250000, 465000, 262000, 475000]}, "layers": {"choropleth": "density"}},
      {"title": "Almelo", "caption": {"nl": "Tweede bijschrift over Almelo en omgeving", "en": "Second caption"},
       "camera": {"crs": "rd", "centre": [233000, 488000], "zoom": 12}}
    ]})";
    auto cli = [](std::vector<std::string> args) {
        args.insert(args.begin(), "export");
        args.push_back("--quiet");
        std::vector<char*> argv;
        for (auto& s : args) argv.push_back(s.data());
        return run_export_cli(int(argv.size()), argv.data());
    };
    const std::string out = (dir / "out").string() + "/";
    ASSERT_EQ(cli({"--scene", deck, "--paper", "A4", "--landscape", "--dpi", "100", "--format", "pdf", "--out", out}),
              kExportOk);
    const fs::path pdf = fs::path(out) / "deck.pdf";
    ASSERT_TRUE(fs::exists(pdf));
    int pages = 0;
    const auto wh = page_size_pt(pdf, &pages);
    EXPECT_EQ(pages, 2);
    EXPECT_NEAR(wh[0], 841.89, 0.05);
    EXPECT_NEAR(wh[1], 595.28, 0.05);
    const std::string p1 = pdf_text(pdf, 1), p2 = pdf_text(pdf, 2);
    EXPECT_NE(p1.find("Eerste bijschrift over Enschede"), std::string::npos) << p1;
    EXPECT_EQ(p1.find("Tweede bijschrift"), std::string::npos);
    EXPECT_NE(p2.find("Tweede bijschrift over Almelo en omgeving"), std::string::npos) << p2;
    EXPECT_NE(p2.find("Almelo"), std::string::npos);
    const std::string info = run("pdfinfo '" + pdf.string() + "'");
    EXPECT_TRUE(std::regex_search(info, std::regex("Title:\\s+Testdeck\\n"))) << info;
    // One scene (#N) as SVG; the format and the name must agree.
    EXPECT_EQ(cli({"--scene", deck + "#2", "--paper", "A5", "--dpi", "100", "--out", (dir / "two.svg").string()}),
              kExportOk);
    EXPECT_TRUE(fs::exists(dir / "two.svg"));
    EXPECT_EQ(cli({"--paper", "A5", "--format", "pdf", "--out", (dir / "x.png").string()}), kExportUsage);  // (says so)
    fs::remove_all(dir);
}
