// 3b and 6b. The user's own layers (issue 12, MapView::user_layers): polygon fills and outlines, lines and point
// symbols in the colours of their style's classes (viewer/model/user_style.h), bottom layer first, above the base
// map; their point symbols above the venues (the user's own data is what they look at); then their labels, placed around everything else. The geometry of each layer is
// uploaded once per classification (one range per class, so a class is one draw call).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "viewer/render/map_layers.h"
#include "viewer/render/tessellate.h"

namespace viewer {

using geo::P2;

struct MapRenderer::UserGpu {
    struct Item {
        std::string key;                    // the style parts the grouping depends on
        UserClasses classes;
        Mesh fills;                         // triangles, grouped by class
        std::vector<FeatureRange> fill_range;  // per class; the last one: no value
        std::vector<Mesh> lines;            // per class (+ no value): line features
        std::vector<Mesh> outlines;         // per class (+ no value): polygon rings
        std::vector<P2> label_at;           // per feature: where its label goes (NaN: none, inf: not yet found)
    };
    std::map<int, Item> items;  // by UserLayerEntry::id
    ~UserGpu() {
        for (auto& [id, it] : items) release(it);
    }
    static void release(Item& it) {
        std::vector<Mesh*> ms = {&it.fills};
        for (auto& m : it.lines) ms.push_back(&m);
        for (auto& m : it.outlines) ms.push_back(&m);
        for (Mesh* m : ms) {
            if (m->vbo) glDeleteBuffers(1, &m->vbo);
            if (m->vao) glDeleteVertexArrays(1, &m->vao);
            *m = Mesh{};
        }
    }
    // Triangles grouped by class (one range each), and the lines and polygon rings of each class.
    static void build_item(Mesh& fills, std::vector<FeatureRange>& fill_range,
                           const geo::UserLayer& l, const std::vector<int>& cls, int nclass, P2 origin,
                           std::vector<std::vector<geo::LineString>>& lines, std::vector<std::vector<geo::LineString>>& rings) {
        std::vector<float> tri;
        fill_range.assign(nclass, {});
        lines.assign(nclass, {});
        rings.assign(nclass, {});
        for (int c = 0; c < nclass; ++c) {
            fill_range[c].first = int(tri.size() / 2);
            for (size_t i = 0; i < l.data.features.size(); ++i) {
                if (cls[i] != c) continue;
                const geo::Feature& ft = l.data.features[i];
                if (!ft.polys.empty()) tessellate(ft.polys, origin, tri);
                for (const auto& ls : ft.lines) lines[c].push_back(ls);
                for (const auto& poly : ft.polys)
                    for (const auto& r : poly.rings) {
                        geo::LineString ring = r;
                        if (!ring.empty()) ring.push_back(ring.front());
                        rings[c].push_back(std::move(ring));
                    }
            }
            fill_range[c].count = int(tri.size() / 2) - fill_range[c].first;
        }
        glGenVertexArrays(1, &fills.vao);
        glGenBuffers(1, &fills.vbo);
        glBindVertexArray(fills.vao);
        glBindBuffer(GL_ARRAY_BUFFER, fills.vbo);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(tri.size() * sizeof(float)), tri.data(), GL_STATIC_DRAW);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 8, nullptr);
        fills.count = int(tri.size() / 2);
    }
};

namespace {

std::string style_key(const UserLayerStyle& st) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%d|%d|%d|%d|%.3f,%.3f,%.3f|", int(st.kind), int(st.method), st.classes,
                  int(st.ramp), st.colour.r, st.colour.g, st.colour.b);
    return buf + st.field;
}

RGBA with_alpha(RGBA c, float a) {
    c.a *= a;
    return c;
}

RGBA darker(RGBA c, float k) { return {c.r * k, c.g * k, c.b * k, c.a}; }

}  // namespace

void MapRenderer::draw_user_layers(Frame& f) {
    const MapView& view = f.view;
    if (view.user_layers.empty()) return;
    if (!user_gpu_) user_gpu_ = std::make_shared<UserGpu>();
    // Forget layers that were removed.
    for (auto it = user_gpu_->items.begin(); it != user_gpu_->items.end();) {
        const bool kept = std::any_of(view.user_layers.begin(), view.user_layers.end(),
                                      [&](const UserLayerEntry& e) { return e.id == it->first; });
        if (!kept) UserGpu::release(it->second);
        it = kept ? std::next(it) : user_gpu_->items.erase(it);
    }
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    const float s = f.s;
    for (const UserLayerEntry& e : view.user_layers) {
        if (!e.layer || !e.style.visible) continue;
        const geo::UserLayer& l = *e.layer;
        UserGpu::Item& it = user_gpu_->items[e.id];
        const std::string key = style_key(e.style);
        if (it.key != key || it.label_at.size() != l.data.features.size()) {
            UserGpu::release(it);
            it.key = key;
            it.classes = classify(l, e.style);
            const int n = int(it.classes.colours.size()) + 1;  // + no value
            std::vector<int> cls = it.classes.feature_class;
            for (int& c : cls)
                if (c < 0) c = n - 1;
            std::vector<std::vector<geo::LineString>> lines, rings;
            UserGpu::build_item(it.fills, it.fill_range, l, cls, n, origin_, lines, rings);
            it.lines.resize(n);
            it.outlines.resize(n);
            for (int c = 0; c < n; ++c) {
                upload_lines(it.lines[c], lines[c]);
                upload_lines(it.outlines[c], rings[c]);
            }
            // Label positions are found when first needed (a polygon's costs a search): infinity = not yet.
            it.label_at.assign(l.data.features.size(), P2{INFINITY, INFINITY});
        }
        const float op = std::clamp(e.style.opacity, 0.0f, 1.0f);
        const int n = int(it.fill_range.size());
        auto colour = [&](int c) { return c < n - 1 ? it.classes.colours[c] : it.classes.no_value; };
        if (it.fills.count > 0) {
            glUseProgram(prog_poly_);
            set_view_uniform(prog_poly_, f.vu);
            glBindVertexArray(it.fills.vao);
            for (int c = 0; c < n; ++c) draw_fill(it.fill_range[c], with_alpha(colour(c), op), f.vu);
        }
        for (int c = 0; c < n; ++c) {
            draw_lines(it.outlines[c], with_alpha(darker(colour(c), 0.6f), op), 1.0f * s, f.vu, f.tw, f.th);
            draw_lines(it.lines[c], with_alpha(colour(c), op), e.style.line_px * s, f.vu, f.tw, f.th);
        }
        // Points: symbols, drawn with the venues' batch (after them: on top).
        const geo::BBox vb = f.vb.grown(20 * f.tc.mpp);
        const std::vector<int>& cls = it.classes.feature_class;
        for (size_t i = 0; i < l.data.features.size(); ++i)
            for (const P2& p : l.data.features[i].points)
                if (vb.contains(p))
                    f.sym.add(p - origin_, e.style.point_px * s, 0, with_alpha(colour(cls[i] < 0 ? n - 1 : cls[i]), op),
                              with_alpha(hex(0x333333), op));
    }
    glBindVertexArray(0);
}

// 6b. Labels from a field: beside points, inside polygons, at the middle of lines; never over other labels, the
// furniture or the window's panels.
void MapRenderer::add_user_labels(Frame& f) {
    const MapView& view = f.view;
    if (view.user_layers.empty() || !user_gpu_) return;
    const Camera& cam = f.cam;
    const float s = f.s;
    LabelOptions lo = frame_label_options(f);
    for (const auto& l : labels_) lo.avoid.push_back(l.box);
    LabelPlacer placer(lo);
    const geo::BBox fullb = cam.view_bbox();
    const TextStyle st = f.text_style(11, base_colours().text, false, 2);
    // The top layer's labels first.
    for (auto e = view.user_layers.rbegin(); e != view.user_layers.rend(); ++e) {
        if (!e->layer || !e->style.visible || e->style.label_field.empty()) continue;
        auto found = user_gpu_->items.find(e->id);
        if (found == user_gpu_->items.end()) continue;
        const auto& feats = e->layer->data.features;
        auto& at = found->second.label_at;
        for (size_t i = 0; i < feats.size() && i < at.size(); ++i) {
            const std::string& text = feats[i].get(e->style.label_field);
            if (text.empty() || (!feats[i].bbox.empty() && !fullb.intersects(feats[i].bbox))) continue;
            if (std::isinf(at[i].x)) {
                const geo::Feature& ft = feats[i];
                at[i] = P2{NAN, NAN};
                if (!ft.points.empty()) at[i] = ft.points[0];
                else if (!ft.polys.empty()) at[i] = geo::label_point(ft.polys);
                else if (!ft.lines.empty() && !ft.lines[0].empty()) at[i] = ft.lines[0][ft.lines[0].size() / 2];
            }
            if (!std::isfinite(at[i].x) || !fullb.contains(at[i])) continue;
            TextExtent ex = text_->measure(text, st.size_px, false);
            const P2 p = cam.to_screen(at[i]);
            std::vector<LabelOffset> offs = feats[i].points.empty()
                                                ? std::vector<LabelOffset>{{-ex.w / 2, -ex.h / 2}}
                                                : point_label_offsets(ex.w, ex.h, e->style.point_px * s * 0.5f, 2 * s);
            LabelCandidate lc{int(i), float(p.x), float(p.y), ex.w, ex.h, 0, offs};
            if (auto placed = placer.place(lc)) {
                f.texts.push_back({text, {placed->box.x0, placed->box.y0}, st, Anchor::TopLeft});
                labels_.push_back({text, placed->box, 3});
            }
        }
    }
}

}  // namespace viewer
