#include "viewer/output/export.h"

#include <gdal_priv.h>
#include <cpl_error.h>
#include <ogr_spatialref.h>
#include <stb/stb_image_write.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <thread>

#include "geo/io/atomic_file.h"
#include "viewer/output/png.h"
#include "viewer/output/vector_export.h"
#include "viewer/model/i18n.h"
#include "viewer/model/sources.h"

namespace viewer {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }


std::string mib(size_t bytes) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f GiB", double(bytes) / (1024.0 * 1024 * 1024));
    return b;
}

// A large zero-filled buffer straight from mmap: no memset, and transparent huge pages where the kernel allows
// them (page faults on a 128 MiB band cost ~0.1 s with 4 KiB pages in a VM).
struct BigBuffer {
    unsigned char* p = nullptr;
    size_t n = 0;
    explicit BigBuffer(size_t bytes) : n(std::max<size_t>(bytes, 1)) {
        void* m = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED) throw std::bad_alloc();
        madvise(m, n, MADV_HUGEPAGE);
        p = static_cast<unsigned char*>(m);
    }
    ~BigBuffer() { munmap(p, n); }
    BigBuffer(const BigBuffer&) = delete;
    BigBuffer& operator=(const BigBuffer&) = delete;
};

// Tracks whether a stream of RGBA pixels has any content: not all transparent and not all one colour.
struct ContentCheck {
    bool started = false, varied = false, opaque_seen = false;
    unsigned char first[4] = {};
    void add(const unsigned char* p, size_t pixels) {
        if (pixels == 0 || (varied && opaque_seen)) return;
        if (!started) {
            std::memcpy(first, p, 4);
            started = true;
        }
        for (size_t i = 0; i < pixels && !(varied && opaque_seen); ++i) {
            const unsigned char* q = p + i * 4;
            if (q[3] != 0) opaque_seen = true;
            if (!varied && std::memcmp(q, first, 4) != 0) varied = true;
        }
    }
    bool ok() const { return varied && opaque_seen; }
};

}  // namespace


int gl_max_tile() {
    GLint rb = 0, tex = 0, vp[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &tex);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
    return std::min({rb, tex, vp[0], vp[1]});
}

void render_tiled(MapRenderer& r, const MapView& view, const RenderOptions& opt, int max_tile, int samples,
                  const BandSink& band, ExportTimings* t, const ExportProgress& progress) {
    const int W = view.cam.w, H = view.cam.h;
    const int gl_max = gl_max_tile();
    if (gl_max <= 0) throw ExportFailure(kExportRenderError, "no usable OpenGL context (GL_MAX_RENDERBUFFER_SIZE = 0)");
    const TilePlan p = plan_tiles(W, H, std::min(max_tile, gl_max));
    RenderTarget rt;
    if (!rt.create(p.tile_w, p.tile_h, samples))
        throw ExportFailure(kExportRenderError, "cannot allocate a " + std::to_string(p.tile_w) + "x" +
                                                    std::to_string(p.tile_h) + " render target (" +
                                                    std::to_string(samples) + "x MSAA)");
    // Two band buffers: band k is handed to `band` on a worker thread while band k+1 renders, so the encoder's
    // deflate overlaps llvmpipe's single-threaded parts (vertex work, binning) and the label layout.
    const size_t band_bytes = size_t(W) * p.tile_h * 4;
    std::unique_ptr<BigBuffer> bufs[2];
    bufs[0] = std::make_unique<BigBuffer>(band_bytes);
    if (p.rows > 1) bufs[1] = std::make_unique<BigBuffer>(band_bytes);
    std::future<void> pending;  // declared after bufs: destroyed (joined) first
    ExportTimings local;
    ExportTimings& T = t ? *t : local;
    const int total = p.cols * p.rows;
    int done = 0;
    glGetError();  // clear stale errors
    for (int row = 0; row < p.rows; ++row) {
        const int y0 = row * p.tile_h, th = std::min(p.tile_h, H - y0);
        BigBuffer& bandbuf = *bufs[row % 2];
        for (int col = 0; col < p.cols; ++col) {
            const int x0 = col * p.tile_w, tw = std::min(p.tile_w, W - x0);
            RenderOptions o = opt;
            o.tile_x = x0;
            o.tile_y = y0;
            o.tile_w = tw;
            o.tile_h = th;
            o.clear = true;
            auto t0 = Clock::now();
            rt.bind();
            r.render(view, o);
            glFinish();
            T.render_s += since(t0);
            t0 = Clock::now();
            // Resolve only the tile's corner of the (possibly larger) target, then read it into its columns of
            // the band (band row j = image row y0 + th - 1 - j: GL rows are bottom-up).
            GLuint src = rt.fbo;
            if (rt.samples > 0) {
                glBindFramebuffer(GL_READ_FRAMEBUFFER, rt.fbo);
                glBindFramebuffer(GL_DRAW_FRAMEBUFFER, rt.resolve_fbo);
                glBlitFramebuffer(0, 0, tw, th, 0, 0, tw, th, GL_COLOR_BUFFER_BIT, GL_NEAREST);
                src = rt.resolve_fbo;
            }
            glBindFramebuffer(GL_READ_FRAMEBUFFER, src);
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glPixelStorei(GL_PACK_ROW_LENGTH, W);
            glReadPixels(0, 0, tw, th, GL_RGBA, GL_UNSIGNED_BYTE, bandbuf.p + size_t(x0) * 4);
            glPixelStorei(GL_PACK_ROW_LENGTH, 0);
            const GLenum err = glGetError();
            if (err != GL_NO_ERROR) {
                char b[160];
                std::snprintf(b, sizeof b, "OpenGL error 0x%04x while rendering tile %d,%d (%dx%d)", err, x0, y0, tw, th);
                throw ExportFailure(kExportRenderError, b);
            }
            T.readback_s += since(t0);
            ++T.tiles;
            if (progress) progress(double(++done) / total, "render");
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (pending.valid()) pending.get();  // the previous band is done (rethrows its failure)
        const std::ptrdiff_t stride = std::ptrdiff_t(W) * 4;
        const unsigned char* top = bandbuf.p + size_t(th - 1) * W * 4;
        pending = std::async(std::launch::async, [&band, y0, th, top, stride] { band(y0, th, top, -stride); });
    }
    if (pending.valid()) pending.get();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

std::vector<unsigned char> render_tiled_rgba(MapRenderer& r, const MapView& view, const RenderOptions& opt,
                                             int max_tile, int samples) {
    std::vector<unsigned char> img(size_t(view.cam.w) * view.cam.h * 4);
    const size_t row = size_t(view.cam.w) * 4;
    render_tiled(r, view, opt, max_tile, samples, [&](int y0, int rows, const unsigned char* top, std::ptrdiff_t st) {
        for (int i = 0; i < rows; ++i) std::memcpy(&img[(size_t(y0) + i) * row], top + i * st, row);
    });
    return img;
}

bool image_has_content(const unsigned char* rgba, size_t pixels) {
    ContentCheck c;
    c.add(rgba, pixels);
    return c.ok();
}

// ---- files ------------------------------------------------------------------------------------------------

namespace {

// geo::AtomicFile (temp file + fsync + rename) with ExportFailure on errors and the export's test hook.
class OutFile {
public:
    OutFile(const std::string& path, std::function<bool(size_t)> hook) : f_(path), hook_(std::move(hook)) {
        if (!f_.ok()) throw ExportFailure(kExportWriteError, f_.error());
    }
    void write(const void* data, size_t n) {
        hook_check();
        if (!f_.write(data, n)) throw ExportFailure(kExportWriteError, f_.error());
        written_ += n;
    }
    void commit() {
        hook_check();
        const std::string err = f_.commit();
        if (!err.empty()) throw ExportFailure(kExportWriteError, err);
    }

private:
    geo::AtomicFile f_;  // removes its temporary file unless committed
    std::function<bool(size_t)> hook_;
    size_t written_ = 0;
    void hook_check() {
        if (hook_ && !hook_(written_))
            throw ExportFailure(kExportWriteError,
                                f_.path() + ": cannot write (disk full); the previous file is untouched");
    }
};

}  // namespace

// ---- image writers ------------------------------------------------------------------------------------------

namespace {

struct Meta {
    std::string title, software = "trekkaart", date, attribution, crs_note;
};

class ImageWriter {
public:
    virtual ~ImageWriter() = default;
    virtual void add_rows(int y0, int rows, const unsigned char* top, std::ptrdiff_t stride) = 0;
    virtual void finish() = 0;  // encodes what is left, writes and renames into place
    double encode_s = 0, write_s = 0;
};

class PngWriter : public ImageWriter {
public:
    PngWriter(const std::string& path, int w, int h, double dpi, int level, int threads, const Meta& m,
              std::function<bool(size_t)> hook)
        : file_(path, std::move(hook)),
          enc_(w, h, dpi, level, threads,
               [this](const unsigned char* d, size_t n) {
                   auto t0 = Clock::now();
                   file_.write(d, n);
                   write_s += since(t0);
               },
               texts(m)) {}
    void add_rows(int, int rows, const unsigned char* top, std::ptrdiff_t stride) override {
        try {
            enc_.add_rows(rows, top, stride);
        } catch (const PngError& e) {
            rethrow(e);
        }
    }
    void finish() override {
        try {
            enc_.finish();
        } catch (const PngError& e) {
            rethrow(e);
        }
        encode_s = enc_.encode_seconds();
        auto t0 = Clock::now();
        file_.commit();
        write_s += since(t0);
    }

private:
    OutFile file_;
    PngStreamEncoder enc_;
    [[noreturn]] static void rethrow(const PngError& e) {
        throw ExportFailure(e.out_of_memory ? kExportSizeError : kExportRenderError, e.what());
    }
    static std::vector<std::pair<std::string, std::string>> texts(const Meta& m) {
        std::vector<std::pair<std::string, std::string>> t;
        if (!m.title.empty()) t.push_back({"Title", m.title});
        t.push_back({"Software", m.software});
        t.push_back({"Creation Time", m.date});
        t.push_back({"Source", m.attribution});
        t.push_back({"Comment", m.crs_note});
        return t;
    }
};

class JpegWriter : public ImageWriter {
public:
    JpegWriter(const std::string& path, int w, int h, double dpi, int quality, std::function<bool(size_t)> hook)
        : path_(path), w_(w), h_(h), dpi_(dpi), q_(quality), hook_(std::move(hook)), rgb_(size_t(w) * h * 3) {}
    void add_rows(int y0, int rows, const unsigned char* top, std::ptrdiff_t stride) override {
        auto t0 = Clock::now();
        for (int r = 0; r < rows; ++r) {
            const unsigned char* in = top + r * stride;
            unsigned char* o = rgb_.p + (size_t(y0) + r) * w_ * 3;
            for (int i = 0; i < w_; ++i) {  // composite over white: JPEG has no alpha
                const int a = in[i * 4 + 3];
                for (int c = 0; c < 3; ++c) o[i * 3 + c] = (unsigned char)((in[i * 4 + c] * a + 255 * (255 - a) + 127) / 255);
            }
        }
        encode_s += since(t0);
    }
    void finish() override {
        auto t0 = Clock::now();
        std::vector<unsigned char> jpg;
        auto sink = [](void* ctx, void* data, int size) {
            auto* v = static_cast<std::vector<unsigned char>*>(ctx);
            v->insert(v->end(), (unsigned char*)data, (unsigned char*)data + size);
        };
        if (!stbi_write_jpg_to_func(sink, &jpg, w_, h_, 3, rgb_.p, q_))
            throw ExportFailure(kExportSizeError, path_ + ": JPEG encoding failed");
        // stb writes a JFIF APP0 header with density 1:1 (no unit); store the DPI there.
        static const unsigned char jfif[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
        if (dpi_ > 0 && jpg.size() > 18 && std::memcmp(jpg.data(), jfif, sizeof jfif) == 0) {
            const int d = int(std::clamp(std::lround(dpi_), 1L, 65535L));
            jpg[13] = 1;  // dots per inch
            jpg[14] = (unsigned char)(d >> 8), jpg[15] = (unsigned char)d;
            jpg[16] = (unsigned char)(d >> 8), jpg[17] = (unsigned char)d;
        }
        encode_s += since(t0);
        t0 = Clock::now();
        OutFile f(path_, hook_);
        f.write(jpg.data(), jpg.size());
        f.commit();
        write_s += since(t0);
    }

private:
    std::string path_;
    int w_, h_;
    double dpi_;
    int q_;
    std::function<bool(size_t)> hook_;
    BigBuffer rgb_;
};

// Collects GDAL error messages while a TIFF is written.
struct GdalErrors {
    std::vector<std::string> msgs;
    GdalErrors() { CPLPushErrorHandlerEx(&handler, this); }
    ~GdalErrors() { CPLPopErrorHandler(); }
    static void CPL_STDCALL handler(CPLErr cls, CPLErrorNum, const char* msg) {
        if (cls >= CE_Failure) static_cast<GdalErrors*>(CPLGetErrorHandlerUserData())->msgs.push_back(msg);
    }
    std::string text() const {  // "disk full", or the distinct messages
        std::string s;
        for (const auto& m : msgs) {
            if (m.find("No space left") != std::string::npos) return "disk full";
            if (s.find(m) == std::string::npos) s += (s.empty() ? "" : "; ") + m;
        }
        return s;
    }
};

class TiffWriter : public ImageWriter {
public:
    TiffWriter(const std::string& path, int w, int h, double dpi, bool georef, const Camera& cam, const Meta& m,
               int threads, std::function<bool(size_t)> hook)
        : path_(path), file_(path), w_(w), hook_(std::move(hook)) {
        if (!file_.ok()) throw ExportFailure(kExportWriteError, file_.error());
        GDALAllRegister();
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
        if (!drv) throw ExportFailure(kExportWriteError, path + ": GDAL has no GTiff driver");
        const std::string nthreads = "NUM_THREADS=" + std::to_string(std::max(1, threads));
        const char* opts[] = {"COMPRESS=DEFLATE", "ZLEVEL=1",    "PREDICTOR=2",   "TILED=YES",        "BLOCKXSIZE=512",
                              "BLOCKYSIZE=512",   "PHOTOMETRIC=RGB", "ALPHA=YES", "BIGTIFF=IF_SAFER",
                              "INTERLEAVE=PIXEL", nthreads.c_str(), nullptr};
        GdalErrors errs;
        // GDAL writes the AtomicFile's temporary file by name; uncommitted, the AtomicFile removes it again.
        ds_ = drv->Create(file_.temp_path().c_str(), w, h, 4, GDT_Byte, const_cast<char**>(opts));
        if (!ds_) throw ExportFailure(kExportWriteError, path + ": cannot create the TIFF (" + errs.text() + ")");
        if (georef) {
            const geo::BBox b = image_bounds(cam);
            double gt[6] = {b.minx, cam.mpp, 0, b.maxy, 0, -cam.mpp};
            ds_->SetGeoTransform(gt);
            OGRSpatialReference srs;
            srs.importFromEPSG(28992);
            ds_->SetSpatialRef(&srs);
        }
        if (dpi > 0) {
            const std::string d = std::to_string(dpi);
            ds_->SetMetadataItem("TIFFTAG_XRESOLUTION", d.c_str());
            ds_->SetMetadataItem("TIFFTAG_YRESOLUTION", d.c_str());
            ds_->SetMetadataItem("TIFFTAG_RESOLUTIONUNIT", "2");  // inch
        }
        ds_->SetMetadataItem("TIFFTAG_SOFTWARE", m.software.c_str());
        std::string dt = m.date;  // TIFF DateTime: "YYYY:MM:DD HH:MM:SS"
        std::replace(dt.begin(), dt.end(), '-', ':');
        dt += " 00:00:00";
        ds_->SetMetadataItem("TIFFTAG_DATETIME", dt.c_str());
        if (!m.title.empty()) ds_->SetMetadataItem("TIFFTAG_DOCUMENTNAME", m.title.c_str());
        ds_->SetMetadataItem("TIFFTAG_COPYRIGHT", m.attribution.c_str());
        ds_->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", m.crs_note.c_str());
    }
    ~TiffWriter() override {
        if (ds_) GDALClose(ds_);  // before file_ removes the uncommitted temporary file
    }
    void add_rows(int y0, int rows, const unsigned char* top, std::ptrdiff_t stride) override {
        auto t0 = Clock::now();
        GdalErrors errs;
        const CPLErr e = ds_->RasterIO(GF_Write, 0, y0, w_, rows, const_cast<unsigned char*>(top), w_, rows, GDT_Byte,
                                       4, nullptr, 4, GSpacing(stride), 1, nullptr);
        encode_s += since(t0);
        if (e != CE_None || !errs.msgs.empty()) fail(errs.text());
    }
    void finish() override {
        auto t0 = Clock::now();
        {
            GdalErrors errs;
            ds_->FlushCache(true);
            GDALClose(ds_);
            ds_ = nullptr;
            if (!errs.msgs.empty()) fail(errs.text());
        }
        encode_s += since(t0);
        t0 = Clock::now();
        std::error_code ec;
        const auto size = std::filesystem::file_size(file_.temp_path(), ec);
        if (hook_ && !hook_(ec ? 0 : size_t(size))) fail("disk full");
        const std::string err = file_.commit_by_name();  // fsync, rename, fsync the folder
        if (!err.empty()) throw ExportFailure(kExportWriteError, err);
        write_s += since(t0);
    }

private:
    std::string path_;
    geo::AtomicFile file_;
    int w_;
    std::function<bool(size_t)> hook_;
    GDALDataset* ds_ = nullptr;
    [[noreturn]] void fail(const std::string& why) {  // the destructors close the dataset and remove the file
        throw ExportFailure(kExportWriteError, path_ + ": write failed (" + why + "); the previous file is untouched");
    }
};

void write_text_file(const std::string& path, const std::string& text, const std::function<bool(size_t)>& hook) {
    OutFile f(path, hook);
    f.write(text.data(), text.size());
    f.commit();
}

}  // namespace

// ---- export ------------------------------------------------------------------------------------------------

MapView export_view(const MapView& seen, const ExportOptions& o) {
    MapView v = seen;
    if (o.keep_extent) {
        v.cam = export_camera(seen.cam, o.size.w, o.size.h);
    } else {
        v.cam.w = o.size.w;
        v.cam.h = o.size.h;
    }
    v.ui_scale = o.ui_scale > 0 ? o.ui_scale : furniture_scale(o.size);
    v.furniture = o.furniture;
    v.avoid_px.clear();  // window panels do not exist in an export
    v.inset_bottom = 0;
    return v;
}

std::vector<std::string> export_attribution(const ExportOptions& o) {
    const std::string date = o.date.empty() ? geo::today_iso() : o.date;
    std::vector<std::string> a = {tr("Map: trekkaart, ") + date + " · RD New (EPSG:28992)"};
    if (o.estimate) a.push_back(tr("Travel times are an estimate: no road network loaded"));
    for (const auto& s : o.render.extra_attribution) a.push_back(s);
    return a;
}

size_t available_memory() {
    std::ifstream f("/proc/meminfo");
    std::string key;
    size_t kb = 0;
    std::string unit;
    while (f >> key >> kb >> unit)
        if (key == "MemAvailable:") return kb * 1024;
    return size_t(1) << 40;
}

size_t export_memory_needed(const ExportOptions& o) {
    if (is_vector(o.format)) {  // the heatmap raster (GL tile, whole raster, cairo's copy) and the document
        int rw = 0, rh = 0;
        vector_raster_size(std::max(1, o.size.w), std::max(1, o.size.h), rw, rh);
        return size_t(rw) * rh * 4 * 3 + (size_t(64) << 20);
    }
    const size_t W = size_t(std::max(0, o.size.w)), H = size_t(std::max(0, o.size.h));
    const TilePlan p = plan_tiles(int(W), int(H), o.max_tile);
    const size_t tile = size_t(p.tile_w) * p.tile_h * 4, band = W * p.tile_h * 4;
    size_t need = band * 2                               // band buffers (one renders, one encodes)
                  + tile * 2                             // resolve texture, driver copy
                  + tile * 2 * size_t(std::max(4, o.samples));  // MSAA colour + depth/stencil
    switch (o.format) {
        case ImageFormat::Png: need += band; break;               // deflate output (worst case) of one band
        case ImageFormat::Jpeg: need += W * H * 3 + W * H; break;  // whole RGB image + encoded file
        default: need += band; break;                             // GDAL block cache
    }
    return need;
}

ExportResult export_map(MapRenderer& r, const MapView& seen, const std::string& path, const ExportOptions& o) {
    if (is_vector(o.format)) return export_vector(r, seen, path, o);  // PDF, SVG: viewer/output/vector_export.h
    ExportResult res;
    const auto t_start = Clock::now();
    try {
        const int W = o.size.w, H = o.size.h;
        if (W < 1 || H < 1 || W > kMaxExportSide || H > kMaxExportSide)
            throw ExportFailure(kExportSizeError, path + ": impossible size " + std::to_string(W) + "x" +
                                                      std::to_string(H) + " px (each side must be 1.." +
                                                      std::to_string(kMaxExportSide) + ")");
        const size_t need = export_memory_needed(o);
        const size_t limit = o.memory_limit > 0 ? o.memory_limit : available_memory() / 10 * 9;
        if (need > limit)
            throw ExportFailure(kExportSizeError, path + ": " + std::to_string(W) + "x" + std::to_string(H) +
                                                      " px needs about " + mib(need) + " of memory, only " +
                                                      mib(limit) + " may be used");
        const MapView v = export_view(seen, o);
        res.cam = v.cam;
        res.ui_scale = v.ui_scale;
        RenderOptions ro = o.render;
        ro.extra_attribution = export_attribution(o);
        ro.tile_x = ro.tile_y = ro.tile_w = ro.tile_h = 0;

        Meta meta;
        meta.title = v.title;
        meta.date = o.date.empty() ? geo::today_iso() : o.date;
        meta.attribution = data_sources_line(r.data());  // in the export's language
        {
            const geo::BBox b = image_bounds(v.cam);
            char s[200];
            std::snprintf(s, sizeof s, "EPSG:28992 (RD New); %s %.2f %.2f %.2f %.2f; %.6g m per pixel", tr("bounds"), b.minx,
                          b.miny, b.maxx, b.maxy, v.cam.mpp);
            meta.crs_note = s;
        }
        const int threads = o.threads > 0 ? o.threads : std::max(1, int(std::thread::hardware_concurrency()));
        std::unique_ptr<ImageWriter> w;
        switch (o.format) {
            case ImageFormat::Png:
                w = std::make_unique<PngWriter>(path, W, H, o.size.dpi, o.png_level, threads, meta, o.write_hook);
                break;
            case ImageFormat::Jpeg:
                w = std::make_unique<JpegWriter>(path, W, H, o.size.dpi, o.jpeg_quality, o.write_hook);
                break;
            case ImageFormat::Tiff:
            case ImageFormat::GeoTiff:
                w = std::make_unique<TiffWriter>(path, W, H, o.size.dpi, o.format == ImageFormat::GeoTiff, v.cam, meta,
                                                 threads, o.write_hook);
                break;
            case ImageFormat::Pdf:
            case ImageFormat::Svg:
                break;  // export_vector (above)
        }
        ContentCheck content;
        const int samples = o.samples >= 0 ? o.samples : v.ui_scale < 2 ? 4 : 0;
        render_tiled(r, v, ro, o.max_tile, samples,
                     [&](int y0, int rows, const unsigned char* top, std::ptrdiff_t stride) {
                         for (int i = 0; i < rows; ++i) content.add(top + i * stride, size_t(W));
                         w->add_rows(y0, rows, top, stride);
                         if (o.progress) o.progress(double(y0 + rows) / H, "encode");
                     },
                     &res.timings, o.progress);
        if (!content.ok())
            throw ExportFailure(kExportRenderError, path + ": the rendered image is empty (all one colour or fully "
                                                           "transparent); nothing written");
        w->finish();
        res.timings.encode_s = w->encode_s;
        res.timings.write_s = w->write_s;
        res.files.push_back(path);
        if (o.sidecars && o.format != ImageFormat::GeoTiff) {
            auto t0 = Clock::now();
            const std::string wf = world_file_path(path, o.format);
            write_text_file(wf, world_file_text(v.cam), o.write_hook);
            res.files.push_back(wf);
            const std::string prj = rd_new_prj_wkt();
            if (!prj.empty()) {
                const std::string pp = wf.substr(0, wf.size() - 4) + ".prj";
                write_text_file(pp, prj, o.write_hook);
                res.files.push_back(pp);
            }
            res.timings.write_s += since(t0);
        }
    } catch (const ExportFailure& e) {
        res.code = e.code;
        res.error = e.what();
    } catch (const std::bad_alloc&) {
        res.code = kExportSizeError;
        res.error = path + ": out of memory (try a smaller size)";
    } catch (const std::exception& e) {
        res.code = kExportRenderError;
        res.error = path + ": " + e.what();
    }
    res.timings.wall_s = since(t_start);
    return res;
}

}  // namespace viewer
