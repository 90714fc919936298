// `trekkaart export --scene FILE --video talk.mp4` (issue 14), end to end: the video decodes with the size, frame
// count and duration of the deck's timeline (viewer/present/deck_video.h), and a frame at each scene's rest
// equals that scene's handout (Presenter::render_scene_rgba, as --screenshot-scenes writes it) within
// compression tolerance. Plus the command line's checks.
#include <gtest/gtest.h>

#include <SDL.h>
#include <unistd.h>

#include <filesystem>

#include "../output/video_probe.h"
#include "geo/io/dataset.h"
#include "viewer/app/export_cli.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/deck_video.h"
#include "viewer/present/scene_heatmaps.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

const std::string kDeck = std::string(TREKKAART_TEST_DATA) + "/scenes/video_two.json";

int export_cli(std::vector<std::string> args) {
    args.insert(args.begin(), "export");
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    testing::internal::CaptureStderr();
    const int code = run_export_cli(int(argv.size()), argv.data());
    testing::internal::GetCapturedStderr();
    return code;
}

std::string usage_error(const std::string& line) {
    ExportCliArgs a;
    std::vector<std::string> w;
    std::string cur;
    for (char c : line + " ") {
        if (c != ' ') cur += c;
        else if (!cur.empty()) w.push_back(cur), cur.clear();
    }
    return parse_export_args(w, a);
}

}  // namespace

TEST(VideoExport, CommandLine) {
    ExportCliArgs a;
    ASSERT_EQ(parse_export_args({"--scene", "deck.json", "--video", "talk.mp4"}, a), "");
    EXPECT_EQ(a.size.w, 1920);  // the default size
    EXPECT_EQ(a.size.h, 1080);
    EXPECT_EQ(a.fps, 30);
    EXPECT_DOUBLE_EQ(a.seconds_per_scene, 6);
    ExportCliArgs b;
    ASSERT_EQ(parse_export_args({"--scene", "d.json", "--video", "t.mp4", "--size", "1280x720", "--seconds-per-scene",
                                 "4.5", "--fps", "25"}, b), "");
    EXPECT_EQ(b.size.w, 1280);
    EXPECT_DOUBLE_EQ(b.seconds_per_scene, 4.5);
    EXPECT_EQ(b.fps, 25);
    EXPECT_NE(usage_error("--video t.mp4").find("needs --scene"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json#2 --video t.mp4").find("whole deck"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --video t.mp4 --out x.png").find("not both"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --video t.mp4 --size 1921x1080").find("even"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --video t.avi").find(".mp4"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --video t.mp4 --heatmap population").find("not for --video"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --video t.mp4 --seconds-per-scene 0").find("seconds"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --video t.mp4 --fps 0").find("fps"), std::string::npos);
    EXPECT_NE(usage_error("--scene d.json --size 100x100").find("--video"), std::string::npos);  // no output at all
    EXPECT_EQ(export_cli({"--video", "t.mp4"}), kExportUsage);
}

TEST(VideoExport, TheVideoDecodesAndItsRestFramesAreTheHandouts) {
    ASSERT_TRUE(video_probe::have_ffprobe()) << "ffprobe missing: install Debian's ffmpeg (scripts/setup)";
    const fs::path dir = fs::temp_directory_path() / ("trekkaart_test_video_export_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string out = (dir / "talk.mp4").string();
    const int W = 320, H = 180, fps = 5;
    ASSERT_EQ(export_cli({"--scene", kDeck, "--video", out, "--size", "320x180", "--fps", "5", "--seconds-per-scene",
                          "1.2", "--quiet"}),
              kExportOk);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // no temporary file left

    // The handouts and the timeline, from the presenter itself.
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    MapRenderer renderer(data);
    SceneHeatmaps heat(data);
    const SceneCatalog cat = SceneCatalog::from(data);
    Presenter p(data, renderer, load_deck(kDeck, &cat), heat.hooks(renderer.origin()));
    p.set_size(W, H);
    DeckVideoTiming t;
    t.fps = fps;
    t.seconds_per_scene = 1.2;
    const DeckVideoPlan plan = plan_deck_video(p, t);
    ASSERT_EQ(plan.rest_begin.size(), 2u);
    EXPECT_EQ(plan.rest_begin[0], 0);
    EXPECT_EQ(plan.rest_end[0], 6);                  // 1.2 s at 5 fps
    EXPECT_EQ(plan.rest_end[1] - plan.rest_begin[1], 6);
    const int flight = plan.rest_begin[1] - plan.rest_end[0];
    EXPECT_GE(flight, int((1.0 + 0.6) * fps));       // a flight of 1 s at least, plus 2 x 0.3 s of fading
    EXPECT_LE(flight, int((4.5 + 0.6) * fps) + 1);
    std::vector<unsigned char> hand[2];
    ASSERT_TRUE(p.render_scene_rgba(0, hand[0]));
    ASSERT_TRUE(p.render_scene_rgba(1, hand[1]));

    auto kv = video_probe::probe(out);
    EXPECT_EQ(kv["codec_name"], "h264");
    EXPECT_EQ(kv["width"], "320");
    EXPECT_EQ(kv["height"], "180");
    EXPECT_EQ(kv["nb_read_frames"], std::to_string(plan.frames));
    EXPECT_NEAR(std::stod(kv["duration"].empty() ? "0" : kv["duration"]), double(plan.frames) / fps, 1e-6);
    EXPECT_NEAR(std::stod(kv["format_duration"].empty() ? "0" : kv["format_duration"]), double(plan.frames) / fps, 0.01);

    // A frame in the middle of each scene's rest is that scene's handout, not the other one's.
    for (int i = 0; i < 2; ++i) {
        const int k = (plan.rest_begin[size_t(i)] + plan.rest_end[size_t(i)]) / 2;
        const auto f = video_probe::frame_rgba(out, k);
        ASSERT_EQ(f.size(), size_t(W) * H * 4) << "frame " << k;
        EXPECT_LT(video_probe::mean_abs_diff(f, hand[i]), 2.5) << "scene " << i + 1 << ", frame " << k;
        EXPECT_GT(video_probe::mean_abs_diff(f, hand[1 - i]), 10.0) << "scene " << i + 1 << ", frame " << k;
    }
    // The first frame is already at rest; mid-flight is neither scene.
    EXPECT_LT(video_probe::mean_abs_diff(video_probe::frame_rgba(out, 0), hand[0]), 2.5);
    const auto mid = video_probe::frame_rgba(out, (plan.rest_end[0] + plan.rest_begin[1]) / 2);
    EXPECT_GT(video_probe::mean_abs_diff(mid, hand[0]), 5.0);
    EXPECT_GT(video_probe::mean_abs_diff(mid, hand[1]), 5.0);
    fs::remove_all(dir);
}
