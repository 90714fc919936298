// Population surface: inhabitants per raster cell over Twente + margin, Dutch and German parts kept apart.
// Method and assumptions: geo/population/README.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geo/core/grid.h"
#include "geo/io/dataset.h"

namespace geo {

struct PopulationOptions {
    double cell_m = 100;         // raster cell size (metres, EPSG:28992)
    double margin_m = 40000;     // raster = Twente bbox grown by this, aligned to multiples of cell_m
    double german_disc_m = 1500; // disc radius of a German place of 10 000 inhabitants; r = german_disc_m*sqrt(pop/1e4)
    double german_disc_min_m = 300;   // clamp of that radius
    double german_disc_max_m = 8000;
    double subarea_share = 0.9;  // a place with >= this share of its area inside a woonkern is part of it
};

// How one municipality's CBS total was distributed (diagnostics; one entry per Dataset::municipalities index).
struct MunicipalityPopulation {
    bool has_cbs = false;
    double cbs = 0;            // CBS 1 Jan 2024 inhabitants
    double kernen = 0;         // TOP10NL (1 July 2025) inhabitants of the places assigned to it and placed on cells
    int kernen_count = 0;      // places assigned to it (sub-areas not counted)
    double kernen_scale = 1;   // < 1 when the kernen exceeded the CBS total and were scaled down
    double rural = 0;          // inhabitants spread uniformly over the cells outside the kernen
    double rural_per_km2 = 0;
    size_t cells = 0;          // cells whose centre is in the municipality (whole municipality, also outside raster)
    size_t cells_in_raster = 0;
    double in_raster = 0;      // sum of the nl cells of this municipality in the raster (== cbs when fully inside)
};

struct PopulationSurface {
    GridF nl, de;                        // inhabitants per cell, same GridSpec; nl + de = total
    Grid<int16_t> municipality;          // rasterize_municipalities() of the same spec (what nl is keyed by)
    std::vector<MunicipalityPopulation> per_municipality;
    double german_input = 0;             // sum of GeoNames populations with their point in the grid
    int german_places = 0;               // how many of those
    std::vector<std::string> warnings;   // non-fatal problems (places dropped, municipalities without CBS figures)

    const GridSpec& spec() const { return nl.spec; }
    GridF total() const;                 // nl + de
};

PopulationSurface build_population(const Dataset&, const PopulationOptions& = {});

// Index into Dataset::municipalities per cell (by cell centre), -1 outside every loaded municipality.
// Where polygons overlap (they should not), the lower index wins.
Grid<int16_t> rasterize_municipalities(const Dataset&, const GridSpec&);

// Twente bbox + margin, aligned to multiples of cell_m.
GridSpec region_grid(const Dataset&, double cell_m = 100, double margin_m = 40000);

}  // namespace geo
