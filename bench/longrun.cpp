// Long-run memory check: renders many frames and runs many what-if updates, and reports how resident memory
// (VmRSS) and the malloc heap in use grow after warm-up. A leak of even a few hundred bytes per frame shows up
// as megabytes here. Run: build/bench/bench_longrun [frames=10000] [updates=1000]
// (SDL_VIDEODRIVER=offscreen is set automatically when there is no display). Numbers go into docs/reliability.md.
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "geo/travel/friction.h"
#include "geo/travel/travel.h"
#include "viewer/render/gl.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/map_renderer.h"

using Clock = std::chrono::steady_clock;

namespace {

double kb_of(const char* key) {
    std::ifstream f("/proc/self/status");
    std::string line;
    const std::string k = key;
    while (std::getline(f, line))
        if (line.rfind(k, 0) == 0) return std::stod(line.substr(k.size()));
    return -1;
}
double rss_mb() { return kb_of("VmRSS:") / 1024.0; }
double heap_mb() { return double(mallinfo2().uordblks) / (1024.0 * 1024.0); }  // bytes malloc'ed and not freed

struct Sample {
    double rss, heap;
};
Sample sample() { return {rss_mb(), heap_mb()}; }

void report(const char* what, int n, const char* unit, Sample warm, Sample end, double seconds) {
    const double drss = end.rss - warm.rss, dheap = end.heap - warm.heap;
    std::printf("%s: %d %s in %.1f s; after warm-up RSS %.1f -> %.1f MB (%+.2f MB, %+.1f bytes/%s), "
                "heap in use %.2f -> %.2f MB (%+.3f MB, %+.1f bytes/%s)\n",
                what, n, unit, seconds, warm.rss, end.rss, drss, drss * 1048576.0 / n, unit, warm.heap, end.heap, dheap,
                dheap * 1048576.0 / n, unit);
}

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(100, std::atoi(argv[1])) : 10000;
    const int updates = argc > 2 ? std::max(10, std::atoi(argv[2])) : 1000;
    geo::Dataset data = geo::load_dataset();
    std::printf("bench_longrun: data loaded, RSS %.0f MB\n", rss_mb());

    // ---- Frames: 320x200, panning, zooming and toggling layers so every cache (labels, text, LOD, the pan cache)
    //      is used.
    {
        viewer::GLContext ctx;
        viewer::MapRenderer renderer(data);
        viewer::RenderTarget rt;
        rt.create(320, 200, 0);
        viewer::MapView v;
        v.cam.w = 320;
        v.cam.h = 200;
        v.cam.fit(data.twente_bbox, 8);
        const viewer::Camera home = v.cam;
        v.title = "Trek in Twente";
        const int warm = std::min(1000, frames / 5);
        viewer::BaseCache cache;  // the window's pan cache, with magnified frames while zooming in
        Sample s_warm{};
        std::vector<Sample> trace;
        auto t0 = Clock::now();
        for (int i = 0; i < frames; ++i) {
            if (i == warm) {
                s_warm = sample();
                t0 = Clock::now();
            }
            const int phase = i % 400;
            if (phase == 0) v.cam = home;
            if (phase < 200) v.cam.pan_pixels(phase < 100 ? 2 : -2, phase % 50 < 25 ? 1 : -1);
            else v.cam.mpp *= phase < 300 ? 0.99 : 1.0 / 0.99;  // zoom in, then out again
            v.layers.labels = (i / 50) % 4 != 3;
            v.layers.venues = (i / 70) % 3 != 2;
            v.highlight_municipality = (i / 100) % 2 ? data.municipalities[size_t(i / 100) % 14].code : "";
            rt.bind();
            viewer::RenderOptions o;
            o.cache = &cache;
            o.moving = phase >= 200 && phase % 10 != 0;  // zooming: magnified, every 10th frame sharp
            renderer.render(v, o);
            if (i % 50 == 0) glFinish();
            if (i >= warm && (i - warm) % 2000 == 0) trace.push_back(sample());
        }
        glFinish();
        const Sample s_end = sample();
        std::printf("frames: RSS every 2000 frames after warm-up:");
        for (auto& s : trace) std::printf(" %.1f", s.rss);
        std::printf(" MB\n");
        report("frames", frames - warm, "frame", s_warm, s_end,
               std::chrono::duration<double>(Clock::now() - t0).count());
    }

    // ---- What-if updates: one candidate site moved around Twente (with add/remove now and then), each time
    // updated incrementally with geo::update_source, as the what-if tool does.
    {
        const geo::GridSpec spec = geo::GridSpec::covering(data.twente_bbox.grown(10000), 100);
        const geo::FrictionGrid fg = geo::build_friction(spec, geo::Mode::Bike);
        std::vector<geo::Source> sources;
        for (const auto& v : data.venues)
            if (v.category == geo::Category::Pop) sources.push_back({v.pos, true});
        geo::TravelField field = geo::travel_time(fg, sources);
        sources.push_back({data.twente_bbox.centre(), true});
        const int cand = int(sources.size()) - 1;
        geo::update_source(field, fg, sources, cand);
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> ux(data.twente_bbox.minx, data.twente_bbox.maxx),
            uy(data.twente_bbox.miny, data.twente_bbox.maxy);
        const int warm = std::min(100, updates / 5);
        Sample s_warm{};
        auto t0 = Clock::now();
        size_t changed = 0;
        for (int i = 0; i < updates; ++i) {
            if (i == warm) {
                s_warm = sample();
                t0 = Clock::now();
            }
            if (i % 10 == 9) sources[size_t(cand)].active = !sources[size_t(cand)].active;  // remove / re-add
            else sources[size_t(cand)].pos = {ux(rng), uy(rng)};                            // move
            changed += geo::update_source(field, fg, sources, cand);
        }
        const Sample s_end = sample();
        report("what-if updates", updates - warm, "update", s_warm, s_end,
               std::chrono::duration<double>(Clock::now() - t0).count());
        std::printf("what-if updates: %zu cells changed in all (%.0f per update), grid %dx%d\n", changed,
                    double(changed) / updates, spec.cols, spec.rows);
    }
    return 0;
}
