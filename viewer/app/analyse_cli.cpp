#include "viewer/app/analyse_cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>

#include "geo/core/error.h"
#include "geo/io/user_layer.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/app/cli_options.h"
#include "viewer/app/export_cli.h"  // is_folder
#include "viewer/app/session.h"
#include "viewer/app/site_options.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/candidates.h"
#include "viewer/model/i18n.h"
#include "viewer/model/vocabulary.h"
#include "viewer/output/data_writers.h"

namespace viewer {

namespace fs = std::filesystem;

const char* const kAnalyseUsageLine =
    "usage: trekkaart analyse --out PREFIX [--metric KEY] [OPTIONS]   (trekkaart analyse --help: every option)\n";

namespace {

constexpr int kOk = 0, kDataError = 1, kUsage = 2, kAnalysisError = 3, kWriteError = 4;

void add_metric_options(CLI::App& sub, AnalyseArgs& a) {
    const char* g = "METRIC";
    sub.add_option("--metric", a.metric, "what to compute (default travel_time; best_site with --best)")
        ->check(key_in("metric", metric_keys()))->type_name("KEY")->group(g);
    sub.add_option("--category", a.category, "venue category (default pop)")
        ->check(key_in("venue category", category_keys()))->type_name("KEY")->group(g);
    sub.add_option("--mode", a.mode, "travel mode (default bike)")
        ->check(key_in("travel mode", mode_keys()))->type_name("KEY")->group(g);
    sub.add_option("--threshold", a.threshold_min, "T in minutes (default 15)")
        ->check(number_in(0, 600, true, "minutes (0..600]"))->type_name("MIN")->group(g);
    sub.add_option("--beta", a.beta, "decay per minute of gravity (default 0.1)")
        ->check(number_in(0, 10, true, "a number in (0..10]"))->type_name("B")->group(g);
    sub.add_option("--t50", a.t50, "minutes at half weight of gravity_logistic (default 15)")
        ->check(number_in(0, 600, true, "minutes (0..600]"))->type_name("MIN")->group(g);
    sub.add_option("--k", a.k, "steepness of gravity_logistic (default 0.3)")
        ->check(number_in(0, 10, true, "a number in (0..10]"))->type_name("K")->group(g);
    sub.add_option("--kernel-radius", a.kernel_radius_m, "kernel radius of venue_density in metres (default 10000)")
        ->check(number_in(500, 100000, false, "metres from 500 to 100000"))->type_name("M")->group(g);
    sub.add_option("--venue", a.venue, "the venue of reach (an id of the venues catalogue)")->type_name("ID")->group(g);
    sub.add_option("--population", a.population, "whose inhabitants count: all, or 25_45 (the CBS band closest to "
                                                  "the target group aged 20-40; default all)")
        ->check(key_in("population", population_keys()))->type_name("KEY")->group(g);
    sub.add_option("--weights", a.weights, "composite: weight per category, e.g. third_place=2,pop=1; 'strategy' "
                                           "(default): the strategy's order as rank weights third_place=2,pop=1")
        ->check(weights_in())->type_name("CAT=W,...")->group(g);
    sub.add_option("--access", a.access, "composite: per-category access, within_T (venues within T, default) or "
                                         "gravity (exp(-beta t))")
        ->check(key_in("access", {"within_T", "gravity"}))->type_name("KEY")->group(g);
}

void add_venue_options(CLI::App& sub, AnalyseArgs& a) {
    const char* g = "YOUR OWN VENUES (README: trekkaart analyse)";
    sub.add_option("--venues", a.venues, "a point layer of yours as the venues (any GDAL source); it replaces the "
                                         "catalogue's venues of the categories it holds")
        ->check(layer_spec())->type_name("PATH[,LAYER]")->group(g);
    sub.add_option("--name-field", a.name_field, "its field of the venue's name")->type_name("FIELD")->group(g);
    sub.add_option("--category-field", a.category_field, "its field of the category key (pop, theatre, library, "
                                                         "...); without it every point is of --category")
        ->type_name("FIELD")->group(g);
    sub.add_option("--capacity-field", a.capacity_field, "its field of the capacity (2SFCA, gravity weights)")
        ->type_name("FIELD")->group(g);
    sub.add_option("--id-field", a.id_field, "its field of a unique id (--venue, --move, --remove)")
        ->type_name("FIELD")->group(g);
    sub.add_flag("--venues-extend", a.venues_extend, "add them to the catalogue instead of replacing it")->group(g);
    sub.add_option("--zones", a.zones, "a polygon layer of yours (e.g. neighbourhoods) as zones of the figures: "
                                       "rows per zone beside the municipalities")
        ->check(layer_spec())->type_name("PATH[,LAYER]")->group(g);
    sub.add_option("--zone-name-field", a.zone_name_field, "its field of the zone's name")->type_name("FIELD")->group(g);
}

// The user's venues (--venues) into the session's data: replacing the catalogue's venues of the categories they
// hold, or added (--venues-extend). Returns kOk or the exit code after printing why.
int apply_user_venues(const AnalyseArgs& a, geo::Dataset& data) {
    VenueSetMapping m;
    m.name_field = a.name_field;
    m.category_field = a.category_field;
    m.capacity_field = a.capacity_field;
    m.id_field = a.id_field;
    geo::category_from_key(a.category, m.fixed_category);
    m.extend = a.venues_extend;
    VenueSetSwitch sw(data);  // the window's switch, one conversion (engine/user_analysis.h)
    std::string note, err;
    try {
        geo::UserLayerOptions lo;
        lo.region = data.region_bbox;
        err = sw.use(geo::read_user_layer(a.venues, lo), 0, m, &note);
    } catch (const geo::DataError& e) {
        err = e.what();
    }
    if (!err.empty()) {
        std::fprintf(stderr, "trekkaart analyse: --venues: %s\n", err.c_str());
        return kDataError;
    }
    if (!a.quiet) {
        std::fprintf(stderr, "trekkaart analyse: %zu venues from %s (%s the catalogue's of their categories)\n",
                     sw.count(), a.venues.c_str(), a.venues_extend ? "added to" : "replacing");
        if (!note.empty()) std::fprintf(stderr, "trekkaart analyse: --venues: %s\n", note.c_str());
    }
    return kOk;
}

// --zones: the polygon layer as zones of the figures. Returns kOk or kDataError after printing why.
int read_zones(const AnalyseArgs& a, const geo::Dataset& data, AnalysisParams& p) {
    try {
        geo::UserLayerOptions lo;
        lo.region = data.region_bbox;
        p.zones = std::make_shared<const geo::ZoneSet>(
            geo::zones_from_layer(geo::read_user_layer(a.zones, lo), a.zone_name_field));
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "trekkaart analyse: --zones: %s\n", e.what());
        return kDataError;
    }
    if (!a.quiet)
        std::fprintf(stderr, "trekkaart analyse: %zu zones from %s\n", p.zones->geoms.size(), a.zones.c_str());
    return kOk;
}

void add_output_options(CLI::App& sub, AnalyseArgs& a) {
    const char* g = "OUTPUT";
    sub.add_option("--out", a.out, "file prefix, or a folder (files named after the metric); created when missing")
        ->required()->type_name("PREFIX")->group(g);
    sub.add_option("--roads", a.roads, "road network (OSM PBF/XML or GeoPackage) for the travel times "
                                       "(default $TREKKAART_ROADS, else straight-line estimates)")
        ->type_name("FILE")->group(g);
    sub.add_option("--layer", a.layers, "a layer of your own (any GDAL source: file, PATH,LAYER, /vsizip/..., PG:...; repeatable, drawn in this "
                  "order; checked and reported; README: Your own data)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->check(layer_spec())->type_name("PATH[,LAYER]")->group(g);
    sub.add_option("--project", a.project, "a project file (docs/project.md): its analysis settings, what-if sites, "
                                           "venue edits and layers; the options given override its settings")
        ->type_name("FILE.trekkaart")->group(g);
    sub.add_option("--lang", a.lang, "language of titles (default nl)")
        ->check(key_in("language", {"nl", "en"}))->type_name("LANG")->group(g);
    sub.add_flag("--timings", a.timings, "print the time of each phase (load, compute, each write) on stderr")
        ->group(g);
    sub.add_flag("-q,--quiet", a.quiet, "no progress on stderr")->group(g);
}

// The parameters from the options and the data (venue ids, sites). Returns kOk or the exit code after printing why.
// With a project (issue 12), its settings are the start and only the options given replace them.
int analysis_params(const AnalyseArgs& a, const geo::Dataset& data, const Project* project, AnalysisParams& p) {
    const auto given = [&](const char* opt) { return !project || a.given.count(opt) > 0; };
    if (project) p = project->analysis.params;
    if (given("--metric") || given("--best")) metric_from_key(a.metric, p.metric);
    if (given("--category")) geo::category_from_key(a.category, p.category);
    if (given("--mode")) geo::mode_from_key(a.mode, p.mode);
    if (given("--threshold")) p.threshold_min = a.threshold_min;
    if (given("--beta")) p.beta = a.beta;
    if (given("--t50")) p.t50 = a.t50;
    if (given("--k")) p.k = a.k;
    if (given("--kernel-radius")) p.kernel_radius_m = a.kernel_radius_m;
    if (given("--population")) population_from_key(a.population, p.population);
    if (given("--weights")) {
        p.weights = strategy_rank_weights();
        if (a.weights != "strategy") parse_weights(a.weights, p.weights);  // checked by the command line
    }
    if (given("--access")) p.composite_gravity = a.access == "gravity";
    p.venue = -1;
    p.candidates.clear();
    auto usage = [](const std::string& msg) {
        std::fprintf(stderr, "trekkaart analyse: %s\n%s", msg.c_str(), kAnalyseUsageLine);
        return kUsage;
    };
    if (!a.venue.empty() && (p.venue = find_venue(data, a.venue)) < 0)
        return usage("--venue: " + unknown_venue_message(data, a.venue));
    std::string msg;
    SiteArgs sa = a.s;
    if (project) sa.project_sites = project->whatif;
    switch (apply_site_args(sa, data, p, msg)) {
        case SiteError::None: break;
        case SiteError::Data: std::fprintf(stderr, "trekkaart analyse: %s\n", msg.c_str()); return kDataError;
        case SiteError::Usage: return usage(msg);
    }
    return kOk;
}

struct Clock {
    bool on;
    std::chrono::steady_clock::time_point t = std::chrono::steady_clock::now();
    void lap(const std::string& what) {
        const auto now = std::chrono::steady_clock::now();
        if (on) std::fprintf(stderr, "trekkaart analyse: %-28s %8.0f ms\n", what.c_str(),
                             std::chrono::duration<double, std::milli>(now - t).count());
        t = now;
    }
};

// <prefix>: PREFIX, or FOLDER/<metric key>; the folder is created when missing. "" after printing why not.
std::string output_prefix(const AnalyseArgs& a, Metric m) {
    const bool folder = is_folder(a.out);
    const fs::path dir = folder ? fs::path(a.out) : fs::path(a.out).parent_path();
    std::error_code ec;
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec || (!dir.empty() && !fs::is_directory(dir))) {
        std::fprintf(stderr, "trekkaart analyse: --out %s: cannot create the folder %s (%s)\n", a.out.c_str(),
                     dir.string().c_str(), ec ? ec.message().c_str() : "not a folder");
        return "";
    }
    return folder ? (dir / metric_key(m)).string() : a.out;
}

}  // namespace

void add_analyse_options(CLI::App& sub, AnalyseArgs& a) {
    set_option_defaults(sub);
    sub.description("The analysis as data, headless (no display): surface GeoTIFF, isochrones and figures as "
                    "GeoPackage, figures CSV, summary JSON (README: trekkaart analyse).");
    sub.footer("exit codes: 0 ok, 1 data error, 2 usage, 3 the analysis failed, 4 write failure\n"
               "example: trekkaart analyse --metric travel_time --category pop --mode bike --out results/");
    add_metric_options(sub, a);
    add_site_options(sub, a.s, "WHAT-IF SITES (numbered 1.. in order: --sites first, then --add)");
    add_venue_options(sub, a);
    add_output_options(sub, a);
}

std::string finish_analyse_args(AnalyseArgs& a) {
    if (a.s.best > 0 && a.metric.empty()) a.metric = "best_site";
    if (a.metric.empty()) a.metric = "travel_time";
    return finish_site_args(a.s, a.metric, !a.project.empty());
}

int run_analyse(const AnalyseArgs& a) {
    set_lang(a.lang == "en" ? Lang::EN : Lang::NL);
    Clock clock{a.timings};
    SessionOptions so;
    so.who = "trekkaart analyse";
    so.roads = a.roads;
    so.layers = a.layers;
    so.quiet = a.quiet;
    so.project = a.project;
    so.own_venues = !a.venues.empty();  // they replace the project's venue set and zones
    so.own_zones = !a.zones.empty();
    std::optional<Session> session = load_session(so);
    if (!session) return kDataError;
    if (!a.venues.empty())
        if (int code = apply_user_venues(a, session->data); code != kOk) return code;
    const geo::Dataset& data = session->data;
    AnalysisParams p;
    if (int code = analysis_params(a, data, session->project ? &*session->project : nullptr, p); code != kOk)
        return code;
    const std::string prefix = output_prefix(a, p.metric);  // the metric may be the project's
    if (prefix.empty()) return kWriteError;
    p.zones = session->zones;  // the project's zones layer (issue 12), unless --zones
    if (!a.zones.empty())
        if (int code = read_zones(a, data, p); code != kOk) return code;
    clock.lap("load");

    AnalysisOptions ao = session->analysis;
    ao.candidates_path = "-";  // never touch the user's what-if candidates
    AnalysisResult r;
    {
        Analysis an(data, ao);
        if (!a.quiet) std::fprintf(stderr, "trekkaart analyse: computing %s...\n", metric_key(p.metric));
        an.request(p);
        if (!an.wait(1800) || !an.poll(r)) {
            std::fprintf(stderr, "trekkaart analyse: the analysis failed: %s\n",
                         an.error().empty() ? "timed out" : an.error().c_str());
            return kAnalysisError;
        }
    }
    clock.lap("compute " + std::string(metric_key(p.metric)));

    try {
        write_analysis_files(data, r, prefix, [&](const std::string& path) {
            if (!a.quiet) std::fprintf(stderr, "trekkaart analyse: wrote %s\n", path.c_str());
            clock.lap("write " + path.substr(prefix.size() + 1));
        });
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart analyse: %s\n", e.what());
        return kWriteError;
    }
    return kOk;
}

}  // namespace viewer
