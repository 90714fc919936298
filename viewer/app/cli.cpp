#include "viewer/app/cli.h"

#include <SDL.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/core/error.h"
#include "geo/io/venue_edits.h"
#include "viewer/app/export_cli.h"
#include "viewer/model/i18n.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"
#include "viewer/render/gl.h"
#include "viewer/ui/app.h"
#include "viewer/ui/ui_analysis.h"

namespace viewer {

// ---- command line -----------------------------------------------------------------------------------

namespace {

struct Args {
    std::string screenshot;
    int w = 1600, h = 1000;
    bool size_given = false;
    std::string lang;
    std::string present, screenshot_scenes;  // presenter mode (viewer/present/presenter.h)
    std::string heatmap, category, mode;     // --screenshot with the analysis overlay on
    float threshold = 0;
    int frames = 0;                          // interactive: quit after this many frames (smoke tests)
    std::vector<std::string> rest;
};

int usage(const char* msg = nullptr) {
    if (msg) std::fprintf(stderr, "trekkaart: %s\n", msg);
    std::fprintf(stderr,
                 "usage: trekkaart [--lang nl|en]                      open the map\n"
                 "       trekkaart --screenshot OUT.png [--size WxH]   render the window's picture offscreen\n"
                 "       trekkaart --present SCENES.json               full-screen presentation of a scenes file\n"
                 "       trekkaart --present SCENES.json --screenshot-scenes DIR [--size WxH]   one PNG per scene\n"
                 "       trekkaart --screenshot OUT.png --heatmap METRIC [--category C] [--mode M] [--threshold MIN]\n"
                 "                                                     ... with the analysis overlay (metrics as in export)\n"
                 "       trekkaart export --help                       poster, GeoTIFF and CSV export (docs/export.md)\n"
                 "       trekkaart --frames N                          open the window, quit after N frames (smoke test)\n"
                 "       --roads FILE                                  road network (OSM PBF/XML or GeoPackage) for the\n"
                 "                                                     travel times (else straight-line estimates)\n"
                 "environment: TREKKAART_DATA (data folder), TREKKAART_ASSETS (assets folder), TREKKAART_ROADS\n");
    return 2;
}

bool parse_size(const std::string& s, int& w, int& h) {
    return std::sscanf(s.c_str(), "%dx%d", &w, &h) == 2 && w > 0 && h > 0 && w <= 16384 && h <= 16384;
}

// One frame of the full window picture (map + panels), offscreen.
int screenshot(geo::Dataset& data, const Args& a) {
    GLContext ctx;
    App app(data, ctx.window(), 1.0f);
    RenderTarget rt;
    if (!rt.create(a.w, a.h, 0)) {
        std::fprintf(stderr, "trekkaart: cannot allocate a %dx%d render target\n", a.w, a.h);
        return 3;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(a.w), float(a.h));
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplOpenGL3_NewFrame();
    if (!a.heatmap.empty()) {  // the analysis overlay, computed before the picture is taken
        AnalysisPanel& an = app.analysis();
        AnalysisParams& p = an.params();
        if (!metric_from_key(a.heatmap, p.metric)) return usage(("--heatmap: unknown metric '" + a.heatmap + "'").c_str());
        if (!a.category.empty() && !geo::category_from_key(a.category, p.category))
            return usage(("--category: unknown category '" + a.category + "'").c_str());
        if (!a.mode.empty() && !geo::mode_from_key(a.mode, p.mode)) return usage(("--mode: unknown mode '" + a.mode + "'").c_str());
        if (a.threshold > 0) p.threshold_min = a.threshold;
        an.overlay_on = true;
        rt.bind();
        glBindFramebuffer(GL_FRAMEBUFFER, rt.fbo);
        app.view().cam.w = a.w;
        app.view().cam.h = a.h;
        app.frame(a.w, a.h, a.w, a.h, 1.0 / 60, rt.fbo);  // submits the request
        if (!an.settle(300)) {
            std::fprintf(stderr, "trekkaart: the analysis failed: %s\n", an.analysis().error().c_str());
            return 3;
        }
    }
    // Render twice: ImGui sizes auto-resizing windows on the first frame.
    for (int i = 0; i < 2; ++i) {
        rt.bind();
        // App::frame binds framebuffer 0; route it to our target instead.
        glBindFramebuffer(GL_FRAMEBUFFER, rt.fbo);
        io.DisplaySize = ImVec2(float(a.w), float(a.h));
        app.view().cam.w = a.w;
        app.view().cam.h = a.h;
        app.frame(a.w, a.h, a.w, a.h, 1.0 / 60, rt.fbo);
    }
    std::vector<unsigned char> rgba(size_t(a.w) * a.h * 4);
    rt.read_rgba(rgba.data());
    std::string err = write_png_atomic(a.screenshot, rgba.data(), a.w, a.h);
    if (!err.empty()) {
        std::fprintf(stderr, "trekkaart: %s\n", err.c_str());
        return 4;
    }
    std::fprintf(stderr, "trekkaart: wrote %s (%dx%d)\n", a.screenshot.c_str(), a.w, a.h);
    return 0;
}

int interactive(geo::Dataset& data, int max_frames) {
    int frames = 0;
    SDL_SetHint(SDL_HINT_VIDEO_HIGHDPI_DISABLED, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "trekkaart: cannot start SDL video: %s\n(no display? use --screenshot)\n", SDL_GetError());
        return 3;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);  // 2D map: no depth or stencil buffer (each costs bandwidth
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);    // on a software rasteriser)
    SDL_Window* win = SDL_CreateWindow("trekkaart — Cultuurregio Twente", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       1400, 900, SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win) {
        std::fprintf(stderr, "trekkaart: cannot open a window: %s\n", SDL_GetError());
        return 3;
    }
    SDL_GLContext gl = SDL_GL_CreateContext(win);
    if (!gl) {
        std::fprintf(stderr, "trekkaart: cannot create an OpenGL 3.3 core context: %s\n", SDL_GetError());
        return 3;
    }
    SDL_GL_SetSwapInterval(1);
    float ddpi = 96;
    float dpi_scale = 1;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(win), &ddpi, nullptr, nullptr) == 0 && ddpi > 120)
        dpi_scale = std::clamp(ddpi / 96.f, 1.f, 3.f);
    {
        App app(data, win, dpi_scale);
        bool run = true;
        auto last = std::chrono::steady_clock::now();
        const auto start = last;
        int settle = 3;  // frames still to draw after the last event (ImGui needs a few to settle)
        while (run) {
            SDL_Event ev;
            // Idle (no input, no flight, no computation): sleep until an event, at most 250 ms, instead of
            // redrawing an unchanged map 60 times a second.
            if (settle == 0 && !app.animating() && max_frames == 0 && SDL_WaitEventTimeout(&ev, 250)) {
                run = app.handle_event(&ev) && run;
                settle = 3;
            }
            while (SDL_PollEvent(&ev)) {
                run = app.handle_event(&ev) && run;
                settle = 3;
            }
            if (settle > 0) --settle;
            int fw, fh, ww, wh;
            SDL_GL_GetDrawableSize(win, &fw, &fh);
            SDL_GetWindowSize(win, &ww, &wh);
            auto now = std::chrono::steady_clock::now();
            double dt = std::chrono::duration<double>(now - last).count();
            last = now;
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplSDL2_NewFrame();
            app.frame(fw, fh, ww, wh, dt);
            SDL_GL_SwapWindow(win);
            if (max_frames > 0 && ++frames >= max_frames) {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                std::fprintf(stderr, "trekkaart: %d frames at %dx%d in %.2f s (%.1f ms per frame)\n", frames, fw, fh, s,
                             1000 * s / frames);
                run = false;
            }
        }
    }
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(win);
    SDL_Quit();
    if (max_frames > 0 && frames < max_frames) {
        std::fprintf(stderr, "trekkaart: the window closed after %d of %d frames\n", frames, max_frames);
        return 3;
    }
    return 0;
}

// Writes one PNG per scene (scene-01-<id>.png ...) into dir at w x h. Returns the process exit code.
int screenshot_scenes(const geo::Dataset& data, const std::string& deck_path, const std::string& dir, int w, int h) {
    SceneCatalog cat = SceneCatalog::from(data);
    Deck deck;
    try {
        deck = load_deck(deck_path, &cat);
    } catch (const SceneError& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        return 1;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "trekkaart: cannot create %s (%s)\n", dir.c_str(), ec.message().c_str());
        return 4;
    }
    GLContext ctx;
    MapRenderer renderer(data);
    SceneHeatmaps heat(data);
    Presenter p(data, renderer, deck, heat.hooks(renderer.origin()));
    p.set_size(w, h);
    std::vector<unsigned char> rgba;
    for (size_t i = 0; i < deck.scenes.size(); ++i) {
        if (!p.render_scene_rgba(int(i), rgba)) {
            std::fprintf(stderr, "trekkaart: cannot render scene %zu at %dx%d\n", i + 1, w, h);
            return 3;
        }
        char name[32];
        std::snprintf(name, sizeof name, "scene-%02zu", i + 1);
        std::string file = name;
        if (!deck.scenes[i].id.empty()) file += "-" + deck.scenes[i].id;
        const std::string path = (std::filesystem::path(dir) / (file + ".png")).string();
        const std::string err = write_png_atomic(path, rgba.data(), w, h);
        if (!err.empty()) {
            std::fprintf(stderr, "trekkaart: %s\n", err.c_str());
            return 4;
        }
        std::fprintf(stderr, "trekkaart: wrote %s\n", path.c_str());
    }
    return 0;
}

}  // namespace

int run_main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "export") return run_export_cli(argc - 1, argv + 1);  // docs/export.md
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        auto next = [&](const char* what) -> std::string {
            if (i + 1 >= argc) { usage((std::string(what) + " needs a value").c_str()); std::exit(2); }
            return argv[++i];
        };
        if (s == "--screenshot") a.screenshot = next("--screenshot");
        else if (s == "--present") a.present = next("--present");
        else if (s == "--screenshot-scenes") a.screenshot_scenes = next("--screenshot-scenes");
        else if (s == "--size") {
            if (!parse_size(next("--size"), a.w, a.h)) return usage("--size expects WxH, e.g. 1920x1080 (at most 16384)");
            a.size_given = true;
        } else if (s == "--lang") a.lang = next("--lang");
        else if (s == "--heatmap") a.heatmap = next("--heatmap");
        else if (s == "--roads") setenv("TREKKAART_ROADS", next("--roads").c_str(), 1);  // read by Analysis
        else if (s == "--category") a.category = next("--category");
        else if (s == "--mode") a.mode = next("--mode");
        else if (s == "--threshold") a.threshold = std::strtof(next("--threshold").c_str(), nullptr);
        else if (s == "--frames") {
            a.frames = std::atoi(next("--frames").c_str());
            if (a.frames <= 0) return usage("--frames expects a positive number");
        }
        else if (s == "-h" || s == "--help") { usage(); return 0; }
        else a.rest.push_back(s);
    }
    if (!a.rest.empty()) return usage(("unknown argument '" + a.rest[0] + "'").c_str());
    if (!a.heatmap.empty() && a.screenshot.empty()) return usage("--heatmap is for --screenshot (in the window: the Analyse panel)");
    if (!a.screenshot_scenes.empty() && a.present.empty()) return usage("--screenshot-scenes needs --present SCENES.json");
    if (a.lang == "en") set_lang(Lang::EN);
    else if (a.lang.empty() || a.lang == "nl") set_lang(Lang::NL);
    else return usage("--lang expects nl or en");

    geo::Dataset data;
    try {
        auto t0 = std::chrono::steady_clock::now();
        data = geo::load_dataset();
        // The user's venue edits (the window's venue editor), in every mode: the map shown is the user's.
        const std::string edits = geo::default_venue_edits_path();
        for (auto& w : geo::load_user_venue_edits(data, edits)) data.warnings.push_back(std::move(w));
        if (data.venue_edits > 0)
            std::fprintf(stderr, "trekkaart: %d venue edit(s) from %s applied\n", data.venue_edits, edits.c_str());
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "trekkaart: loaded %zu municipalities, %zu places, %zu venues in %.0f ms\n",
                     data.municipalities.size(), data.places.size(), data.venues.size(), ms);
        for (const auto& w : data.warnings) std::fprintf(stderr, "trekkaart: warning: %s\n", w.c_str());
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "trekkaart: cannot load the map data:\n  %s\n", e.what());
        return 1;
    }
    try {
        if (!a.present.empty() && !a.screenshot_scenes.empty())
            return screenshot_scenes(data, a.present, a.screenshot_scenes, a.size_given ? a.w : 1920, a.size_given ? a.h : 1080);
        if (!a.present.empty()) return run_presenter(data, a.present);
        if (!a.screenshot.empty()) return screenshot(data, a);
        return interactive(data, a.frames);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        return 3;
    }
}

}  // namespace viewer
