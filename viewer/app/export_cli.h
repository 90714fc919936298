// `trekkaart export ...`: map images for analysts from the command line, no display needed (SDL offscreen).
//
//   trekkaart export --out PATH  (--size WxH [--dpi D] | --paper A0..A5 [--dpi D] [--landscape] | --preset NAME)
//                    [--scene FILE[#N]] [--bbox minx,miny,maxx,maxy] [--title TEXT] [--lang nl|en]
//                    [--format png|jpg|tif|geotiff] [--choropleth density|inhabitants|age25_45|none]
//                    [--heatmap METRIC [--category KEY] [--mode KEY] [--threshold MIN] [--venue ID]] [--data]
//                    [--hide LAYER,...] [--ui-scale S] [--quality Q] [--date YYYY-MM-DD] [--estimate]
//                    [--no-furniture] [--no-sidecars] [--max-tile N] [--samples N] [--quiet]
//
// Exit codes (viewer::ExportCode): 0 ok, 1 data/scene file error, 2 usage, 3 GL/render failure,
// 4 write failure (old file untouched), 5 impossible size. Details: docs/export.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "viewer/output/export.h"

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
    bool data = false;                 // --data: the surface as float32 GeoTIFF + the figures per municipality CSV
    float ui_scale = 0;
    int quality = 92;
    std::string date;
    bool estimate = false, furniture = true, sidecars = true, quiet = false;
    int max_tile = 0, samples = -1;    // 0 / -1: the ExportOptions defaults
};

// Parses the arguments after "export". Returns "" or a usage error message.
std::string parse_export_args(const std::vector<std::string>& args, ExportCliArgs& a);

// The output file for scene n (1-based) of `count` scenes: PATH with "{n}" replaced by the zero-padded number
// (and "{id}" by the scene id, or the number when it has none); a directory (existing, or ending in '/') gets
// "scene-NN<ext>" (or "NN-<id><ext>"). A plain file name is only valid for a single scene: "" otherwise.
std::string scene_output_path(const std::string& out, int n, int count, const std::string& id, ImageFormat f);

// The whole subcommand; argv[0] == "export". Returns the exit code.
int run_export_cli(int argc, char** argv);

}  // namespace viewer
