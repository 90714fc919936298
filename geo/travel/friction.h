// Friction grids: the cost of crossing each cell (seconds per metre) for one travel mode, plus extra links
// (train rides) between cells. A friction grid may have several layers (bike + train: layer 0 = walking at the
// venue end, layer 1 = cycling at the home end); links are the only way between layers.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <limits>

#include "geo/core/grid.h"
#include "geo/travel/network.h"
#include "geo/travel/params.h"

namespace geo {

// A directed extra edge, e.g. "board at station A (walking layer), alight at B (cycling layer)".
struct Link {
    int from_layer = 0, from_c = 0, from_r = 0;
    int to_layer = 0, to_c = 0, to_r = 0;
    float seconds = 0;
};

class FrictionGrid {
public:
    static constexpr int kPad = 2;  // border of impassable cells around the grid (knight moves never leave the array)

    FrictionGrid() = default;
    // All cells of all layers get `seconds_per_metre` (+inf = impassable).
    FrictionGrid(const GridSpec& spec, int layers, float seconds_per_metre);

    const GridSpec& spec() const { return spec_; }
    int layers() const { return layers_; }
    float get(int layer, int c, int r) const { return f_[node(layer, c, r)]; }
    void set(int layer, int c, int r, float seconds_per_metre) {
        f_[node(layer, c, r)] = seconds_per_metre;
        if (seconds_per_metre != uvalue_[size_t(layer)]) uniform_[size_t(layer)] = 0;
        fmin_[size_t(layer)] = std::min(fmin_[size_t(layer)], seconds_per_metre);
    }
    void fill_layer(int layer, float seconds_per_metre);  // every grid cell of the layer
    void add_link(const Link& l);
    const std::vector<Link>& links() const { return links_; }

    // Seconds already spent when a trip's venue end lies in a layer (e.g. parking a car: 240 s). One per layer.
    std::vector<float> start_s;
    Mode mode = Mode::Walk;
    bool estimate = true;  // no road network: straight-line travel with a detour factor
    std::string note;      // human-readable description of the model behind this grid

    // Engine access: padded layout, node = layer * layer_nodes() + (r + kPad) * stride() + (c + kPad).
    int stride() const { return w_; }
    int padded_rows() const { return h_; }
    size_t layer_nodes() const { return size_t(w_) * h_; }
    size_t node_count() const { return layer_nodes() * layers_; }
    size_t node(int layer, int c, int r) const {
        return size_t(layer) * layer_nodes() + size_t(r + kPad) * w_ + size_t(c + kPad);
    }
    const float* data() const { return f_.data(); }
    // Kept up to date by set/fill_layer/add_link, so the engine needs no scan of the grid per run:
    // true when every cell of the layer has one finite positive friction (conservative: once a different value
    // was set the layer counts as non-uniform).
    bool layer_uniform(int layer) const {
        const float v = uvalue_[size_t(layer)];
        return uniform_[size_t(layer)] && v > 0 && v < std::numeric_limits<float>::infinity();
    }
    float uniform_value(int layer) const { return uvalue_[size_t(layer)]; }
    float min_friction(int layer) const { return fmin_[size_t(layer)]; }  // lower bound over the layer
    float min_link_seconds() const { return min_link_s_; }
    // Outgoing links per node: flags (nullptr without links) and the (target node, seconds) list of a node.
    const uint8_t* link_flags() const { return has_link_.empty() ? nullptr : has_link_.data(); }
    const std::vector<std::pair<uint32_t, float>>& links_from(size_t node) const;

private:
    GridSpec spec_;
    int layers_ = 0, w_ = 0, h_ = 0;
    std::vector<float> f_;
    std::vector<Link> links_;
    std::vector<char> uniform_;
    std::vector<float> uvalue_, fmin_;
    float min_link_s_ = std::numeric_limits<float>::infinity();
    std::vector<uint8_t> has_link_;
    std::unordered_map<uint32_t, std::vector<std::pair<uint32_t, float>>> out_links_;
};

// Friction for a mode on a grid.
//  - roads == nullptr: uniform friction detour / speed (estimate = true).
//  - roads given: cells crossed by a road usable by the mode take its class speed (fastest road in the cell),
//    other cells the off-road speed; no detour factor (estimate = false).
//  - Mode::BikeTrain: two layers (0 walk, 1 bike) and, when rail is given, a link from every station's cell
//    in layer 0 to every other connected station's cell in layer 1 costing boarding time + track distance /
//    train speed.
FrictionGrid build_friction(const GridSpec& spec, Mode mode, const RoadLayer* roads = nullptr,
                            const RailNetwork* rail = nullptr, const TravelParams& params = {});

// Marks every cell crossed by `line` (sampled at quarter-cell steps) in layer `layer` with
// min(current, seconds_per_metre). Exposed for tests and for burning other barriers/corridors.
void burn_line(FrictionGrid& fg, int layer, const LineString& line, float seconds_per_metre);

}  // namespace geo
