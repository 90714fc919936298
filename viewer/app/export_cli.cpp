#include "viewer/app/export_cli.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "geo/io/venue_edits.h"
#include "geo/io/geotiff.h"
#include "geo/io/table_csv.h"
#include "viewer/engine/analysis.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/heatmap.h"
#include "viewer/model/i18n.h"
#include "viewer/present/scene_heatmaps.h"
#include "viewer/model/scenes.h"

namespace viewer {

namespace fs = std::filesystem;

namespace {

const char* kUsage =
    "usage: trekkaart export --out PATH SIZE [VIEW] [OPTIONS]\n"
    "SIZE (one of):\n"
    "  --size WxH [--dpi D]            pixels (1..65535 a side); --dpi stores D and sizes the furniture for print\n"
    "  --paper A0..A5 [--dpi D] [--landscape]   ISO paper at D dpi (default 300)\n"
    "  --preset NAME                   a4-portrait-150 ... a3-landscape-300, slide-hd (1920x1080), slide-4k\n"
    "VIEW (default: all of Twente):\n"
    "  --scene FILE[#N]                scene N (1-based) of a scenes file; without #N every scene, and PATH is\n"
    "                                  a folder or a pattern with {n} (and/or {id})\n"
    "  --bbox minx,miny,maxx,maxy      extent in RD New metres (EPSG:28992), fitted into the image\n"
    "  --title TEXT                    title (a scene's own title otherwise)\n"
    "  --choropleth density|inhabitants|age25_45|none\n"
    "  --hide LAYER,...                countries,context,choropleth,outlines,province,border,rail,stations,\n"
    "                                  venues,labels,places\n"
    "  --heatmap METRIC                analysis overlay: population, travel_time, within_T, gravity,\n"
    "                                  gravity_logistic, 2sfca, e2sfca, density, reach (computed first)\n"
    "  --category KEY --mode KEY       venue category (default pop) and travel mode (walk, bike, ebike, car,\n"
    "                                  bike_train; default bike) of the metric\n"
    "  --threshold MIN --venue ID      T in minutes (default 15); the venue of 'reach'\n"
    "  --data                          also write the surface (<name>.surface.tif, float32 GeoTIFF) and the\n"
    "                                  figures per municipality (<name>.figures.csv) of the heatmap\n"
    "OPTIONS:\n"
    "  --format png|jpg|tif|geotiff    default: from PATH's extension (.tif = GeoTIFF), else png\n"
    "  --lang nl|en                    language of the legend and attribution (default nl)\n"
    "  --ui-scale S                    text/symbol scale (default: dpi/96, or by pixel count for screens)\n"
    "  --quality Q                     JPEG quality 1..100 (default 92)\n"
    "  --date YYYY-MM-DD               date line (default today)\n"
    "  --estimate                      add the note that travel times are estimates (no road network)\n"
    "  --no-furniture                  no title, legend, scale bar, north arrow, attribution\n"
    "  --no-sidecars                   no world file (.pgw/.jgw/.tfw) and .prj beside png/jpg/tif\n"
    "  --max-tile N, --samples N       tile size (default 2048) and MSAA samples (default auto)\n"
    "  --quiet                         no progress on stderr\n"
    "exit codes: 0 ok, 1 data or scene file error, 2 usage, 3 OpenGL/render failure,\n"
    "            4 write failure (the previous file is left untouched), 5 impossible size\n";

int usage_error(const std::string& msg) {
    std::fprintf(stderr, "trekkaart export: %s\n%s", msg.c_str(), kUsage);
    return kExportUsage;
}

bool parse_int(const std::string& s, int& v) {
    char* end = nullptr;
    long x = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end || x < -2147483647L || x > 2147483647L) return false;
    v = int(x);
    return true;
}

bool parse_double(const std::string& s, double& v) {
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return !s.empty() && !*end && std::isfinite(v);
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

bool* layer_flag(LayerToggles& l, const std::string& name) {
    if (name == "countries") return &l.countries;
    if (name == "context") return &l.context;
    if (name == "choropleth") return &l.choropleth;
    if (name == "outlines") return &l.outlines;
    if (name == "province") return &l.province;
    if (name == "border") return &l.border;
    if (name == "rail") return &l.rail;
    if (name == "stations") return &l.stations;
    if (name == "venues") return &l.venues;
    if (name == "labels") return &l.labels;
    if (name == "places") return &l.places;
    return nullptr;
}

std::optional<Choropleth> parse_choropleth(const std::string& s) {
    if (s == "density") return Choropleth::Density;
    if (s == "inhabitants") return Choropleth::Inhabitants;
    if (s == "age25_45") return Choropleth::Age25_45;
    if (s == "none") return Choropleth::None;
    return std::nullopt;
}

std::string zero_pad(int n, int count) {
    const int digits = std::max(2, int(std::to_string(count).size()));
    std::string s = std::to_string(n);
    return std::string(size_t(std::max(0, digits - int(s.size()))), '0') + s;
}

void replace_all(std::string& s, const std::string& what, const std::string& with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
}

bool is_folder(const std::string& p) {
    std::error_code ec;
    return (!p.empty() && p.back() == '/') || fs::is_directory(p, ec);
}

// The view options that apply on top of a scene or the default view.
void apply_view_options(const ExportCliArgs& a, MapView& v) {
    if (!a.title.empty()) v.title = a.title;
    if (!a.choropleth.empty()) {
        v.choropleth = *parse_choropleth(a.choropleth);
        v.layers.choropleth = v.choropleth != Choropleth::None;
    }
    for (const auto& h : a.hide) *layer_flag(v.layers, h) = false;
}

struct Job {
    MapView seen;
    std::string path;
    std::string name;                     // for messages: "scene 3" or the file name
    std::optional<AnalysisParams> heat;   // the overlay to compute and draw
};

int venue_index(const geo::Dataset& d, const std::string& id) {
    for (size_t i = 0; i < d.venues.size(); ++i)
        if (d.venues[i].id == id) return int(i);
    return -1;
}

std::string stem_of(const std::string& path) {
    const fs::path p(path);
    return (p.parent_path() / p.stem()).string();
}

}  // namespace

std::string parse_export_args(const std::vector<std::string>& args, ExportCliArgs& a) {
    std::string size, paper, preset;
    double dpi = 0;
    bool landscape = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        auto value = [&](std::string& v) -> bool {
            if (i + 1 >= args.size()) return false;
            v = args[++i];
            return true;
        };
        std::string v;
        auto need = [&](const char* opt) { return std::string(opt) + " needs a value"; };
        if (s == "--out") {
            if (!value(a.out)) return need("--out");
        } else if (s == "--scene") {
            if (!value(v)) return need("--scene");
            const size_t hash = v.rfind('#');
            a.scene_file = v.substr(0, hash);
            if (hash != std::string::npos && (!parse_int(v.substr(hash + 1), a.scene_index) || a.scene_index < 1))
                return "--scene " + v + ": the scene number after # must be 1 or more";
        } else if (s == "--bbox") {
            if (!value(v)) return need("--bbox");
            auto p = split(v, ',');
            double b[4];
            if (p.size() != 4 || !parse_double(p[0], b[0]) || !parse_double(p[1], b[1]) || !parse_double(p[2], b[2]) ||
                !parse_double(p[3], b[3]))
                return "--bbox expects minx,miny,maxx,maxy in RD metres, e.g. 250000,460000,265000,475000";
            if (!(b[2] > b[0] && b[3] > b[1])) return "--bbox: maxx must exceed minx and maxy must exceed miny";
            a.bbox = geo::BBox{b[0], b[1], b[2], b[3]};
        } else if (s == "--title") {
            if (!value(a.title)) return need("--title");
        } else if (s == "--lang") {
            if (!value(a.lang)) return need("--lang");
            if (a.lang != "nl" && a.lang != "en") return "--lang expects nl or en";
        } else if (s == "--format") {
            if (!value(v)) return need("--format");
            a.format = parse_format(v);
            if (!a.format) return "--format expects png, jpg, tif or geotiff";
        } else if (s == "--size") {
            if (!value(size)) return need("--size");
        } else if (s == "--paper") {
            if (!value(paper)) return need("--paper");
        } else if (s == "--preset") {
            if (!value(preset)) return need("--preset");
        } else if (s == "--dpi") {
            if (!value(v)) return need("--dpi");
            if (!parse_double(v, dpi) || dpi < 10 || dpi > 4800) return "--dpi expects a number from 10 to 4800";
        } else if (s == "--landscape") {
            landscape = true;
        } else if (s == "--portrait") {
            landscape = false;
        } else if (s == "--choropleth") {
            if (!value(a.choropleth)) return need("--choropleth");
            if (!parse_choropleth(a.choropleth)) return "--choropleth expects density, inhabitants, age25_45 or none";
        } else if (s == "--hide") {
            if (!value(v)) return need("--hide");
            LayerToggles probe;
            for (const auto& name : split(v, ',')) {
                if (!layer_flag(probe, name)) return "--hide: unknown layer '" + name + "'";
                a.hide.push_back(name);
            }
        } else if (s == "--heatmap") {
            if (!value(a.heatmap)) return need("--heatmap");
            Metric m;
            if (!metric_from_key(a.heatmap, m)) return "--heatmap: unknown metric '" + a.heatmap + "'";
            if (m == Metric::WhatIf || m == Metric::BestSite)
                return "--heatmap " + a.heatmap + " needs what-if candidates: use the app";
        } else if (s == "--category") {
            if (!value(a.category)) return need("--category");
            geo::Category c;
            if (!geo::category_from_key(a.category, c)) return "--category: unknown venue category '" + a.category + "'";
        } else if (s == "--mode") {
            if (!value(a.mode)) return need("--mode");
            geo::Mode md;
            if (!geo::mode_from_key(a.mode, md)) return "--mode expects walk, bike, ebike, car or bike_train";
        } else if (s == "--threshold") {
            double t;
            if (!value(v) || !parse_double(v, t) || t <= 0 || t > 600) return "--threshold expects minutes (0..600]";
            a.threshold_min = float(t);
        } else if (s == "--venue") {
            if (!value(a.venue)) return need("--venue");
        } else if (s == "--data") {
            a.data = true;
        } else if (s == "--ui-scale") {
            double x;
            if (!value(v) || !parse_double(v, x) || x < 0.25 || x > 16) return "--ui-scale expects a number from 0.25 to 16";
            a.ui_scale = float(x);
        } else if (s == "--quality") {
            if (!value(v) || !parse_int(v, a.quality) || a.quality < 1 || a.quality > 100)
                return "--quality expects 1..100";
        } else if (s == "--date") {
            if (!value(a.date)) return need("--date");
        } else if (s == "--estimate") {
            a.estimate = true;
        } else if (s == "--no-furniture") {
            a.furniture = false;
        } else if (s == "--no-sidecars") {
            a.sidecars = false;
        } else if (s == "--max-tile") {
            if (!value(v) || !parse_int(v, a.max_tile) || a.max_tile < 16) return "--max-tile expects a number >= 16";
        } else if (s == "--samples") {
            if (!value(v) || !parse_int(v, a.samples) || a.samples < 0 || a.samples > 16) return "--samples expects 0..16";
        } else if (s == "--quiet" || s == "-q") {
            a.quiet = true;
        } else {
            return "unknown argument '" + s + "'";
        }
    }
    if (a.out.empty()) return "--out PATH is required";
    const int sizes = !size.empty() + !paper.empty() + !preset.empty();
    if (sizes != 1) return sizes == 0 ? "give the output size: --size WxH, --paper A4 or --preset NAME"
                                      : "give only one of --size, --paper and --preset";
    if (!size.empty()) {
        int w = 0, h = 0;
        char x = 0, extra = 0;
        if (std::sscanf(size.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || w < 1 || h < 1)
            return "--size expects WxH, e.g. 4000x3000";
        a.size = {w, h, dpi};  // too large: checked by run_export_cli (exit code 5)
    } else if (!paper.empty()) {
        auto p = paper_size(paper, dpi > 0 ? dpi : 300, landscape);
        if (!p) return "--paper expects A0, A1, A2, A3, A4 or A5";
        a.size = *p;
    } else {
        auto p = find_preset(preset);
        if (!p) {
            std::string names;
            for (const auto& e : export_presets()) names += std::string(names.empty() ? "" : ", ") + e.name;
            return "--preset: unknown '" + preset + "' (known: " + names + ")";
        }
        a.size = *p;
        if (dpi > 0) a.size.dpi = dpi;
    }
    // The format and the file name must agree (a folder or pattern takes the format's extension).
    if (a.format && !is_folder(a.out)) {
        auto from_name = format_from_path(a.out);
        const bool tiff_family = (*a.format == ImageFormat::Tiff || *a.format == ImageFormat::GeoTiff) &&
                                 from_name == ImageFormat::GeoTiff;
        if (from_name && *from_name != *a.format && !tiff_family)
            return "--out " + a.out + " does not match --format " + format_name(*a.format);
    }
    if (!a.scene_file.empty() && a.bbox) return "give either --scene or --bbox, not both";
    if (!a.scene_file.empty() && !a.heatmap.empty()) return "--heatmap is for views without --scene (scenes bring their own)";
    if (a.data && a.heatmap.empty() && a.scene_file.empty()) return "--data needs --heatmap";
    if (a.heatmap == "reach" && a.venue.empty()) return "--heatmap reach needs --venue ID";
    return "";
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
    std::vector<std::string> args(argv + 1, argv + argc);
    for (const auto& s : args)
        if (s == "-h" || s == "--help") {
            std::fputs(kUsage, stdout);
            return kExportOk;
        }
    ExportCliArgs a;
    if (std::string err = parse_export_args(args, a); !err.empty()) return usage_error(err);
    set_lang(a.lang == "en" ? Lang::EN : Lang::NL);
    const ImageFormat fmt = a.format ? *a.format : format_from_path(a.out).value_or(ImageFormat::Png);
    if (!a.out.empty() && a.out.back() == '/') {  // an explicit folder ("posters/") is created when missing
        std::error_code ec;
        fs::create_directories(a.out, ec);
        if (ec) {
            std::fprintf(stderr, "trekkaart export: cannot create the folder %s (%s)\n", a.out.c_str(), ec.message().c_str());
            return kExportWriteError;
        }
    }
    {  // Impossible sizes fail before the data is loaded.
        ExportOptions probe;
        probe.size = a.size;
        probe.format = fmt;
        if (a.max_tile > 0) probe.max_tile = a.max_tile;
        probe.samples = a.samples;
        const size_t need = export_memory_needed(probe), avail = available_memory() / 10 * 9;
        if (a.size.w > kMaxExportSide || a.size.h > kMaxExportSide || need > avail) {
            char msg[200];
            if (need > avail)
                std::snprintf(msg, sizeof msg, "needs about %.1f GiB of memory, %.1f GiB may be used", need / 1073741824.0,
                              avail / 1073741824.0);
            else
                std::snprintf(msg, sizeof msg, "at most %d pixels a side", kMaxExportSide);
            std::fprintf(stderr, "trekkaart export: %dx%d px is impossible: %s\n", a.size.w, a.size.h, msg);
            return kExportSizeError;
        }
    }

    geo::Dataset data;
    try {
        data = geo::load_dataset();
        // The user's venue edits, as in the window (named in the attribution of every export).
        const std::string edits = geo::default_venue_edits_path();
        for (auto& w : geo::load_user_venue_edits(data, edits)) data.warnings.push_back(std::move(w));
        if (data.venue_edits > 0 && !a.quiet)
            std::fprintf(stderr, "trekkaart export: %d venue edit(s) from %s applied\n", data.venue_edits, edits.c_str());
        for (const auto& w : data.warnings)
            if (!a.quiet) std::fprintf(stderr, "trekkaart export: warning: %s\n", w.c_str());
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "trekkaart export: cannot load the map data:\n  %s\n", e.what());
        return kExportDataError;
    }

    // What to export: the scenes of a file, or one view (--bbox, or all of Twente).
    std::vector<Job> jobs;
    if (!a.scene_file.empty()) {
        Deck deck;
        try {
            const SceneCatalog cat = SceneCatalog::from(data);
            deck = load_deck(a.scene_file, &cat);
        } catch (const geo::DataError& e) {
            std::fprintf(stderr, "trekkaart export: %s\n", e.what());
            return kExportDataError;
        }
        const int n_scenes = int(deck.scenes.size());
        if (n_scenes == 0 || a.scene_index > n_scenes) {
            std::fprintf(stderr, "trekkaart export: %s: %s\n", a.scene_file.c_str(),
                         n_scenes == 0 ? "the file has no scenes"
                                       : ("there is no scene " + std::to_string(a.scene_index) + " (the file has " +
                                          std::to_string(n_scenes) + ")").c_str());
            return kExportDataError;
        }
        const int first = a.scene_index > 0 ? a.scene_index : 1, last = a.scene_index > 0 ? a.scene_index : n_scenes;
        const int count = last - first + 1;
        for (int n = first; n <= last; ++n) {
            const Scene& s = deck.scenes[size_t(n - 1)];
            Job j;
            // What the presenter shows on a 16:9 screen; export_camera fits that into the output.
            j.seen.cam = scene_camera(s.camera, 1920, 1080);
            apply_scene(s, j.seen);
            j.seen.title = s.title.current();
            apply_view_options(a, j.seen);
            j.name = "scene " + std::to_string(n);
            j.path = scene_output_path(a.out, count == 1 ? 1 : n, count == 1 ? 1 : n_scenes, s.id, fmt);
            if (j.path.empty())
                return usage_error("--out " + a.out + ": exporting " + std::to_string(count) +
                                   " scenes needs a folder or a file name pattern with {n}");
            if (s.heatmap) {
                AnalysisParams p;
                const std::string why = scene_heatmap_params(s, data, p);
                if (why.empty()) j.heat = p;
                else if (!a.quiet)
                    std::fprintf(stderr, "trekkaart export: warning: %s: heatmap (%s) not exported: %s\n", j.name.c_str(),
                                 metric_key(s.heatmap->measure), why.c_str());
            }
            for (const WhatIf& w : s.whatif) {  // hypothetical sites, labelled
                MapView::SiteMark m;
                m.pos = w.pos;
                geo::category_from_key(w.category, m.category);
                m.label = w.label.current();
                j.seen.sites.push_back(m);
            }
            jobs.push_back(std::move(j));
        }
    } else {
        Job j;
        const int W = a.size.w, H = a.size.h;
        geo::BBox b = a.bbox ? *a.bbox : data.twente_bbox.grown(0.04 * std::max(data.twente_bbox.width(),
                                                                                 data.twente_bbox.height()));
        j.seen.cam.w = W;
        j.seen.cam.h = H;
        j.seen.cam.centre = b.centre();
        j.seen.cam.mpp = std::max(b.width() / W, b.height() / H);
        apply_view_options(a, j.seen);
        if (!a.heatmap.empty()) {
            AnalysisParams p;
            metric_from_key(a.heatmap, p.metric);
            geo::category_from_key(a.category, p.category);
            geo::mode_from_key(a.mode, p.mode);
            p.threshold_min = a.threshold_min;
            if (!a.venue.empty() && (p.venue = venue_index(data, a.venue)) < 0) {
                std::fprintf(stderr, "trekkaart export: --venue %s: no venue with that id\n", a.venue.c_str());
                return kExportDataError;
            }
            j.heat = p;
        }
        j.path = scene_output_path(a.out, 1, 1, "", fmt);
        if (is_folder(a.out)) j.path = (a.out.back() == '/' ? a.out : a.out + "/") + "trekkaart" + format_extension(fmt);
        j.name = fs::path(j.path).filename().string();
        jobs.push_back(std::move(j));
    }

    std::unique_ptr<GLContext> ctx;
    std::unique_ptr<MapRenderer> renderer;
    try {
        ctx = std::make_unique<GLContext>();
        renderer = std::make_unique<MapRenderer>(data);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart export: OpenGL: %s\n", e.what());
        return kExportRenderError;
    }

    // Analysis overlays: computed on the analysis worker (cached between scenes), drawn by one Heatmap.
    std::unique_ptr<Analysis> analysis;
    std::unique_ptr<Heatmap> heat;
    const float ui_scale = a.ui_scale > 0 ? a.ui_scale : furniture_scale(a.size);

    const bool tty = isatty(fileno(stderr));
    int first_failure = kExportOk, done = 0;
    for (size_t k = 0; k < jobs.size(); ++k) {
        const Job& j = jobs[k];
        ExportOptions o;
        o.size = a.size;
        o.format = fmt;
        o.ui_scale = a.ui_scale;
        o.furniture = a.furniture;
        o.sidecars = a.sidecars;
        o.estimate = a.estimate;
        o.date = a.date;
        o.jpeg_quality = a.quality;
        if (a.max_tile > 0) o.max_tile = a.max_tile;
        o.samples = a.samples;
        const std::string tag = jobs.size() > 1 ? "[" + std::to_string(k + 1) + "/" + std::to_string(jobs.size()) + "] " : "";
        std::optional<AnalysisResult> res;
        if (j.heat) {
            if (!analysis) {
                AnalysisOptions ao;
                ao.candidates_path = "-";  // never touch the user's what-if candidates
                analysis = std::make_unique<Analysis>(data, ao);
                heat = std::make_unique<Heatmap>();
            }
            if (!a.quiet)
                std::fprintf(stderr, "trekkaart export: %scomputing %s...\n", tag.c_str(), heatmap_title(*j.heat, data).c_str());
            analysis->request(*j.heat);
            AnalysisResult r;
            if (!analysis->wait(900) || !analysis->poll(r)) {
                std::fprintf(stderr, "trekkaart export: %s%s: analysis failed: %s\n", tag.c_str(), j.name.c_str(),
                             analysis->error().empty() ? "timed out" : analysis->error().c_str());
                if (first_failure == kExportOk) first_failure = kExportDataError;
                continue;
            }
            res = std::move(r);
            heat->set_grid(res->surface);
            const HeatmapStyle st = heatmap_style(*res, ui_scale);
            const bool est = res->estimate && metric_uses_mode(res->params.metric);
            o.render.overlay = [&heat, &renderer, st](const Camera& tc) { heat->draw(tc, renderer->origin(), st); };
            o.render.ramps.push_back(heatmap_legend(*res, st, data));
            o.estimate = o.estimate || est;
        }
        int last_pct = -1;
        if (!a.quiet)
            o.progress = [&](double f, const char* stage) {
                const int pct = int(f * 100);
                if (std::string(stage) != "render" || pct == last_pct) return;
                if (tty) {
                    std::fprintf(stderr, "\rtrekkaart export: %s%s: rendering %3d%%", tag.c_str(), j.path.c_str(), pct);
                } else if (pct / 25 != last_pct / 25 || last_pct < 0) {
                    std::fprintf(stderr, "trekkaart export: %s%s: rendering %d%%\n", tag.c_str(), j.path.c_str(), pct);
                }
                last_pct = pct;
            };
        const ExportResult r = export_map(*renderer, j.seen, j.path, o);
        if (tty && last_pct >= 0) std::fputc('\n', stderr);
        if (!r.ok()) {
            std::fprintf(stderr, "trekkaart export: %s%s\n", tag.c_str(), r.error.c_str());
            if (first_failure == kExportOk) first_failure = r.code;
            if (r.code == kExportRenderError) break;  // the GL is unlikely to recover for the next scene
            continue;
        }
        if (a.data && res) {  // the analysis behind the picture, for GIS and spreadsheets
            const std::string tif = stem_of(j.path) + ".surface.tif", csv = stem_of(j.path) + ".figures.csv";
            try {
                geo::GeoTiffOptions g;
                g.description = heatmap_title(res->params, data) + " (" + metric_unit_en(res->params.metric) + ")";
                g.metadata = {{"TREKKAART_METRIC", metric_key(res->params.metric)},
                              {"TREKKAART_CATEGORY", geo::category_key(res->params.category)},
                              {"TREKKAART_MODE", geo::mode_key(res->params.mode)},
                              {"TREKKAART_THRESHOLD_MIN", std::to_string(res->params.threshold_min)},
                              {"TREKKAART_UNIT", metric_unit_en(res->params.metric)}};
                if (res->estimate && metric_uses_mode(res->params.metric))
                    g.metadata.push_back({"ESTIMATE", "estimate: no road network loaded"});
                geo::write_geotiff(res->surface, tif, g);
                geo::write_csv(figures_table(data, *res), csv);
            } catch (const geo::DataError& e) {
                std::fprintf(stderr, "trekkaart export: %s%s\n", tag.c_str(), e.what());
                if (first_failure == kExportOk) first_failure = kExportWriteError;
                continue;
            }
            if (!a.quiet) std::fprintf(stderr, "trekkaart export: %swrote %s, %s\n", tag.c_str(), tif.c_str(), csv.c_str());
        }
        ++done;
        if (!a.quiet) {
            std::string extra;
            for (size_t i = 1; i < r.files.size(); ++i) extra += (i == 1 ? " + " : ", ") + fs::path(r.files[i]).filename().string();
            std::fprintf(stderr, "trekkaart export: %swrote %s (%dx%d px%s, ui scale %.2f, %.1f s)%s\n", tag.c_str(),
                         j.path.c_str(), a.size.w, a.size.h,
                         a.size.dpi > 0 ? (", " + std::to_string(int(std::lround(a.size.dpi))) + " dpi").c_str() : "",
                         r.ui_scale, r.timings.wall_s, extra.c_str());
        }
    }
    if (jobs.size() > 1 && first_failure != kExportOk)
        std::fprintf(stderr, "trekkaart export: %d of %zu scenes exported\n", done, jobs.size());
    return first_failure;
}

}  // namespace viewer
