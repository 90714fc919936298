#include <gtest/gtest.h>

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
