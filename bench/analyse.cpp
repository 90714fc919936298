// `trekkaart analyse` as an analyst runs it, whole process, beside the same computation in-process.
//
//   build/bench/bench_analyse [REPS]
//
// 1. in-process: load the data (Session), one Analysis worker, the travel-time surface of one category (pop, bike)
//    and its figures, then the files (write_analysis_files) -- each phase timed;
// 2. whole process: `trekkaart analyse --metric travel_time --category pop --mode bike --out DIR/ -q` started by
//    posix_spawn and waited for (wall clock), which adds process start, GDAL/PROJ initialisation and exit.
// Prints the minimum over REPS runs (default 5) of each: the machine is shared, the minimum is the least disturbed.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "viewer/app/session.h"
#include "viewer/engine/analysis.h"
#include "viewer/output/data_writers.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

int run_process(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("bench_analyse_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    double load = 1e300, compute = 1e300, write = 1e300, inproc = 1e300, whole = 1e300;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = Clock::now();
        viewer::SessionOptions so;
        so.quiet = true;
        std::optional<viewer::Session> s = viewer::load_session(so);
        if (!s) return 1;
        const double t_load = ms_since(t0);
        viewer::AnalysisOptions ao = s->analysis;
        ao.candidates_path = "-";
        viewer::AnalysisParams p;
        p.metric = viewer::Metric::TravelTime;
        p.category = geo::Category::Pop;
        p.mode = geo::Mode::Bike;
        const auto t1 = Clock::now();
        viewer::AnalysisResult r;
        {
            viewer::Analysis an(s->data, ao);
            an.request(p);
            if (!an.wait(600) || !an.poll(r)) return 1;
        }
        const double t_compute = ms_since(t1);
        const auto t2 = Clock::now();
        viewer::write_analysis_files(s->data, r, (dir / "inproc").string());
        const double t_write = ms_since(t2);
        load = std::min(load, t_load);
        compute = std::min(compute, t_compute);
        write = std::min(write, t_write);
        inproc = std::min(inproc, t_load + t_compute + t_write);

        const auto t3 = Clock::now();
        const int code = run_process({TREKKAART_EXE, "analyse", "--metric", "travel_time", "--category", "pop",
                                      "--mode", "bike", "--out", (dir / "proc").string() + "/", "-q"});
        if (code != 0) {
            std::fprintf(stderr, "bench_analyse: trekkaart analyse exited with %d\n", code);
            return 1;
        }
        whole = std::min(whole, ms_since(t3));
    }
    std::printf("travel_time pop bike, minimum of %d runs\n", reps);
    std::printf("  in-process: load %.0f ms + compute (surface + figures) %.0f ms + write 5 files %.0f ms = %.0f ms\n",
                load, compute, write, inproc);
    std::printf("  whole process `trekkaart analyse`: %.0f ms (process start, GDAL/PROJ set-up, exit: %.0f ms more)\n",
                whole, whole - inproc);
    std::filesystem::remove_all(dir);
    return 0;
}
