#include "viewer/output/png.h"

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <thread>

#include "geo/io/atomic_file.h"

namespace viewer {

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void put32(std::vector<unsigned char>& v, uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back((x >> s) & 0xff);
}

}  // namespace

// ---- streaming encoder ---------------------------------------------------------------------------------------------------

PngStreamEncoder::PngStreamEncoder(int w, int h, double dpi, int level, int threads, Out out,
                                   const std::vector<std::pair<std::string, std::string>>& text)
    : w_(w), h_(h), level_(std::clamp(level, 1, 9)), threads_(std::max(1, threads)), out_(std::move(out)) {
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    out_(sig, 8);
    std::vector<unsigned char> ihdr;
    put32(ihdr, uint32_t(w));
    put32(ihdr, uint32_t(h));
    ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});  // 8 bit, RGBA, deflate, adaptive filtering, no interlace
    chunk("IHDR", ihdr.data(), ihdr.size());
    if (dpi > 0) {
        std::vector<unsigned char> phys;
        const uint32_t ppm = uint32_t(dpi / 0.0254 + 0.5);
        put32(phys, ppm);
        put32(phys, ppm);
        phys.push_back(1);  // unit: metre
        chunk("pHYs", phys.data(), phys.size());
    }
    for (const auto& [key, value] : text) {  // iTXt: UTF-8 text, uncompressed
        std::vector<unsigned char> t(key.begin(), key.end());
        t.insert(t.end(), {0, 0, 0, 0, 0});  // keyword end, not compressed, method, empty language, empty keyword
        t.insert(t.end(), value.begin(), value.end());
        chunk("iTXt", t.data(), t.size());
    }
}

void PngStreamEncoder::chunk(const char type[4], const unsigned char* data, size_t n) {
    unsigned char head[8];
    for (int i = 0; i < 4; ++i) head[i] = (unsigned char)(uint32_t(n) >> (24 - 8 * i));
    std::memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, head + 4, 4);
    if (n > 0) crc = crc32_z(crc, data, n);
    unsigned char tail[4];
    for (int i = 0; i < 4; ++i) tail[i] = (unsigned char)(uint32_t(crc) >> (24 - 8 * i));
    out_(head, 8);
    if (n > 0) out_(data, n);
    out_(tail, 4);
}

namespace {

// PNG filter for one row (bpp 4): Sub for the image's first row, Up below. On map images Up compresses within
// ~7 % of Paeth and is ~40 % faster (measured on an 8192^2 export); flat fills give zero runs either way.
void filter_row(const unsigned char* cur, const unsigned char* prev, size_t n, unsigned char* out) {
    if (!prev) {
        out[0] = 1;
        for (size_t i = 0; i < n; ++i) out[1 + i] = (unsigned char)(cur[i] - (i >= 4 ? cur[i - 4] : 0));
        return;
    }
    out[0] = 2;
    for (size_t i = 0; i < n; ++i) out[1 + i] = (unsigned char)(cur[i] - prev[i]);
}

struct DeflatedPart {
    std::unique_ptr<unsigned char[]> data;
    size_t size = 0;
    uLong adler = 1;
    size_t raw = 0;  // filtered bytes in
    std::string error;
};

// Raw-deflates rows [r0, r1) of a band (filtering with `before` as the row above r0), ending with a sync flush
// (byte-aligned, not final) or, for the very last part of the image, the final block.
void deflate_part(const unsigned char* top, std::ptrdiff_t stride, int r0, int r1, const unsigned char* before, int w,
                  int level, bool final, DeflatedPart& out) {
    const size_t row = size_t(w) * 4;
    z_stream zs{};
    // Z_RLE: the filtered rows are mostly zero runs; it is as fast as level 1 and ~25 % smaller here.
    if (deflateInit2(&zs, level, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) {
        out.error = "zlib init failed";
        return;
    }
    const size_t in_bytes = size_t(r1 - r0) * (row + 1);
    const size_t cap = deflateBound(&zs, uLong(in_bytes)) + 64;  // + sync flush marker
    out.data.reset(new (std::nothrow) unsigned char[cap]);
    if (!out.data) {
        deflateEnd(&zs);
        out.error = "out of memory";
        return;
    }
    std::vector<unsigned char> f(row + 1);
    zs.next_out = out.data.get();
    zs.avail_out = uInt(std::min<size_t>(cap, 0xffffffffu));
    for (int r = r0; r < r1; ++r) {
        const unsigned char* prev = r > r0 ? top + (r - 1) * stride : before;
        filter_row(top + r * stride, prev, row, f.data());
        out.adler = adler32_z(out.adler, f.data(), f.size());
        zs.next_in = f.data();
        zs.avail_in = uInt(f.size());
        const int flush = r + 1 < r1 ? Z_NO_FLUSH : final ? Z_FINISH : Z_SYNC_FLUSH;
        const int rc = deflate(&zs, flush);
        if (rc == Z_STREAM_ERROR || zs.avail_in != 0) {
            out.error = "zlib deflate failed";
            break;
        }
    }
    out.raw = in_bytes;
    out.size = zs.total_out;
    deflateEnd(&zs);
}

}  // namespace

void PngStreamEncoder::add_rows(int rows, const unsigned char* top, std::ptrdiff_t stride) {
    if (rows <= 0) return;
    if (y_ + rows > h_) throw PngError(false, "PNG encoder: more rows than the image height");
    auto t0 = std::chrono::steady_clock::now();
    const size_t row = size_t(w_) * 4;
    const bool last_band = y_ + rows == h_;
    const int parts = std::min(threads_, rows);
    std::vector<DeflatedPart> out(parts);
    std::vector<std::thread> pool;
    const unsigned char* before = y_ > 0 ? prev_row_.data() : nullptr;
    for (int i = 0; i < parts; ++i) {
        const int r0 = rows * i / parts, r1 = rows * (i + 1) / parts;
        const unsigned char* b = r0 > 0 ? top + (r0 - 1) * stride : before;
        const bool final = last_band && i == parts - 1;
        auto job = [=, this, &out] { deflate_part(top, stride, r0, r1, b, w_, level_, final, out[i]); };
        if (i + 1 < parts) pool.emplace_back(job);
        else job();  // the calling thread does the last part
    }
    for (auto& t : pool) t.join();
    encode_s_ += since(t0);
    for (const auto& p : out)
        if (!p.error.empty()) throw PngError(true, "PNG encoding: " + p.error);
    if (!header_done_) {  // zlib header (deflate, 32K window, fastest); FCHECK makes 0x7801 divisible by 31
        static const unsigned char zh[2] = {0x78, 0x01};
        chunk("IDAT", zh, 2);
        header_done_ = true;
    }
    for (const auto& p : out) {
        adler_ = adler32_combine(adler_, p.adler, z_off_t(p.raw));
        for (size_t off = 0; off < p.size; off += size_t(1) << 30)
            chunk("IDAT", p.data.get() + off, std::min(p.size - off, size_t(1) << 30));
    }
    const unsigned char* last = top + (rows - 1) * stride;
    prev_row_.assign(last, last + row);
    y_ += rows;
}

void PngStreamEncoder::finish() {
    if (y_ != h_) throw PngError(false, "PNG encoder: image incomplete");
    std::vector<unsigned char> a;
    put32(a, uint32_t(adler_));
    chunk("IDAT", a.data(), a.size());
    chunk("IEND", nullptr, 0);
}

// ---- whole images --------------------------------------------------------------------------------------------

std::string write_png_atomic(const std::string& path, const unsigned char* rgba, int w, int h, double dpi) {
    if (w <= 0 || h <= 0) return path + ": image size must be positive";
    geo::AtomicFile f(path);
    if (!f.ok()) return f.error();
    try {
        // A failed write sets f.error() and makes every later write a no-op; commit() then reports it.
        PngStreamEncoder enc(w, h, dpi, 6, int(std::max(1u, std::thread::hardware_concurrency())),
                             [&f](const unsigned char* d, size_t n) { f.write(d, n); });
        const std::ptrdiff_t stride = std::ptrdiff_t(w) * 4;
        const int band = 256;  // bounds the encoder's output buffers for large images
        for (int y = 0; y < h && f.ok(); y += band) enc.add_rows(std::min(band, h - y), rgba + y * stride, stride);
        if (f.ok()) enc.finish();
    } catch (const std::bad_alloc&) {
        return path + ": PNG encoding failed (out of memory)";
    } catch (const PngError& e) {
        return path + ": " + e.what();
    }
    return f.commit();
}

}  // namespace viewer
