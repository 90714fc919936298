#include "viewer/app/analyse_cli.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>

#include "geo/core/error.h"
#include "viewer/app/cli_options.h"
#include "viewer/app/export_cli.h"  // is_folder
#include "viewer/app/session.h"
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

// "x,y" (RD metres) and, with_category, an optional ",category"; "" or what is wrong.
std::string parse_site(const std::string& v, bool with_category, Candidate* out) {
    std::vector<std::string> p;
    for (size_t a = 0;;) {
        const size_t b = v.find(',', a);
        p.push_back(v.substr(a, b == std::string::npos ? b : b - a));
        if (b == std::string::npos) break;
        a = b + 1;
    }
    Candidate c;
    const std::string expects = with_category ? "x,y[,category] in RD metres, e.g. 257000,471000,pop"
                                              : "x,y in RD metres, e.g. 257000,471000";
    if (p.size() < 2 || p.size() > (with_category ? 3u : 2u) || !parse_double(p[0], c.pos.x) ||
        !parse_double(p[1], c.pos.y))
        return "expects " + expects + ", not \"" + v + "\"";
    if (p.size() == 3 && !geo::category_from_key(p[2], c.category)) {
        const std::string best = closest_key(p[2], category_keys(), 3);
        return "unknown venue category \"" + p[2] + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?");
    }
    if (out) *out = c;
    return "";
}

CLI::Validator site_check(bool with_category) {
    return CLI::Validator([with_category](std::string& v) { return parse_site(v, with_category, nullptr); }, "");
}

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
}

void add_site_options(CLI::App& sub, AnalyseArgs& a) {
    const char* g = "WHAT-IF SITES (numbered 1.. in order: --sites first, then --add)";
    sub.add_option("--sites", a.sites, "the sites of a candidates file; 'saved': the ones the app keeps "
                                       "(read only, never changed)")->type_name("FILE")->group(g);
    sub.add_option("--add", a.add, "a site at x,y (RD metres), of --category unless given; repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->check(site_check(true))->type_name("x,y[,cat]")
        ->group(g);
    sub.add_option("--move", a.move, "move site N to x,y; repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->expected(2)->type_name("N x,y")->group(g);
    sub.add_option("--remove", a.remove, "leave site N out; repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->type_name("N")->group(g);
    sub.add_option("--best", a.best, "suggest the K best new sites (metric best_site)")
        ->check(int_in(1, 20, "1..20"))->type_name("K")->group(g);
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
    sub.add_option("--lang", a.lang, "language of titles (default nl)")
        ->check(key_in("language", {"nl", "en"}))->type_name("LANG")->group(g);
    sub.add_flag("--timings", a.timings, "print the time of each phase (load, compute, each write) on stderr")
        ->group(g);
    sub.add_flag("-q,--quiet", a.quiet, "no progress on stderr")->group(g);
}

// The site list with --move N x,y and --remove N applied. "" or a usage error.
std::string edit_sites(const AnalyseArgs& a, std::vector<Candidate>& sites) {
    auto number = [&](const std::string& opt, const std::string& v, size_t& i) -> std::string {
        int n = 0;
        if (!parse_int(v, n) || n < 1 || size_t(n) > sites.size())
            return opt + ": no what-if site \"" + v + "\" (sites are numbered 1.." + std::to_string(sites.size()) +
                   ": --sites first, then --add)";
        i = size_t(n - 1);
        return "";
    };
    for (size_t j = 0; j + 1 < a.move.size(); j += 2) {
        size_t i = 0;
        if (std::string e = number("--move", a.move[j], i); !e.empty()) return e;
        Candidate c;
        if (std::string e = parse_site(a.move[j + 1], false, &c); !e.empty()) return "--move: " + e;
        sites[i].pos = c.pos;
    }
    std::vector<bool> drop(sites.size(), false);
    for (const std::string& v : a.remove) {
        size_t i = 0;
        if (std::string e = number("--remove", v, i); !e.empty()) return e;
        drop[i] = true;
    }
    std::vector<Candidate> kept;
    for (size_t i = 0; i < sites.size(); ++i)
        if (!drop[i]) kept.push_back(sites[i]);
    sites = std::move(kept);
    return "";
}

// The parameters from the options and the data (venue ids, sites). Returns kOk or the exit code after printing why.
int analysis_params(const AnalyseArgs& a, const geo::Dataset& data, AnalysisParams& p) {
    metric_from_key(a.metric, p.metric);
    geo::category_from_key(a.category, p.category);
    geo::mode_from_key(a.mode, p.mode);
    p.threshold_min = a.threshold_min;
    p.beta = a.beta;
    p.t50 = a.t50;
    p.k = a.k;
    p.kernel_radius_m = a.kernel_radius_m;
    if (a.best > 0) p.best_k = a.best;
    auto usage = [](const std::string& msg) {
        std::fprintf(stderr, "trekkaart analyse: %s\n%s", msg.c_str(), kAnalyseUsageLine);
        return kUsage;
    };
    if (!a.venue.empty()) {
        std::vector<std::string> ids;
        for (size_t i = 0; i < data.venues.size(); ++i) {
            if (data.venues[i].id == a.venue) p.venue = int(i);
            ids.push_back(data.venues[i].id);
        }
        if (p.venue < 0) {
            const std::string best = closest_key(a.venue, ids, 3);
            return usage("--venue: no venue with the id \"" + a.venue + "\"" +
                         (best.empty() ? "" : "; did you mean \"" + best + "\"?"));
        }
    }
    std::vector<Candidate> sites;
    if (!a.sites.empty()) {
        const std::string path = a.sites == "saved" ? default_candidates_path() : a.sites;
        try {
            sites = read_candidates(path);
        } catch (const geo::DataError& e) {
            std::fprintf(stderr, "trekkaart analyse: --sites: %s\n", e.what());
            return kDataError;
        }
    }
    for (const std::string& s : a.add) {
        Candidate c;
        c.category = p.category;
        parse_site(s, true, &c);  // checked by the command line
        c.name = "site " + std::to_string(sites.size() + 1);
        sites.push_back(c);
    }
    if (std::string e = edit_sites(a, sites); !e.empty()) return usage(e);
    p.candidates = std::move(sites);
    if (p.metric == Metric::Reach && p.venue < 0 && p.candidates.empty())
        return usage("--metric reach needs --venue ID (or a what-if site: --add x,y)");
    if (p.metric == Metric::WhatIf && p.candidates.empty())
        return usage("--metric what_if needs what-if sites (--add x,y or --sites FILE)");
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
    add_site_options(sub, a);
    add_output_options(sub, a);
}

std::string finish_analyse_args(AnalyseArgs& a) {
    if (a.best > 0 && a.metric.empty()) a.metric = "best_site";
    if (a.metric.empty()) a.metric = "travel_time";
    if (a.best > 0 && a.metric != "best_site") return "--best is for --metric best_site, not " + a.metric;
    if (a.move.size() % 2) return "--move expects N x,y";
    return "";
}

int run_analyse(const AnalyseArgs& a) {
    set_lang(a.lang == "en" ? Lang::EN : Lang::NL);
    Metric metric = Metric::TravelTime;
    metric_from_key(a.metric, metric);
    const std::string prefix = output_prefix(a, metric);
    if (prefix.empty()) return kWriteError;
    Clock clock{a.timings};
    SessionOptions so;
    so.who = "trekkaart analyse";
    so.roads = a.roads;
    so.layers = a.layers;
    so.quiet = a.quiet;
    std::optional<Session> session = load_session(so);
    if (!session) return kDataError;
    const geo::Dataset& data = session->data;
    AnalysisParams p;
    if (int code = analysis_params(a, data, p); code != kOk) return code;
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

    using Writer = std::function<void(const std::string&)>;
    std::vector<std::pair<std::string, Writer>> files = {
        {".surface.tif", [&](const std::string& f) { write_surface_geotiff(data, r, f); }}};
    if (const std::vector<float> lv = isochrone_levels(r); !lv.empty())
        files.push_back({".isochrones.gpkg",
                         [&, lv](const std::string& f) { write_isochrones_gpkg(r.surface, lv, f); }});
    if (!r.figures.empty()) {
        files.push_back({".figures.csv", [&](const std::string& f) { write_figures_csv(data, r, f); }});
        files.push_back({".figures.gpkg", [&](const std::string& f) { write_figures_gpkg(data, r, f); }});
    }
    files.push_back({".summary.json", [&](const std::string& f) { write_summary_json(data, r, f); }});
    for (const auto& [suffix, write] : files) {
        const std::string path = prefix + suffix;
        try {
            write(path);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "trekkaart analyse: %s\n", e.what());
            return kWriteError;
        }
        if (!a.quiet) std::fprintf(stderr, "trekkaart analyse: wrote %s\n", path.c_str());
        clock.lap("write " + suffix.substr(1));
    }
    return kOk;
}

}  // namespace viewer
