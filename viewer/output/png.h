// The one PNG writer: a streaming encoder (bands of RGBA rows in, PNG bytes out; zlib, each band deflated in
// parallel parts; DPI in pHYs) used by the poster export (viewer/output/export.h) and, for whole images in
// memory (screenshots, handouts, tests), by write_png_atomic through geo::AtomicFile.
#pragma once
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace viewer {

// Writes a whole RGBA image (rows top to bottom, no padding) as a PNG file through geo::AtomicFile (temporary
// file + fsync + rename); dpi stored in a pHYs chunk when > 0. Returns "" on success or an error message naming
// the path; on failure the previous file is untouched and no temporary file is left.
std::string write_png_atomic(const std::string& path, const unsigned char* rgba, int w, int h, double dpi = 0);

// A PNG encoding failure: out_of_memory when zlib could not work (memory), otherwise a misuse of the encoder
// (more rows than the height, finish before the last row).
struct PngError : std::runtime_error {
    bool out_of_memory;
    PngError(bool oom, const std::string& msg) : std::runtime_error(msg), out_of_memory(oom) {}
};

// PNG encoder streaming bands of RGBA rows to a sink, deflating each band in `threads` parts in parallel (one
// zlib stream, pigz-style sync flushes). Throws PngError, and passes on what `out` throws.
class PngStreamEncoder {
public:
    using Out = std::function<void(const unsigned char* data, size_t n)>;
    PngStreamEncoder(int w, int h, double dpi, int level, int threads, Out out,
                     const std::vector<std::pair<std::string, std::string>>& text = {});
    // Bands in order, top to bottom; row i of the band starts at top + i * stride (stride may be negative).
    void add_rows(int rows, const unsigned char* top, std::ptrdiff_t stride);
    void finish();                                      // after the last row
    double encode_seconds() const { return encode_s_; }

private:
    int w_, h_, level_, threads_, y_ = 0;
    Out out_;
    std::vector<unsigned char> prev_row_;  // last row of the previous band (for the Up filter)
    unsigned long adler_ = 1;
    bool header_done_ = false;
    double encode_s_ = 0;
    void chunk(const char type[4], const unsigned char* data, size_t n);
};

}  // namespace viewer
