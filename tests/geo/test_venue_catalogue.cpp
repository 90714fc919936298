// Issue 16: the venue catalogue complete enough to analyse -- libraries in every municipality, positions that say
// how they were obtained, stable ids, bilingual notes, closed venues left out, the completeness metadata.
// See assets/VENUES.md. (test_venues.cpp keeps every venue inside its municipality.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/dataset.h"
#include "geo/io/venue_edits.h"
#include "geo/io/venues.h"

using namespace geo;

namespace {

std::string assets() { return DataPaths::from_env().assets_dir; }

const std::vector<Venue>& catalogue() {
    static std::vector<Venue> v = read_venues(assets() + "/venues.csv");
    return v;
}

const Venue* find(const std::string& id) {
    for (const auto& v : catalogue())
        if (v.id == id) return &v;
    return nullptr;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

// The ids of the 91 venues the catalogue had before issue 16: scenes, users' venue_edits.csv files and the
// strategy tests refer to them, so none may disappear or be renamed.
TEST(VenueCatalogue, TodaysIdsStayStable) {
    const char* ids[] = {
        "enschede-tetem", "enschede-wilminktheater", "enschede-muziekcentrum", "enschede-reisopera",
        "enschede-sonnevanck", "enschede-aki-artez", "enschede-artez-conservatorium", "enschede-kaliber",
        "enschede-laadperron", "enschede-vd-warenhuis", "enschede-museumfabriek", "enschede-rijksmuseum-twenthe",
        "enschede-concordia", "enschede-atak", "enschede-gogbot", "enschede-bibliotheek", "enschede-saxion-fablab",
        "enschede-ut-designlab", "enschede-vrijhof", "enschede-performance-factory", "enschede-kleine-willem",
        "enschede-vestzaktheater", "enschede-jannink", "enschede-rozendaal", "enschede-bamshoeve",
        "enschede-rigtersbleek", "enschede-stoomblekerij-boekelo", "enschede-pathmos", "hengelo-stork",
        "hengelo-metropool", "hengelo-oyfo", "hengelo-oogst", "hengelo-museum", "hengelo-schouwburg",
        "hengelo-bibliotheek", "hengelo-dikkers", "hengelo-stork-gieterij", "hengelo-lansink", "hengelo-hazemeijer",
        "hengelo-heemaf", "almelo-hof88", "almelo-theaterhotel", "almelo-stedelijk-museum", "almelo-huis-van-katoen",
        "almelo-metropool", "almelo-studio15", "almelo-bibliotheek", "oldenzaal-palthehuis", "oldenzaal-de-pelgrim",
        "oldenzaal-de-bond", "oldenzaal-bibliotheek", "oldenzaal-muziekkoepel", "borne-bussemakerhuis",
        "borne-kulturhus", "borne-openluchttheater-hertme", "hofvantwente-zoutmuseum",
        "hofvantwente-parochiehuis-delden", "hofvantwente-reggehof", "hofvantwente-de-pol", "hofvantwente-mikc",
        "haaksbergen-kulturhus", "haaksbergen-de-kappen", "haaksbergen-museum-buurtspoorweg", "hellendoorn-dauwpop",
        "hellendoorn-openluchttheater-nijverdal", "hellendoorn-ksw", "hellendoorn-de-smidse",
        "hellendoorn-bibliotheek", "losser-kulturhus", "losser-trefhuus-overdinkel", "losser-erve-boerrigter",
        "losser-muziekkoepel-overdinkel", "dinkelland-natura-docet", "dinkelland-openluchtmuseum-ootmarsum",
        "dinkelland-singraven", "dinkelland-ton-schulten", "tubbergen-cultuurhoes-albergen", "tubbergen-glasrijk",
        "tubbergen-bibliotheek", "twenterand-ondernemerhuis", "twenterand-historisch-museum",
        "twenterand-veenmuseum", "twenterand-theater-turf", "wierden-zompenmuseum-enter", "wierden-striekwiezer",
        "wierden-bibliotheek", "rijssenholten-rijssens-museum", "rijssenholten-brandweermuseum",
        "rijssenholten-pelmolen", "rijssenholten-natuurmuseum-holterberg", "rijssenholten-bibliotheek",
    };
    EXPECT_EQ(std::size(ids), 91u);
    for (const char* id : ids) EXPECT_NE(find(id), nullptr) << id << " disappeared from the catalogue";
}

// Every venue id a scene of the shipped decks names exists in the catalogue.
TEST(VenueCatalogue, ScenesReferOnlyToExistingVenues) {
    int checked = 0;
    for (const auto& e : std::filesystem::directory_iterator(assets() + "/scenes")) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        // Highlight lists: "venues": ["id", ...] (category lists use keys without a '-').
        const std::regex list("\"venues\"\\s*:\\s*\\[([^\\]]*)\\]"), item("\"([a-z0-9]+(-[a-z0-9]+)+)\"");
        for (std::sregex_iterator it(text.begin(), text.end(), list), end; it != end; ++it) {
            const std::string body = (*it)[1];
            for (std::sregex_iterator jt(body.begin(), body.end(), item); jt != end; ++jt) {
                EXPECT_NE(find((*jt)[1]), nullptr) << e.path() << " names unknown venue " << (*jt)[1];
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 8);  // the sample deck highlights at least eight venues
}

// The strategy's spread network rests on libraries and kulturhuizen: every municipality has one, and the three the
// old catalogue left empty (Dinkelland, Hof van Twente, Twenterand) have the branches their library organisations
// list.
TEST(VenueCatalogue, EveryMunicipalityHasALibraryOrKulturhus) {
    std::map<std::string, int> libs;
    for (const auto& v : catalogue())
        if (v.category == Category::Library) libs[v.gemeente]++;
    for (const auto& code : twente_codes()) EXPECT_GE(libs[code], 1) << code << " has no library or kulturhus";
    EXPECT_GE(libs["GM1774"], 2);  // Dinkelland: Ootmarsum, Weerselo
    EXPECT_GE(libs["GM1735"], 4);  // Hof van Twente: Goor, Delden, Markelo, Diepenheim
    EXPECT_GE(libs["GM1700"], 4);  // Twenterand: Vriezenveen, Vroomshoop, Westerhaar, Den Ham
    EXPECT_GE(libs["GM0164"], 2);  // Hengelo: Stad, Hasseler Es
    int total = 0;
    for (const auto& [code, n] : libs) total += n;
    EXPECT_GE(total, 25);
}

// No two entries share a street address unless the source says so (one building, several venues).
TEST(VenueCatalogue, NoTwoEntriesShareAnAddressUnlessTheSourceSaysSo) {
    std::map<std::string, std::vector<std::string>> by_address;
    for (const auto& v : catalogue())
        if (!v.address.empty()) by_address[lower(v.address)].push_back(v.id);
    // Shared addresses the sources document: (none yet). Add "address" -> the ids with the reason.
    const std::map<std::string, std::set<std::string>> allowed = {};
    for (const auto& [a, ids] : by_address) {
        if (ids.size() < 2) continue;
        auto it = allowed.find(a);
        EXPECT_TRUE(it != allowed.end() && it->second == std::set<std::string>(ids.begin(), ids.end()))
            << ids.size() << " entries share the address '" << a << "': " << ids[0] << ", " << ids[1];
    }
    // Two points at the very same spot are only allowed for place centroids (both venues placed at their village's
    // centroid because no better position is known); everything else must be a position of its own.
    const auto& vs = catalogue();
    for (size_t i = 0; i < vs.size(); ++i)
        for (size_t j = i + 1; j < vs.size(); ++j)
            if (dist(vs[i].pos, vs[j].pos) < 1.0) {
                EXPECT_TRUE(vs[i].position_source == "place_centroid" && vs[j].position_source == "place_centroid")
                    << vs[i].id << " and " << vs[j].id << " share a point";
            }
}

// Every position says how it was obtained and how far off it may be; "exact" only for an address point.
TEST(VenueCatalogue, EveryPositionSaysHowItWasObtainedAndItsLikelyError) {
    int exact = 0;
    for (const auto& v : catalogue()) {
        EXPECT_FALSE(v.position_source.empty()) << v.id;
        EXPECT_GT(v.position_error_m, 0) << v.id;
        if (v.exact) {
            ++exact;
            EXPECT_EQ(v.position_source, "address_point") << v.id << ": exact is for address points only";
            EXPECT_LE(v.position_error_m, 25) << v.id;
        }
        if (v.position_source == "place_centroid") {
            EXPECT_GE(v.position_error_m, 300) << v.id;
        }
        if (v.position_source == "address_point") {
            EXPECT_TRUE(v.exact) << v.id;
        }
    }
    EXPECT_GE(exact, 1);
}

// A point taken from a published coordinate quotes that coordinate in its source ("52.2642 N 6.79194 E", or
// degrees-minutes-seconds "52 12 49.4 N 6 53 11.2 E") and sits on it: a later edit that moves the point without
// changing the source, or cites a coordinate it does not use, fails here.
TEST(VenueCatalogue, PublishedPositionsSitOnTheCoordinateTheirSourceQuotes) {
    const std::regex decimal("(\\d{2}\\.\\d{3,}) N (\\d{1,2}\\.\\d{3,}) E");
    const std::regex dms("(\\d{2}) (\\d{1,2}) ([0-9.]+) N (\\d{1,2}) (\\d{1,2}) ([0-9.]+) E");
    int published = 0;
    for (const auto& v : catalogue()) {
        if (v.position_source != "published_coordinate") continue;
        ++published;
        EXPECT_LE(v.position_error_m, 100) << v.id << ": a published building coordinate is not 'somewhere in town'";
        std::smatch m;
        double lon = 0, lat = 0;
        if (std::regex_search(v.source, m, decimal)) {
            lat = std::stod(m[1]);
            lon = std::stod(m[2]);
        } else if (std::regex_search(v.source, m, dms)) {
            lat = std::stod(m[1]) + std::stod(m[2]) / 60 + std::stod(m[3]) / 3600;
            lon = std::stod(m[4]) + std::stod(m[5]) / 60 + std::stod(m[6]) / 3600;
        } else {
            ADD_FAILURE() << v.id << ": published_coordinate, but the source quotes no coordinate";
            continue;
        }
        EXPECT_LT(dist(v.pos, wgs84_to_rd(lon, lat)), 5.0) << v.id << " is not at the coordinate its source quotes";
    }
    EXPECT_GE(published, 14);  // 12 points from the museum.nl list, the Buurtspoorweg, Jannink (issue 16)
}

// A point taken from the monument register quotes the register's X-Y coordinate ("RD 228821 486823", Amersfoort /
// RD New metres) and sits on it (issue 16: the KSW factory halls, Nijverdal, rijksmonument 512237).
TEST(VenueCatalogue, RegisterPositionsSitOnTheRdCoordinateTheirSourceQuotes) {
    const std::regex rd("RD (\\d{6}) (\\d{6})");
    int registered = 0;
    for (const auto& v : catalogue()) {
        if (v.position_source != "monument_register") continue;
        ++registered;
        EXPECT_LE(v.position_error_m, 100) << v.id;
        std::smatch m;
        if (!std::regex_search(v.source, m, rd)) {
            ADD_FAILURE() << v.id << ": monument_register, but the source quotes no RD coordinate";
            continue;
        }
        EXPECT_LT(dist(v.pos, P2{std::stod(m[1]), std::stod(m[2])}), 5.0) << v.id << " is not at its register coordinate";
    }
    EXPECT_GE(registered, 1);
    const Venue* ksw = find("hellendoorn-ksw");
    ASSERT_NE(ksw, nullptr);
    EXPECT_EQ(ksw->position_source, "monument_register");
    EXPECT_LT(dist(ksw->pos, P2{228821, 486823}), 5.0);
}

// The summary VENUES.md and the README give: the median recorded position error, and how many points are good to
// 50 m. Worse data (a point moved back to an estimate) fails here before the documents go stale.
TEST(VenueCatalogue, PositionErrorsAreAsDocumented) {
    std::vector<int> e;
    int within_50 = 0;
    for (const auto& v : catalogue()) {
        e.push_back(v.position_error_m);
        within_50 += v.position_error_m <= 50;
    }
    ASSERT_FALSE(e.empty());
    std::sort(e.begin(), e.end());
    const double median = e.size() % 2 ? e[e.size() / 2] : 0.5 * (e[e.size() / 2 - 1] + e[e.size() / 2]);
    EXPECT_LE(median, 600.0);
    EXPECT_GE(within_50, 16);  // 14 published coordinates, the KSW register point and the one address point (issue 16)
}

// Names stay as used locally; qualifiers live in note_nl / note_en, and the Dutch text carries no English.
TEST(VenueCatalogue, DutchTextsCarryNoEnglishAndNotesComeInPairs) {
    const char* english[] = {"former", "formerly", "workers", "building", "cultural centre", "spinning mill",
                             "bleachery", "breeding ground", "village", " and "};
    for (const auto& v : catalogue()) {
        EXPECT_EQ(v.note_nl.empty(), v.note_en.empty()) << v.id << ": a note in one language only";
        for (const char* w : english) {
            EXPECT_EQ(lower(v.name).find(w), std::string::npos) << v.id << " name '" << v.name << "' has '" << w << "'";
            EXPECT_EQ(lower(v.note_nl).find(w), std::string::npos) << v.id << " note_nl '" << v.note_nl << "' has '" << w << "'";
        }
    }
    // Issue 13 named these two.
    const Venue* w = find("enschede-vd-warenhuis");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->name, "Het Warenhuis");
    EXPECT_NE(w->note_nl.find("voormalig V&D-pand"), std::string::npos);
    EXPECT_NE(w->note_en.find("former V&D"), std::string::npos);
    const Venue* s = find("hengelo-stork");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->name.find("Former"), std::string::npos);
    EXPECT_NE(s->note_nl.find("voormalig"), std::string::npos);
}

// The facts the issue asked to look at again.
TEST(VenueCatalogue, CorrectedFacts) {
    const Venue* almelo = find("almelo-stedelijk-museum");
    ASSERT_NE(almelo, nullptr);
    EXPECT_EQ(almelo->name, "Stadsmuseum Almelo");
    EXPECT_EQ(almelo->address, "Prinsenstraat 13, 7607 JC Almelo");
    const Venue* pel = find("rijssenholten-pelmolen");
    ASSERT_NE(pel, nullptr);
    EXPECT_EQ(pel->address, "Pelmolenpad 9a, 7461 PT Rijssen");
    EXPECT_GE(pel->position_error_m, 1000);  // placed for a wrong street once; said so, not hidden
    const Venue* oyfo = find("hengelo-oyfo");
    ASSERT_NE(oyfo, nullptr);
    EXPECT_NE(oyfo->source.find("2021"), std::string::npos);
    EXPECT_NE(oyfo->source.find("Hazemeijer"), std::string::npos);
    // Oyfo now sits in the Hazemeijer complex: within 300 m of that entry, not at its old Industriestraat school.
    const Venue* haz = find("hengelo-hazemeijer");
    ASSERT_NE(haz, nullptr);
    EXPECT_LT(dist(oyfo->pos, haz->pos), 300.0);
}

// Closed venues: kept in the file with an end date, left out of what read_venues returns (so out of every
// analysis); an end date still ahead counts the venue.
TEST(VenueCatalogue, ClosedVenuesAreLeftOutOnAndAfterTheirEndDate) {
    const std::string csv =
        "id,name,category,gemeente,lon,lat,precision,capacity,source,end_date\n"
        "a,Open,library,GM0153,6.89,52.22,approximate,,s,\n"
        "b,Closed,library,GM0153,6.89,52.22,approximate,,s,2020-01-31\n"
        "c,Closes today,library,GM0153,6.89,52.22,approximate,,s,2026-12-02\n"
        "d,Closes tomorrow,library,GM0153,6.89,52.22,approximate,,s,2026-12-03\n";
    const auto v = parse_venues(csv, "mem.csv", "2026-12-02");
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].id, "a");
    EXPECT_EQ(v[1].id, "d");  // still open on 2026-12-02
    EXPECT_EQ(parse_venues(csv, "mem.csv", "2026-12-04").size(), 1u);
    // The shipped catalogue holds no venue that is closed today.
    for (const auto& x : catalogue()) EXPECT_FALSE(venue_closed(x)) << x.id;
}

TEST(VenueCatalogue, OptionalColumnsAreCheckedWithFileLineAndColumn) {
    auto error_of = [](const std::string& extra_header, const std::string& extra) -> std::string {
        try {
            parse_venues("id,name,category,gemeente,lon,lat,precision,capacity,source," + extra_header +
                             "\na,A,pop,GM0153,6.9,52.2,approximate,,s," + extra + "\n",
                         "v.csv", "2026-12-02");
        } catch (const DataError& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_NE(error_of("end_date", "31-01-2020").find("line 2, column 'end_date'"), std::string::npos);
    EXPECT_NE(error_of("end_date", "2020-13-01").find("column 'end_date'"), std::string::npos);
    EXPECT_NE(error_of("position_source", "gps").find("column 'position_source': unknown value 'gps'"), std::string::npos);
    EXPECT_NE(error_of("position_error_m", "-5").find("column 'position_error_m'"), std::string::npos);
    EXPECT_NE(error_of("position_error_m", "far").find("column 'position_error_m'"), std::string::npos);
    EXPECT_EQ(error_of("position_source,position_error_m", "place_centroid,500"), "");
    // The old format (no optional columns) still loads, with nothing recorded.
    const auto old = parse_venues("id,name,category,gemeente,lon,lat,precision,capacity,source\n"
                                  "a,A,pop,GM0153,6.9,52.2,exact,,s\n",
                                  "old.csv");
    ASSERT_EQ(old.size(), 1u);
    EXPECT_TRUE(old[0].position_source.empty());
    EXPECT_EQ(old[0].position_error_m, 0);
    EXPECT_TRUE(old[0].end_date.empty());
}

// Users' venue_edits.csv written before issue 16 (without the new columns) still load; the new columns round-trip.
TEST(VenueCatalogue, EditsFilesOldAndNewLoad) {
    const auto old = parse_venue_edits("id,name,category,gemeente,lon,lat,precision,capacity,source,edit\n"
                                       "enschede-atak,Atak,pop,GM0153,6.89,52.22,approximate,700,mine,changed\n",
                                       "edits.csv");
    ASSERT_EQ(old.size(), 1u);
    EXPECT_EQ(old[0].venue.name, "Atak");
    Venue v = old[0].venue;
    v.position_source = "venue_page";
    v.position_error_m = 40;
    v.address = "Wilminkplein 1, Enschede";
    v.note_nl = "popzaal";
    v.note_en = "pop hall";
    v.end_date = "2030-01-01";
    const auto back = parse_venue_edits(venue_edits_csv({{EditKind::Changed, v}}), "mem");
    ASSERT_EQ(back.size(), 1u);
    EXPECT_TRUE(same_venue(back[0].venue, v));
    EXPECT_EQ(back[0].venue.note_en, "pop hall");
    EXPECT_EQ(back[0].venue.position_error_m, 40);
    Venue w = v;
    w.note_nl = "iets anders";
    EXPECT_FALSE(same_venue(w, v));  // the new fields count as a change
}

// assets/venues_meta.csv: what "complete" means per category; the legend and the figures show its notes.
TEST(VenueCatalogue, CompletenessMetadata) {
    const CatalogueMeta m = read_catalogue_meta(assets() + "/venues_meta.csv");
    const CategoryMeta& lib = m[size_t(Category::Library)];
    ASSERT_TRUE(lib.known);
    EXPECT_FALSE(lib.complete);
    EXPECT_EQ(lib.known_missing, 2);
    EXPECT_EQ(lib.as_of.size(), 10u);
    EXPECT_NE(lib.note_nl.find("2 bekend ontbrekend"), std::string::npos);
    EXPECT_NE(lib.note_en.find("2 known missing"), std::string::npos);
    for (Category c : {Category::Museum, Category::Theatre, Category::Pop, Category::Heritage}) {
        EXPECT_TRUE(m[size_t(c)].known) << category_key(c);
        EXPECT_FALSE(m[size_t(c)].note_nl.empty()) << category_key(c);  // an incomplete category says so
    }
    // A missing file: nothing known, no notes. A bad one: file, line and column.
    EXPECT_FALSE(read_catalogue_meta(assets() + "/no_such_meta.csv")[0].known);
    const std::string head = "category,complete,known_missing,as_of,sources,note_nl,note_en\n";
    auto error_of = [&](const std::string& row) -> std::string {
        try {
            parse_catalogue_meta(head + row + "\n", "m.csv");
        } catch (const DataError& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_NE(error_of("books,no,1,2026-12-02,s,n,n").find("line 2, column 'category'"), std::string::npos);
    EXPECT_NE(error_of("library,maybe,1,2026-12-02,s,n,n").find("column 'complete'"), std::string::npos);
    EXPECT_NE(error_of("library,yes,2,2026-12-02,s,n,n").find("complete category cannot miss"), std::string::npos);
    EXPECT_NE(error_of("library,no,-1,2026-12-02,s,n,n").find("column 'known_missing'"), std::string::npos);
    EXPECT_NE(error_of("library,no,1,Dec 2026,s,n,n").find("column 'as_of'"), std::string::npos);
    EXPECT_EQ(error_of("library,yes,0,2026-12-02,s,volledig,complete"), "");
}
