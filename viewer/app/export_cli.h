// `trekkaart export ...`: map images for analysts from the command line, no display needed (SDL offscreen).
//
//   trekkaart export --out PATH  (--size WxH [--dpi D] | --paper A0..A5 [--dpi D] [--landscape] | --preset NAME)
//                    [--scene FILE[#N]] [--bbox minx,miny,maxx,maxy] [--title TEXT] [--lang nl|en]
//                    [--format png|jpg|tif|geotiff|pdf|svg] [--choropleth density|inhabitants|age25_45|none]
//                    [--heatmap METRIC [--category KEY] [--mode KEY] [--threshold MIN] [--venue ID]] [--data]
//                    [--sites FILE|saved] [--add x,y[,cat]]... [--move ID x,y]... [--remove ID]... [--best K]
//                    [--hide LAYER,...] [--ui-scale S] [--quality Q] [--date YYYY-MM-DD] [--estimate]
//                    [--no-furniture] [--no-sidecars] [--max-tile N] [--samples N] [--roads FILE] [--quiet]
//   trekkaart export --scene FILE --video talk.mp4 [--size WxH] [--seconds-per-scene S] [--fps N] [--lang nl|en]
//                    (the deck as a video: export_video.cpp)
//
// The options are one CLI11 subcommand of `trekkaart` (viewer/app/cli.cpp), so --help is generated from them.
// Exit codes (viewer::ExportCode): 0 ok, 1 data/scene file error, 2 usage, 3 GL/render failure,
// 4 write failure (old file untouched), 5 impossible size. Details: docs/export.md.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "geo/io/dataset.h"
#include "viewer/app/site_options.h"
#include "viewer/model/scenes.h"
#include "viewer/output/export.h"

namespace CLI {
class App;
}

namespace viewer {

struct ExportCliArgs {
    std::string out;                   // --out
    std::string scene_file;            // --scene FILE
    int scene_index = 0;               // #N (1-based); 0 = every scene
    std::optional<geo::BBox> bbox;     // --bbox, RD metres
    std::string title;                 // --title
    std::string lang = "nl";
    std::optional<ImageFormat> format; // --format (else from --out's extension, else png)
    OutputSize size;                   // from --size/--paper/--preset (+ --dpi)
    std::string choropleth;            // "" = default (density)
    std::vector<std::string> hide;     // layer names
    std::string heatmap;               // --heatmap: an analysis metric key (viewer/engine/analysis.h)
    std::string category = "pop", mode = "bike", venue;
    float threshold_min = 15;
    SiteArgs s;                        // what-if sites of --heatmap what_if / best_site (site_options.h)
    std::string population = "all", weights = "strategy";  // issue 17: --population, --weights (composite)
    bool data = false;                 // --data: the surface as float32 GeoTIFF + the figures per municipality CSV
    float ui_scale = 0;
    int quality = 92;
    std::string date;
    bool estimate = false, furniture = true, sidecars = true, quiet = false;
    int max_tile = 0, samples = -1;    // 0 / -1: the ExportOptions defaults
    std::string roads;                 // --roads FILE ("" = $TREKKAART_ROADS)
    std::vector<std::string> layers;   // --layer PATH[,LAYER], repeatable: the user's layers, in every image
    // issue 12: --project FILE.trekkaart: its layers, view and analysis (the options given override them)
    std::string project;
    std::set<std::string> given;       // the options given on the command line ("--category", ...): given_options
    // issue 14: the deck as a video (--video FILE.mp4 instead of --out; needs --scene FILE; size default 1920x1080)
    std::string video;
    double seconds_per_scene = 6;
    int fps = 30;
    // As given; finish_export_args turns them into size, bbox and scene_file/scene_index.
    std::string size_text, paper, preset, scene_text, bbox_text, format_text;
    double dpi = 0;
    bool landscape = false;
};

// The options of `trekkaart export`, bound to a, checked value by value (names, ranges, "did you mean").
void add_export_options(CLI::App& sub, ExportCliArgs& a);
// After parsing: what depends on several options (one size, --format against --out, --scene or --bbox ...).
// Returns "" or a usage error message.
std::string finish_export_args(ExportCliArgs& a);
// Parses the arguments after "export" (add_export_options + finish_export_args). Returns "" or a usage error message.
std::string parse_export_args(const std::vector<std::string>& args, ExportCliArgs& a);
// The view options (--title, --choropleth, --hide) on top of a scene or the default view.
void apply_view_options(const ExportCliArgs& a, MapView& v);
// An existing folder, or a path ending in '/'.
bool is_folder(const std::string& p);
// The line printed after a usage error.
extern const char* const kExportUsageLine;

// The output file for scene n (1-based) of `count` scenes: PATH with "{n}" replaced by the zero-padded number
// (and "{id}" by the scene id, or the number when it has none); a directory (existing, or ending in '/') gets
// "scene-NN<ext>" (or "NN-<id><ext>"). A plain file name is only valid for a single scene: "" otherwise.
std::string scene_output_path(const std::string& out, int n, int count, const std::string& id, ImageFormat f);

// The scenes file of --scene checked against the data (venue ids, ...); on an error it prints
// "trekkaart export: file:line:col: ..." and returns nothing (exit code 1).
// user_layers: the session's (a project's, --layer's), which a scene may name as "user:NAME".
std::optional<Deck> load_export_deck(const std::string& path, const geo::Dataset& data,
                                     const std::vector<UserLayerEntry>& user_layers = {});

// The export itself, after parsing. Returns the exit code.
int run_export(const ExportCliArgs& a);
// The deck of a.scene_file as an MP4 video into a.video (export_video.cpp). Returns the exit code; Ctrl+C
// (SIGINT) or SIGTERM cancels it with kExportCancelled and leaves no file behind.
int run_video_export(const ExportCliArgs& a);
// Parses and runs the subcommand; argv[0] == "export". Returns the exit code.
int run_export_cli(int argc, char** argv);

}  // namespace viewer
