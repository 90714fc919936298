// Presenter mode frame times: the frames of scene-to-scene flights through the sample deck at 1920x1080
// (default; bench_present WxH to change), composited from cached pictures as in the window, each frame
// finished with glFinish (so llvmpipe's rasterisation is counted). Also: the time to prepare a flight's
// pictures (done while the presenter rests on a scene), a frame at rest, and for comparison the live path
// (one MapRenderer::render per frame at the flight's camera).
//
//     SDL_VIDEODRIVER=offscreen build/bench/bench_present [1920x1080] [--live-only]
// (--live-only: only the live question, with the resident memory of each of its phases and what the scene
// heatmaps and their analysis hold; issue 14)
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <string>
#include <chrono>
#include <cstdio>
#include <vector>
#include <thread>

#include "geo/io/dataset.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"

using namespace viewer;
using Clock = std::chrono::steady_clock;

namespace {

long vm_hwm_kb() {  // peak resident memory of this process
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

long vm_rss_kb() {  // resident memory now
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// Samples the resident memory every 2 ms on a thread of its own: the peak of a phase of the bench (VmHWM is the
// peak of the whole run, and a transient buffer freed before the next vm_rss_kb() is seen only here).
class RssSampler {
public:
    RssSampler() : t_([this] {
        while (!quit_) {
            const long kb = vm_rss_kb();
            long m = max_.load();
            while (kb > m && !max_.compare_exchange_weak(m, kb)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }) {}
    ~RssSampler() {
        quit_ = true;
        t_.join();
    }
    long take() { return max_.exchange(vm_rss_kb()); }  // the phase's peak (kB), and a new phase starts now
private:
    std::atomic<bool> quit_{false};
    std::atomic<long> max_{0};
    std::thread t_;
};

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Summary {
    double median = 0, p90 = 0, max = 0;
    size_t n = 0;
};
Summary summarise(std::vector<double> v) {
    Summary s;
    s.n = v.size();
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    s.median = v[v.size() / 2];
    s.p90 = v[std::min(v.size() - 1, v.size() * 9 / 10)];
    s.max = v.back();
    return s;
}
void print(const char* what, const Summary& s) {
    std::printf("%-46s n=%4zu  median %7.2f ms  p90 %7.2f ms  max %7.2f ms  (median %.0f fps)\n", what, s.n, s.median,
                s.p90, s.max, s.median > 0 ? 1000 / s.median : 0);
}

}  // namespace

int main(int argc, char** argv) {
    mallopt(M_MMAP_THRESHOLD, 1 << 20);  // as trekkaart's run_main (viewer/app/cli.cpp)
    int W = 1920, H = 1080;
    std::string shots;  // --shots DIR: PNGs of flight frames (offscreen pass) to look at
    bool live_only = false;  // --live-only: only the live question (its memory phases), no flights
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--live-only") {
            live_only = true;
        } else if (a == "--shots" && i + 1 < argc) {
            shots = argv[++i];
        } else if (std::sscanf(argv[i], "%dx%d", &W, &H) != 2) {
            std::fprintf(stderr, "usage: bench_present [WxH] [--shots DIR] [--live-only]\n");
            return 2;
        }
    }
    geo::Dataset data = geo::load_dataset();
    GLContext ctx(W, H);  // its default framebuffer (0) is what the presenter window draws into
    MapRenderer renderer(data);
    SceneCatalog cat = SceneCatalog::from(data);
    Deck deck = load_deck(std::string(TREKKAART_SOURCE_DIR) + "/assets/scenes/trek-in-twente.json", &cat);
    const double base_mb = vm_hwm_kb() / 1024.0;  // data, GL context, renderer: before any presenter picture
    Presenter p(data, renderer, deck);
    p.set_size(W, H);
    RenderTarget off;  // an offscreen RGBA8 target (what --screenshot-scenes and tests draw into)
    if (!off.create(W, H, 0)) {
        std::fprintf(stderr, "bench_present: cannot allocate %dx%d\n", W, H);
        return 3;
    }
    // The window's framebuffer first (llvmpipe writes it more slowly than an RGBA8 texture), then offscreen.
    std::printf("presenter bench at %dx%d, %zu scenes, GL: %s\n", W, H, deck.scenes.size(),
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    Clock::time_point t0;
    size_t max_cache = 0;  // the most the presenter kept at once
    auto note_cache = [&] { max_cache = std::max(max_cache, p.cache_bytes()); };
    for (int window = live_only ? -1 : 1; window >= 0; --window) {
    const GLuint out = window ? 0 : off.fbo;
    std::printf("\n--- into the %s ---\n", window ? "window's framebuffer" : "offscreen RGBA8 target");

    // Preparation (while resting on a scene): snapshots and flight keyframes.
    std::vector<double> snap_ms, prep_ms;
    int keyframes = 0;
    t0 = Clock::now();
    p.go(0, false);
    p.draw(out);
    glFinish();
    snap_ms.push_back(ms_since(t0));

    std::vector<double> flight, xfade, ends, single, rest;
    for (int i = 0; i + 1 < int(deck.scenes.size()); ++i) {
        const int k0 = p.stats().keyframes_rendered, s0 = p.stats().snapshots_rendered;
        t0 = Clock::now();
        while (p.prefetch_step()) note_cache();
        glFinish();
        prep_ms.push_back(ms_since(t0));
        keyframes += p.stats().keyframes_rendered - k0;
        std::printf("  scene %d -> %d: prepared %d keyframes + %d snapshots in %.0f ms; pictures kept %.0f MB\n", i + 1,
                    i + 2, p.stats().keyframes_rendered - k0, p.stats().snapshots_rendered - s0, prep_ms.back(),
                    p.cache_bytes() / 1048576.0);
        // A frame at rest.
        for (int k = 0; k < 5; ++k) {
            t0 = Clock::now();
            p.draw(out);
            glFinish();
            rest.push_back(ms_since(t0));
        }
        // The flight, at 60 frames per second of presentation time.
        p.command(Cmd::Next);
        while (p.flying()) {
            const Presenter::Phase ph = p.phase();
            const double u = ph.u;
            t0 = Clock::now();
            p.draw(out);
            glFinish();
            const double ms = ms_since(t0);
            flight.push_back(ms);
            if (ph.leaving > 0 || ph.arriving > 0) ends.push_back(ms);  // furniture + caption fading, at 1:1
            else if (u > 0.35 && u < 0.65) xfade.push_back(ms);       // two keyframes blended
            else single.push_back(ms);
            // Frames of every third flight in the end fades and the cross-fade, to judge by eye.
            const int nf = int(flight.size());
            if (!window && !shots.empty() && i % 3 == 1 && (nf % 7 == 0) && (ph.leaving > 0 || ph.arriving > 0 || (u > 0.35 && u < 0.65))) {
                std::vector<unsigned char> img(size_t(W) * H * 4);
                off.read_rgba(img.data());
                char name[64];
                std::snprintf(name, sizeof name, "/flight%d_t%03d.png", i + 1, int(p.flight_t() * 1000));
                write_png_atomic(shots + name, img.data(), W, H);
            }
            p.update(1.0 / 60);
            note_cache();
        }
    }
    std::printf("\nprepared %d keyframes in total; per transition median %.0f ms (done while resting on a scene)\n",
                keyframes, summarise(prep_ms).median);
    print("frame at rest (cached picture + caption)", summarise(rest));
    print("transition frames, all", summarise(flight));
    print("flight frames, cross-fade window (2 keyframes)", summarise(xfade));
    print("furniture/caption fades before/after (1:1)", summarise(ends));
    print("flight frames, one picture", summarise(single));
    std::printf("the last furniture fade blended %.0f %% of the screen (where snapshot and bare picture differ)\n",
                100 * p.stats().fade_area);
    }

    // For comparison: rendering the map live at each flight camera (what the cache avoids).
    std::vector<double> live;
    if (!live_only) {
    p.go(2, false);
    while (p.prefetch_step()) {
    }
    p.command(Cmd::Next);
    MapView v;
    apply_scene(deck.scenes[3], v);
    v.ui_scale = std::max(1.0f, H / 800.0f);
    while (p.flying() && live.size() < 40) {
        v.cam = p.camera();
        off.bind();
        t0 = Clock::now();
        renderer.render(v);
        glFinish();
        live.push_back(ms_since(t0));
        p.update(1.0 / 15);
    }
    }
    print("live MapRenderer::render per frame (no MSAA)", summarise(live));
    std::printf("presenter pictures kept at most: %.0f MB; peak memory before the presenter: %.0f MB\n",
                max_cache / 1048576.0, base_mb);
    std::printf("peak memory (VmHWM): %.0f MB\n", vm_hwm_kb() / 1024.0);

    // issue 14, a live question on the Dome scene with the scene heatmaps (the analysis): the Dome moved 15 km
    // west. Opening it, the move (computing the reach and the picture), frames during it, and back to the scene.
    {
        RssSampler sampler;
        std::vector<std::pair<std::string, long>> phases;  // the peak resident memory of each phase (kB)
        auto phase = [&](const std::string& what) { phases.emplace_back(what, sampler.take()); };
        phase("the presenter part (from here)");
        p.keep_only_neighbours();
        SceneHeatmaps heat(data);
        Presenter q(data, renderer, deck, heat.hooks(renderer.origin()));
        std::vector<std::string> usage_lines;  // what the scene heatmaps and the analysis hold after a phase
        auto usage = [&](const std::string& what) {
            const SceneHeatmapsUsage u = heat.usage();
            const AnalysisCacheUsage& a = u.analysis;
            char line[400];
            std::snprintf(line, sizeof line,
                          "  %-40s entries %d (live %d): surfaces %.0f, heatmaps %.0f + textures %.0f; analysis cache "
                          "%.0f (population %.0f, friction %.0f, %d fields %.0f, %d times %.0f, what-if %.0f) MB",
                          what.c_str(), u.entries, u.live, u.surfaces / 1048576.0, u.heatmaps / 1048576.0,
                          u.textures / 1048576.0, a.total() / 1048576.0, a.population / 1048576.0,
                          a.friction / 1048576.0, a.field_count, a.fields / 1048576.0, a.times_count,
                          a.times / 1048576.0, a.scratch / 1048576.0);
            usage_lines.push_back(line);
        };
        q.set_size(W, H);
        int dome = 0;
        for (size_t i = 0; i < deck.scenes.size(); ++i)
            if (deck.scenes[i].id == "dome") dome = int(i);
        q.go(dome, false);
        phase("keep only neighbours, a second presenter");
        const long rss_before = vm_rss_kb();
        std::printf("\npresenter pictures kept (the first presenter, resting): %.0f MB\n", p.cache_bytes() / 1048576.0);
        q.draw(off.fbo);  // the scene at rest (its heatmap computed)
        glFinish();
        phase("the Dome scene: its heatmap (analysis) and picture");
        usage("the Dome scene");
        const long rss_scene = vm_rss_kb();
        long rss_live = 0;
        std::vector<double> open_ms, first_ms, move_ms, live_rest, back_ms;
        int computing_frames = 0;
        for (int k = 0; k < 3; ++k) {
            t0 = Clock::now();
            q.command(Cmd::LiveQuestion);
            q.draw(off.fbo);
            glFinish();
            open_ms.push_back(ms_since(t0));
            phase("open the live question (V)");
            const geo::P2 site = q.layout(dome).cam.to_screen(deck.scenes[size_t(dome)].whatif.front().pos);
            q.live_click(site);
            t0 = Clock::now();
            q.live_click(site + geo::P2{-15000 / q.layout(dome).cam.mpp - 40 * k, 0});
            q.draw(off.fbo);  // the frame after the click: "computing…" (the worker computes)
            glFinish();
            first_ms.push_back(ms_since(t0));
            while (q.live_computing()) {  // the frame loop goes on (at most every 40 ms) until the figure is ready
                std::this_thread::sleep_for(std::chrono::milliseconds(40));
                q.draw(off.fbo);
                glFinish();
                ++computing_frames;
            }
            move_ms.push_back(ms_since(t0));
            phase("move the site, until the figure");
            usage("a live question, figure ready");
            for (int f = 0; f < 5; ++f) {
                t0 = Clock::now();
                q.draw(off.fbo);
                glFinish();
                live_rest.push_back(ms_since(t0));
            }
            rss_live = std::max(rss_live, vm_rss_kb());
            t0 = Clock::now();
            q.command(Cmd::Next);  // back to the scene as written
            q.draw(off.fbo);
            glFinish();
            back_ms.push_back(ms_since(t0));
            phase("frames during it, back to the scene");
            usage("back to the scene");
        }
        std::printf("\n--- a live question (offscreen) ---\n");
        print("open it (V: its picture with the band)", summarise(open_ms));
        print("move the site: the next frame (says computing, does not wait)", summarise(first_ms));
        print("move the site: until the frame with the figure (reach + picture)", summarise(move_ms));
        std::printf("frames drawn while it computed: %d in 3 questions\n", computing_frames);
        print("frame during a live question", summarise(live_rest));
        print("back to the scene (next key)", summarise(back_ms));
        std::printf("resident memory: before the Dome scene's heatmap %.0f MB, with it (its analysis) %.0f MB, during "
                    "a live question at most %.0f MB, after the last one %.0f MB\n",
                    rss_before / 1024.0, rss_scene / 1024.0, rss_live / 1024.0, vm_rss_kb() / 1024.0);
        std::printf("peak memory (VmHWM) with the live question and its analysis: %.0f MB\n", vm_hwm_kb() / 1024.0);
        std::printf("peak resident memory per phase (sampled every 2 ms):\n");
        for (const auto& [what, kb] : phases) std::printf("  %-52s %5.0f MB\n", what.c_str(), kb / 1024.0);
        std::printf("held by the scene heatmaps and their analysis:\n");
        for (const std::string& l : usage_lines) std::printf("%s\n", l.c_str());
    }
    return 0;
}
