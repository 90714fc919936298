// `trekkaart analyse ...`: the analysis as data files, headless (no GL, no display), for analysts to take away.
//
//   trekkaart analyse --out PREFIX [--metric KEY] [--category KEY] [--mode KEY] [--threshold MIN]
//                     [--beta B] [--t50 MIN] [--k K] [--kernel-radius M] [--venue ID] [--sites FILE|saved]
//                     [--add x,y[,category]]... [--move ID x,y]... [--remove ID]... [--best K]
//                     [--population all|25_45] [--weights CAT=W,...|strategy] [--access within_T|gravity]
//                     [--venues SPEC [--name-field F] [--category-field F] [--capacity-field F] [--id-field F]
//                      [--venues-extend]] [--zones SPEC [--zone-name-field F]]
//                     [--roads FILE] [--lang nl|en] [--timings] [--quiet]
//
// Writes <prefix>.surface.tif (float32 GeoTIFF, EPSG:28992), <prefix>.isochrones.gpkg (travel_time and reach),
// <prefix>.figures.csv + <prefix>.figures.gpkg (the figures per municipality, with their polygons) and
// <prefix>.summary.json, through viewer/output/data_writers.h. PREFIX that is a folder (existing, or ending in
// '/') gets the metric key as file prefix; a missing folder is created.
// Exit codes: 0 ok, 1 data error, 2 usage (also an unknown --venue or site number), 3 the analysis failed,
// 4 write failure (the previous files are left untouched).
#pragma once
#include <set>
#include <string>
#include <vector>

#include "viewer/app/site_options.h"

namespace CLI {
class App;
}

namespace viewer {

struct AnalyseArgs {
    std::string out;                       // --out PREFIX
    std::string metric;                    // "" = travel_time (best_site with --best)
    std::string category = "pop", mode = "bike";
    float threshold_min = 15;
    float beta = 0.1f, t50 = 15, k = 0.3f;  // AnalysisParams' decay parameters
    double kernel_radius_m = 10000;
    std::string venue;                     // --venue ID (reach)
    SiteArgs s;                            // --sites, --add, --move, --remove, --best (site_options.h)
    std::string population = "all";        // --population all|25_45 (issue 17)
    std::string weights = "strategy";      // --weights third_place=2,pop=1 | strategy (composite)
    std::string access = "within_T";       // --access within_T|gravity (composite)
    std::string venues;                    // --venues SPEC: the user's point layer as the venue set
    std::string name_field, category_field, capacity_field, id_field;  // its fields (geo/io/user_venues.h)
    bool venues_extend = false;            // --venues-extend: add to the catalogue instead of replacing
    std::string zones, zone_name_field;    // --zones SPEC: a polygon layer as zones of the figures (issue 12)
    std::string roads;
    std::vector<std::string> layers;  // --layer: read and checked (a message per layer); not yet used by the analysis
    std::string lang = "nl";
    bool timings = false, quiet = false;
    // issue 12: --project FILE.trekkaart: its analysis settings, what-if sites, venue edits and layers; the
    // options given (given_options) override its settings.
    std::string project;
    std::set<std::string> given;
};

void add_analyse_options(CLI::App& sub, AnalyseArgs& a);
// After parsing: what depends on several options. Returns "" or a usage error message.
std::string finish_analyse_args(AnalyseArgs& a);
extern const char* const kAnalyseUsageLine;
// The analysis after parsing. Returns the exit code.
int run_analyse(const AnalyseArgs& a);

}  // namespace viewer
