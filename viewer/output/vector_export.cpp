#include "viewer/output/vector_export.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>

#include "geo/io/atomic_file.h"
#include "viewer/model/i18n.h"
#include "viewer/model/sources.h"
#include "viewer/output/png.h"
#include "viewer/render/gl.h"

namespace viewer {

using geo::P2;

namespace {

// ---- fonts: the app's Noto Sans files, for cairo (PDF) and as data (SVG) -------------------------------------

// The text renderer's font chain (primary Noto Sans, then the installed fallbacks for symbols such as "≥"), as
// FreeType faces for cairo; the faces live as long as the process.
struct CairoFonts {
    struct Face {
        FT_Face ft = nullptr;
        cairo_font_face_t* cairo = nullptr;
    };
    std::vector<Face> chain[2];  // regular, bold
    std::string error;
};
const CairoFonts& cairo_fonts() {
    static CairoFonts f;
    static std::once_flag once;
    std::call_once(once, [] {
        FT_Library lib = nullptr;
        if (FT_Init_FreeType(&lib) != 0) {
            f.error = "FreeType could not start";
            return;
        }
        for (int b = 0; b < 2; ++b)
            for (const std::string& path : font_chain_files(b == 1)) {
                CairoFonts::Face face;
                if (FT_New_Face(lib, path.c_str(), 0, &face.ft) != 0) {
                    if (f.chain[b].empty()) {
                        f.error = path + ": not a font FreeType can read (install fonts-noto-core)";
                        return;
                    }
                    continue;  // a fallback that cannot be read: skipped, as the text renderer does
                }
                face.cairo = cairo_ft_font_face_create_for_ft_face(face.ft, 0);
                f.chain[b].push_back(face);
            }
    });
    return f;
}

// The text cut into runs of one face each: the first face of the chain that has the character.
std::vector<std::pair<size_t, std::string>> font_runs(const std::string& text, bool bold) {
    const auto& chain = cairo_fonts().chain[bold ? 1 : 0];
    std::vector<std::pair<size_t, std::string>> runs;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = text[i];
        const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        const std::string ch = text.substr(i, n);
        const std::u32string cp = decode_utf8(ch);
        size_t face = 0;
        for (size_t k = 0; k < chain.size() && !cp.empty(); ++k)
            if (FT_Get_Char_Index(chain[k].ft, FT_ULong(cp[0])) != 0) {
                face = k;
                break;
            }
        if (runs.empty() || runs.back().first != face) runs.push_back({face, ""});
        runs.back().second += ch;
        i += n;
    }
    return runs;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string base64(std::string_view s) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((s.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < s.size(); i += 3) {
        const unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8 | (unsigned char)s[i + 2];
        out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
    }
    if (i + 1 == s.size()) {
        const unsigned v = (unsigned char)s[i] << 16;
        out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
    } else if (i + 2 == s.size()) {
        const unsigned v = (unsigned char)s[i] << 16 | (unsigned char)s[i + 1] << 8;
        out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
    }
    return out;
}

// ---- cairo (PDF) ------------------------------------------------------------------------------------------------

void set_colour(cairo_t* cr, RGBA c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

void ring_path(cairo_t* cr, const std::vector<std::vector<P2>>& rings, bool close) {
    cairo_new_path(cr);
    for (const auto& r : rings) {
        if (r.empty()) continue;
        cairo_move_to(cr, r[0].x, r[0].y);
        for (size_t i = 1; i < r.size(); ++i) cairo_line_to(cr, r[i].x, r[i].y);
        if (close || (r.size() > 2 && r.front().x == r.back().x && r.front().y == r.back().y)) cairo_close_path(cr);
    }
}

// The overlay's premultiplied RGBA bytes as a cairo image (premultiplied ARGB32, native endian).
cairo_surface_t* overlay_surface(const std::vector<unsigned char>& rgba, int w, int h) {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) return s;
    cairo_surface_flush(s);
    unsigned char* data = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; ++y) {
        uint32_t* row = reinterpret_cast<uint32_t*>(data + size_t(y) * stride);
        const unsigned char* p = &rgba[size_t(y) * w * 4];
        for (int x = 0; x < w; ++x, p += 4) row[x] = uint32_t(p[3]) << 24 | uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2];
    }
    cairo_surface_mark_dirty(s);
    return s;
}

void paint_cairo(cairo_t* cr, const VectorPage& p) {
    const VectorScene& sc = *p.scene;
    const CairoFonts& fonts = cairo_fonts();
    cairo_save(cr);
    cairo_scale(cr, p.page_w_pt / sc.w, p.page_h_pt / sc.h);
    cairo_rectangle(cr, 0, 0, sc.w, sc.h);
    set_colour(cr, sc.background);
    cairo_fill(cr);
    cairo_rectangle(cr, 0, 0, sc.w, sc.h);  // nothing beyond the page's map area (tiles of a poster agree)
    cairo_clip(cr);
    for (const VectorItem& it : sc.items) {
        switch (it.kind) {
            case VectorItem::Fill:
                ring_path(cr, it.rings, true);
                cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
                set_colour(cr, it.colour);
                cairo_fill(cr);
                break;
            case VectorItem::Stroke: {
                ring_path(cr, it.rings, false);
                cairo_set_line_width(cr, it.width);
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                cairo_set_line_cap(cr, it.round_join || it.dash <= 0 ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
                const double dash[2] = {it.dash, it.gap};
                cairo_set_dash(cr, dash, it.dash > 0 ? 2 : 0, 0);
                set_colour(cr, it.colour);
                cairo_stroke(cr);
                cairo_set_dash(cr, nullptr, 0, 0);
                break;
            }
            case VectorItem::Raster: {
                if (!p.overlay || p.overlay->empty()) break;
                cairo_surface_t* img = overlay_surface(*p.overlay, p.rw, p.rh);
                cairo_save(cr);
                cairo_scale(cr, double(sc.w) / p.rw, double(sc.h) / p.rh);
                cairo_set_source_surface(cr, img, 0, 0);
                cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
                cairo_paint(cr);
                cairo_restore(cr);
                cairo_surface_destroy(img);
                break;
            }
            case VectorItem::Text: {
                const auto& chain = fonts.chain[it.bold ? 1 : 0];
                if (chain.empty()) break;
                const auto runs = font_runs(it.text, it.bold);
                cairo_set_font_size(cr, it.size);
                if (it.halo > 0 && it.halo_colour.a > 0) {  // the halo: a stroke around the glyphs, under them
                    cairo_new_path(cr);
                    cairo_move_to(cr, it.at.x, it.at.y);
                    for (const auto& [face, run] : runs) {  // each run continues where the last one ended
                        cairo_set_font_face(cr, chain[face].cairo);
                        cairo_text_path(cr, run.c_str());
                    }
                    cairo_set_line_width(cr, 2 * it.halo);
                    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                    set_colour(cr, it.halo_colour);
                    cairo_stroke(cr);
                }
                cairo_new_path(cr);
                cairo_move_to(cr, it.at.x, it.at.y);
                set_colour(cr, it.colour);
                for (const auto& [face, run] : runs) {
                    cairo_set_font_face(cr, chain[face].cairo);
                    cairo_show_text(cr, run.c_str());  // real text: searchable, copyable
                }
                break;
            }
        }
    }
    cairo_restore(cr);
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int n) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), n);
    return CAIRO_STATUS_SUCCESS;
}

// ---- SVG --------------------------------------------------------------------------------------------------------

std::string xml_escape(std::string_view s) {
    std::string o;
    o.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    std::string s = b;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

std::string svg_colour(const char* attr, RGBA c) {
    char b[96];
    std::snprintf(b, sizeof b, " %s=\"#%02x%02x%02x\"", attr, int(std::lround(c.r * 255)), int(std::lround(c.g * 255)),
                  int(std::lround(c.b * 255)));
    std::string s = b;
    if (c.a < 1) s += std::string(" ") + attr + "-opacity=\"" + num(c.a) + "\"";
    return s;
}

std::string svg_path_data(const std::vector<std::vector<P2>>& rings, bool close) {
    std::string d;
    for (const auto& r : rings) {
        if (r.empty()) continue;
        d += "M" + num(r[0].x) + " " + num(r[0].y);
        for (size_t i = 1; i < r.size(); ++i) d += "L" + num(r[i].x) + " " + num(r[i].y);
        if (close) d += "Z";
    }
    return d;
}

// The overlay as a PNG data URI (straight alpha, as PNG stores it).
std::string overlay_png_uri(const std::vector<unsigned char>& pre, int w, int h) {
    std::vector<unsigned char> rgba(pre);
    for (size_t i = 0; i < rgba.size(); i += 4) {
        const int a = rgba[i + 3];
        if (a == 0 || a == 255) continue;
        for (int k = 0; k < 3; ++k) rgba[i + k] = (unsigned char)std::min(255, (rgba[i + k] * 255 + a / 2) / a);
    }
    std::string png;
    PngStreamEncoder enc(w, h, 0, 6, 1, [&](const unsigned char* d, size_t n) { png.append((const char*)d, n); });
    enc.add_rows(h, rgba.data(), std::ptrdiff_t(w) * 4);
    enc.finish();
    return "data:image/png;base64," + base64(png);
}

// ---- caption ----------------------------------------------------------------------------------------------------

std::vector<std::string> wrap(const std::string& text, TextRenderer& tr_, float size, float width) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string w, cur;
    while (words >> w) {
        const std::string next = cur.empty() ? w : cur + " " + w;
        if (!cur.empty() && tr_.measure(next, size).w > width) {
            lines.push_back(cur);
            cur = w;
        } else {
            cur = next;
        }
    }
    if (!cur.empty()) lines.push_back(cur);
    return lines;
}

constexpr float kCaptionSize = 13, kCaptionPad = 14;

}  // namespace

// ---- public ---------------------------------------------------------------------------------------------------

float caption_band_px(const std::string& caption, TextRenderer& text, float s, int width_px) {
    if (caption.empty()) return 0;
    const auto lines = wrap(caption, text, kCaptionSize * s, width_px - 2 * kCaptionPad * s);
    return 2 * kCaptionPad * s + float(lines.size()) * text.metrics(kCaptionSize * s).line_height;
}

void add_caption(VectorScene& sc, const std::string& caption, TextRenderer& text, float s, float band_px) {
    if (caption.empty() || band_px <= 0) return;
    const float y0 = float(sc.h);
    sc.h += int(std::ceil(band_px));
    VectorItem panel;
    panel.cls = "caption";
    panel.colour = hex(0xffffff);
    panel.rings = {{{0, y0}, {double(sc.w), y0}, {double(sc.w), double(sc.h)}, {0, double(sc.h)}}};
    sc.items.push_back(panel);
    VectorItem rule = panel;
    rule.colour = hex(0xb9b4aa);
    rule.rings = {{{0, y0}, {double(sc.w), y0}, {double(sc.w), y0 + 1 * s}, {0, y0 + 1 * s}}};
    sc.items.push_back(rule);
    const float size = kCaptionSize * s;
    const FontMetrics fm = text.metrics(size);
    float base = y0 + kCaptionPad * s + fm.ascent;
    for (const std::string& line : wrap(caption, text, size, sc.w - 2 * kCaptionPad * s)) {
        VectorItem t;
        t.kind = VectorItem::Text;
        t.cls = "caption";
        t.text = line;
        t.at = {kCaptionPad * s, base};
        t.size = size;
        t.colour = base_colours().text;
        sc.items.push_back(std::move(t));
        base += fm.line_height;
    }
}

std::vector<unsigned char> render_overlay_rgba(const Camera& cam, const RenderOptions& opt, int rw, int rh,
                                               int max_tile) {
    std::vector<unsigned char> out(size_t(rw) * rh * 4, 0);
    if (!opt.overlay) return out;
    Camera oc = cam;  // the same extent in rw x rh pixels
    oc.w = rw;
    oc.h = rh;
    oc.mpp = cam.mpp * double(cam.w) / rw;
    GLint prev_fbo = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_fbo);
    const TilePlan plan = plan_tiles(rw, rh, std::min(max_tile, gl_max_tile()));
    RenderTarget rt;
    std::vector<unsigned char> tile;
    for (int r = 0; r < plan.rows; ++r)
        for (int c = 0; c < plan.cols; ++c) {
            const int tx = c * plan.tile_w, ty = r * plan.tile_h;
            const int tw = std::min(plan.tile_w, rw - tx), th = std::min(plan.tile_h, rh - ty);
            if ((rt.w != tw || rt.h != th) && !rt.create(tw, th, 0))
                throw ExportFailure(kExportRenderError, "cannot allocate a " + std::to_string(tw) + "x" +
                                                            std::to_string(th) + " render target for the heatmap");
            rt.bind();
            glViewport(0, 0, tw, th);
            glClearColor(0, 0, 0, 0);
            glClear(GL_COLOR_BUFFER_BIT);
            glDisable(GL_DEPTH_TEST);
            glEnable(GL_BLEND);  // as the map draws it: colours "over", so the result is premultiplied
            glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
            Camera tc = oc;
            tc.w = tw;
            tc.h = th;
            tc.centre = oc.to_world({tx + tw * 0.5, ty + th * 0.5});
            opt.overlay(tc);
            tile.resize(size_t(tw) * th * 4);
            rt.read_rgba(tile.data());
            for (int y = 0; y < th; ++y)
                std::copy_n(&tile[size_t(y) * tw * 4], size_t(tw) * 4, &out[(size_t(ty + y) * rw + tx) * 4]);
        }
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo));
    return out;
}

std::string svg_document(const VectorPage& p, const VectorMeta& meta) {
    const VectorScene& sc = *p.scene;
    std::string o;
    o.reserve(1 << 20);
    o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    o += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"" +
         num(p.page_w_pt) + "pt\" height=\"" + num(p.page_h_pt) + "pt\" viewBox=\"0 0 " + std::to_string(sc.w) + " " +
         std::to_string(sc.h) + "\">\n";
    o += "<title>" + xml_escape(meta.title) + "</title>\n<desc>" + xml_escape(meta.subject) + "</desc>\n";
    // The app's font, embedded so the map looks the same where Noto Sans is not installed.
    static const std::string fonts = "@font-face{font-family:'Noto Sans';font-weight:400;src:url(data:font/ttf;base64," +
                                     base64(slurp(kDefaultRegularFont)) +
                                     ")}\n@font-face{font-family:'Noto Sans';font-weight:700;src:url(data:font/ttf;base64," +
                                     base64(slurp(kDefaultBoldFont)) + ")}\n";
    o += "<style>\n" + fonts +
         "text{font-family:'Noto Sans','Noto Sans Symbols','DejaVu Sans',sans-serif;white-space:pre}\n</style>\n";
    o += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + std::to_string(sc.w) + "\" height=\"" +
         std::to_string(sc.h) + "\"" + svg_colour("fill", sc.background) + "/>\n";
    for (const VectorItem& it : sc.items) {
        const std::string cls = " class=\"" + xml_escape(it.cls) + "\"";
        switch (it.kind) {
            case VectorItem::Fill:
                o += "<path" + cls + (it.id.empty() ? "" : " id=\"" + xml_escape(it.id) + "\"") + " d=\"" +
                     svg_path_data(it.rings, true) + "\"" + svg_colour("fill", it.colour) + " fill-rule=\"evenodd\"/>\n";
                break;
            case VectorItem::Stroke:
                o += "<path" + cls + " d=\"" + svg_path_data(it.rings, false) + "\" fill=\"none\"" +
                     svg_colour("stroke", it.colour) + " stroke-width=\"" + num(it.width) +
                     "\" stroke-linejoin=\"round\" stroke-linecap=\"" +
                     (it.round_join || it.dash <= 0 ? "round" : "butt") + "\"" +
                     (it.dash > 0 ? " stroke-dasharray=\"" + num(it.dash) + " " + num(it.gap) + "\"" : "") + "/>\n";
                break;
            case VectorItem::Raster:
                if (p.overlay && !p.overlay->empty())
                    o += "<image" + cls + " x=\"0\" y=\"0\" width=\"" + std::to_string(sc.w) + "\" height=\"" +
                         std::to_string(sc.h) + "\" preserveAspectRatio=\"none\" xlink:href=\"" +
                         overlay_png_uri(*p.overlay, p.rw, p.rh) + "\"/>\n";
                break;
            case VectorItem::Text:
                o += "<text" + cls + " x=\"" + num(it.at.x) + "\" y=\"" + num(it.at.y) + "\" font-size=\"" + num(it.size) +
                     "\"" + (it.bold ? " font-weight=\"700\"" : "") + svg_colour("fill", it.colour);
                if (it.halo > 0 && it.halo_colour.a > 0)
                    o += svg_colour("stroke", it.halo_colour) + " stroke-width=\"" + num(2 * it.halo) +
                         "\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
                o += ">" + xml_escape(it.text) + "</text>\n";
                break;
        }
    }
    o += "</svg>\n";
    return o;
}

VectorMeta vector_meta(const MapRenderer& r, const MapView& view, const ExportOptions& o) {
    VectorMeta m;
    m.title = view.title.empty() ? std::string(tr("Map of the Cultuurregio Twente")) : view.title;
    m.subject = data_sources_line(r.data());
    m.keywords = tr("Twente; culture; venues; accessibility; RD New (EPSG:28992)");
    m.date = o.date.empty() ? geo::today_iso() : o.date;
    return m;
}

struct VectorExport::Impl {
    std::string path;
    ImageFormat format;
    VectorMeta meta;
    std::string bytes;                  // the PDF stream / the SVG text
    cairo_surface_t* pdf = nullptr;
    std::function<bool(size_t)> hook;   // ExportOptions::write_hook
    bool sidecars = true;
    double page_w_pt = 0;               // of the first page
    ~Impl() {
        if (pdf) cairo_surface_destroy(pdf);
    }
};

VectorExport::VectorExport(const std::string& path, const ExportOptions& o, const VectorMeta& meta)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    impl_->format = o.format;
    impl_->meta = meta;
    impl_->hook = o.write_hook;
    impl_->sidecars = o.sidecars;
}

VectorExport::~VectorExport() = default;

bool VectorExport::add_page(MapRenderer& r, const MapView& seen, const ExportOptions& o_in, const std::string& caption) {
    if (!res_.ok()) return false;
    const std::string& path = impl_->path;
    try {
        const int W = o_in.size.w, H = o_in.size.h;
        if (W < 1 || H < 1 || W > kMaxExportSide || H > kMaxExportSide)
            throw ExportFailure(kExportSizeError, path + ": impossible size " + std::to_string(W) + "x" +
                                                      std::to_string(H) + " px (each side must be 1.." +
                                                      std::to_string(kMaxExportSide) + ")");
        if (impl_->format == ImageFormat::Svg && pages_ > 0)
            throw ExportFailure(kExportUsage, path + ": an SVG holds one page; write a PDF for several");
        const float s = o_in.ui_scale > 0 ? o_in.ui_scale : furniture_scale(o_in.size);
        ExportOptions o = o_in;
        const float band = caption_band_px(caption, r.text(), s, W);
        o.size.h = std::max(1, H - int(std::ceil(band)));  // the map above, the caption under it
        o.ui_scale = s;
        const MapView v = export_view(seen, o);
        RenderOptions ro = o.render;
        ro.extra_attribution = export_attribution(o);
        VectorScene sc = r.record(v, ro);
        std::vector<unsigned char> overlay;
        int rw = 0, rh = 0;
        if (sc.has_raster() && ro.overlay) {
            vector_raster_size(sc.w, sc.h, rw, rh);
            overlay = render_overlay_rgba(v.cam, ro, rw, rh, o.max_tile);
        }
        add_caption(sc, caption, r.text(), s, float(H - o.size.h));
        sc.h = H;
        VectorPage page{&sc, &overlay, rw, rh, page_width_pt(o_in.size), page_height_pt(o_in.size)};
        if (pages_ == 0) {
            impl_->page_w_pt = page.page_w_pt;
            res_.cam = v.cam;
            res_.ui_scale = s;
        }
        if (impl_->format == ImageFormat::Svg) {
            impl_->bytes = svg_document(page, impl_->meta);
        } else {
            if (!cairo_fonts().error.empty() || cairo_fonts().chain[1].empty()) throw ExportFailure(kExportRenderError, cairo_fonts().error);
            if (!impl_->pdf) {
                impl_->pdf = cairo_pdf_surface_create_for_stream(append_bytes, &impl_->bytes, page.page_w_pt, page.page_h_pt);
                const VectorMeta& m = impl_->meta;
                cairo_pdf_surface_set_metadata(impl_->pdf, CAIRO_PDF_METADATA_TITLE, m.title.c_str());
                cairo_pdf_surface_set_metadata(impl_->pdf, CAIRO_PDF_METADATA_SUBJECT, m.subject.c_str());
                cairo_pdf_surface_set_metadata(impl_->pdf, CAIRO_PDF_METADATA_KEYWORDS, m.keywords.c_str());
                cairo_pdf_surface_set_metadata(impl_->pdf, CAIRO_PDF_METADATA_AUTHOR, "trekkaart");
                cairo_pdf_surface_set_metadata(impl_->pdf, CAIRO_PDF_METADATA_CREATOR, "trekkaart");
                cairo_pdf_surface_set_metadata(impl_->pdf, CAIRO_PDF_METADATA_CREATE_DATE, (m.date + "T00:00:00").c_str());
            }
            cairo_pdf_surface_set_size(impl_->pdf, page.page_w_pt, page.page_h_pt);
            cairo_t* cr = cairo_create(impl_->pdf);
            paint_cairo(cr, page);
            cairo_show_page(cr);
            const cairo_status_t st = cairo_status(cr);
            cairo_destroy(cr);
            if (st != CAIRO_STATUS_SUCCESS)
                throw ExportFailure(kExportRenderError, path + ": cairo: " + cairo_status_to_string(st));
        }
        ++pages_;
        return true;
    } catch (const ExportFailure& e) {
        res_.code = e.code;
        res_.error = e.what();
    } catch (const std::bad_alloc&) {
        res_.code = kExportSizeError;
        res_.error = path + ": out of memory (try a smaller size)";
    } catch (const std::exception& e) {
        res_.code = kExportRenderError;
        res_.error = path + ": " + e.what();
    }
    return false;
}

ExportResult VectorExport::finish() {
    if (!res_.ok()) return res_;
    if (pages_ == 0) {
        res_.code = kExportUsage;
        res_.error = impl_->path + ": nothing to write (no page)";
        return res_;
    }
    if (impl_->pdf) {
        cairo_surface_finish(impl_->pdf);
        const cairo_status_t st = cairo_surface_status(impl_->pdf);
        cairo_surface_destroy(impl_->pdf);
        impl_->pdf = nullptr;
        if (st != CAIRO_STATUS_SUCCESS) {
            res_.code = kExportRenderError;
            res_.error = impl_->path + ": cairo: " + cairo_status_to_string(st);
            return res_;
        }
    }
    auto write = [&](const std::string& p, const std::string& data) {
        if (impl_->hook && !impl_->hook(data.size())) return p + ": write failed (disk full); the previous file is untouched";
        return geo::write_file_atomic(p, data);
    };
    std::string err = write(impl_->path, impl_->bytes);
    if (err.empty()) res_.files.push_back(impl_->path);
    if (err.empty() && impl_->sidecars) {
        const std::string wf = world_file_path(impl_->path, impl_->format);
        err = write(wf, world_file_text(res_.cam));
        if (err.empty()) res_.files.push_back(wf);
        const std::string prj = rd_new_prj_wkt();
        if (err.empty() && !prj.empty()) {
            const std::string pp = wf.substr(0, wf.size() - 4) + ".prj";
            err = write(pp, prj);
            if (err.empty()) res_.files.push_back(pp);
        }
        if (err.empty() && impl_->format == ImageFormat::Pdf) {  // GDAL and QGIS open the PDF georeferenced
            const std::string aux = impl_->path + ".aux.xml";
            err = write(aux, pdf_aux_xml(res_.cam, impl_->page_w_pt));
            if (err.empty()) res_.files.push_back(aux);
        }
    }
    if (!err.empty()) {
        res_.code = kExportWriteError;
        res_.error = err;
    }
    return res_;
}

ExportResult export_vector(MapRenderer& r, const MapView& seen, const std::string& path, const ExportOptions& o) {
    VectorExport doc(path, o, vector_meta(r, seen, o));
    doc.add_page(r, seen, o);
    return doc.finish();
}

}  // namespace viewer
