// Test helpers for videos (issue 14): what ffprobe says about a file, and one decoded frame as RGBA (ffmpeg).
// ffprobe and ffmpeg come with Debian's `ffmpeg` package (scripts/setup).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace video_probe {

// stdout of a shell command ("" when it cannot run).
inline std::string run(const std::string& cmd, std::vector<unsigned char>* bytes = nullptr) {
    std::string out;
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return out;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (bytes) bytes->insert(bytes->end(), buf, buf + n);
        else out.append(buf, n);
    }
    pclose(f);
    return out;
}

inline bool have_ffprobe() { return std::system("ffprobe -version >/dev/null 2>&1") == 0; }

// key=value of the first video stream: codec_name, width, height, nb_read_frames (frames decoded), duration,
// pix_fmt; and the container's format duration as "format_duration".
inline std::map<std::string, std::string> probe(const std::string& path) {
    std::map<std::string, std::string> kv;
    std::istringstream s(run("ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                             "stream=codec_name,width,height,nb_read_frames,duration,pix_fmt -of default=nw=1 '" +
                             path + "' 2>/dev/null"));
    for (std::string line; std::getline(s, line);)
        if (auto eq = line.find('='); eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
    std::istringstream f(run("ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 '" + path +
                             "' 2>/dev/null"));
    std::getline(f, kv["format_duration"]);
    return kv;
}

// Frame k (0-based) decoded to RGBA, w * h * 4 bytes (empty when it cannot be decoded).
inline std::vector<unsigned char> frame_rgba(const std::string& path, int k) {
    std::vector<unsigned char> px;
    run("ffmpeg -v error -i '" + path + "' -vf 'select=eq(n\\," + std::to_string(k) +
            ")' -vframes 1 -f rawvideo -pix_fmt rgba - 2>/dev/null",
        &px);
    return px;
}

// Mean absolute difference of the RGB channels of two RGBA images of the same size (255 when they differ in size).
inline double mean_abs_diff(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b) {
    if (a.size() != b.size() || a.empty()) return 255;
    double sum = 0;
    for (size_t i = 0; i < a.size(); i += 4)
        for (size_t c = 0; c < 3; ++c) sum += std::abs(int(a[i + c]) - int(b[i + c]));
    return sum / (double(a.size()) / 4 * 3);
}

}  // namespace video_probe
