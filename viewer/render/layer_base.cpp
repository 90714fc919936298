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
    // Issue 13: built-up areas at city scale, a quiet veil over the municipality fills (the places layer).
    const bool city = view.layers.places && (style_visible(StyleLayer::BuiltUp, tc.mpp) ||
                                             style_visible(StyleLayer::Industrial, tc.mpp) ||
                                             style_visible(StyleLayer::WijkOutlines, tc.mpp));
    if (city) {
        ensure_city_layers();
        const MapStyle& ms = map_style();
        glUseProgram(prog_poly_);
        glBindVertexArray(city_fills_.vao);
        auto veil = [&](const std::vector<AreaFill>& areas, StyleLayer l, RGBA c) {
            if (!style_visible(l, tc.mpp)) return;
            for (const AreaFill& a : areas)
                if (a.bbox.intersects(vb)) draw_fill(a.range, c, vu);
        };
        veil(built_up_fill_, StyleLayer::BuiltUp, ms.built_up);
        veil(industrial_fill_, StyleLayer::Industrial, ms.industrial);
    }

    // 2. Overlays (heatmaps).
    if (opt.overlay) {
        opt.overlay(tc);
        glViewport(0, 0, tw, th);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    }

    // 3. Lines (issue 13: the wijk boundaries first, at city scale, thin and light).
    if (city && style_visible(StyleLayer::WijkOutlines, tc.mpp))
        draw_lines(wijk_lines_, hex(0xffffff, 0.75f), 1.1f * s, vu, tw, th);
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
    const bool flags[] = {L.countries, L.context, L.outlines, L.province, L.border, L.rail, L.places};
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

}  // namespace viewer
