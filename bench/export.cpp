// bench_export: an 8192x8192 PNG export of all of Twente with every layer, on whatever GL is current (llvmpipe
// here), split into render / readback / encode / write. Goal: <= 3 s total.
//
// Usage: bench_export [SIZE [max_tile [samples [png_level [threads [format]]]]]]
//        defaults:     8192  2048       -1=auto   1           0=all    png
// Writes /tmp/bench_export.<ext> (override with TREKKAART_BENCH_OUT).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "viewer/core/export.h"
#include "viewer/core/headless.h"

namespace {

double peak_mib() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    const int size = argc > 1 ? std::atoi(argv[1]) : 8192;
    viewer::ExportOptions o;
    o.size = {size, size, 0};
    o.max_tile = argc > 2 ? std::atoi(argv[2]) : 2048;
    o.samples = argc > 3 ? std::atoi(argv[3]) : -1;
    o.png_level = argc > 4 ? std::atoi(argv[4]) : 1;
    o.threads = argc > 5 ? std::atoi(argv[5]) : 0;
    if (argc > 6) {
        auto f = viewer::parse_format(argv[6]);
        if (!f) {
            std::fprintf(stderr, "unknown format %s\n", argv[6]);
            return 2;
        }
        o.format = *f;
    }
    o.sidecars = false;
    const char* env_out = std::getenv("TREKKAART_BENCH_OUT");
    const std::string out = env_out ? env_out : std::string("/tmp/bench_export") + viewer::format_extension(o.format);
    try {
        const geo::Dataset data = geo::load_dataset();
        viewer::GLContext ctx;
        viewer::MapRenderer renderer(data);
        // The window's opening view (1600x1000, Twente fitted), exported at SIZE x SIZE with all layers.
        viewer::MapView seen;
        seen.cam.w = 1600;
        seen.cam.h = 1000;
        seen.cam.fit(data.twente_bbox, 24);
        seen.title = "Cultuurregio Twente";
        // Warm-up (shader compilation, glyph atlas) outside the timing, like a second export in one session.
        {
            viewer::ExportOptions w = o;
            w.size = {512, 512, 0};
            viewer::ExportResult r = viewer::export_map(renderer, seen, "/tmp/bench_export_warmup.png", w);
            std::remove("/tmp/bench_export_warmup.png");
            if (!r.ok()) {
                std::fprintf(stderr, "warm-up failed: %s\n", r.error.c_str());
                return 3;
            }
        }
        auto t0 = std::chrono::steady_clock::now();
        viewer::ExportResult r = viewer::export_map(renderer, seen, out, o);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!r.ok()) {
            std::fprintf(stderr, "export failed (%d): %s\n", r.code, r.error.c_str());
            return r.code;
        }
        std::ifstream f(out, std::ios::binary | std::ios::ate);
        const double mb = double(f.tellg()) / (1024 * 1024);
        const auto& t = r.timings;
        std::printf("export %dx%d %s, %d tiles (max_tile %d, %dx MSAA), zlib level %d, threads %d, ui_scale %.2f\n",
                    size, size, viewer::format_name(o.format), t.tiles, o.max_tile, o.samples, o.png_level, o.threads,
                    r.ui_scale);
        std::printf("  render   %6.2f s\n  readback %6.2f s\n  encode   %6.2f s\n  write    %6.2f s\n", t.render_s,
                    t.readback_s, t.encode_s, t.write_s);
        std::printf("  other    %6.2f s   (buffers, render target, set-up)\n", t.wall_s - t.total());
        std::printf("  total    %6.2f s   (goal <= 3 s; wall around export_map %.2f s)\n", t.wall_s, wall);
        std::printf("  file     %6.1f MiB  %s\n  peak RSS %6.0f MiB\n", mb, out.c_str(), peak_mib());
        std::printf("  heatmap overlay: none (the viewer has no heatmap layer yet)\n");
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "data: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 3;
    }
    return 0;
}
