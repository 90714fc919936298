#include "viewer/app/cli.h"

#include <SDL.h>
#include <malloc.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "geo/core/crs.h"
#include "viewer/app/analyse_cli.h"
#include "viewer/app/cli_options.h"
#include "viewer/app/export_cli.h"
#include "viewer/app/session.h"
#include "viewer/model/i18n.h"
#include "viewer/model/vocabulary.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/platform/window.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"
#include "viewer/render/gl.h"
#include "viewer/render/text.h"
#include "viewer/ui/app.h"
#include "viewer/ui/project_panel.h"
#include "viewer/ui/ui_analysis.h"
#include "viewer/model/user_style.h"
#include "viewer/ui/user_layers_panel.h"

namespace viewer {

// ---- command line -----------------------------------------------------------------------------------

namespace {

struct Args {
    std::string screenshot;
    std::string size;                        // WxH as given
    int w = 1600, h = 1000;
    std::string lang;
    std::string present, screenshot_scenes;  // presenter mode (viewer/present/presenter.h)
    std::string heatmap, category, mode;     // --screenshot with the analysis overlay on
    std::string venue;                       // --venue ID: selected (the venue of reach)
    float threshold = 0;
    std::string population, weights;         // issue 17: --population all|25_45, --weights CAT=W,... (composite)
    int frames = 0;                          // interactive: quit after this many frames (smoke tests)
    bool timings = false;                    // --timings: where the start-up time goes (issue 15)
    int display = 0;                         // --present: the audience's display (1-based; 0 = automatic)
    std::string roads;                       // --roads FILE ("" = $TREKKAART_ROADS)
    std::vector<std::string> layers;         // --layer PATH[,LAYER], repeatable (issue 12)
    std::string project;                     // FILE.trekkaart (issue 12, docs/project.md)
    // issue 12: a layer used by the analysis (added to the map too), as the panel's "Use in the analysis" does.
    std::string venues, name_field, category_field, capacity_field;
    bool venues_extend = false;
    std::string zones, zone_name_field;
};

const char* const kUsageLine =
    "usage: trekkaart [OPTIONS]   or   trekkaart export ...   or   trekkaart analyse ...   (--help: every option)\n";

int usage(const std::string& msg) {
    std::fprintf(stderr, "trekkaart: %s\n%s", msg.c_str(), kUsageLine);
    return 2;
}

// The options of `trekkaart` itself (the window, --screenshot, the presenter), bound to a.
void add_main_options(CLI::App& app, Args& a) {
    set_option_defaults(app);
    app.description("trekkaart: the map of the Cultuurregio Twente. Without options it opens the map window.");
    app.footer("environment: TREKKAART_DATA (data folder), TREKKAART_ASSETS (assets folder), TREKKAART_ROADS (as "
               "--roads)\nexamples: trekkaart --screenshot out.png --heatmap travel_time --category pop --mode bike\n"
               "          trekkaart --present assets/scenes/trek-in-twente.json");
    app.add_option("--lang", a.lang, "language of the map and panels (default nl)")
        ->check(key_in("language", {"nl", "en"}))->type_name("LANG");
    app.add_option("--screenshot", a.screenshot, "render the window's picture offscreen into OUT.png")->type_name("OUT.png");
    app.add_option("--size", a.size, "picture size for --screenshot (default 1600x1000) and --screenshot-scenes "
                                     "(default 1920x1080)")
        ->check(size_wxh(16384, "1920x1080 (at most 16384)"))->type_name("WxH");
    app.add_option("--present", a.present, "full-screen presentation of a scenes file (docs/presenter.md)")
        ->type_name("SCENES.json");
    app.add_option("--screenshot-scenes", a.screenshot_scenes, "with --present: one PNG per scene into DIR")
        ->type_name("DIR");
    app.add_option("--display", a.display, "with --present: the audience's display, 1 = the first (default: the "
                                           "second when there are two or more; the speaker's view goes on another)")
        ->check(int_in(1, 16, "a display number 1..16"))->type_name("N");
    const char* g = "Analysis overlay of --screenshot (metrics as in export)";
    app.add_option("--heatmap", a.heatmap, "the metric shown")
        ->check(key_in("metric", metric_keys()))->type_name("METRIC")->group(g);
    app.add_option("--category", a.category, "venue category of the metric")
        ->check(key_in("venue category", category_keys()))->type_name("KEY")->group(g);
    app.add_option("--mode", a.mode, "travel mode of the metric")
        ->check(key_in("travel mode", mode_keys()))->type_name("KEY")->group(g);
    app.add_option("--threshold", a.threshold, "T in minutes")
        ->check(number_in(0, 600, true, "minutes (0..600]"))->type_name("MIN")->group(g);
    app.add_option("--venue", a.venue, "select this venue (an id of assets/venues.csv): its info panel, and the "
                                       "venue of --heatmap reach")->type_name("ID")->group(g);
    app.add_option("--population", a.population, "whose inhabitants count: all (default) or 25_45")
        ->check(key_in("population", population_keys()))->type_name("KEY")->group(g);
    app.add_option("--weights", a.weights, "composite: weight per category, e.g. third_place=2,pop=1")
        ->check(weights_in())->type_name("CAT=W,...")->group(g);
    app.add_option("--roads", a.roads, "road network (OSM PBF/XML or GeoPackage) for the travel times "
                                       "(default $TREKKAART_ROADS, else straight-line estimates)")
        ->type_name("FILE");
    app.add_option("--layer", a.layers, "a layer of your own (any GDAL source: file, PATH,LAYER, /vsizip/..., PG:...; repeatable, drawn in this "
                  "order; README: Your own data)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->check(layer_spec())->type_name("PATH[,LAYER]");
    app.add_option("project,--project", a.project, "a project file to open (docs/project.md): its layers, styles, "
                                                    "view, analysis and what-if sites; with --present: its layers for "
                                                    "the scenes' \"user:NAME\" (docs/presenter.md)")
        ->type_name("FILE.trekkaart");
    const char* u = "Your own data in the analysis (as the panel's 'Use in the analysis'; README: Your own data)";
    app.add_option("--venues", a.venues, "a point layer as the venues (added to the map): replaces the catalogue's "
                                         "venues of its categories")
        ->check(layer_spec())->type_name("PATH[,LAYER]")->group(u);
    app.add_option("--name-field", a.name_field, "its field of the venue's name")->type_name("FIELD")->group(u);
    app.add_option("--category-field", a.category_field, "its field of the category (a key, label or Dutch word; "
                                                         "without it every point is of --category)")
        ->type_name("FIELD")->group(u);
    app.add_option("--capacity-field", a.capacity_field, "its field of the capacity")->type_name("FIELD")->group(u);
    app.add_flag("--venues-extend", a.venues_extend, "add them to the catalogue instead")->group(u);
    app.add_option("--zones", a.zones, "a polygon layer as zones of the figures (added to the map)")
        ->check(layer_spec())->type_name("PATH[,LAYER]")->group(u);
    app.add_option("--zone-name-field", a.zone_name_field, "its field of the zone's name")->type_name("FIELD")->group(u);
    app.add_option("--frames", a.frames, "open the window, quit after N frames (smoke test)")
        ->check(int_in(1, 2147483647, "a positive number"))->type_name("N");
    app.add_flag("--timings", a.timings, "print where the start-up time goes (data, window, first frame) on stderr");
}

// --timings (issue 15): the start-up phases on stderr, each with its time and the time since the process started.
struct StartupClock {
    bool on = false;
    std::chrono::steady_clock::time_point main = std::chrono::steady_clock::now(), t = main;
    double before_main = 0;  // ms from the process's start (exec, the dynamic linker) to main; 10 ms resolution

    StartupClock(bool o, std::chrono::steady_clock::time_point main_time) : on(o), main(main_time), t(main_time) {
        if (!on) return;
        // /proc/self/stat field 22: the start time in clock ticks since boot (CLOCK_BOOTTIME).
        std::ifstream f("/proc/self/stat");
        std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        const size_t paren = stat.rfind(')');
        timespec now{};
        if (paren == std::string::npos || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return;
        std::istringstream in(stat.substr(paren + 2));
        std::string field;
        for (int i = 3; i <= 22 && in >> field; ++i) {}
        const double ticks = std::atof(field.c_str()), hz = double(sysconf(_SC_CLK_TCK));
        before_main = std::max(0.0, (now.tv_sec + now.tv_nsec * 1e-9 - ticks / hz) * 1000 - since_main());
        std::fprintf(stderr, "trekkaart: start-up: %-44s %6.0f ms\n", "process start to main (dynamic linking)",
                     before_main);
    }
    double since_main() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - main).count();
    }
    // The phase since the last lap.
    void lap(const std::string& what) {
        const auto now = std::chrono::steady_clock::now();
        if (on)
            std::fprintf(stderr, "trekkaart: start-up: %-44s %6.0f ms  (at %.0f ms)\n", what.c_str(),
                         std::chrono::duration<double, std::milli>(now - t).count(), before_main + since_main());
        t = now;
    }
    void data_steps(const geo::Dataset& d) const {
        if (!on) return;
        for (const auto& [step, ms] : d.load_ms) std::fprintf(stderr, "trekkaart: start-up:   data: %-38s %6.0f ms\n",
                                                               step.c_str(), ms);
    }
};

// issue 12: --venues and --zones for the window and --screenshot: the layer is added to the map and used as the
// panel's "Use in the analysis" would (its mapping shown there). A failure is said and the run goes on.
void use_layers(App& app, Session& s, const Args& a) {
    auto add = [&](const std::string& spec) -> std::optional<UserLayerEntry> {
        if (spec.empty() || !add_user_layer(s, spec, "trekkaart")) return std::nullopt;
        app.view().user_layers.push_back(s.user_layers.back());
        return s.user_layers.back();
    };
    if (auto e = add(a.venues)) {
        UserLayersPanel::UseState& u = app.user_layers().use_state(e->id);
        u.venues.name_field = a.name_field;
        u.venues.category_field = a.category_field;
        u.venues.capacity_field = a.capacity_field;
        u.venues.extend = a.venues_extend;
        if (!a.category.empty()) geo::category_from_key(a.category, u.venues.fixed_category);
        u.message = app.user_analysis().use_venues(*e->layer, e->id, u.venues, &u.note);
        if (!u.message.empty()) std::fprintf(stderr, "trekkaart: --venues: %s\n", u.message.c_str());
        else if (!u.note.empty()) std::fprintf(stderr, "trekkaart: --venues: %s\n", u.note.c_str());
        app.user_layers().open_layer(e->id);
        app.analysis().venues_changed(-1, false);
    }
    if (auto e = add(a.zones)) {
        UserLayersPanel::UseState& u = app.user_layers().use_state(e->id);
        u.zone_name_field = a.zone_name_field;
        u.message = app.user_analysis().use_zones(*e->layer, e->id, u.zone_name_field);
        if (!u.message.empty()) std::fprintf(stderr, "trekkaart: --zones: %s\n", u.message.c_str());
        if (a.venues.empty()) app.user_layers().open_layer(e->id);
        // The zones' rows are what was asked for (--screenshot opens the window once its result is there).
        if (a.screenshot.empty()) app.analysis().show_figures = u.message.empty();
    }
}

// One frame of the full window picture (map + panels), offscreen.
// The session's project (trekkaart FILE.trekkaart) in the window: its view, analysis, sites, missing layers.
// Its venue set, zones and road network too, unless --venues, --zones or --roads replace them (use_layers).
void adopt_project(App& app, Session& session, const Args& a) {
    app.view().user_layers = session.user_layers;
    if (!session.project) return;
    Project p = *session.project;
    if (!a.venues.empty()) p.analysis.uses.venues_layer.clear();
    if (!a.zones.empty()) p.analysis.uses.zones_layer.clear();
    if (!a.roads.empty()) p.analysis.uses.roads_layer.clear();
    for (const auto& m : app.project().adopt(app, p, session.missing_layers, !a.lang.empty()))
        std::fprintf(stderr, "trekkaart: %s\n", m.c_str());
}

int screenshot(Session& session, const Args& a, StartupClock& clock) {
    GLContext ctx;
    clock.lap("GL context");
    App app(session.data, ctx.window(), 1.0f, session.analysis, session.venue_edits_path);
    adopt_project(app, session, a);
    use_layers(app, session, a);
    clock.lap("app: map renderer, panels, ImGui");
    RenderTarget rt;
    if (!rt.create(a.w, a.h, 0)) {
        std::fprintf(stderr, "trekkaart: cannot allocate a %dx%d render target\n", a.w, a.h);
        return 3;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(a.w), float(a.h));
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplOpenGL3_NewFrame();
    if (!a.venue.empty()) {
        const int vi = find_venue(session.data, a.venue);
        if (vi < 0) return usage("--venue: " + unknown_venue_message(session.data, a.venue));
        app.selected = {Pick::Venue, vi};
    }
    // The analysis overlay (the options', or an opened project's), computed before the picture is taken.
    if (!a.heatmap.empty() || app.analysis().overlay_on) {
        AnalysisPanel& an = app.analysis();
        AnalysisParams& p = an.params();
        if (!a.heatmap.empty()) metric_from_key(a.heatmap, p.metric);  // the keys are checked by the command line
        if (!a.category.empty()) geo::category_from_key(a.category, p.category);
        if (!a.mode.empty()) geo::mode_from_key(a.mode, p.mode);
        if (a.threshold > 0) p.threshold_min = a.threshold;
        if (!a.population.empty()) population_from_key(a.population, p.population);
        if (!a.weights.empty() && a.weights != "strategy") parse_weights(a.weights, p.weights);
        an.overlay_on = true;
        // issue 12: --zones shows the zones' rows (set before the request: the figures are computed for it)
        if (app.user_analysis().zones()) an.show_figures = true;
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
        if (i == 0) clock.lap("first frame (map and panels)");
    }
    std::vector<unsigned char> rgba(size_t(a.w) * a.h * 4);
    rt.read_rgba(rgba.data());
    clock.lap("second frame, read back");
    std::string err = write_png_atomic(a.screenshot, rgba.data(), a.w, a.h);
    if (!err.empty()) {
        std::fprintf(stderr, "trekkaart: %s\n", err.c_str());
        return 4;
    }
    std::fprintf(stderr, "trekkaart: wrote %s (%dx%d)\n", a.screenshot.c_str(), a.w, a.h);
    return 0;
}

// The window. Start-up (issue 15): the data load on a thread while the window and its GL context are made (the
// GL driver's loading is most of that), then the App and the first frame.
int interactive(const SessionOptions& so, const Args& a, StartupClock& clock) {
    std::future<std::optional<Session>> loading = std::async(std::launch::async, [&so] { return load_session(so); });
    const int max_frames = a.frames;
    int frames = 0;
    platform::WindowOptions wo;
    wo.title = "trekkaart — Cultuurregio Twente";
    wo.w = 1400;
    wo.h = 900;
    wo.resizable = wo.high_dpi = true;
    std::unique_ptr<platform::Window> win;
    std::string window_error;
    try {
        win = std::make_unique<platform::Window>(wo);
    } catch (const std::exception& e) {
        window_error = e.what();
    }
    clock.lap("window and GL context (beside the data)");
    geo::rd_to_wgs84(geo::P2{250000, 470000});  // this thread's PROJ set-up (the first frame's north arrow), made
                                                 // while the data still loads
    std::optional<Session> loaded = loading.get();  // a failure has been said (exit code 1, as before the window)
    if (!loaded) return 1;
    clock.lap("data: the rest after the window");
    clock.data_steps(loaded->data);
    if (!win) {
        std::fprintf(stderr, "trekkaart: %s\n(no display? use --screenshot)\n", window_error.c_str());
        return 3;
    }
    Session& session = *loaded;
    // The common glyphs of the map's text, baked on the core the data loaded on while the App is built and the
    // first frame drawn (the atlas is shared and locked; a glyph the frame needs before it is baked by the frame).
    TextRenderer().prewarm(true);
    {
        App app(session.data, win->sdl(), win->dpi_scale(), session.analysis, session.venue_edits_path);
        adopt_project(app, session, a);
        use_layers(app, session, a);
        clock.lap("app: map renderer, panels, ImGui");
        bool run = true;
        auto last = std::chrono::steady_clock::now();
        const auto start = last;
        int settle = 3;  // frames still to draw after the last event (ImGui needs a few to settle)
        while (run) {
            SDL_Event ev;
            // Idle (no input, no flight): sleep until an event, at most 250 ms, instead of redrawing an unchanged
            // map 60 times a second. While the analysis worker computes, too: its finished result is an event
            // (App::computing), so the frame after it shows the picture; every 100 ms a frame shows the progress.
            if (settle == 0 && !app.animating() && max_frames == 0 &&
                SDL_WaitEventTimeout(&ev, app.computing() ? 100 : 250)) {
                run = app.handle_event(&ev) && run;
                settle = 3;
            }
            while (SDL_PollEvent(&ev)) {
                run = app.handle_event(&ev) && run;
                settle = 3;
            }
            if (settle > 0) --settle;
            int fw, fh, ww, wh;
            win->drawable_size(fw, fh);
            win->size(ww, wh);
            auto now = std::chrono::steady_clock::now();
            double dt = std::chrono::duration<double>(now - last).count();
            last = now;
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplSDL2_NewFrame();
            app.frame(fw, fh, ww, wh, dt);
            if (frames == 0) clock.lap("first frame (map and panels)");
            win->swap();
            if (frames == 0) clock.lap("first swap: the first picture");
            ++frames;
            if (max_frames > 0 && frames >= max_frames) {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                std::fprintf(stderr, "trekkaart: %d frames at %dx%d in %.2f s (%.1f ms per frame)\n", frames, fw, fh, s,
                             1000 * s / frames);
                run = false;
            }
        }
    }
    win.reset();
    if (max_frames > 0 && frames < max_frames) {
        std::fprintf(stderr, "trekkaart: the window closed after %d of %d frames\n", frames, max_frames);
        return 3;
    }
    return 0;
}

// Writes one PNG per scene (scene-01-<id>.png ...) into dir at w x h. Returns the process exit code.
int screenshot_scenes(const Session& session, const std::string& deck_path, const std::string& dir, int w, int h) {
    const geo::Dataset& data = session.data;
    SceneCatalog cat = SceneCatalog::from(data, session.user_layers);  // "user:NAME": a project's layer
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
    SceneHeatmaps heat(data, session.analysis);
    PresenterOptions po;
    po.user_layers = session.user_layers;
    Presenter p(data, renderer, deck, heat.hooks(renderer.origin()), po);
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
    // Large buffers (pictures of the presenter and the export, rasters) straight from and back to the system:
    // glibc's default threshold grows to 32 MB after the first large free, after which freed pictures stay in
    // the heap and the resident memory only grows (bench_present: 543 MB peak instead of 344 MB).
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    const auto main_time = std::chrono::steady_clock::now();
    CLI::App app("", "trekkaart");
    Args a;
    add_main_options(app, a);
    ExportCliArgs ex;
    CLI::App* sub = app.add_subcommand("export", "poster, GeoTIFF and CSV export (trekkaart export --help, docs/export.md)");
    add_export_options(*sub, ex);
    AnalyseArgs an;
    CLI::App* analyse = app.add_subcommand("analyse", "the analysis as GeoTIFF, GeoPackage, CSV and JSON, no display "
                                                      "(trekkaart analyse --help)");
    add_analyse_options(*analyse, an);
    std::string err;
    const int code = parse_args(app, std::vector<std::string>(argv + 1, argv + argc), err);
    if (code == 0) return 0;  // --help
    if (sub->parsed()) {  // `trekkaart export` (docs/export.md)
        if (code < 0) err = finish_export_args(ex);
        ex.given = given_options(*sub);
        if (!err.empty()) {
            std::fprintf(stderr, "trekkaart export: %s\n%s", err.c_str(), kExportUsageLine);
            return kExportUsage;
        }
        if (ex.roads.empty()) ex.roads = a.roads;  // trekkaart --roads FILE export ...
        ex.layers.insert(ex.layers.begin(), a.layers.begin(), a.layers.end());  // trekkaart --layer X export ...
        if (ex.project.empty()) ex.project = a.project;  // trekkaart --project P export ...
        return run_export(ex);
    }
    if (analyse->parsed()) {  // `trekkaart analyse` (README: trekkaart analyse)
        if (code < 0) err = finish_analyse_args(an);
        an.given = given_options(*analyse);
        if (!err.empty()) {
            std::fprintf(stderr, "trekkaart analyse: %s\n%s", err.c_str(), kAnalyseUsageLine);
            return 2;
        }
        if (an.roads.empty()) an.roads = a.roads;  // trekkaart --roads FILE analyse ...
        an.layers.insert(an.layers.begin(), a.layers.begin(), a.layers.end());
        if (an.project.empty()) an.project = a.project;
        return run_analyse(an);
    }
    if (code > 0) return usage(err);
    if (!a.heatmap.empty() && a.screenshot.empty()) return usage("--heatmap is for --screenshot (in the window: the Analyse panel)");
    if (!a.venue.empty() && a.screenshot.empty()) return usage("--venue is for --screenshot (in the window: click the venue)");
    if (a.heatmap == "reach" && a.venue.empty()) return usage("--heatmap reach needs --venue ID (the venue whose reach is shown)");
    if (!a.screenshot_scenes.empty() && a.present.empty()) return usage("--screenshot-scenes needs --present SCENES.json");
    if (a.display > 0 && a.present.empty()) return usage("--display is for --present SCENES.json");
    set_lang(a.lang == "en" ? Lang::EN : Lang::NL);
    if (!a.size.empty()) parse_wxh(a.size, a.w, a.h);
    StartupClock clock(a.timings, main_time);
    clock.lap("command line");

    SessionOptions so;
    so.roads = a.roads;
    so.report_load = true;
    so.layers = a.layers;
    so.project = a.project;
    so.apply_project_uses = !a.present.empty();  // the window applies the project's itself (project_panel.h)
    try {
        if (a.present.empty() && a.screenshot.empty()) return interactive(so, a, clock);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        return 3;
    }
    std::optional<Session> session = load_session(so);
    if (!session) return 1;
    clock.lap("data");
    clock.data_steps(session->data);
    try {
        if (!a.present.empty() && !a.screenshot_scenes.empty())
            return screenshot_scenes(*session, a.present, a.screenshot_scenes, a.size.empty() ? 1920 : a.w,
                                     a.size.empty() ? 1080 : a.h);
        if (!a.present.empty())
            return run_presenter(session->data, a.present, session->analysis, a.display, a.frames, session->user_layers);
        return screenshot(*session, a, clock);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        return 3;
    }
}

}  // namespace viewer
