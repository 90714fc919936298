// Frame time of the map at 1920x1080 with all default layers on (median over 120 frames), start-up time
// to the first frame, and peak memory. Run: build/bench/bench_frame  (SDL_VIDEODRIVER=offscreen is set
// automatically when there is no display). Numbers go into README "Performance".
// Start-up is measured twice: the phases one after another in this process (load, GL, renderer, first map
// frame), and the real window as a user starts it (issue 15): `trekkaart --frames 1 --timings` started 3 times,
// from the spawn to its first swap (data loaded beside the window, the App with its panels, the first frame).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/map_renderer.h"

using Clock = std::chrono::steady_clock;
static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

static long vm_hwm_kb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

// The real window's start-up: spawn to "first swap" of `trekkaart --frames 1 --timings`, and its own "at" times
// (since the process started) of main and the first swap. Returns false when the program could not run.
struct WindowStartup {
    double spawn_to_swap = 0, main_at = 0, swap_at = 0;
};
static bool window_startup(WindowStartup& w) {
    const auto t0 = Clock::now();
    FILE* p = popen("'" TREKKAART_EXE "' --frames 1 --timings 2>&1", "r");
    if (!p) return false;
    char line[512];
    bool seen = false;
    while (std::fgets(line, sizeof line, p)) {
        if (std::strstr(line, "process start to main")) w.main_at = std::atof(std::strrchr(line, ')') + 1);
        if (const char* at = std::strstr(line, "first swap"); at && std::strstr(at, "(at ")) {
            w.spawn_to_swap = ms_since(t0);
            w.swap_at = std::atof(std::strstr(at, "(at ") + 4);
            seen = true;
        }
    }
    return pclose(p) == 0 && seen;
}

int main(int argc, char** argv) {
    const int W = 1920, H = 1080, N = argc > 1 ? std::max(100, std::atoi(argv[1])) : 120;
    auto t0 = Clock::now();
    geo::Dataset data = geo::load_dataset();
    double t_load = ms_since(t0);
    auto t1 = Clock::now();
    viewer::GLContext ctx;
    double t_gl = ms_since(t1);
    auto t2 = Clock::now();
    viewer::MapRenderer renderer(data);
    double t_init = ms_since(t2);
    // 0: no MSAA, every layer drawn each frame; 1: as the window draws (no MSAA, pan cache: base layers
    // shifted, symbols/labels/furniture drawn fresh); 2: 4x MSAA (exports at rest).
    for (int variant : {0, 1, 2}) {
        const int samples = variant == 2 ? 4 : 0;
        viewer::BaseCache cache;
        viewer::RenderOptions o;
        if (variant == 1) o.cache = &cache;
        viewer::RenderTarget rt;
        rt.create(W, H, samples);
        viewer::MapView v;
        v.cam.w = W;
        v.cam.h = H;
        v.cam.fit(data.twente_bbox, 24);
        v.title = "Trek in Twente";
        auto t3 = Clock::now();
        rt.bind();
        renderer.render(v, o);
        glFinish();
        double t_first = ms_since(t3);
        if (variant == 0)
            std::printf("start-up: load data %.0f ms, GL context %.0f ms, renderer init %.0f ms, first frame %.0f ms; "
                        "total to first frame %.0f ms\n",
                        t_load, t_gl, t_init, t_first, ms_since(t0));
        std::vector<double> ft;
        for (int i = 0; i < N; ++i) {
            // Pan a little every frame, as a user would; labels and symbols are recomputed each frame.
            v.cam.pan_pixels((i % 20) < 10 ? 3 : -3, 0);
            auto t = Clock::now();
            rt.bind();
            renderer.render(v, o);
            glFinish();
            ft.push_back(ms_since(t));
        }
        std::sort(ft.begin(), ft.end());
        std::printf("frame 1920x1080, all default layers, %-32s median %.1f ms (%.0f fps), p95 %.1f ms over %d frames\n",
                    variant == 0 ? "no MSAA, full redraw:" : variant == 1 ? "no MSAA, pan cache (the window):" : "MSAA 4x, full redraw:",
                    ft[ft.size() / 2], 1000.0 / ft[ft.size() / 2], ft[ft.size() * 95 / 100], N);
    }
    std::printf("peak memory (VmHWM): %.0f MB\n", vm_hwm_kb() / 1024.0);
    for (int i = 0; i < 3; ++i) {
        WindowStartup w;
        if (!window_startup(w)) {
            std::printf("window start-up: trekkaart --frames 1 --timings did not run\n");
            break;
        }
        std::printf("window start-up (trekkaart --frames 1, 1400x900 with panels): spawn to first swap %.0f ms; "
                    "process start to main %.0f ms, main to first swap %.0f ms\n",
                    w.spawn_to_swap, w.main_at, w.swap_at - w.main_at);
    }
    return 0;
}
