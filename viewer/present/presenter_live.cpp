// Live questions (issue 14): "what if the Dome were in Almelo?" asked during the talk. V starts one at the
// current scene; the speaker clicks to drop a what-if site or to pick one up and put it elsewhere, and the scene's
// heatmap and its figure are computed again (PresenterHooks::live_figure, through the same analysis as the
// scenes) and shown on the audience picture and the speaker's view, marked as live. The scene itself, its cached
// pictures and the scenes file stay as they are: the next key shows the scene exactly as written again. S saves
// the live scene as a new scene after the current one.
#include "viewer/present/presenter_parts.h"

#include <algorithm>
#include <cmath>

#include "geo/core/crs.h"
#include "geo/population/population.h"
#include "viewer/model/i18n.h"
#include "viewer/render/ui_batch.h"

namespace viewer {

using geo::BBox;
using geo::P2;

namespace {

const RGBA kLive = hex(0x0072B2);  // Okabe-Ito blue: what is live, not in the script

// Whether the heatmap changes with what-if sites (the others refuse them: scene_heatmap_params).
bool takes_sites(const Scene& s) {
    return s.heatmap && (s.heatmap->measure == Metric::TravelTime || s.heatmap->measure == Metric::Reach);
}

// The category a dropped site gets: the heatmap's, else the first highlighted venue's, else the first site's,
// else the composite's heaviest weight, else a third place (the strategy's subject).
std::string site_category(const Scene& s, const geo::Dataset& d) {
    if (s.heatmap && !s.heatmap->category.empty()) return s.heatmap->category;
    for (const auto& id : s.venues)
        for (const auto& v : d.venues)
            if (v.id == id) return geo::category_key(v.category);
    if (!s.whatif.empty()) return s.whatif.front().category;
    if (s.heatmap && s.heatmap->measure == Metric::Composite) {
        int best = -1;
        for (int c = 0; c < geo::kCategoryCount; ++c)
            if (s.heatmap->weights[size_t(c)] > 0 && (best < 0 || s.heatmap->weights[size_t(c)] > s.heatmap->weights[size_t(best)]))
                best = c;
        if (best >= 0) return geo::category_key(geo::Category(best));
    }
    return geo::category_key(geo::Category::ThirdPlace);
}

// A site at RD point p, stored as the scenes file writes it (lon/lat rounded to 6 decimals, ~0.1 m), so that a
// saved live scene loads back at exactly the position shown.
WhatIf site_at(const std::string& category, const Bilingual& label, P2 p) {
    WhatIf w;
    w.category = category;
    w.label = label;
    const P2 ll = geo::rd_to_wgs84(p);
    w.wgs84 = true;
    w.lon = std::round(ll.x * 1e6) / 1e6;
    w.lat = std::round(ll.y * 1e6) / 1e6;
    w.pos = geo::wgs84_to_rd(w.lon, w.lat);
    return w;
}

}  // namespace

bool Presenter::live_begin() {
    if (deck_.scenes.empty()) return false;
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    free_cam_.reset();
    free_image_.reset();
    live_ = deck_.scenes[size_t(nav_.current())];
    live_sel_ = -1;
    live_dirty_ = true;
    live_figure_.clear();
    live_asked_.reset();
    live_dropped_.assign(live_->whatif.size(), false);
    if (hooks_.live_reset) hooks_.live_reset();
    return true;
}

void Presenter::live_end() {
    live_.reset();
    live_sel_ = -1;
    live_dirty_ = false;
    live_image_.reset();
    live_figure_.clear();
    live_asked_.reset();
    live_dropped_.clear();
    live_band_text_.clear();
    if (hooks_.live_reset) hooks_.live_reset();
}

bool Presenter::live_click(P2 px) {
    if (!live_ || deck_.scenes.empty()) return false;
    const CaptionLayout& lay = layout(nav_.current());
    const Camera& cam = lay.cam;
    if (lay.panel.contains(px) || px.x < 0 || px.y < 0 || px.x >= w_ || px.y >= h_) return false;
    const P2 at = cam.to_world(px);
    int c = 0, r = 0;
    if (!geo::region_grid(data_).cell_of(at, c, r)) {
        set_message(tr("Outside the analysis area: place the site closer to Twente."), true, 4);
        return false;
    }
    Scene& s = *live_;
    const double R = 13 * ui_scale_;
    // What is under the click: a site (its dashed ring), or a reach scene's highlighted venue (its catchment).
    int hit = -1;
    double best = 1.9 * R;
    for (size_t i = 0; i < s.whatif.size(); ++i)
        if (const double d = std::hypot(cam.to_screen(s.whatif[i].pos).x - px.x, cam.to_screen(s.whatif[i].pos).y - px.y); d < best) {
            best = d;
            hit = int(i);
        }
    const geo::Venue* subject = nullptr;
    if (s.heatmap && s.heatmap->measure == Metric::Reach && !s.venues.empty())
        for (const auto& v : data_.venues)
            if (v.id == s.venues.front()) subject = &v;
    if (hit < 0 && subject && std::hypot(cam.to_screen(subject->pos).x - px.x, cam.to_screen(subject->pos).y - px.y) < 1.9 * R)
        hit = -2;
    live_dropped_.resize(s.whatif.size(), false);
    if (live_sel_ != -1) {  // the second click: put the picked-up site here (or, on itself, put it down again)
        const int sel = live_sel_;
        live_sel_ = -1;
        if (hit == sel && sel >= 0 && live_dropped_[size_t(sel)]) {
            // On itself, a site dropped during the question is removed. With no dropped site left, what the
            // drops changed (the heatmap made travel time, the catchment's venue let go) is the scene's again.
            s.whatif.erase(s.whatif.begin() + sel);
            live_dropped_.erase(live_dropped_.begin() + sel);
            if (std::find(live_dropped_.begin(), live_dropped_.end(), true) == live_dropped_.end()) {
                const Scene& scripted = deck_.scenes[size_t(nav_.current())];
                s.heatmap = scripted.heatmap;
                const bool venue_moved = s.whatif.size() > scripted.whatif.size();  // it became a site (below)
                s.venues = scripted.venues;
                if (venue_moved && !s.venues.empty()) s.venues.erase(s.venues.begin());
            }
            live_dirty_ = true;
            return true;
        }
        if (hit == sel) return true;
        if (sel == -2 && subject) {  // the catchment's venue moves: it becomes a site of its category
            s.whatif.insert(s.whatif.begin(), site_at(geo::category_key(subject->category), {subject->name, subject->name}, at));
            live_dropped_.insert(live_dropped_.begin(), false);
            s.venues.erase(s.venues.begin());
        } else if (sel >= 0 && size_t(sel) < s.whatif.size()) {
            s.whatif[size_t(sel)] = site_at(s.whatif[size_t(sel)].category, s.whatif[size_t(sel)].label, at);
        }
        live_dirty_ = true;
        return true;
    }
    if (hit != -1) {  // pick it up
        live_sel_ = hit;
        return true;
    }
    // Drop a new site. A heatmap that cannot take one becomes the travel time to the site's category.
    const std::string cat = site_category(s, data_);
    if (!takes_sites(s)) {
        HeatmapSpec h;
        h.measure = Metric::TravelTime;
        h.category = cat;
        if (s.heatmap) {
            h.mode = s.heatmap->mode;
            h.threshold_min = s.heatmap->threshold_min;
            h.population = s.heatmap->population;
        }
        s.heatmap = h;
    }
    const WhatIf w = site_at(cat, {"Wat als?", "What if?"}, at);
    if (s.heatmap->measure == Metric::Reach) {
        // The catchment follows the new site: it goes first, and a highlighted venue no longer decides it.
        s.whatif.insert(s.whatif.begin(), w);
        live_dropped_.insert(live_dropped_.begin(), true);
        s.venues.clear();
    } else {
        s.whatif.push_back(w);
        live_dropped_.push_back(true);
    }
    live_dirty_ = true;
    return true;
}

const std::string& Presenter::live_figure() {
    live_prepare(true);
    return live_figure_;
}

// The figure, the caption layout and the picture of the live scene, made again when it changed. Until something
// changed the live scene is the scene as written and nothing is computed; its picture differs from the scene's
// snapshot only by the room it leaves for the band.
void Presenter::live_prepare(bool block) {
    check_lang();
    if (!live_ || !live_dirty_) return;
    const int cur = nav_.current();
    const Scene& scripted = deck_.scenes[size_t(cur)];
    const bool changed = !same_content(*live_, scripted);
    if (changed && hooks_.live_figure_try && !block) {
        // Not blocking the frame loop: the worker computes, the band says so, and the frame after the figure
        // is ready draws it. A live scene changed meanwhile (another click) starts over.
        if (!live_asked_ || !same_content(*live_asked_, *live_)) {
            if (hooks_.live_reset) hooks_.live_reset();  // memory: only the present live scene's surfaces are kept
            live_asked_ = *live_;
        }
        std::optional<std::string> f = hooks_.live_figure_try(*live_, scripted);
        if (!f) return;
        live_figure_ = std::move(*f);
    } else {
        if (hooks_.live_reset) hooks_.live_reset();
        live_figure_ = changed && hooks_.live_figure ? hooks_.live_figure(*live_, scripted) : std::string();
    }
    live_asked_.reset();
    live_dirty_ = false;
    // The scene's layout and camera (the map does not move). A change puts the live figure in place of the note
    // line; the panel grows away from the screen edge when the figure needs more lines than the note had.
    CaptionLayout L = layout(cur);
    auto grow = [&](float extra, bool text_too = true) {
        if (extra <= 0) return;
        if (L.side == PanelSide::Bottom) {
            L.panel.miny -= extra;
            if (text_too) L.text_at.y -= extra;
            L.inset_bottom += extra;
        } else {
            L.panel.maxy = std::min(double(h_), L.panel.maxy + extra);
        }
    };
    if (changed) {
        const std::string note = std::string(tr("Live, not in the script: ")) +
                                 (live_figure_.empty() ? std::string(tr("What if?")) : live_figure_);
        const float width = float(L.panel.maxx - L.pad - L.text_at.x);
        const std::string wrapped = wrap_text(note, std::max(50.f, width), L.small_px, true, *text_);
        const float old_h = L.note.empty() ? 0.f : 0.5f * L.small_px + text_->measure(L.note, L.small_px).h;
        grow(0.5f * L.small_px + text_->measure(wrapped, L.small_px, true).h - old_h);
        L.note = wrapped;
        L.live = true;
    }
    // The band that says how a live question works: on the panel's map-side edge (above a bottom panel, below a
    // top one); beside a side panel, along the bottom of the map.
    const float px = std::max(11.f, kSmallFrac * float(h_)), pad = 0.55f * px;
    const bool side = L.side == PanelSide::Left || L.side == PanelSide::Right;
    const double x0 = side ? L.free.minx : L.panel.minx, x1 = side ? L.free.maxx : L.panel.maxx;
    const float head_w = text_->measure(tr("Live question"), px, true).w;
    float bh = 0;  // tall enough for either hint
    for (int picked : {0, 1, 2})
        bh = std::max(bh, text_->measure(wrap_text(live_band_hint(picked), float(x1 - x0) - head_w - 5 * pad, px, false, *text_), px).h);
    bh += 2 * pad;
    const float hb = std::max(2.f, 0.004f * float(h_));  // the progress bar along the bottom edge stays visible
    if (L.side == PanelSide::Bottom) {
        L.live_band = {x0, L.panel.miny - bh, x1, L.panel.miny};
        grow(bh, false);
    } else if (L.side == PanelSide::Top) {
        L.live_band = {x0, L.panel.maxy, x1, L.panel.maxy + bh};
        grow(bh);
    } else {
        L.live_band = {x0, h_ - hb - bh, x1, h_ - hb};
        L.inset_bottom = std::max(L.inset_bottom, bh + hb);
    }
    live_layout_ = std::move(L);
    if (!live_image_) live_image_ = std::make_unique<Image>();
    render_picture(*live_, live_layout_.cam, true, &live_layout_, *live_image_, opt_.snapshot_samples);
}

std::string Presenter::live_save() {
    if (!live_) return tr("no live question");
    Scene s = *live_;
    s.id.clear();
    s.title = {"Live-vraag: wat als?", "Live question: what if?"};
    s.caption = {};
    s.notes = {"Bewaard tijdens de presentatie (live-vraag).", "Saved during the presentation (live question)."};
    s.line = 0;
    live_end();
    insert_after_current(std::move(s));
    return deck_.path.empty() ? std::string(tr("no file")) : save_deck(deck_, deck_.path);
}

// What the band says: how to place and move a site (or, with a site picked up, where to click), and the keys.
// picked: 0 nothing picked up, 1 a site of the scene (on itself: put back), 2 a dropped site (on itself: removed).
std::string Presenter::live_band_hint(int picked) const {
    const std::string hint = picked == 2   ? std::string(tr("click where the site should go (on itself: remove it)"))
                             : picked == 1 ? std::string(tr("click where the site should go (on itself: put it back)"))
                                           : std::string(tr("click the map to place a site")) + " \u00b7 " +
                                                 tr("click a site, then elsewhere, to move it");
    return hint + " \u00b7 " + tr("S saves it as a new scene") + " \u00b7 " + tr("Esc or \u2192 back to the scene");
}

// The calm band of a live question (its place: live_prepare), and a ring in the live colour round a picked-up site.
void Presenter::draw_live_band() {
    if (!live_image_ || !live_image_->ready) return;
    const CaptionLayout& lay = live_layout_;
    UiBatch t;
    if (live_sel_ != -1 && live_) {
        P2 at{-1e9, -1e9};
        if (live_sel_ >= 0 && size_t(live_sel_) < live_->whatif.size()) at = live_->whatif[size_t(live_sel_)].pos;
        else if (live_sel_ == -2 && !live_->venues.empty())
            for (const auto& v : data_.venues)
                if (v.id == live_->venues.front()) at = v.pos;
        const P2 p = lay.cam.to_screen(at);
        const float R = 13 * ui_scale_;
        t.arc(p, 2.0 * R, 2.0 * R + 3 * ui_scale_, 0, 2 * M_PI, 48, kLive);
    }
    const float px = std::max(11.f, kSmallFrac * float(h_)), pad = 0.55f * px;
    const BBox& b = lay.live_band;
    const std::string head = tr("Live question");
    const int picked = live_sel_ == -1 ? 0
                       : live_sel_ >= 0 && size_t(live_sel_) < live_dropped_.size() && live_dropped_[size_t(live_sel_)] ? 2
                                                                                                            : 1;
    // While the figure is computed (live_computing) the band says only that: a calm line, the picture as it was.
    const std::string body = live_computing() ? std::string(tr("computing\u2026"))
                                              : wrap_text(live_band_hint(picked), float(b.width()) - text_->measure(head, px, true).w - 5 * pad,
                                                          px, false, *text_);
    live_band_text_ = head + " " + body;
    t.rect(b.minx, b.miny, b.maxx, b.maxy, hex(0xe6eff5));
    const float line = std::max(1.f, 0.0015f * float(h_));
    t.rect(b.minx, b.miny, b.maxx, b.miny + line, with_alpha(kLive, 0.6f));
    t.rect(b.minx, b.maxy - line, b.maxx, b.maxy, hex(0xc9c4ba));
    ui_->draw(t, w_, h_);
    const float x = float(b.minx) + 2 * pad;
    text_->add(head, x, float(b.miny) + pad, style(px, kLive, true), Anchor::TopLeft);
    text_->add(body, x + text_->measure(head, px, true).w + 1.5f * pad, float(b.miny) + pad,
               style(px, base_colours().text, false), Anchor::TopLeft);
    text_->flush(w_, h_);
}

}  // namespace viewer
