#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/dataset.h"

using namespace geo;

namespace {
const Dataset& data() {
    static Dataset d = load_dataset();
    return d;
}
}  // namespace

TEST(Dataset, FourteenTwenteMunicipalitiesWithCbsCodes) {
    const Dataset& d = data();
    ASSERT_EQ(d.twente_count, 14);
    std::vector<std::string> got;
    for (int i = 0; i < d.twente_count; ++i) got.push_back(d.municipalities[i].code);
    std::sort(got.begin(), got.end());
    std::vector<std::string> want = twente_codes();
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
    EXPECT_EQ(d.find_municipality("GM0164")->label, "Hengelo");
    EXPECT_EQ(d.find_municipality("GM0164")->name, "Hengelo (O.)");
    EXPECT_EQ(d.find_municipality("GM1735")->label, "Hof van Twente");
    // Context neighbours are loaded too, flagged as not Twente.
    ASSERT_GT(d.municipalities.size(), 30u);
    EXPECT_FALSE(d.find_municipality("GM0193")->twente);  // Zwolle is within 40 km
}

TEST(Dataset, InhabitantsSumToCbs2024TwenteTotal) {
    const Dataset& d = data();
    EXPECT_DOUBLE_EQ(d.twente_inhabitants(), 640806);  // CBS KWB 2024, SOURCES.md
    EXPECT_DOUBLE_EQ(d.find_municipality("GM0153")->cbs.inhabitants, 161738);
    EXPECT_DOUBLE_EQ(d.find_municipality("GM0164")->cbs.inhabitants, 83058);
    EXPECT_DOUBLE_EQ(d.find_municipality("GM0141")->cbs.inhabitants, 74317);
    EXPECT_NEAR(d.find_municipality("GM0164")->cbs.density, 1365, 0.5);
}

TEST(Dataset, GeometryIsInRdAndInTheRightPlace) {
    const Dataset& d = data();
    // Twente bbox from SOURCES.md: x 219070-269795, y 459728-501580 (EPSG:28992).
    EXPECT_NEAR(d.twente_bbox.minx, 219070, 50);
    EXPECT_NEAR(d.twente_bbox.maxx, 269795, 50);
    EXPECT_NEAR(d.twente_bbox.miny, 459728, 50);
    EXPECT_NEAR(d.twente_bbox.maxy, 501580, 50);
    // Enschede's Oude Markt (RD ~ 258270, 471520) lies in Enschede; Hengelo centre (~ 250300, 476000) in Hengelo.
    EXPECT_EQ(d.municipality_at({258270, 471520})->code, "GM0153");
    EXPECT_EQ(d.municipality_at({250300, 476000})->code, "GM0164");
    // Label points lie inside their municipality.
    for (int i = 0; i < d.twente_count; ++i)
        EXPECT_EQ(d.municipality_at(d.municipalities[i].label_pos)->code, d.municipalities[i].code);
}

TEST(Dataset, BorderRailStationsPlacesAndGermanPlaces) {
    const Dataset& d = data();
    ASSERT_FALSE(d.border_nl_de.empty());
    double border_len = 0;
    for (const auto& l : d.border_nl_de)
        for (size_t i = 1; i < l.size(); ++i) border_len += dist(l[i - 1], l[i]);
    // The NL-DE border alongside Twente and the Achterhoek within the three provinces is ~200+ km long.
    EXPECT_GT(border_len, 150000);
    // East of Enschede the border with Gronau runs at x ~ 262-266 km (Glanerbrug lies just west of it).
    bool gronau = false;
    for (const auto& l : d.border_nl_de)
        for (P2 p : l) gronau |= std::abs(p.y - 471000) < 2000 && p.x > 262000 && p.x < 266000;
    EXPECT_TRUE(gronau);
    EXPECT_GT(d.rail.size(), 50u);
    auto st = std::find_if(d.stations.begin(), d.stations.end(), [](auto& s) { return s.name == "ENSCHEDE"; });
    ASSERT_NE(st, d.stations.end());
    // Enschede station: lat 52.2225 N, lon 6.8894 E (source data is EPSG:4326; read back in RD).
    P2 want = wgs84_to_rd(6.8894, 52.2225);
    EXPECT_LT(dist(st->pos, want), 300);
    // TOP10NL: only the non-overlapping kernen are in `places`.
    for (const auto& p : d.places) EXPECT_NE(p.type, "wijk");
    EXPECT_GT(d.places.size(), 300u);
    EXPECT_FALSE(d.wijken.empty());
    // German places from GeoNames (when the setup script has extracted them): Gronau (Westf.) ~ 47k inhabitants.
    if (!d.german_places.empty()) {
        auto g = std::find_if(d.german_places.begin(), d.german_places.end(),
                              [](auto& p) { return p.name.rfind("Gronau", 0) == 0; });
        ASSERT_NE(g, d.german_places.end());
        EXPECT_GT(g->population, 40000);
        EXPECT_GT(g->pos.x, 263000);  // east of the border
    }
}

// label_point stops scoring a candidate once it cannot beat the best (start-up, issue 15): the label points of
// every real polygon are exactly those of the plain search (every candidate's full distance_to_boundary).
TEST(Dataset, LabelPointsEqualThePlainSearchOnEveryPolygon) {
    const auto plain = [](const MultiPolygon& mp) {
        const Polygon* best = nullptr;
        double best_area = -1;
        for (const Polygon& poly : mp)
            if (!poly.rings.empty() && std::abs(ring_area(poly.rings[0])) > best_area) {
                best_area = std::abs(ring_area(poly.rings[0]));
                best = &poly;
            }
        if (!best) return P2{};
        const MultiPolygon one{*best};
        const BBox b = bbox_of(one);
        P2 bestp = b.centre(), centre = b.centre();
        double bestd = point_in_polygon(*best, bestp) ? distance_to_boundary(one, bestp) : -1;
        double cell = std::max(b.width(), b.height()) / 10;
        for (int iter = 0; iter < 4; ++iter, cell /= 3.5) {
            for (int i = -5; i <= 5; ++i)
                for (int j = -5; j <= 5; ++j) {
                    const P2 q{centre.x + i * cell, centre.y + j * cell};
                    if (!point_in_polygon(*best, q)) continue;
                    const double d = distance_to_boundary(one, q);
                    if (d > bestd) bestd = d, bestp = q;
                }
            centre = bestp;
        }
        return bestp;
    };
    const Dataset& d = data();
    std::vector<const MultiPolygon*> all;
    for (const auto& m : d.municipalities) all.push_back(&m.geom);
    for (const auto* set : {&d.places, &d.wijken, &d.buurten, &d.industrial})
        for (const auto& p : *set) all.push_back(&p.geom);
    ASSERT_GT(all.size(), 1000u);
    int differ = 0;
    for (const MultiPolygon* mp : all) {
        const P2 a = label_point(*mp), b = plain(*mp);
        differ += a.x != b.x || a.y != b.y;
    }
    EXPECT_EQ(differ, 0);
    // Enschede's label point is deep inside it (not on an edge).
    const Municipality* ens = d.find_municipality("GM0153");
    ASSERT_NE(ens, nullptr);
    EXPECT_GT(distance_to_boundary(ens->geom, label_point(ens->geom)), 2000);
}

TEST(Dataset, MissingDataFolderNamesThePath) {
    DataPaths p = DataPaths::from_env();
    p.data_dir = "/nonexistent/trekkaart-data";
    try {
        load_dataset(p);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/trekkaart-data"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("TREKKAART_DATA"), std::string::npos);
    }
}

TEST(Dataset, UnreadableFileNamesTheFile) {
    namespace fs = std::filesystem;
    fs::path tmp = fs::temp_directory_path() / "trekkaart_bad_data";
    fs::create_directories(tmp);
    for (auto& e : fs::directory_iterator(DataPaths::from_env().data_dir))
        fs::copy_file(e.path(), tmp / e.path().filename(), fs::copy_options::overwrite_existing);
    fs::permissions(tmp / "cbs_gemeente_gegeneraliseerd_2026.gpkg", fs::perms::owner_write | fs::perms::owner_read);
    { std::ofstream(tmp / "cbs_gemeente_gegeneraliseerd_2026.gpkg", std::ios::trunc) << "not a geopackage"; }
    DataPaths p = DataPaths::from_env();
    p.data_dir = tmp.string();
    try {
        load_dataset(p);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("cbs_gemeente_gegeneraliseerd_2026.gpkg"), std::string::npos) << e.what();
    }
    fs::remove_all(tmp);
}
