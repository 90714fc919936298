// viewer/output/png: the one PNG writer. The streaming encoder decodes to its input for any bands and threads;
// write_png_atomic goes through it and geo::AtomicFile: the pixels read back exactly, the DPI is in pHYs, and a
// failed write keeps the previous file and leaves no temporary file.
#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geo/io/atomic_file.h"
#include "viewer/output/png.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("trekkaart_test_png_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

size_t count(const fs::path& d) { return size_t(std::distance(fs::directory_iterator(d), fs::directory_iterator())); }

// An image with noise, flat runs and transparency, more rows than one encoder band.
std::vector<unsigned char> test_image(int w, int h) {
    std::vector<unsigned char> img(size_t(w) * h * 4);
    uint32_t s = 777;
    for (size_t i = 0; i < img.size(); ++i) {
        s = s * 1664525u + 1013904223u;
        img[i] = (i / 4) % 11 < 3 ? (unsigned char)(s >> 24) : (unsigned char)((i / 4) % 13 * 19);
    }
    return img;
}

}  // namespace

TEST(Png, WholeImageReadsBackExactlyWithItsDpi) {
    const fs::path dir = scratch("roundtrip");
    const int w = 123, h = 601;
    const std::vector<unsigned char> img = test_image(w, h);
    const std::string path = (dir / "shot.png").string();
    ASSERT_EQ(write_png_atomic(path, img.data(), w, h, 300), "");
    int dw = 0, dh = 0, dn = 0;
    unsigned char* dec = stbi_load(path.c_str(), &dw, &dh, &dn, 4);
    ASSERT_NE(dec, nullptr) << stbi_failure_reason();
    EXPECT_EQ(dw, w);
    EXPECT_EQ(dh, h);
    EXPECT_EQ(std::memcmp(dec, img.data(), img.size()), 0);
    stbi_image_free(dec);
    // pHYs: 300 dpi = 11811 pixels per metre, unit metre.
    const std::string bytes = slurp(path);
    const size_t at = bytes.find("pHYs");
    ASSERT_NE(at, std::string::npos);
    const auto u = [&](size_t i) { return uint32_t((unsigned char)bytes[i]); };
    EXPECT_EQ(u(at + 4) << 24 | u(at + 5) << 16 | u(at + 6) << 8 | u(at + 7), 11811u);
    EXPECT_EQ(u(at + 12), 1u);
    EXPECT_EQ(count(dir), 1u);
    // Without a DPI: no pHYs.
    ASSERT_EQ(write_png_atomic(path, img.data(), w, h), "");
    EXPECT_EQ(slurp(path).find("pHYs"), std::string::npos);
    EXPECT_NE(write_png_atomic(path, img.data(), 0, h), "");
    fs::remove_all(dir);
}

TEST(Png, AFailedWriteKeepsThePreviousFileAndLeavesNoTemporary) {
    const fs::path dir = scratch("fail");
    const int w = 200, h = 300;
    const std::vector<unsigned char> img = test_image(w, h);
    const std::string path = (dir / "handout.png").string();
    for (geo::AtomicFailure step : {geo::AtomicFailure::Open, geo::AtomicFailure::Write, geo::AtomicFailure::Sync,
                                    geo::AtomicFailure::Rename}) {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << "the previous picture";
        geo::inject_atomic_failure(step);
        const std::string err = write_png_atomic(path, img.data(), w, h, 96);
        geo::inject_atomic_failure(geo::AtomicFailure::None);
        EXPECT_NE(err.find(path), std::string::npos) << "step " << int(step) << ": " << err;
        EXPECT_NE(err.find("previous file is untouched"), std::string::npos) << err;
        EXPECT_EQ(slurp(path), "the previous picture") << "step " << int(step);
        EXPECT_EQ(count(dir), 1u) << "step " << int(step) << ": a temporary file was left";
    }
    // A folder that does not exist: an error naming the path, nothing created.
    const std::string missing = (dir / "no" / "such.png").string();
    EXPECT_NE(write_png_atomic(missing, img.data(), w, h).find(missing), std::string::npos);
    fs::remove_all(dir);
}

// The parallel band encoder writes one valid zlib stream: any number of bands and threads decodes to the
// exact input (stb_image checks the Adler-32 and CRCs).
TEST(Png, EncoderRoundTripsAcrossBandsAndThreads) {
    const int w = 37, h = 29;
    std::vector<unsigned char> img(size_t(w) * h * 4);
    uint32_t s = 12345;
    for (size_t i = 0; i < img.size(); ++i) {
        s = s * 1664525u + 1013904223u;
        img[i] = (i / 4) % 7 == 0 ? (unsigned char)(s >> 24) : (unsigned char)((i / 4) % 5 * 40);
    }
    for (int threads : {1, 2, 3, 8})
        for (int band : {1, 4, 29}) {
            std::string out;
            PngStreamEncoder enc(w, h, 96, 1, threads, [&](const unsigned char* d, size_t n) {
                out.append(reinterpret_cast<const char*>(d), n);
            });
            for (int y = 0; y < h; y += band) {
                const int rows = std::min(band, h - y);
                if (band == 4) {  // bottom-up storage with a negative stride, like the GL readback
                    std::vector<unsigned char> flipped(size_t(rows) * w * 4);
                    for (int i = 0; i < rows; ++i)
                        std::memcpy(&flipped[size_t(rows - 1 - i) * w * 4], &img[size_t(y + i) * w * 4], size_t(w) * 4);
                    enc.add_rows(rows, flipped.data() + size_t(rows - 1) * w * 4, -std::ptrdiff_t(w) * 4);
                } else {
                    enc.add_rows(rows, &img[size_t(y) * w * 4], std::ptrdiff_t(w) * 4);
                }
            }
            enc.finish();
            int dw, dh, dn;
            unsigned char* dec = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(out.data()), int(out.size()),
                                                       &dw, &dh, &dn, 4);
            ASSERT_NE(dec, nullptr) << threads << " threads, bands of " << band << ": " << stbi_failure_reason();
            EXPECT_EQ(dw, w);
            EXPECT_EQ(dh, h);
            EXPECT_EQ(std::memcmp(dec, img.data(), img.size()), 0) << threads << " threads, bands of " << band;
            stbi_image_free(dec);
        }
}
