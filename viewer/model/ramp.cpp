#include "viewer/model/ramp.h"

#include <algorithm>
#include <cmath>

#include "viewer/model/i18n.h"

namespace viewer {

// Control points, evenly spaced from t = 0 to t = 1.
// viridis / magma / cividis: the 10-step samples of the published colour maps (van der Walt & Smith 2015 for
// matplotlib; cividis: Nuñez, Anderton & Renslow 2018). Diverging: PuOr oranges, white, RdBu blues.
const std::vector<unsigned>& ramp_points(Ramp r) {
    static const std::vector<unsigned> viridis = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e,
                                                  0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725};
    static const std::vector<unsigned> cividis = {0x00204d, 0x00336f, 0x39486b, 0x575c6d, 0x707173,
                                                  0x8a8779, 0xa69d75, 0xc4b56c, 0xe4cf5b, 0xffea46};
    static const std::vector<unsigned> magma = {0x000004, 0x180f3e, 0x451077, 0x721f81, 0x9f2f7f,
                                                0xcd4071, 0xf1605d, 0xfd9567, 0xfec98d, 0xfcfdbf};
    static const std::vector<unsigned> diverging = {0xb35806, 0xe08214, 0xfdb863, 0xfee0b6, 0xf7f7f7,
                                                    0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac};
    switch (r) {
        case Ramp::Cividis: return cividis;
        case Ramp::Magma: return magma;
        case Ramp::Diverging: return diverging;
        default: return viridis;
    }
}

// Position along the ramp for a value, before reversing (the shader reverses): range, log scale and bands.
float ramp_position(float v, const HeatmapStyle& st, const std::vector<float>& cont) {
    const float lo = st.vmin, hi = st.vmax;
    if (st.banded && !cont.empty()) {  // the colour of the band's middle
        float a = lo, b = std::max(hi, cont.back());
        if (v >= cont.back()) {
            v = std::max(v, hi);
        } else {
            for (float x : cont) {
                if (v < x) { b = x; break; }
                a = x;
            }
            v = 0.5f * (a + b);
        }
    }
    const float t = st.log_scale ? std::log1p(std::max(v - lo, 0.0f)) / std::log1p(std::max(hi - lo, 1e-6f))
                                 : (v - lo) / std::max(hi - lo, 1e-6f);
    return std::clamp(t, 0.0f, 1.0f);
}

std::vector<float> sorted_contours(const HeatmapStyle& st) {
    std::vector<float> c;
    for (float x : st.contours)
        if (std::isfinite(x)) c.push_back(x);
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    if (c.size() > size_t(HeatmapStyle::kMaxContours)) c.resize(HeatmapStyle::kMaxContours);
    return c;
}

const char* ramp_name(Ramp r) {
    switch (r) {
        case Ramp::Viridis: return "viridis";
        case Ramp::Cividis: return "cividis";
        case Ramp::Magma: return "magma";
        case Ramp::Diverging: return "diverging";
        default: return "";
    }
}

RGBA ramp_at(Ramp r, float t) {
    const auto& p = ramp_points(r);
    if (!(t >= 0)) t = 0;  // also NaN
    t = std::min(t, 1.0f);
    const float x = t * float(p.size() - 1);
    const int i = std::min(int(x), int(p.size()) - 2);
    const float f = x - float(i);
    const RGBA a = hex(p[size_t(i)]), b = hex(p[size_t(i) + 1]);
    return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, 1};
}

std::vector<RGBA> ramp_colours(Ramp r, int n, bool reverse) {
    std::vector<RGBA> out;
    for (int i = 0; i < n; ++i) {
        const float t = n > 1 ? float(i) / float(n - 1) : 0.0f;
        out.push_back(ramp_at(r, reverse ? 1 - t : t));
    }
    return out;
}

namespace {

// Tick step 1, 2 or 5 x 10^n: the smallest giving at most 6 intervals over the range, so labels stay apart.
double nice_step(double range) {
    if (!(range > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(range / 6)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (range / (m * p) <= 6 + 1e-6) return m * p;
    return 10 * p;
}

// Decimals that show a step (0.02 -> 2, 0.5 -> 1, 10 -> 0).
int decimals_for(double step) { return std::clamp(int(std::ceil(-std::log10(step) - 1e-6)), 0, 6); }

// Decimals for two significant digits of v (log-scale ticks: 4.6, 22, 450).
int decimals_2sig(double v) {
    return std::fabs(v) < 1e-9 ? 0 : std::clamp(1 - int(std::floor(std::log10(std::fabs(v)))), 0, 6);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

}  // namespace

std::string legend_unit(const std::string& title, const std::string& unit) {
    if (unit.empty() || lower(title).find(lower(unit)) != std::string::npos) return "";
    return unit;
}

RampLegend ramp_legend(const HeatmapStyle& st, const std::string& title, const std::string& unit,
                       const std::string& note, int decimals, const std::string& beyond) {
    RampLegend L;
    L.title = title;
    L.unit = legend_unit(title, unit);
    L.note = note;
    // Legend runs vmin (left) -> vmax (right) in value, so the colours follow the style's mapping.
    const int n = 48;
    const float lo = st.vmin, hi = st.vmax;
    auto v_of = [&](float x) {  // value at legend position x in [0, 1]
        return st.log_scale ? lo + std::expm1(x * std::log1p(std::max(hi - lo, 1e-6f))) : lo + x * (hi - lo);
    };
    const std::vector<float> cont = st.banded ? sorted_contours(st) : std::vector<float>{};
    for (int i = 0; i < n; ++i) {  // the colours as drawn (same mapping as the texture + shader)
        const float t = ramp_position(v_of((i + 0.5f) / n), st, cont);
        L.colours.push_back(ramp_at(st.ramp, st.reverse ? 1 - t : t));
    }
    // Values beyond the cut-off: a swatch in the ramp's end colour after a gap (transparent colours); the ramp
    // then takes the first `part` of the bar.
    const int gap = beyond.empty() ? 0 : 4, swatch = beyond.empty() ? 0 : 16;
    const float part = float(n) / float(n + gap + swatch);
    // Ticks: contours when given (they are the meaningful values), else round values 1, 2 or 5 x 10^n apart
    // (linear) or five positions rounded to two significant digits (log scale).
    std::vector<float> tv;
    for (float c : st.contours)
        if (c >= lo && c <= hi) tv.push_back(c);
    std::vector<int> dec;  // per tick
    if (tv.size() >= 2) {
        if (tv.front() > lo) tv.insert(tv.begin(), lo);
        bool whole = true;  // whole numbers need no decimals
        for (float v : tv) whole = whole && std::fabs(v - std::round(v)) < 1e-4f;
        dec.assign(tv.size(), whole ? 0 : decimals);
    } else if (st.log_scale) {
        tv.clear();
        for (int i = 0; i <= 4; ++i) {  // the ends exact, the others rounded to two significant digits
            const double v = v_of(i / 4.0f);
            const double f = v == 0 ? 1 : std::pow(10.0, 1 - std::floor(std::log10(std::fabs(v))));
            tv.push_back(i == 0 || i == 4 ? float(v) : float(std::round(v * f) / f));
            dec.push_back(decimals_2sig(tv.back()));
        }
    } else {
        tv.clear();
        const double step = st.whole_ticks ? std::max(1.0, nice_step(double(hi) - lo)) : nice_step(double(hi) - lo);
        tv.push_back(lo);
        for (double k = std::ceil(lo / step); k * step < hi - 1e-6 * step; k += 1)
            if (k * step > lo + 1e-6 * step) tv.push_back(float(k * step));
        tv.push_back(hi);
        dec.assign(tv.size(), decimals_for(step));
    }
    auto x_of = [&](float v) {
        const float x = st.log_scale ? std::log1p(std::max(v - lo, 0.0f)) / std::log1p(std::max(hi - lo, 1e-6f))
                                     : (v - lo) / std::max(hi - lo, 1e-6f);
        return std::clamp(x, 0.0f, 1.0f);
    };
    // Keep tick labels apart (0.12 of the bar, ~26 px at scale 1); the last tick always stays.
    const float min_gap = 0.12f / part;
    const float x_end = x_of(tv.back());
    std::vector<size_t> keep;
    float last_x = -1;
    for (size_t i = 0; i < tv.size(); ++i) {
        const float x = x_of(tv[i]);
        if (i + 1 < tv.size() && (x - last_x < min_gap || x_end - x < min_gap)) continue;
        last_x = x;
        keep.push_back(i);
    }
    // Every label must differ from its neighbours: add decimals until they do (a narrow range of large values).
    auto label = [&](size_t i, int extra) { return tv[i] == 0 ? std::string("0") : format_num(tv[i], dec[i] + extra); };
    int extra = 0;
    for (bool same = true; same && extra < 6;) {
        same = false;
        for (size_t k = 1; k < keep.size(); ++k) same = same || label(keep[k - 1], extra) == label(keep[k], extra);
        if (same) ++extra;
    }
    for (size_t i : keep) {
        const float v = tv[i];
        std::string s = label(i, extra);
        if (v >= hi && hi > lo) s = "≥ " + s;                  // values beyond the ends take the end colours
        else if (v <= lo && lo < 0 && hi > lo) s = "≤ " + s;  // (a lower end of 0 is a natural minimum)
        L.ticks.push_back({x_of(v) * part, s});
    }
    if (!beyond.empty()) {
        L.colours.insert(L.colours.end(), size_t(gap), RGBA{1, 1, 1, 0});
        L.colours.insert(L.colours.end(), size_t(swatch), ramp_at(st.ramp, st.reverse ? 0.0f : 1.0f));
        L.ticks.push_back({float(n + gap + 0.5f * swatch) / float(n + gap + swatch), beyond});
        L.beyond = beyond;
    }
    return L;
}

}  // namespace viewer
