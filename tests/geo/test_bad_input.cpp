// The bad-input corpus (tests/data/bad, see MANIFEST.tsv there): every broken file goes through the real
// reader and gives a clear message -- naming the file and saying what is wrong -- instead of a crash or a
// silently empty layer. Plus the geometry side of a self-intersecting polygon and a large generated file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "geo/core/error.h"
#include "geo/core/types.h"
#include "geo/io/csv.h"
#include "geo/io/dataset.h"
#include "geo/io/user_layer.h"
#include "geo/io/vector_io.h"
#include "geo/io/venue_edits.h"
#include "geo/io/venues.h"
#include "geo/travel/network.h"

namespace fs = std::filesystem;
using namespace geo;

namespace {

const std::string kBad = std::string(TREKKAART_TEST_DATA) + "/bad/";

struct Case {
    std::string file, reader, outcome;
    std::vector<std::string> expect;  // parts the message must contain
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    return out;
}

std::vector<Case> manifest() {
    std::ifstream in(kBad + "MANIFEST.tsv");
    std::vector<Case> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() != 4) {
            ADD_FAILURE() << "MANIFEST.tsv: expected 4 tab-separated columns: " << line;
            continue;
        }
        out.push_back({cols[0], cols[1], cols[2], split(cols[3], '|')});
    }
    return out;
}

// The Twente municipalities first, then the rest of the Netherlands, from the real CBS boundaries.
const Dataset& boundaries() {
    static const Dataset d = [] {
        Dataset ds;
        ds.paths = DataPaths::from_env();
        ReadOptions o;
        o.layer = "gemeente_gegeneraliseerd";
        o.fields = {"statcode", "statnaam"};
        VectorLayer l = read_vector(ds.paths.data_dir + "/cbs_gemeente_gegeneraliseerd_2026.gpkg", o);
        std::vector<Municipality> rest;
        for (auto& f : l.features) {
            Municipality m;
            m.code = f.get("statcode");
            m.name = f.get("statnaam");
            m.geom = std::move(f.polys);
            m.bbox = bbox_of(m.geom);
            const auto& tw = twente_codes();
            m.twente = std::find(tw.begin(), tw.end(), m.code) != tw.end();
            (m.twente ? ds.municipalities : rest).push_back(std::move(m));
        }
        ds.twente_count = int(ds.municipalities.size());
        for (auto& m : rest) ds.municipalities.push_back(std::move(m));
        return ds;
    }();
    return d;
}

// The readers geo/ owns; "scenes" and "candidates" files are checked by viewer_tests (test_bad_input_viewer.cpp).
bool geo_reader(const std::string& reader) {
    return reader == "vector" || reader == "vector_validate" || reader == "roads" || reader == "venues" ||
           reader == "venue_check" || reader == "venue_edits" || reader == "user_layer";
}

std::vector<Case> geo_cases() {
    std::vector<Case> out;
    for (auto& c : manifest())
        if (geo_reader(c.reader)) out.push_back(std::move(c));
    return out;
}

struct Result {
    bool threw = false;
    std::string message;  // the error, or all warnings joined by newlines
};

Result run(const Case& c) {
    const std::string path = kBad + c.file;
    Result r;
    auto warnings = [&](const std::vector<std::string>& ws) {
        for (const auto& w : ws) r.message += w + "\n";
    };
    try {
        if (c.reader == "vector") {
            warnings(read_vector(path).warnings);
        } else if (c.reader == "vector_validate") {
            ReadOptions o;
            o.validate = true;
            warnings(read_vector(path, o).warnings);
        } else if (c.reader == "roads") {
            warnings(read_roads(path).warnings);
        } else if (c.reader == "venues") {
            read_venues(path);
        } else if (c.reader == "venue_edits") {
            read_venue_edits(path);
        } else if (c.reader == "user_layer") {  // issue 12: a layer the user adds, checked against the map's region
            UserLayerOptions o;
            for (int i = 0; i < boundaries().twente_count; ++i) o.region.add(boundaries().municipalities[i].bbox);
            o.region = o.region.grown(40000);
            warnings(read_user_layer(path, o).data.warnings);
        } else if (c.reader == "venue_check") {
            warnings(validate_venues(boundaries(), read_venues(path), path));
        } else {
            ADD_FAILURE() << c.reader << " is not a geo reader";
        }
    } catch (const DataError& e) {
        r.threw = true;
        r.message = e.what();
        EXPECT_EQ(e.file, path) << "DataError::file should be the file that was read";
    }
    return r;
}

}  // namespace

TEST(BadInput, ManifestCoversEveryCorpusFile) {
    std::set<std::string> listed;
    for (const auto& c : manifest()) {
        EXPECT_TRUE(listed.insert(c.file).second) << c.file << " listed twice";
        EXPECT_TRUE(fs::exists(kBad + c.file)) << c.file << " is in MANIFEST.tsv but missing";
        EXPECT_TRUE(c.outcome == "error" || c.outcome == "warning") << c.file << ": outcome " << c.outcome;
        const std::set<std::string> readers = {"vector",      "vector_validate", "roads",     "venues",
                                               "venue_check", "scenes",          "candidates", "venue_edits",
                                               "user_layer"};
        EXPECT_TRUE(readers.count(c.reader)) << c.file << ": unknown reader " << c.reader;
    }
    EXPECT_GE(listed.size(), 20u);
    for (const auto& e : fs::directory_iterator(kBad)) {
        const std::string name = e.path().filename().string();
        if (name == "MANIFEST.tsv" || name == "make_corpus.py") continue;
        EXPECT_TRUE(listed.count(name)) << name << " is in tests/data/bad but not in MANIFEST.tsv";
    }
}

// One check per corpus file, so a failure names the file.
class BadFile : public ::testing::TestWithParam<Case> {};

TEST_P(BadFile, GivesAClearMessageNamingTheFile) {
    const Case& c = GetParam();
    Result r = run(c);
    std::printf("[ message  ] %s%s", r.message.c_str(), r.threw ? "\n" : "");
    if (c.outcome == "error") {
        EXPECT_TRUE(r.threw) << c.file << " was accepted; warnings: " << r.message;
    } else {
        EXPECT_FALSE(r.threw) << c.file << " should be read with a warning, but: " << r.message;
        EXPECT_FALSE(r.message.empty()) << c.file << " was read without any warning";
    }
    EXPECT_NE(r.message.find(kBad + c.file), std::string::npos) << "message does not name the file: " << r.message;
    for (const auto& part : c.expect) EXPECT_NE(r.message.find(part), std::string::npos) << "missing '" << part << "' in: " << r.message;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadFile, ::testing::ValuesIn(geo_cases()), [](const auto& info) {
    std::string n = info.param.file;
    for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
});

// ---- Beyond the message: what the reader keeps from a damaged file -------------------------------------------

TEST(BadInput, HugeCoordinatesAreDroppedAndTheRestIsKept) {
    VectorLayer l = read_vector(kBad + "huge_coords.geojson");
    ASSERT_EQ(l.features.size(), 4u);
    EXPECT_TRUE(l.features[0].points.empty());   // (1e308, 1e308)
    ASSERT_EQ(l.features[1].lines.size(), 1u);   // the line keeps its two good vertices
    EXPECT_EQ(l.features[1].lines[0].size(), 2u);
    EXPECT_TRUE(l.features[2].points.empty());   // infinity
    ASSERT_EQ(l.features[3].points.size(), 1u);  // the good point, in Enschede
    EXPECT_NEAR(l.features[3].points[0].x, 258000, 3000);
    EXPECT_NEAR(l.features[3].points[0].y, 471000, 3000);
    // The layer extent only covers real places (nothing near 1e308 leaks into bboxes and grids).
    EXPECT_LT(l.bbox.width(), 20000);
    EXPECT_LT(l.bbox.height(), 20000);

    VectorLayer rd = read_vector(kBad + "huge_coords_rd.geojson");
    ASSERT_EQ(rd.features.size(), 2u);
    EXPECT_TRUE(rd.features[0].polys.empty());
    EXPECT_EQ(rd.bbox.minx, 257000);
    EXPECT_EQ(rd.bbox.maxy, 471000);
}

TEST(BadInput, NonUtf8TextIsReadAsLatin1) {
    VectorLayer l = read_vector(kBad + "non_utf8.geojson");
    ASSERT_EQ(l.features.size(), 1u);
    EXPECT_EQ(l.features[0].get("naam"), "Caf\xC3\xA9 De Kater");  // é as UTF-8
    EXPECT_TRUE(valid_utf8(l.features[0].get("naam")));
}

TEST(BadInput, DanglingOsmReferencesKeepTheCompleteWays) {
    RoadLayer r = read_roads(kBad + "dangling_refs.osm");
    // Way 10 is complete; way 11 lost its middle node (GDAL joins the remaining two); way 12 is gone.
    ASSERT_EQ(r.roads.size(), 2u);
    EXPECT_EQ(r.roads[0].line.size(), 3u);
    EXPECT_EQ(r.roads[1].line.size(), 2u);
    EXPECT_EQ(r.roads[0].cls, RoadClass::Primary);
}

TEST(BadInput, SelfIntersectingPolygonIsReadAndCountedEvenOdd) {
    // The bow tie (6.8 52.2)-(6.9 52.3)-(6.9 52.2)-(6.8 52.3): two triangles touching in the middle.
    VectorLayer l = read_vector(kBad + "self_intersecting.geojson");
    EXPECT_TRUE(l.warnings.empty()) << "validation is opt-in (ReadOptions::validate)";
    ASSERT_EQ(l.features.size(), 1u);
    ASSERT_EQ(l.features[0].polys.size(), 1u);
    const MultiPolygon& mp = l.features[0].polys;
    const BBox b = bbox_of(mp);
    const P2 c = b.centre();
    // Even-odd: inside the left and right triangles, outside above and below the crossing.
    EXPECT_TRUE(point_in_multipolygon(mp, {b.minx + b.width() * 0.1, c.y}));
    EXPECT_TRUE(point_in_multipolygon(mp, {b.maxx - b.width() * 0.1, c.y}));
    EXPECT_FALSE(point_in_multipolygon(mp, {c.x, b.miny + b.height() * 0.1}));
    EXPECT_FALSE(point_in_multipolygon(mp, {c.x, b.maxy - b.height() * 0.1}));
}

TEST(BadInput, MissingFilesNameThePath) {
    for (const char* name : {"does_not_exist.gpkg", "does_not_exist.csv"}) {
        const std::string p = kBad + name;
        try {
            if (std::string(name).ends_with(".csv")) read_venues(p);
            else read_vector(p);
            ADD_FAILURE() << name << " accepted";
        } catch (const DataError& e) {
            EXPECT_EQ(e.file, p);
            EXPECT_NE(std::string(e.what()).find(p), std::string::npos);
        }
    }
}

// The catalogue check runs at start-up: a misplaced venue becomes a Dataset warning, the map still loads.
TEST(BadInput, LoadDatasetWarnsAboutAVenueOutsideTwente) {
    const fs::path assets = fs::temp_directory_path() / ("trekkaart-assets-" + std::to_string(::getpid()));
    fs::create_directories(assets);
    fs::copy_file(kBad + "venues_outside_twente.csv", assets / "venues.csv", fs::copy_options::overwrite_existing);
    DataPaths p = DataPaths::from_env();
    p.assets_dir = assets.string();
    p.geonames_csv = "";
    Dataset d = load_dataset(p);
    fs::remove_all(assets);
    EXPECT_EQ(d.venues.size(), 2u);  // both still shown
    int hits = 0;
    for (const auto& w : d.warnings)
        if (w.find("zwolle-odeon") != std::string::npos && w.find("outside the 14 Twente") != std::string::npos) ++hits;
    EXPECT_EQ(hits, 1);
    for (const auto& w : d.warnings) EXPECT_EQ(w.find("enschede-tetem"), std::string::npos) << w;
}

// The real catalogue passes its own check (a warning at every start would teach people to ignore them).
TEST(BadInput, TheRealCatalogueHasNoVenueWarnings) {
    const std::string path = DataPaths::from_env().assets_dir + "/venues.csv";
    auto ws = validate_venues(boundaries(), read_venues(path), path);
    for (const auto& w : ws) ADD_FAILURE() << w;
}

TEST(BadInput, ParseVenuesFromTextMatchesTheFileReader) {
    const std::string path = DataPaths::from_env().assets_dir + "/venues.csv";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    auto a = read_venues(path);
    auto b = parse_venues(ss.str(), path);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].id, b[i].id);
        EXPECT_EQ(a[i].line, b[i].line);
        EXPECT_EQ(a[i].pos.x, b[i].pos.x);
    }
    try {
        parse_venues("id,name\nx,y\n", "pasted text");
        ADD_FAILURE() << "accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(std::string(e.what()), "pasted text: missing column 'category' (header is: id,name)");
    }
}

// A big file is generated at test time (not committed): 20,000 points and a 50,000-vertex ring.
TEST(BadInput, LargeGeneratedGeoJsonIsReadCompletely) {
    const fs::path p = fs::temp_directory_path() / ("trekkaart-large-" + std::to_string(::getpid()) + ".geojson");
    {
        std::ofstream out(p);
        out << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)";
        for (int i = 0; i < 20000; ++i)
            out << R"({"type":"Feature","properties":{"i":)" << i << R"(},"geometry":{"type":"Point","coordinates":[)"
                << 250000 + i % 200 * 50 << "," << 460000 + i / 200 * 50 << "]}},";
        out << R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[)";
        const int n = 50000;
        for (int i = 0; i <= n; ++i) {
            double a = 2 * M_PI * (i % n) / n;
            out << (i ? "," : "") << "[" << 257000 + 5000 * std::cos(a) << "," << 471000 + 5000 * std::sin(a) << "]";
        }
        out << "]]}}]}\n";
    }
    VectorLayer l = read_vector(p.string());
    fs::remove(p);
    ASSERT_EQ(l.features.size(), 20001u);
    EXPECT_TRUE(l.warnings.empty());
    EXPECT_EQ(l.features[19999].get("i"), "19999");
    ASSERT_EQ(l.features[20000].polys.size(), 1u);
    EXPECT_EQ(l.features[20000].polys[0].rings[0].size(), 50000u);  // closing vertex dropped
    EXPECT_NEAR(std::abs(ring_area(l.features[20000].polys[0].rings[0])), M_PI * 5000 * 5000, 1e3);
}
