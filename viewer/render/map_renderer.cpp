#include "viewer/render/map_renderer.h"

#include <algorithm>
#include <cmath>

#include "geo/core/crs.h"
#include "viewer/model/i18n.h"
#include "viewer/render/tessellate.h"

namespace viewer {

using geo::P2;

namespace {

void set_view_uniform(GLuint prog, const float v[4]) { glUniform4fv(glGetUniformLocation(prog, "u_view"), 1, v); }
void set_color(GLuint prog, RGBA c) { glUniform4f(glGetUniformLocation(prog, "u_color"), c.r, c.g, c.b, c.a); }

struct UiBatch {  // screen-space triangles, 6 floats per vertex (x, y, r, g, b, a)
    std::vector<float> v;
    void tri(P2 a, P2 b, P2 c, RGBA k) {
        for (P2 p : {a, b, c}) v.insert(v.end(), {float(p.x), float(p.y), k.r, k.g, k.b, k.a});
    }
    void rect(double x0, double y0, double x1, double y1, RGBA k) {
        tri({x0, y0}, {x1, y0}, {x1, y1}, k);
        tri({x0, y0}, {x1, y1}, {x0, y1}, k);
    }
    void frame(double x0, double y0, double x1, double y1, double t, RGBA k) {
        rect(x0, y0, x1, y0 + t, k);
        rect(x0, y1 - t, x1, y1, k);
        rect(x0, y0, x0 + t, y1, k);
        rect(x1 - t, y0, x1, y1, k);
    }
};

struct SymbolBatch {  // 12 floats per instance
    std::vector<float> v;
    void add(P2 rel, float size, int shape, RGBA fill, RGBA stroke) {
        v.insert(v.end(), {float(rel.x), float(rel.y), size, float(shape), fill.r, fill.g, fill.b, fill.a, stroke.r,
                           stroke.g, stroke.b, stroke.a});
    }
    int count() const { return int(v.size() / 12); }
};

}  // namespace

double round_scale_length(double max_m) {
    if (!(max_m > 0)) return 0;
    double p = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= max_m) return m * p;
    return p;
}

float MapRenderer::venue_symbol_px(const MapView& v) {
    // Grows a little as one zooms in; scaled for HiDPI/posters.
    float base = v.cam.mpp > 60 ? 9.f : v.cam.mpp > 20 ? 11.f : 13.f;
    return base * v.ui_scale;
}

MapRenderer::MapRenderer(const geo::Dataset& d) : data_(d) {
    origin_ = d.twente_bbox.empty() ? P2{245000, 480000} : d.twente_bbox.centre();
    prog_poly_ = make_program("poly.vert.glsl", "poly.frag.glsl");
    prog_line_ = make_program("line.vert.glsl", "line.frag.glsl");
    prog_sym_ = make_program("symbol.vert.glsl", "symbol.frag.glsl");
    prog_ui_ = make_program("ui.vert.glsl", "ui.frag.glsl");
    text_ = std::make_unique<TextRenderer>();

    // Polygon fills: countries first, then municipalities; one VBO, a range per feature.
    std::vector<float> tri;
    auto add_fill = [&](const geo::MultiPolygon& mp) {
        FeatureRange r;
        r.first = int(tri.size() / 2);
        tessellate(mp, origin_, tri);
        r.count = int(tri.size() / 2) - r.first;
        return r;
    };
    for (const auto& [name, mp] : d.countries) country_fill_.push_back(add_fill(mp));
    for (const auto& m : d.municipalities) muni_fill_.push_back(add_fill(m.geom));
    glGenVertexArrays(1, &fills_.vao);
    glGenBuffers(1, &fills_.vbo);
    glBindVertexArray(fills_.vao);
    glBindBuffer(GL_ARRAY_BUFFER, fills_.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(tri.size() * sizeof(float)), tri.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 8, nullptr);
    fills_.count = int(tri.size() / 2);

    auto rings_of = [](const geo::MultiPolygon& mp, std::vector<geo::LineString>& out) {
        for (const auto& poly : mp)
            for (const auto& r : poly.rings) {
                geo::LineString l = r;
                if (!l.empty()) l.push_back(l.front());
                out.push_back(std::move(l));
            }
    };
    std::vector<geo::LineString> tw, ctx, prov, ctry;
    muni_outline_.resize(d.municipalities.size());
    for (size_t i = 0; i < d.municipalities.size(); ++i) {
        const auto& m = d.municipalities[i];
        rings_of(m.geom, m.twente ? tw : ctx);
        std::vector<geo::LineString> one;
        rings_of(m.geom, one);
        upload_lines(muni_outline_[i], one);
    }
    rings_of(d.overijssel, prov);
    for (const auto& [name, mp] : d.countries) rings_of(mp, ctry);
    upload_lines(twente_lines_, geo::edges_once(tw));  // a shared boundary is drawn once, not once per neighbour
    upload_lines(context_lines_, geo::edges_once(ctx));
    upload_lines(province_lines_, prov);
    upload_lines(border_lines_, d.border_nl_de);
    upload_lines(rail_lines_, d.rail);
    upload_lines(country_lines_, ctry);

    for (Mesh* m : {&symbols_, &ui_}) {
        glGenVertexArrays(1, &m->vao);
        glGenBuffers(1, &m->vbo);
    }
    glBindVertexArray(symbols_.vao);
    glBindBuffer(GL_ARRAY_BUFFER, symbols_.vbo);
    const GLsizei st = 12 * sizeof(float);
    glEnableVertexAttribArray(0); glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (void*)0);
    glEnableVertexAttribArray(1); glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, st, (void*)(2 * sizeof(float)));
    glEnableVertexAttribArray(2); glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, st, (void*)(3 * sizeof(float)));
    glEnableVertexAttribArray(3); glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, st, (void*)(4 * sizeof(float)));
    glEnableVertexAttribArray(4); glVertexAttribPointer(4, 4, GL_FLOAT, GL_FALSE, st, (void*)(8 * sizeof(float)));
    for (int i = 0; i < 5; ++i) glVertexAttribDivisor(i, 1);
    glBindVertexArray(ui_.vao);
    glBindBuffer(GL_ARRAY_BUFFER, ui_.vbo);
    glEnableVertexAttribArray(0); glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 24, (void*)0);
    glEnableVertexAttribArray(1); glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 24, (void*)8);
    glBindVertexArray(0);

    place_label_pos_.resize(d.places.size(), P2{NAN, NAN});
}

const P2& MapRenderer::place_label_pos(size_t i) {
    if (std::isnan(place_label_pos_[i].x)) place_label_pos_[i] = geo::label_point(data_.places[i].geom);
    return place_label_pos_[i];
}

void MapRenderer::upload_lines(LodMesh& m, const std::vector<geo::LineString>& lines) {
    upload_lines(m.lv[0], lines);
    for (int k = 1; k < 3; ++k) {
        const double tol = k == 1 ? 3.0 : 20.0;
        std::vector<geo::LineString> s;
        s.reserve(lines.size());
        for (const auto& l : lines) s.push_back(geo::simplify(l, tol));
        upload_lines(m.lv[k], s);
    }
}

MapRenderer::~MapRenderer() {
    text_.reset();
    std::vector<Mesh*> meshes = {&fills_, &symbols_, &ui_};
    for (auto& m : muni_outline_)
        for (auto& l : m.lv) meshes.push_back(&l);
    for (LodMesh* lm : {&twente_lines_, &context_lines_, &province_lines_, &border_lines_, &rail_lines_, &country_lines_})
        for (auto& l : lm->lv) meshes.push_back(&l);
    for (Mesh* m : meshes) {
        if (m->vbo) glDeleteBuffers(1, &m->vbo);
        if (m->vao) glDeleteVertexArrays(1, &m->vao);
    }
    for (GLuint p : {prog_poly_, prog_line_, prog_sym_, prog_ui_})
        if (p) glDeleteProgram(p);
}

void MapRenderer::upload_lines(Mesh& m, const std::vector<geo::LineString>& lines) {
    std::vector<float> v;  // per segment: p0.x, p0.y, p1.x, p1.y, d0
    for (const auto& l : lines) {
        double d = 0;
        for (size_t i = 1; i < l.size(); ++i) {
            P2 a = l[i - 1] - origin_, b = l[i] - origin_;
            v.insert(v.end(), {float(a.x), float(a.y), float(b.x), float(b.y), float(d)});
            d += geo::dist(l[i - 1], l[i]);
        }
    }
    glGenVertexArrays(1, &m.vao);
    glGenBuffers(1, &m.vbo);
    glBindVertexArray(m.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(v.size() * sizeof(float)), v.data(), GL_STATIC_DRAW);
    const GLsizei st = 5 * sizeof(float);
    glEnableVertexAttribArray(0); glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (void*)0);
    glEnableVertexAttribArray(1); glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, st, (void*)(2 * sizeof(float)));
    glEnableVertexAttribArray(2); glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, st, (void*)(4 * sizeof(float)));
    for (int i = 0; i < 3; ++i) glVertexAttribDivisor(i, 1);
    glBindVertexArray(0);
    m.count = int(v.size() / 5);
}

void MapRenderer::draw_fill(const FeatureRange& r, RGBA c, const float view[4]) {
    if (r.count == 0) return;
    set_color(prog_poly_, c);
    glDrawArrays(GL_TRIANGLES, r.first, r.count);
}

void MapRenderer::draw_lines(const Mesh& m, RGBA c, float width_px, const float view[4], int vw, int vh, float dash,
                             float gap) {
    if (m.count == 0) return;
    glUseProgram(prog_line_);
    set_view_uniform(prog_line_, view);
    set_color(prog_line_, c);
    glUniform2f(glGetUniformLocation(prog_line_, "u_viewport"), float(vw), float(vh));
    glUniform1f(glGetUniformLocation(prog_line_, "u_width"), width_px);
    glUniform2f(glGetUniformLocation(prog_line_, "u_dash"), dash, gap);
    glBindVertexArray(m.vao);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, m.count);
}

// Background, fills, overlay and lines through the tile camera `tc` into the bound framebuffer (all of it,
// or what the scissor lets through).
void MapRenderer::draw_base(const MapView& view, const RenderOptions& opt, const Camera& tc,
                            const std::vector<RGBA>& fill) {
    const BaseColours& bc = base_colours();
    const geo::BBox vb = tc.view_bbox();
    const P2 off = tc.centre - origin_;
    const int tw = tc.w, th = tc.h;
    const float vu[4] = {float(off.x), float(off.y), float(2.0 / (tw * tc.mpp)), float(2.0 / (th * tc.mpp))};
    const float s = view.ui_scale;
    glViewport(0, 0, tw, th);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (opt.clear) {
        // Germany's colour is the backdrop: the region holds only NL and DE, and the precise Kadaster/CBS
        // polygons then define the border (the coarse Natural Earth NL outline is not drawn over Germany).
        const RGBA bg = view.layers.countries ? bc.germany : bc.background;
        glClearColor(bg.r, bg.g, bg.b, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }

    // 1. Fills: opaque, so blending is off (llvmpipe then skips reading the framebuffer), each pixel drawn ~once.
    glDisable(GL_BLEND);
    glUseProgram(prog_poly_);
    set_view_uniform(prog_poly_, vu);
    glBindVertexArray(fills_.vao);
    const bool beyond_region = !(data_.region_bbox.contains({vb.minx, vb.miny}) && data_.region_bbox.contains({vb.maxx, vb.maxy}));
    if (view.layers.countries && beyond_region)  // only when the view leaves the area the municipalities cover
        for (size_t i = 0; i < data_.countries.size(); ++i)
            if (data_.countries[i].first != "Germany")
                draw_fill(country_fill_[i], data_.countries[i].first == "Netherlands" ? bc.netherlands : bc.germany, vu);
    for (size_t i = 0; i < data_.municipalities.size(); ++i)
        if (data_.municipalities[i].bbox.intersects(vb)) draw_fill(muni_fill_[i], fill[i], vu);
    glEnable(GL_BLEND);

    // 2. Overlays (heatmaps).
    if (opt.overlay) {
        opt.overlay(tc);
        glViewport(0, 0, tw, th);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    }

    // 3. Lines.
    if (view.layers.countries) draw_lines(country_lines_, bc.context_outline, 0.8f * s, vu, tw, th);
    if (view.layers.context) draw_lines(context_lines_, bc.context_outline, 0.8f * s, vu, tw, th);
    if (view.layers.outlines) draw_lines(twente_lines_, bc.municipality_outline, 1.6f * s, vu, tw, th);
    if (view.layers.province) draw_lines(province_lines_, bc.province_outline, 1.2f * s, vu, tw, th, 6 * s, 3 * s);
    if (view.layers.border) {
        draw_lines(border_lines_, hex(0xffffff, 0.7f), 4.0f * s, vu, tw, th);
        draw_lines(border_lines_, bc.border, 1.8f * s, vu, tw, th, 10 * s, 3 * s);
    }
    if (view.layers.rail) {
        draw_lines(rail_lines_, hex(0xffffff, 0.8f), 3.2f * s, vu, tw, th);
        draw_lines(rail_lines_, bc.rail, 1.6f * s, vu, tw, th);
    }
    if (!view.highlight_municipality.empty())
        for (size_t i = 0; i < data_.municipalities.size(); ++i)
            if (data_.municipalities[i].code == view.highlight_municipality)
                draw_lines(muni_outline_[i], bc.highlight, 3.0f * s, vu, tw, th);
}

// The pan cache (BaseCache in map_renderer.h): reuse the last base picture when the view only moved by whole
// pixels, drawing just the strips that came into view; otherwise draw it anew. Leaves the picture in
// cache.pic[cache.cur].
void MapRenderer::draw_base_cached(const MapView& view, const RenderOptions& opt, const std::vector<RGBA>& fill,
                                   BaseCache& cache) {
    const Camera& cam = view.cam;
    const int w = cam.w, h = cam.h;
    // Everything else the base layers depend on: layers, line widths, fill colours, highlight, overlay.
    std::string key;
    auto put = [&](const void* p, size_t n) { key.append(static_cast<const char*>(p), n); };
    const LayerToggles& L = view.layers;
    const bool flags[] = {L.countries, L.context, L.outlines, L.province, L.border, L.rail};
    put(flags, sizeof flags);
    put(&view.ui_scale, sizeof view.ui_scale);
    for (const RGBA& c : fill) put(&c, sizeof c);
    key += view.highlight_municipality + '\n' + (opt.overlay ? opt.overlay_key : std::string());

    int ex = 0, ey = 0;  // where the cached picture's top-left corner lands on the new screen (px)
    bool reuse = cache.cur >= 0 && cache.key == key && cache.cam.w == w && cache.cam.h == h && cache.cam.mpp == cam.mpp;
    if (reuse) {
        const P2 e = cam.to_screen(cache.cam.to_world({0, 0}));
        ex = int(std::lround(e.x));
        ey = int(std::lround(e.y));
        reuse = std::abs(e.x - ex) < 1e-3 && std::abs(e.y - ey) < 1e-3 && std::abs(ex) < w && std::abs(ey) < h;
    }
    if (reuse && ex == 0 && ey == 0) {
        ++cache.stats.reused;
        cache.interim = false;
        return;
    }
    // Zooming in (RenderOptions::moving): the cached picture, magnified at most 2x, still covers the screen --
    // show it scaled for this frame (render() blits it) and redraw once the movement stops.
    if (!reuse && opt.moving && cache.cur >= 0 && cache.key == key && cache.cam.w == w && cache.cam.h == h &&
        cam.mpp < cache.cam.mpp && cam.mpp * 2 >= cache.cam.mpp) {
        const P2 a = cam.to_screen(cache.cam.to_world({0, 0})), b = cam.to_screen(cache.cam.to_world({double(w), double(h)}));
        if (a.x <= 0 && a.y <= 0 && b.x >= w && b.y >= h) {
            ++cache.stats.interim;
            cache.interim = true;
            cache.interim_rect = {a.x, a.y, b.x, b.y};
            return;
        }
    }
    cache.interim = false;
    const int dst = cache.cur == 0 ? 1 : 0;
    RenderTarget& pic = cache.pic[dst];
    if ((pic.w != w || pic.h != h) && !pic.create(w, h, 0)) {
        cache.clear();
        throw std::runtime_error("map: cannot allocate a " + std::to_string(w) + "x" + std::to_string(h) +
                                 " picture for the pan cache");
    }
    if (!reuse) {
        ++cache.stats.full;
        pic.bind();
        draw_base(view, opt, cam, fill);
    } else {
        ++cache.stats.reused;
        // Shift the old picture (GL rows count from the bottom: a move down by ey is -ey rows).
        const RenderTarget& old = cache.pic[cache.cur];
        const int dx0 = std::max(0, ex), dx1 = std::min(w, w + ex), dy0 = std::max(0, -ey), dy1 = std::min(h, h - ey);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, old.fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, pic.fbo);
        glBlitFramebuffer(dx0 - ex, dy0 + ey, dx1 - ex, dy1 + ey, dx0, dy0, dx1, dy1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        pic.bind();
        // The strips that came into view: a column at the left or right, a row at the top or bottom.
        glEnable(GL_SCISSOR_TEST);
        if (ex != 0) {
            glScissor(ex > 0 ? 0 : w + ex, 0, std::abs(ex), h);
            draw_base(view, opt, cam, fill);
        }
        if (ey != 0) {
            glScissor(0, ey > 0 ? h - ey : 0, w, std::abs(ey));
            draw_base(view, opt, cam, fill);
        }
        glDisable(GL_SCISSOR_TEST);
    }
    cache.cur = dst;
    cache.cam = cam;
    cache.key = std::move(key);
}

void MapRenderer::render(const MapView& view, const RenderOptions& opt) {
    const BaseColours& bc = base_colours();
    const Camera& cam = view.cam;
    const float s = view.ui_scale;
    // The tile: same scale, its own centre and size.
    const int tx = opt.tile_w > 0 ? opt.tile_x : 0, ty = opt.tile_w > 0 ? opt.tile_y : 0;
    const int tw = opt.tile_w > 0 ? opt.tile_w : cam.w, th = opt.tile_w > 0 ? opt.tile_h : cam.h;
    Camera tc = cam;
    tc.w = tw;
    tc.h = th;
    tc.centre = cam.to_world({tx + tw * 0.5, ty + th * 0.5});
    const P2 off = tc.centre - origin_;
    const float vu[4] = {float(off.x), float(off.y), float(2.0 / (tw * tc.mpp)), float(2.0 / (th * tc.mpp))};
    const P2 tile_px{double(tx), double(ty)};
    lod_ = cam.mpp < 6 ? 0 : cam.mpp < 40 ? 1 : 2;

    // Fill colour per municipality (also part of the pan cache's key).
    const ClassBreaks classes = choropleth_classes(view.choropleth);
    std::vector<RGBA> fill(data_.municipalities.size());
    for (size_t i = 0; i < data_.municipalities.size(); ++i) {
        const auto& m = data_.municipalities[i];
        if (!m.twente) {
            fill[i] = view.layers.context ? bc.context_fill : bc.netherlands;
            continue;
        }
        fill[i] = bc.netherlands;
        if (view.layers.choropleth && view.choropleth != Choropleth::None && m.cbs.valid) {
            const double val = choropleth_value(view, i, m);  // NaN: analysis figures not supplied
            if (std::isfinite(val)) fill[i] = classes.colours[classes.class_of(val)];
        }
    }
    const geo::BBox vb = tc.view_bbox();
    // 1-3. Base layers: background, fills, overlay, lines -- from the pan cache when the window has one.
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    bool cached = opt.cache && opt.tile_w <= 0 && opt.clear && (!opt.overlay || !opt.overlay_key.empty());
    if (cached) {
        GLint sample_buffers = 0;  // a blit cannot write into a multisampled target
        glGetIntegerv(GL_SAMPLE_BUFFERS, &sample_buffers);
        cached = sample_buffers == 0;
    }
    if (cached) {
        draw_base_cached(view, opt, fill, *opt.cache);
        const BaseCache& c = *opt.cache;
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, GLuint(target));
        glBindFramebuffer(GL_READ_FRAMEBUFFER, c.pic[c.cur].fbo);
        if (c.interim) {  // the old picture magnified (GL rows count from the bottom)
            const geo::BBox& r = c.interim_rect;
            glBlitFramebuffer(0, 0, tw, th, int(std::lround(r.minx)), int(std::lround(th - r.maxy)), int(std::lround(r.maxx)),
                              int(std::lround(th - r.miny)), GL_COLOR_BUFFER_BIT, GL_LINEAR);
        } else {
            glBlitFramebuffer(0, 0, tw, th, 0, 0, tw, th, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(target));
        glViewport(0, 0, tw, th);
    } else {
        if (opt.cache) opt.cache->clear();
        draw_base(view, opt, tc, fill);
    }
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

    // 4. Symbols: stations, venues (highlighted ones last and larger).
    SymbolBatch sym;
    if (view.layers.stations && cam.mpp < 120)
        for (const auto& st : data_.stations)
            if (vb.grown(200 * tc.mpp).contains(st.pos))
                sym.add(st.pos - origin_, 6 * s, 0, bc.station_fill, bc.rail);
    const float vpx = venue_symbol_px(view);
    std::vector<const geo::Venue*> hl;
    if (view.layers.venues)
        for (const auto& v : data_.venues) {
            if (!view.layers.categories[int(v.category)]) continue;
            if (std::find(view.highlight_venues.begin(), view.highlight_venues.end(), v.id) !=
                view.highlight_venues.end()) {
                hl.push_back(&v);
                continue;
            }
            if (!vb.grown(50 * tc.mpp).contains(v.pos)) continue;
            const auto& cs = category_style(v.category);
            sym.add(v.pos - origin_, vpx, cs.shape, cs.fill, hex(0x333333));
        }
    for (const auto* v : hl) {
        const auto& cs = category_style(v->category);
        sym.add(v->pos - origin_, vpx * 2.2f, 0, hex(0xffffff, 0.85f), bc.highlight);
        sym.add(v->pos - origin_, vpx * 1.5f, cs.shape, cs.fill, hex(0x222222));
    }
    for (const auto& site : view.sites) {
        const auto& cs = category_style(site.category);
        sym.add(site.pos - origin_, vpx * 2.6f, 0, hex(0xffffff, 0.95f), bc.highlight);
        sym.add(site.pos - origin_, vpx * 1.9f, 0, hex(0xffffff, 0.95f), bc.highlight);
        sym.add(site.pos - origin_, vpx * 1.2f, 0, cs.fill, hex(0x222222));
    }

    // 5. Furniture geometry + labels are laid out in full-image pixels, then shifted by the tile origin.
    labels_.clear();
    furniture_.clear();
    UiBatch ui;
    struct TextItem { std::string s; P2 at; TextStyle st; Anchor a; };
    std::vector<TextItem> texts;
    auto text_style = [&](float size, RGBA c, bool bold, float halo) {
        TextStyle t;
        t.size_px = size * s;
        t.rgba[0] = c.r; t.rgba[1] = c.g; t.rgba[2] = c.b; t.rgba[3] = c.a;
        t.halo_px = halo * s;
        t.halo_rgba[0] = bc.halo.r; t.halo_rgba[1] = bc.halo.g; t.halo_rgba[2] = bc.halo.b; t.halo_rgba[3] = bc.halo.a;
        t.bold = bold;
        return t;
    };
    const float margin = 12 * s;
    float legend_right = 0;  // right edge of the legend panel (0: none), for the attribution's width
    if (view.furniture) {
        // Title.
        if (!view.title.empty()) {
            TextStyle ts = text_style(22, bc.text, true, 3);
            TextExtent e = text_->measure(view.title, ts.size_px, true);
            texts.push_back({view.title, {margin, margin}, ts, Anchor::TopLeft});
            furniture_.push_back({margin, margin, margin + e.w, margin + e.h});
        }
        // Legend panel, bottom-left.
        struct Row { int kind; RGBA c; int shape; std::string label; };  // kind 0 swatch, 1 symbol, 2 line, 3 heading
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
                    rows.push_back({1, cs.fill, cs.shape, tr(cs.label_en)});
                }
        }
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
            // Beside, not under, a panel of the window that reaches down into the corner (view.avoid_px).
            for (int pass = 0; pass < 2; ++pass)
                for (const geo::BBox& r : view.avoid_px)
                    if (r.intersects({x0, y0, x0 + panel_w, y1})) x0 = std::max(x0, float(r.maxx) + margin);
            x0 = std::min(x0, std::max(margin, float(cam.w) - margin - panel_w));
            ui.rect(x0, y0, x0 + panel_w, y1, hex(0xffffff, 0.92f));
            ui.frame(x0, y0, x0 + panel_w, y1, 1 * s, hex(0xb9b4aa));
            furniture_.push_back({x0, y0, x0 + panel_w, y1});
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
        // Ramp legends: panel at the top-left, under the title.
        float ry = opt.ramp_y >= 0 ? opt.ramp_y : margin + (view.title.empty() ? 0 : 36 * s);
        const float rx = opt.ramp_x >= 0 ? opt.ramp_x : margin;
        for (const RampLegend& rl : opt.ramps) {
            const float bw = 220 * s, bh = 12 * s;
            float h = pad + 18 * s + bh + 18 * s + (rl.note.empty() ? 0 : 16 * s) + pad;
            float w = bw + 2 * pad;
            TextExtent te = text_->measure(rl.title + (rl.unit.empty() ? "" : " (" + rl.unit + ")"), fs * s, true);
            w = std::max(w, te.w + 2 * pad);
            if (!rl.note.empty()) w = std::max(w, text_->measure(rl.note, 10.5f * s).w + 2 * pad);
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
            if (!rl.note.empty())
                texts.push_back({rl.note, {bx, by + bh + 18 * s}, text_style(10.5f, hex(0xA0410A), true, 0), Anchor::TopLeft});
            ry += h + 8 * s;
        }
        // Attribution, bottom-right.
        std::vector<std::string> attr = {
            lang() == Lang::NL
                ? "Bronnen: CBS, Kadaster/PDOK (CC BY 4.0) · NWB-Spoorwegen 2011 (CC0) · Natural Earth · GeoNames (CC BY 4.0) · cultuurlocaties: trekkaart"
                : "Sources: CBS, Kadaster/PDOK (CC BY 4.0) · NWB-Spoorwegen 2011 (CC0) · Natural Earth · GeoNames (CC BY 4.0) · venues: trekkaart"};
        if (data_.venue_edits > 0)  // the user's venue edits (venue_edits.h) are part of what is shown
            attr[0] += " + " + std::to_string(data_.venue_edits) + (lang() == Lang::NL ? " eigen wijziging(en)" : " user edit(s)");
        for (const auto& a : opt.extra_attribution) attr.push_back(a);
        {  // Lines wider than the room right of the legend wrap at their " · " separators (narrow/portrait images).
            const float room = float(cam.w) - margin * 0.5f - (legend_right > 0 ? legend_right + margin : margin);
            const float size = text_style(10, bc.text_muted, false, 2).size_px;
            const std::string sep = " · ";
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
        for (int i = int(attr.size()) - 1; i >= 0; --i) {
            TextStyle ts = text_style(10, bc.text_muted, false, 2);
            TextExtent e = text_->measure(attr[i], ts.size_px);
            texts.push_back({attr[i], {cam.w - margin * 0.5, ay}, ts, Anchor::BottomRight});
            furniture_.push_back({float(cam.w - margin * 0.5 - e.w), ay - e.h, float(cam.w - margin * 0.5), ay});
            ay -= e.h + 1 * s;
        }
        // Scale bar (round length), above the attribution, right.
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
        // North arrow, top-right: points to true north at the view centre (RD grid north differs ~1 degree here).
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

    // 6. Labels: municipality names, larger places, venues when zoomed in; never overlapping, never on furniture.
    if (view.layers.labels) {
        LabelOptions lo;
        lo.viewport_w = float(cam.w);
        lo.viewport_h = float(cam.h);
        lo.padding = 3 * s;
        for (const auto& f : furniture_) lo.avoid.push_back(f);
        for (const auto& a : view.avoid_px) lo.avoid.push_back({float(a.minx), float(a.miny), float(a.maxx), float(a.maxy)});
        LabelPlacer placer(lo);
        const geo::BBox fullb = cam.view_bbox();
        struct Cand { std::string text; P2 at; float prio; int kind; TextStyle st; float radius; };
        std::vector<Cand> cands;
        for (int i = 0; i < data_.twente_count; ++i) {
            const auto& m = data_.municipalities[i];
            if (!fullb.contains(m.label_pos)) continue;
            cands.push_back({m.label, m.label_pos, float(1e7 + m.cbs.inhabitants), 0,
                             text_style(cam.mpp > 90 ? 12 : 13.5f, bc.text, true, 2.5f), 0});
        }
        if (view.layers.places) {
            const double min_inh = cam.mpp > 90 ? 1e9 : cam.mpp > 45 ? 8000 : cam.mpp > 20 ? 2500 : 2000;
            for (size_t i = 0; i < data_.places.size(); ++i) {
                const auto& p = data_.places[i];
                if (p.inhabitants < min_inh || !fullb.intersects(p.bbox) || !fullb.contains(place_label_pos(i))) continue;
                cands.push_back({p.name, place_label_pos(i), float(p.inhabitants), 1,
                                 text_style(11, bc.text_muted, false, 2), 0});
            }
            for (const auto& g : data_.german_places) {
                if (g.population < (cam.mpp > 90 ? 40000 : cam.mpp > 45 ? 10000 : 3000) || !fullb.contains(g.pos)) continue;
                cands.push_back({g.name, g.pos, float(g.population * 0.5), 1, text_style(11, bc.text_muted, false, 2), 0});
            }
        }
        if (view.layers.venues && cam.mpp < 12)
            for (const auto& v : data_.venues) {
                if (!view.layers.categories[int(v.category)] || !fullb.contains(v.pos)) continue;
                cands.push_back({v.name, v.pos, float(100 + v.capacity * 0.01), 2, text_style(11, bc.text, false, 2),
                                 vpx * 0.5f});
            }
        for (const auto* v : hl)
            cands.push_back({v->name, v->pos, 2e7f, 2, text_style(14, bc.text, true, 2.5f), vpx * 1.1f});
        for (const auto& site : view.sites)
            if (!site.label.empty())
                cands.push_back({site.label, site.pos, 2.1e7f, 2, text_style(14, bc.text, true, 2.5f), vpx * 1.35f});
        // Venue symbol boxes: municipality labels prefer positions that cover none; every other label must avoid them.
        std::vector<LabelBox> symbol_boxes;
        if (view.layers.venues)
            for (const auto& v : data_.venues) {
                if (!view.layers.categories[int(v.category)] || !fullb.contains(v.pos)) continue;
                P2 p = cam.to_screen(v.pos);
                float r = vpx * 0.5f;
                symbol_boxes.push_back({float(p.x - r), float(p.y - r), float(p.x + r), float(p.y + r)});
            }
        std::vector<int> order(cands.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = int(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return cands[a].prio > cands[b].prio; });
        bool symbols_added = false;
        for (int i : order) {
            const Cand& c = cands[i];
            if (c.kind != 0 && !symbols_added) {
                for (const auto& b : symbol_boxes) placer.add_obstacle(b);
                symbols_added = true;
            }
            TextExtent e = text_->measure(c.text, c.st.size_px, c.st.bold);
            P2 p = cam.to_screen(c.at);
            std::vector<LabelOffset> offs;
            if (c.kind == 2) {
                offs = point_label_offsets(e.w, e.h, c.radius, 2 * s);
            } else {  // area/place labels: centred, then nudged up/down/sideways
                const float cw = -e.w / 2, ch = -e.h / 2;
                for (auto [dx, dy] : {std::pair{0.f, 0.f}, {0.f, -0.9f}, {0.f, 0.9f}, {0.f, -1.6f}, {0.f, 1.6f},
                                      {-0.35f, 0.f}, {0.35f, 0.f}, {-0.35f, -0.9f}, {0.35f, 0.9f}})
                    offs.push_back({cw + dx * e.w, ch + dy * e.h});
            }
            if (c.kind == 0) {  // fewest covered symbols first (stable: keeps the preference order on ties)
                auto covered = [&](const LabelOffset& o) {
                    LabelBox b{float(p.x + o.dx), float(p.y + o.dy), float(p.x + o.dx + e.w), float(p.y + o.dy + e.h)};
                    int n = 0;
                    for (const auto& sb : symbol_boxes) n += overlaps(b, sb);
                    return n;
                };
                std::stable_sort(offs.begin(), offs.end(),
                                 [&](const LabelOffset& a, const LabelOffset& b) { return covered(a) < covered(b); });
            }
            LabelCandidate lc{i, float(p.x), float(p.y), e.w, e.h, c.prio, offs};
            if (auto placed = placer.place(lc, i)) {
                texts.push_back({c.text, {placed->box.x0, placed->box.y0}, c.st, Anchor::TopLeft});
                labels_.push_back({c.text, placed->box, c.kind});
            }
        }
    }

    // Draw symbols, then furniture geometry, then all text on top.
    if (sym.count() > 0) {
        glUseProgram(prog_sym_);
        set_view_uniform(prog_sym_, vu);
        glUniform2f(glGetUniformLocation(prog_sym_, "u_viewport"), float(tw), float(th));
        glUniform1f(glGetUniformLocation(prog_sym_, "u_stroke_px"), 1.2f * s);
        glBindVertexArray(symbols_.vao);
        glBindBuffer(GL_ARRAY_BUFFER, symbols_.vbo);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(sym.v.size() * sizeof(float)), sym.v.data(), GL_STREAM_DRAW);
    }
    if (!ui.v.empty()) {
        for (size_t i = 0; i < ui.v.size(); i += 6) { ui.v[i] -= float(tx); ui.v[i + 1] -= float(ty); }
        glUseProgram(prog_ui_);
        glUniform2f(glGetUniformLocation(prog_ui_, "u_viewport"), float(tw), float(th));
        glBindVertexArray(ui_.vao);
        glBindBuffer(GL_ARRAY_BUFFER, ui_.vbo);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(ui.v.size() * sizeof(float)), ui.v.data(), GL_STREAM_DRAW);
    }
    // Order: map symbols, furniture panels, legend symbols (appended last to the same batch).
    const int n_sym = sym.count();
    int n_map_sym = n_sym;
    // (legend symbols were appended after map symbols; count them)
    {
        int legend_syms = 0;
        if (view.furniture && view.layers.venues)
            for (int c = 0; c < geo::kCategoryCount; ++c) legend_syms += view.layers.categories[c] ? 1 : 0;
        n_map_sym = n_sym - legend_syms;
    }
    auto draw_sym = [&](int first, int count) {
        if (count <= 0) return;
        glUseProgram(prog_sym_);
        glBindVertexArray(symbols_.vao);
        glBindBuffer(GL_ARRAY_BUFFER, symbols_.vbo);
        const GLsizei st = 12 * sizeof(float);
        const size_t base = size_t(first) * st;
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (void*)(base));
        glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, st, (void*)(base + 2 * sizeof(float)));
        glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, st, (void*)(base + 3 * sizeof(float)));
        glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, st, (void*)(base + 4 * sizeof(float)));
        glVertexAttribPointer(4, 4, GL_FLOAT, GL_FALSE, st, (void*)(base + 8 * sizeof(float)));
        glDrawArraysInstanced(GL_TRIANGLES, 0, 6, count);
    };
    draw_sym(0, n_map_sym);
    if (!ui.v.empty()) {
        glUseProgram(prog_ui_);
        glBindVertexArray(ui_.vao);
        glDrawArrays(GL_TRIANGLES, 0, GLsizei(ui.v.size() / 6));
    }
    draw_sym(n_map_sym, n_sym - n_map_sym);
    for (const TextItem& t : texts) text_->add(t.s, float(t.at.x - tx), float(t.at.y - ty), t.st, t.a);
    text_->flush(tw, th);
    glBindVertexArray(0);
}

}  // namespace viewer
