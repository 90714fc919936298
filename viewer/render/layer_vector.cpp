// MapRenderer::record: the frame render() draws, as vector primitives (vector_scene.h). It runs the same units --
// begin_frame, base_plan, add_map_symbols, add_furniture, add_labels -- and only the last step differs: where
// render() hands the meshes, symbol instances, furniture triangles and text quads to the GL, record() turns the
// same data into paths and text runs.
#include <algorithm>
#include <cmath>

#include <map>

#include "viewer/render/map_layers.h"
#include "viewer/render/vector_scene.h"

namespace viewer {

using geo::P2;

std::vector<P2> symbol_outline(int shape, P2 c, float size) {
    const double r = size * 0.5;
    std::vector<P2> up;  // relative to the centre, as the shader's p (whose y points down the screen)
    auto poly = [&](int n, double R, double first_deg, P2 shift, double sign) {
        for (int k = 0; k < n; ++k) {
            const double t = (first_deg + 360.0 * k / n) * M_PI / 180;  // angle from +y, as atan(x, y)
            up.push_back({sign * (R * std::sin(t) + shift.x), sign * (R * std::cos(t) + shift.y)});
        }
    };
    switch (shape) {
        case 0: poly(48, r, 0, {0, 0}, 1); break;
        case 1: {
            const double a = r * 0.86;
            up = {{-a, -a}, {a, -a}, {a, a}, {-a, a}};
            break;
        }
        case 2: {
            const double a = r * 0.8 * 1.41421356;
            up = {{a, 0}, {0, a}, {-a, 0}, {0, -a}};
            break;
        }
        // Triangles: inradius 1.05 r cos 60 deg, edge normals at 0/120/240 deg from +y, centre shifted by 0.2 r;
        // shape 4 is shape 3 mirrored through the centre.
        case 3: poly(3, r * 1.05, 60, {0, -0.2 * r}, 1); break;
        case 4: poly(3, r * 1.05, 60, {0, -0.2 * r}, -1); break;
        case 5: poly(6, r * 1.02, 0, {0, 0}, 1); break;
        default: {  // star: radius r' k(angle), k from 1 at the tips to 0.45 between them, linear in the angle
            const double R = r * 1.15 * 1.05, seg = 2 * M_PI / 5;
            for (int k = 0; k < 60; ++k) {
                const double a = 2 * M_PI * k / 60;
                const double m = std::fmod(a + seg * 0.5, seg) - seg * 0.5;
                const double f = 0.45 + (1.0 - 0.45) * std::abs(std::abs(m) / (seg * 0.5) - 1.0);
                up.push_back({R * f * std::sin(a), R * f * std::cos(a)});
            }
        }
    }
    std::vector<P2> out;
    out.reserve(up.size());
    for (const P2& p : up) out.push_back({c.x + p.x, c.y + p.y});
    return out;
}

namespace {

// Rings of a polygon layer in px, simplified to a quarter pixel; rings that vanish are dropped.
void add_polygon(std::vector<std::vector<P2>>& out, const geo::MultiPolygon& mp, const Camera& cam, double tol) {
    for (const auto& poly : mp)
        for (const auto& r : poly.rings) {
            geo::LineString l = r;
            if (l.size() < 3) continue;
            l.push_back(l.front());
            l = geo::simplify(l, tol);
            if (l.size() < 4) continue;
            std::vector<P2> px;
            px.reserve(l.size());
            for (const P2& p : l) px.push_back(cam.to_screen(p));
            out.push_back(std::move(px));
        }
}

void add_lines(std::vector<std::vector<P2>>& out, const std::vector<geo::LineString>& lines, const Camera& cam,
               const geo::BBox& vb, double tol) {
    for (const auto& l : lines) {
        if (l.size() < 2) continue;
        geo::BBox b;
        for (const P2& p : l) b.add(p);
        if (!b.intersects(vb)) continue;
        const geo::LineString s = geo::simplify(l, tol);
        std::vector<P2> px;
        px.reserve(s.size());
        for (const P2& p : s) px.push_back(cam.to_screen(p));
        out.push_back(std::move(px));
    }
}

const char* line_class(LineSet s) {
    switch (s) {
        case LineSet::Countries: return "country-outline";
        case LineSet::Context: return "context-outline";
        case LineSet::Twente: return "municipality-outline";
        case LineSet::Province: return "province";
        case LineSet::Border: return "border";
        case LineSet::Rail: return "rail";
        case LineSet::MuniOutline: return "highlight";
        case LineSet::Wijk: return "wijk-outline";
    }
    return "";
}

}  // namespace

VectorScene MapRenderer::record(const MapView& view, const RenderOptions& opt_in) {
    RenderOptions opt = opt_in;  // the whole image, no pan cache
    opt.tile_w = opt.tile_h = opt.tile_x = opt.tile_y = 0;
    opt.cache = nullptr;
    Frame f(view, opt);
    begin_frame(f);
    const Camera& cam = f.cam;
    VectorScene sc;
    sc.w = cam.w;
    sc.h = cam.h;
    sc.cam = cam;
    sc.background = backdrop(view);
    const double tol = 0.25 * cam.mpp;  // a quarter of a pixel at the export's dpi
    const geo::BBox vb = f.vb.grown(8 * cam.mpp);

    // 1-3. The base layers, from the plan draw_base follows.
    if (city_visible(view, view.cam.mpp)) ensure_city_layers();
    for (const BaseOp& op : base_plan(view, bool(opt.overlay), f.vb, f.fill)) {
        VectorItem it;
        it.colour = op.c;
        switch (op.kind) {
            case BaseOp::CountryFill:
                it.cls = "country";
                it.id = data_.countries[op.index].first;
                add_polygon(it.rings, data_.countries[op.index].second, cam, tol);
                break;
            case BaseOp::MuniFill: {
                const auto& m = data_.municipalities[op.index];
                it.cls = m.twente ? "municipality" : "context-municipality";
                it.id = m.code;
                add_polygon(it.rings, m.geom, cam, tol);
                break;
            }
            case BaseOp::BuiltUpFill:
            case BaseOp::IndustrialFill: {
                const auto& a = (op.kind == BaseOp::BuiltUpFill ? built_up_fill_ : industrial_fill_)[op.index];
                it.cls = op.kind == BaseOp::BuiltUpFill ? "built-up" : "industrial";
                if (a.geom) add_polygon(it.rings, *a.geom, cam, tol);
                break;
            }
            case BaseOp::Overlay:
                it.kind = VectorItem::Raster;
                it.cls = "overlay";
                break;
            case BaseOp::Lines: {
                it.kind = VectorItem::Stroke;
                it.cls = line_class(op.set);
                it.width = op.width;
                it.dash = op.dash;
                it.gap = op.gap;
                if (op.set == LineSet::MuniOutline) {
                    add_polygon(it.rings, data_.municipalities[op.index].geom, cam, tol);
                    it.id = data_.municipalities[op.index].code;
                } else {
                    add_lines(it.rings, cpu_lines_[int(op.set)], cam, vb, tol);
                }
                break;
            }
        }
        if (it.kind == VectorItem::Raster || !it.rings.empty()) sc.items.push_back(std::move(it));
    }

    record_user_layers(f, sc, tol);  // 3b. the user's layers, in the picture of the base layers as render() has them

    // 4-6. Symbols, furniture, labels: the units render() runs.
    add_map_symbols(f);
    labels_.clear();
    furniture_.clear();
    if (view.furniture) add_furniture(f);
    if (view.layers.labels) add_labels(f);

    // What draw_batches draws, in its order: map symbols, furniture shapes, legend symbols, text.
    const float stroke_px = 1.2f * f.s;
    auto symbols = [&](int first, int last, const char* cls) {
        for (int i = first; i < last; ++i) {
            const float* v = &f.sym.v[size_t(i) * 12];
            const P2 c = cam.to_screen(P2{v[0], v[1]} + origin_);
            const std::vector<P2> outline = symbol_outline(int(v[3] + 0.5f), c, v[2]);
            VectorItem s;
            s.kind = VectorItem::Stroke;
            s.cls = cls;
            s.colour = {v[8], v[9], v[10], v[11]};
            s.width = 2 * stroke_px;  // the shader's stroke lies outside the shape: half of this line
            s.round_join = true;
            s.rings = {outline};
            s.rings[0].push_back(outline.front());
            sc.items.push_back(s);
            VectorItem fi;
            fi.cls = cls;
            fi.colour = {v[4], v[5], v[6], v[7]};
            fi.rings = {outline};
            sc.items.push_back(std::move(fi));
        }
    };
    const int n_sym = f.sym.count(), n_map = n_sym - legend_symbol_count(view);
    symbols(0, n_map, "symbol");
    for (const UiShape& u : f.ui.shapes) {
        VectorItem it;
        it.cls = "furniture";
        it.colour = u.k;
        it.rings = {u.pts};
        sc.items.push_back(std::move(it));
    }
    symbols(n_map, n_sym, "legend-symbol");
    for (const Frame::TextItem& t : f.texts) {
        const TextStyle& st = t.st;
        const TextExtent e = text_->measure(t.s, st.size_px, st.bold);
        const FontMetrics fm = text_->metrics(st.size_px, st.bold);
        const int ai = int(t.a);
        const float ax = float(ai % 3) * 0.5f, ay = float(ai / 3) * 0.5f;  // as TextRenderer::add
        const float x0 = std::round(float(t.at.x) - e.w * ax), y0 = std::round(float(t.at.y) - e.h * ay);
        size_t a = 0;
        for (int line = 0;; ++line) {
            const size_t b = t.s.find('\n', a);
            VectorItem it;
            it.kind = VectorItem::Text;
            it.cls = "text";
            it.text = t.s.substr(a, b == std::string::npos ? std::string::npos : b - a);
            const float lw = text_->measure(it.text, st.size_px, st.bold).w;
            it.at = {x0 + (e.w - lw) * ax, y0 + fm.ascent + line * fm.line_height};
            it.size = st.size_px;
            it.bold = st.bold;
            it.colour = {st.rgba[0], st.rgba[1], st.rgba[2], st.rgba[3]};
            it.halo = std::clamp(st.halo_px, 0.f, TextRenderer::max_halo_px(st.size_px));
            it.halo_colour = {st.halo_rgba[0], st.halo_rgba[1], st.halo_rgba[2], st.halo_rgba[3]};
            if (!it.text.empty()) sc.items.push_back(std::move(it));
            if (b == std::string::npos) break;
            a = b + 1;
        }
    }
    return sc;
}

void MapRenderer::record_user_layers(Frame& f, VectorScene& sc, double tol) {
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const float s = f.s;
    density_ids_.clear();
    const geo::BBox full = cam.view_bbox();
    for (const UserLayerEntry& e : view.user_layers) {
        if (!e.layer || !e.style.visible) continue;
        const float op = std::clamp(e.style.opacity, 0.0f, 1.0f);
        if (op <= 0) continue;
        const auto& feats = e.layer->data.features;
        const UserClasses classes = classify(*e.layer, e.style);
        const int none = int(classes.colours.size());
        auto colour = [&](int k) {
            RGBA c = k >= 0 && k < none ? classes.colours[size_t(k)] : classes.no_value;
            c.a *= op;
            return c;
        };
        auto cls_of = [&](size_t i) { return classes.feature_class[i] < 0 ? none : classes.feature_class[i]; };
        const std::string layer_cls = "user-layer";
        // Fills per feature; outlines and lines one item per class.
        std::vector<VectorItem> fills, outline(size_t(none) + 1), line(size_t(none) + 1);
        const geo::BBox vb = full.grown(8 * cam.mpp);
        size_t points = 0;
        for (size_t i = 0; i < feats.size(); ++i) {
            const geo::Feature& ft = feats[i];
            for (const P2& p : ft.points) points += full.contains(p);
            if (ft.polys.empty() && ft.lines.empty()) continue;
            const geo::BBox b = ft.bbox.empty() ? feature_bbox(ft) : ft.bbox;
            if (!b.intersects(vb)) continue;
            const size_t k = size_t(cls_of(i));
            if (!ft.polys.empty()) {  // a fill per feature (even-odd: overlapping features must not cancel)
                VectorItem fi;
                fi.cls = layer_cls, fi.id = e.layer->name, fi.colour = colour(int(k));
                add_polygon(fi.rings, ft.polys, cam, tol);
                if (!fi.rings.empty()) fills.push_back(std::move(fi));
                add_polygon(outline[k].rings, ft.polys, cam, tol);
            }
            add_lines(line[k].rings, ft.lines, cam, vb, tol);
        }
        for (int k = 0; k <= none; ++k) {
            const RGBA c = colour(k);
            VectorItem& ou = outline[size_t(k)];
            ou.kind = VectorItem::Stroke, ou.cls = layer_cls, ou.id = e.layer->name, ou.width = 1.0f * s;
            ou.colour = {c.r * 0.6f, c.g * 0.6f, c.b * 0.6f, c.a};
            VectorItem& li = line[size_t(k)];
            li.kind = VectorItem::Stroke, li.cls = layer_cls, li.id = e.layer->name, li.width = e.style.line_px * s;
            li.colour = c;
        }
        for (auto* items : {&fills, &outline, &line})
            for (auto& it : *items)
                if (!it.rings.empty()) sc.items.push_back(std::move(it));
        if (points == 0) continue;
        if (points <= user_symbol_budget(cam.w, cam.h)) {  // symbols, as the shader draws them
            const float size = e.style.point_px * s;
            RGBA stroke = hex(0x333333);
            stroke.a *= op;
            for (size_t i = 0; i < feats.size(); ++i)
                for (const P2& p : feats[i].points) {
                    if (!full.grown((size + 4) * cam.mpp).contains(p)) continue;
                    const std::vector<P2> o = symbol_outline(0, cam.to_screen(p), size);
                    VectorItem st;
                    st.kind = VectorItem::Stroke, st.cls = "user-symbol", st.colour = stroke, st.width = 2 * 1.2f * s;
                    st.round_join = true;
                    st.rings = {o};
                    st.rings[0].push_back(o.front());
                    sc.items.push_back(std::move(st));
                    VectorItem fi;
                    fi.cls = "user-symbol", fi.colour = colour(cls_of(i)), fi.rings = {o};
                    sc.items.push_back(std::move(fi));
                }
            continue;
        }
        // The density raster (layer_user.cpp) as squares, one item per class and opacity.
        density_ids_.push_back(e.id);
        DensityGrid g;
        const double cell = std::ldexp(1.0, density_level(cam.mpp, s));
        DensityGrid probe;
        probe.cell = cell, probe.origin = origin_;
        const long x0 = probe.cell_x(full.minx), y0 = probe.cell_y(full.miny);
        g.reset(cell, origin_, x0, y0, int(probe.cell_x(full.maxx) - x0 + 1), int(probe.cell_y(full.maxy) - y0 + 1));
        for (size_t i = 0; i < feats.size(); ++i)
            for (const P2& p : feats[i].points) g.add(p, (unsigned char)std::min(cls_of(i), 255));
        std::map<std::pair<int, int>, VectorItem> squares;
        for (int y = 0; y < g.h; ++y)
            for (int x = 0; x < g.w; ++x) {
                const size_t c = size_t(y) * size_t(g.w) + size_t(x);
                if (!g.count[c]) continue;
                const int a = DensityGrid::alpha(g.count[c]);
                VectorItem& it = squares[{g.cls[c], a}];
                if (it.rings.empty()) {
                    it.cls = "user-density", it.id = e.layer->name, it.colour = colour(g.cls[c]);
                    it.colour.a *= a / 255.0f;
                }
                const double wx = origin_.x + (g.cx0 + x) * cell, wy = origin_.y + (g.cy0 + y) * cell;
                const P2 p0 = cam.to_screen({wx, wy}), p1 = cam.to_screen({wx + cell, wy + cell});
                it.rings.push_back({{p0.x, p0.y}, {p1.x, p0.y}, {p1.x, p1.y}, {p0.x, p1.y}});
            }
        for (auto& [k, it] : squares) sc.items.push_back(std::move(it));
    }
}

}  // namespace viewer
