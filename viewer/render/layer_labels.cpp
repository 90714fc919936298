#include "viewer/render/map_layers.h"

#include <algorithm>
#include <cmath>

namespace viewer {

using geo::P2;

// 6. Labels: municipality names, larger places, venues when zoomed in; never overlapping, never on furniture
// (furniture_) or on what the caller keeps clear (MapView::avoid_px).
void MapRenderer::add_labels(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const float s = f.s, vpx = f.vpx;
    const std::vector<const geo::Venue*>& hl = f.hl;
    auto& texts = f.texts;
    auto text_style = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
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

}  // namespace viewer
