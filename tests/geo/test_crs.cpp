#include <gtest/gtest.h>

#include <cmath>

#include "geo/core/crs.h"

using namespace geo;

// The RD origin reference point (Onze Lieve Vrouwetoren, Amersfoort): RD (155000, 463000) is
// WGS84 lat 52.15517440 N, lon 5.38720621 E (RDNAPTRANS reference). Without the NTv2 grid PROJ uses the
// Helmert transform, which is within ~1 m.
TEST(Crs, AmersfoortReferencePointBothWays) {
    P2 rd = wgs84_to_rd(5.38720621, 52.15517440);
    EXPECT_NEAR(rd.x, 155000.0, 1.0);
    EXPECT_NEAR(rd.y, 463000.0, 1.0);
    P2 ll = rd_to_wgs84({155000.0, 463000.0});
    EXPECT_NEAR(ll.x, 5.38720621, 1.5e-5);   // ~1 m in longitude at 52 N
    EXPECT_NEAR(ll.y, 52.15517440, 1.0e-5);  // ~1 m in latitude
}

TEST(Crs, RoundTripInTwenteIsSubMillimetre) {
    for (P2 rd : {P2{258000, 471000}, P2{240000, 480000}, P2{225000, 500000}}) {
        P2 back = wgs84_to_rd(rd_to_wgs84(rd).x, rd_to_wgs84(rd).y);
        EXPECT_NEAR(back.x, rd.x, 1e-3);
        EXPECT_NEAR(back.y, rd.y, 1e-3);
    }
}

TEST(Crs, AxisOrderIsLonLatNotLatLon) {
    // Enschede lies at about lon 6.89, lat 52.22; RD x ~ 258 km, y ~ 471 km. A lat/lon mix-up would land far away.
    P2 rd = wgs84_to_rd(6.8937, 52.2215);
    EXPECT_NEAR(rd.x, 258000, 2000);
    EXPECT_NEAR(rd.y, 471000, 2000);
}

TEST(Crs, GenericTransformerFromWebMercator) {
    Transformer t("EPSG:3857", "EPSG:28992");
    // lon 6.8937 -> x = R * lon_rad; lat 52.2215 -> y = R * ln(tan(pi/4 + lat/2))
    const double R = 6378137.0, d2r = M_PI / 180;
    P2 merc{R * 6.8937 * d2r, R * std::log(std::tan(M_PI / 4 + 52.2215 * d2r / 2))};
    P2 a = t.fwd(merc), b = wgs84_to_rd(6.8937, 52.2215);
    EXPECT_NEAR(a.x, b.x, 0.01);
    EXPECT_NEAR(a.y, b.y, 0.01);
}

TEST(Geometry, SimplifyKeepsShapeWithinTolerance) {
    // A zig-zag with 1 m wiggles along a 100 m line collapses to its end points at tol 2 m, not at tol 0.5 m.
    LineString l;
    for (int i = 0; i <= 100; ++i) l.push_back({double(i), (i % 2) ? 1.0 : 0.0});
    LineString s = simplify(l, 2.0);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_DOUBLE_EQ(s.back().x, 100);
    EXPECT_EQ(simplify(l, 0.5).size(), l.size());
    // A right angle keeps its corner.
    LineString corner = {{0, 0}, {50, 0.1}, {100, 0}, {100, 50}, {100, 100}};
    LineString c = simplify(corner, 1.0);
    ASSERT_EQ(c.size(), 3u);
    EXPECT_DOUBLE_EQ(c[1].x, 100);
    EXPECT_DOUBLE_EQ(c[1].y, 0);
}

TEST(Geometry, LabelPointLiesInsideAConcavePolygon) {
    // A U shape: the bbox centre (50, 50) is outside (in the notch); the label point must be inside.
    MultiPolygon u{Polygon{{Ring{{0, 0}, {100, 0}, {100, 100}, {70, 100}, {70, 30}, {30, 30}, {30, 100}, {0, 100}}}}};
    EXPECT_FALSE(point_in_multipolygon(u, {50, 50}));
    P2 p = label_point(u);
    EXPECT_TRUE(point_in_multipolygon(u, p));
    EXPECT_GT(distance_to_boundary(u, p), 10);  // well inside, not on an edge
}

// Two unit squares side by side share the edge x = 1: it is drawn once. Seven unit segments in all, in runs.
TEST(Geometry, EdgesOnceDrawsASharedBoundaryOnce) {
    const geo::LineString a{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    const geo::LineString b{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0}};  // (1,1)->(1,0): the shared edge reversed
    const auto runs = geo::edges_once({a, b});
    double len = 0;
    int segs = 0;
    for (const auto& r : runs)
        for (size_t i = 0; i + 1 < r.size(); ++i) {
            len += std::hypot(r[i + 1].x - r[i].x, r[i + 1].y - r[i].y);
            ++segs;
        }
    EXPECT_EQ(segs, 7);
    EXPECT_DOUBLE_EQ(len, 7.0);
    ASSERT_EQ(runs.size(), 2u);     // a whole; b from (1,0) round to (1,1), its last edge dropped
    EXPECT_EQ(runs[1].size(), 4u);
    EXPECT_EQ(runs[1].front().x, 1);
    EXPECT_EQ(runs[1].back().y, 1);
    // The same ring twice: nothing new the second time; a zero-length segment is skipped.
    EXPECT_EQ(geo::edges_once({a, a}).size(), 1u);
    EXPECT_EQ(geo::edges_once({{{0, 0}, {0, 0}}}).size(), 0u);
}
