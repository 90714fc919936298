#include "viewer/present/presenter_parts.h"

#include <algorithm>
#include <cmath>

#include "viewer/model/i18n.h"
#include "viewer/render/ui_batch.h"

namespace viewer {

using geo::BBox;
using geo::P2;

void Presenter::draw_caption(const CaptionLayout& lay, const Scene&, float alpha, double progress) {
    if (alpha <= 0.002f) return;
    const BaseColours& bc = base_colours();
    UiBatch t;
    const BBox& p = lay.panel;
    t.rect(p.minx, p.miny, p.maxx, p.maxy, hex(0xfbfaf7, alpha));
    const float line = std::max(1.f, 0.0015f * h_);
    const RGBA edge = hex(0xc9c4ba, alpha);
    if (lay.side == PanelSide::Bottom) t.rect(p.minx, p.miny, p.maxx, p.miny + line, edge);
    else if (lay.side == PanelSide::Top) t.rect(p.minx, p.maxy - line, p.maxx, p.maxy, edge);
    else t.frame(p, line, edge);
    const float title_h = text_->measure(lay.title, lay.title_px, true).h;
    const float ax = float(lay.text_at.x) - lay.accent_w - 0.9f * lay.pad;
    t.rect(ax, lay.text_at.y + 0.1 * lay.title_px, ax + lay.accent_w, lay.text_at.y + title_h - 0.05 * lay.title_px,
           with_alpha(bc.highlight, alpha));
    ui_->draw(t, w_, h_);

    float y = float(lay.text_at.y);
    const float x = float(lay.text_at.x);
    text_->add(lay.title, x, y, style(lay.title_px, bc.text, true, alpha));
    y += title_h;
    if (!lay.caption.empty()) {
        y += 0.35f * lay.caption_px;
        text_->add(lay.caption, x, y, style(lay.caption_px, hex(0x35322e), false, alpha));
        y += text_->measure(lay.caption, lay.caption_px).h;
    }
    if (!lay.note.empty()) {
        y += 0.5f * lay.small_px;
        // A live question's figure (issue 14) in the live colour, bold; the scene's own note in a calm orange.
        text_->add(lay.note, x, y, lay.live ? style(lay.small_px, hex(0x0072B2), true, alpha)
                                            : style(lay.small_px, hex(0xA0410A), false, alpha));
    }
    // Progress: "3 / 9", discreet, in a corner of the panel.
    const int n = int(deck_.scenes.size());
    if (n > 0 && progress >= 0) {
        const std::string pg = std::to_string(int(std::lround(progress)) + 1) + " / " + std::to_string(n);
        const TextStyle ps = style(lay.small_px, bc.text_muted, false, alpha);
        // (Below a live question's band, issue 14, when the band sits on the panel's top edge.)
        const double top = lay.side == PanelSide::Bottom && !lay.live_band.empty() ? std::max(p.miny, lay.live_band.maxy) : p.miny;
        if (lay.side == PanelSide::Bottom || lay.side == PanelSide::Top)
            text_->add(pg, float(p.maxx - lay.pad), float(top + lay.pad), ps, Anchor::TopRight);
        else
            text_->add(pg, float(p.maxx - lay.pad), float(p.maxy - 0.6f * lay.pad), ps, Anchor::BottomRight);
    }
    text_->flush(w_, h_);
}

void Presenter::draw_overlays() {
    const BaseColours& bc = base_colours();
    const float H = float(h_), W = float(w_);
    UiBatch t;
    // Progress bar along the bottom edge.
    const int n = int(deck_.scenes.size());
    if (n > 0) {
        double pos = nav_.current() + 1;
        if (flight_) {
            const double u = phase().u;
            pos = (flight_->from + 1) * (1 - u) + (flight_->to + 1) * u;
        }
        const float hb = std::max(2.f, 0.004f * H);
        t.rect(0, H - hb, W, H, hex(0x000000, 0.08f));
        t.rect(0, H - hb, W * float(pos / n), H, with_alpha(bc.highlight, 0.7f));
    }
    struct Txt { std::string s; float x, y; TextStyle st; Anchor a; };
    std::vector<Txt> texts;
    const float small = std::max(11.f, kSmallFrac * H);
    // A number being typed ("naar scène 7").
    if (!nav_.typed().empty()) {
        const std::string s = std::string(tr("Go to scene ")) + nav_.typed() + " \u23CE";
        const float px = 1.6f * small;
        const TextExtent e = text_->measure(s, px, true);
        const float x1 = W - 0.03f * H, y1 = H - 0.05f * H, x0 = x1 - e.w - px, y0 = y1 - e.h - 0.6f * px;
        t.rect(x0, y0, x1, y1, hex(0x2b2926, 0.85f));
        texts.push_back({s, (x0 + x1) / 2, (y0 + y1) / 2, style(px, hex(0xffffff), true), Anchor::Center});
    }
    // Message (reloaded, saved, or what is wrong with the scenes file).
    if (!message_.empty()) {
        const float px = 1.15f * small;
        const std::string s = wrap_text(message_, 0.8f * W, px, false, *text_);
        const TextExtent e = text_->measure(s, px);
        const float x0 = (W - e.w) / 2 - px, y0 = 0.03f * H, x1 = (W + e.w) / 2 + px, y1 = y0 + e.h + 1.2f * px;
        t.rect(x0, y0, x1, y1, hex(message_error_ ? 0xfff1ec : 0xffffff, 0.96f));
        t.frame({x0, y0, x1, y1}, std::max(2.f, 0.003f * H), message_error_ ? hex(0xB33A00) : hex(0x8e8a83));
        texts.push_back({s, x0 + px, y0 + 0.6f * px, style(px, message_error_ ? hex(0x8A2C00) : bc.text, false), Anchor::TopLeft});
    }
    // Help.
    if (nav_.help()) {
        const std::vector<std::pair<std::string, std::string>> rows = {
            {tr("Right, PageDown, Space, Enter"), tr("next scene")},
            {tr("Left, PageUp, Backspace"), tr("previous scene")},
            {"Home / End", tr("first / last scene")},
            {tr("number + Enter"), tr("go to that scene")},
            {"F", tr("full screen on/off")},
            {"B / W", tr("black / white screen")},
            {"L", "Nederlands / English"},
            {"H", tr("this help")},
            {"R", tr("reload the scenes file")},
            {"P", tr("presenter view: notes, next scene, time")},
            {"T", tr("restart the elapsed time")},
            {"V", tr("live question: what if a site were elsewhere?")},
            {tr("mouse drag / wheel"), tr("look around freely")},
            {"Ctrl+S", tr("save the current view as a new scene")},
            {"Ctrl+PageUp / PageDown", tr("move the scene earlier / later")},
            {"Esc", tr("leave the presentation")},
        };
        const float px = std::max(12.f, 0.026f * H), lh = 1.5f * px;
        float kw = 0, dw = 0;
        for (const auto& [k, d] : rows) {
            kw = std::max(kw, text_->measure(k, px, true).w);
            dw = std::max(dw, text_->measure(d, px).w);
        }
        const std::string head = tr("Keys");
        const float bw = kw + dw + 3 * px, bh = lh * (rows.size() + 1.6f) + px;
        const float x0 = (W - bw) / 2, y0 = (H - bh) / 2;
        t.rect(0, 0, W, H, hex(0x000000, 0.25f));
        t.rect(x0, y0, x0 + bw, y0 + bh, hex(0xfbfaf7, 0.97f));
        t.frame({x0, y0, x0 + bw, y0 + bh}, std::max(1.f, 0.0015f * H), hex(0xc9c4ba));
        texts.push_back({head, x0 + px, y0 + px, style(1.2f * px, bc.text, true), Anchor::TopLeft});
        float y = y0 + px + 1.6f * lh;
        for (const auto& [k, d] : rows) {
            texts.push_back({k, x0 + px, y, style(px, bc.text, true), Anchor::TopLeft});
            texts.push_back({d, x0 + 2 * px + kw, y, style(px, hex(0x35322e), false), Anchor::TopLeft});
            y += lh;
        }
    }
    ui_->draw(t, w_, h_);
    for (const auto& x : texts) text_->add(x.s, x.x, x.y, x.st, x.a);
    text_->flush(w_, h_);
}

}  // namespace viewer
