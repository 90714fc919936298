#include "viewer/render/map_layers.h"

#include <cmath>
#include <stdexcept>

namespace viewer {

using geo::P2;

// 1-3. Base layers: background, fills, overlay, lines -- from the pan cache when the window has one.
void MapRenderer::draw_base_layers(Frame& f) {
    const MapView& view = f.view;
    const RenderOptions& opt = f.opt;
    const std::vector<RGBA>& fill = f.fill;
    const int tw = f.tw, th = f.th;
    const Camera& tc = f.tc;
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
        glBindFramebuffer(GL_READ_FRAMEBUFFER, c.low_shown ? c.low.fbo : c.pic[c.cur].fbo);
        // The part of the picture to show (GL rows count from the bottom).
        const int ph = c.low_shown ? c.low.h : c.pic[c.cur].h;
        const int sx0 = c.src.x0, sy0 = ph - c.src.y1, sx1 = c.src.x1, sy1 = ph - c.src.y0;
        if (c.low_shown) {  // the half-resolution picture, scaled up to the screen
            glBlitFramebuffer(0, 0, c.low.w, c.low.h, 0, 0, tw, th, GL_COLOR_BUFFER_BIT, GL_LINEAR);
        } else if (c.interim) {  // what the old picture holds, magnified
            const geo::BBox& r = c.interim_rect;
            glBlitFramebuffer(sx0, sy0, sx1, sy1, int(std::lround(r.minx)), int(std::lround(th - r.maxy)),
                              int(std::lround(r.maxx)), int(std::lround(th - r.miny)), GL_COLOR_BUFFER_BIT, GL_LINEAR);
        } else {
            glBlitFramebuffer(sx0, sy0, sx1, sy1, 0, 0, tw, th, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(target));
        glViewport(0, 0, tw, th);
    } else {
        if (opt.cache) opt.cache->clear();
        draw_base(view, opt, tc, fill);
    }
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

// Background, fills, overlay and lines through the tile camera `tc` into the bound framebuffer (all of it,
// or what the scissor lets through). parts: kBaseBelow the background and the fills, kBaseAbove the overlay, the
// lines and the user's layers over them, kBaseAll both.
void MapRenderer::draw_base(const MapView& view, const RenderOptions& opt, const Camera& tc,
                            const std::vector<RGBA>& fill, int parts) {
    const geo::BBox vb = tc.view_bbox();
    const P2 off = tc.centre - origin_;
    const int tw = tc.w, th = tc.h;
    const float vu[4] = {float(off.x), float(off.y), float(2.0 / (tw * tc.mpp)), float(2.0 / (th * tc.mpp))};
    glViewport(0, 0, tw, th);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (opt.clear && (parts & kBaseBelow)) {
        const RGBA bg = backdrop(view);
        glClearColor(bg.r, bg.g, bg.b, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }

    // 1. Fills: opaque, so blending is off (llvmpipe then skips reading the framebuffer), each pixel drawn ~once.
    // 2. Overlays (heatmaps). 3. Lines. In the order of base_plan, which the vector export follows too.
    bool filling = false;
    if (city_visible(view, view.cam.mpp)) ensure_city_layers();  // base_plan lists its areas
    for (const BaseOp& op : base_plan(view, bool(opt.overlay), vb, fill)) {
        const bool below = op.kind == BaseOp::CountryFill || op.kind == BaseOp::MuniFill ||
                           op.kind == BaseOp::BuiltUpFill || op.kind == BaseOp::IndustrialFill;
        if (!(parts & (below ? kBaseBelow : kBaseAbove))) continue;
        if ((op.kind == BaseOp::CountryFill || op.kind == BaseOp::MuniFill) != filling) {
            filling = !filling;
            if (filling) {
                glDisable(GL_BLEND);
                glUseProgram(prog_poly_);
                set_view_uniform(prog_poly_, vu);
                glBindVertexArray(fills_.vao);
            } else {
                glEnable(GL_BLEND);
            }
        }
        switch (op.kind) {
            case BaseOp::CountryFill: draw_fill(country_fill_[op.index], op.c, vu); break;
            case BaseOp::MuniFill: draw_fill(muni_fill_[op.index], op.c, vu); break;
            case BaseOp::BuiltUpFill:
            case BaseOp::IndustrialFill: {  // translucent veils: blending on (the fills above turned it off)
                glUseProgram(prog_poly_);
                set_view_uniform(prog_poly_, vu);
                glBindVertexArray(city_fills_.vao);
                const auto& areas = op.kind == BaseOp::BuiltUpFill ? built_up_fill_ : industrial_fill_;
                draw_fill(areas[op.index].range, op.c, vu);
                break;
            }
            case BaseOp::Overlay:
                opt.overlay(tc);
                glViewport(0, 0, tw, th);
                glEnable(GL_BLEND);
                glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
                break;
            case BaseOp::Lines: {
                const LodMesh& m = op.set == LineSet::MuniOutline ? muni_outline_[op.index] : line_mesh(op.set);
                draw_lines(m, op.c, op.width, vu, tw, th, op.dash, op.gap);
                break;
            }
        }
    }
    if (parts & kBaseAbove) draw_user_layers(view, tc);  // 3b. the user's layers (layer_user.cpp), in the picture too
    glEnable(GL_BLEND);
}

const MapRenderer::LodMesh& MapRenderer::line_mesh(LineSet set) const {
    switch (set) {
        case LineSet::Countries: return country_lines_;
        case LineSet::Context: return context_lines_;
        case LineSet::Twente: return twente_lines_;
        case LineSet::Province: return province_lines_;
        case LineSet::Border: return border_lines_;
        case LineSet::Rail: return rail_lines_;
        case LineSet::Wijk: return wijk_lines_;
        case LineSet::MuniOutline: break;
    }
    return twente_lines_;
}

// The base layers in drawing order: what to fill and stroke, in which colour and width (the one list of them).
std::vector<BaseOp> MapRenderer::base_plan(const MapView& view, bool overlay, const geo::BBox& vb,
                                           const std::vector<RGBA>& fill) const {
    const BaseColours& bc = base_colours();
    const float s = view.ui_scale;
    std::vector<BaseOp> ops;
    auto lines = [&](LineSet set, RGBA c, float w, float dash = 0, float gap = 0, size_t index = 0) {
        BaseOp op;
        op.kind = BaseOp::Lines;
        op.set = set;
        op.index = index;
        op.c = c;
        op.width = w;
        op.dash = dash;
        op.gap = gap;
        ops.push_back(op);
    };
    // 1. Fills. Germany's colour is the backdrop (the clear colour).
    // Decided by the whole view, not by vb (a tile of it, or the pan cache's picture with its margin): every part of
    // one picture draws the same layers.
    const geo::BBox whole = view.cam.view_bbox();
    const bool beyond_region =
        !(data_.region_bbox.contains({whole.minx, whole.miny}) && data_.region_bbox.contains({whole.maxx, whole.maxy}));
    if (view.layers.countries && beyond_region)  // only when the view leaves the area the municipalities cover
        for (size_t i = 0; i < data_.countries.size(); ++i)
            if (data_.countries[i].first != "Germany")
                ops.push_back({BaseOp::CountryFill, i, LineSet::Countries,
                               data_.countries[i].first == "Netherlands" ? bc.netherlands : bc.germany});
    for (size_t i = 0; i < data_.municipalities.size(); ++i)
        if (data_.municipalities[i].bbox.intersects(vb)) ops.push_back({BaseOp::MuniFill, i, LineSet::Countries, fill[i]});
    // Issue 13: built-up areas at city scale, a quiet veil over the municipality fills (the places layer).
    const bool city = city_visible(view, view.cam.mpp);
    if (city) {
        const MapStyle& ms = map_style();
        auto veil = [&](const std::vector<AreaFill>& areas, StyleLayer l, RGBA c, BaseOp::Kind k) {
            if (!style_visible(l, view.cam.mpp)) return;
            for (size_t i = 0; i < areas.size(); ++i)
                if (areas[i].bbox.intersects(vb)) ops.push_back({k, i, LineSet::Countries, c});
        };
        veil(built_up_fill_, StyleLayer::BuiltUp, ms.built_up, BaseOp::BuiltUpFill);
        veil(industrial_fill_, StyleLayer::Industrial, ms.industrial, BaseOp::IndustrialFill);
    }
    // 2. Overlays (heatmaps).
    if (overlay) {
        BaseOp op;
        op.kind = BaseOp::Overlay;
        ops.push_back(op);
    }
    // 3. Lines (issue 13: the wijk boundaries first, at city scale, thin and light).
    if (city && style_visible(StyleLayer::WijkOutlines, view.cam.mpp)) lines(LineSet::Wijk, hex(0xffffff, 0.75f), 1.1f * s);
    if (view.layers.countries) lines(LineSet::Countries, bc.context_outline, 0.8f * s);
    if (view.layers.context) lines(LineSet::Context, bc.context_outline, 0.8f * s);
    if (view.layers.outlines) lines(LineSet::Twente, bc.municipality_outline, 1.6f * s);
    if (view.layers.province) lines(LineSet::Province, bc.province_outline, 1.2f * s, 6 * s, 3 * s);
    if (view.layers.border) {
        lines(LineSet::Border, hex(0xffffff, 0.7f), 4.0f * s);
        lines(LineSet::Border, bc.border, 1.8f * s, 10 * s, 3 * s);
    }
    if (view.layers.rail) {
        lines(LineSet::Rail, hex(0xffffff, 0.8f), 3.2f * s);
        lines(LineSet::Rail, bc.rail, 1.6f * s);
    }
    if (!view.highlight_municipality.empty())
        for (size_t i = 0; i < data_.municipalities.size(); ++i)
            if (data_.municipalities[i].code == view.highlight_municipality)
                lines(LineSet::MuniOutline, bc.highlight, 3.0f * s, 0, 0, i);
    return ops;
}

// The pan cache (BaseCache in map_renderer.h): the picture is the view plus a margin on every side. A pan by whole
// pixels that stays inside what the picture holds is only a blit of another part of it; one that reaches past it
// draws the strips it needs plus a margin ahead (in place), and one that leaves the picture re-centres it (the old
// part shifted in with a blit). Otherwise the view is drawn anew -- only the view, the margin follows on the first
// pan. Leaves the picture in cache.pic[cache.cur] and what to show of it in cache.src.
void MapRenderer::draw_base_cached(const MapView& view, const RenderOptions& opt, const std::vector<RGBA>& fill,
                                   BaseCache& cache) {
    const Camera& cam = view.cam;
    const int w = cam.w, h = cam.h;
    // Everything else the base layers depend on: layers, line widths, fill colours, highlight, overlay, user layers.
    std::string key;
    auto put = [&](const void* p, size_t n) { key.append(static_cast<const char*>(p), n); };
    const LayerToggles& L = view.layers;
    const bool flags[] = {L.countries, L.context, L.outlines, L.province, L.border, L.rail, L.places};
    put(flags, sizeof flags);
    put(&view.ui_scale, sizeof view.ui_scale);
    for (const RGBA& c : fill) put(&c, sizeof c);
    key += view.highlight_municipality + '\n' + (opt.overlay ? opt.overlay_key : std::string()) + '\n' + user_key_;

    // The same scale and view size as the picture (geom), and also the same layers, colours and overlay (same).
    const bool geom = cache.cur >= 0 && cache.view_w == w && cache.view_h == h && cache.cam.mpp == cam.mpp;
    const bool same = geom && cache.key == key;
    int ox = 0, oy = 0;  // the view's top-left corner in the picture (px, y down)
    bool aligned = false;
    if (geom) {
        const P2 o = cache.cam.to_screen(cam.to_world({0, 0}));
        ox = int(std::lround(o.x));
        oy = int(std::lround(o.y));
        aligned = std::abs(o.x - ox) < 1e-3 && std::abs(o.y - oy) < 1e-3;
    }
    const BaseCache::Rect V{ox, oy, ox + w, oy + h};
    if (same && aligned && cache.valid.contains(V)) {  // the picture holds it: a blit of that part
        ++cache.stats.reused;
        cache.interim = false;
        cache.low_shown = false;
        cache.src = V;
        return;
    }
    // Zooming in (RenderOptions::moving): what the picture holds, magnified at most 2x, still covers the screen --
    // show it scaled for this frame (render() blits it) and redraw once the movement stops.
    if (!aligned && opt.moving && cache.cur >= 0 && cache.key == key && cache.view_w == w && cache.view_h == h &&
        cam.mpp < cache.cam.mpp && cam.mpp * 2 >= cache.cam.mpp) {
        const BaseCache::Rect& r = cache.valid;
        const P2 a = cam.to_screen(cache.cam.to_world({double(r.x0), double(r.y0)}));
        const P2 b = cam.to_screen(cache.cam.to_world({double(r.x1), double(r.y1)}));
        if (a.x <= 0 && a.y <= 0 && b.x >= w && b.y >= h) {
            ++cache.stats.interim;
            cache.interim = true;
            cache.low_shown = false;
            cache.src = r;
            cache.interim_rect = {a.x, a.y, b.x, b.y};
            return;
        }
    }
    cache.low_shown = false;
    // Zooming out or flying, nothing to shift or magnify: half resolution for this frame (see BaseCache::low). The
    // line widths scale with it (ui_scale and the overlay's Camera::px_scale halved): the same widths on screen.
    if (!(same && aligned) && opt.moving && w >= 64 && h >= 64) {
        const int lw = (w + 1) / 2, lh = (h + 1) / 2;
        if ((cache.low.w == lw && cache.low.h == lh) || cache.low.create(lw, lh, 0)) {
            MapView lv = view;
            lv.cam.w = lw;
            lv.cam.h = lh;
            lv.cam.mpp = cam.mpp * double(w) / lw;
            lv.ui_scale = view.ui_scale * float(lw) / float(w);
            lv.cam.px_scale = float(lw) / float(w);
            cache.low.bind();
            draw_base(lv, opt, lv.cam, fill);
            ++cache.stats.low;
            cache.cur = -1;  // the next still frame draws the sharp picture anew
            cache.interim = true;
            cache.low_shown = true;
            return;
        }
    }
    cache.interim = false;
    const int m = BaseCache::margin(w, h), pw = w + 2 * m, ph = h + 2 * m;
    // Draws the picture's rectangle r (px, y down) through the picture camera pc, scissored.
    auto draw_rect = [&](const Camera& pc, const BaseCache::Rect& r, int parts = kBaseAll) {
        if (r.empty()) return;
        glEnable(GL_SCISSOR_TEST);
        glScissor(r.x0, ph - r.y1, r.x1 - r.x0, r.y1 - r.y0);  // GL rows count from the bottom
        draw_base(view, opt, pc, fill, parts);
        glDisable(GL_SCISSOR_TEST);
    };
    // Grows what `target` holds (`held`, camera pc; it overlaps v) to hold the rectangle v and `ahead` px more on
    // the sides it grows: the strips around it, drawn with `parts`.
    auto grow = [&](RenderTarget& target, BaseCache::Rect& held, const Camera& pc, const BaseCache::Rect& v, int ahead,
                    int parts) {
        const BaseCache::Rect o = held;
        BaseCache::Rect n = o;
        if (v.x0 < o.x0) n.x0 = std::max(0, v.x0 - ahead);
        if (v.y0 < o.y0) n.y0 = std::max(0, v.y0 - ahead);
        if (v.x1 > o.x1) n.x1 = std::min(pw, v.x1 + ahead);
        if (v.y1 > o.y1) n.y1 = std::min(ph, v.y1 + ahead);
        target.bind();
        draw_rect(pc, {n.x0, n.y0, o.x0, n.y1}, parts);  // left
        draw_rect(pc, {o.x1, n.y0, n.x1, n.y1}, parts);  // right
        draw_rect(pc, {o.x0, n.y0, o.x1, o.y0}, parts);  // top
        draw_rect(pc, {o.x0, o.y1, o.x1, n.y1}, parts);  // bottom
        held = n;
    };
    // Grows cache.valid (in pic[cur]) to hold the view rectangle v and a margin ahead of the move.
    auto extend = [&](const Camera& pc, const BaseCache::Rect& v) {
        grow(cache.pic[cache.cur], cache.valid, pc, v, m, kBaseAll);
        ++cache.stats.extended;
    };
    // Draws the view's rectangle v anew into pic (camera pc). The background and fills under the overlay are kept
    // apart (cache.below): a new surface, a style or a line layer copies them instead of drawing them.
    auto redraw = [&](RenderTarget& pic, const Camera& pc, const BaseCache::Rect& v) {
        ++cache.stats.full;
        std::string bkey;
        auto putb = [&](const void* p, size_t n) { bkey.append(static_cast<const char*>(p), n); };
        const bool bflags[] = {L.countries, L.context, L.places};
        putb(bflags, sizeof bflags);
        for (const RGBA& c : fill) putb(&c, sizeof c);
        const RGBA bg = backdrop(view);
        putb(&bg, sizeof bg);
        const double pcam[] = {pc.centre.x, pc.centre.y, pc.mpp, double(pw), double(ph)};
        putb(pcam, sizeof pcam);
        auto copy = [&](GLuint from, GLuint to) {  // v, picture to picture (a plain copy)
            glBindFramebuffer(GL_READ_FRAMEBUFFER, from);
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to);
            glBlitFramebuffer(v.x0, ph - v.y1, v.x1, ph - v.y0, v.x0, ph - v.y1, v.x1, ph - v.y0, GL_COLOR_BUFFER_BIT,
                              GL_NEAREST);
        };
        const bool keep_below = opt.clear && cache.below_fbo_ok(pw, ph);  // (creating it binds framebuffer 0)
        pic.bind();
        if (keep_below && cache.below_key == bkey && cache.below_valid.overlaps(v)) {
            ++cache.stats.below_reused;  // after a pan: the strips it lacks first
            if (!cache.below_valid.contains(v)) grow(cache.below, cache.below_valid, pc, v, 0, kBaseBelow);
            copy(cache.below.fbo, pic.fbo);
            pic.bind();
            draw_rect(pc, v, kBaseAbove);
        } else if (keep_below) {
            draw_rect(pc, v, kBaseBelow);
            copy(pic.fbo, cache.below.fbo);
            cache.below_key = std::move(bkey);
            cache.below_valid = v;
            pic.bind();
            draw_rect(pc, v, kBaseAbove);
        } else {
            draw_rect(pc, v);
        }
        cache.valid = v;
        cache.src = v;
    };
    const bool inside = aligned && V.x0 >= 0 && V.y0 >= 0 && V.x1 <= pw && V.y1 <= ph;
    if (same && inside && cache.valid.overlaps(V)) {
        ++cache.stats.reused;  // inside the picture, partly beyond what it holds
        extend(cache.cam, V);
        cache.src = V;
        return;
    }
    if (!same && inside) {  // something else changed, the view is inside the picture: redrawn where it is
        cache.key = std::move(key);
        redraw(cache.pic[cache.cur], cache.cam, V);
        return;
    }
    // A new picture centred on the view (the view at (m, m)).
    Camera pc = cam;
    pc.w = pw;
    pc.h = ph;
    const BaseCache::Rect at{m, m, m + w, m + h};
    const int dst = cache.cur == 0 ? 1 : 0;
    RenderTarget& pic = cache.pic[dst];
    if ((pic.w != pw || pic.h != ph) && !pic.create(pw, ph, 0)) {
        cache.clear();
        throw std::runtime_error("map: cannot allocate a " + std::to_string(pw) + "x" + std::to_string(ph) +
                                 " picture for the pan cache");
    }
    BaseCache::Rect kept;  // what the old picture holds, where it lands in the new one
    if (same && aligned) {
        const int dx = m - ox, dy = m - oy;
        const BaseCache::Rect& o = cache.valid;
        kept = {std::max(0, o.x0 + dx), std::max(0, o.y0 + dy), std::min(pw, o.x1 + dx), std::min(ph, o.y1 + dy)};
        if (!kept.overlaps(at)) kept = {};
        if (!kept.empty()) {  // re-centre: shift what it holds into the new picture
            glBindFramebuffer(GL_READ_FRAMEBUFFER, cache.pic[cache.cur].fbo);
            glBindFramebuffer(GL_DRAW_FRAMEBUFFER, pic.fbo);
            glBlitFramebuffer(kept.x0 - dx, ph - (kept.y1 - dy), kept.x1 - dx, ph - (kept.y0 - dy), kept.x0, ph - kept.y1,
                              kept.x1, ph - kept.y0, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        }
    }
    cache.cur = dst;
    cache.cam = pc;
    cache.view_w = w;
    cache.view_h = h;
    cache.key = std::move(key);
    cache.src = at;
    if (!kept.empty()) {
        ++cache.stats.reused;
        cache.valid = kept;
        extend(pc, at);
    } else {
        redraw(pic, pc, at);  // the view only: a redraw costs what it did without the margin
    }
}

}  // namespace viewer
