#include "viewer/output/png.h"

#include <stb/stb_image_write.h>

// Defined in libstb (stb_image_write implementation) but not declared in the public header.
extern "C" unsigned char* stbi_write_png_to_mem(const unsigned char* pixels, int stride_bytes, int x, int y, int n,
                                                int* out_len);

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace viewer {

namespace {
// PNG chunks are big-endian with a CRC; insert a pHYs chunk after IHDR for the DPI.
uint32_t crc32(const unsigned char* p, size_t n) {
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}
void put32(std::vector<unsigned char>& v, uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back((x >> s) & 0xff);
}
}  // namespace

std::string write_png_atomic(const std::string& path, const unsigned char* rgba, int w, int h, double dpi) {
    if (w <= 0 || h <= 0) return path + ": image size must be positive";
    int len = 0;
    stbi_write_png_compression_level = 6;
    unsigned char* png = stbi_write_png_to_mem(rgba, w * 4, w, h, 4, &len);
    if (!png) return path + ": PNG encoding failed (out of memory?)";
    std::vector<unsigned char> out(png, png + len);
    free(png);
    if (dpi > 0 && out.size() > 33) {
        std::vector<unsigned char> chunk;
        const uint32_t ppm = uint32_t(dpi / 0.0254 + 0.5);
        put32(chunk, 9);
        const size_t type_at = chunk.size();
        for (char c : std::string("pHYs")) chunk.push_back((unsigned char)c);
        put32(chunk, ppm);
        put32(chunk, ppm);
        chunk.push_back(1);  // unit: metre
        put32(chunk, crc32(chunk.data() + type_at, chunk.size() - type_at));
        out.insert(out.begin() + 33, chunk.begin(), chunk.end());  // 8 signature + 25 IHDR
    }
    const std::string tmp = path + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return path + ": cannot write (" + std::string(std::strerror(errno)) + ")";
    size_t wrote = std::fwrite(out.data(), 1, out.size(), f);
    bool ok = wrote == out.size() && std::fflush(f) == 0;
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
        std::remove(tmp.c_str());
        return path + ": write failed (disk full?); the previous file is untouched";
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return path + ": cannot replace the file (" + ec.message() + ")";
    }
    return "";
}

}  // namespace viewer
