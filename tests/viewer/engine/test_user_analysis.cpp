// Issue 12, item 4: the user's layers in the analysis, through the engine (viewer/engine/user_analysis.h) on the
// toy region (toy_world.h): a point layer as the venue set gives the catalogue's travel times when it holds the
// catalogue's points, unmapped category values are reported, bad mappings leave the venues as they were; a line
// layer as the road network ends the estimate as --roads does, and "none" restores it; a polygon layer as zones
// gives figures per zone that add up to the municipality's.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "geo/core/error.h"
#include "geo/io/table_csv.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/model/i18n.h"
#include "toy_world.h"

using namespace viewer;
using namespace viewer::toy;
using geo::P2;

namespace {

geo::Feature point_feature(P2 p, std::map<std::string, std::string> attrs) {
    geo::Feature f;
    f.points.push_back(p);
    f.attrs = std::move(attrs);
    return f;
}

geo::Feature square_feature(double x0, double y0, double x1, double y1, std::map<std::string, std::string> attrs) {
    geo::Feature f;
    geo::Polygon poly;
    poly.rings.push_back({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
    f.polys.push_back(poly);
    f.attrs = std::move(attrs);
    return f;
}

// A user layer as read_user_layer gives it (features in RD), made by hand.
geo::UserLayer layer(const std::string& name, std::vector<geo::Feature> features, std::vector<std::string> fields) {
    geo::UserLayer l;
    l.spec = name + ".gpkg";
    l.name = name;
    l.data.name = name;
    l.data.fields = std::move(fields);
    for (const auto& f : features) {
        l.point_count += !f.points.empty();
        l.line_count += !f.lines.empty();
        l.polygon_count += !f.polys.empty();
    }
    l.kind = l.polygon_count ? geo::GeomKind::Polygons : l.line_count ? geo::GeomKind::Lines : geo::GeomKind::Points;
    l.data.features = std::move(features);
    return l;
}

std::vector<std::string> ids(const geo::Dataset& d) {
    std::vector<std::string> v;
    for (const auto& x : d.venues) v.push_back(x.id);
    return v;
}

}  // namespace

// The catalogue's pop venue as a user's file (its category as a Dutch word) gives the same travel times; a value
// that maps to no category is left out and reported with its count; the museum (another category) stays; going
// back restores the catalogue.
TEST(UserAnalysis, AVenueSetOfTheCataloguePointsGivesTheCatalogueTravelTimes) {
    struct English {  // the notes in English for the test, Dutch again after it (also when an assertion returns)
        English() { set_lang(Lang::EN); }
        ~English() { set_lang(Lang::NL); }
    } english;
    Toy toy;
    const AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike);
    Analysis an(toy.data, toy.opts());
    const AnalysisResult cat = run(an, p);
    const auto before = ids(toy.data);
    toy.data.venue_meta[size_t(geo::Category::Pop)].known = true;  // "pop venues incomplete" in the catalogue

    UserAnalysis ua(toy.data, an);
    const geo::UserLayer mine = layer("podia",
                                      {point_feature({2500, 5000}, {{"naam", "Mijn podium"}, {"soort", "Poppodium"}}),
                                       point_feature({9000, 9000}, {{"naam", "Kapel"}, {"soort", "Kerk"}})},
                                      {"naam", "soort"});
    VenueSetMapping m;
    m.name_field = "naam";
    m.category_field = "soort";
    std::string note;
    ASSERT_EQ(ua.use_venues(mine, 7, m, &note), "");
    EXPECT_NE(note.find("\"Kerk\" (1)"), std::string::npos) << note;
    EXPECT_NE(note.find("1 points left out"), std::string::npos) << note;
    ASSERT_EQ(toy.data.venues.size(), 2u);  // the museum and the user's podium; the catalogue's pop venue replaced
    EXPECT_EQ(toy.data.venues[0].id, "b-museum");
    EXPECT_EQ(toy.data.venues[1].name, "Mijn podium");
    EXPECT_EQ(toy.data.venues[1].category, geo::Category::Pop);
    EXPECT_EQ(ua.venues().source_text(), "venues: own file podia (1)");
    EXPECT_EQ(toy.data.venue_set, "podia");
    EXPECT_FALSE(toy.data.venue_meta[size_t(geo::Category::Pop)].known);  // the catalogue's note is not about mine
    const AnalysisResult own = run(an, p);
    ASSERT_EQ(own.surface.v.size(), cat.surface.v.size());
    size_t differ = 0;
    for (size_t i = 0; i < own.surface.v.size(); ++i)
        differ += !(own.surface.v[i] == cat.surface.v[i] || (std::isnan(own.surface.v[i]) && std::isnan(cat.surface.v[i])));
    EXPECT_EQ(differ, 0u);
    EXPECT_DOUBLE_EQ(own.figures[0].coverage_pct, cat.figures[0].coverage_pct);

    // Extending instead: the catalogue's pop venue and the user's (at the same place) both count in A.
    m.extend = true;
    ASSERT_EQ(ua.use_venues(mine, 7, m), "");
    EXPECT_EQ(toy.data.venues.size(), 3u);
    EXPECT_EQ(ua.venues().source_text(), "venues: own file podia (1)");
    EXPECT_EQ(run(an, p).figures[0].venues, 2);

    ua.use_catalogue();
    EXPECT_EQ(ids(toy.data), before);
    EXPECT_EQ(toy.data.venue_set, "");
    EXPECT_TRUE(toy.data.venue_meta[size_t(geo::Category::Pop)].known);
    EXPECT_FALSE(ua.venues().active());
    EXPECT_EQ(run(an, p).figures[0].venues, 1);
}

// Bad mappings name the layer and what is wrong, and leave the venues (and the analysis) as they were.
TEST(UserAnalysis, BadVenueMappingsNameTheLayerAndChangeNothing) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    UserAnalysis ua(toy.data, an);
    const auto before = ids(toy.data);
    const geo::UserLayer pts = layer("podia", {point_feature({2500, 5000}, {{"naam", "X"}, {"soort", "Kerk"}})},
                                     {"naam", "soort"});
    VenueSetMapping m;
    m.name_field = "name";  // not in the layer
    std::string err = ua.use_venues(pts, 1, m);
    EXPECT_NE(err.find("podia.gpkg: name field \"name\": the layer has no such field (its fields: naam, soort)"),
              std::string::npos) << err;
    m.name_field = "naam";
    m.category_field = "soort";  // its only value, "Kerk", is no category
    err = ua.use_venues(pts, 1, m);
    EXPECT_NE(err.find("podia.gpkg: no category value matches a category"), std::string::npos) << err;
    EXPECT_NE(err.find("\"Kerk\""), std::string::npos) << err;
    // Mapped by hand it is accepted.
    m.category_map["Kerk"] = geo::Category::ThirdPlace;
    EXPECT_EQ(ua.use_venues(pts, 1, m), "");
    EXPECT_EQ(toy.data.venues.back().category, geo::Category::ThirdPlace);
    ua.use_catalogue();
    // A polygon layer chosen as venues.
    const geo::UserLayer wijken = layer("wijken", {square_feature(0, 0, 5000, 10000, {{"naam", "West"}})}, {"naam"});
    err = ua.use_venues(wijken, 2, VenueSetMapping{});
    EXPECT_NE(err.find("wijken.gpkg: no points: a venue set needs a point layer (this one holds polygons)"),
              std::string::npos) << err;
    EXPECT_EQ(ids(toy.data), before);
    EXPECT_FALSE(ua.venues().active());
    // A point layer chosen as zones, a polygon layer as roads.
    err = ua.use_zones(pts, 1, "");
    EXPECT_NE(err.find("podia.gpkg: no polygons: zones need a polygon layer (this one holds points)"),
              std::string::npos) << err;
    EXPECT_EQ(ua.zones(), nullptr);
    err = ua.use_roads(wijken, 2, "");
    EXPECT_NE(err.find("wijken.gpkg: no lines: a road network needs a line layer (this one holds polygons)"),
              std::string::npos) << err;
    EXPECT_EQ(ua.roads_layer(), -1);
}

// The vocabulary maps keys, labels and common Dutch words to categories, any case; near misses get a suggestion.
TEST(UserAnalysis, CategoryValuesMapThroughTheVocabulary) {
    std::string sug;
    EXPECT_EQ(category_of_value("library"), int(geo::Category::Library));
    EXPECT_EQ(category_of_value(" Bibliotheek "), int(geo::Category::Library));
    EXPECT_EQ(category_of_value("Poppodium / muziekzaal"), int(geo::Category::Pop));
    EXPECT_EQ(category_of_value("Theatre & concert hall"), int(geo::Category::Theatre));
    EXPECT_EQ(category_of_value("schouwburg"), int(geo::Category::Theatre));
    EXPECT_EQ(category_of_value("musem", &sug), -1);
    EXPECT_EQ(sug, "museum");
    EXPECT_EQ(category_of_value("kerk", &sug), -1);
    EXPECT_EQ(sug, "");
}

// A line layer with a road class chosen in the window gives the travel times of the same network through
// --roads (AnalysisOptions::roads_path), drops the estimate, and "none" brings the estimate back.
TEST(UserAnalysis, ALineLayerAsTheRoadNetworkEndsTheEstimateAndNoneRestoresIt) {
    Toy toy;
    const AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Car);
    geo::Feature road;
    road.lines.push_back({{100, 5000}, {19900, 5000}});
    road.attrs = {{"highway", "primary"}};
    const geo::UserLayer wegen = layer("wegen", {road}, {"highway"});
    AnalysisResult via_options;
    {
        AnalysisOptions o = toy.opts();
        const geo::RoadLayer rl = geo::roads_from_vector(wegen.data, "wegen");
        o.roads = &rl;
        Analysis an(toy.data, o);
        via_options = run(an, p);
    }
    Analysis an(toy.data, toy.opts());
    UserAnalysis ua(toy.data, an);
    const AnalysisResult est = run(an, p);
    ASSERT_EQ(ua.use_roads(wegen, 3, ""), "");
    EXPECT_EQ(ua.roads_layer(), 3);
    EXPECT_EQ(an.roads()->roads.size(), 1u);
    const AnalysisResult road_r = run(an, p);
    EXPECT_TRUE(est.estimate);
    EXPECT_FALSE(road_r.estimate);
    EXPECT_FALSE(via_options.estimate);
    const P2 on_road{17500, 5000};
    EXPECT_LT(at(road_r.surface, on_road), at(est.surface, on_road));
    EXPECT_FLOAT_EQ(at(road_r.surface, on_road), at(via_options.surface, on_road));
    EXPECT_EQ(figures_table(toy.data, road_r).rows[0][10].find("estimate"), std::string::npos);
    ua.no_roads();
    const AnalysisResult back = run(an, p);
    EXPECT_TRUE(back.estimate);
    EXPECT_FLOAT_EQ(at(back.surface, on_road), at(est.surface, on_road));
    EXPECT_NE(figures_table(toy.data, back).rows[0][10].find("estimate: no road network loaded"), std::string::npos);
    // A class field that is not there is said; the network stays none.
    const std::string err = ua.use_roads(wegen, 3, "wegtype");
    EXPECT_NE(err.find("road class field 'wegtype' is not in layer 'wegen' (fields: highway)"), std::string::npos) << err;
    EXPECT_EQ(an.roads(), nullptr);
}

// Municipality A (x 0..10 km, 100 x 100 cells of 1 inhabitant) cut into a west and an east half: 5000 inhabitants
// each, their coverage and mean time average (weighted) to A's; a zone outside the region holds 0 with a note;
// the figures table has the zones' rows under the municipalities' with their layer named.
TEST(UserAnalysis, ZonesThatTileAMunicipalityAddUpToItsFigures) {
    Toy toy;
    toy.data.region_bbox = {-40000, -40000, 60000, 50000};
    Analysis an(toy.data, toy.opts());
    UserAnalysis ua(toy.data, an);
    const geo::UserLayer wijken =
        layer("wijken",
              {square_feature(0, 0, 5000, 10000, {{"naam", "West"}}), square_feature(5000, 0, 10000, 10000, {{"naam", "Oost"}}),
               square_feature(200000, 0, 201000, 1000, {{"naam", "Ver weg"}})},
              {"naam"});
    EXPECT_NE(ua.use_zones(wijken, 5, "buurt").find("zone name field \"buurt\": the layer has no such field (its fields: naam)"),
              std::string::npos);
    ASSERT_EQ(ua.use_zones(wijken, 5, "naam"), "");
    AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15);
    p.zones = ua.zones();
    const AnalysisResult r = run(an, p);
    ASSERT_EQ(r.zone_figures.size(), 3u);
    const FigureRow &w = r.zone_figures[0], &e = r.zone_figures[1], &far = r.zone_figures[2];
    EXPECT_DOUBLE_EQ(w.inhabitants, 5000);
    EXPECT_DOUBLE_EQ(e.inhabitants, 5000);
    EXPECT_DOUBLE_EQ(far.inhabitants, 0);
    EXPECT_EQ(w.venues, 1);  // the pop venue at (2500, 5000)
    EXPECT_EQ(e.venues, 0);
    const FigureRow& a = r.figures[0];
    EXPECT_NEAR((w.coverage_pct * 5000 + e.coverage_pct * 5000) / 10000, a.coverage_pct, 1e-9);
    EXPECT_NEAR((w.mean_minutes * 5000 + e.mean_minutes * 5000) / 10000, a.mean_minutes, 1e-4);
    EXPECT_GT(w.coverage_pct, e.coverage_pct);
    const geo::Table t = figures_table(toy.data, r);
    ASSERT_EQ(t.rows.size(), 5u);
    ASSERT_EQ(t.columns.back(), "zones");
    EXPECT_EQ(t.rows[0].back(), "");
    EXPECT_EQ(t.rows[2][0], "Z1");
    EXPECT_EQ(t.rows[2][1], "West");
    EXPECT_EQ(t.rows[2][2], "5000");
    EXPECT_EQ(t.rows[2].back(), "wijken");
    EXPECT_EQ(t.rows[4][1], "Ver weg");
    EXPECT_EQ(t.rows[4][2], "0");
    EXPECT_NE(t.rows[4][10].find("zone outside the map's region: no population data"), std::string::npos) << t.rows[4][10];
    EXPECT_EQ(t.rows[2][10].find("zone outside"), std::string::npos);
    // Against the region (x -40..60 km): West and Oost inside, Ver weg (x 200 km) wholly outside -- the table's
    // "—" and no figures; a region cut at x 2 km leaves West (x 0..5 km) partly outside, and its note says so.
    EXPECT_EQ(w.outside, 0);
    EXPECT_EQ(e.outside, 0);
    EXPECT_EQ(far.outside, 2);
    const geo::ZoneSet& zs = *ua.zones();
    EXPECT_EQ(geo::zone_outside(zs, 0, {2000, -40000, 60000, 50000}), 1);
    EXPECT_EQ(geo::zone_outside(zs, 0, {5000, -40000, 60000, 50000}), 1);  // touching its east edge: still partly
    EXPECT_EQ(geo::zone_outside(zs, 0, {0, 0, 5000, 10000}), 0);            // exactly its own box: inside
    EXPECT_EQ(geo::zone_outside(zs, 0, {5001, -40000, 60000, 50000}), 2);
    toy.data.region_bbox.minx = 2000;
    const geo::Table cut = figures_table(toy.data, r);
    EXPECT_NE(cut.rows[2][10].find("zone partly outside the map's region: figures for the part inside"),
              std::string::npos) << cut.rows[2][10];
    EXPECT_EQ(cut.rows[3][10].find("partly outside"), std::string::npos);
    toy.data.region_bbox.minx = -40000;

    // The surface table (within_T) gets the same rows from the same zone statistics.
    p.metric = Metric::Opportunities;
    const AnalysisResult s = run(an, p);
    ASSERT_EQ(s.zone_surface_stats.size(), 3u);
    EXPECT_DOUBLE_EQ(s.zone_surface_stats[0].population + s.zone_surface_stats[1].population,
                     s.surface_stats[0].population);
    const geo::Table st = figures_table(toy.data, s);
    ASSERT_EQ(st.rows.size(), 5u);
    EXPECT_EQ(st.rows[3][1], "Oost");
    EXPECT_EQ(st.rows[3].back(), "wijken");
    // No zones: the table as before, without the column.
    ua.no_zones();
    p.metric = Metric::TravelTime;
    p.zones = ua.zones();
    const geo::Table none = figures_table(toy.data, run(an, p));
    EXPECT_EQ(none.rows.size(), 2u);
    EXPECT_NE(none.columns.back(), "zones");
}
