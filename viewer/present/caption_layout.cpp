#include "viewer/present/caption_layout.h"

#include <algorithm>
#include <optional>

namespace viewer {

using geo::BBox;
using geo::P2;

const char* panel_side_name(PanelSide s) {
    switch (s) {
        case PanelSide::Bottom: return "bottom";
        case PanelSide::Top: return "top";
        case PanelSide::Right: return "right";
        case PanelSide::Left: return "left";
    }
    return "?";
}

std::string wrap_text(const std::string& s, float max_w, float size_px, bool bold, const TextRenderer& text) {
    std::string out;
    size_t p = 0;
    bool first_par = true;
    while (p <= s.size()) {
        size_t e = s.find('\n', p);
        if (e == std::string::npos) e = s.size();
        const std::string par = s.substr(p, e - p);
        if (!first_par) out += '\n';
        first_par = false;
        std::string line;
        size_t q = 0;
        while (q < par.size()) {
            while (q < par.size() && par[q] == ' ') ++q;
            size_t we = par.find(' ', q);
            if (we == std::string::npos) we = par.size();
            if (we == q) break;
            const std::string word = par.substr(q, we - q);
            q = we;
            const std::string cand = line.empty() ? word : line + " " + word;
            if (line.empty() || text.measure(cand, size_px, bold).w <= max_w) {
                line = cand;
            } else {
                out += line + "\n";
                line = word;
            }
        }
        out += line;
        p = e + 1;
    }
    return out;
}


namespace {

BBox shrunk(const BBox& b, double m) { return {b.minx + m, b.miny + m, b.maxx - m, b.maxy - m}; }

bool box_contains(const LabelBox& b, P2 p, double grow) {
    return p.x >= b.x0 - grow && p.x <= b.x1 + grow && p.y >= b.y0 - grow && p.y <= b.y1 + grow;
}

// What the layouts of every side share: the screen, the text sizes and the texts to wrap.
struct CaptionContext {
    const Scene& s;
    const TextRenderer& text;
    const FurnitureProbe& furniture;
    const std::string &title, &caption, &note;
    int w, h;
    float W, H;
    CaptionLayout base;  // sizes only
    float margin = 0, text_off = 0, prog_w = 0, max_line = 0;
    std::optional<std::vector<LabelBox>> furn0;  // furniture without a bottom inset (top/left/right panels)

    CaptionContext(const Scene& s_, const TextRenderer& text_, const FurnitureProbe& furniture_, Lang lg,
                   const std::string& note_, int w_, int h_)
        : s(s_), text(text_), furniture(furniture_), title(s_.title.get(lg)), caption(s_.caption.get(lg)),
          note(note_), w(w_), h(h_), W(float(w_)), H(float(h_)) {
        base.title_px = std::max(18.f, kTitleFrac * H);
        base.caption_px = std::max(14.f, kCaptionFrac * H);
        base.small_px = std::max(11.f, kSmallFrac * H);
        base.pad = std::max(10.f, 0.03f * H);
        base.accent_w = std::max(3.f, 0.006f * H);
        margin = std::max(6.f, 0.02f * H);
        text_off = base.accent_w + 0.9f * base.pad;  // text starts right of the accent bar
        prog_w = text.measure("88 / 88", base.small_px).w + base.pad;
        max_line = 40 * base.caption_px;  // ~85 characters: longer lines are hard to follow
    }

    const std::vector<LabelBox>& furniture0() {
        if (!furn0) furn0 = furniture ? furniture(scene_camera(s.camera, w, h), 0.f) : std::vector<LabelBox>{};
        return *furn0;
    }

    // Wraps the texts to max_w; returns the block's height.
    float block(CaptionLayout& L, float max_w) const {
        L.title = wrap_text(title, max_w, L.title_px, true, text);
        L.caption = wrap_text(caption, max_w, L.caption_px, false, text);
        L.note = note.empty() ? "" : wrap_text(note, max_w, L.small_px, false, text);
        float bh = text.measure(L.title, L.title_px, true).h;
        if (!L.caption.empty()) bh += 0.35f * L.caption_px + text.measure(L.caption, L.caption_px).h;
        if (!L.note.empty()) bh += 0.5f * L.small_px + text.measure(L.note, L.small_px).h;
        return bh;
    }
};

// A band across the bottom; the scene is framed in the free area above it and the furniture moves up.
void panel_bottom(CaptionContext& c, CaptionLayout& L, std::vector<LabelBox>& furn) {
    const CaptionLayout& base = c.base;
    const float bh = c.block(L, std::min(c.W - 2 * base.pad - c.text_off - c.prog_w, c.max_line));
    const float ph = bh + 2 * base.pad;
    L.panel = {0, c.H - ph, c.W, c.H};
    L.free = {0, 0, c.W, c.H - ph};
    L.inset_bottom = ph;
    L.text_at = {base.pad + c.text_off, c.H - ph + base.pad};
    L.cam = scene_camera(c.s.camera, c.w, c.h, L.free);
    if (c.furniture) furn = c.furniture(L.cam, ph);
}

// A band across the top, narrowed to leave furniture in the top corners (north arrow, heatmap legend). Returns
// a penalty when that leaves it too narrow.
int panel_top(CaptionContext& c, CaptionLayout& L, std::vector<LabelBox>& furn) {
    const CaptionLayout& base = c.base;
    const float W = c.W;
    furn = c.furniture0();
    float x0 = 0, x1 = W, ph = 0;
    for (int it = 0; it < 3; ++it) {
        ph = c.block(L, std::min(x1 - x0 - 2 * base.pad - c.text_off - c.prog_w, c.max_line)) + 2 * base.pad;
        float nx0 = 0, nx1 = W;
        for (const auto& b : furn)
            if (b.y0 < ph + c.margin && b.y1 > 0) {
                if ((b.x0 + b.x1) * 0.5f > W * 0.5f) nx1 = std::min(nx1, b.x0 - c.margin);
                else nx0 = std::max(nx0, b.x1 + c.margin);
            }
        if (nx0 == x0 && nx1 == x1) break;
        x0 = nx0;
        x1 = nx1;
    }
    L.panel = {x0, 0, x1, ph};
    L.free = {0, ph, W, c.H};
    L.text_at = {x0 + base.pad + c.text_off, base.pad};
    return x1 - x0 < 0.5f * W ? 100 : 0;
}

// A card on the right or left, between the furniture above and below it. Returns a penalty when it does not fit.
int panel_card(CaptionContext& c, CaptionLayout& L, std::vector<LabelBox>& furn) {
    const CaptionLayout& base = c.base;
    const float W = c.W, H = c.H, margin = c.margin;
    furn = c.furniture0();
    const float cw = std::max(0.36f * W, std::min(W - 2 * margin, 16 * base.caption_px));
    const float bh = c.block(L, cw - 2 * base.pad - c.text_off);
    const float ch = bh + 2 * base.pad + 1.5f * base.small_px;  // + the progress line
    const float cx0 = L.side == PanelSide::Right ? W - margin - cw : margin, cx1 = cx0 + cw;
    float top = margin, bottom = H - margin;
    for (const auto& b : furn)
        if (b.x1 > cx0 && b.x0 < cx1) {
            if ((b.y0 + b.y1) * 0.5f < H * 0.5f) top = std::max(top, b.y1 + margin);
            else bottom = std::min(bottom, b.y0 - margin);
        }
    L.panel = {cx0, top, cx1, top + ch};
    L.free = L.side == PanelSide::Right ? BBox{0, 0, cx0, H} : BBox{cx1, 0, W, H};
    L.text_at = {cx0 + base.pad + c.text_off, top + base.pad};
    return ch > bottom - top ? 100 : 0;
}

// Layout L under camera cam, with its misses counted: every highlighted place must be on screen, well clear of
// the panel, and off the furniture.
CaptionLayout scored(const CaptionLayout& L, const Camera& cam, int penalty, const std::vector<P2>& highlights_rd,
                     const std::vector<LabelBox>& furn, float W, float H) {
    CaptionLayout C = L;
    C.cam = cam;
    const double r = 0.04 * H;
    const BBox screen = shrunk({0, 0, W, H}, r);
    const BBox panel = C.panel.grown(r);
    C.violations = penalty;
    for (const P2& p : highlights_rd) {
        const P2 q = C.cam.to_screen(p);
        C.highlights_px.push_back(q);
        bool bad = !screen.contains(q) || panel.contains(q);
        for (const auto& b : furn) bad = bad || box_contains(b, q, r * 0.5);
        C.violations += bad;
    }
    return C;
}

}  // namespace

CaptionLayout layout_caption(const Scene& s, const std::vector<P2>& highlights_rd, int w, int h,
                             const TextRenderer& text, const FurnitureProbe& furniture, Lang lg,
                             const std::string& note) {
    CaptionContext c(s, text, furniture, lg, note, w, h);
    CaptionLayout best;
    best.violations = 1 << 30;
    Camera bottom_cam;
    for (PanelSide side : {PanelSide::Bottom, PanelSide::Top, PanelSide::Right, PanelSide::Left}) {
        CaptionLayout L = c.base;
        L.side = side;
        int penalty = 0;
        std::vector<LabelBox> furn;
        if (side == PanelSide::Bottom) panel_bottom(c, L, furn);
        else if (side == PanelSide::Top) penalty = panel_top(c, L, furn);
        else penalty = panel_card(c, L, furn);
        // Bottom: the scene is framed in the free area above the panel. Other sides: first keep that framing
        // (the map stays, the caption moves out of the way), then try framing the scene in their own free area.
        std::vector<Camera> cams;
        if (side == PanelSide::Bottom) cams = {L.cam};
        else cams = {bottom_cam, scene_camera(s.camera, w, h, L.free)};
        for (const Camera& cam : cams) {
            CaptionLayout C = scored(L, cam, penalty, highlights_rd, furn, c.W, c.H);
            if (C.violations == 0) return C;
            if (C.violations < best.violations) best = C;
        }
        if (side == PanelSide::Bottom) bottom_cam = L.cam;
    }
    return best;
}

}  // namespace viewer
