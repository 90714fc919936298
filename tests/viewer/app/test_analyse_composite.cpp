// Issue 17: `trekkaart analyse --metric composite --population 25_45 --weights ...` on the real data: the figures
// CSV states the weights and counts the group as CBS does; bad weights are usage errors with a suggestion.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo/io/csv.h"
#include "geo/io/dataset.h"
#include "viewer/app/cli.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

struct Outcome {
    int code = -1;
    std::string err;
};

Outcome analyse(std::vector<std::string> args) {
    args.insert(args.begin(), {"trekkaart", "analyse"});
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    Outcome r;
    testing::internal::CaptureStderr();
    r.code = run_main(int(argv.size()), argv.data());
    std::fflush(stderr);
    r.err = testing::internal::GetCapturedStderr();
    return r;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Naive CSV split (the fields checked here hold no quoted commas before the note column).
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> f;
    size_t a = 0;
    for (;;) {
        const size_t b = line.find(',', a);
        f.push_back(line.substr(a, b == std::string::npos ? b : b - a));
        if (b == std::string::npos) break;
        a = b + 1;
    }
    return f;
}

}  // namespace

TEST(AnalyseComposite, FiguresCountTheGroupAsCbsAndStateTheWeights) {
    const std::string dir = testing::TempDir() + "trekkaart-analyse-composite-" + std::to_string(::getpid()) + "/";
    const Outcome o = analyse({"--metric", "composite", "--weights", "third_place=2,pop=1", "--population", "25_45",
                               "--mode", "bike", "--threshold", "15", "--out", dir, "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    ASSERT_TRUE(fs::exists(dir + "composite.surface.tif"));
    std::ifstream csv(dir + "composite.figures.csv");
    std::string line;
    ASSERT_TRUE(std::getline(csv, line));
    const std::vector<std::string> cols = split(line);
    auto col = [&](const std::string& c) { return size_t(std::find(cols.begin(), cols.end(), c) - cols.begin()); };
    ASSERT_LT(col("group_inhabitants"), cols.size()) << line;
    ASSERT_LT(col("weights"), cols.size());
    ASSERT_LT(col("within_T_pct_group_third_place"), cols.size());
    const geo::Dataset d = geo::load_dataset();
    int rows = 0;
    while (std::getline(csv, line)) {
        const std::vector<std::string> f = split(line);
        const geo::Municipality& m = d.municipalities.at(size_t(rows));
        ++rows;
        EXPECT_EQ(f[0], m.code);
        // The group on the grid = CBS inhabitants x the CBS 25-45 percentage (within 0.5 %).
        const double want = m.cbs.inhabitants * m.cbs.pct_25_45 / 100;
        EXPECT_NEAR(std::stod(f[col("group_inhabitants")]), want, 0.005 * want) << m.name;
        EXPECT_TRUE(has(line, ",\"third_place=2,pop=1\",")) << line;  // quoted: it holds a comma
        EXPECT_EQ(f[col("population_group")], "25_45");
        const double mix = std::stod(f[col("mix_within_T_pct_group")]);
        EXPECT_GE(mix, 0);
        EXPECT_LE(mix, 100);
    }
    EXPECT_EQ(rows, 14);
    fs::remove_all(dir);
}

TEST(AnalyseComposite, BadWeightsAndPopulationAreUsageErrors) {
    Outcome o = analyse({"--metric", "composite", "--weights", "third_plase=2", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--weights")) << o.err;
    EXPECT_TRUE(has(o.err, "did you mean \"third_place\"")) << o.err;
    o = analyse({"--metric", "composite", "--weights", "pop=0", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "every weight is 0")) << o.err;
    o = analyse({"--metric", "reach", "--population", "20_40", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--population")) << o.err;
    EXPECT_TRUE(has(o.err, "25_45")) << o.err;
}
