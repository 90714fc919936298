#include "geo/population/age_band.h"

#include <stdexcept>

namespace geo {

namespace {
struct BandInfo {
    const char* key;
    const char* label;
};
const BandInfo kBands[kAgeBandCount] = {
    {"all", "everyone"},        {"0_15", "aged 0-15"},  {"15_25", "aged 15-25"},
    {"25_45", "aged 25-45"},    {"45_65", "aged 45-65"}, {"65plus", "aged 65+"},
};
}  // namespace

const char* age_band_key(AgeBand b) { return kBands[int(b)].key; }
const char* age_band_label(AgeBand b) { return kBands[int(b)].label; }
bool age_band_from_key(const std::string& key, AgeBand& out) {
    for (int i = 0; i < kAgeBandCount; ++i)
        if (key == kBands[i].key) {
            out = AgeBand(i);
            return true;
        }
    return false;
}

double age_band_pct(const CbsFigures& f, AgeBand b) {
    if (b == AgeBand::All) return 100;
    if (!f.valid) return 0;
    switch (b) {
        case AgeBand::A0_15: return f.pct_0_15;
        case AgeBand::A15_25: return f.pct_15_25;
        case AgeBand::A25_45: return f.pct_25_45;
        case AgeBand::A45_65: return f.pct_45_65;
        case AgeBand::A65plus: return f.pct_65plus;
        default: return 0;
    }
}

GridF BandPopulation::total() const {
    GridF t(nl.spec);
    for (size_t i = 0; i < t.v.size(); ++i) t.v[i] = nl.v[i] + de.v[i];
    return t;
}

BandPopulation band_population(const Dataset& d, const PopulationSurface& s, AgeBand band) {
    if (int(band) < 0 || int(band) >= kAgeBandCount) throw std::invalid_argument("unknown age band");
    BandPopulation b;
    b.band = band;
    const size_t n = d.municipalities.size();
    b.share.assign(n, 1.0);
    b.assumed.assign(n, false);
    if (band == AgeBand::All) {
        b.nl = s.nl;
        b.de = s.de;
        return b;
    }
    // The Twente share, weighted by inhabitants, over the municipalities with a CBS percentage.
    double inh = 0, in_band = 0;
    for (int i = 0; i < d.twente_count && size_t(i) < n; ++i) {
        const CbsFigures& f = d.municipalities[size_t(i)].cbs;
        const double pct = age_band_pct(f, band);
        if (f.valid && pct > 0) {
            inh += f.inhabitants;
            in_band += f.inhabitants * pct / 100.0;
        }
    }
    b.twente_share = inh > 0 ? in_band / inh : 0;
    b.de_share = b.twente_share;
    for (size_t i = 0; i < n; ++i) {
        const double pct = age_band_pct(d.municipalities[i].cbs, band);
        b.assumed[i] = !(pct > 0);
        b.share[i] = pct > 0 ? pct / 100.0 : b.twente_share;
    }
    b.nl = GridF(s.nl.spec, 0.0f);
    b.de = GridF(s.de.spec, 0.0f);
    for (size_t c = 0; c < s.nl.v.size(); ++c) {
        const int z = s.municipality.v[c];
        if (s.nl.v[c] != 0) b.nl.v[c] = float(double(s.nl.v[c]) * (z >= 0 && size_t(z) < n ? b.share[size_t(z)]
                                                                                          : b.twente_share));
        b.de.v[c] = float(double(s.de.v[c]) * b.de_share);
    }
    return b;
}

}  // namespace geo
