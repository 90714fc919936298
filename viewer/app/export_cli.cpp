#include "viewer/app/export_cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>

#include "viewer/app/cli_options.h"
#include "viewer/model/vocabulary.h"
#include "viewer/output/video.h"

namespace viewer {

namespace fs = std::filesystem;

const char* const kExportUsageLine =
    "usage: trekkaart export --out PATH SIZE [VIEW] [OPTIONS]   or   trekkaart export --scene FILE --video FILE.mp4 "
    "[--size WxH]\n       (trekkaart export --help: every option)\n";

namespace {

struct Layer {
    const char* name;
    bool LayerToggles::*flag;
};
const Layer kLayers[] = {{"countries", &LayerToggles::countries}, {"context", &LayerToggles::context},
                         {"choropleth", &LayerToggles::choropleth}, {"outlines", &LayerToggles::outlines},
                         {"province", &LayerToggles::province},     {"border", &LayerToggles::border},
                         {"rail", &LayerToggles::rail},             {"stations", &LayerToggles::stations},
                         {"venues", &LayerToggles::venues},         {"labels", &LayerToggles::labels},
                         {"places", &LayerToggles::places}};

std::vector<std::string> layer_names() {
    std::vector<std::string> n;
    for (const auto& l : kLayers) n.push_back(l.name);
    return n;
}

std::optional<Choropleth> parse_choropleth(const std::string& s) {
    if (s == "density") return Choropleth::Density;
    if (s == "inhabitants") return Choropleth::Inhabitants;
    if (s == "age25_45") return Choropleth::Age25_45;
    if (s == "none") return Choropleth::None;
    return std::nullopt;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t a = 0;
    while (true) {
        size_t b = s.find(sep, a);
        out.push_back(s.substr(a, b == std::string::npos ? std::string::npos : b - a));
        if (b == std::string::npos) break;
        a = b + 1;
    }
    return out;
}

// minx,miny,maxx,maxy in RD metres with max > min; "" or what is wrong.
std::string parse_bbox(const std::string& v, geo::BBox* out) {
    const auto p = split(v, ',');
    double b[4];
    if (p.size() != 4 || !parse_double(p[0], b[0]) || !parse_double(p[1], b[1]) || !parse_double(p[2], b[2]) ||
        !parse_double(p[3], b[3]))
        return "expects minx,miny,maxx,maxy in RD metres, e.g. 250000,460000,265000,475000";
    if (!(b[2] > b[0] && b[3] > b[1])) return "maxx must exceed minx and maxy must exceed miny";
    if (out) *out = geo::BBox{b[0], b[1], b[2], b[3]};
    return "";
}

// FILE or FILE#N with N >= 1; "" or what is wrong.
std::string parse_scene(const std::string& v, std::string* file, int* index) {
    const size_t hash = v.rfind('#');
    int n = 0;
    if (hash != std::string::npos && (!parse_int(v.substr(hash + 1), n) || n < 1))
        return "the scene number after # must be 1 or more, not \"" + v + "\"";
    if (file) *file = v.substr(0, hash);
    if (index) *index = n;
    return "";
}

CLI::Validator checked_by(std::string (*parse)(const std::string&), const std::string& desc) {
    return CLI::Validator([parse](std::string& v) { return parse(v); }, desc);
}

std::string zero_pad(int n, int count) {
    const int digits = std::max(2, int(std::to_string(count).size()));
    std::string s = std::to_string(n);
    return std::string(size_t(std::max(0, digits - int(s.size()))), '0') + s;
}

void replace_all(std::string& s, const std::string& what, const std::string& with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
}

std::vector<std::string> preset_names() {
    std::vector<std::string> n;
    for (const auto& e : export_presets()) n.push_back(e.name);
    return n;
}

void add_size_options(CLI::App& sub, ExportCliArgs& a) {
    const char* g = "SIZE (one of)";
    sub.add_option("--size", a.size_text, "pixels (1..65535 a side); --dpi stores D and sizes the furniture for print")
        ->check(size_wxh(2147483647, "4000x3000"))->type_name("WxH")->group(g);  // too large: exit code 5 later
    sub.add_option("--paper", a.paper, "ISO paper A0..A5 at --dpi (default 300), portrait unless --landscape")
        ->check(key_in("paper size", {"A0", "A1", "A2", "A3", "A4", "A5"},
                       [](const std::string& v) { return paper_size(v, 300, false).has_value(); }))->type_name("A0..A5")->group(g);
    sub.add_option("--preset", a.preset, "a4-portrait-150 ... a3-landscape-300, slide-hd (1920x1080), slide-4k")
        ->check(key_in("preset", preset_names(), [](const std::string& v) { return find_preset(v).has_value(); }))->type_name("NAME")->group(g);
    sub.add_option("--dpi", a.dpi, "dots per inch stored in the file (with --size, --paper or --preset)")
        ->check(number_in(10, 4800, false, "a number from 10 to 4800"))->type_name("D")->group(g);
    sub.add_flag("--landscape,!--portrait", a.landscape, "paper in landscape (or portrait, the default)")->group(g);
}

void add_view_options(CLI::App& sub, ExportCliArgs& a) {
    const char* g = "VIEW (default: all of Twente)";
    sub.add_option("--scene", a.scene_text,
                   "scene N (1-based) of a scenes file; without #N every scene, and PATH is a folder or a pattern "
                   "with {n} (and/or {id})")
        ->check(checked_by([](const std::string& v) { return parse_scene(v, nullptr, nullptr); }, ""))
        ->type_name("FILE[#N]")->group(g);
    sub.add_option("--bbox", a.bbox_text, "extent in RD New metres (EPSG:28992), fitted into the image")
        ->check(checked_by([](const std::string& v) { return parse_bbox(v, nullptr); }, ""))
        ->type_name("minx,miny,maxx,maxy")->group(g);
    sub.add_option("--title", a.title, "title (a scene's own title otherwise)")->type_name("TEXT")->group(g);
    sub.add_option("--choropleth", a.choropleth, "colour the municipalities by (default density; none with --heatmap)")
        ->check(key_in("choropleth", {"density", "inhabitants", "age25_45", "none"}))->type_name("KEY")->group(g);
    sub.add_option("--hide", a.hide, "layers not to draw")
        ->delimiter(',')->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->check(key_in("layer", layer_names()))->type_name("LAYER,...")->group(g);
    sub.add_option("--heatmap", a.heatmap, "analysis overlay (computed first)")
        ->check(key_in("metric", metric_keys()))->type_name("METRIC")->group(g);
    sub.add_option("--category", a.category, "venue category of the metric (default pop)")
        ->check(key_in("venue category", category_keys()))->type_name("KEY")->group(g);
    sub.add_option("--mode", a.mode, "travel mode of the metric (default bike)")
        ->check(key_in("travel mode", mode_keys()))->type_name("KEY")->group(g);
    sub.add_option("--threshold", a.threshold_min, "T in minutes (default 15)")
        ->check(number_in(0, 600, true, "minutes (0..600]"))->type_name("MIN")->group(g);
    sub.add_option("--venue", a.venue, "the venue of 'reach' (an id of assets/venues.csv)")->type_name("ID")->group(g);
    sub.add_option("--population", a.population, "whose inhabitants count: all (default) or 25_45")
        ->check(key_in("population", population_keys()))->type_name("KEY")->group(g);
    sub.add_option("--weights", a.weights, "composite: weight per category, e.g. third_place=2,pop=1 (default "
                                           "'strategy': the rank weights third_place=2,pop=1)")
        ->check(weights_in())->type_name("CAT=W,...")->group(g);
    sub.add_flag("--data", a.data,
                 "also write the heatmap's analysis as data, as `analyse` does: <name>.surface.tif (float32 "
                 "GeoTIFF), .isochrones.gpkg, .figures.csv, .figures.gpkg, .summary.json")->group(g);
    add_site_options(sub, a.s, "WHAT-IF SITES of --heatmap what_if / best_site / travel_time (numbered 1..: "
                               "--sites first, then --add)");
    sub.add_option("--roads", a.roads, "road network (OSM PBF/XML or GeoPackage) for the travel times "
                                       "(default $TREKKAART_ROADS, else straight-line estimates)")
        ->type_name("FILE")->group(g);
    sub.add_option("--layer", a.layers, "a layer of your own (any GDAL source: file, PATH,LAYER, /vsizip/..., PG:...; repeatable, drawn in this "
                  "order; README: Your own data)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->check(layer_spec())->type_name("PATH[,LAYER]")->group(g);
    sub.add_option("--project", a.project, "a project file (docs/project.md): its layers and styles, its view (unless "
                                           "--bbox or --scene), its analysis overlay and what-if sites; options given "
                                           "override the project's")
        ->type_name("FILE.trekkaart")->group(g);
}

void add_output_options(CLI::App& sub, ExportCliArgs& a) {
    const char* g = "OPTIONS";
    sub.add_option("--out", a.out, "the file, or a folder / {n} pattern for several scenes")
        ->type_name("PATH")->group(g);
    sub.add_option("--format", a.format_text,
                   "default: from PATH's extension (.tif = GeoTIFF), else png; pdf and svg are vector (a PDF of "
                   "--scene FILE without #N is one handout, a page per scene)")
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                return parse_format(v) ? "" : "expects png, jpg, tif, geotiff, pdf or svg, not \"" + v + "\"";
            },
            "{png,jpg,tif,geotiff,pdf,svg}"))
        ->type_name("FORMAT")->group(g);
    sub.add_option("--lang", a.lang, "language of the legend and attribution (default nl)")
        ->check(key_in("language", {"nl", "en"}))->type_name("LANG")->group(g);
    sub.add_option("--ui-scale", a.ui_scale, "text/symbol scale (default: dpi/96, or by pixel count for screens)")
        ->check(number_in(0.25, 16, false, "a number from 0.25 to 16"))->type_name("S")->group(g);
    sub.add_option("--quality", a.quality, "JPEG quality (default 92)")
        ->check(int_in(1, 100, "1..100"))->type_name("Q")->group(g);
    sub.add_option("--date", a.date, "date line (default today)")->type_name("YYYY-MM-DD")->group(g);
    sub.add_flag("--estimate", a.estimate, "add the note that travel times are estimates (no road network)")->group(g);
    sub.add_flag_callback("--no-furniture", [&a] { a.furniture = false; },
                          "no title, legend, scale bar, north arrow, attribution")->group(g);
    sub.add_flag_callback("--no-sidecars", [&a] { a.sidecars = false; },
                          "no world file (.pgw/.jgw/.tfw) and .prj beside png/jpg/tif")->group(g);
    sub.add_option("--max-tile", a.max_tile, "tile size (default 2048)")
        ->check(int_in(16, 2147483647, "a number >= 16"))->type_name("N")->group(g);
    sub.add_option("--samples", a.samples, "MSAA samples (default auto)")
        ->check(int_in(0, 16, "0..16"))->type_name("N")->group(g);
    sub.add_flag("-q,--quiet", a.quiet, "no progress on stderr")->group(g);
}

// issue 14: the deck as a video.
void add_video_options(CLI::App& sub, ExportCliArgs& a) {
    const char* g = "VIDEO (the deck of --scene FILE played through, docs/presenter.md)";
    sub.add_option("--video", a.video, "write the deck as an H.264 MP4 video instead of pictures (size default "
                                       "1920x1080, even)")
        ->type_name("FILE.mp4")->group(g);
    sub.add_option("--seconds-per-scene", a.seconds_per_scene, "rest on each scene (default 6), besides the flights")
        ->check(number_in(0, 3600, true, "seconds (0..3600]"))->type_name("S")->group(g);
    sub.add_option("--fps", a.fps, "frames per second (default 30)")->check(int_in(1, 120, "1..120"))->type_name("N")->group(g);
}

// After parsing, for --video: "" or a usage error.
std::string finish_video_args(ExportCliArgs& a) {
    if (!a.out.empty()) return "give either --out (pictures) or --video (the deck as a video), not both";
    if (a.scene_file.empty()) return "--video needs --scene FILE (the deck to play)";
    if (a.scene_index > 0) return "--video plays the whole deck: give --scene FILE without #N";
    if (!a.paper.empty()) return "--video takes --size WxH or --preset, not --paper";
    for (const auto& [given, name] : {std::pair<bool, const char*>{!a.format_text.empty(), "--format"},
                                      {!a.heatmap.empty(), "--heatmap"}, {a.data, "--data"}, {!a.bbox_text.empty(), "--bbox"}})
        if (given) return std::string(name) + " is not for --video";
    if (a.size_text.empty() && a.preset.empty()) a.size_text = "1920x1080";
    const std::string ext = fs::path(a.video).extension().string();
    if (ext != ".mp4" && ext != ".MP4") return "--video " + a.video + ": the file name must end in .mp4";
    return "";
}

}  // namespace

void add_export_options(CLI::App& sub, ExportCliArgs& a) {
    set_option_defaults(sub);
    sub.description("Map images for analysts, no display needed: posters, slides, GeoTIFF, the analysis as "
                    "GeoTIFF + CSV (docs/export.md).");
    sub.footer("exit codes: 0 ok, 1 data or scene file error, 2 usage, 3 OpenGL/render failure,\n"
               "            4 write failure (the previous file is left untouched), 5 impossible size");
    add_size_options(sub, a);
    add_view_options(sub, a);
    add_output_options(sub, a);
    add_video_options(sub, a);
}

std::string finish_export_args(ExportCliArgs& a) {
    if (!a.scene_text.empty()) parse_scene(a.scene_text, &a.scene_file, &a.scene_index);
    if (!a.bbox_text.empty()) {
        geo::BBox b;
        parse_bbox(a.bbox_text, &b);
        a.bbox = b;
    }
    if (!a.format_text.empty()) a.format = parse_format(a.format_text);
    if (!a.video.empty()) {
        if (std::string e = finish_video_args(a); !e.empty()) return e;
    } else if (a.out.empty()) {
        return "give the output: --out PATH (pictures) or --video FILE.mp4 (the deck as a video)";
    }
    const int sizes = !a.size_text.empty() + !a.paper.empty() + !a.preset.empty();
    if (sizes != 1) return sizes == 0 ? "give the output size: --size WxH, --paper A4 or --preset NAME"
                                      : "give only one of --size, --paper and --preset";
    if (!a.size_text.empty()) {
        int w = 0, h = 0;
        parse_wxh(a.size_text, w, h);
        a.size = {w, h, a.dpi};  // too large: checked by run_export (exit code 5)
    } else if (!a.paper.empty()) {
        a.size = *paper_size(a.paper, a.dpi > 0 ? a.dpi : 300, a.landscape);
    } else {
        a.size = *find_preset(a.preset);
        if (a.dpi > 0) a.size.dpi = a.dpi;
    }
    if (!a.video.empty()) {
        VideoOptions vo;
        vo.w = a.size.w;
        vo.h = a.size.h;
        vo.fps = a.fps;
        return check_video_options(vo);
    }
    // The format and the file name must agree (a folder or pattern takes the format's extension).
    if (a.format && !is_folder(a.out)) {
        auto from_name = format_from_path(a.out);
        const bool tiff_family = (*a.format == ImageFormat::Tiff || *a.format == ImageFormat::GeoTiff) &&
                                 from_name == ImageFormat::GeoTiff;
        if (from_name && *from_name != *a.format && !tiff_family)
            return "--out " + a.out + " does not match --format " + format_name(*a.format);
    }
    if (a.s.best > 0 && a.heatmap.empty()) a.heatmap = "best_site";
    if (!a.scene_file.empty() && a.bbox) return "give either --scene or --bbox, not both";
    if (!a.scene_file.empty() && !a.heatmap.empty()) return "--heatmap is for views without --scene (scenes bring their own)";
    if (a.data && a.heatmap.empty() && a.scene_file.empty() && a.project.empty()) return "--data needs --heatmap";
    if (a.heatmap == "reach" && a.venue.empty() && a.s.add.empty() && a.s.sites.empty())
        return "--heatmap reach needs --venue ID";
    const bool sites = !a.s.sites.empty() || !a.s.add.empty() || !a.s.move.empty() || !a.s.remove.empty();
    if ((sites || a.s.best > 0) && a.heatmap.empty()) return "what-if sites need --heatmap what_if (or travel_time)";
    return a.heatmap.empty() ? "" : finish_site_args(a.s, a.heatmap, !a.project.empty());
}

std::string parse_export_args(const std::vector<std::string>& args, ExportCliArgs& a) {
    CLI::App sub("", "trekkaart export");
    add_export_options(sub, a);
    std::vector<std::string> rev(args.rbegin(), args.rend());  // CLI11 takes them last first
    try {
        sub.parse(std::move(rev));
    } catch (const CLI::ParseError& e) {
        return e.what();  // --help too: not a set of export arguments
    }
    return finish_export_args(a);
}

bool is_folder(const std::string& p) {
    std::error_code ec;
    return (!p.empty() && p.back() == '/') || fs::is_directory(p, ec);
}

void apply_view_options(const ExportCliArgs& a, MapView& v) {
    if (!a.title.empty()) v.title = a.title;
    if (!a.choropleth.empty()) {
        v.choropleth = *parse_choropleth(a.choropleth);
        v.layers.choropleth = v.choropleth != Choropleth::None;
    } else if (!a.heatmap.empty()) {
        // One scale per picture (issue 13): a heatmap replaces the density choropleth unless --choropleth asks
        // for both.
        v.layers.choropleth = false;
    }
    for (const auto& h : a.hide)
        for (const auto& l : kLayers)
            if (h == l.name) v.layers.*l.flag = false;
}

std::string scene_output_path(const std::string& out, int n, int count, const std::string& id, ImageFormat f) {
    const std::string num = zero_pad(n, count);
    if (out.find("{n}") != std::string::npos || out.find("{id}") != std::string::npos) {
        std::string p = out;
        replace_all(p, "{n}", num);
        replace_all(p, "{id}", id.empty() ? num : id);
        if (!format_from_path(p)) p += format_extension(f);
        return p;
    }
    if (is_folder(out)) {
        const std::string dir = out.back() == '/' ? out : out + "/";
        return dir + (id.empty() ? "scene-" + num : num + "-" + id) + format_extension(f);
    }
    if (count == 1) return format_from_path(out) ? out : out + format_extension(f);
    return "";
}

int run_export_cli(int argc, char** argv) {
    CLI::App sub("", "trekkaart export");
    ExportCliArgs a;
    add_export_options(sub, a);
    std::string err;
    const int code = parse_args(sub, std::vector<std::string>(argv + 1, argv + argc), err);
    if (code == 0) return kExportOk;  // --help
    if (code < 0) err = finish_export_args(a);
    a.given = given_options(sub);
    if (!err.empty()) {
        std::fprintf(stderr, "trekkaart export: %s\n%s", err.c_str(), kExportUsageLine);
        return kExportUsage;
    }
    return run_export(a);
}

}  // namespace viewer
