#include "viewer/model/style.h"

#include <algorithm>
#include <cmath>

#include "viewer/model/i18n.h"

namespace viewer {

RGBA hex(unsigned rgb, float a) {
    return {((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f, a};
}

bool same_rgb8(const unsigned char* px, RGBA c, int tol) {
    auto ch = [](float f) { return int(std::lround(f * 255)); };
    return std::abs(px[0] - ch(c.r)) <= tol && std::abs(px[1] - ch(c.g)) <= tol && std::abs(px[2] - ch(c.b)) <= tol;
}

// Okabe & Ito (2008) colour-blind-safe palette, with a shape per category as a second cue.
const CategoryStyle& category_style(geo::Category c) {
    static const CategoryStyle s[geo::kCategoryCount] = {
        {"Third place", hex(0xD55E00), 0},              // vermillion circle
        {"Pop & music venue", hex(0xCC79A7), 6},        // reddish purple star
        {"Theatre & concert hall", hex(0x0072B2), 1},   // blue square
        {"Museum & exposition", hex(0xE69F00), 2},      // orange diamond
        {"Library & culture house", hex(0x009E73), 0},  // bluish green circle (kulturhus)
        {"Maker place & CREATECH", hex(0x56B4E9), 3},   // sky blue triangle
        {"Arts education", hex(0xF0E442), 4},           // yellow triangle down
        {"Festival site", hex(0x000000), 5},            // black hexagon
        {"Industrial heritage", hex(0x8C6D46), 1},      // brown square
    };
    return s[int(c)];
}

const BaseColours& base_colours() {
    static BaseColours b;
    return b;
}

const char* choropleth_label_en(Choropleth c) {
    switch (c) {
        case Choropleth::Density: return "Population density";
        case Choropleth::Inhabitants: return "Inhabitants";
        case Choropleth::Age25_45: return "Share aged 25-45";
        case Choropleth::Coverage: return "Coverage within threshold";
        case Choropleth::MeanTime: return "Mean travel time";
        case Choropleth::VenuesPer10k: return "Venues per 10,000 inhabitants";
        default: return "None";
    }
}

const char* choropleth_unit_en(Choropleth c) {
    switch (c) {
        case Choropleth::Density: return "inhabitants per km²";
        case Choropleth::Inhabitants: return "";  // the title says it: "Inwoners (inwoners)" repeated itself
        case Choropleth::Age25_45: return "%";
        case Choropleth::Coverage: return "%";
        case Choropleth::MeanTime: return "minutes";
        default: return "";
    }
}

int ClassBreaks::class_of(double v) const {
    for (size_t i = 0; i < upper.size(); ++i)
        if (v < upper[i]) return int(i);
    return int(upper.size());
}

// A light sequential ramp (pale yellow to blue-green, after ColorBrewer YlGnBu) so that venue symbols
// and heatmaps stay readable on top.
static std::vector<RGBA> seq5() {
    return {hex(0xf7f4d9), hex(0xd7ebc0), hex(0xa9d8bb), hex(0x7bbfc2), hex(0x5a9cc0)};
}

ClassBreaks choropleth_classes(Choropleth c) {
    ClassBreaks b;
    b.colours = seq5();
    auto range = [&](const std::vector<double>& u, int dec, const char* unit) {
        b.upper = u;
        b.labels.clear();
        for (size_t i = 0; i <= u.size(); ++i) {
            std::string s;
            if (i == 0) s = "< " + format_num(u[0], dec);
            else if (i == u.size()) s = "≥ " + format_num(u.back(), dec);
            else s = format_num(u[i - 1], dec) + " – " + format_num(u[i], dec);
            if (*unit) s += std::string(" ") + unit;
            b.labels.push_back(s);
        }
    };
    switch (c) {
        case Choropleth::Density: range({200, 400, 800, 1200}, 0, ""); break;
        case Choropleth::Inhabitants: range({25000, 35000, 50000, 100000}, 0, ""); break;
        case Choropleth::Age25_45: range({21, 22, 23, 25}, 0, "%"); break;
        case Choropleth::Coverage: range({50, 70, 85, 95}, 0, "%"); break;
        case Choropleth::MeanTime: range({10, 15, 20, 30}, 0, "min"); break;
        case Choropleth::VenuesPer10k: range({0.5, 1, 2, 4}, 1, ""); break;
        default: b.colours = {base_colours().netherlands}; break;
    }
    return b;
}

double choropleth_value(Choropleth c, const geo::Municipality& m) {
    switch (c) {
        case Choropleth::Density: return m.cbs.density;
        case Choropleth::Inhabitants: return m.cbs.inhabitants;
        case Choropleth::Age25_45: return m.cbs.pct_25_45;
        default: return 0;
    }
}

double choropleth_value(const MapView& view, size_t i, const geo::Municipality& m) {
    switch (view.choropleth) {
        case Choropleth::Coverage:
        case Choropleth::MeanTime:
        case Choropleth::VenuesPer10k:
            return i < view.choropleth_values.size() ? view.choropleth_values[i] : NAN;
        default: return choropleth_value(view.choropleth, m);
    }
}

}  // namespace viewer

// Issue 13: the style's zoom ranges.
namespace viewer {

const MapStyle& map_style() {
    static const MapStyle s = {
        {
            {"built-up", {12, 24}},
            {"industrial", {12, 24}},
            {"municipality-names", {0, 13}},
            {"place-names", {9.5, 24}},
            {"wijk-names", {13, 24}},
            {"wijk-outlines", {13, 24}},
            {"buurt-names", {14.5, 24}},
            {"venue-names", {13, 24}},
            {"station-names", {12, 24}},
        },
        hex(0x9a8f7f, 0.22f),  // built-up: a warm grey veil, readable over every choropleth class
        hex(0x8c8fa3, 0.26f),  // industrial: cooler
        hex(0x5b5146),
        10000,
    };
    return s;
}

double map_zoom(double mpp) {
    constexpr double kMppZ0 = 156543.03392804097 * 0.6115;  // cos(52.3°)
    return std::log2(kMppZ0 / std::max(mpp, 1e-6));
}

bool style_visible(StyleLayer l, double mpp) { return map_style().layers[int(l)].zoom.contains(map_zoom(mpp)); }

double place_label_min_inhabitants(double mpp) {
    if (!style_visible(StyleLayer::PlaceNames, mpp)) return INFINITY;
    return mpp > 45 ? 8000 : mpp > 20 ? 2500 : mpp > 8 ? 1000 : 100;
}

}  // namespace viewer
