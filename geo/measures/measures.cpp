#include "geo/measures/measures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

namespace geo {

size_t detail::parallel_entries = size_t(2) << 20;

float Decay::operator()(float t) const {
    if (!(t >= 0) || t > cutoff_min) return 0.0f;
    switch (kind) {
        case Kind::Step: return 1.0f;
        case Kind::Exponential: return float(std::exp(-double(beta) * t));
        case Kind::Logistic:
            return float((1.0 + std::exp(-double(k) * t50)) / (1.0 + std::exp(double(k) * (t - t50))));
        case Kind::Stepped:
            for (const auto& [upper, w] : steps)
                if (t <= upper) return w;
            return 0.0f;
    }
    return 0.0f;
}

Decay Decay::step(float T) {
    Decay d;
    d.kind = Kind::Step;
    d.cutoff_min = T;
    return d;
}
Decay Decay::exponential(float beta, float cutoff) {
    Decay d;
    d.kind = Kind::Exponential;
    d.beta = beta;
    d.cutoff_min = cutoff;
    return d;
}
Decay Decay::logistic(float t50, float k, float cutoff) {
    Decay d;
    d.kind = Kind::Logistic;
    d.t50 = t50;
    d.k = k;
    d.cutoff_min = cutoff;
    return d;
}
Decay Decay::e2sfca_default() {
    Decay d;
    d.kind = Kind::Stepped;
    d.steps = {{10.0f, 1.0f}, {20.0f, 0.68f}, {30.0f, 0.22f}};
    d.cutoff_min = 30;
    return d;
}

namespace {

// Decay tabulated per whole second (SourceTimes stores whole seconds), so a pass is a lookup per entry.
std::vector<float> decay_table(const SourceTimes& st, const Decay& decay) {
    if (decay.cutoff_min > st.max_minutes + 1e-3f)
        throw std::invalid_argument("measure: decay cut-off (" + std::to_string(decay.cutoff_min) +
                                    " min) beyond the per-source cut-off (" + std::to_string(st.max_minutes) +
                                    " min); rebuild SourceTimes with a larger max_minutes");
    const int n = int(std::lround(double(st.max_minutes) * 60.0)) + 1;
    std::vector<float> lut(size_t(std::max(n, 1)));
    for (int s = 0; s < int(lut.size()); ++s) lut[size_t(s)] = decay(float(s) / 60.0f);
    return lut;
}

void check_weights(const SourceTimes& st, const std::vector<double>* w, const char* what) {
    if (w && w->size() < st.lists.size())
        throw std::invalid_argument(std::string(what) + ": fewer weights than sources");
}

void check_grid(const SourceTimes& st, const GridF& g, const char* what) {
    if (!(g.spec == st.spec)) throw std::invalid_argument(std::string(what) + ": population grid differs from travel grid");
}

// Large passes run on two threads, each over a contiguous range of sources holding about half the entries.

size_t split_point(const SourceTimes& st) {
    const size_t total = st.entries();
    size_t acc = 0, j = 0;
    for (; j < st.lists.size() && acc < total / 2; ++j) acc += st.lists[j].cell.size();
    return j;
}

bool go_parallel(const SourceTimes& st) {
    return st.entries() >= detail::parallel_entries && std::thread::hardware_concurrency() >= 2 && st.lists.size() >= 2;
}

// out[cell] += weight_j * lut[sec] for sources j in [j0, j1). Lists are sorted by cell, so the scatter walks
// memory forward.
void accumulate_range(const SourceTimes& st, const std::vector<float>& lut, const std::vector<double>& weight,
                      size_t j0, size_t j1, float* acc) {
    const uint16_t top = uint16_t(lut.size() - 1);
    const float* f = lut.data();
    for (size_t j = j0; j < j1; ++j) {
        const float wj = float(weight[j]);
        if (wj == 0) continue;
        const auto& L = st.lists[j];
        const uint32_t* cell = L.cell.data();
        const uint16_t* sec = L.sec.data();
        for (size_t e = 0, n = L.cell.size(); e < n; ++e) {
            const uint16_t s = sec[e];
            if (s <= top) acc[cell[e]] += wj * f[s];
        }
    }
}

GridF accumulate(const SourceTimes& st, const std::vector<float>& lut, const std::vector<double>& weight) {
    GridF out(st.spec, 0.0f);
    if (!go_parallel(st)) {
        accumulate_range(st, lut, weight, 0, st.lists.size(), out.v.data());
        return out;
    }
    const size_t mid = split_point(st);
    std::vector<float> other(out.v.size(), 0.0f);
    std::thread t([&] { accumulate_range(st, lut, weight, mid, st.lists.size(), other.data()); });
    accumulate_range(st, lut, weight, 0, mid, out.v.data());
    t.join();
    for (size_t i = 0; i < out.v.size(); ++i) out.v[i] += other[i];
    return out;
}

std::vector<double> weights_or_ones(const SourceTimes& st, const std::vector<double>* w) {
    return w ? std::vector<double>(w->begin(), w->begin() + ptrdiff_t(st.lists.size()))
             : std::vector<double>(st.lists.size(), 1.0);
}

}  // namespace

GridF kernel_density(const GridSpec& spec, const std::vector<P2>& pts, double radius_m,
                     const std::vector<double>* weights) {
    if (!(radius_m > 0)) throw std::invalid_argument("kernel_density: radius must be positive");
    if (weights && weights->size() < pts.size()) throw std::invalid_argument("kernel_density: fewer weights than points");
    std::vector<double> acc(spec.size(), 0.0);
    const double r2 = radius_m * radius_m;
    const double norm = 3.0 / (M_PI * r2) * 1e6;  // per m² -> per km²
    for (size_t i = 0; i < pts.size(); ++i) {
        const double w = weights ? (*weights)[i] : 1.0;
        const P2 p = pts[i];
        const int c0 = std::max(0, int(std::floor((p.x - radius_m - spec.minx) / spec.cell)));
        const int c1 = std::min(spec.cols - 1, int(std::floor((p.x + radius_m - spec.minx) / spec.cell)));
        const int r0 = std::max(0, int(std::floor((spec.maxy - (p.y + radius_m)) / spec.cell)));
        const int r1 = std::min(spec.rows - 1, int(std::floor((spec.maxy - (p.y - radius_m)) / spec.cell)));
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c) {
                const P2 q = spec.centre(c, r);
                const double d2 = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y);
                if (d2 >= r2) continue;
                const double u = 1.0 - d2 / r2;
                acc[spec.index(c, r)] += w * norm * u * u;
            }
    }
    GridF out(spec, 0.0f);
    for (size_t i = 0; i < acc.size(); ++i) out.v[i] = float(acc[i]);
    return out;
}

GridF cumulative_opportunities(const SourceTimes& st, float T, const std::vector<double>* weights) {
    check_weights(st, weights, "cumulative_opportunities");
    return accumulate(st, decay_table(st, Decay::step(T)), weights_or_ones(st, weights));
}

GridF gravity(const SourceTimes& st, const Decay& decay, const std::vector<double>* weights) {
    check_weights(st, weights, "gravity");
    return accumulate(st, decay_table(st, decay), weights_or_ones(st, weights));
}

GridF fca2(const SourceTimes& st, const GridF& pop, const std::vector<double>& capacity, const Decay& decay) {
    check_grid(st, pop, "fca2");
    check_weights(st, &capacity, "fca2");
    const std::vector<float> lut = decay_table(st, decay);
    const uint16_t top = uint16_t(lut.size() - 1);
    // Step 1: supply-to-demand ratio per venue.
    std::vector<double> ratio(st.lists.size(), 0.0);
    auto step1 = [&](size_t j0, size_t j1) {
        for (size_t j = j0; j < j1; ++j) {
            const auto& L = st.lists[j];
            double demand = 0;
            for (size_t e = 0; e < L.cell.size(); ++e)
                if (L.sec[e] <= top) demand += double(pop.v[L.cell[e]]) * lut[L.sec[e]];
            ratio[j] = demand > 0 ? capacity[j] / demand : 0.0;
        }
    };
    if (go_parallel(st)) {
        const size_t mid = split_point(st);
        std::thread t([&] { step1(mid, st.lists.size()); });
        step1(0, mid);
        t.join();
    } else {
        step1(0, st.lists.size());
    }
    // Step 2: sum the ratios of the venues reachable from each cell.
    return accumulate(st, lut, ratio);
}

VenueWeights capacity_weights(const std::vector<Venue>& venues, double default_capacity) {
    VenueWeights w;
    std::vector<double> known;
    for (const auto& v : venues)
        if (v.capacity > 0) known.push_back(v.capacity);
    w.fill = default_capacity;
    w.rule = VenueWeights::Rule::Default;
    if (!(w.fill > 0)) {
        if (known.empty()) {
            w.fill = 1;
            w.rule = VenueWeights::Rule::One;
        } else {
            std::sort(known.begin(), known.end());
            const size_t n = known.size();
            w.fill = n % 2 ? known[n / 2] : 0.5 * (known[n / 2 - 1] + known[n / 2]);
            w.rule = VenueWeights::Rule::Median;
        }
    }
    w.weight.reserve(venues.size());
    for (const auto& v : venues) w.weight.push_back(v.capacity > 0 ? v.capacity : w.fill);
    w.total = int(venues.size());
    w.assumed = w.total - int(known.size());
    return w;
}

std::vector<double> capacities(const std::vector<Venue>& venues, double default_capacity) {
    return capacity_weights(venues, default_capacity).weight;
}

std::vector<PopulationReach> venue_reach(const SourceTimes& st, const GridF& nl, const GridF& de, float T) {
    check_grid(st, nl, "venue_reach");
    check_grid(st, de, "venue_reach");
    if (T > st.max_minutes) throw std::invalid_argument("venue_reach: T beyond the per-source cut-off");
    const double limit = double(T) * 60.0;
    std::vector<PopulationReach> out(st.lists.size());
    auto range = [&](size_t j0, size_t j1) {
        for (size_t j = j0; j < j1; ++j) {
            const auto& L = st.lists[j];
            double a = 0, b = 0;
            for (size_t e = 0; e < L.cell.size(); ++e)
                if (L.sec[e] <= limit) {
                    a += nl.v[L.cell[e]];
                    b += de.v[L.cell[e]];
                }
            out[j] = {a, b};
        }
    };
    if (go_parallel(st)) {
        const size_t mid = split_point(st);
        std::thread t([&] { range(mid, st.lists.size()); });
        range(0, mid);
        t.join();
    } else {
        range(0, st.lists.size());
    }
    return out;
}

std::vector<CoverageRow> coverage_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& pop,
                                          const GridF& minutes, float T) {
    if (!(zones.spec == pop.spec) || !(zones.spec == minutes.spec))
        throw std::invalid_argument("coverage_by_zone: zones, population and minutes must share one grid");
    std::vector<CoverageRow> rows(size_t(std::max(zone_count, 0)));
    std::vector<double> tsum(rows.size(), 0.0), tpop(rows.size(), 0.0);
    for (size_t i = 0; i < rows.size(); ++i) rows[i].zone = int(i);
    for (size_t i = 0; i < zones.v.size(); ++i) {
        const int z = zones.v[i];
        if (z < 0 || z >= zone_count) continue;
        const double p = pop.v[i];
        if (!(p > 0)) continue;
        const float t = minutes.v[i];
        CoverageRow& row = rows[size_t(z)];
        row.population += p;
        if (t <= T) row.covered += p;
        if (std::isfinite(t)) {
            tsum[size_t(z)] += p * t;
            tpop[size_t(z)] += p;
        } else {
            row.unreached += p;
        }
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        rows[i].share = rows[i].population > 0 ? rows[i].covered / rows[i].population : 0.0;
        rows[i].mean_minutes = tpop[i] > 0 ? tsum[i] / tpop[i] : std::numeric_limits<double>::quiet_NaN();
    }
    return rows;
}

Table coverage_table(const std::vector<CoverageRow>& rows, const std::vector<std::string>& codes,
                     const std::vector<std::string>& names, float T, bool estimate) {
    Table t;
    t.columns = {"code", "name", "population", "covered", "share_pct", "mean_minutes", "unreached", "threshold_min",
                 "note"};
    for (const auto& r : rows) {
        const size_t z = size_t(r.zone);
        t.rows.push_back({z < codes.size() ? codes[z] : std::to_string(r.zone), z < names.size() ? names[z] : "",
                          fmt_num(r.population, 0), fmt_num(r.covered, 0), fmt_num(100.0 * r.share, 1),
                          fmt_num(r.mean_minutes, 1), fmt_num(r.unreached, 0), fmt_num(T, 0),
                          estimate ? kEstimateNote : ""});
    }
    return t;
}

}  // namespace geo
