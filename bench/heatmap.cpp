// Heatmap overlay benchmark on the real data (region raster, 100 m cells):
//   1. frame time at 1920x1080 with a full-screen travel-time heatmap (contours on) vs. the plain map, median
//      over N >= 100 frames while panning;
//   2. time from a parameter change to the updated picture (request -> worker -> upload -> rendered frame), for
//      a cold start, a decay change (recombination only), a threshold change and a what-if candidate move;
//   3. with --shots DIR: screenshots of the full window (panels, legend, overlay) for every overlay kind.
// Run: build/bench/bench_heatmap [frames] [--shots DIR]. Prints the load average: the machine is shared.
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/ui/app.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/model/i18n.h"
#include "viewer/ui/ui_analysis.h"

using Clock = std::chrono::steady_clock;
using namespace viewer;
static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

static std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int main(int argc, char** argv) {
    int N = 120;
    std::string shots;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--shots" && i + 1 < argc) shots = argv[++i];
        else N = std::max(100, std::atoi(a.c_str()));
    }
    // Keep the user's what-if candidates out of this: a private config folder.
    const auto cfg = std::filesystem::temp_directory_path() / ("bench_heatmap_" + std::to_string(::getpid()));
    std::filesystem::create_directories(cfg);
    setenv("XDG_CONFIG_HOME", cfg.c_str(), 1);
    std::printf("bench_heatmap: load average at start %s (2 cores, shared)\n", loadavg().c_str());

    const int W = 1920, H = 1080;
    geo::Dataset data = geo::load_dataset();
    GLContext ctx(W, H);  // its default framebuffer is what the window draws into
    App app(data, ctx.window(), 1.0f);
    RenderTarget rt;
    rt.create(W, H, 0);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(W), float(H));
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplOpenGL3_NewFrame();
    AnalysisPanel& ap = app.analysis();
    auto frame = [&] {
        rt.bind();
        app.frame(W, H, W, H, 1.0 / 60, rt.fbo);
        glFinish();
    };
    auto shot = [&](const std::string& name) {
        if (shots.empty()) return;
        frame();
        frame();
        std::vector<unsigned char> img(size_t(W) * H * 4);
        rt.read_rgba(img.data());
        const std::string p = shots + "/" + name + ".png";
        std::string err = write_png_atomic(p, img.data(), W, H);
        std::printf("  wrote %s %s\n", p.c_str(), err.c_str());
    };
    // Parameter change -> picture: submit through the UI path (frame), wait for the worker, take the result
    // (upload) and render the next frame.
    auto change = [&](const char* what) {
        auto t0 = Clock::now();
        frame();  // submits the request
        if (!ap.analysis().wait(300)) std::printf("  (timeout)\n");
        frame();  // polls: uploads the surface, draws it
        const double ms = ms_since(t0);
        const auto& r = ap.result();
        if (what)
            std::printf("  %-46s %8.1f ms  (worker %.1f ms%s)\n", what, ms, r ? r->compute_ms : -1,
                        r && r->recombined_only ? ", recombined only" : "");
        return ms;
    };

    // ---- 2. parameter change -> updated picture ----
    std::printf("\nparameter change -> updated picture (1920x1080, full window incl. panels):\n");
    ap.overlay_on = true;
    ap.params().metric = Metric::TravelTime;
    ap.params().category = geo::Category::Museum;
    ap.params().mode = geo::Mode::Bike;
    change("cold: population + friction + travel field");
    shot("travel_time_museum_bike");
    ap.params().metric = Metric::GravityExp;
    change("gravity exp (per-venue times, first time)");
    std::vector<double> t_decay, t_thr, t_move;
    for (int i = 0; i < 9; ++i) {
        ap.params().beta = 0.05f + 0.02f * i;
        t_decay.push_back(change(nullptr));
    }
    std::printf("  %-46s %8.1f ms  (median of 9; worker %.1f ms, recombined only: %s)\n", "decay beta change",
                median(t_decay), ap.result()->compute_ms, ap.result()->recombined_only ? "yes" : "no");
    shot("gravity_exp_museum_bike");
    ap.params().metric = Metric::TravelTime;
    change("back to travel time (cached field)");
    for (int i = 0; i < 9; ++i) {
        ap.params().threshold_min = float(10 + 5 * (i % 5));
        t_thr.push_back(change(nullptr));
    }
    std::printf("  %-46s %8.1f ms  (median of 9; worker %.1f ms)\n", "threshold change (figures + contours)",
                median(t_thr), ap.result()->compute_ms);
    // What-if: one candidate, moved 9 times.
    ap.params().metric = Metric::WhatIf;
    ap.params().threshold_min = 15;
    ap.analysis().clear_candidates();
    ap.analysis().add_candidate({{236000, 488000}, geo::Category::Museum, "Kandidaat 1"});
    change("what-if: first candidate");
    for (int i = 0; i < 9; ++i) {
        ap.analysis().move_candidate(0, {236000.0 + 700 * i, 488000.0 - 500 * i}, false);
        t_move.push_back(change(nullptr));
    }
    std::printf("  %-46s %8.1f ms  (median of 9; worker %.1f ms)\n", "what-if: candidate moved", median(t_move),
                ap.result()->compute_ms);
    shot("whatif_museum_bike");

    // ---- 1. frame time with a full-screen heatmap (renderer only, like bench_frame) ----
    ap.params().metric = Metric::TravelTime;
    change(nullptr);
    {
        MapView v;
        v.cam.w = W;
        v.cam.h = H;
        v.cam.fit(data.twente_bbox, 24);
        RenderTarget r2;
        r2.create(W, H, 0);
        // Full redraws (every frame draws every layer: what a zoom step costs), then panning as the window draws
        // it (pan cache: the base layers incl. the heatmap shifted, symbols/labels/furniture fresh).
        // Into an offscreen RGBA8 target (tests, export, screenshots) and into the window's default framebuffer
        // (what the app draws into; llvmpipe writes it more slowly and a blit into it is a copy, not a memcpy).
        for (int window = 0; window < 2; ++window)
            for (int cached = 0; cached < 2; ++cached)
                for (int with = 0; with < 2; ++with) {
                    std::vector<double> ft;
                    MapView vv = v;
                    BaseCache cache;
                    for (int i = 0; i < N; ++i) {
                        vv.cam.pan_pixels((i % 20) < 10 ? 3 : -3, 0);
                        RenderOptions o;
                        if (with) ap.prepare_render(vv, o, app.renderer().origin());
                        if (cached) o.cache = &cache;
                        auto t = Clock::now();
                        if (window) {
                            glBindFramebuffer(GL_FRAMEBUFFER, 0);
                            glViewport(0, 0, W, H);
                        } else {
                            r2.bind();
                        }
                        app.renderer().render(vv, o);
                        glFinish();
                        ft.push_back(ms_since(t));
                    }
                    std::sort(ft.begin(), ft.end());
                    std::printf("%sframe 1920x1080 %-14s %-20s %s: median %.1f ms (%.0f fps), p95 %.1f ms over %d frames\n",
                                with || cached ? "" : "\n", window ? "window fb," : "offscreen,",
                                cached ? "panning (pan cache)," : "full redraw,",
                                with ? "full-screen heatmap + contours" : "plain map (no overlay)        ",
                                ft[ft.size() / 2], 1000.0 / ft[ft.size() / 2], ft[ft.size() * 95 / 100], N);
                }
        // A zoom-in flight (like the window's fly-to), into the window's framebuffer: 1.5 % per frame with
        // RenderOptions::moving, so the cached picture is shown magnified and redrawn beyond 2x; then the sharp
        // frame when it stops.
        for (int with = 0; with < 2; ++with) {
            std::vector<double> ft;
            MapView vv = v;
            BaseCache cache;
            for (int i = 0; i < N; ++i) {
                vv.cam.zoom_about({W * 0.55, H * 0.45}, 1.015);
                RenderOptions o;
                if (with) ap.prepare_render(vv, o, app.renderer().origin());
                o.cache = &cache;
                o.moving = i + 1 < N;
                auto t = Clock::now();
                glBindFramebuffer(GL_FRAMEBUFFER, 0);
                glViewport(0, 0, W, H);
                app.renderer().render(vv, o);
                glFinish();
                ft.push_back(ms_since(t));
            }
            const double last = ft.back();
            std::sort(ft.begin(), ft.end());
            std::printf("frame 1920x1080 window fb,     zooming in (magnified), %s: median %.1f ms (%.0f fps), p95 %.1f "
                        "ms; %d full redraws of %d frames (%.1f ms the last, sharp one)\n",
                        with ? "full-screen heatmap + contours" : "plain map (no overlay)        ", ft[ft.size() / 2],
                        1000.0 / ft[ft.size() / 2], ft[ft.size() * 95 / 100], cache.stats.full, N, last);
        }
        // The overlay alone (heatmap draw call), zoomed in so that it covers every pixel.
        const HeatmapStyle st = ap.style();
        for (double mpp : {20.0, 40.0}) {
            Camera c = v.cam;
            c.mpp = mpp;
            {
                std::vector<double> ft;
                for (int i = 0; i < N; ++i) {
                    auto t = Clock::now();
                    r2.bind();
                    glViewport(0, 0, W, H);
                    glEnable(GL_BLEND);
                    ap.heatmap().draw(c, app.renderer().origin(), st);
                    glFinish();
                    ft.push_back(ms_since(t));
                }
                std::printf("heatmap draw call alone, every pixel covered, %2.0f m/px: median %.1f ms\n", mpp, median(ft));
            }
        }
        // Upload of a new surface (what a result costs on the UI thread).
        geo::GridF g = ap.heatmap().grid();
        std::vector<double> up;
        for (int i = 0; i < 9; ++i) {
            auto t = Clock::now();
            ap.heatmap().set_grid(g);
            glFinish();
            up.push_back(ms_since(t));
        }
        std::printf("surface set_grid (%d x %d cells, nodata filled): median %.1f ms\n", g.cols(), g.rows(),
                    median(up));
        // The first draw after it packs (ramp positions, contour indices) and uploads.
        std::vector<double> pk;
        for (int i = 0; i < 9; ++i) {
            ap.heatmap().set_grid(g);
            glFinish();
            auto t = Clock::now();
            r2.bind();
            ap.heatmap().draw(v.cam, app.renderer().origin(), st);
            glFinish();
            pk.push_back(ms_since(t));
        }
        std::printf("first draw of a new surface (pack + upload + draw): median %.1f ms\n", median(pk));
    }

    // ---- 3. screenshots of the other overlay kinds ----
    if (!shots.empty()) {
        std::printf("\nscreenshots:\n");
        struct K { Metric m; geo::Category c; geo::Mode mode; const char* name; };
        for (K k : {K{Metric::Population, geo::Category::Pop, geo::Mode::Bike, "population"},
                    K{Metric::Opportunities, geo::Category::Museum, geo::Mode::Car, "within_T_museum_car"},
                    K{Metric::GravityLogistic, geo::Category::Theatre, geo::Mode::EBike, "gravity_logistic_theatre_ebike"},
                    K{Metric::Fca2, geo::Category::Theatre, geo::Mode::Bike, "2sfca_theatre_bike"},
                    K{Metric::E2sfca, geo::Category::Library, geo::Mode::Walk, "e2sfca_library_walk"},
                    K{Metric::VenueDensity, geo::Category::Heritage, geo::Mode::Bike, "density_heritage"},
                    K{Metric::TravelTime, geo::Category::Pop, geo::Mode::BikeTrain, "travel_time_pop_biketrain"}}) {
            ap.params().metric = k.m;
            ap.params().category = k.c;
            ap.params().mode = k.mode;
            ap.params().threshold_min = 20;
            change(nullptr);
            shot(k.name);
        }
        // Banded isochrones, magma, English.
        set_lang(Lang::EN);
        ap.params().metric = Metric::TravelTime;
        ap.params().category = geo::Category::Library;
        ap.params().mode = geo::Mode::Walk;
        ap.banded = true;
        ap.ramp = Ramp::Magma;
        change(nullptr);
        shot("travel_time_library_walk_banded_en");
        set_lang(Lang::NL);
        ap.banded = false;
        ap.ramp = Ramp::Viridis;
        // Reach of a venue.
        for (size_t i = 0; i < data.venues.size(); ++i)
            if (data.venues[i].id == "hengelo-metropool") app.selected = {Pick::Venue, int(i)};
        ap.params().metric = Metric::Reach;
        ap.params().mode = geo::Mode::Bike;
        ap.params().threshold_min = 20;
        change(nullptr);
        shot("reach_bike_20");
        app.selected = {};
        // Best site + figures window + coverage choropleth.
        ap.params().metric = Metric::TravelTime;
        ap.params().category = geo::Category::Pop;
        ap.params().threshold_min = 15;
        change(nullptr);
        ap.show_figures = true;
        app.view().choropleth = Choropleth::Coverage;
        ap.run_best_site(2);
        auto t0 = Clock::now();
        ap.settle(600);
        std::printf("  best site (pop, bike, 15 min, k = 2): %.0f ms\n", ms_since(t0));
        shot("best_site_pop_bike_figures");
    }
    std::printf("\nload average at end %s\n", loadavg().c_str());
    std::filesystem::remove_all(cfg);
    return 0;
}
