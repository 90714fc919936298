#include "geo/population/population.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "geo/core/error.h"
#include "geo/population/scanline.h"

namespace geo {

GridF PopulationSurface::total() const {
    GridF t(nl.spec);
    for (size_t i = 0; i < t.v.size(); ++i) t.v[i] = nl.v[i] + de.v[i];
    return t;
}

GridSpec region_grid(const Dataset& ds, double cell_m, double margin_m) {
    if (!(cell_m > 0) || !(margin_m >= 0))
        throw DataError("", "population raster: cell size must be > 0 and margin >= 0 (got cell " +
                                std::to_string(cell_m) + " m, margin " + std::to_string(margin_m) + " m)");
    if (ds.twente_bbox.empty()) throw DataError("", "population raster: dataset has no Twente municipalities");
    return GridSpec::covering(ds.twente_bbox.grown(margin_m), cell_m);
}

Grid<int16_t> rasterize_municipalities(const Dataset& ds, const GridSpec& spec) {
    if (ds.municipalities.size() > size_t(std::numeric_limits<int16_t>::max()))
        throw DataError("", "too many municipalities for a 16-bit municipality raster");
    Grid<int16_t> g(spec, int16_t(-1));
    for (size_t i = 0; i < ds.municipalities.size(); ++i)
        scan_multipolygon(ds.municipalities[i].geom, spec, [&](int r, int c0, int c1) {
            int16_t* row = &g.v[spec.index(0, r)];
            for (int c = c0; c < c1; ++c)
                if (row[c] < 0) row[c] = int16_t(i);
        });
    return g;
}

namespace {

constexpr int kOutside = -1;  // owner code: cell centre not in the municipality
constexpr int kRural = 0;     // owner code: in the municipality, in no place

int municipality_of(const Dataset& ds, P2 p) {
    for (size_t i = 0; i < ds.municipalities.size(); ++i) {
        const auto& m = ds.municipalities[i];
        if (m.bbox.contains(p) && point_in_multipolygon(m.geom, p)) return int(i);
    }
    return -1;
}

// A place whose interior point is in no municipality (e.g. on generalised water): majority vote of its vertices.
int municipality_by_vertices(const Dataset& ds, const MultiPolygon& mp) {
    std::map<int, int> votes;
    for (const Polygon& poly : mp)
        if (!poly.rings.empty()) {
            const Ring& r = poly.rings[0];
            const size_t step = std::max<size_t>(1, r.size() / 64);
            for (size_t i = 0; i < r.size(); i += step)
                if (int m = municipality_of(ds, r[i]); m >= 0) ++votes[m];
        }
    int best = -1, n = 0;
    for (auto [m, v] : votes)
        if (v > n) { n = v; best = m; }
    return best;
}

// Share of part's area that lies inside whole, measured on a fine 64 x 64 lattice over part's bbox (vertex tests
// would not do: a deelkern usually shares stretches of boundary with its woonkern).
double area_share_inside(const MultiPolygon& part, const MultiPolygon& whole) {
    const BBox b = bbox_of(part);
    GridSpec g;
    g.cell = std::max(b.width(), b.height()) / 64;
    if (!(g.cell > 0)) return 0;
    g.minx = b.minx;
    g.maxy = b.maxy;
    g.cols = g.rows = 65;
    std::vector<uint8_t> in(g.size(), 0);
    size_t n_part = 0, n_both = 0;
    scan_multipolygon(part, g, [&](int r, int c0, int c1) {
        for (int c = c0; c < c1; ++c) { in[g.index(c, r)] = 1; ++n_part; }
    });
    scan_multipolygon(whole, g, [&](int r, int c0, int c1) {
        for (int c = c0; c < c1; ++c) n_both += in[g.index(c, r)];
    });
    return n_part ? double(n_both) / double(n_part) : 0;
}

// One polygon that receives inhabitants: a TOP10NL place (kern) or a sub-area of a woonkern.
struct Unit {
    const Place* place = nullptr;
    P2 inside;
    double area = 0;
    int parent = -1;       // sub-areas: index (into units) of their woonkern
    size_t cells = 0;      // cells owned after rasterization
    double target = 0;     // inhabitants finally put on its own cells (before municipality scaling)
    bool point = false;    // no cell of its own: target goes to the cell of `inside`
};

struct PlaceTables {
    std::vector<Unit> kernen;          // one per Dataset::places entry
    std::vector<int> kern_muni;        // municipality index per kern (-1: none)
    std::vector<Unit> wijken;          // one per Dataset::wijken entry, parent = kern index or -1
};

PlaceTables analyse_places(const Dataset& ds, const PopulationOptions& opt) {
    PlaceTables t;
    t.kernen.resize(ds.places.size());
    t.kern_muni.assign(ds.places.size(), -1);
    for (size_t i = 0; i < ds.places.size(); ++i) {
        const Place& p = ds.places[i];
        Unit& u = t.kernen[i];
        u.place = &p;
        u.inside = interior_point(p.geom);
        u.area = multipolygon_area(p.geom);
        int m = municipality_of(ds, u.inside);
        if (m < 0) m = municipality_by_vertices(ds, p.geom);
        t.kern_muni[i] = m;
    }
    // Places (deelkern, buurtschap, ...) lying within a woonkern are parts of it: TOP10NL's woonkern count already
    // includes them (e.g. Steenwijk 20 350 = its wijken 17 675 + deelkernen Tuk 2 085 + Zuidveen 580).
    for (size_t i = 0; i < ds.places.size(); ++i) {
        const Place& p = ds.places[i];
        if (p.type == "woonkern") continue;
        for (size_t k = 0; k < ds.places.size(); ++k) {
            const Place& w = ds.places[k];
            if (k == i || w.type != "woonkern" || !w.bbox.contains(t.kernen[i].inside) ||
                !point_in_multipolygon(w.geom, t.kernen[i].inside))
                continue;
            if (area_share_inside(p.geom, w.geom) >= opt.subarea_share) t.kernen[i].parent = int(k);
            break;
        }
    }
    // Wijken belong to the woonkern that contains their interior point (others are not used).
    t.wijken.resize(ds.wijken.size());
    for (size_t i = 0; i < ds.wijken.size(); ++i) {
        const Place& p = ds.wijken[i];
        Unit& u = t.wijken[i];
        u.place = &p;
        u.inside = interior_point(p.geom);
        u.area = multipolygon_area(p.geom);
        for (size_t k = 0; k < ds.places.size(); ++k) {
            const Place& w = ds.places[k];
            if (w.type == "woonkern" && t.kernen[k].parent < 0 && w.bbox.contains(u.inside) &&
                point_in_multipolygon(w.geom, u.inside)) {
                u.parent = int(k);
                break;
            }
        }
    }
    return t;
}

// Distributes municipality mi's CBS total over its cells (see README) and writes the part inside the raster into
// s.nl where s.municipality == mi.
void distribute_municipality(const Dataset& ds, int mi, const PlaceTables& pt, PopulationSurface& s) {
    const Municipality& m = ds.municipalities[mi];
    MunicipalityPopulation& d = s.per_municipality[mi];
    const GridSpec& R = s.nl.spec;
    const double cell = R.cell;

    // Local grid over the whole municipality, aligned with the raster (cell (c, r) here = (c + c_off, r + r_off)).
    const int c_off = int(std::floor((m.bbox.minx - R.minx) / cell));
    const int r_off = int(std::floor((R.maxy - m.bbox.maxy) / cell));
    GridSpec L;
    L.cell = cell;
    L.minx = R.minx + c_off * cell;
    L.maxy = R.maxy - r_off * cell;
    L.cols = int(std::ceil((m.bbox.maxx - L.minx) / cell)) + 1;
    L.rows = int(std::ceil((L.maxy - m.bbox.miny) / cell)) + 1;

    std::vector<int> owner(L.size(), kOutside);
    scan_multipolygon(m.geom, L, [&](int r, int c0, int c1) {
        std::fill(owner.begin() + long(L.index(c0, r)), owner.begin() + long(L.index(c1, r)), kRural);
    });

    // Units of this municipality: index 0 = rural, then kernen (largest first), then sub-areas (largest first);
    // later (smaller, finer) polygons overwrite earlier ones where they overlap.
    std::vector<Unit> units(1);
    std::vector<int> unit_of_kern(pt.kernen.size(), -1);
    std::vector<int> order;
    for (size_t k = 0; k < pt.kernen.size(); ++k)
        if (pt.kern_muni[k] == mi && pt.kernen[k].parent < 0 && pt.kernen[k].place->inhabitants > 0)
            order.push_back(int(k));  // a place without inhabitants (unknown or none) stays rural area
    std::sort(order.begin(), order.end(), [&](int a, int b) { return pt.kernen[a].area > pt.kernen[b].area; });
    for (int k : order) {
        unit_of_kern[k] = int(units.size());
        units.push_back(pt.kernen[k]);
    }
    const size_t first_sub = units.size();
    std::vector<Unit> subs;
    for (size_t k = 0; k < pt.kernen.size(); ++k)
        if (pt.kernen[k].parent >= 0 && unit_of_kern[pt.kernen[k].parent] >= 0) {
            subs.push_back(pt.kernen[k]);
            subs.back().parent = unit_of_kern[pt.kernen[k].parent];
        }
    for (const Unit& w : pt.wijken)
        if (w.parent >= 0 && unit_of_kern[w.parent] >= 0) {
            subs.push_back(w);
            subs.back().parent = unit_of_kern[w.parent];
        }
    std::stable_sort(subs.begin(), subs.end(), [](const Unit& a, const Unit& b) { return a.area > b.area; });
    units.insert(units.end(), subs.begin(), subs.end());

    for (size_t u = 1; u < units.size(); ++u)
        scan_multipolygon(units[u].place->geom, L, [&](int r, int c0, int c1) {
            int* row = &owner[L.index(0, r)];
            for (int c = c0; c < c1; ++c)
                if (row[c] != kOutside) row[c] = int(u);
        });
    for (int o : owner)
        if (o != kOutside) ++units[o].cells;
    d.cells = 0;
    for (const Unit& u : units) d.cells += u.cells;

    // Kernen with sub-areas: the woonkern total is shared by its sub-areas (their own counts) and the rest of the
    // woonkern (the remainder, uniformly); see README for the corner cases.
    std::vector<std::vector<int>> subs_of(units.size());
    for (size_t u = first_sub; u < units.size(); ++u)
        if (units[u].cells > 0) subs_of[units[u].parent].push_back(int(u));
    auto local_cell_of = [&](P2 p) -> long {
        int c, r;
        if (!L.cell_of(p, c, r) || owner[L.index(c, r)] == kOutside) return -1;
        return long(L.index(c, r));
    };
    double kernen = 0;
    int kern_count = 0;
    for (size_t u = 1; u < first_sub; ++u) {
        Unit& k = units[u];
        const double T = k.place->inhabitants;
        ++kern_count;
        double S = 0;
        size_t sub_cells = 0;
        for (int s_ : subs_of[u]) { S += units[s_].place->inhabitants; sub_cells += units[s_].cells; }
        if (!subs_of[u].empty()) {
            if (k.cells == 0 || S >= T) {
                for (int s_ : subs_of[u])
                    units[s_].target = S > 0 ? units[s_].place->inhabitants * T / S
                                             : T * double(units[s_].cells) / double(sub_cells);
                k.target = 0;
            } else {
                for (int s_ : subs_of[u]) units[s_].target = units[s_].place->inhabitants;
                k.target = T - S;
            }
        } else if (k.cells > 0) {
            k.target = T;
        } else if (local_cell_of(k.inside) >= 0) {
            k.target = T;  // smaller than a cell: all on the cell holding its interior point
            k.point = true;
        } else {
            continue;  // not placeable: its inhabitants stay in the municipality remainder
        }
        kernen += T;
    }

    // Complete to the CBS total: the remainder uniformly over the rural cells, or scale the kernen down.
    const double cbs = m.cbs.inhabitants;
    double scale = 1, rural = 0;
    std::vector<double> dens(units.size(), 0.0);
    if (d.cells == 0) {
        s.warnings.push_back(m.code + " " + m.name + ": no cell centre inside the municipality at " +
                             std::to_string(cell) + " m cells; its " + std::to_string(long(cbs)) +
                             " inhabitants are not placed");
    } else if (kernen <= 0 && units[kRural].cells == 0) {
        std::fill(dens.begin(), dens.end(), cbs / double(d.cells));  // only empty kernen: uniform
    } else {
        if (cbs >= kernen && units[kRural].cells > 0)
            rural = cbs - kernen;  // scattered population outside the mapped places
        else
            scale = cbs / kernen;  // kernen exceed the CBS total (or no rural cells left)
        if (units[kRural].cells > 0) dens[kRural] = rural / double(units[kRural].cells);
        for (size_t u = 1; u < units.size(); ++u)
            if (units[u].cells > 0 && !units[u].point) dens[u] = scale * units[u].target / double(units[u].cells);
    }

    // Write the part inside the raster.
    double in_raster = 0;
    size_t cells_in = 0;
    for (int r = 0; r < L.rows; ++r) {
        const int rr = r + r_off;
        if (rr < 0 || rr >= R.rows) continue;
        for (int c = 0; c < L.cols; ++c) {
            const int cc = c + c_off;
            const int o = owner[L.index(c, r)];
            if (o == kOutside || cc < 0 || cc >= R.cols) continue;
            const size_t gi = R.index(cc, rr);
            if (s.municipality.v[gi] != mi) continue;  // overlapping municipality polygons: first one owns the cell
            s.nl.v[gi] = float(dens[o]);
            in_raster += dens[o];
            ++cells_in;
        }
    }
    for (size_t u = 1; u < units.size(); ++u) {
        if (!units[u].point) continue;
        int c, r;
        if (!R.cell_of(units[u].inside, c, r) || s.municipality.at(c, r) != mi) continue;
        s.nl.at(c, r) += float(scale * units[u].target);
        in_raster += scale * units[u].target;
    }

    d.has_cbs = true;
    d.cbs = cbs;
    d.kernen = kernen;
    d.kernen_count = kern_count;
    d.kernen_scale = scale;
    d.rural = rural;
    d.rural_per_km2 = dens[kRural] / (cell * cell / 1e6);
    d.cells_in_raster = cells_in;
    d.in_raster = in_raster;
}

// German places: each place's population uniformly over the cells of a disc around it that are in no Dutch
// municipality and inside the raster; the disc grows until it holds such a cell, so the population is preserved.
void distribute_germany(const Dataset& ds, const PopulationOptions& opt, PopulationSurface& s) {
    const GridSpec& g = s.de.spec;
    const double max_r = std::hypot(g.bbox().width(), g.bbox().height());
    std::vector<size_t> cells;
    for (const GermanPlace& p : ds.german_places) {
        int pc, pr;
        if (!(p.population > 0) || !g.cell_of(p.pos, pc, pr)) continue;
        s.german_input += p.population;
        ++s.german_places;
        double rad = std::clamp(opt.german_disc_m * std::sqrt(p.population / 1e4), opt.german_disc_min_m,
                                opt.german_disc_max_m);
        rad = std::max(rad, g.cell / 2);
        for (;; rad *= 2) {
            cells.clear();
            const int c0 = std::max(0, int(std::floor((p.pos.x - rad - g.minx) / g.cell)));
            const int c1 = std::min(g.cols - 1, int(std::floor((p.pos.x + rad - g.minx) / g.cell)));
            const int r0 = std::max(0, int(std::floor((g.maxy - p.pos.y - rad) / g.cell)));
            const int r1 = std::min(g.rows - 1, int(std::floor((g.maxy - p.pos.y + rad) / g.cell)));
            for (int r = r0; r <= r1; ++r)
                for (int c = c0; c <= c1; ++c)
                    if (s.municipality.at(c, r) < 0 && dist(g.centre(c, r), p.pos) <= rad)
                        cells.push_back(g.index(c, r));
            if (!cells.empty() || rad > max_r) break;
        }
        if (cells.empty()) {
            s.warnings.push_back("German place " + p.name + ": no raster cell outside the Dutch municipalities; " +
                                 std::to_string(long(p.population)) + " inhabitants not placed");
            continue;
        }
        const float per = float(p.population / double(cells.size()));
        for (size_t i : cells) s.de.v[i] += per;
    }
}

}  // namespace

PopulationSurface build_population(const Dataset& ds, const PopulationOptions& opt) {
    PopulationSurface s;
    const GridSpec spec = region_grid(ds, opt.cell_m, opt.margin_m);
    s.nl = GridF(spec, 0.0f);
    s.de = GridF(spec, 0.0f);
    s.municipality = rasterize_municipalities(ds, spec);
    s.per_municipality.resize(ds.municipalities.size());

    const PlaceTables pt = analyse_places(ds, opt);
    for (size_t mi = 0; mi < ds.municipalities.size(); ++mi) {
        const Municipality& m = ds.municipalities[mi];
        if (!m.cbs.valid) {
            s.warnings.push_back(m.code + " " + m.name + ": no CBS 2024 inhabitants; its cells stay 0");
            continue;
        }
        distribute_municipality(ds, int(mi), pt, s);
    }
    distribute_germany(ds, opt, s);
    return s;
}

}  // namespace geo
