// The video writer (viewer/output/video.h, issue 14): RGBA frames in, an H.264 MP4 out that ffprobe reads with
// the size, frame count and duration given, whose decoded frames are the frames put in (within compression
// tolerance); written atomically (no file until finish, an old file untouched on failure); the MPEG-4 fallback.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "geo/io/atomic_file.h"
#include "video_probe.h"
#include "viewer/output/video.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("trekkaart_test_video_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// Frame k of a test clip: the left half a colour that changes with k, the right half a fixed map-like beige,
// a dark horizontal bar (sharp edges) across the middle.
std::vector<unsigned char> test_frame(int w, int h, int k) {
    std::vector<unsigned char> px(size_t(w) * h * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            unsigned char* p = &px[(size_t(y) * w + x) * 4];
            if (y >= h / 2 - 2 && y < h / 2 + 2) {
                p[0] = 40, p[1] = 40, p[2] = 40;
            } else if (x < w / 2) {
                p[0] = (unsigned char)(20 * k), p[1] = 120, p[2] = (unsigned char)(200 - 15 * k);
            } else {
                p[0] = 238, p[1] = 232, p[2] = 213;
            }
            p[3] = 255;
        }
    return px;
}

size_t files_in(const fs::path& d) { return size_t(std::distance(fs::directory_iterator(d), fs::directory_iterator())); }

}  // namespace

TEST(Video, OptionsAreChecked) {
    VideoOptions o;
    o.w = 320, o.h = 180;
    EXPECT_EQ(check_video_options(o), "");
    o.w = 321;
    EXPECT_NE(check_video_options(o).find("even"), std::string::npos);
    o.w = 8194;
    EXPECT_NE(check_video_options(o).find("8192"), std::string::npos);
    o.w = 16, o.h = 16;
    EXPECT_EQ(check_video_options(o), "");  // the smallest
    o.fps = 0;
    EXPECT_NE(check_video_options(o).find("frame rate"), std::string::npos);
    o.fps = 120;
    EXPECT_EQ(check_video_options(o), "");
}

TEST(Video, H264FileDecodesToTheFramesPutIn) {
    ASSERT_TRUE(video_probe::have_ffprobe()) << "ffprobe missing: install Debian's ffmpeg (scripts/setup)";
    const fs::path d = scratch("h264");
    const std::string path = (d / "clip.mp4").string();
    VideoOptions o;
    o.w = 64, o.h = 48, o.fps = 10;
    {
        VideoWriter v(path, o);
        ASSERT_TRUE(v.ok()) << v.error();
        EXPECT_EQ(v.codec_name(), "libx264");  // Debian's libavcodec59 has libx264
        EXPECT_EQ(v.note(), "");
        for (int k = 0; k < 10; ++k) ASSERT_TRUE(v.add_frame(test_frame(o.w, o.h, k).data())) << v.error();
        EXPECT_FALSE(fs::exists(path));  // nothing at the target before finish
        ASSERT_EQ(v.finish(), "");
        EXPECT_EQ(v.frames(), 10);
    }
    EXPECT_EQ(files_in(d), 1u);  // the video, no temporary file
    auto kv = video_probe::probe(path);
    EXPECT_EQ(kv["codec_name"], "h264");
    EXPECT_EQ(kv["pix_fmt"], "yuv420p");
    EXPECT_EQ(kv["width"], "64");
    EXPECT_EQ(kv["height"], "48");
    EXPECT_EQ(kv["nb_read_frames"], "10");
    EXPECT_NEAR(std::stod(kv["duration"].empty() ? "0" : kv["duration"]), 1.0, 1e-6);  // 10 frames at 10 fps
    for (int k : {0, 3, 9}) {
        const auto got = video_probe::frame_rgba(path, k);
        ASSERT_EQ(got.size(), size_t(o.w) * o.h * 4) << "frame " << k;
        const auto want = test_frame(o.w, o.h, k);
        // 4:2:0 chroma blurs the colour edges of so small a frame a little; a neighbouring frame is ~6 away.
        EXPECT_LT(video_probe::mean_abs_diff(got, want), 3.0) << "frame " << k;
        if (k > 0) {
            EXPECT_GT(video_probe::mean_abs_diff(got, test_frame(o.w, o.h, k - 1)), 5.0) << "frame " << k;
        }
        // The colour of the changing half (away from edges) is the frame's own, not a neighbour's (20 apart).
        const unsigned char* p = &got[(size_t(10) * o.w + 10) * 4];
        EXPECT_NEAR(p[0], 20 * k, 4) << "frame " << k;
        EXPECT_NEAR(p[1], 120, 4);
        EXPECT_NEAR(p[2], 200 - 15 * k, 4) << "frame " << k;
    }
    fs::remove_all(d);
}

TEST(Video, NoFileUntilFinishAndAnOldFileSurvivesAnAbort) {
    const fs::path d = scratch("abort");
    const std::string path = (d / "talk.mp4").string();
    {
        std::ofstream(path) << "the previous talk";
    }
    VideoOptions o;
    o.w = 32, o.h = 32, o.fps = 5;
    {
        VideoWriter v(path, o);
        ASSERT_TRUE(v.ok()) << v.error();
        for (int k = 0; k < 3; ++k) ASSERT_TRUE(v.add_frame(test_frame(o.w, o.h, k).data()));
        EXPECT_EQ(files_in(d), 2u);  // the old file and the temporary one
    }  // destroyed without finish(): a cancel
    EXPECT_EQ(files_in(d), 1u);
    std::ifstream in(path);
    std::string old;
    std::getline(in, old);
    EXPECT_EQ(old, "the previous talk");
    // A failing rename (as on a full disk) at finish: the old file stays, no temporary file.
    {
        VideoWriter v(path, o);
        ASSERT_TRUE(v.ok());
        ASSERT_TRUE(v.add_frame(test_frame(o.w, o.h, 0).data()));
        geo::inject_atomic_failure(geo::AtomicFailure::Rename);
        const std::string err = v.finish();
        geo::inject_atomic_failure(geo::AtomicFailure::None);
        EXPECT_NE(err.find(path), std::string::npos) << err;
    }
    EXPECT_EQ(files_in(d), 1u);
    std::ifstream in2(path);
    std::getline(in2, old);
    EXPECT_EQ(old, "the previous talk");
    // Errors name the path: a folder that does not exist, an odd size, no frames.
    VideoWriter nowhere((d / "no" / "such" / "x.mp4").string(), o);
    EXPECT_FALSE(nowhere.ok());
    EXPECT_NE(nowhere.error().find("x.mp4"), std::string::npos);
    o.w = 33;
    VideoWriter odd(path, o);
    EXPECT_FALSE(odd.ok());
    EXPECT_NE(odd.error().find("even"), std::string::npos);
    o.w = 32;
    VideoWriter empty(path, o);
    EXPECT_NE(empty.finish().find("no frames"), std::string::npos);
    fs::remove_all(d);
}

// Without an H.264 encoder the writer says so and falls back to MPEG-4 part 2, which plays too.
TEST(Video, FallsBackToMpeg4WithANote) {
    ASSERT_TRUE(video_probe::have_ffprobe()) << "ffprobe missing: install Debian's ffmpeg (scripts/setup)";
    const fs::path d = scratch("mpeg4");
    const std::string path = (d / "clip.mp4").string();
    VideoOptions o;
    o.w = 64, o.h = 48, o.fps = 5;
    o.h264_encoder = "no-such-encoder";
    VideoWriter v(path, o);
    ASSERT_TRUE(v.ok()) << v.error();
    EXPECT_EQ(v.codec_name(), "mpeg4");
    EXPECT_NE(v.note().find("MPEG-4 part 2"), std::string::npos);
    for (int k = 0; k < 5; ++k) ASSERT_TRUE(v.add_frame(test_frame(o.w, o.h, k).data()));
    ASSERT_EQ(v.finish(), "");
    auto kv = video_probe::probe(path);
    EXPECT_EQ(kv["codec_name"], "mpeg4");
    EXPECT_EQ(kv["nb_read_frames"], "5");
    EXPECT_LT(video_probe::mean_abs_diff(video_probe::frame_rgba(path, 2), test_frame(o.w, o.h, 2)), 4.0);
    fs::remove_all(d);
}
