// The command line of `trekkaart` and `trekkaart export` (viewer/app/cli.cpp, export_cli.cpp): one CLI11 parser
// whose value checks name the option, the value and what is allowed; its help; the documented examples.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "viewer/app/cli.h"
#include "viewer/app/export_cli.h"
#include "viewer/app/session.h"
#include "viewer/model/vocabulary.h"

using namespace viewer;

namespace {

struct Outcome {
    int code = -1;
    std::string out, err;
};

// run_main on {"trekkaart", args...}, with stdout and stderr captured. Only for command lines that stop before
// the data is loaded (usage errors, --help).
Outcome trekkaart(std::vector<std::string> args) {
    args.insert(args.begin(), "trekkaart");
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    Outcome r;
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    r.code = run_main(int(argv.size()), argv.data());
    std::fflush(stdout);
    std::fflush(stderr);
    r.out = testing::internal::GetCapturedStdout();
    r.err = testing::internal::GetCapturedStderr();
    return r;
}

std::string export_error(std::vector<std::string> args) {
    ExportCliArgs a;
    return parse_export_args(args, a);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Shell words of a command line: whitespace-separated, "double quotes" grouped, # starts a comment.
std::vector<std::string> shell_words(const std::string& line) {
    std::vector<std::string> w;
    std::string cur;
    bool in_word = false, quoted = false;
    for (char c : line) {
        if (quoted) {
            if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"') {
            quoted = in_word = true;
        } else if (c == '#' && !in_word) {
            break;
        } else if (c == ' ' || c == '\t') {
            if (in_word) w.push_back(cur);
            cur.clear();
            in_word = false;
        } else {
            cur += c;
            in_word = true;
        }
    }
    if (in_word) w.push_back(cur);
    return w;
}

}  // namespace

TEST(Cli, AWrongCategoryNamesTheAllowedKeysAndSuggestsTheClosest) {
    const std::string e = export_error({"--size", "10x10", "--out", "x.png", "--heatmap", "within_T", "--category",
                                        "theater"});
    EXPECT_TRUE(has(e, "--category")) << e;
    EXPECT_TRUE(has(e, "\"theater\"")) << e;
    EXPECT_TRUE(has(e, "did you mean \"theatre\"?")) << e;
    for (const auto& k : category_keys()) EXPECT_TRUE(has(e, k)) << k << " missing in: " << e;
    // The window's --screenshot checks the same way, before any data is loaded.
    const Outcome r = trekkaart({"--screenshot", "x.png", "--heatmap", "within_T", "--category", "theater"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(has(r.err, "did you mean \"theatre\"?")) << r.err;
    // Metrics and modes too; a key far from every allowed one gets the list without a guess.
    EXPECT_TRUE(has(export_error({"--size", "10x10", "--out", "x.png", "--heatmap", "travel_tim"}),
                    "did you mean \"travel_time\"?"));
    const std::string m = export_error({"--size", "10x10", "--out", "x.png", "--mode", "helicopter"});
    EXPECT_TRUE(has(m, "--mode")) << m;
    EXPECT_TRUE(has(m, "bike_train")) << m;
    EXPECT_FALSE(has(m, "did you mean")) << m;
}

TEST(Cli, ANonNumericOrNegativeThresholdIsAUsageError) {
    for (const char* bad : {"abc", "-5", "0", "601", "15min"}) {
        const Outcome r = trekkaart({"--screenshot", "x.png", "--heatmap", "travel_time", "--threshold", bad});
        EXPECT_EQ(r.code, 2) << bad;
        EXPECT_TRUE(has(r.err, "--threshold")) << r.err;
        const Outcome e = trekkaart({"export", "--size", "10x10", "--out", "x.png", "--heatmap", "travel_time", "--threshold", bad});
        EXPECT_EQ(e.code, 2) << bad;
        EXPECT_TRUE(has(e.err, "trekkaart export: ")) << e.err;
        EXPECT_TRUE(has(export_error({"--size", "10x10", "--out", "x.png", "--threshold", bad}), "minutes")) << bad;
    }
    EXPECT_EQ(export_error({"--size", "10x10", "--out", "x.png", "--threshold", "22.5"}), "");
    // Other usage errors of the main command line exit with 2 as well.
    EXPECT_EQ(trekkaart({"--frames", "0"}).code, 2);
    EXPECT_EQ(trekkaart({"--size", "20x"}).code, 2);
    EXPECT_EQ(trekkaart({"--lang", "de"}).code, 2);
    EXPECT_TRUE(has(trekkaart({"--frobnicate"}).err, "frobnicate"));
    EXPECT_EQ(trekkaart({"--heatmap", "population"}).code, 2);  // only with --screenshot
    // The reach of a venue needs the venue: said before anything is loaded.
    const Outcome reach = trekkaart({"--screenshot", "x.png", "--heatmap", "reach"});
    EXPECT_EQ(reach.code, 2);
    EXPECT_TRUE(has(reach.err, "--venue ID")) << reach.err;
    EXPECT_EQ(trekkaart({"--venue", "enschede-wilminktheater"}).code, 2);  // only with --screenshot
}

// --screenshot --heatmap reach --venue ID: the venue is selected and its reach computed (it used to fail with
// "select a venue first"); an unknown id is a usage error with the closest one.
TEST(Cli, ScreenshotOfTheReachOfAVenue) {
    const std::string png = testing::TempDir() + "trekkaart-reach-" + std::to_string(::getpid()) + ".png";
    Outcome r = trekkaart({"--screenshot", png, "--size", "480x300", "--heatmap", "reach", "--venue",
                           "enschede-wilminktheater", "--mode", "bike", "--threshold", "15"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(std::ifstream(png).good());
    std::remove(png.c_str());
    r = trekkaart({"--screenshot", png, "--size", "480x300", "--heatmap", "reach", "--venue", "enschede-wilminktheatre"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(has(r.err, "did you mean \"enschede-wilminktheater\"")) << r.err;
    EXPECT_FALSE(std::ifstream(png).good());
}

TEST(Cli, HelpListsTheOptions) {
    const Outcome r = trekkaart({"--help"});
    EXPECT_EQ(r.code, 0);
    for (const char* opt : {"--lang", "--screenshot", "--size", "--present", "--screenshot-scenes", "--heatmap",
                            "--category", "--mode", "--threshold", "--roads", "--frames", "export", "TREKKAART_ROADS"})
        EXPECT_TRUE(has(r.out, opt)) << opt << " missing in:\n" << r.out;
    const Outcome e = trekkaart({"export", "--help"});
    EXPECT_EQ(e.code, 0);
    for (const char* opt : {"--out", "--size", "--paper", "--preset", "--dpi", "--landscape", "--scene", "--bbox",
                            "--title", "--choropleth", "--hide", "--heatmap", "--category", "--mode", "--threshold",
                            "--venue", "--data", "--format", "--lang", "--ui-scale", "--quality", "--date",
                            "--estimate", "--no-furniture", "--no-sidecars", "--max-tile", "--samples", "--quiet",
                            "exit codes"})
        EXPECT_TRUE(has(e.out, opt)) << opt << " missing in:\n" << e.out;
}

// Every example of docs/export.md parses (the scenes files are only read when exporting).
TEST(Cli, ExportAcceptsTheDocumentedExamples) {
    std::ifstream in(std::string(TREKKAART_TEST_DATA) + "/../../docs/export.md");
    ASSERT_TRUE(in) << "docs/export.md";
    int examples = 0;
    std::string cmd;
    bool sh = false;  // in a ```sh block (the synopsis in the plain ``` block is not a command)
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("```", 0) == 0) sh = line == "```sh";
        if (!sh || (cmd.empty() && line.rfind("trekkaart export --", 0) != 0)) continue;
        const bool more = !line.empty() && line.back() == '\\';
        cmd += " " + (more ? line.substr(0, line.size() - 1) : line);
        if (more) continue;
        std::vector<std::string> w = shell_words(cmd);
        cmd.clear();
        ASSERT_GE(w.size(), 2u);
        w.erase(w.begin(), w.begin() + 2);  // "trekkaart export"
        ExportCliArgs a;
        EXPECT_EQ(parse_export_args(w, a), "") << line;
        ++examples;
    }
    EXPECT_GE(examples, 5);
    ExportCliArgs a;
    ASSERT_EQ(parse_export_args(shell_words("--paper A3 --landscape --title \"Cultuur in Twente\" --out twente-a3.tif"),
                                a), "");
    EXPECT_EQ(a.title, "Cultuur in Twente");
    EXPECT_EQ(a.size.w, 4961);
}

// The options give way to repetition as before: the last value counts, --hide adds up, --portrait undoes
// --landscape.
TEST(Cli, RepeatedOptions) {
    ExportCliArgs a;
    ASSERT_EQ(parse_export_args({"--size", "10x10", "--size", "20x30", "--out", "x.png", "--hide", "rail", "--hide",
                                 "labels,places", "--paper", "A4", "--paper", "A4"}, a),
              "give only one of --size, --paper and --preset");
    ExportCliArgs b;
    ASSERT_EQ(parse_export_args({"--size", "10x10", "--size", "20x30", "--out", "x.png", "--hide", "rail", "--hide",
                                 "labels,places"}, b), "");
    EXPECT_EQ(b.size.w, 20);
    EXPECT_EQ(b.hide, (std::vector<std::string>{"rail", "labels", "places"}));
    ExportCliArgs c;
    ASSERT_EQ(parse_export_args({"--paper", "a4", "--landscape", "--portrait", "--out", "x.png"}, c), "");
    EXPECT_LT(c.size.w, c.size.h);
}

// --roads wins over $TREKKAART_ROADS, the documented default; neither: no road network (estimates).
TEST(Cli, RoadNetworkFromTheOptionOrTheEnvironment) {
    const char* old = std::getenv("TREKKAART_ROADS");
    const std::string saved = old ? old : "";
    ::unsetenv("TREKKAART_ROADS");
    EXPECT_EQ(roads_path(""), "");
    EXPECT_EQ(roads_path("a.osm.pbf"), "a.osm.pbf");
    ::setenv("TREKKAART_ROADS", "env.gpkg", 1);
    EXPECT_EQ(roads_path(""), "env.gpkg");
    EXPECT_EQ(roads_path("a.osm.pbf"), "a.osm.pbf");
    if (old) ::setenv("TREKKAART_ROADS", saved.c_str(), 1);
    else ::unsetenv("TREKKAART_ROADS");
    ExportCliArgs a;
    ASSERT_EQ(parse_export_args({"--size", "10x10", "--out", "x.png", "--roads", "r.osm"}, a), "");
    EXPECT_EQ(a.roads, "r.osm");
}
