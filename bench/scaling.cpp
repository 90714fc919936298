// How the travel-time engine and the measures grow with the raster, beyond one region (issue 15).
//
//   build/bench/bench_scaling [MAX_MCELLS]      (default 36: every size; 7 stops after 6.4 M cells)
//
// Synthetic and reproducible: square rasters of 100 m cells with 1.6 M, 6.4 M, 25 M and 35 M cells (35 M ~ the
// whole of the Netherlands at 100 m); a non-uniform bike friction (the base friction x 0.75..1.5, hashed per cell,
// so the engine cannot take its uniform-layer shortcut); one venue per 17,500 cells (91 on 1.6 M cells, as the
// catalogue's venues on the region raster), placed by a fixed hash; one inhabitant per cell; 100 zones.
// Each size runs in a child process of its own, so its peak memory (VmHWM) is its own. Phases:
//   friction   building the grid
//   travel     the nearest-venue surface, 90-minute cut-off (multi-source Dijkstra, 16 neighbours)
//   times      per-venue times within 15 minutes (bounded Dijkstra per venue, in parallel)
//   within_T   cumulative opportunities within 15 minutes from those times
//   coverage   coverage and censored statistics per zone (one pass over the cells)
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "geo/measures/measures.h"
#include "geo/travel/friction.h"
#include "geo/travel/travel.h"

using namespace geo;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

uint32_t hash(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

long vm_hwm_mb() {
    std::ifstream f("/proc/self/status");
    for (std::string line; std::getline(f, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
    return -1;
}

void run(int side) {
    GridSpec s;
    s.cell = 100;
    s.cols = s.rows = side;
    s.minx = 0;
    s.maxy = side * 100.0;
    const size_t n = s.size();
    auto t = Clock::now();
    const float base = 1.3f / (15 / 3.6f);  // bike: detour 1.3 at 15 km/h, seconds per metre
    FrictionGrid fg(s, 1, base);
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            fg.set(0, c, r, base * (0.75f + 0.75f * float(hash(uint32_t(r) * 65537u + uint32_t(c)) % 1000) / 1000.0f));
    fg.start_s = {60};
    const double t_friction = ms_since(t);
    std::vector<Source> src;
    const size_t venues = std::max<size_t>(1, n / 17500);
    for (size_t i = 0; i < venues; ++i) {
        const uint32_t h1 = hash(uint32_t(i) * 2 + 1), h2 = hash(uint32_t(i) * 2 + 2);
        src.push_back({{(h1 % uint32_t(side)) * 100.0 + 50, (h2 % uint32_t(side)) * 100.0 + 50}, true});
    }
    TravelOptions to;
    to.max_minutes = 90;
    t = Clock::now();
    const TravelField f = travel_time(fg, src, to);
    const double t_travel = ms_since(t);
    TravelOptions to15 = to;
    to15.max_minutes = 15;
    t = Clock::now();
    const SourceTimes st = source_times(fg, src, to15);
    const double t_times = ms_since(t);
    t = Clock::now();
    const GridF within = cumulative_opportunities(st, 15);
    const double t_within = ms_since(t);
    GridF pop(s, 1.0f);
    Grid<int16_t> zones(s, 0);
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) zones.at(c, r) = int16_t((r * 10 / side) * 10 + c * 10 / side);
    t = Clock::now();
    const auto rows = coverage_by_zone(zones, 100, pop, f.minutes, 15, 90);
    const double t_cov = ms_since(t);
    size_t reached = 0;
    for (float x : f.minutes.v) reached += std::isfinite(x);
    std::printf("%6.1f M cells (%5d^2), %5zu venues: friction %7.0f ms | travel %7.0f ms (%.1f%% reached) | "
                "times %6.0f ms (%zu entries) | within_T %5.0f ms | coverage %5.0f ms | peak %5ld MB\n",
                double(n) / 1e6, side, venues, t_friction, t_travel, 100.0 * double(reached) / double(n), t_times,
                st.entries(), t_within, t_cov, vm_hwm_mb());
    std::fflush(stdout);
    (void)within;
    (void)rows;
}

}  // namespace

int main(int argc, char** argv) {
    const double max_m = argc > 1 ? std::atof(argv[1]) : 36;
    std::printf("bench_scaling: synthetic bike friction, 100 m cells, 1 venue per 17,500 cells, each size in a child "
                "process\n");
    for (int side : {1265, 2530, 5000, 5916}) {
        if (double(side) * side / 1e6 > max_m) break;
        std::fflush(stdout);
        const pid_t pid = fork();
        if (pid == 0) {
            run(side);
            std::_Exit(0);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            std::printf("%6.1f M cells: the child ended abnormally (status %d): out of memory?\n",
                        double(side) * side / 1e6, status);
    }
    return 0;
}
