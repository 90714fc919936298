// Vector export: PDF (cairo) and SVG of the map as paths and text, with the same furniture, labels and
// attribution as the raster export of the same size and dpi.
//
//     viewer::ExportOptions o;
//     o.size = *viewer::paper_size("A0", 300, false);   // laid out as the 300 dpi poster, written on an A0 page
//     o.format = viewer::ImageFormat::Pdf;
//     viewer::ExportResult r = viewer::export_map(renderer, view, "poster.pdf", o);   // dispatches here
//
// How it stays in step with the picture: MapRenderer::record runs the render path's own units (base plan,
// symbols, furniture, labels) on the full image at the export's pixel size and ui scale and returns a
// VectorScene; the writers below only paint that list, scaled from pixels to points. Polygons, lines, symbols
// and furniture are paths; text is text in Noto Sans (the app's font files, embedded: PDF as font subsets, SVG
// as @font-face data), with its halo as a stroke under it. The heatmap (RenderOptions::overlay) is drawn by the
// GL into a transparent raster at the export's resolution (vector_raster_size caps it) and embedded.
//
// A PDF may have several pages (VectorExport::add_page): `export --scene FILE` without #N writes one handout
// with a page per scene and its caption under the map. Files go through geo::AtomicFile.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "viewer/output/export.h"
#include "viewer/render/vector_scene.h"

namespace viewer {

// Document metadata (PDF Info dictionary; SVG <title>/<desc>), in the current language.
struct VectorMeta {
    std::string title, subject, keywords, date;  // date YYYY-MM-DD
};

// The overlay of `opt` (heatmap) alone, drawn by the GL over transparent into rw x rh pixels covering `cam`'s
// image: premultiplied RGBA, top row first. Needs a current GL context.
std::vector<unsigned char> render_overlay_rgba(const Camera& cam, const RenderOptions& opt, int rw, int rh,
                                               int max_tile);

// Paints a scene into a document. overlay: premultiplied RGBA rw x rh (empty: the scene has no raster).
struct VectorPage {
    const VectorScene* scene = nullptr;
    const std::vector<unsigned char>* overlay = nullptr;
    int rw = 0, rh = 0;
    double page_w_pt = 0, page_h_pt = 0;
};
std::string svg_document(const VectorPage& p, const VectorMeta& meta);  // the SVG text

// Appends a caption band under the map: wrapped text in a white panel, `band_px` high (see caption_band_px).
void add_caption(VectorScene& sc, const std::string& caption, TextRenderer& text, float ui_scale, float band_px);
float caption_band_px(const std::string& caption, TextRenderer& text, float ui_scale, int width_px);

// A PDF or SVG being written: pages are rendered as they are added (an SVG has one).
class VectorExport {
public:
    VectorExport(const std::string& path, const ExportOptions& o, const VectorMeta& meta);
    ~VectorExport();
    VectorExport(const VectorExport&) = delete;
    VectorExport& operator=(const VectorExport&) = delete;
    // Lays out `seen` as export_map would for o (export_view, export_attribution) and paints it as the next page,
    // with `caption` under the map when not empty. Returns false (see result()) on failure.
    bool add_page(MapRenderer& r, const MapView& seen, const ExportOptions& o, const std::string& caption = "");
    // Writes the file (temporary + rename) and, with o.sidecars, a world file (.wld, for the first page
    // rasterised at the export's dpi) and .prj. The result has the code, files and the first page's camera.
    ExportResult finish();
    const ExportResult& result() const { return res_; }
    int pages() const { return pages_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    ExportResult res_;
    int pages_ = 0;
};

// export_map for Pdf and Svg: one page.
ExportResult export_vector(MapRenderer& r, const MapView& seen, const std::string& path, const ExportOptions& o);
// The metadata an export of `view` carries (title or "trekkaart", the attribution as subject; localised).
VectorMeta vector_meta(const MapRenderer& r, const MapView& view, const ExportOptions& o);

}  // namespace viewer
