// 3b and 6b. The user's own layers (issue 12, MapView::user_layers): polygon fills and outlines, lines and point
// symbols in the colours of their style's classes (viewer/model/user_style.h), bottom layer first, above the base
// map and inside the window's pan cache (a pan draws only the strips that came into view); then their labels,
// placed around everything else.
//
// At scale (a million points, 100,000 polygons): the geometry of a layer is uploaded once, into static buffers
// ordered by a grid of tiles (a draw touches only the tiles in view: a pan strip costs its share, not the layer);
// the class of each vertex is a second small buffer, re-uploaded when the classification changes, and the class
// colours and the opacity are uniforms (a colour change uploads nothing). Outlines and lines have three levels of
// detail as the base map's. Points are symbols while few of them are in view (user_symbol_budget: one per 150 px,
// at most kUserSymbolBudget); beyond that
// they are binned into a density raster of cells of at least 2 px (each cell the colour of its most frequent
// class, more opaque the more points it holds), and the legend says so.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "viewer/model/i18n.h"
#include "viewer/render/map_layers.h"
#include "viewer/render/tessellate.h"

namespace viewer {

using geo::P2;

namespace {

constexpr int kPalette = 32;  // classes the shaders know (categorized: <= 17 + no value)

struct Range { int first = 0, count = 0; };

// Segments of lines (instanced quads, user_line.vert.glsl): per instance p0, p1 and a class.
struct SegMesh {
    GLuint vao = 0, vbo = 0, cls = 0;
    int count = 0;
    std::vector<uint32_t> feat;  // per segment: its feature
};

void release_buffers(GLuint& vao, GLuint& vbo, GLuint& cls) {
    if (vbo) glDeleteBuffers(1, &vbo);
    if (cls) glDeleteBuffers(1, &cls);
    if (vao) glDeleteVertexArrays(1, &vao);
    vao = vbo = cls = 0;
}

}  // namespace

struct MapRenderer::UserItem {
    struct Tile {
        geo::BBox box;  // of its features
        Range fill, pt, out[3], line[3];
    };
    const geo::UserLayer* layer = nullptr;  // the geometry below was built for
    size_t nfeat = 0;
    std::vector<Tile> tiles;
    GLuint fill_vao = 0, fill_vbo = 0, fill_cls = 0;
    int fill_count = 0;
    std::vector<uint32_t> fill_feat;  // per vertex: its feature
    SegMesh outlines[3], lines[3];    // levels of detail (0, 3, 20 m), as the base map's LodMesh
    GLuint pt_vao = 0, pt_vbo = 0, pt_cls = 0;
    int pt_count = 0;
    std::vector<uint32_t> pt_feat;    // per point: its feature
    std::vector<P2> pt_pos;           // per point (RD), for the density raster
    std::string key;                  // the style parts the classes depend on
    UserClasses classes;
    std::vector<P2> label_at;         // per feature: where its label goes (NaN: none, inf: not yet found)
    // This frame: -1 symbols, else the density raster with cells of 2^level m.
    int level = -1;
    size_t in_view = 0;               // points in the frame's view
    GLuint tex = 0;                   // the density raster (RG8: class / 255, opacity)
    int tex_level = -1;
    std::string tex_key;              // classification it was built with
    long cx0 = 0, cy0 = 0;            // its first cell (in cells of the level, from the origin)
    int tw = 0, th = 0;
};

struct MapRenderer::UserGpu {
    using Item = UserItem;
    std::map<int, Item> items;  // by UserLayerEntry::id
    ~UserGpu() {
        for (auto& [id, it] : items) release(it);
    }
    static void release(UserItem& it) {
        release_buffers(it.fill_vao, it.fill_vbo, it.fill_cls);
        release_buffers(it.pt_vao, it.pt_vbo, it.pt_cls);
        for (int k = 0; k < 3; ++k) {
            release_buffers(it.outlines[k].vao, it.outlines[k].vbo, it.outlines[k].cls);
            release_buffers(it.lines[k].vao, it.lines[k].vbo, it.lines[k].cls);
        }
        if (it.tex) glDeleteTextures(1, &it.tex);
        it = UserItem{};
    }
};

namespace {

std::string style_key(const UserLayerStyle& st) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%d|%d|%d|%d|%.3f,%.3f,%.3f|", int(st.kind), int(st.method), st.classes,
                  int(st.ramp), st.colour.r, st.colour.g, st.colour.b);
    return buf + st.field;
}

// A vertex array with a float buffer of `comps` floats per vertex at location 0 (and 1 when comps == 4: p0, p1)
// and a class buffer after them; `instanced`: one per instance.
void make_vao(GLuint& vao, GLuint& vbo, GLuint& cls, const std::vector<float>& v, int comps, bool instanced) {
    glGenVertexArrays(1, &vao);
    glGenBuffers(1, &vbo);
    glGenBuffers(1, &cls);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(float)), v.data(), GL_STATIC_DRAW);
    const GLsizei st = GLsizei(comps * sizeof(float));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, nullptr);
    int loc = 1;
    if (comps == 4) {
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, st, (void*)(2 * sizeof(float)));
        loc = 2;
    }
    glBindBuffer(GL_ARRAY_BUFFER, cls);
    glEnableVertexAttribArray(GLuint(loc));
    glVertexAttribPointer(GLuint(loc), 1, GL_FLOAT, GL_FALSE, sizeof(float), nullptr);
    if (instanced)
        for (int i = 0; i <= loc; ++i) glVertexAttribDivisor(GLuint(i), 1);
    glBindVertexArray(0);
}

// The class of every vertex / instance (no value: the last class) into its buffer.
void upload_classes(GLuint buf, const std::vector<uint32_t>& feat, const std::vector<int>& cls, int none) {
    if (!buf) return;
    std::vector<float> c(feat.size());
    for (size_t i = 0; i < feat.size(); ++i) {
        const int k = cls[feat[i]];
        c[i] = float(k < 0 ? none : std::min(k, none));
    }
    glBindBuffer(GL_ARRAY_BUFFER, buf);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(c.size() * sizeof(float)), c.data(), GL_STATIC_DRAW);
}

// Tiles whose box (grown by `reach` metres) touches q, as ranges of `which` merged where they follow each other.
template <class ItemT, class Get>
std::vector<Range> ranges_in(const ItemT& it, const geo::BBox& q, double reach, Get which) {
    std::vector<Range> out;
    for (const auto& t : it.tiles) {
        const Range r = which(t);
        if (r.count == 0 || !t.box.grown(reach).intersects(q)) continue;
        if (!out.empty() && out.back().first + out.back().count == r.first) out.back().count += r.count;
        else out.push_back(r);
    }
    return out;
}

// Where an instance range starts: the attribute pointers moved to `first` (GL 3.3 has no base instance).
void point_instances(GLuint vbo, GLuint cls, int comps, int first) {
    const GLsizei st = GLsizei(comps * sizeof(float));
    const size_t base = size_t(first) * size_t(st);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (void*)base);
    int loc = 1;
    if (comps == 4) {
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, st, (void*)(base + 2 * sizeof(float)));
        loc = 2;
    }
    glBindBuffer(GL_ARRAY_BUFFER, cls);
    glVertexAttribPointer(GLuint(loc), 1, GL_FLOAT, GL_FALSE, sizeof(float), (void*)(size_t(first) * sizeof(float)));
}

}  // namespace

// The geometry of a layer, once: features sorted into a grid of tiles, their fills, outlines (3 levels of
// detail), lines and points in static buffers in tile order, and each tile's ranges.
void MapRenderer::build_user_geometry(UserItem& it, const geo::UserLayer& l) {
    UserGpu::release(it);
    it.layer = &l;
    const auto& feats = l.data.features;
    it.nfeat = feats.size();
    std::vector<geo::BBox> boxes(feats.size());
    geo::BBox all;
    for (size_t i = 0; i < feats.size(); ++i) {
        boxes[i] = feature_bbox(feats[i]);
        all.add(boxes[i]);
    }
    // About 256 features per tile, at most 128 x 128 tiles.
    const int n = std::clamp(int(std::sqrt(double(feats.size()) / 256)), 1, 128);
    const double tw = std::max(all.width(), 1.0) / n, th = std::max(all.height(), 1.0) / n;
    std::vector<std::vector<uint32_t>> in_tile(size_t(n) * size_t(n));
    for (size_t i = 0; i < feats.size(); ++i) {
        if (boxes[i].empty()) continue;
        const P2 c = boxes[i].centre();
        const int x = std::clamp(int((c.x - all.minx) / tw), 0, n - 1), y = std::clamp(int((c.y - all.miny) / th), 0, n - 1);
        in_tile[size_t(y) * size_t(n) + size_t(x)].push_back(uint32_t(i));
    }
    std::vector<float> tri, pts, out[3], lin[3];
    auto segs = [&](const geo::LineString& ls, uint32_t f, std::vector<float>& v, std::vector<uint32_t>& feat) {
        for (size_t k = 1; k < ls.size(); ++k) {
            const P2 a = ls[k - 1] - origin_, b = ls[k] - origin_;
            v.insert(v.end(), {float(a.x), float(a.y), float(b.x), float(b.y)});
            feat.push_back(f);
        }
    };
    const double tol[3] = {0, 3, 20};
    for (const auto& tile : in_tile) {
        if (tile.empty()) continue;
        UserItem::Tile t;
        t.fill.first = int(tri.size() / 2);
        t.pt.first = int(pts.size() / 2);
        for (int k = 0; k < 3; ++k) {
            t.out[k].first = int(out[k].size() / 4);
            t.line[k].first = int(lin[k].size() / 4);
        }
        for (uint32_t f : tile) {
            const geo::Feature& ft = feats[f];
            t.box.add(boxes[f]);
            if (!ft.polys.empty()) {
                const size_t before = tri.size() / 2;
                tessellate(ft.polys, origin_, tri);
                it.fill_feat.insert(it.fill_feat.end(), tri.size() / 2 - before, f);
            }
            for (const P2& p : ft.points) {
                const P2 r = p - origin_;
                pts.insert(pts.end(), {float(r.x), float(r.y)});
                it.pt_feat.push_back(f);
                it.pt_pos.push_back(p);
            }
            for (int k = 0; k < 3; ++k) {
                // Coarser levels: simplified, and rings or lines smaller than two tolerances (under a pixel at the
                // scales that use the level) left out -- their fill still shows.
                auto keep = [&](const geo::LineString& ls) {
                    geo::BBox b;
                    for (const P2& p : ls) b.add(p);
                    return k == 0 || std::max(b.width(), b.height()) >= 2 * tol[k];
                };
                for (const auto& poly : ft.polys)
                    for (const auto& r : poly.rings) {
                        if (r.size() < 2 || !keep(r)) continue;
                        geo::LineString ring = r;
                        ring.push_back(ring.front());
                        segs(k == 0 ? ring : geo::simplify(ring, tol[k]), f, out[k], it.outlines[k].feat);
                    }
                for (const auto& ls : ft.lines)
                    if (keep(ls)) segs(k == 0 ? ls : geo::simplify(ls, tol[k]), f, lin[k], it.lines[k].feat);
            }
        }
        t.fill.count = int(tri.size() / 2) - t.fill.first;
        t.pt.count = int(pts.size() / 2) - t.pt.first;
        for (int k = 0; k < 3; ++k) {
            t.out[k].count = int(out[k].size() / 4) - t.out[k].first;
            t.line[k].count = int(lin[k].size() / 4) - t.line[k].first;
        }
        it.tiles.push_back(t);
    }
    it.fill_count = int(tri.size() / 2);
    if (it.fill_count) make_vao(it.fill_vao, it.fill_vbo, it.fill_cls, tri, 2, false);
    it.pt_count = int(pts.size() / 2);
    if (it.pt_count) make_vao(it.pt_vao, it.pt_vbo, it.pt_cls, pts, 2, true);
    for (int k = 0; k < 3; ++k) {
        for (auto [m, v] : {std::pair{&it.outlines[k], &out[k]}, {&it.lines[k], &lin[k]}}) {
            m->count = int(v->size() / 4);
            if (m->count) make_vao(m->vao, m->vbo, m->cls, *v, 4, true);
        }
    }
    glBindVertexArray(0);
}

// Before the base layers: the geometry and classes of every visible layer, whether its points are drawn as
// symbols or as a density raster at this scale, and what the pan cache's picture depends on (user_key_).
void MapRenderer::prepare_user_layers(Frame& f) {
    const MapView& view = f.view;
    user_key_.clear();
    density_ids_.clear();
    if (!view.user_layers.empty() && !prog_user_[0]) {
        static const char* const shaders[4][2] = {{"user_poly.vert.glsl", "user_poly.frag.glsl"},
                                                  {"user_line.vert.glsl", "user_line.frag.glsl"},
                                                  {"user_symbol.vert.glsl", "symbol.frag.glsl"},
                                                  {"user_density.vert.glsl", "user_density.frag.glsl"}};
        for (int i = 0; i < 4; ++i) prog_user_[i] = make_program(shaders[i][0], shaders[i][1]);
        glGenVertexArrays(1, &empty_vao_);
    }
    if (view.user_layers.empty() && !user_gpu_) return;
    if (!user_gpu_) user_gpu_ = std::make_shared<UserGpu>();
    // Forget layers that were removed.
    for (auto it = user_gpu_->items.begin(); it != user_gpu_->items.end();) {
        const bool kept = std::any_of(view.user_layers.begin(), view.user_layers.end(),
                                      [&](const UserLayerEntry& e) { return e.id == it->first; });
        if (!kept) UserGpu::release(it->second);
        it = kept ? std::next(it) : user_gpu_->items.erase(it);
    }
    const geo::BBox full = f.cam.view_bbox();  // the whole image (tiles of an export decide alike)
    for (const UserLayerEntry& e : view.user_layers) {
        if (!e.layer || !e.style.visible) continue;
        const geo::UserLayer& l = *e.layer;
        UserItem& it = user_gpu_->items[e.id];
        if (it.layer != &l || it.nfeat != l.data.features.size()) build_user_geometry(it, l);
        const std::string key = style_key(e.style);
        if (it.key != key || it.label_at.size() != l.data.features.size()) {
            it.key = key;
            it.classes = classify(l, e.style);
            const int none = int(it.classes.colours.size());
            upload_classes(it.fill_cls, it.fill_feat, it.classes.feature_class, none);
            upload_classes(it.pt_cls, it.pt_feat, it.classes.feature_class, none);
            for (int k = 0; k < 3; ++k) {
                upload_classes(it.outlines[k].cls, it.outlines[k].feat, it.classes.feature_class, none);
                upload_classes(it.lines[k].cls, it.lines[k].feat, it.classes.feature_class, none);
            }
            // Label positions are found when first needed (a polygon's costs a search): infinity = not yet.
            it.label_at.assign(l.data.features.size(), P2{INFINITY, INFINITY});
        }
        it.in_view = 0;  // exactly (the vector export decides alike): whole tiles inside, the points of the others
        for (const auto& t : it.tiles) {
            if (!t.pt.count || !t.box.intersects(full)) continue;
            if (full.contains({t.box.minx, t.box.miny}) && full.contains({t.box.maxx, t.box.maxy})) {
                it.in_view += size_t(t.pt.count);
                continue;
            }
            for (int i = t.pt.first; i < t.pt.first + t.pt.count; ++i) it.in_view += full.contains(it.pt_pos[size_t(i)]);
        }
        it.level = -1;
        if (it.in_view > user_symbol_budget(f.cam.w, f.cam.h)) {  // density
            it.level = density_level(f.cam.mpp, f.s);
            density_ids_.push_back(e.id);
        }
        char buf[160];
        std::snprintf(buf, sizeof buf, "%d:%p:%zu:%d:%.4f:%.3f:%.3f:%d|", e.id, (const void*)&l, l.data.features.size(),
                      it.level, e.style.opacity, e.style.point_px, e.style.line_px, int(it.classes.colours.size()));
        user_key_ += buf + key + '\n';
    }
}

// Into the picture of the base layers (draw_base, after its lines), through the tile camera tc: every visible
// user layer, bottom first -- fills, outlines, lines, points. Only the tiles in the scissor box when one is set
// (a pan cache strip).
void MapRenderer::draw_user_layers(const MapView& view, const Camera& tc) {
    if (view.user_layers.empty() || !user_gpu_) return;
    const int tw = tc.w, th = tc.h;
    const float s = view.ui_scale;
    const P2 off = tc.centre - origin_;
    const float vu[4] = {float(off.x), float(off.y), float(2.0 / (tw * tc.mpp)), float(2.0 / (th * tc.mpp))};
    geo::BBox q = tc.view_bbox();
    if (glIsEnabled(GL_SCISSOR_TEST)) {  // GL rows count from the bottom
        GLint sb[4];
        glGetIntegerv(GL_SCISSOR_BOX, sb);
        const P2 a = tc.to_world({double(sb[0]), double(th - sb[1] - sb[3])});
        const P2 b = tc.to_world({double(sb[0] + sb[2]), double(th - sb[1])});
        q = geo::BBox{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
    }
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    auto palette = [&](GLuint prog, const UserItem& it, float op) {
        std::vector<float> pal(kPalette * 4, 0.f);
        const size_t n = std::min(it.classes.colours.size(), size_t(kPalette - 1));
        for (size_t c = 0; c <= n; ++c) {
            const RGBA k = c < n ? it.classes.colours[c] : it.classes.no_value;
            pal[c * 4] = k.r, pal[c * 4 + 1] = k.g, pal[c * 4 + 2] = k.b, pal[c * 4 + 3] = k.a;
        }
        glUseProgram(prog);
        glUniform4fv(glGetUniformLocation(prog, "u_palette"), kPalette, pal.data());
        glUniform1f(glGetUniformLocation(prog, "u_opacity"), op);
        glUniform4fv(glGetUniformLocation(prog, "u_view"), 1, vu);
        glUniform2f(glGetUniformLocation(prog, "u_viewport"), float(tw), float(th));
    };
    const int lod = tc.mpp < 6 ? 0 : tc.mpp < 40 ? 1 : 2;
    for (const UserLayerEntry& e : view.user_layers) {
        if (!e.layer || !e.style.visible) continue;
        auto found = user_gpu_->items.find(e.id);
        if (found == user_gpu_->items.end()) continue;
        UserItem& it = found->second;
        const float op = std::clamp(e.style.opacity, 0.0f, 1.0f);
        if (op <= 0) continue;
        if (it.fill_count) {
            palette(prog_user_[0], it, op);
            glBindVertexArray(it.fill_vao);
            for (const Range& r : ranges_in(it, q, 0, [](const UserItem::Tile& t) { return t.fill; }))
                glDrawArrays(GL_TRIANGLES, r.first, r.count);
        }
        // Outlines (darker, 1 px) and lines (the style's width) at the frame's level of detail.
        auto segs = [&](SegMesh& m, bool outline, float width, float shade) {
            if (!m.count) return;
            palette(prog_user_[1], it, op);
            glUniform1f(glGetUniformLocation(prog_user_[1], "u_width"), width);
            glUniform1f(glGetUniformLocation(prog_user_[1], "u_shade"), shade);
            glBindVertexArray(m.vao);
            const double reach = (width + 2) * tc.mpp;
            for (const Range& r : ranges_in(it, q, reach, [&](const UserItem::Tile& t) { return outline ? t.out[lod] : t.line[lod]; })) {
                point_instances(m.vbo, m.cls, 4, r.first);
                glDrawArraysInstanced(GL_TRIANGLES, 0, 6, r.count);
            }
        };
        segs(it.outlines[lod], true, 1.0f * s, 0.6f);
        segs(it.lines[lod], false, e.style.line_px * s, 1.0f);
        if (!it.pt_count) continue;
        if (it.level < 0) {  // symbols
            const float size = e.style.point_px * s, stroke = 1.2f * s;
            palette(prog_user_[2], it, op);
            glUniform1f(glGetUniformLocation(prog_user_[2], "u_size"), size);
            glUniform1f(glGetUniformLocation(prog_user_[2], "u_stroke_px"), stroke);
            const RGBA sc = hex(0x333333);
            glUniform4f(glGetUniformLocation(prog_user_[2], "u_stroke"), sc.r, sc.g, sc.b, sc.a);
            glBindVertexArray(it.pt_vao);
            const double reach = (size * 0.5 + stroke + 2) * tc.mpp;
            for (const Range& r : ranges_in(it, q, reach, [](const UserItem::Tile& t) { return t.pt; })) {
                point_instances(it.pt_vbo, it.pt_cls, 2, r.first);
                glDrawArraysInstanced(GL_TRIANGLES, 0, 6, r.count);
            }
        } else {
            draw_user_density(it, tc, q, vu, op);
        }
    }
    glBindVertexArray(0);
}

// The density raster of a layer's points at its level, covering q: built (or rebuilt) to cover the view and a
// screen around it, in cells aligned to multiples of the cell size from the origin (so a rebuilt raster puts
// every cell where the old one had it), then drawn through the fragment shader.
void MapRenderer::draw_user_density(UserItem& it, const Camera& tc, const geo::BBox& q, const float vu[4], float op) {
    const double cell = std::ldexp(1.0, it.level);
    auto cell_of = [&](double v, double o) { return long(std::floor((v - o) / cell)); };
    const long qx0 = cell_of(q.minx, origin_.x), qx1 = cell_of(q.maxx, origin_.x);
    const long qy0 = cell_of(q.miny, origin_.y), qy1 = cell_of(q.maxy, origin_.y);
    const bool covers = it.tex && it.tex_level == it.level && it.tex_key == it.key && qx0 >= it.cx0 &&
                        qy0 >= it.cy0 && qx1 < it.cx0 + it.tw && qy1 < it.cy0 + it.th;
    if (!covers) {
        const geo::BBox v = tc.view_bbox();
        const geo::BBox ext{v.minx - v.width(), v.miny - v.height(), v.maxx + v.width(), v.maxy + v.height()};
        it.cx0 = std::min(cell_of(ext.minx, origin_.x), qx0);
        it.cy0 = std::min(cell_of(ext.miny, origin_.y), qy0);
        it.tw = int(std::max(cell_of(ext.maxx, origin_.x), qx1) - it.cx0 + 1);
        it.th = int(std::max(cell_of(ext.maxy, origin_.y), qy1) - it.cy0 + 1);
        GLint max_tex = 4096;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_tex);
        it.tw = std::min(it.tw, int(max_tex));
        it.th = std::min(it.th, int(max_tex));
        DensityGrid g;
        g.reset(cell, origin_, it.cx0, it.cy0, it.tw, it.th);
        const int none = int(it.classes.colours.size());
        const std::vector<int>& cls = it.classes.feature_class;
        const geo::BBox cover = g.cover();
        for (const auto& t : it.tiles) {
            if (!t.pt.count || !t.box.intersects(cover)) continue;
            for (int i = t.pt.first; i < t.pt.first + t.pt.count; ++i) {
                const int k = cls[it.pt_feat[size_t(i)]];
                g.add(it.pt_pos[size_t(i)], (unsigned char)(k < 0 ? none : std::min(k, kPalette - 1)));
            }
        }
        const size_t nc = g.count.size();
        std::vector<unsigned char> rg(nc * 2);
        for (size_t c = 0; c < nc; ++c) {
            rg[c * 2] = g.cls[c];
            rg[c * 2 + 1] = g.count[c] ? DensityGrid::alpha(g.count[c]) : 0;
        }
        if (!it.tex) glGenTextures(1, &it.tex);
        glBindTexture(GL_TEXTURE_2D, it.tex);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RG8, it.tw, it.th, 0, GL_RG, GL_UNSIGNED_BYTE, rg.data());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        it.tex_level = it.level;
        it.tex_key = it.key;
    }
    const GLuint prog = prog_user_[3];
    std::vector<float> pal(kPalette * 4, 0.f);
    const size_t n = std::min(it.classes.colours.size(), size_t(kPalette - 1));
    for (size_t c = 0; c <= n; ++c) {
        const RGBA k = c < n ? it.classes.colours[c] : it.classes.no_value;
        pal[c * 4] = k.r, pal[c * 4 + 1] = k.g, pal[c * 4 + 2] = k.b, pal[c * 4 + 3] = k.a;
    }
    glUseProgram(prog);
    glUniform4fv(glGetUniformLocation(prog, "u_palette"), kPalette, pal.data());
    glUniform1f(glGetUniformLocation(prog, "u_opacity"), op);
    glUniform4fv(glGetUniformLocation(prog, "u_view"), 1, vu);
    glUniform2f(glGetUniformLocation(prog, "u_viewport"), float(tc.w), float(tc.h));
    glUniform2f(glGetUniformLocation(prog, "u_cell0"), float(it.cx0 * cell), float(it.cy0 * cell));
    glUniform1f(glGetUniformLocation(prog, "u_cell"), float(cell));
    glUniform1i(glGetUniformLocation(prog, "u_cells"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, it.tex);
    glBindVertexArray(empty_vao_);
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBindTexture(GL_TEXTURE_2D, 0);
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
