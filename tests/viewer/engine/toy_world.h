// The toy region of the analysis tests (test_analysis.cpp, test_user_analysis.cpp): two square municipalities,
// one inhabitant per 100 m cell, a pop venue and a museum, and the helpers that run a request on it.
#pragma once
#include <cmath>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "geo/io/dataset.h"
#include "geo/population/population.h"
#include "viewer/engine/analysis.h"

namespace viewer {
namespace toy {

using geo::P2;

// Two Twente municipalities side by side, 10 x 10 km each: A = x 0..10 km, B = x 10..20 km (y 0..10 km).
// One inhabitant (NL) and half a German one per 100 m cell; one pop venue in A at (2500, 5000).
inline geo::Municipality square(const std::string& code, double x0, double inhabitants) {
    geo::Municipality m;
    m.code = code;
    m.name = m.label = "M" + code;
    m.twente = true;
    geo::Polygon p;
    p.rings.push_back({{x0, 0}, {x0 + 10000, 0}, {x0 + 10000, 10000}, {x0, 10000}});
    m.geom.push_back(p);
    m.bbox = {x0, 0, x0 + 10000, 10000};
    m.cbs.valid = true;
    m.cbs.inhabitants = inhabitants;
    return m;
}

struct Toy {
    geo::Dataset data;
    std::shared_ptr<geo::PopulationSurface> pop = std::make_shared<geo::PopulationSurface>();
    Toy() {
        data.municipalities = {square("GM0001", 0, 20000), square("GM0002", 10000, 10000)};
        data.twente_count = 2;
        data.twente_bbox = {0, 0, 20000, 10000};
        geo::Venue v;
        v.id = "a-pop";
        v.name = "Poppodium A";
        v.category = geo::Category::Pop;
        v.gemeente = "GM0001";
        v.pos = {2500, 5000};
        data.venues.push_back(v);
        geo::Venue w = v;  // a museum in B (another category: must not count for pop)
        w.id = "b-museum";
        w.category = geo::Category::Museum;
        w.gemeente = "GM0002";
        w.pos = {15000, 5000};
        data.venues.push_back(w);
        geo::GridSpec s;
        s.minx = 0;
        s.maxy = 10000;
        s.cell = 100;
        s.cols = 200;
        s.rows = 100;
        pop->nl = geo::GridF(s, 1.0f);
        pop->de = geo::GridF(s, 0.5f);
        pop->municipality = geo::Grid<int16_t>(s, 0);
        for (int r = 0; r < s.rows; ++r)
            for (int c = 100; c < s.cols; ++c) pop->municipality.at(c, r) = 1;
    }
    AnalysisOptions opts(std::string cand = "-") const {
        AnalysisOptions o;
        o.population = pop;
        o.candidates_path = std::move(cand);
        return o;
    }
};

// Bike without a road network: straight line x 1.3 detour at 15 km/h, plus 1 minute to lock the bike.
inline double bike_minutes(double metres) { return metres * 1.3 / (15 / 3.6) / 60 + 1; }
// Cells (100 m, 1 inhabitant each) within T minutes by bike of a point far from edges: a disc.
inline double bike_disc_cells(double T) {
    const double r = (T - 1) * 60 * (15 / 3.6) / 1.3;
    return M_PI * r * r / 1e4;
}

// A request for a metric of a category by a mode (T only where the test sets one).
inline AnalysisParams params(Metric m, geo::Category c, geo::Mode mode, float T = AnalysisParams{}.threshold_min) {
    AnalysisParams p;
    p.metric = m;
    p.category = c;
    p.mode = mode;
    p.threshold_min = T;
    return p;
}

inline AnalysisResult run(Analysis& an, const AnalysisParams& p) {
    an.request(p);
    EXPECT_TRUE(an.wait(60));
    AnalysisResult r;
    EXPECT_TRUE(an.poll(r)) << an.error();
    return r;
}

inline float at(const geo::GridF& g, P2 p) {
    int c, r;
    EXPECT_TRUE(g.spec.cell_of(p, c, r));
    return g.at(c, r);
}

}  // namespace toy
}  // namespace viewer
