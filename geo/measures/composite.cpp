#include "geo/measures/composite.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace geo {

double population_mean(const GridF& values, const GridF& population, const Grid<int16_t>* zones, int zone_count) {
    if (!(values.spec == population.spec) || (zones && !(zones->spec == values.spec)))
        throw std::invalid_argument("population_mean: grids differ");
    double pw = 0, p = 0;
    for (size_t i = 0; i < values.v.size(); ++i) {
        const double pop = population.v[i];
        if (!(pop > 0)) continue;
        if (zones && (zones->v[i] < 0 || zones->v[i] >= zone_count)) continue;
        const float x = values.v[i];
        p += pop;
        if (std::isfinite(x)) pw += pop * x;
    }
    return p > 0 ? pw / p : 0;
}

CompositeAccess composite_access(const std::vector<const GridF*>& access, const std::vector<double>& weights,
                                 const std::vector<double>& norm) {
    if (access.empty() || access.size() != weights.size() || access.size() != norm.size())
        throw std::invalid_argument("composite_access: one surface, weight and normaliser per category");
    double sum = 0;
    for (double w : weights) {
        if (!(w >= 0) || !std::isfinite(w)) throw std::invalid_argument("composite_access: weights must be >= 0");
        sum += w;
    }
    if (!(sum > 0)) throw std::invalid_argument("composite_access: every weight is 0");
    const GridSpec& spec = access[0]->spec;
    for (const GridF* a : access)
        if (!a || !(a->spec == spec)) throw std::invalid_argument("composite_access: grids differ");
    CompositeAccess out;
    out.score = GridF(spec, std::numeric_limits<float>::quiet_NaN());
    out.norm = norm;
    for (size_t k = 0; k < access.size(); ++k) {
        out.weight.push_back(weights[k] / sum);
        if (weights[k] > 0 && !(norm[k] > 0)) out.unreachable.push_back(int(k));
    }
    for (size_t i = 0; i < out.score.v.size(); ++i) {
        double c = 0;
        bool any = false;
        for (size_t k = 0; k < access.size(); ++k) {
            if (!(weights[k] > 0)) continue;
            const float a = access[k]->v[i];
            if (std::isnan(a)) continue;
            any = true;
            if (norm[k] > 0) c += out.weight[k] * double(a) / norm[k];
        }
        if (any) out.score.v[i] = float(c);
    }
    return out;
}

}  // namespace geo
