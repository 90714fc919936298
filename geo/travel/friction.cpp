#include "geo/travel/friction.h"

#include "geo/travel/travel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace geo {

FrictionGrid::FrictionGrid(const GridSpec& spec, int layers, float seconds_per_metre)
    : start_s(size_t(std::max(layers, 0)), 0.0f), spec_(spec), layers_(layers) {
    if (layers < 1 || spec.cols <= 0 || spec.rows <= 0 || !(spec.cell > 0))
        throw std::invalid_argument("FrictionGrid: empty grid or no layer");
    w_ = spec.cols + 2 * kPad;
    h_ = spec.rows + 2 * kPad;
    f_.assign(node_count(), std::numeric_limits<float>::infinity());
    uniform_.assign(size_t(layers), 1);
    uvalue_.assign(size_t(layers), seconds_per_metre);
    fmin_.assign(size_t(layers), seconds_per_metre);
    for (int l = 0; l < layers; ++l) fill_layer(l, seconds_per_metre);
}

void FrictionGrid::fill_layer(int layer, float spm) {
    for (int r = 0; r < spec_.rows; ++r) std::fill_n(f_.begin() + ptrdiff_t(node(layer, 0, r)), spec_.cols, spm);
    uniform_[size_t(layer)] = 1;
    uvalue_[size_t(layer)] = spm;
    fmin_[size_t(layer)] = spm;
}

const std::vector<std::pair<uint32_t, float>>& FrictionGrid::links_from(size_t n) const {
    static const std::vector<std::pair<uint32_t, float>> none;
    auto it = out_links_.find(uint32_t(n));
    return it == out_links_.end() ? none : it->second;
}

void FrictionGrid::add_link(const Link& l) {
    if (l.from_layer < 0 || l.from_layer >= layers_ || l.to_layer < 0 || l.to_layer >= layers_ ||
        !spec_.inside(l.from_c, l.from_r) || !spec_.inside(l.to_c, l.to_r) || !(l.seconds > 0))
        throw std::invalid_argument("FrictionGrid::add_link: link outside the grid or without positive cost");
    links_.push_back(l);
    const size_t from = node(l.from_layer, l.from_c, l.from_r);
    if (has_link_.empty()) has_link_.assign(node_count(), 0);
    has_link_[from] = 1;
    out_links_[uint32_t(from)].push_back({uint32_t(node(l.to_layer, l.to_c, l.to_r)), l.seconds});
    min_link_s_ = std::min(min_link_s_, l.seconds);
}

void burn_line(FrictionGrid& fg, int layer, const LineString& line, float spm) {
    const GridSpec& g = fg.spec();
    const double step = g.cell / 4;
    auto mark = [&](P2 p) {
        int c, r;
        if (g.cell_of(p, c, r) && spm < fg.get(layer, c, r)) fg.set(layer, c, r, spm);
    };
    for (size_t i = 0; i + 1 < line.size(); ++i) {
        P2 a = line[i], b = line[i + 1];
        double len = dist(a, b);
        int n = std::max(1, int(std::ceil(len / step)));
        for (int k = 0; k <= n; ++k) mark(a + (b - a) * (double(k) / n));
    }
    if (line.size() == 1) mark(line[0]);
}

FrictionGrid build_friction(const GridSpec& spec, Mode mode, const RoadLayer* roads, const RailNetwork* rail,
                            const TravelParams& p) {
    // Layer modes: bike + train has a walking layer (venue end) and a cycling layer (home end).
    std::vector<Mode> layer_modes =
        mode == Mode::BikeTrain ? std::vector<Mode>{Mode::Walk, Mode::Bike} : std::vector<Mode>{mode};
    const int L = int(layer_modes.size());
    const float inf = std::numeric_limits<float>::infinity();

    FrictionGrid fg(spec, L, inf);
    fg.mode = mode;
    fg.estimate = roads == nullptr;
    for (int l = 0; l < L; ++l) {
        const int mi = road_mode_index(layer_modes[l]);
        fg.start_s[l] = float(p.penalty_min[mi] * 60.0);
        float base = roads ? float(1.0 / (p.offroad_kmh[mi] / 3.6)) : float(p.detour / (p.estimate_kmh[mi] / 3.6));
        fg.fill_layer(l, base);
        if (roads) {
            for (const auto& seg : roads->roads) {
                double kmh = p.road_kmh[mi][int(seg.cls)];
                if (kmh > 0) burn_line(fg, l, seg.line, float(1.0 / (kmh / 3.6)));
            }
        }
    }
    if (mode == Mode::BikeTrain) fg.start_s[0] = 0;  // the bike stays at the home-side station

    std::string note = std::string(mode_label(mode)) + ": ";
    if (roads)
        note += "road network " + roads->source + " (" + std::to_string(roads->roads.size()) + " lines)";
    else
        note += std::string(kEstimateNote) + " (straight line x " + std::to_string(p.detour).substr(0, 4) + ")";

    if (mode == Mode::BikeTrain) {
        size_t n = 0;
        if (rail) {
            const double v = p.train_kmh / 3.6;
            for (const auto& lk : rail->links) {
                int ca, ra, cb, rb;
                if (!spec.cell_of(rail->stations[lk.a], ca, ra) || !spec.cell_of(rail->stations[lk.b], cb, rb))
                    continue;
                if (ca == cb && ra == rb) continue;
                float s = float(p.train_board_min * 60.0 + lk.metres / v);
                fg.add_link({0, ca, ra, 1, cb, rb, s});
                fg.add_link({0, cb, rb, 1, ca, ra, s});
                n += 2;
            }
        }
        note += rail ? "; train links: " + std::to_string(n) : "; no rail network: bike only";
    }
    fg.note = note;
    return fg;
}

}  // namespace geo
