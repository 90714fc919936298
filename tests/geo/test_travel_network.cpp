// Road layers (OSM XML through GDAL's OSM driver, GeoJSON with a class field) burned into friction grids, and
// the rail network behind bike + train.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/travel/friction.h"
#include "geo/travel/network.h"
#include "geo/travel/travel.h"

using namespace geo;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("trekkaart_travel_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return (path / name).string();
    }
};

// Grid 40 x 11 cells of 100 m; a road along the centre line of row 5, from the centre of cell 0 to cell 39.
const GridSpec kGrid{240000, 480000, 100, 40, 11};

std::string osm_with_road(const std::string& highway) {
    const P2 a = kGrid.centre(0, 5), b = kGrid.centre(39, 5);
    const P2 wa = rd_to_wgs84(a), wb = rd_to_wgs84(b);
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "<?xml version='1.0' encoding='UTF-8'?>\n"
                  "<osm version=\"0.6\" generator=\"trekkaart-test\">\n"
                  "  <node id=\"1\" version=\"1\" lat=\"%.9f\" lon=\"%.9f\"/>\n"
                  "  <node id=\"2\" version=\"1\" lat=\"%.9f\" lon=\"%.9f\"/>\n"
                  "  <way id=\"10\" version=\"1\">\n"
                  "    <nd ref=\"1\"/>\n    <nd ref=\"2\"/>\n"
                  "    <tag k=\"highway\" v=\"%s\"/>\n    <tag k=\"name\" v=\"Teststraat\"/>\n"
                  "  </way>\n"
                  "</osm>\n",
                  wa.y, wa.x, wb.y, wb.x, highway.c_str());
    return buf;
}

}  // namespace

TEST(TravelRoads, OsmRoadIsFasterThanOffRoadByTheSpeedRatio) {
    TempDir tmp;
    const std::string path = tmp.file("road.osm", osm_with_road("primary"));
    RoadLayer roads = read_roads(path);
    ASSERT_EQ(roads.roads.size(), 1u);
    EXPECT_EQ(roads.roads[0].cls, RoadClass::Primary);
    ASSERT_GE(roads.roads[0].line.size(), 2u);
    EXPECT_NEAR(roads.roads[0].line.front().x, kGrid.centre(0, 5).x, 0.05);
    EXPECT_NEAR(roads.roads[0].line.front().y, kGrid.centre(0, 5).y, 0.05);

    TravelParams p;
    const P2 start = kGrid.centre(0, 5);
    auto on_road = build_friction(kGrid, Mode::Car, &roads, nullptr, p);
    EXPECT_FALSE(on_road.estimate);
    // Every cell of row 5 is burned with the primary speed, the rows next to it are not.
    const float f_road = float(3.6 / 70.0), f_off = float(3.6 / 4.0);
    for (int c = 0; c < 40; ++c) EXPECT_FLOAT_EQ(on_road.get(0, c, 5), f_road) << c;
    EXPECT_FLOAT_EQ(on_road.get(0, 10, 4), f_off);
    EXPECT_FLOAT_EQ(on_road.get(0, 10, 6), f_off);

    RoadLayer no_roads;  // same model, nothing burned
    no_roads.source = "none";
    auto off_road = build_friction(kGrid, Mode::Car, &no_roads, nullptr, p);
    TravelOptions o;
    o.max_minutes = 1000;
    auto t_on = travel_time(on_road, {{start, true}}, o);
    auto t_off = travel_time(off_road, {{start, true}}, o);
    EXPECT_FALSE(t_on.estimate);
    const double pen = p.penalty_min[road_mode_index(Mode::Car)] * 60;
    const double on = t_on.minutes.at(39, 5) * 60 - pen, off = t_off.minutes.at(39, 5) * 60 - pen;
    EXPECT_NEAR(on, 3900 / (70 / 3.6), 0.05);   // 200.57 s along 3.9 km of primary road
    EXPECT_NEAR(off, 3900 / (4 / 3.6), 0.5);    // 3510 s on foot
    EXPECT_NEAR(off / on, 70.0 / 4.0, 0.01);
}

TEST(TravelRoads, ClassSpeedsDependOnMode) {
    TempDir tmp;
    RoadLayer cyc = read_roads(tmp.file("c.osm", osm_with_road("cycleway")));
    TravelParams p;
    auto bike = build_friction(kGrid, Mode::Bike, &cyc, nullptr, p);
    auto car = build_friction(kGrid, Mode::Car, &cyc, nullptr, p);
    EXPECT_FLOAT_EQ(bike.get(0, 20, 5), float(3.6 / 16.0));  // cycleway speed for bikes
    EXPECT_FLOAT_EQ(car.get(0, 20, 5), float(3.6 / 4.0));    // cars may not use it: off-road
    RoadLayer mw = read_roads(tmp.file("m.osm", osm_with_road("motorway_link")));
    EXPECT_EQ(mw.roads[0].cls, RoadClass::Motorway);
    auto walk = build_friction(kGrid, Mode::Walk, &mw, nullptr, p);
    EXPECT_FLOAT_EQ(walk.get(0, 20, 5), float(3.6 / 3.0));  // pedestrians not on motorways
}

TEST(TravelRoads, GeoJsonWithClassFieldAndErrors) {
    TempDir tmp;
    const std::string gj =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
        "\"features\":[{\"type\":\"Feature\",\"properties\":{\"class\":\"residential\"},\"geometry\":"
        "{\"type\":\"LineString\",\"coordinates\":[[240050,479450],[241050,479450]]}},"
        "{\"type\":\"Feature\",\"properties\":{\"class\":\"proposed\"},\"geometry\":"
        "{\"type\":\"LineString\",\"coordinates\":[[240050,479050],[241050,479050]]}}]}";
    RoadLayer r = read_roads(tmp.file("roads.geojson", gj));
    ASSERT_EQ(r.roads.size(), 1u);
    EXPECT_EQ(r.roads[0].cls, RoadClass::Residential);
    EXPECT_EQ(r.skipped, 1u);

    const std::string no_class =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:28992\"}},"
        "\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},\"geometry\":"
        "{\"type\":\"LineString\",\"coordinates\":[[240050,479450],[241050,479450]]}}]}";
    try {
        read_roads(tmp.file("bad.geojson", no_class));
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.geojson"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("class"), std::string::npos);
    }
    EXPECT_THROW(read_roads((tmp.path / "missing.osm").string()), DataError);
}

TEST(TravelRail, TrackDistancesAcrossJoinedSections) {
    // L-shaped track: (0,0)-(3000,0) and, 10 m apart, (3000,10)-(3000,4000). Stations at both ends, one at
    // the corner and one far from any track (dropped).
    std::vector<LineString> rail{{{0, 0}, {1500, 0}, {3000, 0}}, {{3000, 10}, {3000, 4000}}};
    std::vector<P2> st{{0, 20}, {3000, 4000}, {2990, 0}, {9000, 9000}};
    auto net = build_rail_network(st, {"A", "B", "C", "far"}, rail, 500, 25);
    ASSERT_EQ(net.stations.size(), 3u);
    EXPECT_EQ(net.names[2], "C");
    ASSERT_EQ(net.links.size(), 3u);
    for (const auto& l : net.links) {
        const std::string pair = net.names[size_t(l.a)] + net.names[size_t(l.b)];
        double want = -1;
        if (pair == "AB") want = 20 + 3000 + 10 + 3990;
        if (pair == "AC") want = 20 + 3000 + 10;  // C snaps to (3000,0)
        if (pair == "BC") want = 10 + 3990 + 10;
        EXPECT_NEAR(l.metres, want, 1e-6) << pair;
    }
    // Without joining the gap, B is on a separate piece of track.
    auto split = build_rail_network(st, {"A", "B", "C", "far"}, rail, 500, 0);
    EXPECT_EQ(split.links.size(), 1u);
}

TEST(TravelRail, BikeTrainHandComputed) {
    // 60 x 3 cells; stations at cells (2,1) and (57,1), straight track between them (5500 m).
    GridSpec s{200000, 470000, 100, 60, 3};
    const P2 a = s.centre(2, 1), b = s.centre(57, 1);
    auto net = build_rail_network({a, b}, {"A", "B"}, {{a, b}});
    ASSERT_EQ(net.links.size(), 1u);
    TravelParams p;
    auto fg = build_friction(s, Mode::BikeTrain, nullptr, &net, p);
    ASSERT_EQ(fg.layers(), 2);
    ASSERT_EQ(fg.links().size(), 2u);
    EXPECT_TRUE(fg.estimate);
    auto f = travel_time(fg, {{s.centre(0, 1), true}});
    // Walk 200 m to A (x 1.3 detour at 4.8 km/h), board (10 min) + 5500 m at 70 km/h, cycle 200 m from B.
    const double walk = 200 * 1.3 / (4.8 / 3.6), train = 600 + 5500 / (70 / 3.6), cycle = 200 * 1.3 / (15 / 3.6);
    EXPECT_NEAR(f.minutes.at(59, 1) * 60, walk + train + cycle, 0.05);
    // Cycling all the way (1 min lock + 5900 m) is slower there, but faster next to the venue.
    const double bike_only = 60 + 5900 * 1.3 / (15 / 3.6);
    EXPECT_GT(bike_only, walk + train + cycle);
    EXPECT_NEAR(f.minutes.at(5, 1) * 60, std::min(60 + 500 * 1.3 / (15 / 3.6), 500 * 1.3 / (4.8 / 3.6)), 0.05);
    // Without a rail network bike + train is cycling.
    auto no_rail = build_friction(s, Mode::BikeTrain, nullptr, nullptr, p);
    auto g = travel_time(no_rail, {{s.centre(0, 1), true}});
    EXPECT_NEAR(g.minutes.at(59, 1) * 60, bike_only, 0.05);
}
