// PostGIS through GDAL's PG: driver (issue 12), against a real server: tests/postgis/run.sh starts a temporary
// PostgreSQL 15 + PostGIS cluster, creates the tables these tests read and sets TREKKAART_TEST_PG (ctest runs it
// as PostGIS.TemporaryCluster). Run on their own, without that server, they are skipped.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "geo/core/error.h"
#include "geo/io/user_layer.h"

using namespace geo;

namespace {

// "PG:host=... port=... dbname=trek user=planner password=..." or "" when no test server runs.
std::string connection(const char* password = nullptr) {
    const char* c = std::getenv("TREKKAART_TEST_PG");
    const char* pw = std::getenv("TREKKAART_TEST_PG_PASSWORD");
    if (!c || !pw) return "";
    return std::string("PG:") + c + " password=" + (password ? password : pw);
}

UserLayerOptions twente() {
    UserLayerOptions o;
    o.region = BBox{200000, 420000, 300000, 520000};
    return o;
}

std::string error_of(const std::string& spec) {
    try {
        read_user_layer(spec, twente());
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(PostGIS, ReadsATableTheScriptCreatedIntoRd) {
    const std::string pg = connection();
    if (pg.empty()) GTEST_SKIP() << "no test server (run tests/postgis/run.sh, as ctest does)";
    UserLayer u = read_user_layer(pg + ",scholen", twente());
    EXPECT_EQ(u.name, "scholen");
    EXPECT_EQ(u.kind, GeomKind::Points);
    ASSERT_EQ(u.data.features.size(), 2u);
    const Feature* station = nullptr;
    for (const auto& f : u.data.features)
        if (f.get("naam") == "Enschede") station = &f;
    ASSERT_NE(station, nullptr);
    ASSERT_EQ(station->points.size(), 1u);
    EXPECT_NEAR(station->points[0].x, 257619, 1.0);  // NWB-Spoorwegen's RD coordinate of Enschede station
    EXPECT_NEAR(station->points[0].y, 471544, 1.0);
    EXPECT_EQ(station->get("soort"), "intercity");
    EXPECT_EQ(station->get("leerlingen"), "250");
    // The password never shows: not in the spec kept for the layer, not in its source.
    EXPECT_EQ(u.spec.find("geheim"), std::string::npos) << u.spec;
    EXPECT_EQ(u.data.source.find("geheim"), std::string::npos) << u.data.source;
}

TEST(PostGIS, PolygonInRdKeepsItsHole) {
    const std::string pg = connection();
    if (pg.empty()) GTEST_SKIP() << "no test server (run tests/postgis/run.sh, as ctest does)";
    UserLayer u = read_user_layer(pg + ",public.wijken", twente());
    ASSERT_EQ(u.data.features.size(), 1u);
    EXPECT_EQ(u.kind, GeomKind::Polygons);
    EXPECT_EQ(u.data.features[0].get("wijk"), "Centrum");
    EXPECT_NEAR(multipolygon_area(u.data.features[0].polys), 1e6 - 4e4, 1e-6);
}

TEST(PostGIS, WrongPasswordMissingTableAndNoCrsAreClear) {
    const std::string pg = connection();
    if (pg.empty()) GTEST_SKIP() << "no test server (run tests/postgis/run.sh, as ctest does)";
    std::string e = error_of(connection("fout") + ",scholen");
    EXPECT_NE(e.find("password authentication failed"), std::string::npos) << e;
    EXPECT_NE(e.find("password=***"), std::string::npos) << e;
    EXPECT_EQ(e.find("fout"), std::string::npos) << e;

    e = error_of(pg + ",bestaat_niet");
    EXPECT_NE(e.find("has no layer 'bestaat_niet'"), std::string::npos) << e;
    EXPECT_NE(e.find("scholen"), std::string::npos) << e;  // the tables there are are listed

    e = error_of(pg + ",zonder_crs");
    EXPECT_NE(e.find("has no coordinate reference system"), std::string::npos) << e;
    EXPECT_NE(e.find("ogr2ogr -a_srs"), std::string::npos) << e;
    EXPECT_EQ(e.find("geheim"), std::string::npos) << e;
}
