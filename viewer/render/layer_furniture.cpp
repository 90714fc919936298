#include "viewer/render/map_layers.h"

#include <algorithm>
#include <cmath>

#include "geo/core/crs.h"
#include "viewer/model/i18n.h"
#include "viewer/model/venue_text.h"

namespace viewer {

using geo::P2;

namespace {

// The attribution's lines before wrapping: the sources, the user's venue edits and venue set, the extra lines.
std::vector<std::string> attribution_lines(const geo::Dataset& d, const RenderOptions& opt) {
    std::vector<std::string> attr = {
        tr("Sources: CBS, Kadaster/PDOK (CC BY 4.0) · NWB-Spoorwegen 2011 (CC0) · Natural Earth · GeoNames (CC BY 4.0) · "
           "venues: trekkaart")};
    if (d.venue_edits > 0)  // the user's venue edits (venue_edits.h) are part of what is shown
        attr[0] += " + " + std::to_string(d.venue_edits) + tr(" user edit(s)");
    if (!d.venue_set.empty())  // issue 12: a point layer of the user's is the venue set of the map and analysis
        attr[0] += std::string(" · ") + tr(d.venue_set_extends ? "venues: catalogue + own file" : "venues: own file") +
                   " " + d.venue_set + " (" + std::to_string(d.venue_set_count) + ")";
    for (const auto& a : opt.extra_attribution) attr.push_back(a);
    return attr;
}

const char* const kAttributionSep = " · ";

}  // namespace

// 5. The furniture -- title, legends, attribution, scale bar, north arrow -- in full-image pixels; each box it
// covers goes to furniture_, which labels avoid.
void MapRenderer::add_furniture(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const float margin = f.margin;
    // Title.
    f.title_bottom = margin;
    if (!view.title.empty()) {
        TextStyle ts = f.text_style(22, bc.text, true, 3);
        TextExtent e = text_->measure(view.title, ts.size_px, true);
        f.texts.push_back({view.title, {margin, margin}, ts, Anchor::TopLeft});
        furniture_.push_back({margin, margin, margin + e.w, margin + e.h});
        f.title_bottom = margin + 36 * f.s;
    }
    legend_box_ = scale_bar_box_ = LabelBox{};
    add_caption(f);
    add_ramp_legends(f);  // before the legend, which keeps clear of them (place_legend)
    add_legend(f);
    const float ay = add_attribution(f);
    add_scale_bar(f, ay);
    add_north_arrow(f);
}

// The caption under the title: each paragraph wrapped at word boundaries to at most ~half the image (and 640 px
// at scale 1), on a calm panel; moves what sits under the title (the ramp legends) down.
void MapRenderer::add_caption(Frame& f) {
    const MapView& view = f.view;
    if (view.caption.empty()) return;
    const BaseColours& bc = base_colours();
    const float s = f.s, margin = f.margin, pad = 8 * s;
    const TextStyle ts = f.text_style(13, bc.text, false, 0);
    const float max_w = std::min(float(f.cam.w) * 0.5f, 640 * s);
    const float line_h = ts.size_px * 1.35f;
    std::vector<std::string> lines;
    float w = 0;
    for (const std::string& para : view.caption) {
        if (!lines.empty()) lines.push_back("");  // a half-empty line between paragraphs
        std::string cur;
        size_t a = 0;
        while (a <= para.size()) {
            size_t b = para.find(' ', a);
            if (b == std::string::npos) b = para.size();
            const std::string word = para.substr(a, b - a);
            const std::string tryline = cur.empty() ? word : cur + " " + word;
            if (!cur.empty() && text_->measure(tryline, ts.size_px).w > max_w) {
                lines.push_back(cur);
                cur = word;
            } else {
                cur = tryline;
            }
            a = b + 1;
        }
        if (!cur.empty()) lines.push_back(cur);
    }
    for (const std::string& l : lines) w = std::max(w, text_->measure(l, ts.size_px).w);
    float h = 0;
    for (const std::string& l : lines) h += l.empty() ? line_h * 0.5f : line_h;
    const float x0 = margin, y0 = f.title_bottom;
    f.ui.rect(x0, y0, x0 + w + 2 * pad, y0 + h + 2 * pad, hex(0xffffff, 0.92f));
    f.ui.frame(x0, y0, x0 + w + 2 * pad, y0 + h + 2 * pad, 1 * s, hex(0xb9b4aa));
    furniture_.push_back({x0, y0, x0 + w + 2 * pad, y0 + h + 2 * pad});
    float y = y0 + pad;
    for (const std::string& l : lines) {
        if (!l.empty()) f.texts.push_back({l, {x0 + pad, y}, ts, Anchor::TopLeft});
        y += l.empty() ? line_h * 0.5f : line_h;
    }
    f.title_bottom = y0 + h + 2 * pad + 8 * s;
}

// Legend panel, bottom-left: choropleth classes, venue categories, rail and border.
void MapRenderer::add_legend(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const Camera& tc = f.tc;
    const P2 tile_px = f.tile_px;
    const ClassBreaks& classes = f.classes;
    const float s = f.s, margin = f.margin;
    UiBatch& ui = f.ui;
    SymbolBatch& sym = f.sym;
    auto& texts = f.texts;
    auto text_style = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
    float& legend_right = f.legend_right;
    struct Row { int kind; RGBA c; int shape; std::string label; };  // kind 0 swatch, 1 symbol, 2 line, 3 heading, 4 disc
    std::vector<Row> rows;
    if (view.layers.choropleth && view.choropleth != Choropleth::None) {
        std::string unit = tr(choropleth_unit_en(view.choropleth));
        rows.push_back({3, {}, 0, std::string(tr(choropleth_label_en(view.choropleth))) +
                                      (unit.empty() || unit == "%" ? "" : " (" + unit + ")")});
        for (int i = int(classes.colours.size()) - 1; i >= 0; --i)
            rows.push_back({0, classes.colours[i], 0, classes.labels[i]});
    }
    if (view.layers.venues) {
        rows.push_back({3, {}, 0, tr("Venues")});
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (view.layers.categories[c]) {
                const auto& cs = category_style(geo::Category(c));
                // Issue 16: the catalogue's note on the category's completeness ("onvolledig: 2 bekend ontbrekend"),
                // on pictures wide enough for it (from 900 px at scale 1); a small picture keeps its compact legend.
                const std::string note =
                    cam.w >= 900 * s ? category_completeness_note(data_.venue_meta, geo::Category(c)) : "";
                rows.push_back({1, cs.fill, cs.shape, std::string(tr(cs.label_en)) + (note.empty() ? "" : " (" + note + ")")});
            }
    }
    for (const UserLegendRow& r : user_legend_rows(view.user_layers, density_ids_))  // the user's layers (issue 12)
        rows.push_back({int(r.kind), r.colour, 0, r.label});
    if (view.layers.rail) rows.push_back({2, bc.rail, 0, tr("Rail")});
    if (view.layers.border) rows.push_back({2, bc.border, 1, tr("National border")});
    const float fs = 11.5f, row_h = 17 * s, head_h = 20 * s, sw = 16 * s, pad = 8 * s;
    // Ramp legends (heatmaps) go in their own panel above, laid out below.
    float col_h = 0, max_h = cam.h - 2 * margin - 60 * s - view.inset_bottom;
    // A window panel at the left edge (view.avoid_px) that ends well above the bottom: the legend stays in the
    // corner below it, in more columns if need be (else it moves beside the panel, below).
    const float legend_bottom = cam.h - margin - view.inset_bottom;
    for (const geo::BBox& r : view.avoid_px)
        if (r.minx <= margin && r.maxy + margin + 5 * row_h + 2 * pad < legend_bottom)
            max_h = std::min(max_h, legend_bottom - float(r.maxy) - margin - 2 * pad);
    std::vector<std::vector<Row>> cols(1);
    for (const Row& r : rows) {
        float rh = r.kind == 3 ? head_h : row_h;
        if (col_h + rh > max_h && !cols.back().empty()) { cols.emplace_back(); col_h = 0; }
        cols.back().push_back(r);
        col_h += rh;
    }
    float panel_w = 0, panel_h = 0;
    std::vector<float> col_w;
    for (auto& col : cols) {
        float w = 0, h = 0;
        for (const Row& r : col) {
            TextExtent e = text_->measure(r.label, fs * s, r.kind == 3);
            w = std::max(w, (r.kind == 3 ? 0 : sw + 6 * s) + e.w);
            h += r.kind == 3 ? head_h : row_h;
        }
        col_w.push_back(w);
        panel_w += w + pad * (col_w.size() > 1 ? 1.5f : 1.0f);
        panel_h = std::max(panel_h, h);
    }
    if (!rows.empty()) {
        panel_w += pad;
        panel_h += 2 * pad;
        float x0 = margin, y1 = cam.h - margin - view.inset_bottom, y0 = y1 - panel_h;
        place_legend(f, panel_w, panel_h, x0, y1);
        y0 = y1 - panel_h;
        ui.rect(x0, y0, x0 + panel_w, y1, hex(0xffffff, 0.92f));
        ui.frame(x0, y0, x0 + panel_w, y1, 1 * s, hex(0xb9b4aa));
        furniture_.push_back({x0, y0, x0 + panel_w, y1});
        legend_box_ = {x0, y0, x0 + panel_w, y1};
        legend_right = x0 + panel_w;
        float cx = x0 + pad;
        for (size_t ci = 0; ci < cols.size(); ++ci) {
            float y = y0 + pad;
            for (const Row& r : cols[ci]) {
                float rh = r.kind == 3 ? head_h : row_h;
                float cy = y + rh * 0.5f;
                if (r.kind == 3) {
                    texts.push_back({r.label, {cx, cy + 1 * s}, text_style(fs, bc.text, true, 0), Anchor::Left});
                } else {
                    if (r.kind == 0) {
                        ui.rect(cx, cy - 5 * s, cx + sw, cy + 6 * s, r.c);
                        ui.frame(cx, cy - 5 * s, cx + sw, cy + 6 * s, 0.8f * s, hex(0x8e8a83));
                    } else if (r.kind == 1) {
                        P2 w = tc.to_world(P2{cx + sw * 0.5, cy} - tile_px) - origin_;
                        sym.add(w, 10 * s, r.shape, r.c, hex(0x333333));
                    } else if (r.kind == 4) {  // a user point layer's symbol
                        ui.disc({cx + sw * 0.5, cy}, 5.5 * s, hex(0x333333, r.c.a));
                        ui.disc({cx + sw * 0.5, cy}, 4.5 * s, r.c);
                    } else if (r.kind == 2) {
                        if (r.shape == 1) {
                            for (int k = 0; k < 2; ++k) ui.rect(cx + k * 9 * s, cy - 1 * s, cx + k * 9 * s + 7 * s, cy + 1 * s, r.c);
                        } else {
                            ui.rect(cx, cy - 1 * s, cx + sw, cy + 1 * s, r.c);
                        }
                    }
                    texts.push_back({r.label, {cx + sw + 6 * s, cy}, text_style(fs, bc.text, false, 0), Anchor::Left});
                }
                y += rh;
            }
            cx += col_w[ci] + pad * 1.5f;
        }
    }
}

// Where the legend panel (w x h) goes: the bottom-left corner; beside (right of) a panel of the window that reaches
// into it (view.avoid_px); when there is no room beside it left of the scale bar and the attribution (bottom right),
// above that panel, from the left edge again -- so legend, scale bar, attribution and the window's panels (the
// figures window) never overlap. Where nothing fits (a small picture under big panels) the corner, pushed right of
// the panels as far as the picture allows. x0 and y1 (the bottom) in and out.
void MapRenderer::place_legend(const Frame& f, float w, float h, float& x0, float& y1) const {
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const float s = f.s, margin = f.margin;
    // What the right-hand furniture needs: the scale bar's panel and the attribution's widest unbreakable piece.
    float keep = float(round_scale_length(140 * s * cam.mpp) / cam.mpp) + 12 * s;
    const float size = f.text_style(10, base_colours().text_muted, false, 2).size_px;
    for (const std::string& line : attribution_lines(data_, f.opt))
        for (size_t a = 0;;) {
            const size_t b = line.find(kAttributionSep, a);
            keep = std::max(keep, text_->measure(line.substr(a, b == std::string::npos ? b : b - a), size).w);
            if (b == std::string::npos) break;
            a = b + std::string(kAttributionSep).size();
        }
    const float x_limit = float(cam.w) - margin - keep - margin;
    // The window's panels and the furniture placed so far (title, caption, ramp legends).
    std::vector<geo::BBox> avoid = view.avoid_px;
    for (const LabelBox& b : furniture_) avoid.push_back({b.x0, b.y0, b.x1, b.y1});
    auto blocker = [&](float x, float bottom) -> const geo::BBox* {
        for (const geo::BBox& r : avoid)
            if (r.intersects({x, bottom - h, x + w, bottom})) return &r;
        return nullptr;
    };
    const float corner_y1 = y1;
    float x = margin, b = y1;
    for (int step = 0; step < 32; ++step) {
        const geo::BBox* r = blocker(x, b);
        if (!r && (x <= margin || x + w <= x_limit)) {
            x0 = x;
            y1 = b;
            return;
        }
        if (r && float(r->maxx) + margin + w <= x_limit) {
            x = float(r->maxx) + margin;  // beside it
            continue;
        }
        // No room beside: above the panel in the way, from the left edge again.
        const float top = r ? float(r->miny) : b - h;
        b = top - margin;
        x = margin;
        if (b - h < margin) break;
    }
    // Nothing fits: the old way (the corner, right of the panels, within the picture).
    x = margin;
    for (int pass = 0; pass < 2; ++pass)
        for (const geo::BBox& r : view.avoid_px)
            if (r.intersects({x, corner_y1 - h, x + w, corner_y1})) x = std::max(x, float(r.maxx) + margin);
    x0 = std::min(x, std::max(margin, float(cam.w) - margin - w));
    y1 = corner_y1;
}

// Ramp legends (heatmaps): a panel each, at the top-left under the title unless RenderOptions places them.
void MapRenderer::add_ramp_legends(Frame& f) {
    const RenderOptions& opt = f.opt;
    const BaseColours& bc = base_colours();
    const float s = f.s, margin = f.margin;
    const float fs = 11.5f, pad = 8 * s;  // as in the legend panel
    UiBatch& ui = f.ui;
    auto& texts = f.texts;
    auto text_style = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
    float ry = opt.ramp_y >= 0 ? opt.ramp_y : f.title_bottom;
    const float rx = opt.ramp_x >= 0 ? opt.ramp_x : margin;
    for (const RampLegend& rl : opt.ramps) {
        const float bw = 220 * s, bh = 12 * s;
        const float none_h = rl.none.empty() ? 0 : 16 * s;  // the "no colour" line: an empty swatch and its text
        TextExtent te = text_->measure(rl.title + (rl.unit.empty() ? "" : " (" + rl.unit + ")"), fs * s, true);
        // The note wraps at its " · " separators to the panel's width (the ramp's or the title's), so a long note
        // (estimate, weights, the German share) does not widen the panel across the map.
        std::vector<std::string> note;
        const float note_w = std::max(bw, te.w);
        for (size_t at = 0; at < rl.note.size();) {
            size_t end = rl.note.find(" · ", at);
            const std::string part = rl.note.substr(at, end == std::string::npos ? std::string::npos : end - at);
            const std::string joined = note.empty() ? part : note.back() + " · " + part;
            if (!note.empty() && text_->measure(joined, 10.5f * s, true).w <= note_w) note.back() = joined;
            else note.push_back(part);
            at = end == std::string::npos ? rl.note.size() : end + std::string(" · ").size();
        }
        float h = pad + 18 * s + bh + 18 * s + none_h + 16 * s * float(note.size()) + pad;
        float w = std::max(bw, te.w) + 2 * pad;
        if (!rl.none.empty()) w = std::max(w, 18 * s + text_->measure(rl.none, 10.5f * s).w + 2 * pad);
        for (const std::string& l : note) w = std::max(w, text_->measure(l, 10.5f * s, true).w + 2 * pad);
        ui.rect(rx, ry, rx + w, ry + h, hex(0xffffff, 0.92f));
        ui.frame(rx, ry, rx + w, ry + h, 1 * s, hex(0xb9b4aa));
        furniture_.push_back({rx, ry, rx + w, ry + h});
        texts.push_back({rl.title + (rl.unit.empty() ? "" : " (" + rl.unit + ")"), {rx + pad, ry + pad},
                         text_style(fs, bc.text, true, 0), Anchor::TopLeft});
        float by = ry + pad + 18 * s, bx = rx + pad;
        const int n = int(rl.colours.size());
        for (int i = 0; i < n; ++i) ui.rect(bx + bw * i / n, by, bx + bw * (i + 1) / n + 0.5, by + bh, rl.colours[i]);
        ui.frame(bx, by, bx + bw, by + bh, 0.8f * s, hex(0x8e8a83));
        for (const auto& [t, label] : rl.ticks) {
            ui.rect(bx + bw * t - 0.5 * s, by + bh, bx + bw * t + 0.5 * s, by + bh + 3 * s, bc.text);
            texts.push_back({label, {bx + bw * t, by + bh + 3 * s}, text_style(10.5f, bc.text, false, 0), Anchor::Top});
        }
        if (!rl.none.empty()) {
            const float ny = by + bh + 18 * s;
            ui.rect(bx, ny + 2 * s, bx + 14 * s, ny + 11 * s, hex(0xffffff));
            ui.frame(bx, ny + 2 * s, bx + 14 * s, ny + 11 * s, 0.8f * s, hex(0x8e8a83));
            texts.push_back({rl.none, {bx + 18 * s, ny}, text_style(10.5f, bc.text, false, 0), Anchor::TopLeft});
        }
        for (size_t i = 0; i < note.size(); ++i)
            texts.push_back({note[i], {bx, by + bh + 18 * s + none_h + 16 * s * float(i)},
                             text_style(10.5f, hex(0xA0410A), true, 0), Anchor::TopLeft});
        ry += h + 8 * s;
    }
}

// Attribution, bottom-right (wrapped beside the legend); returns the top of it.
float MapRenderer::add_attribution(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const RenderOptions& opt = f.opt;
    const Camera& cam = f.cam;
    const float s = f.s, margin = f.margin, legend_right = f.legend_right;
    auto& texts = f.texts;
    auto text_style = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
    std::vector<std::string> attr = attribution_lines(data_, opt);
    {  // Lines wider than the room right of the legend wrap at their " · " separators (narrow/portrait images).
        const float room = float(cam.w) - margin * 0.5f - (legend_right > 0 ? legend_right + margin : margin);
        const float size = text_style(10, bc.text_muted, false, 2).size_px;
        const std::string sep = kAttributionSep;
        std::vector<std::string> wrapped;
        for (const std::string& line : attr) {
            std::string cur;
            for (size_t a = 0;;) {
                const size_t b = line.find(sep, a);
                const std::string piece = line.substr(a, b == std::string::npos ? std::string::npos : b - a);
                if (!cur.empty() && text_->measure(cur + sep + piece, size).w > room) {
                    wrapped.push_back(cur);
                    cur = piece;
                } else {
                    cur = cur.empty() ? piece : cur + sep + piece;
                }
                if (b == std::string::npos) break;
                a = b + sep.size();
            }
            wrapped.push_back(cur);
        }
        attr.swap(wrapped);
    }
    float ay = cam.h - margin * 0.5f - view.inset_bottom;
    {  // Above a panel of the window (view.avoid_px) that covers the bottom-right corner, with the scale bar above.
        const TextStyle ts = text_style(10, bc.text_muted, false, 2);
        float w = float(round_scale_length(140 * f.s * cam.mpp) / cam.mpp) + 12 * s + margin * 0.5f, h = 34 * s;
        for (const std::string& l : attr) {
            const TextExtent e = text_->measure(l, ts.size_px);
            w = std::max(w, e.w);
            h += e.h + 1 * s;
        }
        const geo::BBox block{cam.w - margin * 0.5 - w, 0, double(cam.w), 0};
        for (int pass = 0; pass < 4; ++pass)
            for (const geo::BBox& r : view.avoid_px)
                if (r.intersects({block.minx, ay - h, block.maxx, ay}) && r.miny - margin * 0.5 - h > margin)
                    ay = float(r.miny) - margin * 0.5f;
    }
    for (int i = int(attr.size()) - 1; i >= 0; --i) {
        TextStyle ts = text_style(10, bc.text_muted, false, 2);
        TextExtent e = text_->measure(attr[i], ts.size_px);
        texts.push_back({attr[i], {cam.w - margin * 0.5, ay}, ts, Anchor::BottomRight});
        furniture_.push_back({float(cam.w - margin * 0.5 - e.w), ay - e.h, float(cam.w - margin * 0.5), ay});
        ay -= e.h + 1 * s;
    }
    return ay;
}

// Scale bar (round length), above the attribution (whose top is ay), right.
void MapRenderer::add_scale_bar(Frame& f, float ay) {
    const BaseColours& bc = base_colours();
    const Camera& cam = f.cam;
    const float s = f.s, margin = f.margin;
    UiBatch& ui = f.ui;
    auto& texts = f.texts;
    auto text_style = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
    double len_m = round_scale_length(140 * s * cam.mpp);
    float len_px = float(len_m / cam.mpp);
    float sx1 = cam.w - margin, sx0 = sx1 - len_px, sy = ay - 10 * s;
    ui.rect(sx0 - 6 * s, sy - 24 * s, sx1 + 6 * s, sy + 6 * s, hex(0xffffff, 0.85f));
    ui.rect(sx0, sy - 4 * s, sx0 + len_px / 2, sy, bc.text);
    ui.rect(sx0 + len_px / 2, sy - 4 * s, sx1, sy, hex(0xffffff));
    ui.frame(sx0, sy - 4 * s, sx1, sy, 1 * s, bc.text);
    std::string ltxt = len_m >= 1000 ? format_num(len_m / 1000, len_m >= 1000 && std::fmod(len_m, 1000) != 0 ? 1 : 0) + " km"
                                     : format_num(len_m, 0) + " m";
    texts.push_back({"0", {sx0, sy - 6 * s}, text_style(10.5f, bc.text, false, 0), Anchor::Bottom});
    texts.push_back({ltxt, {sx1, sy - 6 * s}, text_style(10.5f, bc.text, false, 0), Anchor::BottomRight});
    furniture_.push_back({sx0 - 6 * s, sy - 24 * s, sx1 + 6 * s, sy + 6 * s});
    scale_bar_box_ = {sx0 - 6 * s, sy - 24 * s, sx1 + 6 * s, sy + 6 * s};
}

// North arrow, top-right: points to true north at the view centre (RD grid north differs ~1 degree here).
void MapRenderer::add_north_arrow(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const float s = f.s, margin = f.margin;
    UiBatch& ui = f.ui;
    auto& texts = f.texts;
    auto text_style = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
    P2 ll = geo::rd_to_wgs84(cam.centre);
    P2 n1 = geo::wgs84_to_rd(ll.x, ll.y + 0.01);
    double ang = std::atan2(n1.x - cam.centre.x, n1.y - cam.centre.y);  // clockwise from grid north
    float ax = cam.w - margin - 14 * s, ayc = margin + 34 * s, L = 16 * s;
    for (const auto& a : view.avoid_px)  // below a window panel that covers the corner
        if (a.minx < ax + 16 * s && a.maxx > ax - 16 * s && a.miny < ayc + 22 * s && a.maxy > ayc - 34 * s)
            ayc = float(a.maxy) + margin * 0.5f + 34 * s;
    auto R = [&](double x, double y) {  // rotate (x right, y up) by ang clockwise, to screen
        double c = std::cos(ang), sn = std::sin(ang);
        return P2{ax + (x * c + y * sn), ayc - (-x * sn + y * c)};
    };
    ui.rect(ax - 16 * s, ayc - 34 * s, ax + 16 * s, ayc + 22 * s, hex(0xffffff, 0.85f));
    ui.tri(R(0, L), R(-7 * s, -L * 0.7), R(0, -L * 0.35), bc.text);
    ui.tri(R(0, L), R(0, -L * 0.35), R(7 * s, -L * 0.7), hex(0x8e8a83));
    texts.push_back({"N", {ax, ayc - L - 2 * s}, text_style(12, bc.text, true, 0), Anchor::Bottom});
    furniture_.push_back({ax - 16 * s, ayc - 34 * s, ax + 16 * s, ayc + 22 * s});
}

}  // namespace viewer
