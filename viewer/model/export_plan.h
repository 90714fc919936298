// Export planning, pure: exit codes, image formats, paper sizes and presets, the furniture scale, the export
// camera, world files and the tiling of large images. No GL: the writers are viewer/output/export.h.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "viewer/model/camera.h"

namespace viewer {

// Exit codes of `trekkaart export` and ExportResult::code.
enum ExportCode {
    kExportOk = 0,
    kExportDataError = 1,    // data or scene file missing/invalid
    kExportUsage = 2,        // bad command line
    kExportRenderError = 3,  // no GL context, render target allocation failed, rendered image empty
    kExportWriteError = 4,   // cannot write/replace the output (disk full, permissions); old file untouched
    kExportSizeError = 5,    // impossible output size (> kMaxExportSide a side, or more memory than available)
    kExportCancelled = 130,  // interrupted (Ctrl+C): nothing written (128 + SIGINT, as shells report it)
};

inline constexpr int kMaxExportSide = 65535;  // also the JPEG limit

// Pdf and Svg are vector formats (viewer/output/vector_export.h): the map laid out as the raster image of the same
// size and dpi would be, written as paths and text on a page of the paper's size.
enum class ImageFormat { Png, Jpeg, Tiff, GeoTiff, Pdf, Svg };
const char* format_name(ImageFormat f);                     // "png", "jpg", "tif", "geotiff", "pdf", "svg"
std::optional<ImageFormat> parse_format(const std::string& s);  // png | jpg | jpeg | tif | tiff | geotiff | pdf | svg
// From the file extension (.png .jpg .jpeg .tif .tiff .pdf .svg); .tif/.tiff give GeoTiff. nullopt when unknown.
std::optional<ImageFormat> format_from_path(const std::string& path);
const char* format_extension(ImageFormat f);                // ".png", ".jpg", ".tif", ".tif", ".pdf", ".svg"
bool is_vector(ImageFormat f);                              // Pdf, Svg

// Output size in pixels; dpi > 0 for print (stored in the file and used for the furniture scale).
struct OutputSize {
    int w = 0, h = 0;
    double dpi = 0;
    double page_w_pt = 0, page_h_pt = 0;  // the paper in points (1/72 in) for paper sizes; 0: from w, h and dpi
};
// The page of a vector export in points: the paper's, else w x h px at dpi (96 when none: CSS pixels).
double page_width_pt(const OutputSize& s);
double page_height_pt(const OutputSize& s);
// The heatmap of a vector export is embedded as a raster at the export's resolution, scaled down to at most
// kMaxVectorRasterPixels (A0 at 300 dpi: ~152 dpi) so memory and file stay bounded.
inline constexpr double kMaxVectorRasterPixels = 36e6;
void vector_raster_size(int w, int h, int& rw, int& rh);
// ISO A0..A5 at dpi (portrait unless landscape), e.g. A4 at 150 dpi = 1240 x 1754. nullopt for an unknown name.
std::optional<OutputSize> paper_size(const std::string& name, double dpi, bool landscape);
// Named presets: a4-portrait-150, a4-landscape-150, a4-portrait-300, ... a3-landscape-300, slide-hd (1920x1080),
// slide-4k (3840x2160).
struct ExportPreset {
    const char* name;
    OutputSize size;
};
const std::vector<ExportPreset>& export_presets();
std::optional<OutputSize> find_preset(const std::string& name);

// MapView::ui_scale for an output: dpi / 96 for print (legend text 11.5 px -> 8.6 pt, title 16.5 pt); for pixel
// outputs sqrt(w*h / (1920*1080)), so slides of any resolution look alike. Clamped to [1, 6] (above 6 the
// renderer's symbol culling margin of 50 px would clip venue symbols at tile edges).
float furniture_scale(const OutputSize& s);

// Export camera: same centre as `seen`; metres per pixel chosen so seen's whole extent fits in w x h (the
// axis with the other aspect ratio shows more).
Camera export_camera(const Camera& seen, int w, int h);

// Where the image lies in RD: bounds of the pixel edges, and the 6-line world file (pixel centres).
geo::BBox image_bounds(const Camera& cam);
std::string world_file_text(const Camera& cam);
std::string world_file_path(const std::string& image_path, ImageFormat f);  // x.png -> x.pgw, x.jpg -> x.jgw, ...
std::string rd_new_prj_wkt();  // ESRI WKT of EPSG:28992 for the .prj sidecar
// GDAL PAM sidecar (<file>.pdf.aux.xml) that georeferences a PDF page for GDAL and QGIS, which read a PDF at
// 150 dpi: the geotransform of the page rasterised at that resolution, the map's top-left corner at the page's.
inline constexpr double kGdalPdfDpi = 150;
std::string pdf_aux_xml(const Camera& cam, double page_w_pt);

// Tiling: how a w x h image is cut into tiles no larger than max_tile and the GL limits.
struct TilePlan {
    int tile_w = 0, tile_h = 0;  // nominal tile size (the last column/row may be smaller)
    int cols = 0, rows = 0;
};
TilePlan plan_tiles(int w, int h, int max_tile);  // pure; gl_max_tile() caps max_tile in render_tiled
}  // namespace viewer
