// Text + label placement costs: glyph baking (first use), layout, flush, and place_labels().
// Run: SDL_VIDEODRIVER=offscreen ./build/bench/bench_text_labels
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "viewer/render/gl.h"
#include "viewer/platform/gl_context.h"
#include "viewer/model/labels.h"
#include "viewer/render/text.h"

using namespace viewer;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int main() {
    const std::vector<std::string> names = {"Almelo",    "Borne",     "Dinkelland", "Enschede",       "Haaksbergen",
                                            "Hellendoorn", "Hengelo",  "Hof van Twente", "Losser",   "Oldenzaal",
                                            "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden", "Nordhorn",
                                            "Gronau (Westf.)", "Bad Bentheim", "Ootmarsum", "Delden", "Goor"};
    auto t0 = Clock::now();
    TextRenderer text;
    std::printf("fonts loaded:                          %7.2f ms\n", ms_since(t0));

    // First frame: all names regular 13 px + bold 15 px (bakes the glyphs they use).
    TextStyle reg, bold;
    reg.size_px = 13;
    reg.halo_px = 1.5f;
    bold.size_px = 15;
    bold.bold = true;
    t0 = Clock::now();
    for (const auto& n : names) {
        text.add(n, 0, 0, reg);
        text.add(n, 0, 0, bold);
    }
    std::printf("first use of 20 place names (bake):    %7.2f ms\n", ms_since(t0));
    t0 = Clock::now();
    for (const auto& n : names) {
        text.add(n, 0, 0, reg);
        text.add(n, 0, 0, bold);
    }
    std::printf("same again (cached):                   %7.3f ms\n", ms_since(t0));
    text.clear();
    t0 = Clock::now();
    for (int i = 0; i < 10000; ++i) {
        if (i % 300 == 0) text.clear();  // a frame of 300 labels
        text.add(names[i % names.size()], float(i % 1000), 10, reg);
    }
    std::printf("add() of a cached name:                %7.2f us\n", ms_since(t0) / 10);
    t0 = Clock::now();
    for (int i = 0; i < 10000; ++i) text.measure(names[i % names.size()], 13);
    std::printf("measure() of a cached name:            %7.2f us\n", ms_since(t0) / 10);
    text.clear();
    t0 = Clock::now();
    text.prewarm(false);
    std::printf("prewarm (synchronous; rest of Latin-1): %7.2f ms\n", ms_since(t0));

    // Everything the brief lists: Basic Latin, Latin-1, Latin Extended-A, both weights, small tier.
    std::string all;
    for (char32_t c = 0x20; c < 0x180; ++c) {
        if (c >= 0x7f && c < 0xa0) continue;
        if (c < 0x80) all += char(c);
        else { all += char(0xc0 | (c >> 6)); all += char(0x80 | (c & 0x3f)); }
    }
    t0 = Clock::now();
    text.add(all, 0, 0, reg);
    text.add(all, 0, 0, bold);
    std::printf("bake all Latin (both weights, <=48px): %7.2f ms\n", ms_since(t0));
    TextStyle title;
    title.size_px = 72;
    title.bold = true;
    t0 = Clock::now();
    text.add("Cultuurregio Twente – bereikbaarheid", 0, 0, title);
    std::printf("72 px title, first use (96 px em):     %7.2f ms\n", ms_since(t0));
    text.clear();

    // Layout + flush of 300 labels.
    GLContext ctx;
    RenderTarget rt;
    rt.create(1920, 1080, 4);
    rt.bind();
    std::mt19937 rng(7);
    t0 = Clock::now();
    for (int i = 0; i < 300; ++i) text.add(names[i % names.size()], float(rng() % 1800), float(rng() % 1050), reg);
    const double t_add = ms_since(t0);
    t0 = Clock::now();
    text.flush(1920, 1080);
    glFinish();
    std::printf("300 labels: add %.3f ms, first flush+finish %.2f ms (shader compile, atlas upload)\n", t_add,
                ms_since(t0));
    double best = 1e9;
    for (int rep = 0; rep < 5; ++rep) {
        for (int i = 0; i < 300; ++i)
            text.add(names[i % names.size()], float(rng() % 1800), float(rng() % 1050), reg);
        t0 = Clock::now();
        text.flush(1920, 1080);
        glFinish();
        best = std::min(best, ms_since(t0));
    }
    std::printf("300 labels: later flush+finish %.2f ms (best of 5; llvmpipe, 1920x1080 4xMSAA)\n", best);

    // Label placement.
    for (int n : {300, 1000, 5000}) {
        std::vector<LabelCandidate> c;
        for (int i = 0; i < n; ++i) {
            const TextExtent e = text.measure(names[i % names.size()], 13);
            c.push_back({i, float(rng() % 1920), float(rng() % 1080), e.w, e.h, float(rng() % 100),
                         point_label_offsets(e.w, e.h, 4)});
        }
        LabelOptions o;
        o.viewport_w = 1920;
        o.viewport_h = 1080;
        o.avoid = {{0, 0, 320, 400}};
        const int reps = 20;
        size_t placed = 0;
        t0 = Clock::now();
        for (int r = 0; r < reps; ++r) placed = place_labels(c, o).size();
        std::printf("place_labels %5d candidates (8 positions each): %.3f ms, %zu placed\n", n,
                    ms_since(t0) / reps, placed);
    }
    return 0;
}
