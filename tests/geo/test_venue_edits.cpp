// The user's venue edits (geo/io/venue_edits.h): file round trip, applying them to a catalogue (also one that
// changed since), the diff the editor saves, a broken file kept aside, the attribution naming the edits.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "geo/io/venue_edits.h"

using namespace geo;
namespace fs = std::filesystem;

namespace {

Venue venue(const std::string& id, const std::string& name, Category c, const std::string& gm, double lon, double lat) {
    Venue v;
    v.id = id;
    v.name = name;
    v.category = c;
    v.gemeente = gm;
    v.lon = lon;
    v.lat = lat;
    v.pos = wgs84_to_rd(lon, lat);
    v.source = "test";
    return v;
}

std::vector<Venue> catalogue() {
    return {venue("a", "Alpha", Category::Pop, "GM0153", 6.89, 52.22), venue("b", "Beta", Category::Museum, "GM0164", 6.79, 52.26),
            venue("c", "Gamma", Category::Library, "GM0141", 6.66, 52.36)};
}

const Dataset& data() {
    static Dataset d = load_dataset();
    return d;
}

fs::path temp_dir() {
    const fs::path p = fs::temp_directory_path() / ("trekkaart_venue_edits_" + std::to_string(::getpid()));
    fs::create_directories(p);
    return p;
}

}  // namespace

TEST(VenueEdits, RoundTripThroughTheFile) {
    std::vector<VenueEdit> edits = {
        {EditKind::Changed, venue("a", "Alpha, \"de zaal\"", Category::Theatre, "GM0153", 6.8912345, 52.2212345)},
        {EditKind::Added, venue("n", "Nieuwe plek — Ĳsselmonde", Category::Maker, "GM0164", 6.80, 52.27)},
        {EditKind::Removed, catalogue()[1]}};
    edits[0].venue.capacity = 1200;
    edits[0].venue.exact = true;
    const fs::path f = temp_dir() / "edits.csv";
    write_venue_edits(edits, f.string());
    const auto back = read_venue_edits(f.string());
    ASSERT_EQ(back.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(back[i].kind, edits[i].kind) << i;
        EXPECT_TRUE(same_venue(back[i].venue, edits[i].venue)) << i << " " << back[i].venue.name;
        EXPECT_EQ(back[i].venue.line, int(i) + 2);
    }
    EXPECT_NEAR(back[0].venue.pos.x, edits[0].venue.pos.x, 0.05);  // 7 decimals of a degree: ~1 cm
    EXPECT_EQ(back[0].venue.capacity, 1200);
    fs::remove_all(f.parent_path());
}

TEST(VenueEdits, ApplyChangesAddsRemovesAndReportsWhatNoLongerFits) {
    std::vector<Venue> v = catalogue();
    Venue a2 = v[0];
    a2.name = "Alpha (verbouwd)";
    std::vector<VenueEdit> edits = {{EditKind::Changed, a2},
                                    {EditKind::Added, venue("n", "Nieuw", Category::Maker, "GM0164", 6.8, 52.27)},
                                    {EditKind::Removed, v[1]},
                                    {EditKind::Changed, venue("gone", "Weg", Category::Pop, "GM0153", 6.9, 52.2)},
                                    {EditKind::Removed, venue("gone2", "Ook weg", Category::Pop, "GM0153", 6.9, 52.2)},
                                    {EditKind::Added, venue("c", "Gamma (mijn versie)", Category::Library, "GM0141", 6.66, 52.36)}};
    for (size_t i = 0; i < edits.size(); ++i) edits[i].venue.line = int(i) + 2;
    const auto msgs = apply_venue_edits(v, edits, "edits.csv");
    ASSERT_EQ(v.size(), 4u);  // a (changed), c (replaced by the added one), n, gone (kept as added)
    EXPECT_EQ(v[0].name, "Alpha (verbouwd)");
    EXPECT_EQ(v[1].name, "Gamma (mijn versie)");
    EXPECT_EQ(v[2].id, "n");
    EXPECT_EQ(v[3].id, "gone");
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_NE(msgs[0].find("edits.csv:5: venue 'gone' was changed but is no longer in the catalogue"), std::string::npos) << msgs[0];
    EXPECT_NE(msgs[1].find("edits.csv:6: venue 'gone2' was removed"), std::string::npos) << msgs[1];
    EXPECT_NE(msgs[2].find("edits.csv:7: venue 'c' was added but the catalogue now has"), std::string::npos) << msgs[2];
}

TEST(VenueEdits, DiffThenApplyGivesTheEditedCatalogue) {
    const std::vector<Venue> orig = catalogue();
    std::vector<Venue> edited = orig;
    edited[2].lon += 0.01;  // moved
    edited[2].pos = wgs84_to_rd(edited[2].lon, edited[2].lat);
    edited.erase(edited.begin());  // removed
    edited.push_back(venue("n", "Nieuw", Category::Festival, "GM0164", 6.8, 52.27));
    const auto d = diff_venues(orig, edited);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].kind, EditKind::Changed);
    EXPECT_EQ(d[0].venue.id, "c");
    EXPECT_EQ(d[1].kind, EditKind::Added);
    EXPECT_EQ(d[2].kind, EditKind::Removed);
    EXPECT_EQ(d[2].venue.id, "a");
    std::vector<Venue> again = orig;
    EXPECT_TRUE(apply_venue_edits(again, parse_venue_edits(venue_edits_csv(d), "mem"), "mem").empty());
    ASSERT_EQ(again.size(), edited.size());
    for (const Venue& e : edited) {
        auto it = std::find_if(again.begin(), again.end(), [&](const Venue& x) { return x.id == e.id; });
        ASSERT_NE(it, again.end()) << e.id;
        EXPECT_TRUE(same_venue(*it, e)) << e.id;
    }
    EXPECT_TRUE(diff_venues(orig, orig).empty());
}

TEST(VenueEdits, BadFilesNameLineAndColumn) {
    try {
        parse_venue_edits("id,name,category,gemeente,lon,lat,precision,capacity,source\na,A,pop,GM0153,6.9,52.2,exact,,s\n", "e.csv");
        FAIL() << "accepted a file without the edit column";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("missing column 'edit'"), std::string::npos) << e.what();
        EXPECT_EQ(e.file, "e.csv");
    }
    try {
        parse_venue_edits("id,name,category,gemeente,lon,lat,precision,capacity,source,edit\n"
                          "a,A,pop,GM0153,52.2,6.9,exact,,s,changed\n", "e.csv");
        FAIL() << "accepted swapped coordinates";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("line 2, column 'lon/lat': looks like latitude and longitude are swapped"),
                  std::string::npos) << e.what();
    }
}

TEST(VenueEdits, UserFileOnTheRealCatalogue) {
    Dataset d = data();
    ASSERT_FALSE(d.catalogue.empty());
    ASSERT_EQ(d.venues.size(), d.catalogue.size());
    const fs::path dir = temp_dir();
    const std::string path = (dir / "venue_edits.csv").string();
    // No file: nothing changes.
    EXPECT_TRUE(load_user_venue_edits(d, path).empty());
    EXPECT_EQ(d.venue_edits, 0);
    // Tetem renamed, Metropool moved into Enschede without changing its gemeente (reported), one added.
    std::vector<Venue> edited = d.venues;
    const size_t n = edited.size();
    for (Venue& v : edited) {
        if (v.id == "enschede-tetem") v.name = "Tetem (nieuw adres)";
        if (v.id == "hengelo-metropool") {
            v.lon = 6.8937;
            v.lat = 52.2215;  // Enschede centre
            v.pos = wgs84_to_rd(v.lon, v.lat);
        }
    }
    edited.push_back(venue("user-1", "Maakplaats Borne", Category::Maker, "GM0147", 6.7523, 52.2997));  // Borne centre
    write_venue_edits(diff_venues(d.catalogue, edited), path);
    const auto msgs = load_user_venue_edits(d, path);
    EXPECT_EQ(d.venue_edits, 3);
    EXPECT_EQ(d.venues.size(), n + 1);
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_NE(msgs[0].find("venue 'hengelo-metropool'"), std::string::npos) << msgs[0];
    EXPECT_NE(msgs[0].find("lies in Enschede"), std::string::npos) << msgs[0];
    bool named = false;
    for (const auto& a : d.attributions()) named |= a.find("met 3 wijziging(en) van de gebruiker") != std::string::npos;
    EXPECT_TRUE(named);
    // A broken file is kept aside and the catalogue is used as it is.
    Dataset d2 = data();
    {
        std::ofstream(path) << "id,name\n\"unterminated\n";
    }
    const auto m2 = load_user_venue_edits(d2, path);
    ASSERT_EQ(m2.size(), 1u);
    EXPECT_NE(m2[0].find(path), std::string::npos) << m2[0];
    EXPECT_NE(m2[0].find("kept as " + path + ".unreadable"), std::string::npos) << m2[0];
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::exists(path + ".unreadable"));
    EXPECT_EQ(d2.venues.size(), d2.catalogue.size());
    EXPECT_EQ(d2.venue_edits, 0);
    fs::remove_all(dir);
}
