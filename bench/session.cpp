// A scripted session through the whole window frame (App::frame: panels, map, heatmap, into the window's default
// framebuffer at 1920x1080), with every kind of frame a user makes -- not only the cached ones (issue 15):
//   pan (drag), zoom in (a fly-to: magnified, then sharp), zoom out (a fly-out: every frame redrawn), layer
//   toggles, style toggles (ramp, bands, contours, opacity), a new surface (category, mode), the what-if drag
//   (a candidate moved every frame, results arriving while it moves), slider steps (decay, threshold).
// Prints p50 / p95 / p99 / max frame times per kind and over the session, the slowest frames, and the latency from
// a parameter change to the frame that shows it (the submitting frame, the worker, the next frame: what the window
// loop does now that a finished result wakes it).
// Also the floor: frames where nothing on the map changes (the cheapest frame the window draws: the cached picture,
// symbols, labels, furniture and panels), not counted in the session.
// Run: build/bench/bench_session [repeats] [WxH]  (default 2 1920x1080; SDL_VIDEODRIVER=offscreen is set when there
// is no display). The machine is shared: the load average is printed at start and end.
#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/ui/app.h"
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

static double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p / 100.0 * double(v.size())));
    return v[i];
}

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2;
    const auto cfg = std::filesystem::temp_directory_path() / ("bench_session_" + std::to_string(::getpid()));
    std::filesystem::create_directories(cfg);
    setenv("XDG_CONFIG_HOME", cfg.c_str(), 1);  // keep the user's what-if candidates out of this
    std::printf("bench_session: load average at start %s (2 cores, shared)\n", loadavg().c_str());

    int W = 1920, H = 1080;
    if (argc > 2 && (std::sscanf(argv[2], "%dx%d", &W, &H) != 2 || W < 320 || H < 240)) {
        std::fprintf(stderr, "bench_session: size '%s' is not WxH (at least 320x240)\n", argv[2]);
        return 2;
    }
    const auto t_start = Clock::now();
    geo::Dataset data = geo::load_dataset();
    GLContext ctx(W, H);
    App app(data, ctx.window(), 1.0f);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(W), float(H));
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplOpenGL3_NewFrame();
    AnalysisPanel& ap = app.analysis();

    struct Sample { std::string kind; double ms; };
    std::vector<Sample> frames;
    std::map<std::string, std::vector<double>> latency;
    struct Parts { double submit, wait, shown; };  // the three steps of a parameter change, as the loop runs now
    std::map<std::string, std::vector<Parts>> parts;
    std::string kind = "warm-up";
    auto frame = [&]() {
        auto t = Clock::now();
        app.frame(W, H, W, H, 1.0 / 60, 0);
        glFinish();
        const double ms = ms_since(t);
        frames.push_back({kind, ms});
        return ms;
    };
    // As the window loop runs: frames while something moves; when only the worker is busy, the loop sleeps until
    // its result wakes it, then draws.
    auto until_still = [&](int max_frames = 400) {
        for (int i = 0; i < max_frames; ++i) {
            if (ap.analysis().busy()) ap.analysis().wait(5);
            frame();
            if (!app.animating()) break;
        }
    };
    // A parameter change: the frame that submits it, the worker, the frame that shows it -- as the window loop
    // runs now (it sleeps while the worker computes and wakes on its result). spin = true: drawing frames while
    // the worker computes (taking the cores it needs) until one of them polls the result, as the loop did before
    // issue 15 -- with the panel's in-frame wait for a quick step (quick_wait_ms) in both, so for a quick step the
    // two now measure the same one frame.
    auto change = [&](const std::string& what, bool spin = false) {
        const uint64_t before = ap.result() ? ap.result()->id : 0;
        auto t0 = Clock::now();
        const double submit = frame();
        const bool in_frame = ap.result() && ap.result()->id != before;  // a quick step, shown by the frame that asked
        if (in_frame) {
            parts[what].push_back({submit, 0, 0});
        } else if (spin) {
            for (int i = 0; i < 2000 && !(ap.result() && ap.result()->id != before); ++i) frame();
        } else {
            auto tw = Clock::now();
            if (!ap.analysis().wait(30)) std::printf("  (timeout: %s)\n", what.c_str());
            const double waited = ms_since(tw);
            const double shown = frame();
            parts[what].push_back({submit, waited, shown});
        }
        latency[what + (spin ? ", drawing frames while busy" : "")].push_back(ms_since(t0));
        until_still();
    };
    // Start: the window's first frames with the travel-time surface.
    ap.overlay_on = true;
    ap.params().metric = Metric::TravelTime;
    ap.params().category = geo::Category::Pop;
    ap.params().mode = geo::Mode::Bike;
    for (int i = 0; i < 3; ++i) frame();
    ap.settle(60);
    until_still();
    std::printf("start-up to a settled window with the heatmap: %.0f ms\n", ms_since(t_start));

    for (int rep = 0; rep < repeats; ++rep) {
        // The floor: nothing on the map changes (as a mouse moving over it: the window draws, the picture stays).
        kind = "still (floor)";
        for (int i = 0; i < 30; ++i) frame();
        // Pan: a drag of 90 frames, 2-9 px per frame, both directions.
        kind = "pan";
        for (int i = 0; i < 90; ++i) {
            const int d = 2 + (i * 7) % 8;
            app.view().cam.pan_pixels((i / 30) % 2 ? -d : d, (i % 3) - 1);
            frame();
        }
        // Zoom in (fly to Enschede), then out (fly back to Twente): every frame of both flights.
        kind = "zoom in";
        app.fly_to(geo::BBox{252000, 466000, 262000, 476000});
        until_still();
        kind = "zoom out";
        app.fly_to(data.twente_bbox);
        until_still();
        // Wheel-like zoom steps out (one frame each, 3 frames of panning between them).
        for (int i = 0; i < 4; ++i) {
            kind = "zoom out";
            app.view().cam.zoom_about({W * 0.5, H * 0.5}, 1 / 1.2);
            frame();
            kind = "pan";
            for (int k = 0; k < 3; ++k) {
                app.view().cam.pan_pixels(4, 0);
                frame();
            }
        }
        app.fly_to(data.twente_bbox);
        kind = "zoom out";
        until_still();
        // Layer toggles: each toggled on and off, 3 pan frames after each.
        bool* toggles[] = {&app.view().layers.rail, &app.view().layers.labels, &app.view().layers.outlines,
                           &app.view().layers.venues, &app.view().layers.choropleth};
        for (bool* t : toggles)
            for (int k = 0; k < 2; ++k) {
                kind = "layer toggle";
                *t = !*t;
                frame();
                kind = "pan";
                for (int j = 0; j < 3; ++j) {
                    app.view().cam.pan_pixels(-3, 0);
                    frame();
                }
            }
        // Style toggles: ramp, bands, contours, opacity -- the surface stays.
        auto style = [&](auto&& f) {
            kind = "style toggle";
            f();
            frame();
            kind = "pan";
            for (int j = 0; j < 3; ++j) {
                app.view().cam.pan_pixels(3, 0);
                frame();
            }
        };
        style([&] { ap.ramp = Ramp::Magma; });
        style([&] { ap.ramp = Ramp::Viridis; });
        style([&] { ap.banded = true; });
        style([&] { ap.banded = false; });
        style([&] { ap.contours = false; });
        style([&] { ap.contours = true; });
        style([&] { ap.opacity = 0.5f; });
        style([&] { ap.opacity = 0.72f; });
        // New surfaces: category and mode (the fields are cached after the first repeat).
        kind = "new surface";
        ap.params().category = geo::Category::Museum;
        change("new surface (category)");
        ap.params().mode = geo::Mode::Car;
        change("new surface (mode)");
        ap.params().mode = geo::Mode::Bike;
        change("new surface (mode)");
        // Sliders: decay, threshold.
        kind = "slider";
        ap.params().metric = Metric::GravityExp;
        change("new surface (metric)");
        for (int i = 0; i < 6; ++i) {
            ap.params().beta = 0.05f + 0.02f * i;
            change("decay", i % 2);
        }
        // The threshold of a travel-time map changes its figures only (the picture is the same surface); that of
        // "venues within T" makes a new surface.
        ap.params().metric = Metric::TravelTime;
        change("new surface (metric)");
        for (int i = 0; i < 6; ++i) {
            ap.params().threshold_min = float(10 + 5 * (i % 5));
            change("threshold (travel time)", i % 2);
        }
        ap.params().metric = Metric::Opportunities;
        change("new surface (metric)");
        for (int i = 0; i < 6; ++i) {
            ap.params().threshold_min = float(10 + 5 * (i % 5));
            change("threshold (within T)", i % 2);
        }
        // What-if: a candidate dragged with the mouse over 60 frames (the what-if tool's own events: a request every
        // frame, a new surface shown at most every drag_show_ms), then single moves (slider-like latency).
        kind = "what-if drag";
        ap.params().metric = Metric::WhatIf;
        ap.params().threshold_min = 15;
        ap.analysis().clear_candidates();
        ap.analysis().add_candidate({{236000, 488000}, geo::Category::Museum, "Kandidaat 1"});
        change("what-if first candidate");
        ap.whatif_tool = true;
        auto mouse = [&](Uint32 type, geo::P2 world) {
            const geo::P2 px = app.view().cam.to_screen(world);
            SDL_Event ev{};
            ev.type = type;
            if (type == SDL_MOUSEMOTION) {
                ev.motion.x = int(std::lround(px.x));
                ev.motion.y = int(std::lround(px.y));
            } else {
                ev.button.button = SDL_BUTTON_LEFT;
                ev.button.x = int(std::lround(px.x));
                ev.button.y = int(std::lround(px.y));
            }
            ap.handle_event(&ev, false, 1.0f, app.view().cam);
        };
        mouse(SDL_MOUSEBUTTONDOWN, {236000, 488000});
        if (!ap.dragging()) std::printf("  (the drag did not catch the candidate)\n");
        for (int i = 0; i < 60; ++i) {
            mouse(SDL_MOUSEMOTION, {236000.0 + 60 * i, 488000.0 - 40 * i});
            frame();
        }
        mouse(SDL_MOUSEBUTTONUP, {236000.0 + 60 * 59, 488000.0 - 40 * 59});
        ap.whatif_tool = false;
        until_still();
        kind = "slider";
        for (int i = 0; i < 6; ++i) {
            ap.analysis().move_candidate(0, {239600.0 + 500 * i, 485600.0 - 300 * i}, false);
            change("what-if move", i % 2);
        }
        ap.params().metric = Metric::TravelTime;
        ap.params().category = geo::Category::Pop;
        ap.params().threshold_min = 15;
        kind = "new surface";
        change("new surface (metric)");
    }

    // Report.
    std::map<std::string, std::vector<double>> by;
    std::vector<double> all;
    for (const Sample& s : frames) {
        if (s.kind == "warm-up") continue;
        by[s.kind].push_back(s.ms);
        if (s.kind != "still (floor)") all.push_back(s.ms);
    }
    std::printf("\nframe times, %dx%d, window framebuffer, App::frame (panels + map + heatmap), %d repeats:\n", W, H, repeats);
    std::printf("  %-14s %6s %8s %8s %8s %8s %8s\n", "kind", "frames", "p50", "p95", "p99", "max", ">16.7ms");
    auto row = [&](const std::string& k, const std::vector<double>& v) {
        const long over = std::count_if(v.begin(), v.end(), [](double x) { return x > 16.7; });
        std::printf("  %-14s %6zu %8.1f %8.1f %8.1f %8.1f %8ld\n", k.c_str(), v.size(), pct(v, 50), pct(v, 95), pct(v, 99),
                    pct(v, 100), over);
    };
    for (const auto& [k, v] : by) row(k, v);
    row("session", all);
    std::printf("  (session: every kind but the floor)\n");
    std::printf("\nparameter change -> the frame that shows it (submit frame + worker + the frame that takes the result):\n");
    for (const auto& [k, v] : latency)
        std::printf("  %-40s n=%-3zu median %6.1f ms, max %6.1f ms\n", k.c_str(), v.size(), pct(v, 50), pct(v, 100));
    std::printf("\nthe same, its steps (median): the frame that submits it / waiting for the worker / the frame that shows it\n"
                "(0 / 0: the frame that asked waited for the quick step and showed it)\n");
    for (const auto& [k, v] : parts) {
        std::vector<double> a, b, c;
        for (const Parts& p : v) a.push_back(p.submit), b.push_back(p.wait), c.push_back(p.shown);
        std::printf("  %-28s %6.1f / %6.1f / %6.1f ms\n", k.c_str(), pct(a, 50), pct(b, 50), pct(c, 50));
    }
    std::printf("\nload average at end %s\n", loadavg().c_str());
    std::filesystem::remove_all(cfg);
    return 0;
}
