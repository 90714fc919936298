#include "viewer/model/export_plan.h"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace viewer {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower((unsigned char)c));
    return s;
}

std::string extension_of(const std::string& path) {
    const size_t slash = path.find_last_of('/'), dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    return lower(path.substr(dot));
}

}  // namespace

// ---- formats, sizes, presets -----------------------------------------------------------------------------

const char* format_name(ImageFormat f) {
    switch (f) {
        case ImageFormat::Png: return "png";
        case ImageFormat::Jpeg: return "jpg";
        case ImageFormat::Tiff: return "tif";
        case ImageFormat::GeoTiff: return "geotiff";
        case ImageFormat::Pdf: return "pdf";
        case ImageFormat::Svg: return "svg";
    }
    return "?";
}

const char* format_extension(ImageFormat f) {
    switch (f) {
        case ImageFormat::Png: return ".png";
        case ImageFormat::Jpeg: return ".jpg";
        case ImageFormat::Pdf: return ".pdf";
        case ImageFormat::Svg: return ".svg";
        default: return ".tif";
    }
}

bool is_vector(ImageFormat f) { return f == ImageFormat::Pdf || f == ImageFormat::Svg; }

double page_width_pt(const OutputSize& s) {
    if (s.page_w_pt > 0) return s.page_w_pt;
    return s.w * 72.0 / (s.dpi > 0 ? s.dpi : 96.0);
}
double page_height_pt(const OutputSize& s) {
    if (s.page_h_pt > 0) return s.page_h_pt;
    return s.h * 72.0 / (s.dpi > 0 ? s.dpi : 96.0);
}

void vector_raster_size(int w, int h, int& rw, int& rh) {
    const double k = std::min(1.0, std::sqrt(kMaxVectorRasterPixels / (double(std::max(w, 1)) * std::max(h, 1))));
    rw = std::max(1, int(std::lround(w * k)));
    rh = std::max(1, int(std::lround(h * k)));
}

std::optional<ImageFormat> parse_format(const std::string& s0) {
    const std::string s = lower(s0);
    if (s == "png") return ImageFormat::Png;
    if (s == "jpg" || s == "jpeg") return ImageFormat::Jpeg;
    if (s == "tif" || s == "tiff") return ImageFormat::Tiff;
    if (s == "geotiff" || s == "gtiff") return ImageFormat::GeoTiff;
    if (s == "pdf") return ImageFormat::Pdf;
    if (s == "svg") return ImageFormat::Svg;
    return std::nullopt;
}

std::optional<ImageFormat> format_from_path(const std::string& path) {
    const std::string e = extension_of(path);
    if (e == ".png") return ImageFormat::Png;
    if (e == ".jpg" || e == ".jpeg") return ImageFormat::Jpeg;
    if (e == ".tif" || e == ".tiff") return ImageFormat::GeoTiff;
    if (e == ".pdf") return ImageFormat::Pdf;
    if (e == ".svg") return ImageFormat::Svg;
    return std::nullopt;
}

std::optional<OutputSize> paper_size(const std::string& name, double dpi, bool landscape) {
    static const struct { const char* n; double w, h; } kPaper[] = {
        {"a0", 841, 1189}, {"a1", 594, 841}, {"a2", 420, 594}, {"a3", 297, 420}, {"a4", 210, 297}, {"a5", 148, 210}};
    if (!(dpi > 0)) return std::nullopt;
    for (const auto& p : kPaper)
        if (lower(name) == p.n) {
            OutputSize s;
            s.w = int(std::lround(p.w / 25.4 * dpi));
            s.h = int(std::lround(p.h / 25.4 * dpi));
            s.page_w_pt = p.w / 25.4 * 72;
            s.page_h_pt = p.h / 25.4 * 72;
            if (landscape) {
                std::swap(s.w, s.h);
                std::swap(s.page_w_pt, s.page_h_pt);
            }
            s.dpi = dpi;
            return s;
        }
    return std::nullopt;
}

const std::vector<ExportPreset>& export_presets() {
    static const std::vector<ExportPreset> presets = [] {
        std::vector<ExportPreset> v;
        static const char* names[] = {"a4-portrait-150",  "a4-landscape-150", "a4-portrait-300",  "a4-landscape-300",
                                      "a3-portrait-150",  "a3-landscape-150", "a3-portrait-300",  "a3-landscape-300"};
        int i = 0;
        for (const char* paper : {"A4", "A3"})
            for (double dpi : {150.0, 300.0})
                for (bool land : {false, true}) v.push_back({names[i++], *paper_size(paper, dpi, land)});
        v.push_back({"slide-hd", {1920, 1080, 0}});
        v.push_back({"slide-4k", {3840, 2160, 0}});
        return v;
    }();
    return presets;
}

std::optional<OutputSize> find_preset(const std::string& name) {
    for (const auto& p : export_presets())
        if (lower(name) == p.name) return p.size;
    return std::nullopt;
}

float furniture_scale(const OutputSize& s) {
    double k = s.dpi > 0 ? s.dpi / 96.0 : std::sqrt(double(s.w) * s.h / (1920.0 * 1080.0));
    return float(std::clamp(k, 1.0, 6.0));
}

Camera export_camera(const Camera& seen, int w, int h) {
    Camera c = seen;
    const double ew = seen.w * seen.mpp, eh = seen.h * seen.mpp;  // the seen extent, metres
    c.w = w;
    c.h = h;
    c.mpp = std::max(ew / w, eh / h);  // no clamp_mpp: a poster may need finer than the window allows
    return c;
}

geo::BBox image_bounds(const Camera& cam) { return cam.view_bbox(); }

std::string world_file_text(const Camera& cam) {
    const geo::BBox b = image_bounds(cam);
    char s[256];
    std::snprintf(s, sizeof s, "%.12g\n0\n0\n%.12g\n%.6f\n%.6f\n", cam.mpp, -cam.mpp, b.minx + cam.mpp * 0.5,
                  b.maxy - cam.mpp * 0.5);
    return s;
}

std::string world_file_path(const std::string& image_path, ImageFormat f) {
    const std::string e = extension_of(image_path);
    const std::string stem = e.empty() ? image_path : image_path.substr(0, image_path.size() - e.size());
    switch (f) {
        case ImageFormat::Png: return stem + ".pgw";
        case ImageFormat::Jpeg: return stem + ".jgw";
        case ImageFormat::Pdf:
        case ImageFormat::Svg: return stem + ".wld";  // for the page rasterised at the export's dpi
        default: return stem + ".tfw";
    }
}

std::string pdf_aux_xml(const Camera& cam, double page_w_pt) {
    const geo::BBox b = image_bounds(cam);
    const int gdal_w = int(std::lround(page_w_pt / 72 * kGdalPdfDpi));  // GDAL's raster width of the page
    const double px = cam.mpp * cam.w / std::max(1, gdal_w);
    char s[512];
    std::snprintf(s, sizeof s,
                  "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">EPSG:28992</SRS>\n"
                  "  <GeoTransform>%.6f, %.12g, 0, %.6f, 0, %.12g</GeoTransform>\n</PAMDataset>\n",
                  b.minx, px, b.maxy, -px);
    return s;
}

std::string rd_new_prj_wkt() {
    OGRSpatialReference srs;
    if (srs.importFromEPSG(28992) != OGRERR_NONE) return "";
    char* wkt = nullptr;
    const char* opts[] = {"FORMAT=WKT1_ESRI", nullptr};
    if (srs.exportToWkt(&wkt, opts) != OGRERR_NONE) return "";
    std::string s = wkt;
    CPLFree(wkt);
    return s;
}

// ---- tiling -------------------------------------------------------------------------------------------------

TilePlan plan_tiles(int w, int h, int max_tile) {
    TilePlan p;
    max_tile = std::max(16, max_tile);
    p.cols = (w + max_tile - 1) / max_tile;
    p.tile_w = (w + p.cols - 1) / p.cols;
    // A band (one row of tiles) is held in memory whole: keep it under 512 MiB for very wide images.
    const int band_cap = int(std::max<size_t>(16, (size_t(512) << 20) / (size_t(w) * 4)));
    const int th = std::min(max_tile, band_cap);
    p.rows = (h + th - 1) / th;
    p.tile_h = (h + p.rows - 1) / p.rows;
    return p;
}

}  // namespace viewer
