// `trekkaart export --scene FILE --video talk.mp4` (issue 14): the presenter plays the deck offscreen at a fixed
// frame rate (viewer/present/deck_video.h) and the frames go to the video writer (viewer/output/video.h).
// Progress on stderr; Ctrl+C (SIGINT) or SIGTERM stops it and leaves no file (the writer's temporary file is
// removed; an existing talk.mp4 is untouched).
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include "geo/core/error.h"
#include "viewer/app/export_cli.h"
#include "viewer/app/session.h"
#include "viewer/model/i18n.h"
#include "viewer/model/scenes.h"
#include "viewer/output/video.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/deck_video.h"
#include "viewer/present/scene_heatmaps.h"

namespace viewer {

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_stop_signal(int) { g_stop = 1; }

// SIGINT and SIGTERM set g_stop while it lives (the export then ends cleanly); the old handlers come back after.
class StopOnSignal {
public:
    StopOnSignal() {
        g_stop = 0;
        struct sigaction sa = {};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int_);
        sigaction(SIGTERM, &sa, &old_term_);
    }
    ~StopOnSignal() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
    }
    bool stopped() const { return g_stop != 0; }

private:
    struct sigaction old_int_ = {}, old_term_ = {};
};

// "frame 120 / 1234 (9 %), scene 2 / 8" on one line (a terminal), or a line every 10 % (a log).
class Progress {
public:
    Progress(const std::string& path, int total, bool quiet)
        : path_(path), total_(std::max(1, total)), quiet_(quiet), tty_(isatty(fileno(stderr))) {}
    void frame(int k, int scene, int scenes) {
        if (quiet_) return;
        const int pct = std::min(100, 100 * (k + 1) / total_);
        if (pct == last_) return;
        if (tty_) {
            std::fprintf(stderr, "\rtrekkaart export: %s: frame %d / %d (%3d %%), scene %d / %d ", path_.c_str(), k + 1,
                         total_, pct, scene + 1, scenes);
        } else if (pct / 10 != last_ / 10) {
            std::fprintf(stderr, "trekkaart export: %s: %d %% (frame %d / %d, scene %d / %d)\n", path_.c_str(), pct, k + 1,
                         total_, scene + 1, scenes);
        }
        last_ = pct;
    }
    void end_line() {
        if (!quiet_ && tty_ && last_ >= 0) std::fputc('\n', stderr);
    }

private:
    std::string path_;
    int total_;
    bool quiet_, tty_;
    int last_ = -1;
};

}  // namespace

int run_video_export(const ExportCliArgs& a) {
    set_lang(a.lang == "en" ? Lang::EN : Lang::NL);
    SessionOptions so;
    so.who = "trekkaart export";
    so.roads = a.roads;
    so.quiet = a.quiet;
    so.layers = a.layers;    // the user's layers (issue 12): a scene's "user:NAME" shows or hides one
    so.project = a.project;
    std::optional<Session> session = load_session(so);
    if (!session) return kExportDataError;
    const geo::Dataset& data = session->data;
    std::optional<Deck> loaded = load_export_deck(a.scene_file, data, session->user_layers);
    if (!loaded) return kExportDataError;
    Deck deck = std::move(*loaded);
    if (deck.scenes.empty()) {
        std::fprintf(stderr, "trekkaart export: %s: the file has no scenes\n", a.scene_file.c_str());
        return kExportDataError;
    }
    VideoOptions vo;
    vo.w = a.size.w;
    vo.h = a.size.h;
    vo.fps = a.fps;
    StopOnSignal stop;
    try {
        GLContext ctx;
        MapRenderer renderer(data);
        SceneHeatmaps heat(data, session->analysis);
        for (size_t i = 0; i < deck.scenes.size() && !stop.stopped(); ++i) {  // up front, as the presenter does
            if (!deck.scenes[i].heatmap) continue;
            if (!a.quiet) std::fprintf(stderr, "trekkaart export: computing the heatmap of scene %zu...\n", i + 1);
            const std::string why = heat.prepare(deck.scenes[i]);
            if (!why.empty() && !a.quiet)
                std::fprintf(stderr, "trekkaart export: warning: scene %zu: heatmap not drawn: %s\n", i + 1, why.c_str());
        }
        PresenterOptions po;
        if (a.ui_scale > 0) po.ui_scale = a.ui_scale;
        po.user_layers = session->user_layers;
        Presenter p(data, renderer, deck, heat.hooks(renderer.origin()), po);
        p.set_size(vo.w, vo.h);
        DeckVideoTiming t;
        t.fps = a.fps;
        t.seconds_per_scene = a.seconds_per_scene;
        const DeckVideoPlan plan = plan_deck_video(p, t);
        VideoWriter video(a.video, vo);
        if (!video.ok()) {
            std::fprintf(stderr, "trekkaart export: %s\n", video.error().c_str());
            return kExportWriteError;
        }
        if (!video.note().empty()) std::fprintf(stderr, "trekkaart export: note: %s\n", video.note().c_str());
        if (!a.quiet)
            std::fprintf(stderr, "trekkaart export: %s: %zu scenes, %d frames (%.1f s) at %dx%d, %d fps, %s\n",
                         a.video.c_str(), deck.scenes.size(), plan.frames, plan.seconds(t.fps), vo.w, vo.h, vo.fps,
                         video.codec_name().c_str());
        Progress progress(a.video, plan.frames, a.quiet);
        const int scenes = int(deck.scenes.size());
        bool write_failed = false;
        const DeckVideoPlan played = play_deck(p, t, [&](const unsigned char* rgba, int k, int scene) {
            if (stop.stopped()) return false;
            if (!video.add_frame(rgba)) return !(write_failed = true);
            progress.frame(k, scene, scenes);
            return true;
        });
        progress.end_line();
        if (stop.stopped()) {
            std::fprintf(stderr, "trekkaart export: cancelled; %s not written\n", a.video.c_str());
            return kExportCancelled;
        }
        const std::string err = write_failed ? video.error() : video.finish();
        if (!err.empty()) {
            std::fprintf(stderr, "trekkaart export: %s\n", err.c_str());
            return kExportWriteError;
        }
        if (!a.quiet)
            std::fprintf(stderr, "trekkaart export: wrote %s (%d frames, %.1f s, %dx%d, %s)\n", a.video.c_str(),
                         played.frames, played.seconds(t.fps), vo.w, vo.h, video.codec_name().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart export: %s\n", e.what());
        return kExportRenderError;
    }
    return kExportOk;
}

}  // namespace viewer
