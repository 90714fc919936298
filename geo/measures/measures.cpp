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

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

void check_zone_grids(const Grid<int16_t>& zones, const GridF& pop, const GridF& values, const char* what) {
    if (!(zones.spec == pop.spec) || !(zones.spec == values.spec))
        throw std::invalid_argument(std::string(what) + ": zones, population and values must share one grid");
}

void check_cutoff(float cutoff, const char* what) {
    if (!(cutoff > 0) || !std::isfinite(cutoff))
        throw std::invalid_argument(std::string(what) + ": the cut-off must be positive and finite (got " +
                                    std::to_string(cutoff) + " min)");
}

struct Entry {
    float value;
    float pop;
};

// Entries (value, population) grouped by zone (in no particular order within a zone): zone z's entries are
// out[off[z] .. off[z+1]). Built from the cells listed in `cells` and their zone counts.
void group_by_zone(const Grid<int16_t>& zones, const GridF& pop, const GridF& values,
                   const std::vector<uint32_t>& cells, const std::vector<size_t>& count, std::vector<Entry>& out,
                   std::vector<size_t>& off) {
    const size_t nz = count.size();
    off.assign(nz + 1, 0);
    for (size_t z = 0; z < nz; ++z) off[z + 1] = off[z] + count[z];
    out.resize(off[nz]);
    std::vector<size_t> fill(off.begin(), off.end() - 1);
    for (uint32_t i : cells) out[fill[size_t(zones.v[i])]++] = {values.v[i], pop.v[i]};
}

// Weighted quantiles Q(q) for ascending qs (each >= 0.01) over the entries [b, e), which are reordered: Q(q) =
// the smallest value t with sum(pop : value <= t) >= q * total - 1e-6 * total; +inf when the entries' population
// never gets there (the quantile lies among inhabitants not in the list, i.e. beyond the cut-off); NaN when total
// is 0. Weighted quickselect with a three-way partition (expected linear time); each quantile continues on the
// part above the previous one.
void weighted_quantiles(Entry* b, Entry* e, double total, std::initializer_list<double> qs, double* out) {
    Entry* const end = e;
    double left = 0;  // population of the entries before b (all with values below those in [b, end))
    double prev = kNaN, through = -1;  // the last answer and the population with values <= it
    for (double q : qs) {
        e = end;  // a search narrows e; what lies above its answer is still needed by the next q
        double& res = *out++;
        if (!(total > 0)) {
            res = kNaN;
            continue;
        }
        const double need = q * total - 1e-6 * total;
        if (through >= need) {
            res = prev;
            continue;
        }
        res = kInf;
        while (b != e) {
            const float x = b->value, y = b[(e - b) / 2].value, z = (e - 1)->value;
            const float v = std::max(std::min(x, y), std::min(std::max(x, y), z));  // median of three
            Entry *lt = b, *i = b, *gt = e;
            double wl = 0, we = 0;
            while (i < gt) {
                if (i->value < v) {
                    wl += i->pop;
                    std::swap(*lt++, *i++);
                } else if (i->value > v) {
                    std::swap(*i, *--gt);
                } else {
                    we += i->pop;
                    ++i;
                }
            }
            if (left + wl >= need) {
                e = lt;  // the values below v already reach it
            } else if (left + wl + we >= need) {
                res = prev = v;
                through = left + wl + we;
                left = through;
                b = gt;
                break;
            } else {
                left += wl + we;
                b = gt;
            }
        }
        // Not reached (res = +inf): then b == end and every larger q is not reached either.
    }
}

// Numbers for tables with `sig` significant digits in plain decimal notation (no exponent); "" for NaN/inf.
std::string fmt_sig(double v, int sig) {
    if (!std::isfinite(v)) return "";
    if (v == 0) return "0";
    const int mag = int(std::floor(std::log10(std::fabs(v))));
    return fmt_num(v, std::clamp(sig - 1 - mag, 0, 12));
}

// Minutes as given: no decimals when whole, else up to two (trailing zeros dropped).
std::string fmt_minutes(double v) {
    std::string s = fmt_num(v, 2);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string zone_code(const std::vector<std::string>& codes, int zone) {
    const size_t z = size_t(zone);
    return zone >= 0 && z < codes.size() ? codes[z] : std::to_string(zone);
}
std::string zone_name(const std::vector<std::string>& names, int zone) {
    const size_t z = size_t(zone);
    return zone >= 0 && z < names.size() ? names[z] : "";
}

}  // namespace

std::vector<CoverageRow> coverage_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& pop,
                                          const GridF& minutes, float T, float cutoff) {
    check_zone_grids(zones, pop, minutes, "coverage_by_zone");
    check_cutoff(cutoff, "coverage_by_zone");
    if (!(T <= cutoff))
        throw std::invalid_argument("coverage_by_zone: threshold T (" + std::to_string(T) +
                                    " min) beyond the cut-off (" + std::to_string(cutoff) + " min)");
    std::vector<CoverageRow> rows(size_t(std::max(zone_count, 0)));
    std::vector<double> tsum(rows.size(), 0.0), tpop(rows.size(), 0.0);
    std::vector<size_t> count(rows.size(), 0);
    std::vector<uint32_t> cells;  // the populated cells within the cut-off
    for (size_t i = 0; i < rows.size(); ++i) {
        rows[i].zone = int(i);
        rows[i].threshold_min = T;
        rows[i].cutoff_min = cutoff;
    }
    for (size_t i = 0; i < zones.v.size(); ++i) {
        const int z = zones.v[i];
        if (z < 0 || z >= zone_count) continue;
        const double p = pop.v[i];
        if (!(p > 0)) continue;
        const float t = minutes.v[i];
        CoverageRow& row = rows[size_t(z)];
        row.population += p;
        if (t <= T) row.covered += p;
        if (t <= cutoff) {
            tsum[size_t(z)] += p * t;
            tpop[size_t(z)] += p;
            ++count[size_t(z)];
            cells.push_back(uint32_t(i));
        } else {
            row.censored += p;
        }
        if (std::isinf(t) && t > 0) row.unreached += p;
    }
    std::vector<Entry> e;
    std::vector<size_t> off;
    group_by_zone(zones, pop, minutes, cells, count, e, off);
    for (size_t i = 0; i < rows.size(); ++i) {
        CoverageRow& r = rows[i];
        const bool empty = !(r.population > 0);
        r.share = empty ? 0.0 : r.covered / r.population;
        r.censored_share = empty ? 0.0 : r.censored / r.population;
        r.mean_minutes = empty ? kNaN : (tsum[i] + r.censored * double(cutoff)) / r.population;
        r.mean_is_lower_bound = r.censored > 0;
        r.mean_within_cutoff_minutes = tpop[i] > 0 ? tsum[i] / tpop[i] : kNaN;
        Entry* b = e.data() + off[i];
        Entry* end = e.data() + off[i + 1];
        double q[2];
        weighted_quantiles(b, end, r.population, {0.5, 0.9}, q);
        r.median_minutes = q[0];
        r.p90_minutes = q[1];
    }
    return rows;
}

std::vector<CoverageRow> coverage_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& pop,
                                          const GridF& minutes, float T) {
    return coverage_by_zone(zones, zone_count, pop, minutes, T, TravelOptions{}.max_minutes);
}

Table coverage_table(const std::vector<CoverageRow>& rows, const std::vector<std::string>& codes,
                     const std::vector<std::string>& names, float T, bool estimate) {
    Table t;
    t.columns = {"code",     "name",         "population",          "covered",
                 "share_pct", "mean_minutes", "unreached",           "threshold_min",
                 "note",     "censored",     "censored_pct",        "mean_is_lower_bound",
                 "mean_within_cutoff_minutes", "median_minutes",    "p90_minutes",
                 "cutoff_min"};
    for (const auto& r : rows) {
        const bool empty = !(r.population > 0);
        const std::string beyond = ">" + fmt_minutes(r.cutoff_min);
        auto quantile = [&](double q) { return std::isinf(q) && q > 0 ? beyond : fmt_num(q, 1); };
        t.rows.push_back({zone_code(codes, r.zone), zone_name(names, r.zone), fmt_num(r.population, 0),
                          fmt_num(r.covered, 0), fmt_num(100.0 * r.share, 1), fmt_num(r.mean_minutes, 1),
                          fmt_num(r.unreached, 0), fmt_minutes(T), estimate ? kEstimateNote : "",
                          fmt_num(r.censored, 0), fmt_num(100.0 * r.censored_share, 1),
                          empty ? "" : (r.mean_is_lower_bound ? "yes" : "no"), fmt_num(r.mean_within_cutoff_minutes, 1),
                          quantile(r.median_minutes), quantile(r.p90_minutes), fmt_minutes(r.cutoff_min)});
    }
    return t;
}

std::vector<ZoneStats> zone_stats(const Grid<int16_t>& zones, int zone_count, const GridF& pop, const GridF& values,
                                  float nodata) {
    check_zone_grids(zones, pop, values, "zone_stats");
    auto has_value = [nodata](float v) { return std::isfinite(v) && v != nodata; };
    std::vector<ZoneStats> rows(size_t(std::max(zone_count, 0)));
    for (size_t i = 0; i < rows.size(); ++i) rows[i].zone = int(i);
    std::vector<size_t> count(rows.size(), 0);
    std::vector<uint32_t> cells;  // the populated cells with a value
    for (size_t i = 0; i < zones.v.size(); ++i) {
        const int z = zones.v[i];
        if (z < 0 || z >= zone_count || !(pop.v[i] > 0)) continue;
        rows[size_t(z)].population += pop.v[i];
        if (!has_value(values.v[i])) continue;
        ++count[size_t(z)];
        cells.push_back(uint32_t(i));
    }
    std::vector<Entry> e;
    std::vector<size_t> off;
    group_by_zone(zones, pop, values, cells, count, e, off);
    for (size_t i = 0; i < rows.size(); ++i) {
        ZoneStats& r = rows[i];
        Entry* b = e.data() + off[i];
        Entry* end = e.data() + off[i + 1];
        double sum = 0, wsum = 0;
        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        for (const Entry* x = b; x != end; ++x) {
            sum += double(x->pop) * x->value;
            wsum += x->pop;
            lo = std::min(lo, x->value);
            hi = std::max(hi, x->value);
        }
        r.with_value = wsum;
        r.no_value = std::max(0.0, r.population - wsum);
        if (b == end) {
            r.mean = r.p10 = r.median = r.p90 = r.min = r.max = kNaN;
            continue;
        }
        r.mean = sum / wsum;
        double q[3];
        weighted_quantiles(b, end, wsum, {0.1, 0.5, 0.9}, q);
        r.p10 = q[0];
        r.median = q[1];
        r.p90 = q[2];
        r.min = lo;
        r.max = hi;
    }
    return rows;
}

Table zone_stats_table(const std::vector<ZoneStats>& rows, const std::vector<std::string>& codes,
                       const std::vector<std::string>& names, const std::string& metric, const std::string& unit,
                       bool estimate) {
    Table t;
    t.columns = {"code", "name", "population", "no_value_population", "mean", "p10", "median", "p90", "min", "max",
                 "metric", "unit", "note"};
    for (const auto& r : rows)
        t.rows.push_back({zone_code(codes, r.zone), zone_name(names, r.zone), fmt_num(r.population, 0),
                          fmt_num(r.no_value, 0), fmt_sig(r.mean, 4), fmt_sig(r.p10, 4), fmt_sig(r.median, 4),
                          fmt_sig(r.p90, 4), fmt_sig(r.min, 4), fmt_sig(r.max, 4), metric, unit,
                          estimate ? kEstimateNote : ""});
    return t;
}

std::vector<CumulativeCurve> cumulative_share_by_zone(const Grid<int16_t>& zones, int zone_count, const GridF& pop,
                                                      const GridF& minutes, float step, float cutoff) {
    check_zone_grids(zones, pop, minutes, "cumulative_share_by_zone");
    check_cutoff(cutoff, "cumulative_share_by_zone");
    if (!(step > 0) || !std::isfinite(step))
        throw std::invalid_argument("cumulative_share_by_zone: the step must be positive");
    // Steps t_k = min(k step, cutoff), k = 0..K.
    const int K = int(std::ceil(double(cutoff) / double(step) - 1e-9));
    std::vector<double> tk(size_t(K) + 1);
    for (int k = 0; k <= K; ++k) tk[size_t(k)] = std::min(double(k) * double(step), double(cutoff));
    const size_t nz = size_t(std::max(zone_count, 0));
    std::vector<CumulativeCurve> out(nz);
    // hist[z][k]: population whose first step at or above its time is t_k.
    std::vector<double> hist(nz * tk.size(), 0.0);
    for (size_t i = 0; i < zones.v.size(); ++i) {
        const int z = zones.v[i];
        if (z < 0 || z >= zone_count) continue;
        const double p = pop.v[i];
        if (!(p > 0)) continue;
        out[size_t(z)].population += p;
        const float t = minutes.v[i];
        if (!(t <= cutoff)) continue;
        // The first k with t_k >= t.
        const double td = t;
        int k = std::clamp(int(std::ceil(td / double(step))), 0, K);
        while (k > 0 && tk[size_t(k - 1)] >= td) --k;
        while (k < K && tk[size_t(k)] < td) ++k;
        hist[size_t(z) * tk.size() + size_t(k)] += p;
    }
    for (size_t z = 0; z < nz; ++z) {
        CumulativeCurve& c = out[z];
        c.zone = int(z);
        c.minutes = tk;
        c.share.assign(tk.size(), 0.0);
        double cum = 0;
        for (size_t k = 0; k < tk.size(); ++k) {
            cum += hist[z * tk.size() + k];
            c.share[k] = c.population > 0 ? cum / c.population : 0.0;
        }
    }
    return out;
}

Table cumulative_share_table(const std::vector<CumulativeCurve>& curves, const std::vector<std::string>& codes,
                             const std::vector<std::string>& names, bool estimate) {
    Table t;
    t.columns = {"code", "name", "minutes", "within", "share_pct", "note"};
    for (const auto& c : curves)
        for (size_t k = 0; k < c.minutes.size(); ++k)
            t.rows.push_back({zone_code(codes, c.zone), zone_name(names, c.zone), fmt_minutes(c.minutes[k]),
                              fmt_num(c.share[k] * c.population, 0), fmt_num(100.0 * c.share[k], 1),
                              estimate ? kEstimateNote : ""});
    return t;
}

}  // namespace geo
