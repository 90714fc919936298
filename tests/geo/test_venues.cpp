// Checks the project's venue and heritage catalogue (assets/venues.csv) against the real municipality
// boundaries (CBS gegeneraliseerd 2026) and a few hand-checked coordinates. See assets/VENUES.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "geo/core/crs.h"
#include "geo/core/types.h"
#include "geo/io/dataset.h"
#include "geo/io/vector_io.h"
#include "geo/io/venues.h"

using namespace geo;

namespace {

const std::vector<Venue>& venues() {
    static std::vector<Venue> v = read_venues(DataPaths::from_env().assets_dir + "/venues.csv");
    return v;
}

// Twente municipality polygons by CBS code, read straight from the data folder.
const std::map<std::string, MultiPolygon>& twente() {
    static std::map<std::string, MultiPolygon> m = [] {
        ReadOptions o;
        o.layer = "gemeente_gegeneraliseerd";
        std::string in;
        for (const auto& c : twente_codes()) in += (in.empty() ? "'" : ",'") + c + "'";
        o.where = "statcode IN (" + in + ")";
        VectorLayer l = read_vector(DataPaths::from_env().data_dir + "/cbs_gemeente_gegeneraliseerd_2026.gpkg", o);
        std::map<std::string, MultiPolygon> out;
        for (const auto& f : l.features) out[f.get("statcode")] = f.polys;
        return out;
    }();
    return m;
}

const Venue* find(const std::string& id) {
    for (const auto& v : venues())
        if (v.id == id) return &v;
    return nullptr;
}

}  // namespace

TEST(Venues, CatalogueHasAtLeast80Entries) {
    EXPECT_GE(venues().size(), 80u);
}

TEST(Venues, CoversAllFourteenMunicipalities) {
    std::map<std::string, int> per;
    for (const auto& v : venues()) per[v.gemeente]++;
    for (const auto& code : twente_codes()) EXPECT_GE(per[code], 3) << code;
    // The three cities carry most of the cultural infrastructure.
    EXPECT_GE(per["GM0153"], 20);  // Enschede
    EXPECT_GE(per["GM0164"], 8);   // Hengelo
    EXPECT_GE(per["GM0141"], 5);   // Almelo
    // Nothing outside Twente.
    for (const auto& [code, n] : per)
        EXPECT_NE(std::find(twente_codes().begin(), twente_codes().end(), code), twente_codes().end()) << code;
}

TEST(Venues, EveryCategoryIsUsed) {
    std::vector<int> n(kCategoryCount, 0);
    for (const auto& v : venues()) n[int(v.category)]++;
    for (int c = 0; c < kCategoryCount; ++c) EXPECT_GE(n[c], 3) << category_key(Category(c));
}

TEST(Venues, IdsAreUniqueSlugsAndEveryFactHasASource) {
    std::set<std::string> ids;
    for (const auto& v : venues()) {
        EXPECT_TRUE(ids.insert(v.id).second) << "duplicate " << v.id;
        EXPECT_TRUE(std::all_of(v.id.begin(), v.id.end(),
                                [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }))
            << v.id;
        EXPECT_GE(v.source.size(), 20u) << v.id << " needs a real source note";
        EXPECT_GE(v.capacity, 0.0) << v.id;
    }
}

TEST(Venues, EveryVenueLiesInsideTheMunicipalityItClaims) {
    const auto& gm = twente();
    ASSERT_EQ(gm.size(), 14u);
    for (const auto& v : venues()) {
        auto it = gm.find(v.gemeente);
        ASSERT_NE(it, gm.end()) << v.id << " claims unknown " << v.gemeente;
        EXPECT_TRUE(point_in_multipolygon(it->second, v.pos))
            << v.id << " (" << v.lon << ", " << v.lat << ") is not inside " << v.gemeente;
        for (const auto& [code, poly] : gm) {
            if (code == v.gemeente) continue;
            EXPECT_FALSE(point_in_multipolygon(poly, v.pos)) << v.id << " also in " << code;
        }
    }
}

TEST(Venues, PlacesNamedInTheRegionalStrategyArePresent) {
    struct Want {
        const char* id;
        const char* gemeente;
        Category cat;
    };
    const Want want[] = {
        {"hengelo-stork", "GM0164", Category::Heritage},
        {"hengelo-metropool", "GM0164", Category::Pop},
        {"hengelo-oyfo", "GM0164", Category::Museum},
        {"hengelo-oogst", "GM0164", Category::ThirdPlace},
        {"hengelo-museum", "GM0164", Category::Museum},
        {"hengelo-schouwburg", "GM0164", Category::Theatre},
        {"enschede-tetem", "GM0153", Category::Maker},
        {"enschede-wilminktheater", "GM0153", Category::Theatre},
        {"enschede-muziekcentrum", "GM0153", Category::Theatre},
        {"enschede-reisopera", "GM0153", Category::Theatre},
        {"enschede-sonnevanck", "GM0153", Category::Theatre},
        {"enschede-aki-artez", "GM0153", Category::Education},
        {"enschede-kaliber", "GM0153", Category::Education},
        {"enschede-laadperron", "GM0153", Category::ThirdPlace},
        {"enschede-vd-warenhuis", "GM0153", Category::ThirdPlace},
        {"enschede-museumfabriek", "GM0153", Category::Museum},  // includes the former TwentseWelle
        {"enschede-rijksmuseum-twenthe", "GM0153", Category::Museum},
        {"enschede-concordia", "GM0153", Category::Theatre},
        {"enschede-atak", "GM0153", Category::Pop},
        {"enschede-gogbot", "GM0153", Category::Festival},
        {"almelo-hof88", "GM0141", Category::Theatre},
        {"oldenzaal-palthehuis", "GM0173", Category::Museum},
        {"borne-bussemakerhuis", "GM0147", Category::Museum},
        {"borne-kulturhus", "GM0147", Category::Library},
        {"hofvantwente-zoutmuseum", "GM1735", Category::Museum},
        {"twenterand-ondernemerhuis", "GM1700", Category::ThirdPlace},
    };
    for (const auto& w : want) {
        const Venue* v = find(w.id);
        ASSERT_NE(v, nullptr) << w.id << " missing";
        EXPECT_EQ(v->gemeente, w.gemeente) << w.id;
        EXPECT_EQ(v->category, w.cat) << w.id << " is " << category_key(v->category);
    }
}

TEST(Venues, SpotChecksAgainstHandCheckedCoordinates) {
    // Rijksmuseum Twenthe: BAG address Lasondersingel 129, Enschede = RD (258149, 472143).
    const Venue* rmt = find("enschede-rijksmuseum-twenthe");
    ASSERT_NE(rmt, nullptr);
    EXPECT_TRUE(rmt->exact);
    EXPECT_LT(dist(rmt->pos, P2{258149, 472143}), 50.0);
    // Jannink mill, Haaksbergerstraat 147: 52°12'49.4"N 6°53'11.2"E = RD (257460, 470574).
    const Venue* jan = find("enschede-jannink");
    ASSERT_NE(jan, nullptr);
    EXPECT_LT(dist(jan->pos, P2{257460, 470574}), 300.0);
    // The two are about 1.7 km apart (Roombeek vs. south of the centre).
    EXPECT_NEAR(dist(rmt->pos, jan->pos), 1717.0, 100.0);

    // Metropool Hengelo stands next to Hengelo station (Industrieplein 10): compare with the NWB station point.
    ReadOptions o;
    o.where = "naam = 'HENGELO'";
    VectorLayer st = read_vector(DataPaths::from_env().data_dir + "/nwb_treinstations_2011_region.geojson", o);
    ASSERT_EQ(st.features.size(), 1u);
    ASSERT_EQ(st.features[0].points.size(), 1u);
    const Venue* mp = find("hengelo-metropool");
    ASSERT_NE(mp, nullptr);
    EXPECT_LT(dist(mp->pos, st.features[0].points[0]), 300.0);

    // Het Palthe Huis is in Oldenzaal's old centre, well inside 1.5 km of Oldenzaal station.
    ReadOptions o2;
    o2.where = "naam = 'OLDENZAAL'";
    VectorLayer st2 = read_vector(DataPaths::from_env().data_dir + "/nwb_treinstations_2011_region.geojson", o2);
    ASSERT_EQ(st2.features.size(), 1u);
    const Venue* ph = find("oldenzaal-palthehuis");
    ASSERT_NE(ph, nullptr);
    EXPECT_LT(dist(ph->pos, st2.features[0].points[0]), 1500.0);
}

TEST(Venues, ExactMeansFewAndWellSourced) {
    // "exact" is reserved for coordinates taken from an address register or published coordinates.
    int exact = 0;
    for (const auto& v : venues())
        if (v.exact) {
            ++exact;
            EXPECT_EQ(v.source.find("approximate"), std::string::npos) << v.id;
        }
    EXPECT_GE(exact, 1);
    EXPECT_LT(exact, int(venues().size()) / 2);
}
