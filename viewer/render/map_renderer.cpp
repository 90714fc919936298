#include "viewer/render/map_layers.h"

#include <algorithm>
#include <cmath>

#include "viewer/render/tessellate.h"

namespace viewer {

using geo::P2;

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

// Triangles (x, y pairs relative to the origin) into a mesh of their own: VAO, buffer, attribute 0, count.
void MapRenderer::upload_triangles(Mesh& m, const std::vector<float>& tri) {
    glGenVertexArrays(1, &m.vao);
    glGenBuffers(1, &m.vbo);
    glBindVertexArray(m.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(tri.size() * sizeof(float)), tri.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 8, nullptr);
    m.count = int(tri.size() / 2);
}

// A feature's triangles appended to tri (x, y relative to the origin), as the range they take.
MapRenderer::FeatureRange MapRenderer::append_fill(const geo::MultiPolygon& mp, std::vector<float>& tri) const {
    FeatureRange r;
    r.first = int(tri.size() / 2);
    tessellate(mp, origin_, tri);
    r.count = int(tri.size() / 2) - r.first;
    return r;
}

MapRenderer::MapRenderer(const geo::Dataset& d) : data_(d) {
    origin_ = d.twente_bbox.empty() ? P2{245000, 480000} : d.twente_bbox.centre();
    prog_poly_ = make_program("poly.vert.glsl", "poly.frag.glsl");
    prog_line_ = make_program("line.vert.glsl", "line.frag.glsl");
    prog_sym_ = make_program("symbol.vert.glsl", "symbol.frag.glsl");
    ui_ = std::make_unique<UiPainter>();
    text_ = std::make_unique<TextRenderer>();

    // Polygon fills: countries first, then municipalities; one VBO, a range per feature.
    std::vector<float> tri;
    auto add_fill = [&](const geo::MultiPolygon& mp) { return append_fill(mp, tri); };
    for (const auto& [name, mp] : d.countries) country_fill_.push_back(add_fill(mp));
    for (const auto& m : d.municipalities) muni_fill_.push_back(add_fill(m.geom));
    upload_triangles(fills_, tri);

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
    cpu_lines_[int(LineSet::Twente)] = geo::edges_once(tw);  // a shared boundary is drawn once, not once per neighbour
    cpu_lines_[int(LineSet::Context)] = geo::edges_once(ctx);
    cpu_lines_[int(LineSet::Province)] = prov;
    cpu_lines_[int(LineSet::Border)] = d.border_nl_de;
    cpu_lines_[int(LineSet::Rail)] = d.rail;
    cpu_lines_[int(LineSet::Countries)] = ctry;
    upload_lines(twente_lines_, cpu_lines_[int(LineSet::Twente)]);
    upload_lines(context_lines_, cpu_lines_[int(LineSet::Context)]);
    upload_lines(province_lines_, prov);
    upload_lines(border_lines_, d.border_nl_de);
    upload_lines(rail_lines_, d.rail);
    upload_lines(country_lines_, ctry);

    glGenVertexArrays(1, &symbols_.vao);
    glGenBuffers(1, &symbols_.vbo);
    glBindVertexArray(symbols_.vao);
    glBindBuffer(GL_ARRAY_BUFFER, symbols_.vbo);
    const GLsizei st = 12 * sizeof(float);
    glEnableVertexAttribArray(0); glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, st, (void*)0);
    glEnableVertexAttribArray(1); glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, st, (void*)(2 * sizeof(float)));
    glEnableVertexAttribArray(2); glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, st, (void*)(3 * sizeof(float)));
    glEnableVertexAttribArray(3); glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, st, (void*)(4 * sizeof(float)));
    glEnableVertexAttribArray(4); glVertexAttribPointer(4, 4, GL_FLOAT, GL_FALSE, st, (void*)(8 * sizeof(float)));
    for (int i = 0; i < 5; ++i) glVertexAttribDivisor(i, 1);
    glBindVertexArray(0);

    place_label_pos_.resize(d.places.size(), P2{NAN, NAN});
    wijk_label_pos_.resize(d.wijken.size(), P2{NAN, NAN});
    buurt_label_pos_.resize(d.buurten.size(), P2{NAN, NAN});
}

// Issue 13: the city-scale geometry (built-up fills, wijk boundaries), uploaded on the first frame that shows it,
// so that start-up does not pay for it.
bool MapRenderer::city_visible(const MapView& view, double mpp) const {
    return view.layers.places && (style_visible(StyleLayer::BuiltUp, mpp) || style_visible(StyleLayer::Industrial, mpp) ||
                                  style_visible(StyleLayer::WijkOutlines, mpp));
}

void MapRenderer::ensure_city_layers() {
    if (city_fills_.vao) return;
    std::vector<float> tri;
    auto add_fill = [&](const geo::MultiPolygon& mp) { return append_fill(mp, tri); };
    for (const auto& p : data_.places)
        if (p.type == "woonkern" || p.type == "deelkern") built_up_fill_.push_back({add_fill(p.geom), p.bbox, &p.geom});
    for (const auto& p : data_.industrial) industrial_fill_.push_back({add_fill(p.geom), p.bbox, &p.geom});
    upload_triangles(city_fills_, tri);
    std::vector<geo::LineString> wk;
    for (const auto& w : data_.wijken)
        for (const auto& poly : w.geom)
            for (const auto& r : poly.rings) {
                geo::LineString l = r;
                if (!l.empty()) l.push_back(l.front());
                wk.push_back(std::move(l));
            }
    cpu_lines_[int(LineSet::Wijk)] = geo::edges_once(wk);
    upload_lines(wijk_lines_, cpu_lines_[int(LineSet::Wijk)]);
    glBindVertexArray(0);
}

const P2& MapRenderer::area_label_pos(bool buurt, size_t i) {
    P2& p = buurt ? buurt_label_pos_[i] : wijk_label_pos_[i];
    if (std::isnan(p.x)) p = geo::label_point(buurt ? data_.buurten[i].geom : data_.wijken[i].geom);
    return p;
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
    user_gpu_.reset();
    text_.reset();
    ui_.reset();
    std::vector<Mesh*> meshes = {&fills_, &symbols_, &city_fills_};
    for (auto& m : muni_outline_)
        for (auto& l : m.lv) meshes.push_back(&l);
    for (LodMesh* lm : {&twente_lines_, &context_lines_, &province_lines_, &border_lines_, &rail_lines_, &country_lines_,
                        &wijk_lines_})
        for (auto& l : lm->lv) meshes.push_back(&l);
    for (Mesh* m : meshes) {
        if (m->vbo) glDeleteBuffers(1, &m->vbo);
        if (m->vao) glDeleteVertexArrays(1, &m->vao);
    }
    for (GLuint p : {prog_poly_, prog_line_, prog_sym_, prog_user_[0], prog_user_[1], prog_user_[2], prog_user_[3]})
        if (p) glDeleteProgram(p);
    if (empty_vao_) glDeleteVertexArrays(1, &empty_vao_);
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

// The one render path, layer by layer (each unit adds to the Frame what is drawn at the end; see map_layers.h).
void MapRenderer::render(const MapView& view, const RenderOptions& opt) {
    Frame f(view, opt);
    begin_frame(f);
    prepare_user_layers(f);  // drawn with the base layers (inside the pan cache), under the venue symbols
    draw_base_layers(f);
    add_map_symbols(f);
    labels_.clear();
    furniture_.clear();
    if (view.furniture) add_furniture(f);
    if (view.layers.labels) add_labels(f);
    add_user_labels(f);
    draw_batches(f);
}

TextStyle MapRenderer::Frame::text_style(float size, RGBA c, bool bold, float halo) const {
    const BaseColours& bc = base_colours();
    TextStyle t;
    t.size_px = size * s;
    t.rgba[0] = c.r; t.rgba[1] = c.g; t.rgba[2] = c.b; t.rgba[3] = c.a;
    t.halo_px = halo * s;
    t.halo_rgba[0] = bc.halo.r; t.halo_rgba[1] = bc.halo.g; t.halo_rgba[2] = bc.halo.b; t.halo_rgba[3] = bc.halo.a;
    t.bold = bold;
    return t;
}

// The tile camera, the level of detail and the fill colour of every municipality.
void MapRenderer::begin_frame(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const RenderOptions& opt = f.opt;
    const Camera& cam = f.cam;
    f.s = view.ui_scale;
    f.tx = opt.tile_w > 0 ? opt.tile_x : 0;
    f.ty = opt.tile_w > 0 ? opt.tile_y : 0;
    f.tw = opt.tile_w > 0 ? opt.tile_w : cam.w;
    f.th = opt.tile_w > 0 ? opt.tile_h : cam.h;
    const int tx = f.tx, ty = f.ty, tw = f.tw, th = f.th;
    Camera& tc = f.tc;
    tc = cam;
    tc.w = tw;
    tc.h = th;
    tc.centre = cam.to_world({tx + tw * 0.5, ty + th * 0.5});
    const P2 off = tc.centre - origin_;
    f.vu[0] = float(off.x);
    f.vu[1] = float(off.y);
    f.vu[2] = float(2.0 / (tw * tc.mpp));
    f.vu[3] = float(2.0 / (th * tc.mpp));
    f.tile_px = P2{double(tx), double(ty)};
    lod_ = cam.mpp < 6 ? 0 : cam.mpp < 40 ? 1 : 2;

    // Fill colour per municipality (also part of the pan cache's key).
    f.classes = choropleth_classes(view.choropleth);
    const ClassBreaks& classes = f.classes;
    std::vector<RGBA>& fill = f.fill;
    fill.resize(data_.municipalities.size());
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
    f.vb = tc.view_bbox();
    f.vpx = venue_symbol_px(view);
    f.margin = 12 * f.s;
}

// 4. Symbols: stations, venues (highlighted ones last and larger), sites.
void MapRenderer::add_map_symbols(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const Camera& tc = f.tc;
    const geo::BBox& vb = f.vb;
    const float s = f.s, vpx = f.vpx;
    SymbolBatch& sym = f.sym;
    if (view.layers.stations && cam.mpp < 120)
        for (const auto& st : data_.stations)
            if (vb.grown(200 * tc.mpp).contains(st.pos))
                sym.add(st.pos - origin_, 6 * s, 0, bc.station_fill, bc.rail);
    add_venue_symbols(f);  // merged or displaced, never hidden (issue 13; layer_labels.cpp)
    for (const auto& site : view.sites) {
        const auto& cs = category_style(site.category);
        sym.add(site.pos - origin_, vpx * 2.6f, 0, hex(0xffffff, 0.95f), bc.highlight);
        sym.add(site.pos - origin_, vpx * 1.9f, 0, hex(0xffffff, 0.95f), bc.highlight);
        sym.add(site.pos - origin_, vpx * 1.2f, 0, cs.fill, hex(0x222222));
    }
}

int MapRenderer::legend_symbol_count(const MapView& view) const {
    int n = 0;
    if (view.furniture && view.layers.venues)
        for (int c = 0; c < geo::kCategoryCount; ++c) n += view.layers.categories[c] ? 1 : 0;
    return n;
}

// Draws what the layers collected: map symbols, furniture geometry, legend symbols, then all text on top.
void MapRenderer::draw_batches(Frame& f) {
    const MapView& view = f.view;
    const float s = f.s;
    const int tx = f.tx, ty = f.ty, tw = f.tw, th = f.th;
    SymbolBatch& sym = f.sym;
    UiBatch& ui = f.ui;
    if (sym.count() > 0) {
        glUseProgram(prog_sym_);
        set_view_uniform(prog_sym_, f.vu);
        glUniform2f(glGetUniformLocation(prog_sym_, "u_viewport"), float(tw), float(th));
        glUniform1f(glGetUniformLocation(prog_sym_, "u_stroke_px"), 1.2f * s);
        glBindVertexArray(symbols_.vao);
        glBindBuffer(GL_ARRAY_BUFFER, symbols_.vbo);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(sym.v.size() * sizeof(float)), sym.v.data(), GL_STREAM_DRAW);
    }
    ui.shift(-tx, -ty);
    // Order: map symbols, furniture panels, legend symbols (appended last to the same batch).
    const int n_sym = sym.count();
    int n_map_sym = n_sym;
    n_map_sym = n_sym - legend_symbol_count(view);  // legend symbols were appended after the map's
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
    f.leaders.shift(-tx, -ty);
    if (!f.leaders.empty()) ui_->draw(f.leaders, tw, th);
    draw_sym(0, n_map_sym);
    ui_->draw(ui, tw, th);
    draw_sym(n_map_sym, n_sym - n_map_sym);
    texts_.clear();
    for (const Frame::TextItem& t : f.texts) {
        text_->add(t.s, float(t.at.x - tx), float(t.at.y - ty), t.st, t.a);
        texts_.push_back(t.s);
    }
    text_->flush(tw, th);
    glBindVertexArray(0);
}

}  // namespace viewer
