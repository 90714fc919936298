// The video writer: RGBA frames in, an MP4 file out (the FFmpeg libraries: libavcodec, libavformat, libswscale).
// Used by `trekkaart export --scene FILE --video talk.mp4` (the presenter's deck as a video).
//
//     viewer::VideoOptions o;
//     o.w = 1920; o.h = 1080; o.fps = 30;
//     viewer::VideoWriter v("talk.mp4", o);
//     if (!v.ok()) fprintf(stderr, "%s\n", v.error().c_str());
//     while (...) v.add_frame(rgba);            // w * h * 4 bytes, top row first
//     std::string err = v.finish();             // "" = talk.mp4 written
//
// The codec is H.264 (libx264, yuv420p, constant quality, BT.709 limited range, a keyframe every 2 s, the
// index at the front of the file for playback while downloading). When libavcodec has no H.264 encoder, MPEG-4
// part 2 is used instead (codec_name() says which; note() explains). The file goes through geo::AtomicFile: it is
// written to a temporary file beside the target and renamed into place by finish(); a writer destroyed without
// finish() (an error, a cancel) removes the temporary file and leaves an existing target untouched.
#pragma once
#include <memory>
#include <string>

namespace viewer {

struct VideoOptions {
    int w = 1920, h = 1080;  // even (4:2:0 chroma), 16 .. 8192
    int fps = 30;            // 1 .. 120
    int crf = 18;            // H.264 constant quality (0 best .. 51); 18: hard to tell from the original
    std::string preset = "fast";
    // Test hook: encoder name to use instead of "libx264" (e.g. "no-such-encoder" to test the fallback).
    std::string h264_encoder = "libx264";
};

// "" when the size and rate are usable, else what is wrong ("the video size must be even: 1919x1080").
std::string check_video_options(const VideoOptions& o);

class VideoWriter {
public:
    VideoWriter(const std::string& path, const VideoOptions& o);
    ~VideoWriter();  // without finish(): the temporary file is removed, the target untouched
    VideoWriter(const VideoWriter&) = delete;
    VideoWriter& operator=(const VideoWriter&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }  // names the path
    const std::string& codec_name() const { return codec_; }  // "libx264" or "mpeg4"
    const std::string& note() const { return note_; }         // "" or why the codec is not H.264
    int frames() const { return frames_; }

    // One frame, w * h * 4 bytes RGBA, top row first (alpha ignored). False (error() set) on failure.
    bool add_frame(const unsigned char* rgba);
    // Flushes the encoder, writes the index and renames the file into place. Returns "" or error().
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string path_, error_, codec_, note_;
    int frames_ = 0;
    bool finished_ = false;
    bool fail(const std::string& what, int averr = 0);
    bool drain(bool flush);
};

}  // namespace viewer
