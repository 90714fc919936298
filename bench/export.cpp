// bench_export: an 8192x8192 PNG export of all of Twente with every layer and a heatmap overlay (bike travel
// time to the nearest pop venue, with isochrone contours and its ramp legend), on whatever GL is current
// (llvmpipe here), split into render / readback / encode / write. Goal: <= 3 s total.
//
// Usage: bench_export [SIZE [max_tile [samples [png_level [threads [format [heatmap]]]]]]]
//        defaults:     8192  2048       -1=auto   1           0=all    png     1
// Writes /tmp/bench_export.<ext> (override with TREKKAART_BENCH_OUT).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"
#include "viewer/output/export.h"
#include "viewer/render/heatmap.h"
#include "viewer/platform/gl_context.h"

namespace {

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double load_average() {
    double l[1] = {0};
    return getloadavg(l, 1) == 1 ? l[0] : -1;
}

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
    const bool with_heatmap = argc > 7 ? std::atoi(argv[7]) != 0 : true;
    const char* env_out = std::getenv("TREKKAART_BENCH_OUT");
    const std::string out = env_out ? env_out : std::string("/tmp/bench_export") + viewer::format_extension(o.format);
    try {
        const geo::Dataset data = geo::load_dataset();
        viewer::GLContext ctx;
        viewer::MapRenderer renderer(data);
        // The heatmap surface is computed before the timing (the export only draws it).
        std::unique_ptr<viewer::Heatmap> heat;
        viewer::HeatmapStyle hs;
        if (with_heatmap) {
            viewer::Analysis an(data, [] {
                viewer::AnalysisOptions ao;
                ao.candidates_path = "-";
                return ao;
            }());
            viewer::AnalysisParams p;
            p.metric = viewer::Metric::TravelTime;
            p.category = geo::Category::Pop;
            p.mode = geo::Mode::Bike;
            an.request(p);
            viewer::AnalysisResult res;
            if (!an.wait(300) || !an.poll(res)) {
                std::fprintf(stderr, "heatmap: analysis failed: %s\n", an.error().c_str());
                return 3;
            }
            heat = std::make_unique<viewer::Heatmap>();
            heat->set_grid(res.surface);
            hs.vmin = res.vmin;
            hs.vmax = res.vmax;
            hs.reverse = res.reverse;
            hs.log_scale = res.log_scale;
            hs.contours = res.contours;
            hs.ui_scale = viewer::furniture_scale(o.size);
            o.render.overlay = [&](const viewer::Camera& tc) { heat->draw(tc, renderer.origin(), hs); };
            o.render.ramps.push_back(viewer::Heatmap::legend(hs, "Reistijd naar dichtstbijzijnde poppodium (fiets)",
                                                             "minuten", res.estimate ? "schatting: geen wegennet geladen" : ""));
            o.estimate = res.estimate;
        }
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
            w.ui_scale = viewer::furniture_scale(o.size);  // bakes the glyph sizes the big export uses
            viewer::ExportResult r = viewer::export_map(renderer, seen, "/tmp/bench_export_warmup.png", w);
            std::remove("/tmp/bench_export_warmup.png");
            if (!r.ok()) {
                std::fprintf(stderr, "warm-up failed: %s\n", r.error.c_str());
                return 3;
            }
        }
        const double cpu0 = cpu_seconds();
        viewer::ExportResult r = viewer::export_map(renderer, seen, out, o);
        const double cpu = cpu_seconds() - cpu0;
        if (!r.ok()) {
            std::fprintf(stderr, "export failed (%d): %s\n", r.code, r.error.c_str());
            return r.code;
        }
        std::ifstream f(out, std::ios::binary | std::ios::ate);
        const double mb = double(f.tellg()) / (1024 * 1024);
        const auto& t = r.timings;
        std::printf("export %dx%d %s, %d tiles (max_tile %d, MSAA %s), zlib level %d, threads %s, ui_scale %.2f\n",
                    size, size, viewer::format_name(o.format), t.tiles, o.max_tile,
                    o.samples < 0 ? "auto" : std::to_string(o.samples).c_str(), o.png_level,
                    o.threads <= 0 ? "all" : std::to_string(o.threads).c_str(), r.ui_scale);
        std::printf("  render   %6.2f s\n  readback %6.2f s\n", t.render_s, t.readback_s);
        std::printf("  encode   %6.2f s   (worker thread: overlaps the next band's render)\n", t.encode_s);
        std::printf("  write    %6.2f s\n", t.write_s);
        std::printf("  total    %6.2f s   wall (goal <= 3 s); stages summed %.2f s\n", t.wall_s, t.total());
        std::printf("  cpu      %6.2f s   user+sys of the process; load average %.1f on %u cores while measuring\n", cpu,
                    load_average(), std::thread::hardware_concurrency());
        std::printf("  file     %6.1f MiB  %s\n  peak RSS %6.0f MiB\n", mb, out.c_str(), peak_mib());
        std::printf("  heatmap overlay: %s\n", with_heatmap ? "bike travel time to the nearest pop venue" : "off");
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "data: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 3;
    }
    return 0;
}
