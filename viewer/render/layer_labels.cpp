#include "viewer/render/map_layers.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "viewer/model/i18n.h"

namespace viewer {

using geo::P2;

namespace {

// "ENSCHEDE DRIENERLO" -> "Enschede Drienerlo", "T HARDE" -> "'t Harde", "ARNHEM - ZUID" -> "Arnhem Zuid"
// (NWB-Spoorwegen writes station names in capitals).
std::string station_name(const std::string& nwb) {
    std::string s;
    for (size_t i = 0; i < nwb.size(); ++i)  // " - " -> " "
        if (!(nwb[i] == '-' && i > 0 && i + 1 < nwb.size() && nwb[i - 1] == ' ' && nwb[i + 1] == ' ')) s += nwb[i];
    std::string out;
    bool start = true;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        if (start && (c == 'T' || c == 't') && (i + 1 == s.size() || s[i + 1] == ' ') && i == 0) {
            out += "'t";
            start = false;
            continue;
        }
        out += start ? char(std::toupper((unsigned char)c)) : char(std::tolower((unsigned char)c));
        start = c == ' ' || c == '-';
    }
    return out;
}

std::string station_label(const std::string& nwb) {
    std::string pattern = tr("%s station"), name = station_name(nwb);
    const size_t k = pattern.find("%s");
    return k == std::string::npos ? name : pattern.replace(k, 2, name);
}

// Offsets of an area or place label: centred, then nudged up/down/sideways (`wide`: further, for labels that
// must be placed).
std::vector<LabelOffset> area_offsets(float w, float h, bool wide) {
    std::vector<LabelOffset> o;
    const float cw = -w / 2, ch = -h / 2;
    for (auto [dx, dy] : {std::pair{0.f, 0.f}, {0.f, -0.9f}, {0.f, 0.9f}, {0.f, -1.6f}, {0.f, 1.6f}, {-0.35f, 0.f},
                          {0.35f, 0.f}, {-0.35f, -0.9f}, {0.35f, 0.9f}})
        o.push_back({cw + dx * w, ch + dy * h});
    if (wide)
        for (auto [dx, dy] : {std::pair{0.f, -2.4f}, {0.f, 2.4f}, {-0.6f, -1.2f}, {0.6f, -1.2f}, {-0.6f, 1.2f},
                              {0.6f, 1.2f}, {-0.7f, 0.f}, {0.7f, 0.f}, {0.f, -3.2f}, {0.f, 3.2f}})
            o.push_back({cw + dx * w, ch + dy * h});
    return o;
}

// Where the count of a merged symbol goes: the first corner beside it whose box meets no other venue symbol
// (venue_spots) and no box already taken (`taken`); up-right when none is free.
LabelBox count_box(const SymbolSpot& sp, float r, float w, float h, const std::vector<LabelBox>& taken,
                   const std::vector<SymbolSpot>& spots, float sym_r) {
    const float dx = r * 0.6f, dy = r * 0.3f;
    const LabelBox corners[] = {{sp.x + dx, sp.y - dy - h, sp.x + dx + w, sp.y - dy},
                                {sp.x - dx - w, sp.y - dy - h, sp.x - dx, sp.y - dy},
                                {sp.x + dx, sp.y + dy, sp.x + dx + w, sp.y + dy + h},
                                {sp.x - dx - w, sp.y + dy, sp.x - dx, sp.y + dy + h}};
    for (const LabelBox& b : corners) {
        bool free = true;
        for (const SymbolSpot& o : spots)
            if (&o != &sp && overlaps(b, {o.x - sym_r, o.y - sym_r, o.x + sym_r, o.y + sym_r})) free = false;
        for (const LabelBox& t : taken) free = free && !overlaps(b, t);
        if (free) return b;
    }
    return corners[0];
}

}  // namespace

// Venue symbols (issue 13): merged per category where they would overlap (a count beside them), the rest spread
// on rings with a leader to their true place; highlighted venues stay put, larger. Nothing is silently hidden.
void MapRenderer::add_venue_symbols(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const float s = f.s, vpx = f.vpx;
    venue_spots_.clear();
    f.venue_boxes.clear();
    if (!view.layers.venues) return;
    std::vector<SymbolItem> items;
    for (size_t i = 0; i < data_.venues.size(); ++i) {
        const geo::Venue& v = data_.venues[i];
        if (!view.layers.categories[int(v.category)]) continue;
        const bool hl = std::find(view.highlight_venues.begin(), view.highlight_venues.end(), v.id) !=
                        view.highlight_venues.end();
        const P2 p = cam.to_screen(v.pos);
        items.push_back({int(i), float(p.x), float(p.y), int(v.category), hl ? 1e9f : float(v.capacity), hl,
                         hl ? vpx * 1.1f : 0.f});
    }
    SymbolLayoutOptions lo;
    lo.diameter = vpx;
    lo.gap = 2 * s;
    venue_spots_ = layout_symbols(items, lo);
    const geo::BBox tile_px{f.tile_px.x - 60 * s, f.tile_px.y - 60 * s, f.tile_px.x + f.tw + 60 * s,
                            f.tile_px.y + f.th + 60 * s};
    // Displaced symbols: a leader from the true position to the symbol, and a dot where it is -- under every symbol.
    for (const SymbolSpot& sp : venue_spots_) {
        if (!sp.displaced || !tile_px.contains(P2{sp.x, sp.y})) continue;
        const P2 a{sp.ax, sp.ay}, at{sp.x, sp.y};
        f.leaders.segment(a, at, 0.45 * s, hex(0x333333, 0.7f));
        f.sym.add(cam.to_world(a) - origin_, 3.2f * s, 0, hex(0x333333), hex(0x333333));
    }
    for (int pass = 0; pass < 2; ++pass) {  // highlighted venues last, on top
        for (const SymbolSpot& sp : venue_spots_) {
            // Every spot's box and count are laid out whatever the tile (labels avoid them: the same in every tile);
            // only the symbols near the tile are drawn.
            const P2 at{sp.x, sp.y};
            if (sp.fixed != (pass == 1)) continue;
            const bool here = tile_px.contains(at);
            const geo::Venue& v = data_.venues[size_t(sp.members.front())];
            const auto& cs = category_style(v.category);
            const P2 rel = cam.to_world(at) - origin_;
            if (sp.fixed) {
                f.hl.push_back(&v);
                if (here) {
                    f.sym.add(rel, vpx * 2.2f, 0, hex(0xffffff, 0.85f), bc.highlight);
                    f.sym.add(rel, vpx * 1.5f, cs.shape, cs.fill, hex(0x222222));
                }
                const float r = vpx * 1.1f;
                f.venue_boxes.push_back({float(sp.x - r), float(sp.y - r), float(sp.x + r), float(sp.y + r)});
                continue;
            }
            float r = vpx * 0.5f;
            if (sp.count() > 1) {  // merged: the category's symbol on a white disc (within the layout's gap), a count
                r = vpx * 0.5f + s;
                if (here) {
                    f.sym.add(rel, vpx + 2 * s, 0, hex(0xffffff, 0.95f), hex(0x333333));
                    f.sym.add(rel, vpx * 0.85f, cs.shape, cs.fill, hex(0x333333));
                }
                const TextStyle st = f.text_style(9.5f, bc.text, true, 2);
                const std::string n = std::to_string(sp.count());
                const TextExtent e = text_->measure(n, st.size_px, true);
                // Beside the symbol where it covers no other symbol or count: up-right, up-left, down-right, down-left.
                const LabelBox bb = count_box(sp, r, e.w, e.h, f.venue_boxes, venue_spots_, vpx * 0.5f);
                f.texts.push_back({n, {bb.x0, bb.y0}, st, Anchor::TopLeft});
                f.venue_boxes.push_back(bb);
            } else if (here) {
                f.sym.add(rel, vpx, cs.shape, cs.fill, hex(0x333333));
            }
            f.venue_boxes.push_back({float(sp.x - r), float(sp.y - r), float(sp.x + r), float(sp.y + r)});
        }
    }
}

}  // namespace viewer

namespace viewer {

// A label candidate. kind: 0 municipality, 1 place, 2 venue or site, 3 station, 4 wijk/buurt (as LabelInfo).
struct MapRenderer::LabelCand {
    std::string text;
    P2 at;           // anchor, full-image px
    float prio;
    int kind;
    TextStyle st;
    float radius;    // of the symbol a point label sits beside (0: an area label, centred)
};

namespace {
// Priorities (issue 13): highlighted venues and sites, then every town above the must-label threshold (and a
// municipality sharing a town's name), municipalities, venues, stations, villages, wijk and buurt names.
constexpr float kHighlight = 2e7f, kMustPlace = 1.5e7f, kMunicipality = 1e7f, kVenue = 3e6f, kStation = 2.5e6f,
                kPlace = 2e6f, kWijk = 1e6f, kBuurt = 5e5f;
}  // namespace

// 6. Labels: by the style's zoom ranges and by rank; never overlapping, never on furniture (furniture_) or on what
// the caller keeps clear (MapView::avoid_px); one label per name; the towns above the threshold always.
void MapRenderer::add_labels(Frame& f) {
    const BaseColours& bc = base_colours();
    const MapStyle& ms = map_style();
    const MapView& view = f.view;
    const Camera& cam = f.cam;
    const double mpp = cam.mpp;
    const float s = f.s, vpx = f.vpx;
    auto ts = [&f](float size, RGBA c, bool bold, float halo) { return f.text_style(size, c, bold, halo); };
    auto scr = [&](P2 w) { return cam.to_screen(w); };
    const geo::BBox fullb = cam.view_bbox();
    std::vector<LabelCand> cands;

    // Towns (and villages by rank).
    std::set<std::string> must_names;
    if (view.layers.places) {
        const double min_inh = place_label_min_inhabitants(mpp);
        for (size_t i = 0; i < data_.places.size(); ++i) {
            const auto& p = data_.places[i];
            if (p.inhabitants < min_inh || !fullb.intersects(p.bbox) || !fullb.contains(place_label_pos(i))) continue;
            const bool must = p.inhabitants >= ms.must_label_inhabitants;
            if (must) must_names.insert(p.name);
            cands.push_back({p.name, scr(place_label_pos(i)), (must ? kMustPlace : kPlace) + float(p.inhabitants), 1,
                             must ? ts(11.5f, bc.text, false, 2.2f) : ts(11, bc.text_muted, false, 2), 0});
        }
        if (std::isfinite(min_inh))
            for (const auto& g : data_.german_places) {
                if (g.population < (mpp > 90 ? 40000 : mpp > 45 ? 10000 : 3000) || !fullb.contains(g.pos)) continue;
                cands.push_back({g.name, scr(g.pos), kPlace + float(g.population * 0.5), 1,
                                 ts(11, bc.text_muted, false, 2), 0});
            }
    }
    if (style_visible(StyleLayer::MunicipalityNames, mpp))
        for (int i = 0; i < data_.twente_count; ++i) {
            const auto& m = data_.municipalities[size_t(i)];
            if (!fullb.contains(m.label_pos)) continue;
            const float base = must_names.count(m.label) ? kMustPlace + 2e5f : kMunicipality;  // before its town
            cands.push_back({m.label, scr(m.label_pos), base + float(m.cbs.inhabitants), 0,
                             ts(mpp > 90 ? 12 : 13.5f, bc.text, true, 2.5f), 0});
        }
    // Venues and industrial heritage with their names (a merged symbol shows its count instead).
    const bool venue_names = view.layers.venues && style_visible(StyleLayer::VenueNames, mpp);
    for (const SymbolSpot& sp : venue_spots_) {
        const geo::Venue& v = data_.venues[size_t(sp.members.front())];
        if (sp.fixed)
            cands.push_back({v.name, {sp.x, sp.y}, kHighlight, 2, ts(14, bc.text, true, 2.5f), vpx * 1.1f});
        else if (venue_names && sp.count() == 1)
            cands.push_back({v.name, {sp.x, sp.y}, kVenue + float(v.capacity * 0.01), 2, ts(11, bc.text, false, 2),
                             vpx * 0.5f});
    }
    for (const auto& site : view.sites)
        if (!site.label.empty())
            cands.push_back({site.label, scr(site.pos), kHighlight + 1e6f, 2, ts(14, bc.text, true, 2.5f), vpx * 1.35f});
    // The rail's stations, named.
    if (view.layers.stations && style_visible(StyleLayer::StationNames, mpp))
        for (const auto& st : data_.stations)
            if (fullb.contains(st.pos))
                cands.push_back({station_label(st.name), scr(st.pos), kStation, 3, ts(10.5f, bc.rail, true, 2), 3 * s});
    // Neighbourhood names by rank.
    if (view.layers.places)
        for (bool buurt : {false, true}) {
            if (!style_visible(buurt ? StyleLayer::BuurtNames : StyleLayer::WijkNames, mpp)) continue;
            const auto& areas = buurt ? data_.buurten : data_.wijken;
            for (size_t i = 0; i < areas.size(); ++i) {
                if (!fullb.intersects(areas[i].bbox) || !fullb.contains(area_label_pos(buurt, i))) continue;
                cands.push_back({areas[i].name, scr(area_label_pos(buurt, i)),
                                 (buurt ? kBuurt : kWijk) + float(areas[i].inhabitants), 4,
                                 ts(buurt ? 10 : 10.5f, ms.neighbourhood_text, false, 1.6f), 0});
            }
        }
    place_label_candidates(f, cands);
}

// What every label placer of a frame starts from: the image, the padding, and the furniture and window panels
// to keep clear of.
LabelOptions MapRenderer::frame_label_options(const Frame& f) const {
    LabelOptions lo;
    lo.viewport_w = float(f.cam.w);
    lo.viewport_h = float(f.cam.h);
    lo.padding = 3 * f.s;
    for (const auto& b : furniture_) lo.avoid.push_back(b);
    for (const auto& a : f.view.avoid_px) lo.avoid.push_back({float(a.minx), float(a.miny), float(a.maxx), float(a.maxy)});
    return lo;
}

// Places the candidates by priority: the first offset that hits no label, furniture, avoid box or venue symbol
// wins; a name already placed is not placed again; when nothing fits, municipality names (at the offset that
// covers the fewest), highlights and must-label towns may cover symbols.
void MapRenderer::place_label_candidates(Frame& f, std::vector<LabelCand>& cands) {
    const float s = f.s;
    LabelOptions lo = frame_label_options(f);
    LabelPlacer placer(lo);
    LabelOptions so;
    so.viewport_w = lo.viewport_w;
    so.viewport_h = lo.viewport_h;
    so.viewport = ViewportRule::Ignore;
    so.padding = 1 * s;
    LabelPlacer symbols(so);
    for (const auto& b : f.venue_boxes) symbols.add_obstacle(b);
    std::vector<int> order(cands.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return cands[size_t(a)].prio > cands[size_t(b)].prio; });
    std::set<std::string> placed_names;
    for (int i : order) {
        const LabelCand& c = cands[size_t(i)];
        if (placed_names.count(c.text)) continue;  // one label per name
        const TextExtent e = text_->measure(c.text, c.st.size_px, c.st.bold);
        if (!(e.w > 0) || !(e.h > 0)) continue;
        std::vector<LabelOffset> offs;
        if (c.radius > 0) {
            offs = point_label_offsets(e.w, e.h, c.radius, 2 * s);
            if (c.prio >= kHighlight)  // a second ring further out
                for (const LabelOffset& o : point_label_offsets(e.w, e.h, c.radius * 2.5f, 2 * s)) offs.push_back(o);
        } else {
            offs = area_offsets(e.w, e.h, c.prio >= kMustPlace);
        }
        auto box_at = [&](const LabelOffset& o) {
            return LabelBox{float(c.at.x + o.dx), float(c.at.y + o.dy), float(c.at.x + o.dx + e.w),
                            float(c.at.y + o.dy + e.h)};
        };
        if (c.kind == 0) {  // fewest covered symbols first (stable: keeps the preference order on ties)
            auto covered = [&](const LabelOffset& o) {
                int n = 0;
                for (const auto& sb : f.venue_boxes) n += overlaps(box_at(o), sb);
                return n;
            };
            std::stable_sort(offs.begin(), offs.end(),
                             [&](const LabelOffset& a, const LabelOffset& b) { return covered(a) < covered(b); });
        }
        // Clear of the symbols first; then municipalities, highlights, sites and must-label towns may cover some.
        const bool may_cover = c.kind == 0 || c.prio >= kMustPlace;
        std::optional<LabelBox> got;
        for (int round = 0; round < (may_cover ? 2 : 1) && !got; ++round)
            for (const LabelOffset& o : offs) {
                const LabelBox b = box_at(o);
                if (placer.fits(b) && (round == 1 || symbols.fits(b))) {
                    got = b;
                    break;
                }
            }
        if (!got) continue;
        placer.add_obstacle(*got);
        placed_names.insert(c.text);
        f.texts.push_back({c.text, {got->x0, got->y0}, c.st, Anchor::TopLeft});
        labels_.push_back({c.text, *got, c.kind});
    }
}

}  // namespace viewer
