// `trekkaart export` after its command line is parsed (export_cli.cpp): the jobs (one per scene, or one view),
// the data, the GL context, then each job's picture, analysis overlay and data files.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "geo/core/error.h"
#include "viewer/app/export_cli.h"
#include "viewer/app/session.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/model/i18n.h"
#include "viewer/model/scenes.h"
#include "viewer/output/data_writers.h"
#include "viewer/output/vector_export.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/heatmap.h"

namespace viewer {

namespace fs = std::filesystem;

namespace {

struct Job {
    MapView seen;
    std::string path;
    std::string name;                     // for messages: "scene 3" or the file name
    std::optional<AnalysisParams> heat;   // the overlay to compute and draw
    std::string caption;                  // the scene's caption (a handout page shows it under the map)
};

// A PDF of every scene of a file: one handout, a page per scene (vector_export.h).
bool is_handout(const ExportCliArgs& a, ImageFormat fmt) {
    return fmt == ImageFormat::Pdf && !a.scene_file.empty() && a.scene_index == 0;
}

// The handout's file: --out as given (".pdf" added when missing), or in a folder the scenes file's name.
std::string handout_path(const ExportCliArgs& a) {
    if (is_folder(a.out))
        return (a.out.back() == '/' ? a.out : a.out + "/") + fs::path(a.scene_file).stem().string() + ".pdf";
    return format_from_path(a.out) ? a.out : a.out + ".pdf";
}

std::string stem_of(const std::string& path) {
    const fs::path p(path);
    return (p.parent_path() / p.stem()).string();
}

// An explicit folder ("posters/") is created when missing; impossible sizes fail before the data is loaded.
// Returns kExportOk or the exit code.
int check_output(const ExportCliArgs& a, ImageFormat fmt) {
    if (!a.out.empty() && a.out.back() == '/') {
        std::error_code ec;
        fs::create_directories(a.out, ec);
        if (ec) {
            std::fprintf(stderr, "trekkaart export: cannot create the folder %s (%s)\n", a.out.c_str(), ec.message().c_str());
            return kExportWriteError;
        }
    }
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
    return kExportOk;
}

}  // namespace

std::optional<Deck> load_export_deck(const std::string& path, const geo::Dataset& data,
                                     const std::vector<UserLayerEntry>& user_layers) {
    try {
        const SceneCatalog cat = SceneCatalog::from(data, user_layers);
        return load_deck(path, &cat);
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "trekkaart export: %s\n", e.what());
        return std::nullopt;
    }
}

namespace {

// One job per scene of the file (or the one scene #N). Returns kExportOk or the exit code.
int scene_jobs(const ExportCliArgs& a, const Session& session, ImageFormat fmt, std::vector<Job>& jobs) {
    const geo::Dataset& data = session.data;
    std::optional<Deck> loaded = load_export_deck(a.scene_file, data, session.user_layers);
    if (!loaded) return kExportDataError;
    Deck deck = std::move(*loaded);
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
    const bool handout = is_handout(a, fmt);
    for (int n = first; n <= last; ++n) {
        const Scene& s = deck.scenes[size_t(n - 1)];
        Job j;
        // What the presenter shows on a 16:9 screen; export_camera fits that into the output.
        j.seen.cam = scene_camera(s.camera, 1920, 1080);
        j.seen.user_layers = session.user_layers;  // the user's layers in every image (issue 12); a scene's
        apply_scene(s, j.seen);                    // "user:NAME" shows or hides one
        j.seen.title = s.title.current();
        if (!s.caption.current().empty()) j.seen.caption = {s.caption.current()};  // the slide keeps its caption
        apply_view_options(a, j.seen);
        j.name = "scene " + std::to_string(n);
        j.caption = s.caption.current();
        j.path = scene_output_path(a.out, count == 1 ? 1 : n, count == 1 ? 1 : n_scenes, s.id, fmt);
        if (handout)  // one file; this name only names the scene's --data files (<handout>-NN-id.*)
            j.path = stem_of(handout_path(a)) + "-" + scene_output_path("x/", n, n_scenes, s.id, fmt).substr(2);
        if (j.path.empty()) {
            std::fprintf(stderr, "trekkaart export: --out %s: exporting %d scenes needs a folder or a file name pattern "
                         "with {n}\n%s", a.out.c_str(), count, kExportUsageLine);
            return kExportUsage;
        }
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
    return kExportOk;
}

// The one view of --bbox (or the project's view, or all of Twente). Returns kExportOk or the exit code.
int view_job(const ExportCliArgs& a, const Session& session, ImageFormat fmt, Job& j) {
    const geo::Dataset& data = session.data;
    const Project* project = session.project ? &*session.project : nullptr;
    const int W = a.size.w, H = a.size.h;
    geo::BBox b = a.bbox ? *a.bbox : data.twente_bbox.grown(0.04 * std::max(data.twente_bbox.width(),
                                                                           data.twente_bbox.height()));
    if (project) {  // issue 12: the project's base layers and choropleth, and its view unless --bbox
        apply_project_view(project->view, j.seen, W, H, b);
        if (!a.bbox && project->view.bbox) b = *project->view.bbox;
    }
    j.seen.cam.w = W;
    j.seen.cam.h = H;
    j.seen.cam.centre = b.centre();
    j.seen.cam.mpp = std::max(b.width() / W, b.height() / H);
    apply_view_options(a, j.seen);
    const auto given = [&](const char* opt) { return !project || a.given.count(opt) > 0; };
    if (!a.heatmap.empty() || (project && project->analysis.overlay)) {
        // The project's analysis, with the options given on top; without a project the options (or defaults).
        AnalysisParams p = project ? project->analysis.params : AnalysisParams{};
        if (!a.heatmap.empty()) metric_from_key(a.heatmap, p.metric);
        if (given("--category")) geo::category_from_key(a.category, p.category);
        if (given("--mode")) geo::mode_from_key(a.mode, p.mode);
        if (given("--threshold")) p.threshold_min = a.threshold_min;
        if (given("--population")) population_from_key(a.population, p.population);  // issue 17
        if (given("--weights")) {
            p.weights = strategy_rank_weights();
            if (a.weights != "strategy") parse_weights(a.weights, p.weights);
        }
        if (!a.venue.empty() && (p.venue = find_venue(data, a.venue)) < 0) {
            std::fprintf(stderr, "trekkaart export: --venue: %s\n", unknown_venue_message(data, a.venue).c_str());
            return kExportUsage;
        }
        std::string msg;
        SiteArgs sa = a.s;
        if (project) sa.project_sites = project->whatif;
        if (SiteError e = apply_site_args(sa, data, p, msg); e != SiteError::None) {
            std::fprintf(stderr, "trekkaart export: %s\n", msg.c_str());
            return e == SiteError::Data ? kExportDataError : kExportUsage;
        }
        p.zones = session.zones;  // the project's zones layer (issue 12): its rows in the --data figures
        j.heat = p;
        if (project)  // the project's what-if sites, marked and labelled as a scene's are
            for (const Candidate& c : p.candidates) j.seen.sites.push_back({c.pos, c.category, c.name});
    }
    j.path = scene_output_path(a.out, 1, 1, "", fmt);
    if (is_folder(a.out)) j.path = (a.out.back() == '/' ? a.out : a.out + "/") + "trekkaart" + format_extension(fmt);
    j.name = fs::path(j.path).filename().string();
    return kExportOk;
}

// Runs the jobs on one renderer; analysis overlays are computed on one analysis worker (cached between scenes)
// and drawn by one Heatmap.
class Exporter {
public:
    Exporter(const ExportCliArgs& a, const Session& s, ImageFormat fmt, MapRenderer& r)
        : a_(a), s_(s), data_(s.data), fmt_(fmt), renderer_(r), tty_(isatty(fileno(stderr))) {}

    // A PDF handout of all jobs, a page each. The exit code.
    int run_handout(const std::vector<Job>& jobs, const std::string& path) {
        ExportOptions o0 = options();
        VectorMeta meta = vector_meta(renderer_, jobs.front().seen, o0);
        if (!deck_title_.empty()) meta.title = deck_title_;
        VectorExport doc(path, o0, meta);
        for (size_t k = 0; k < jobs.size(); ++k) {
            const Job& j = jobs[k];
            const std::string tag = "[" + std::to_string(k + 1) + "/" + std::to_string(jobs.size()) + "] ";
            ExportOptions o = options();
            std::optional<AnalysisResult> res;
            if (j.heat && !overlay(j, tag, o, res)) return kExportDataError;
            if (!doc.add_page(renderer_, j.seen, o, j.caption)) break;
            if (!a_.quiet) std::fprintf(stderr, "trekkaart export: %s%s: page %zu\n", tag.c_str(), path.c_str(), k + 1);
            if (a_.data && res)
                if (int code = data_files(j, tag, *res); code != kExportOk) return code;
        }
        const ExportResult r = doc.finish();
        if (!r.ok()) {
            std::fprintf(stderr, "trekkaart export: %s\n", r.error.c_str());
            return r.code;
        }
        if (!a_.quiet)
            std::fprintf(stderr, "trekkaart export: wrote %s (%d pages, %.0f x %.0f pt)\n", path.c_str(), doc.pages(),
                         page_width_pt(a_.size), page_height_pt(a_.size));
        return kExportOk;
    }
    std::string deck_title_;

    // The exit code of the first failure, or kExportOk.
    int run(const std::vector<Job>& jobs) {
        int first_failure = kExportOk, done = 0;
        for (size_t k = 0; k < jobs.size(); ++k) {
            const std::string tag =
                jobs.size() > 1 ? "[" + std::to_string(k + 1) + "/" + std::to_string(jobs.size()) + "] " : "";
            const int code = export_job(jobs[k], tag);
            if (code == kExportOk) ++done;
            else if (first_failure == kExportOk) first_failure = code;
            if (code == kExportRenderError) break;  // the GL is unlikely to recover for the next scene
        }
        if (jobs.size() > 1 && first_failure != kExportOk)
            std::fprintf(stderr, "trekkaart export: %d of %zu scenes exported\n", done, jobs.size());
        return first_failure;
    }

private:
    const ExportCliArgs& a_;
    const Session& s_;
    const geo::Dataset& data_;
    ImageFormat fmt_;
    MapRenderer& renderer_;
    const bool tty_;
    std::unique_ptr<Analysis> analysis_;
    std::unique_ptr<Heatmap> heat_;

    ExportOptions options() const {
        ExportOptions o;
        o.size = a_.size;
        o.format = fmt_;
        o.ui_scale = a_.ui_scale;
        o.furniture = a_.furniture;
        o.sidecars = a_.sidecars;
        o.estimate = a_.estimate;
        o.date = a_.date;
        o.jpeg_quality = a_.quality;
        if (a_.max_tile > 0) o.max_tile = a_.max_tile;
        o.samples = a_.samples;
        return o;
    }

    // Computes the job's overlay and adds it (and its legend) to o. False after printing why it failed.
    bool overlay(const Job& j, const std::string& tag, ExportOptions& o, std::optional<AnalysisResult>& res) {
        if (!analysis_) {
            AnalysisOptions ao = s_.analysis;
            ao.candidates_path = "-";  // never touch the user's what-if candidates
            analysis_ = std::make_unique<Analysis>(data_, ao);
            heat_ = std::make_unique<Heatmap>();
        }
        if (!a_.quiet)
            std::fprintf(stderr, "trekkaart export: %scomputing %s...\n", tag.c_str(), heatmap_title(*j.heat, data_).c_str());
        analysis_->request(*j.heat);
        AnalysisResult r;
        if (!analysis_->wait(900) || !analysis_->poll(r)) {
            std::fprintf(stderr, "trekkaart export: %s%s: analysis failed: %s\n", tag.c_str(), j.name.c_str(),
                         analysis_->error().empty() ? "timed out" : analysis_->error().c_str());
            return false;
        }
        res = std::move(r);
        heat_->set_grid(res->surface);
        const float ui_scale = a_.ui_scale > 0 ? a_.ui_scale : furniture_scale(a_.size);
        const HeatmapStyle st = heatmap_style(*res, ui_scale);
        const bool est = res->estimate && metric_uses_mode(res->params.metric);
        Heatmap* heat = heat_.get();
        MapRenderer* renderer = &renderer_;
        o.render.overlay = [heat, renderer, st](const Camera& tc) { heat->draw(tc, renderer->origin(), st); };
        o.render.ramps.push_back(heatmap_legend(*res, st, data_));
        o.estimate = o.estimate || est;
        return true;
    }

    // The analysis behind the picture, for GIS and spreadsheets. Returns kExportOk or kExportWriteError.
    int data_files(const Job& j, const std::string& tag, const AnalysisResult& res) {
        try {
            write_analysis_files(data_, res, stem_of(j.path), [&](const std::string& path) {
                if (!a_.quiet) std::fprintf(stderr, "trekkaart export: %swrote %s\n", tag.c_str(), path.c_str());
            });
        } catch (const geo::DataError& e) {
            std::fprintf(stderr, "trekkaart export: %s%s\n", tag.c_str(), e.what());
            return kExportWriteError;
        }
        return kExportOk;
    }

    int export_job(const Job& j, const std::string& tag) {
        ExportOptions o = options();
        std::optional<AnalysisResult> res;
        if (j.heat && !overlay(j, tag, o, res)) return kExportDataError;
        int last_pct = -1;
        if (!a_.quiet)
            o.progress = [&](double f, const char* stage) {
                const int pct = int(f * 100);
                if (std::string(stage) != "render" || pct == last_pct) return;
                if (tty_) {
                    std::fprintf(stderr, "\rtrekkaart export: %s%s: rendering %3d%%", tag.c_str(), j.path.c_str(), pct);
                } else if (pct / 25 != last_pct / 25 || last_pct < 0) {
                    std::fprintf(stderr, "trekkaart export: %s%s: rendering %d%%\n", tag.c_str(), j.path.c_str(), pct);
                }
                last_pct = pct;
            };
        MapView seen = j.seen;
        if (res && res->params.metric == Metric::Reach) seen.caption.push_back(reach_summary(*res));  // the figure
        const ExportResult r = export_map(renderer_, seen, j.path, o);
        if (tty_ && last_pct >= 0) std::fputc('\n', stderr);
        if (!r.ok()) {
            std::fprintf(stderr, "trekkaart export: %s%s\n", tag.c_str(), r.error.c_str());
            return r.code;
        }
        if (a_.data && res)
            if (int code = data_files(j, tag, *res); code != kExportOk) return code;
        if (!a_.quiet) {
            std::string extra;
            for (size_t i = 1; i < r.files.size(); ++i) extra += (i == 1 ? " + " : ", ") + fs::path(r.files[i]).filename().string();
            std::fprintf(stderr, "trekkaart export: %swrote %s (%dx%d px%s, ui scale %.2f, %.1f s)%s\n", tag.c_str(),
                         j.path.c_str(), a_.size.w, a_.size.h,
                         a_.size.dpi > 0 ? (", " + std::to_string(int(std::lround(a_.size.dpi))) + " dpi").c_str() : "",
                         r.ui_scale, r.timings.wall_s, extra.c_str());
        }
        return kExportOk;
    }
};

}  // namespace

int run_export(const ExportCliArgs& a) {
    if (!a.video.empty()) return run_video_export(a);
    set_lang(a.lang == "en" ? Lang::EN : Lang::NL);
    const ImageFormat fmt = a.format ? *a.format : format_from_path(a.out).value_or(ImageFormat::Png);
    if (int code = check_output(a, fmt); code != kExportOk) return code;

    SessionOptions so;
    so.who = "trekkaart export";
    so.roads = a.roads;
    so.quiet = a.quiet;
    so.layers = a.layers;
    so.project = a.project;
    std::optional<Session> session = load_session(so);
    if (!session) return kExportDataError;
    const geo::Dataset& data = session->data;

    // What to export: the scenes of a file, or one view (--bbox, or all of Twente).
    std::vector<Job> jobs;
    if (!a.scene_file.empty()) {
        if (int code = scene_jobs(a, *session, fmt, jobs); code != kExportOk) return code;
    } else {
        Job j;
        j.seen.user_layers = session->user_layers;  // the user's layers in every image (issue 12)
        if (int code = view_job(a, *session, fmt, j); code != kExportOk) return code;
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
    Exporter ex(a, *session, fmt, *renderer);
    if (is_handout(a, fmt)) {
        try {
            ex.deck_title_ = load_deck(a.scene_file).title.current();
        } catch (const std::exception&) {  // read once already by scene_jobs
        }
        return ex.run_handout(jobs, handout_path(a));
    }
    return ex.run(jobs);
}

}  // namespace viewer
