// bench_population: time to build the population surface at 100 m and 50 m, peak memory, and how well each
// Twente municipality's CBS 2024 total is reproduced. Usage: bench_population [cell_m ...]  (default 100 50)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "geo/population/population.h"

namespace {

// Peak resident set size of this process so far (VmHWM), in MiB; -1 when unavailable.
double peak_mib() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;  // value in kB
    return -1;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<double> cells;
    for (int i = 1; i < argc; ++i) cells.push_back(std::atof(argv[i]));
    if (cells.empty()) cells = {100, 50};
    try {
        auto t0 = std::chrono::steady_clock::now();
        const geo::Dataset ds = geo::load_dataset();
        std::printf("load_dataset: %.2f s, peak %.0f MiB\n", seconds_since(t0), peak_mib());
        for (double cell : cells) {
            geo::PopulationOptions o;
            o.cell_m = cell;
            auto t1 = std::chrono::steady_clock::now();
            const geo::PopulationSurface s = geo::build_population(ds, o);
            const double t = seconds_since(t1);
            double nl = 0, de = 0;
            for (size_t i = 0; i < s.nl.v.size(); ++i) { nl += s.nl.v[i]; de += s.de.v[i]; }
            std::printf("\nbuild_population at %g m: %d x %d cells, %.3f s, peak so far %.0f MiB\n", cell,
                        s.spec().cols, s.spec().rows, t, peak_mib());
            std::printf("  NL in raster %.0f, DE in raster %.0f (GeoNames input %.0f, %d places)\n", nl, de,
                        s.german_input, s.german_places);
            std::vector<double> sum(ds.municipalities.size(), 0.0);
            for (size_t i = 0; i < s.nl.v.size(); ++i)
                if (s.municipality.v[i] >= 0) sum[s.municipality.v[i]] += s.nl.v[i];
            std::printf("  %-7s %-16s %8s %8s %7s %8s %9s %9s\n", "code", "name", "CBS", "raster", "err%",
                        "kernen", "kern.scl", "rural/km2");
            double worst = 0;
            for (int i = 0; i < ds.twente_count; ++i) {
                const auto& m = ds.municipalities[i];
                const auto& d = s.per_municipality[i];
                const double err = 100 * (sum[i] - m.cbs.inhabitants) / m.cbs.inhabitants;
                worst = std::max(worst, std::abs(err));
                std::printf("  %-7s %-16s %8.0f %8.0f %7.4f %8.0f %9.3f %9.1f\n", m.code.c_str(), m.label.c_str(),
                            m.cbs.inhabitants, sum[i], err, d.kernen, d.kernen_scale, d.rural_per_km2);
            }
            std::printf("  worst Twente error %.4f %%\n", worst);
            for (const auto& w : s.warnings) std::printf("  warning: %s\n", w.c_str());
        }
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "bench_population: %s\n", e.what());
        return 1;
    }
    return 0;
}
