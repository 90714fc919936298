#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "geo/population/population.h"
#include "geo/population/scanline.h"

using namespace geo;

namespace {

Ring rect(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}; }
MultiPolygon rect_mp(double x0, double y0, double x1, double y1) { return {Polygon{{rect(x0, y0, x1, y1)}}}; }

// --- toy geometry ----------------------------------------------------------------------------------------------

TEST(PopulationScanline, SquareCoversHandCountedCells) {
    // 10 x 10 cells of 100 m, top-left (0, 1000). Centres at x = 50, 150, ..., y = 950, 850, ...
    GridSpec g;
    g.minx = 0; g.maxy = 1000; g.cell = 100; g.cols = 10; g.rows = 10;
    // x in [150, 450] holds centres 150, 250, 350 (450 is on the right edge: outside, half-open rule);
    // y in [250, 650] holds centres 250, 350, 450, 550 (650 on the top edge: outside). 3 x 4 = 12 cells.
    MultiPolygon sq = rect_mp(150, 250, 450, 650);
    EXPECT_EQ(count_cells(sq, g), 12u);
    std::vector<int> rows_seen;
    scan_multipolygon(sq, g, [&](int r, int c0, int c1) {
        rows_seen.push_back(r);
        EXPECT_EQ(c0, 1);
        EXPECT_EQ(c1, 4);
    });
    EXPECT_EQ(rows_seen, (std::vector<int>{4, 5, 6, 7}));  // y 550 -> row 4 ... y 250 -> row 7

    // A 300 x 300 m square with corners between centres covers exactly 3 x 3 cells.
    EXPECT_EQ(count_cells(rect_mp(110, 110, 410, 410), g), 9u);
    // With a 100 x 100 hole around centre (250, 250): 8 cells.
    MultiPolygon holed = {Polygon{{rect(110, 110, 410, 410), rect(210, 210, 290, 290)}}};
    EXPECT_EQ(count_cells(holed, g), 8u);
    // Partly outside the grid: clipped (x from -500 to 250 holds centres 50, 150; y -300..1300 all 10 rows).
    EXPECT_EQ(count_cells(rect_mp(-500, -300, 250, 1300), g), 20u);
    // Smaller than a cell and not covering a centre: nothing.
    EXPECT_EQ(count_cells(rect_mp(110, 110, 140, 140), g), 0u);
}

TEST(PopulationScanline, AgreesWithPointInPolygonOnAConcaveShape) {
    GridSpec g;
    g.minx = -1000; g.maxy = 1000; g.cell = 37; g.cols = 60; g.rows = 60;
    // A star with 7 points (concave, edges at all angles) plus a second part.
    Ring star;
    for (int i = 0; i < 14; ++i) {
        const double a = i * M_PI / 7, rad = i % 2 ? 300 : 900;
        star.push_back({rad * std::cos(a), rad * std::sin(a)});
    }
    MultiPolygon mp = {Polygon{{star}}, Polygon{{rect(-990, -990, -700, -600)}}};
    Grid<int> hit(g, 0);
    scan_multipolygon(mp, g, [&](int r, int c0, int c1) {
        for (int c = c0; c < c1; ++c) ++hit.at(c, r);
    });
    int inside = 0;
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            const bool want = point_in_multipolygon(mp, g.centre(c, r));
            ASSERT_EQ(hit.at(c, r), want ? 1 : 0) << "cell " << c << "," << r;
            inside += want;
        }
    EXPECT_GT(inside, 500);
}

TEST(PopulationScanline, InteriorPointIsInsideAConcavePolygon) {
    // A "U": the centroid (in the gap between the arms) is outside; the fallback must land inside.
    MultiPolygon u = {Polygon{{Ring{{0, 0}, {300, 0}, {300, 300}, {200, 300}, {200, 100}, {100, 100}, {100, 300},
                                    {0, 300}}}}};
    EXPECT_TRUE(point_in_multipolygon(u, interior_point(u)));
    MultiPolygon sq = rect_mp(0, 0, 10, 10);
    EXPECT_NEAR(interior_point(sq).x, 5, 1e-9);
    EXPECT_NEAR(interior_point(sq).y, 5, 1e-9);
}

// --- toy dataset, every number computed by hand -----------------------------------------------------------------

Place place(const std::string& name, const std::string& type, double inh, MultiPolygon g) {
    Place p;
    p.name = name; p.type = type; p.inhabitants = inh; p.geom = std::move(g); p.bbox = bbox_of(p.geom);
    return p;
}

Municipality muni(const std::string& code, bool twente, double inh, MultiPolygon g) {
    Municipality m;
    m.code = code; m.name = code; m.label = code; m.twente = twente; m.geom = std::move(g); m.bbox = bbox_of(m.geom);
    m.label_pos = m.bbox.centre();
    m.cbs.valid = true; m.cbs.inhabitants = inh;
    return m;
}

Dataset toy() {
    Dataset d;
    d.municipalities.push_back(muni("A", true, 2000, rect_mp(0, 0, 1000, 1000)));        // 100 cells
    d.municipalities.push_back(muni("B", false, 1000, rect_mp(1000, 0, 2000, 1000)));    // half in the raster
    d.municipalities.push_back(muni("C", false, 100, rect_mp(0, 1000, 1000, 1500)));     // kernen > CBS
    d.twente_count = 1;
    d.twente_bbox = d.municipalities[0].bbox;
    // A: woonkern W (16 cells, 1000 inh) with wijken W1 (8 cells, 600), W2 (4 cells, 0) and a deelkern D inside
    // it (1 cell, 50) which is part of W; a gehucht G (1 cell, 20); a gehucht G2 smaller than a cell (10).
    d.places.push_back(place("W", "woonkern", 1000, rect_mp(0, 0, 400, 400)));
    d.places.push_back(place("D", "deelkern", 50, rect_mp(310, 310, 390, 390)));
    d.places.push_back(place("G", "gehucht", 20, rect_mp(700, 700, 800, 800)));
    d.places.push_back(place("G2", "gehucht", 10, rect_mp(610, 610, 640, 640)));
    d.places.push_back(place("Z", "buurtschap", 0, rect_mp(600, 100, 800, 300)));  // no inhabitants: rural
    // C: woonkern K (25 cells, 200) and gehucht H (2 cells, 40) overlapping K by one cell (half of H: not part of K).
    d.places.push_back(place("K", "woonkern", 200, rect_mp(0, 1000, 500, 1500)));
    d.places.push_back(place("H", "gehucht", 40, rect_mp(400, 1000, 600, 1100)));
    d.wijken.push_back(place("W1", "wijk", 600, rect_mp(0, 0, 200, 400)));
    d.wijken.push_back(place("W2", "wijk", 0, rect_mp(200, 0, 400, 200)));
    GermanPlace g1;
    g1.name = "West"; g1.pos = {-250, 500}; g1.population = 10000;
    GermanPlace g2;
    g2.name = "Border"; g2.pos = {-50, 1200}; g2.population = 800;
    d.german_places = {g1, g2};
    return d;
}

// Cell value at the cell holding point (x, y).
float at(const GridF& g, double x, double y) {
    int c, r;
    EXPECT_TRUE(g.spec.cell_of({x, y}, c, r));
    return g.at(c, r);
}

TEST(PopulationToy, HandComputedDistribution) {
    const Dataset d = toy();
    PopulationOptions o;
    o.margin_m = 500;        // raster x -500..1500, y -500..1500: 20 x 20 cells
    o.german_disc_m = 200;   // r = 200 * sqrt(pop / 1e4), clamp [0, 200]
    o.german_disc_min_m = 0;
    o.german_disc_max_m = 200;
    const PopulationSurface s = build_population(d, o);
    ASSERT_EQ(s.spec().cols, 20);
    ASSERT_EQ(s.spec().rows, 20);
    EXPECT_TRUE(s.warnings.empty());

    // Municipality A. W's 16 cells: W1 600 / 8 = 75; W2 0; D 50 on its cell (350, 350); W's own rest (3 cells)
    // 1000 - 600 - 50 = 350 -> 116.67. G 20 on (750, 750); G2 10 on the cell holding (625, 625) on top of the rural
    // density. Rural: 2000 - (1000 + 20 + 10) = 970 over 100 - 16 - 1 = 83 cells.
    const double rural = 970.0 / 83;
    EXPECT_NEAR(at(s.nl, 50, 50), 75, 1e-3);
    EXPECT_NEAR(at(s.nl, 150, 350), 75, 1e-3);
    EXPECT_NEAR(at(s.nl, 250, 150), 0, 1e-6);
    EXPECT_NEAR(at(s.nl, 350, 50), 0, 1e-6);
    EXPECT_NEAR(at(s.nl, 350, 350), 50, 1e-3);
    EXPECT_NEAR(at(s.nl, 250, 250), 350.0 / 3, 1e-3);
    EXPECT_NEAR(at(s.nl, 350, 250), 350.0 / 3, 1e-3);
    EXPECT_NEAR(at(s.nl, 750, 750), 20, 1e-3);
    EXPECT_NEAR(at(s.nl, 650, 650), rural + 10, 1e-3);
    EXPECT_NEAR(at(s.nl, 950, 50), rural, 1e-3);
    EXPECT_NEAR(at(s.nl, 450, 50), rural, 1e-3);
    EXPECT_NEAR(at(s.nl, 650, 150), rural, 1e-3);  // Z
    EXPECT_NEAR(s.per_municipality[0].in_raster, 2000, 1e-3);
    EXPECT_NEAR(s.per_municipality[0].kernen, 1030, 1e-9);
    EXPECT_EQ(s.per_municipality[0].kernen_count, 3);  // W, G, G2 (D is part of W)

    // B: no kernen, 1000 uniformly over its 100 cells of which 50 lie in the raster: 10 each, 500 in the raster.
    EXPECT_NEAR(at(s.nl, 1050, 50), 10, 1e-4);
    EXPECT_NEAR(at(s.nl, 1450, 950), 10, 1e-4);
    EXPECT_EQ(s.per_municipality[1].cells, 100u);
    EXPECT_EQ(s.per_municipality[1].cells_in_raster, 50u);
    EXPECT_NEAR(s.per_municipality[1].in_raster, 500, 1e-3);

    // C: H (the smaller) owns the shared cell, so K has 24 cells. Kernen 240 exceed the CBS total 100: both scaled
    // by 100/240; rural 0.
    EXPECT_NEAR(at(s.nl, 50, 1050), 200.0 / 24 * 100 / 240, 1e-5);
    EXPECT_NEAR(at(s.nl, 450, 1050), 40.0 / 2 * 100 / 240, 1e-5);
    EXPECT_NEAR(at(s.nl, 550, 1050), 40.0 / 2 * 100 / 240, 1e-5);
    EXPECT_NEAR(at(s.nl, 950, 1450), 0, 1e-6);
    EXPECT_NEAR(s.per_municipality[2].kernen_scale, 100.0 / 240, 1e-12);
    EXPECT_NEAR(s.per_municipality[2].in_raster, 100, 1e-4);

    // Nothing Dutch outside the municipalities, nothing German inside.
    EXPECT_EQ(at(s.nl, -250, 500), 0);
    EXPECT_EQ(at(s.de, 50, 50), 0);

    // Germany. "West" (-250, 500), r = 200: centres at dx in {0, +-100}, dy in {+-50, +-150} -> 12 cells.
    EXPECT_NEAR(at(s.de, -250, 550), 10000.0 / 12, 1e-2);
    EXPECT_NEAR(at(s.de, -150, 350), 10000.0 / 12, 1e-2);
    EXPECT_EQ(at(s.de, -250, 750), 0);  // dy = 250: outside the disc
    EXPECT_EQ(at(s.de, -450, 500), 0);  // dx = 200, dy = 50: outside
    // "Border" (-50, 1200), 800 inhabitants, r = 200 * sqrt(0.08) = 56.6 m: centres (-50, 1150) and (-50, 1250)
    // are 50 m away; (50, ...) are Dutch. 400 each.
    EXPECT_NEAR(at(s.de, -50, 1150), 400, 1e-3);
    EXPECT_NEAR(at(s.de, -50, 1250), 400, 1e-3);
    EXPECT_EQ(at(s.nl, -50, 1150), 0);
    double de = 0;
    for (float v : s.de.v) de += v;
    EXPECT_NEAR(de, 10800, 1e-2);
    EXPECT_NEAR(s.german_input, 10800, 1e-9);
}

TEST(PopulationToy, RasterizeMunicipalitiesAndBadOptions) {
    const Dataset d = toy();
    const GridSpec g = region_grid(d, 100, 500);
    EXPECT_EQ(g.minx, -500);
    EXPECT_EQ(g.maxy, 1500);
    const Grid<int16_t> m = rasterize_municipalities(d, g);
    int c, r;
    ASSERT_TRUE(g.cell_of({999, 1}, c, r));
    EXPECT_EQ(m.at(c, r), 0);
    ASSERT_TRUE(g.cell_of({1001, 1}, c, r));
    EXPECT_EQ(m.at(c, r), 1);
    ASSERT_TRUE(g.cell_of({1, 1001}, c, r));
    EXPECT_EQ(m.at(c, r), 2);
    ASSERT_TRUE(g.cell_of({-1, 1}, c, r));
    EXPECT_EQ(m.at(c, r), -1);
    size_t n0 = 0;
    for (int16_t v : m.v) n0 += v == 0;
    EXPECT_EQ(n0, 100u);
    EXPECT_THROW(region_grid(d, 0, 500), DataError);
    EXPECT_THROW(region_grid(Dataset{}, 100, 500), DataError);
}

// --- real data ------------------------------------------------------------------------------------------------

const Dataset& data() {
    static Dataset d = load_dataset();
    return d;
}

const PopulationSurface& surface() {
    static PopulationSurface s = build_population(data());
    return s;
}

int index_of(const std::string& code) {
    const auto& ms = data().municipalities;
    for (size_t i = 0; i < ms.size(); ++i)
        if (ms[i].code == code) return int(i);
    return -1;
}

TEST(PopulationReal, GridIsTwentePlus40kmAt100m) {
    const GridSpec& g = surface().spec();
    EXPECT_EQ(g.cell, 100);
    EXPECT_EQ(g, region_grid(data()));
    // SOURCES.md: region x 179070-309795, y 419728-541580, aligned outward to 100 m.
    EXPECT_EQ(g.minx, 179000);
    EXPECT_EQ(g.maxy, 541600);
    EXPECT_EQ(g.cols, 1308);
    EXPECT_EQ(g.rows, 1219);
    EXPECT_EQ(surface().de.spec, g);
    EXPECT_EQ(surface().municipality.spec, g);
}

TEST(PopulationReal, ReproducesEveryTwenteCbsTotalWithinHalfAPercent) {
    const Dataset& d = data();
    const PopulationSurface& s = surface();
    std::vector<double> sum(d.municipalities.size(), 0.0);
    for (size_t i = 0; i < s.nl.v.size(); ++i)
        if (s.municipality.v[i] >= 0) sum[s.municipality.v[i]] += s.nl.v[i];
    ASSERT_EQ(d.twente_count, 14);
    double twente = 0;
    for (int i = 0; i < d.twente_count; ++i) {
        const Municipality& m = d.municipalities[i];
        EXPECT_NEAR(sum[i], m.cbs.inhabitants, 0.005 * m.cbs.inhabitants) << m.code << " " << m.name;
        twente += sum[i];
    }
    EXPECT_NEAR(twente, 640806, 0.005 * 640806);  // CBS 2024 Twente total (SOURCES.md)
}

TEST(PopulationReal, NoNegativeCellsAndNlDeSeparatedByTheBorder) {
    const PopulationSurface& s = surface();
    size_t nl_outside = 0, de_inside = 0, bad = 0;
    for (size_t i = 0; i < s.nl.v.size(); ++i) {
        const float n = s.nl.v[i], e = s.de.v[i];
        if (!(n >= 0) || !(e >= 0) || !std::isfinite(n) || !std::isfinite(e)) ++bad;
        if (s.municipality.v[i] < 0 && n != 0) ++nl_outside;
        if (s.municipality.v[i] >= 0 && e != 0) ++de_inside;
    }
    EXPECT_EQ(bad, 0u);
    EXPECT_EQ(nl_outside, 0u);
    EXPECT_EQ(de_inside, 0u);
}

TEST(PopulationReal, GermanMassEqualsGeoNamesPopulationInTheGrid) {
    const Dataset& d = data();
    const PopulationSurface& s = surface();
    ASSERT_FALSE(d.german_places.empty()) << "GeoNames extract missing (run scripts/setup)";
    double want = 0;
    for (const GermanPlace& p : d.german_places) {
        int c, r;
        if (s.spec().cell_of(p.pos, c, r)) want += p.population;
    }
    double got = 0;
    for (float v : s.de.v) got += v;
    EXPECT_GT(want, 1e6);  // Münster, Nordhorn, Gronau, Rheine, Bocholt, ... are in the region
    EXPECT_NEAR(got, want, 0.005 * want);
    // Gronau (GeoNames 46 161) lies right at the Enschede border: its people stay on the German side, in cells
    // close to it.
    P2 gronau = wgs84_to_rd(7.02238, 52.21099);
    double near = 0;
    for (int r = 0; r < s.spec().rows; ++r)
        for (int c = 0; c < s.spec().cols; ++c)
            if (dist(s.spec().centre(c, r), gronau) < 4000) near += s.de.at(c, r);
    EXPECT_GT(near, 40000);
}

TEST(PopulationReal, CentralEnschedeIsFarDenserThanRuralTubbergen) {
    const Dataset& d = data();
    const PopulationSurface& s = surface();
    int c, r;
    ASSERT_TRUE(s.spec().cell_of({258300, 471500}, c, r));
    const float city = s.nl.at(c, r);
    // A farmland point in Tubbergen (between Tubbergen, Geesteren and Albergen), in no TOP10NL place.
    const P2 farm{249500, 489000};
    ASSERT_EQ(d.municipality_at(farm)->code, "GM0183");
    for (const Place& p : d.places) ASSERT_FALSE(point_in_multipolygon(p.geom, farm)) << p.name;
    ASSERT_TRUE(s.spec().cell_of(farm, c, r));
    const float rural = s.nl.at(c, r);
    EXPECT_GT(city, 20);   // > 2 000 inhabitants per km²
    EXPECT_GT(rural, 0);   // the scattered rural population is there ...
    EXPECT_LT(rural, 2);   // ... at < 200 per km²
    EXPECT_GT(city, 20 * rural);
}

TEST(PopulationReal, MunicipalityRasterMatchesPointInPolygon) {
    const Dataset& d = data();
    const PopulationSurface& s = surface();
    int c, r;
    const Municipality* ens = d.find_municipality("GM0153");
    ASSERT_TRUE(s.spec().cell_of(ens->label_pos, c, r));
    EXPECT_EQ(s.municipality.at(c, r), index_of("GM0153"));
    ASSERT_TRUE(s.spec().cell_of({258270, 471520}, c, r));  // Oude Markt
    EXPECT_EQ(s.municipality.at(c, r), index_of("GM0153"));
    // Spot check against the point-in-polygon of the data model on a sparse lattice of cells.
    for (int rr = 3; rr < s.spec().rows; rr += 41)
        for (int cc = 5; cc < s.spec().cols; cc += 37) {
            const P2 p = s.spec().centre(cc, rr);
            const Municipality* m = d.municipality_at(p, false);
            EXPECT_EQ(s.municipality.at(cc, rr), m ? index_of(m->code) : -1) << p.x << "," << p.y;
        }
}

TEST(PopulationReal, TownsKeepTheirTop10nlCountsAndWijkenTheirs) {
    // Enschede: CBS 161 738 > kernen 155 835, so kernen are not scaled. The cells whose centre is in the woonkern
    // polygon hold its 138 015 inhabitants (some wijk polygons stick out a little: 2 %); a large wijk holds its own.
    const Dataset& d = data();
    const PopulationSurface& s = surface();
    auto sum_in = [&](const MultiPolygon& mp) {  // cells by centre, with the data model's point-in-polygon
        double sum = 0;
        const BBox b = bbox_of(mp);
        int c0, r0, c1, r1;
        s.spec().cell_of({b.minx, b.maxy}, c0, r0);
        s.spec().cell_of({b.maxx, b.miny}, c1, r1);
        for (int r = std::max(r0, 0); r <= std::min(r1, s.spec().rows - 1); ++r)
            for (int c = std::max(c0, 0); c <= std::min(c1, s.spec().cols - 1); ++c)
                if (point_in_multipolygon(mp, s.spec().centre(c, r))) sum += s.nl.at(c, r);
        return sum;
    };
    const Place* enschede = nullptr;
    for (const Place& p : d.places)
        if (p.name == "Enschede" && p.type == "woonkern") enschede = &p;
    ASSERT_NE(enschede, nullptr);
    EXPECT_NEAR(sum_in(enschede->geom), enschede->inhabitants, 0.02 * enschede->inhabitants);
    int checked = 0;
    for (const Place& w : d.wijken)
        if (w.inhabitants > 4000 && bbox_of(enschede->geom).contains(w.bbox.centre())) {
            EXPECT_NEAR(sum_in(w.geom), w.inhabitants, 0.03 * w.inhabitants) << w.name;
            ++checked;
        }
    EXPECT_GE(checked, 5);
}

}  // namespace
