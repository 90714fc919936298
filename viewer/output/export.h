// Image export for analysts: any output size (rendered offscreen in tiles), furniture sized for the output,
// PNG / JPEG / TIFF / GeoTIFF with the DPI stored, georeferencing (EPSG:28992) and atomic writes.
//
//     viewer::ExportOptions o;
//     o.size = *viewer::paper_size("A3", 300, /*landscape=*/true);   // 4961 x 3508 px, 300 dpi
//     o.format = viewer::ImageFormat::GeoTiff;
//     viewer::ExportResult r = viewer::export_map(renderer, app.view(), "twente.tif", o);
//     if (!r.ok()) fprintf(stderr, "%s\n", r.error.c_str());   // r.code: see ExportCode
//
// The export keeps the geographic extent the analyst saw: same centre; the seen extent is fitted inside the
// output and the other axis is extended (export_camera). Labels, legend, scale bar, north arrow and attribution
// are laid out by the MapRenderer on the full output image at MapView::ui_scale = furniture_scale(size), so a
// 300 dpi print has legend text of ~8.6 pt and a 3840x2160 slide looks like a 1920x1080 one, only sharper.
//
// Images larger than max_tile (and anything beyond the GL limits) are rendered in tiles of the same projection
// and streamed band by band (one row of tiles at a time) into the encoder, so memory stays bounded by one band
// for PNG and TIFF. PNG goes through the one PNG encoder (viewer/output/png.h: the bands split into parts deflated
// in parallel, DPI in pHYs). TIFF/GeoTIFF go through GDAL (DEFLATE, DPI in the TIFF
// resolution tags); JPEG through stb_image_write (DPI patched into the JFIF header).
// Every file is written to a temporary file beside the target and renamed into place only when complete
// (geo::AtomicFile; GDAL fills its temporary file by name); on any failure the previous file is left untouched
// and the temporary file removed.
#pragma once
#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "viewer/model/export_plan.h"
#include "viewer/output/png.h"  // PngStreamEncoder
#include "viewer/render/map_renderer.h"

namespace viewer {

// Progress: fraction 0..1 of the image done and a short stage text ("render", "encode"); "encode" comes from
// the encoder worker thread.
using ExportProgress = std::function<void(double fraction, const char* stage)>;

int gl_max_tile();                                // min(GL_MAX_RENDERBUFFER_SIZE, GL_MAX_VIEWPORT_DIMS, GL_MAX_TEXTURE_SIZE)

struct ExportTimings {
    double render_s = 0;    // MapRenderer::render + glFinish over all tiles
    double readback_s = 0;  // MSAA resolve, glReadPixels, flip into the band
    double encode_s = 0;    // PNG filter + deflate / GDAL / stb encoding
    double write_s = 0;     // writing, fsync and rename of the files
    double wall_s = 0;      // the whole export_map call (the rest: buffer and render-target set-up, sidecars)
    int tiles = 0;
    double total() const { return render_s + readback_s + encode_s + write_s; }
};

// Renders `view` (output size = view.cam.w x view.cam.h) tile by tile and hands each finished band of rows to
// `band(y0, rows, top, stride)`: RGBA8, image row y0 + i starts at top + i * stride. The stride is negative
// (GL reads rows bottom-up straight into the band; nobody flips). `band` runs on a worker thread, one band at a
// time and in order, while the next band renders; the data is valid until it returns. Progress may be called
// from either thread. Throws ExportFailure on GL failure (and rethrows what `band` throws).
using BandSink = std::function<void(int y0, int rows, const unsigned char* top, std::ptrdiff_t stride)>;
void render_tiled(MapRenderer& r, const MapView& view, const RenderOptions& opt, int max_tile, int samples,
                  const BandSink& band, ExportTimings* t = nullptr, const ExportProgress& progress = {});
// Convenience for tests: the whole image in one buffer.
std::vector<unsigned char> render_tiled_rgba(MapRenderer& r, const MapView& view, const RenderOptions& opt,
                                             int max_tile, int samples = 4);

struct ExportFailure : std::runtime_error {
    int code;
    ExportFailure(int c, const std::string& msg) : std::runtime_error(msg), code(c) {}
};

struct ExportOptions {
    OutputSize size;                 // required
    ImageFormat format = ImageFormat::Png;
    float ui_scale = 0;              // 0: furniture_scale(size)
    bool keep_extent = true;         // true: export_camera(seen); false: use seen.cam.centre/mpp unchanged
    bool furniture = true;           // title, legend, scale bar, north arrow, attribution
    bool sidecars = true;            // world file (.pgw/.jgw/.tfw) + .prj for png/jpg/tif (GeoTIFF has it inside)
    bool estimate = false;           // add the "estimate: no road network loaded" note to the attribution
    std::string date;                // date line; "" = today (local, YYYY-MM-DD)
    int max_tile = 2048;             // tile above this (bounds memory); the GL limits cap it further
    // MSAA samples per tile; -1 = auto: 4 below ui_scale 2, else 0. Lines, text and symbols are anti-aliased
    // in their shaders and cover every polygon edge, so at high resolution MSAA changes almost nothing but costs
    // ~3x the render time on llvmpipe (bench_export).
    int samples = -1;
    int png_level = 1;               // zlib level 1..9 (1: fast; map images compress well anyway)
    int jpeg_quality = 92;
    int threads = 0;                 // encoder threads; 0 = hardware concurrency
    size_t memory_limit = 0;         // bytes the export may use; 0 = 90 % of available_memory()
    RenderOptions render;            // overlay, ramps, extra attribution lines (tile fields are ignored)
    ExportProgress progress;
    // Test hook: called before each write to a temporary file with the bytes written so far; return false to
    // make that write fail as if the disk were full.
    std::function<bool(size_t written)> write_hook;
};

struct ExportResult {
    int code = kExportOk;
    std::string error;               // names the path and what went wrong
    std::vector<std::string> files;  // written files (image first, then sidecars)
    Camera cam;                      // the export camera (w, h = output size)
    float ui_scale = 1;
    ExportTimings timings;
    bool ok() const { return code == kExportOk; }
};

// The MapView that export_map renders (camera, ui_scale, furniture, no window insets).
MapView export_view(const MapView& seen, const ExportOptions& o);
// The extra attribution lines export_map adds: the date line (map made with trekkaart, date, CRS) and, with
// o.estimate, the estimate note; then o.render.extra_attribution. Localised with tr().
std::vector<std::string> export_attribution(const ExportOptions& o);

// Bytes of memory the export of o needs at its peak (band buffer, tile buffers, GL targets, encoder state;
// the whole image for JPEG). export_map refuses sizes whose need exceeds available memory.
size_t export_memory_needed(const ExportOptions& o);
size_t available_memory();  // MemAvailable from /proc/meminfo (or a large value when unknown)

// Renders `seen` as described by o and writes `path` (+ sidecars). Never throws for expected failures: the
// result carries the exit code and a message. Needs a current GL 3.3 context (GLContext).
ExportResult export_map(MapRenderer& r, const MapView& seen, const std::string& path, const ExportOptions& o);

// ---- lower-level pieces (tested directly) --------------------------------------------------------------------

// Checks an image is not blank: false when every pixel is fully transparent or all pixels are the same colour.
bool image_has_content(const unsigned char* rgba, size_t pixels);

}  // namespace viewer
