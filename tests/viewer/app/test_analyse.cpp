// `trekkaart analyse` (viewer/app/analyse_cli.h) run in-process on the real data: the files it writes read back
// with GDAL/OGR and the one JSON reader, and what they must hold.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "geo/io/csv.h"
#include "geo/io/dataset.h"
#include "geo/io/geotiff.h"
#include "geo/io/json.h"
#include "geo/io/vector_io.h"
#include "geo/population/population.h"
#include "geo/travel/params.h"
#include "viewer/app/cli.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

struct Outcome {
    int code = -1;
    std::string err;
};

Outcome analyse(std::vector<std::string> args) {
    args.insert(args.begin(), {"trekkaart", "analyse"});
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    Outcome r;
    testing::internal::CaptureStderr();
    r.code = run_main(int(argv.size()), argv.data());
    std::fflush(stderr);
    r.err = testing::internal::GetCapturedStderr();
    return r;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const geo::Dataset& data() {
    static const geo::Dataset d = geo::load_dataset();
    return d;
}

struct DsCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, DsCloser>;

Ds open(const std::string& path, unsigned flags) {
    geo::gdal_init();
    return Ds(GDALDataset::Open(path.c_str(), flags | GDAL_OF_READONLY));
}

float value_at(const geo::GridF& g, geo::P2 p) {
    int c = 0, r = 0;
    if (!g.spec.cell_of(p, c, r) || !g.spec.inside(c, r)) return NAN;
    return g.v[g.spec.index(c, r)];
}

const geo::Venue& first_venue(geo::Category cat) {
    for (const auto& v : data().venues)
        if (v.category == cat) return v;
    throw std::runtime_error("no venue of the category");
}

// The bands of an isochrones layer that contain p, as (min, max) minutes.
std::vector<std::pair<double, double>> bands_at(OGRLayer& l, geo::P2 p) {
    std::vector<std::pair<double, double>> out;
    OGRPoint pt(p.x, p.y);
    l.ResetReading();
    while (OGRFeature* f = l.GetNextFeature()) {
        if (f->GetGeometryRef() && f->GetGeometryRef()->Contains(&pt))
            out.push_back({f->GetFieldAsDouble("min_minutes"), f->GetFieldAsDouble("max_minutes")});
        OGRFeature::DestroyFeature(f);
    }
    return out;
}

// travel_time of pop by bike, T = 15, into a folder that does not exist yet (created by the command).
class AnalyseTravelTime : public testing::Test {
protected:
    static std::string dir, prefix;
    static Outcome run;
    static void SetUpTestSuite() {
        dir = testing::TempDir() + "trekkaart-analyse-tt-" + std::to_string(::getpid()) + "/new/";
        fs::remove_all(dir);
        run = analyse({"--metric", "travel_time", "--category", "pop", "--mode", "bike", "--threshold", "15",
                       "--out", dir, "--timings"});
        prefix = dir + "travel_time";
    }
    static void TearDownTestSuite() { fs::remove_all(fs::path(dir).parent_path().parent_path()); }
};
std::string AnalyseTravelTime::dir, AnalyseTravelTime::prefix;
Outcome AnalyseTravelTime::run;

}  // namespace

TEST_F(AnalyseTravelTime, RunsCreatesTheFolderAndReportsItsPhases) {
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_TRUE(fs::is_directory(dir));
    for (const char* s : {".surface.tif", ".isochrones.gpkg", ".figures.csv", ".figures.gpkg", ".summary.json"})
        EXPECT_TRUE(fs::exists(prefix + s)) << s;
    EXPECT_TRUE(has(run.err, "load")) << run.err;
    EXPECT_TRUE(has(run.err, "compute travel_time")) << run.err;
    EXPECT_TRUE(has(run.err, "write isochrones.gpkg")) << run.err;
    for (const auto& e : fs::directory_iterator(dir))  // no temporary files left behind
        EXPECT_FALSE(has(e.path().filename().string(), ".tmp-")) << e.path();
}

TEST_F(AnalyseTravelTime, SurfaceIsAGeoTiffInRdWithAboutZeroMinutesAtAVenue) {
    ASSERT_EQ(run.code, 0) << run.err;
    Ds ds = open(prefix + ".surface.tif", GDAL_OF_RASTER);
    ASSERT_TRUE(ds);
    ASSERT_NE(ds->GetSpatialRef(), nullptr);
    EXPECT_STREQ(ds->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    EXPECT_EQ(ds->GetRasterBand(1)->GetRasterDataType(), GDT_Float32);
    const geo::GridF g = geo::read_geotiff(prefix + ".surface.tif");
    const float at_venue = value_at(g, first_venue(geo::Category::Pop).pos);
    // ~0 minutes of travel: only the fixed time at the venue end (locking the bike), and well under a minute to
    // cross the venue's own 100 m cell.
    const double lock_min = geo::TravelParams{}.penalty_s(geo::Mode::Bike) / 60;
    EXPECT_GE(at_venue, lock_min - 1e-3);
    EXPECT_LT(at_venue, lock_min + 0.5);
}

TEST_F(AnalyseTravelTime, IsochronesContainTheCellsTheyShould) {
    ASSERT_EQ(run.code, 0) << run.err;
    Ds ds = open(prefix + ".isochrones.gpkg", GDAL_OF_VECTOR);
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayerByName("isochrones");
    ASSERT_NE(l, nullptr);
    ASSERT_GT(l->GetFeatureCount(), 0);
    ASSERT_NE(l->GetSpatialRef(), nullptr);
    EXPECT_STREQ(l->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    // Near a venue: the lowest band, from 0 minutes.
    const geo::P2 v = first_venue(geo::Category::Pop).pos;
    const auto near = bands_at(*l, v);
    ASSERT_EQ(near.size(), 1u);
    EXPECT_EQ(near[0].first, 0.0);
    // Cells well inside (10, 15] lie in that band; cells well above 15 minutes lie in none (nothing beyond T).
    const geo::GridF g = geo::read_geotiff(prefix + ".surface.tif");
    int inside = 0, beyond = 0;
    for (int r = 0; r < g.spec.rows && (inside < 5 || beyond < 5); r += 7)
        for (int c = 0; c < g.spec.cols; c += 7) {
            const float m = g.v[g.spec.index(c, r)];
            const bool mid = m > 11 && m < 14 && inside < 5, far = m > 17 && m < 60 && beyond < 5;
            if (!mid && !far) continue;
            // Only cells whose neighbours agree, so the polygon edge (interpolated between cells) is not in doubt.
            bool calm = g.spec.inside(c - 1, r - 1) && g.spec.inside(c + 1, r + 1);
            for (int dr = -1; calm && dr <= 1; ++dr)
                for (int dc = -1; calm && dc <= 1; ++dc) {
                    const float n = g.v[g.spec.index(c + dc, r + dr)];
                    calm = mid ? (n > 10.5f && n < 14.5f) : (n > 16 && std::isfinite(n));
                }
            if (!calm) continue;
            const auto b = bands_at(*l, g.spec.centre(c, r));
            if (mid) {
                ++inside;
                ASSERT_EQ(b.size(), 1u) << m << " min at " << c << "," << r;
                EXPECT_EQ(b[0].first, 10.0);
                EXPECT_EQ(b[0].second, 15.0);
            } else {
                ++beyond;
                EXPECT_TRUE(b.empty()) << m << " min at " << c << "," << r;
            }
        }
    EXPECT_EQ(inside, 5);
    EXPECT_EQ(beyond, 5);
}

TEST_F(AnalyseTravelTime, FiguresGeoPackageHasTheFourteenMunicipalitiesWithPolygons) {
    ASSERT_EQ(run.code, 0) << run.err;
    Ds ds = open(prefix + ".figures.gpkg", GDAL_OF_VECTOR);
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayerByName("figures");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->GetFeatureCount(), 14);
    EXPECT_STREQ(l->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    l->ResetReading();
    int n = 0;
    while (OGRFeature* f = l->GetNextFeature()) {
        ++n;
        ASSERT_NE(f->GetGeometryRef(), nullptr);
        EXPECT_FALSE(f->GetGeometryRef()->IsEmpty());
        EXPECT_TRUE(has(f->GetFieldAsString("code"), "GM"));
        EXPECT_GT(f->GetFieldAsDouble("inhabitants"), 0);
        OGRFeature::DestroyFeature(f);
    }
    EXPECT_EQ(n, 14);
    // The CSV holds the same rows (header + 14).
    std::ifstream csv(prefix + ".figures.csv");
    int lines = 0;
    for (std::string line; std::getline(csv, line);) ++lines;
    EXPECT_EQ(lines, 15);
}

TEST(Analyse, ReachTotalsAreThePopulationWithinTOfTheSurface) {
    const std::string dir = testing::TempDir() + "trekkaart-analyse-reach-" + std::to_string(::getpid());
    const geo::Venue& v = first_venue(geo::Category::Pop);
    const Outcome o = analyse({"--metric", "reach", "--venue", v.id, "--mode", "bike", "--threshold", "15", "--out",
                               dir + "/reach", "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    std::ifstream in(dir + "/reach.summary.json");
    std::stringstream text;
    text << in.rdbuf();
    geo::json::Value root;
    geo::json::ParseError err;
    ASSERT_TRUE(geo::json::parse(text.str(), root, err)) << err.message;
    const geo::json::Value* reach = root.find("reach");
    ASSERT_NE(reach, nullptr);
    const double nl = reach->find("nl")->num, de = reach->find("de")->num, total = reach->find("total")->num;
    EXPECT_NEAR(nl + de, total, 0.2);
    EXPECT_EQ(root.find("parameters")->find("venue")->find("id")->str, v.id);
    // The reach surface holds the minutes from the venue (a little beyond T, so that the contour at T has values
    // on both sides); the totals are the inhabitants (NL + DE) of the cells within T.
    const geo::GridF g = geo::read_geotiff(dir + "/reach.surface.tif");
    const geo::PopulationSurface ps = geo::build_population(data());
    ASSERT_EQ(ps.nl.v.size(), g.v.size());
    double within = 0;
    for (size_t i = 0; i < g.v.size(); ++i)
        if (std::isfinite(g.v[i]) && g.v[i] >= 0 && g.v[i] <= 15) within += ps.nl.v[i] + ps.de.v[i];
    EXPECT_GT(total, 1000);
    EXPECT_NEAR(total, within, 1e-3 * within + 1);
    fs::remove_all(dir);
}

TEST(Analyse, ATypoInTheMetricExits2WithASuggestion) {
    const Outcome o = analyse({"--metric", "travel_tme", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--metric")) << o.err;
    EXPECT_TRUE(has(o.err, "did you mean \"travel_time\"")) << o.err;
}

TEST(Analyse, UsageErrorsNameTheOptionAndValue) {
    Outcome o = analyse({"--out", "x", "--add", "257000"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--add")) << o.err;
    EXPECT_TRUE(has(o.err, "x,y")) << o.err;
    o = analyse({"--out", "x", "--add", "257000,471000,theater"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "did you mean \"theatre\"")) << o.err;
    o = analyse({"--out", "x", "--metric", "travel_time", "--best", "2"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--best")) << o.err;
    o = analyse({"--metric", "travel_time"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--out")) << o.err;
}

TEST(Analyse, AnOutFolderThatCannotBeCreatedIsAClearError) {
    const std::string file = testing::TempDir() + "trekkaart-analyse-file-" + std::to_string(::getpid());
    std::ofstream(file) << "x";
    const Outcome o = analyse({"--out", file + "/sub/", "-q"});
    EXPECT_EQ(o.code, 4);
    EXPECT_TRUE(has(o.err, "cannot create the folder")) << o.err;
    fs::remove(file);
}

// The summary's per-municipality what-if gains, by code.
std::map<std::string, double> gains_by_code(const std::string& summary_path) {
    std::ifstream in(summary_path);
    std::stringstream text;
    text << in.rdbuf();
    geo::json::Value root;
    geo::json::ParseError err;
    EXPECT_TRUE(geo::json::parse(text.str(), root, err)) << err.message;
    std::map<std::string, double> out;
    const geo::json::Value* g = root.find("whatif");
    if (!g || !g->find("per_municipality")) return out;
    for (const geo::json::Value& m : g->find("per_municipality")->arr) out[m.find("code")->str] = m.find("gained")->num;
    return out;
}

// --remove ID takes a catalogue venue out: its municipality loses inhabitants within T and nobody gains; at the
// venue the surface is negative (minutes lost). --move ID x,y takes it out and puts it at x,y.
TEST(Analyse, RemovingAndMovingACatalogueVenue) {
    const std::string dir = testing::TempDir() + "trekkaart-analyse-remove-" + std::to_string(::getpid());
    const geo::Venue& v = first_venue(geo::Category::Pop);
    Outcome o = analyse({"--metric", "what_if", "--category", "pop", "--remove", v.id, "--out", dir + "/rm", "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    std::map<std::string, double> g = gains_by_code(dir + "/rm.summary.json");
    ASSERT_EQ(g.size(), 14u);
    EXPECT_LT(g[v.gemeente], -100) << v.id << " in " << v.gemeente;
    for (const auto& [code, gained] : g) EXPECT_LE(gained, 0) << code;
    const geo::GridF rm = geo::read_geotiff(dir + "/rm.surface.tif");
    EXPECT_LT(value_at(rm, v.pos), -1) << "minutes lost at the removed venue";

    // Moved 3 km east: the old place loses, the new place gains.
    const geo::P2 to{v.pos.x + 3000, v.pos.y};
    o = analyse({"--metric", "what_if", "--category", "pop", "--move", v.id,
                 std::to_string(int(to.x)) + "," + std::to_string(int(to.y)), "--out", dir + "/mv", "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    const geo::GridF mv = geo::read_geotiff(dir + "/mv.surface.tif");
    EXPECT_LT(value_at(mv, v.pos), -1);
    EXPECT_GT(value_at(mv, to), 1);
    std::ifstream in(dir + "/mv.summary.json");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_TRUE(has(text.str(), "\"name\": " + geo::json::quote(v.name))) << "the moved venue is a site by name";
    fs::remove_all(dir);
}

TEST(Analyse, MoveAndRemoveNameWhatIsWrongWithTheirId) {
    const geo::Venue& v = first_venue(geo::Category::Pop);
    Outcome o = analyse({"--metric", "what_if", "--remove", v.id + "x", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--remove")) << o.err;
    EXPECT_TRUE(has(o.err, "did you mean \"" + v.id + "\"")) << o.err;
    const geo::Venue& m = first_venue(geo::Category::Museum);
    o = analyse({"--metric", "what_if", "--category", "pop", "--remove", m.id, "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "category museum")) << o.err;
    EXPECT_TRUE(has(o.err, "--category museum")) << o.err;
    o = analyse({"--metric", "what_if", "--add", "257000,471000", "--move", "2", "250000,470000", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "no what-if site \"2\"")) << o.err;
    o = analyse({"--metric", "what_if", "--out", "x"});
    EXPECT_EQ(o.code, 2);
    EXPECT_TRUE(has(o.err, "--remove ID")) << o.err;
}

// A user's venue file holding the catalogue's pop venues (GeoJSON, WGS84, as the catalogue's lon/lat) gives the same
// travel times as the catalogue; a mapped field the file lacks is refused naming the fields it has.
TEST(Analyse, AUserVenueFileOfTheCataloguePointsGivesTheSameTravelTimes) {
    const std::string dir = testing::TempDir() + "trekkaart-analyse-venues-" + std::to_string(::getpid());
    fs::create_directories(dir);
    const std::string file = dir + "/podia.geojson";
    {
        std::ofstream o(file);
        o << "{\"type\": \"FeatureCollection\", \"features\": [";
        int n = 0;
        char buf[256];
        for (const auto& v : data().venues) {
            if (v.category != geo::Category::Pop) continue;
            std::snprintf(buf, sizeof buf, "%s{\"type\": \"Feature\", \"properties\": {\"naam\": \"%s\", \"soort\": \"pop\"}, "
                          "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%.9f, %.9f]}}",
                          n++ ? ", " : "", v.id.c_str(), v.lon, v.lat);
            o << buf;
        }
        o << "]}";
        ASSERT_GE(n, 2);
    }
    Outcome o = analyse({"--metric", "travel_time", "--category", "pop", "--out", dir + "/cat", "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    o = analyse({"--metric", "travel_time", "--category", "pop", "--venues", file, "--name-field", "naam",
                 "--category-field", "soort", "--out", dir + "/mine", "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    const geo::GridF a = geo::read_geotiff(dir + "/cat.surface.tif"), b = geo::read_geotiff(dir + "/mine.surface.tif");
    ASSERT_EQ(a.v.size(), b.v.size());
    size_t differ = 0, finite = 0;
    for (size_t i = 0; i < a.v.size(); ++i) {
        if (std::isfinite(a.v[i])) ++finite;
        if (!(std::fabs(a.v[i] - b.v[i]) < 1e-3 || (std::isnan(a.v[i]) && std::isnan(b.v[i])))) ++differ;
    }
    EXPECT_GT(finite, 100000u);
    EXPECT_EQ(differ, 0u);
    // Extending instead: the same points twice change nothing either; a field that is not there is a data error.
    o = analyse({"--metric", "travel_time", "--venues", file, "--name-field", "name", "--out", dir + "/bad", "-q"});
    EXPECT_EQ(o.code, 1);
    EXPECT_TRUE(has(o.err, "name field \"name\"")) << o.err;
    EXPECT_TRUE(has(o.err, "naam, soort")) << o.err;
    fs::remove_all(dir);
}

// Issue 12: --zones. Enschede and Almelo each cut in a west and an east half (OGR intersections with the halves of
// their bounding boxes) and a zone near Amsterdam, outside the map's region: the halves' inhabitants add up to their
// municipality's CBS total within rounding, the far zone has 0 and a note, and both outputs hold the zones' rows
// (the GeoPackage with their polygons).
TEST(Analyse, ZonesThatCutMunicipalitiesInHalvesAddUpToTheirTotals) {
    const std::string dir = testing::TempDir() + "trekkaart-analyse-zones-" + std::to_string(::getpid());
    fs::create_directories(dir);
    const std::string file = dir + "/wijken.gpkg";
    std::map<std::string, double> cbs;  // name -> CBS inhabitants
    {
        geo::gdal_init();
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        Ds ds(drv->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        ASSERT_TRUE(ds);
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        OGRLayer* l = ds->CreateLayer("wijken", &rd, wkbMultiPolygon, nullptr);
        OGRFieldDefn fd("naam", OFTString);
        l->CreateField(&fd);
        auto add = [&](const std::string& name, const OGRGeometry& g) {
            OGRFeature f(l->GetLayerDefn());
            f.SetField("naam", name.c_str());
            f.SetGeometry(&g);
            ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
        };
        auto box = [](double x0, double y0, double x1, double y1) {
            OGRPolygon p;
            OGRLinearRing r;
            r.addPoint(x0, y0);
            r.addPoint(x1, y0);
            r.addPoint(x1, y1);
            r.addPoint(x0, y1);
            r.addPoint(x0, y0);
            p.addRing(&r);
            return p;
        };
        for (const auto& m : data().municipalities) {
            if (m.name != "Enschede" && m.name != "Almelo") continue;
            cbs[m.name] = m.cbs.inhabitants;
            OGRMultiPolygon mp;
            for (const geo::Polygon& poly : m.geom) {
                OGRPolygon p;
                for (const geo::Ring& ring : poly.rings) {
                    OGRLinearRing r;
                    for (const geo::P2& q : ring) r.addPoint(q.x, q.y);
                    r.closeRings();
                    p.addRing(&r);
                }
                mp.addGeometry(&p);
            }
            const double mid = 0.5 * (m.bbox.minx + m.bbox.maxx);
            const OGRPolygon west = box(m.bbox.minx - 10, m.bbox.miny - 10, mid, m.bbox.maxy + 10);
            const OGRPolygon east = box(mid, m.bbox.miny - 10, m.bbox.maxx + 10, m.bbox.maxy + 10);
            std::unique_ptr<OGRGeometry> w(mp.Intersection(&west)), e(mp.Intersection(&east));
            ASSERT_TRUE(w && e);
            add(m.name + " west", *w);
            add(m.name + " oost", *e);
        }
        add("Amsterdam", box(121000, 486000, 122000, 487000));
    }
    ASSERT_EQ(cbs.size(), 2u);
    Outcome o = analyse({"--metric", "travel_time", "--category", "pop", "--zones", file, "--zone-name-field", "naam",
                         "--out", dir + "/z", "-q"});
    ASSERT_EQ(o.code, 0) << o.err;
    const geo::CsvTable t = geo::read_csv(dir + "/z.figures.csv");
    ASSERT_EQ(t.rows.size(), 14u + 5u);
    const int name = t.require("name"), inh = t.require("inhabitants"), note = t.require("note"), zones = t.require("zones");
    std::map<std::string, double> sum;
    for (const auto& r : t.rows) {
        if (r.fields[size_t(zones)].empty()) continue;
        EXPECT_EQ(r.fields[size_t(zones)], "wijken");
        const std::string& n = r.fields[size_t(name)];
        if (n == "Amsterdam") {
            EXPECT_EQ(r.fields[size_t(inh)], "0");
            EXPECT_TRUE(has(r.fields[size_t(note)], "zone outside the map's region")) << r.fields[size_t(note)];
            continue;
        }
        sum[n.substr(0, n.find(' '))] += std::stod(r.fields[size_t(inh)]);
    }
    for (const auto& [m, total] : cbs) EXPECT_NEAR(sum[m], total, 1.5) << m;  // two rounded halves
    Ds ds = open(dir + "/z.figures.gpkg", GDAL_OF_VECTOR);
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayerByName("figures");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->GetFeatureCount(), 19);
    l->ResetReading();
    int with_polygon = 0;
    while (OGRFeature* f = l->GetNextFeature()) {
        with_polygon += f->GetGeometryRef() && !f->GetGeometryRef()->IsEmpty();
        OGRFeature::DestroyFeature(f);
    }
    EXPECT_EQ(with_polygon, 19);
    // A point layer as zones is refused naming it.
    o = analyse({"--metric", "travel_time", "--zones", std::string(TREKKAART_TEST_DATA) + "/osm/station.osm.pbf,points",
                 "--out", dir + "/bad", "-q"});
    EXPECT_EQ(o.code, 1);
    EXPECT_TRUE(has(o.err, "--zones: ")) << o.err;
    EXPECT_TRUE(has(o.err, "no polygons: zones need a polygon layer (this one holds points)")) << o.err;
    fs::remove_all(dir);
}
