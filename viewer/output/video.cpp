#include "viewer/output/video.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include "geo/io/atomic_file.h"

namespace viewer {

namespace {

std::string av_message(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

}  // namespace

std::string check_video_options(const VideoOptions& o) {
    const std::string size = std::to_string(o.w) + "x" + std::to_string(o.h);
    if (o.w < 16 || o.h < 16 || o.w > 8192 || o.h > 8192) return "the video size must be 16 to 8192 a side, not " + size;
    if (o.w % 2 || o.h % 2) return "the video size must be even (4:2:0 colour), not " + size;
    if (o.fps < 1 || o.fps > 120) return "the frame rate must be 1 to 120, not " + std::to_string(o.fps);
    return "";
}

struct VideoWriter::Impl {
    std::unique_ptr<geo::AtomicFile> file;
    AVFormatContext* fmt = nullptr;
    AVCodecContext* enc = nullptr;
    AVStream* stream = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* pkt = nullptr;
    SwsContext* sws = nullptr;
    bool header = false;
    int w = 0, h = 0;
    ~Impl() {
        sws_freeContext(sws);
        av_packet_free(&pkt);
        av_frame_free(&frame);
        avcodec_free_context(&enc);
        if (fmt) {
            if (fmt->pb) avio_closep(&fmt->pb);
            avformat_free_context(fmt);
        }
        file.reset();  // not committed: removes the temporary file
    }
};

bool VideoWriter::fail(const std::string& what, int averr) {
    if (error_.empty()) error_ = path_ + ": " + what + (averr ? " (" + av_message(averr) + ")" : "");
    return false;
}

VideoWriter::VideoWriter(const std::string& path, const VideoOptions& o) : impl_(std::make_unique<Impl>()), path_(path) {
    av_log_set_level(AV_LOG_ERROR);
    if (std::string e = check_video_options(o); !e.empty()) {
        fail(e);
        return;
    }
    Impl& m = *impl_;
    m.w = o.w;
    m.h = o.h;
    m.file = std::make_unique<geo::AtomicFile>(path);
    if (!m.file->ok()) {
        error_ = m.file->error();
        return;
    }
    const std::string tmp = m.file->temp_path();
    int r = avformat_alloc_output_context2(&m.fmt, nullptr, "mp4", tmp.c_str());
    if (r < 0 || !m.fmt) {
        fail("cannot set up the MP4 container", r);
        return;
    }
    const AVCodec* codec = avcodec_find_encoder_by_name(o.h264_encoder.c_str());
    if (!codec) {
        codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
        note_ = "libavcodec has no H.264 encoder (" + o.h264_encoder + "): the video is MPEG-4 part 2 instead";
    }
    if (!codec) {
        fail("libavcodec has neither an H.264 nor an MPEG-4 encoder");
        return;
    }
    codec_ = codec->name;
    m.enc = avcodec_alloc_context3(codec);
    m.stream = avformat_new_stream(m.fmt, nullptr);
    m.frame = av_frame_alloc();
    m.pkt = av_packet_alloc();
    if (!m.enc || !m.stream || !m.frame || !m.pkt) {
        fail("out of memory");
        return;
    }
    AVCodecContext* c = m.enc;
    c->width = o.w;
    c->height = o.h;
    c->time_base = AVRational{1, o.fps};
    c->framerate = AVRational{o.fps, 1};
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    c->gop_size = 2 * o.fps;  // a keyframe every 2 s: seeking in a player
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    if (m.fmt->oformat->flags & AVFMT_GLOBALHEADER) c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary* opts = nullptr;
    if (codec->id == AV_CODEC_ID_H264) {
        av_dict_set(&opts, "preset", o.preset.c_str(), 0);
        av_dict_set(&opts, "crf", std::to_string(o.crf).c_str(), 0);
        av_dict_set(&opts, "tune", "animation", 0);  // flat colours and sharp edges, like a map
    } else {
        c->flags |= AV_CODEC_FLAG_QSCALE;
        c->global_quality = FF_QP2LAMBDA * 3;  // constant quality, good
        c->max_b_frames = 2;
    }
    r = avcodec_open2(c, codec, &opts);
    av_dict_free(&opts);
    if (r < 0) {
        fail("cannot open the " + codec_ + " encoder", r);
        return;
    }
    if ((r = avcodec_parameters_from_context(m.stream->codecpar, c)) < 0) {
        fail("cannot set up the video stream", r);
        return;
    }
    m.stream->time_base = c->time_base;
    m.stream->avg_frame_rate = c->framerate;
    m.frame->format = c->pix_fmt;
    m.frame->width = o.w;
    m.frame->height = o.h;
    if ((r = av_frame_get_buffer(m.frame, 0)) < 0) {
        fail("out of memory", r);
        return;
    }
    m.sws = sws_getContext(o.w, o.h, AV_PIX_FMT_RGBA, o.w, o.h, AV_PIX_FMT_YUV420P, SWS_BICUBIC | SWS_ACCURATE_RND,
                           nullptr, nullptr, nullptr);
    if (!m.sws) {
        fail("cannot set up the RGB to YUV conversion");
        return;
    }
    // RGB (full range) to BT.709 limited range, as tagged on the stream.
    sws_setColorspaceDetails(m.sws, sws_getCoefficients(SWS_CS_ITU709), 1, sws_getCoefficients(SWS_CS_ITU709), 0, 0,
                             1 << 16, 1 << 16);
    if ((r = avio_open(&m.fmt->pb, tmp.c_str(), AVIO_FLAG_WRITE)) < 0) {
        fail("cannot write the temporary file " + tmp, r);
        return;
    }
    AVDictionary* mux = nullptr;
    av_dict_set(&mux, "movflags", "+faststart", 0);  // the index first: plays while it loads
    r = avformat_write_header(m.fmt, &mux);
    av_dict_free(&mux);
    if (r < 0) {
        fail("cannot write the MP4 header", r);
        return;
    }
    m.header = true;
}

VideoWriter::~VideoWriter() = default;

bool VideoWriter::drain(bool flush) {
    Impl& m = *impl_;
    while (true) {
        int r = avcodec_receive_packet(m.enc, m.pkt);
        if (r == AVERROR(EAGAIN) || (flush && r == AVERROR_EOF)) return true;
        if (r < 0) return fail("encoding failed", r);
        av_packet_rescale_ts(m.pkt, m.enc->time_base, m.stream->time_base);
        m.pkt->stream_index = m.stream->index;
        r = av_interleaved_write_frame(m.fmt, m.pkt);  // takes the packet's data
        if (r < 0) return fail("cannot write (disk full?)", r);
    }
}

bool VideoWriter::add_frame(const unsigned char* rgba) {
    if (!ok()) return false;
    if (finished_) return fail("add_frame after finish");
    Impl& m = *impl_;
    int r = av_frame_make_writable(m.frame);
    if (r < 0) return fail("out of memory", r);
    const uint8_t* src[1] = {rgba};
    const int stride[1] = {m.w * 4};
    sws_scale(m.sws, src, stride, 0, m.h, m.frame->data, m.frame->linesize);
    m.frame->pts = frames_;
    if ((r = avcodec_send_frame(m.enc, m.frame)) < 0) return fail("encoding failed", r);
    ++frames_;
    return drain(false);
}

std::string VideoWriter::finish() {
    if (!ok()) return error_;
    if (finished_) return "";
    Impl& m = *impl_;
    if (frames_ == 0) {
        fail("no frames to write");
        return error_;
    }
    int r = avcodec_send_frame(m.enc, nullptr);
    if (r < 0) {
        fail("encoding failed", r);
        return error_;
    }
    if (!drain(true)) return error_;
    if ((r = av_write_trailer(m.fmt)) < 0) {
        fail("cannot finish the MP4 file (disk full?)", r);
        return error_;
    }
    if ((r = avio_closep(&m.fmt->pb)) < 0) {
        fail("cannot write (disk full?)", r);
        return error_;
    }
    std::string err = m.file->commit_by_name();
    if (!err.empty()) {
        error_ = err;
        return error_;
    }
    finished_ = true;
    return "";
}

}  // namespace viewer
