// The speaker's view (issue 14, speaker_view.h): the audience picture small, the next scene, the notes, the
// elapsed time and the clock. Drawn on a dark background so that the laptop screen does not light the speaker.
#include "viewer/present/presenter_parts.h"

#include <algorithm>
#include <sstream>

#include "viewer/model/i18n.h"
#include "viewer/render/ui_batch.h"

namespace viewer {

using geo::BBox;

namespace {

const RGBA kBackground = hex(0x22211f), kText = hex(0xf2efe8), kMuted = hex(0xa9a398), kEdge = hex(0x4a4742);

}  // namespace

void Presenter::blit_audience(unsigned fbo) {
    if (!audience_ || !audience_->ready) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, audience_->fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glBlitFramebuffer(0, 0, w_, h_, 0, 0, w_, h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
}

void Presenter::draw_notes(const Scene& s, const SpeakerLayout& L, int sw, int sh) {
    const BBox& b = L.notes;
    const float bw = float(b.width()), bh = float(b.height());
    if (bw < 20 || bh < 10) return;
    std::string notes = s.notes.current();
    if (notes.empty()) {
        text_->add(tr("No notes for this scene."), float(b.minx), float(b.miny), style(L.small_px, kMuted, false));
        return;
    }
    // The largest size (down to 60 %) at which the notes fit; beyond that the last lines are cut with "…".
    float px = L.notes_px;
    std::string wrapped = wrap_text(notes, bw, px, false, *text_);
    while (text_->measure(wrapped, px).h > bh && px > 0.6f * L.notes_px) {
        px *= 0.92f;
        wrapped = wrap_text(notes, bw, px, false, *text_);
    }
    if (text_->measure(wrapped, px).h > bh) {
        std::string kept, line;
        std::istringstream lines(wrapped);
        while (std::getline(lines, line)) {
            const std::string trial = kept.empty() ? line : kept + "\n" + line;
            if (text_->measure(trial + " \u2026", px).h > bh) break;
            kept = trial;
        }
        wrapped = kept + " \u2026";
    }
    text_->add(wrapped, float(b.minx), float(b.miny), style(px, kText, false));
    (void)sw;
    (void)sh;
}

void Presenter::draw_speaker(unsigned fbo, int sw, int sh, const SpeakerInfo& info) {
    check_lang();
    // The audience picture, exactly as draw() makes it.
    if (!audience_) audience_ = std::make_unique<Image>();
    if (!audience_->allocate(w_, h_)) return;
    draw(audience_->fbo);
    audience_->cam = camera();
    audience_->ready = true;
    const int n = int(deck_.scenes.size()), cur = nav_.current(), next = cur + 1;
    // The next scene at rest with its caption (rendered once per scene).
    if (next < n && (next_of_ != next || !next_pic_ || !next_pic_->ready)) {
        if (!next_pic_) next_pic_ = std::make_unique<Image>();
        Image& snap = snapshot(next);
        if (next_pic_->allocate(w_, h_)) {
            glBindFramebuffer(GL_FRAMEBUFFER, next_pic_->fbo);
            glViewport(0, 0, w_, h_);
            draw_image(snap, snap.cam, 1);
            draw_caption(layout(next), deck_.scenes[size_t(next)], 1, next);
            next_pic_->cam = snap.cam;
            next_pic_->ready = true;
            next_of_ = next;
        }
    }
    const SpeakerLayout L = speaker_layout(sw, sh, double(w_) / h_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, sw, sh);
    glClearColor(kBackground.r, kBackground.g, kBackground.b, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    Camera view;
    view.w = sw;
    view.h = sh;
    auto picture = [&](const Image& img, const BBox& r) {
        const float v[] = {float(r.minx), float(r.miny), 0, 1, float(r.maxx), float(r.miny), 1, 1, float(r.maxx), float(r.maxy), 1, 0,
                           float(r.minx), float(r.miny), 0, 1, float(r.maxx), float(r.maxy), 1, 0, float(r.minx), float(r.maxy), 0, 0};
        draw_quads(img, view, 1, false, v, 6);
    };
    picture(*audience_, L.current);
    UiBatch t;
    const float line = std::max(1.f, 0.002f * sh);
    t.frame(L.current.grown(line), line, kEdge);
    if (next < n && next_pic_ && next_pic_->ready) {
        picture(*next_pic_, L.next);
        t.frame(L.next.grown(line), line, kEdge);
    } else {
        t.rect(L.next.minx, L.next.miny, L.next.maxx, L.next.maxy, hex(0x000000));
    }
    // Progress along the header's bottom edge.
    if (n > 0) {
        const BBox& h = L.header;
        t.rect(h.minx, h.maxy - line, h.maxx, h.maxy, kEdge);
        t.rect(h.minx, h.maxy - 2 * line, h.minx + h.width() * (cur + 1) / n, h.maxy, base_colours().highlight);
    }
    ui_->draw(t, sw, sh);
    const BBox& h = L.header;
    const float mid = float(h.miny + h.maxy) / 2;
    if (n > 0) {
        const std::string head = std::to_string(cur + 1) + " / " + std::to_string(n) + "   " + deck_.scenes[size_t(cur)].title.current();
        text_->add(head, float(h.minx), mid, style(L.title_px, kText, true), Anchor::Left);
    }
    const std::string clock = info.clock.empty() ? "" : "   " + info.clock;
    const TextExtent ce = text_->measure(clock, L.time_px);
    text_->add(clock, float(h.maxx), mid, style(L.time_px, kMuted, false), Anchor::Right);
    text_->add(format_elapsed(info.elapsed_s), float(h.maxx) - ce.w, mid, style(L.time_px, kText, true), Anchor::Right);
    std::string label = next < n ? std::string(tr("Next: ")) + std::to_string(next + 1) + " / " + std::to_string(n) + "  " +
                                       deck_.scenes[size_t(next)].title.current()
                                 : std::string(tr("End of the presentation"));
    label = wrap_text(label, float(L.next_label.width()), L.small_px, true, *text_);
    if (const size_t nl = label.find('\n'); nl != std::string::npos) label = label.substr(0, nl) + " \u2026";
    text_->add(label, float(L.next_label.minx), float(L.next_label.miny), style(L.small_px, kMuted, true));
    SpeakerLayout LN = L;
    if (live_ && n > 0) {
        // A live question (issue 14): its figure above the notes, in the live colour, so the speaker can say it.
        const std::string head = std::string(tr("Live question")) + " \u2014 " + tr("not in the script");
        const std::string fig = live_computing()        ? std::string(tr("computing\u2026"))
                                : live_figure_.empty() ? std::string(tr("click the map to place a site"))
                                                       : live_figure_;
        const std::string body = wrap_text(fig, float(L.notes.width()), L.small_px * 1.15f, true, *text_);
        float y = float(L.notes.miny);
        text_->add(head, float(L.notes.minx), y, style(L.small_px, hex(0x56B4E9), true));
        y += text_->measure(head, L.small_px, true).h + 0.25f * L.small_px;
        text_->add(body, float(L.notes.minx), y, style(L.small_px * 1.15f, kText, true));
        y += text_->measure(body, L.small_px * 1.15f, true).h + 0.8f * L.small_px;
        LN.notes.miny = std::min(double(y), LN.notes.maxy);
    }
    if (n > 0) draw_notes(deck_.scenes[size_t(cur)], LN, sw, sh);
    text_->flush(sw, sh);
}

}  // namespace viewer
