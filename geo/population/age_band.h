// Population of an age band (issue 17): the CBS 2024 age shares per municipality applied to the population
// surface, so that every measure that weighs inhabitants can weigh one age group instead. Method and assumptions:
// geo/population/README.md, "Age bands".
//
//     geo::BandPopulation b = geo::band_population(dataset, surface, geo::AgeBand::A25_45);
//     b.nl, b.de          // band inhabitants per cell (same GridSpec as the surface)
//     b.share[i]          // the share (0..1) applied to municipality i's cells
//     b.de_share          // the share applied to the German side: an assumption (GeoNames has no ages)
#pragma once
#include <string>
#include <vector>

#include "geo/core/grid.h"
#include "geo/io/dataset.h"
#include "geo/population/population.h"

namespace geo {

// The CBS Kerncijfers age groups (columns 0_15, 15_25, 25_45, 45_65, 65plus), and All (everybody).
enum class AgeBand : int { All = 0, A0_15, A15_25, A25_45, A45_65, A65plus, Count };
constexpr int kAgeBandCount = int(AgeBand::Count);
const char* age_band_key(AgeBand b);    // "all", "0_15", "15_25", "25_45", "45_65", "65plus"
const char* age_band_label(AgeBand b);  // "everyone", "aged 25-45", ... (English; translate in the viewer)
bool age_band_from_key(const std::string& key, AgeBand& out);

// The band's CBS percentage of a municipality (100 for All); 0 when CBS gives none (unknown, or no figures).
double age_band_pct(const CbsFigures& f, AgeBand b);

struct BandPopulation {
    AgeBand band = AgeBand::All;
    GridF nl, de;                   // band inhabitants per cell; nl = surface.nl * share of the cell's municipality
    std::vector<double> share;      // per Dataset::municipalities index: share applied (0..1)
    std::vector<bool> assumed;      // per municipality: CBS had no percentage, the Twente share was used
    double twente_share = 1;        // the band's share of all Twente inhabitants (CBS, inhabitant-weighted)
    double de_share = 1;            // the share applied to the German population: ASSUMED equal to twente_share
    GridF total() const;            // nl + de
};

// The band surface. Dutch cells: the municipality's CBS share of the band (percent / 100); a municipality without
// a CBS percentage gets the Twente share (marked in `assumed`). German cells: the Twente share (an assumption:
// GeoNames carries no ages). AgeBand::All returns the surface itself (shares 1).
BandPopulation band_population(const Dataset& d, const PopulationSurface& s, AgeBand band);

}  // namespace geo
