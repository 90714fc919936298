#include "geo/measures/best_site.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <stdexcept>

namespace geo {

namespace {

// Objective helpers over the current field.
double covered(const GridF& minutes, const GridF& pop, float T) {
    double s = 0;
    for (size_t i = 0; i < pop.v.size(); ++i)
        if (minutes.v[i] <= T) s += pop.v[i];
    return s;
}

double weighted_mean(const GridF& minutes, const GridF& pop, float cap) {
    double s = 0, p = 0;
    for (size_t i = 0; i < pop.v.size(); ++i) {
        if (!(pop.v[i] > 0)) continue;
        s += double(pop.v[i]) * std::min(minutes.v[i], cap);
        p += pop.v[i];
    }
    return p > 0 ? s / p : 0.0;
}

}  // namespace

std::vector<SiteChoice> best_sites(const FrictionGrid& fg, const std::vector<Source>& existing,
                                   const std::vector<P2>& candidates, const GridF& pop, const BestSiteOptions& opt) {
    if (!(pop.spec == fg.spec())) throw std::invalid_argument("best_sites: population grid differs from travel grid");
    const bool cover = opt.objective == SiteObjective::CoveredPopulation;
    TravelOptions to = opt.travel;
    if (cover) to.max_minutes = std::min(to.max_minutes, opt.threshold_min);  // nothing beyond T matters
    const float cap = to.max_minutes;
    std::vector<Source> sources = existing;
    TravelField field = travel_time(fg, sources, to);
    double total_pop = 0;
    for (float p : pop.v)
        if (p > 0) total_pop += p;

    // Gain of a candidate against the current field.
    auto gain_of = [&](size_t ci) {
        const auto imp = improvement_scan(field, fg, candidates[ci], cover ? opt.threshold_min : cap);
        double g = 0;
        for (const auto& [cell, m] : imp) {
            const double p = pop.v[cell];
            if (!(p > 0)) continue;
            if (cover) {
                if (m <= opt.threshold_min && !(field.minutes.v[cell] <= opt.threshold_min)) g += p;
            } else {
                g += p * (std::min(field.minutes.v[cell], cap) - m);
            }
        }
        return cover ? g : (total_pop > 0 ? g / total_pop : 0.0);
    };

    // CELF: a max-heap of (gain upper bound, candidate, round in which the gain was computed).
    struct Entry {
        double gain;
        size_t cand;
        int round;
        bool operator<(const Entry& o) const { return gain < o.gain || (gain == o.gain && cand > o.cand); }
    };
    std::priority_queue<Entry> q;
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (opt.travel.cancel && opt.travel.cancel->load()) throw Cancelled();
        q.push({gain_of(i), i, 0});
        if (opt.travel.progress) opt.travel.progress(0.5f * float(i + 1) / float(candidates.size()));
    }
    std::vector<SiteChoice> out;
    for (int round = 0; round < opt.k && !q.empty();) {
        if (opt.travel.cancel && opt.travel.cancel->load()) throw Cancelled();
        Entry e = q.top();
        q.pop();
        if (e.round != round) {  // stale upper bound: re-evaluate and put back
            e.gain = gain_of(e.cand);
            e.round = round;
            q.push(e);
            continue;
        }
        if (!(e.gain > 0)) break;  // nothing left to improve
        sources.push_back({candidates[e.cand], true});
        update_source(field, fg, sources, int(sources.size() - 1));
        SiteChoice sc;
        sc.candidate = int(e.cand);
        sc.gain = e.gain;
        sc.objective = cover ? covered(field.minutes, pop, opt.threshold_min) : weighted_mean(field.minutes, pop, cap);
        out.push_back(sc);
        ++round;
        if (opt.travel.progress) opt.travel.progress(0.5f + 0.5f * float(round) / float(opt.k));
    }
    return out;
}

std::vector<P2> candidate_cells(const GridF& pop, int step, double min_population) {
    step = std::max(step, 1);
    std::vector<P2> out;
    for (int r = step / 2; r < pop.rows(); r += step)
        for (int c = step / 2; c < pop.cols(); c += step)
            if (pop.at(c, r) >= min_population) out.push_back(pop.spec.centre(c, r));
    return out;
}

}  // namespace geo
