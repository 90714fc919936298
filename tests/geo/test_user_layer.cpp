// The user's own layers (issue 12): each format is written by GDAL in the test, with one known feature --
// Enschede station, RD (257619, 471544) in NWB-Spoorwegen (data/nwb_treinstations_2011_region.geojson keeps it
// in WGS84 as lon 6.88907038579159, lat 52.2224117972197) -- stored in WGS84, UTM 32N or Web Mercator, and read
// back through read_user_layer into RD (±1 m: without the RDNAPTRANS grid PROJ's Helmert transform is ~1 m).
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cpl_conv.h>

#include <cstdlib>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo/core/error.h"
#include "geo/io/user_layer.h"
#include "geo/travel/network.h"

namespace fs = std::filesystem;
using namespace geo;

namespace {

constexpr double kStationX = 257619, kStationY = 471544;            // RD
constexpr double kLon = 6.88907038579159, kLat = 52.2224117972197;  // WGS84
constexpr double kUtmE = 355810.929098951, kUtmN = 5787875.78352542;  // EPSG:25832 (gdaltransform)
constexpr double kMercX = 766887.807385341, kMercY = 6840440.69750967;  // EPSG:3857 (gdaltransform)

const BBox kRegion{200000, 420000, 300000, 520000};  // Twente and 40 km around it, roughly

struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "trekkaart-userlayer-XXXXXX").string();
        path = ::mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return (path / name).string();
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// Writes one layer "stations" with the station as a point in the CRS `epsg` at (x, y), and the fields
// naam = "Enschede" and soort = "intercity". Returns the path.
std::string write_station(const std::string& driver, const std::string& path, int epsg, double x, double y,
                          const std::vector<std::string>& lco = {}) {
    gdal_init();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (!drv) throw std::runtime_error("no GDAL driver " + driver);
    GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds) throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    CPLStringList opts;
    for (const auto& o : lco) opts.AddString(o.c_str());
    OGRLayer* l = ds->CreateLayer("stations", &srs, wkbPoint, opts.List());
    OGRFieldDefn naam("naam", OFTString), soort("soort", OFTString);
    l->CreateField(&naam);
    l->CreateField(&soort);
    OGRFeature* f = OGRFeature::CreateFeature(l->GetLayerDefn());
    f->SetField("naam", "Enschede");
    f->SetField("soort", "intercity");
    OGRPoint p(x, y);
    f->SetGeometry(&p);
    EXPECT_EQ(l->CreateFeature(f), OGRERR_NONE);
    OGRFeature::DestroyFeature(f);
    GDALClose(ds);
    return path;
}

void expect_station(const UserLayer& u, const std::string& what) {
    ASSERT_EQ(u.data.features.size(), 1u) << what;
    const Feature& f = u.data.features[0];
    ASSERT_EQ(f.points.size(), 1u) << what;
    EXPECT_NEAR(f.points[0].x, kStationX, 1.0) << what;
    EXPECT_NEAR(f.points[0].y, kStationY, 1.0) << what;
    EXPECT_EQ(f.get("naam"), "Enschede") << what;
    EXPECT_EQ(f.get("soort"), "intercity") << what;
    EXPECT_EQ(u.kind, GeomKind::Points) << what;
}

UserLayer read(const std::string& spec) {
    UserLayerOptions o;
    o.region = kRegion;
    return read_user_layer(spec, o);
}

// The message of the DataError read_user_layer throws for spec ("" when it reads).
std::string error_of(const std::string& spec) {
    try {
        read(spec);
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(UserLayer, GeoPackageInUtm32IsPlacedInRd) {
    TempDir t;
    UserLayer u = read(write_station("GPKG", t / "s.gpkg", 25832, kUtmE, kUtmN));
    expect_station(u, "gpkg");
    EXPECT_EQ(u.name, "s");
    EXPECT_EQ(u.data.fields, (std::vector<std::string>{"naam", "soort"}));
}

TEST(UserLayer, GeoJsonInWgs84) {
    TempDir t;
    expect_station(read(write_station("GeoJSON", t / "s.geojson", 4326, kLon, kLat)), "geojson");
}

TEST(UserLayer, ShapefileInWebMercatorAlsoZipped) {
    TempDir t;
    fs::create_directory(t.path / "shp");
    write_station("ESRI Shapefile", t / "shp/stations.shp", 3857, kMercX, kMercY);
    expect_station(read(t / "shp/stations.shp"), "shp");
    // The same shapefile zipped: read through /vsizip/.
    const std::string zip = t / "stations.zip";
    void* z = CPLCreateZip(zip.c_str(), nullptr);
    ASSERT_NE(z, nullptr);
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        std::ifstream in(t.path / "shp" / (std::string("stations") + ext), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ASSERT_FALSE(bytes.empty()) << ext;
        ASSERT_EQ(CPLCreateFileInZip(z, (std::string("stations") + ext).c_str(), nullptr), CE_None);
        ASSERT_EQ(CPLWriteFileInZip(z, bytes.data(), int(bytes.size())), CE_None);
        CPLCloseFileInZip(z);
    }
    ASSERT_EQ(CPLCloseZip(z), CE_None);
    expect_station(read("/vsizip/" + zip + "/stations.shp"), "zipped shp");
    // A zip of one shapefile opens without naming the file inside, as GDAL does.
    expect_station(read("/vsizip/" + zip), "zip");
}

TEST(UserLayer, FlatGeobufAndKml) {
    TempDir t;
    expect_station(read(write_station("FlatGeobuf", t / "s.fgb", 25832, kUtmE, kUtmN)), "fgb");
    // KML has no attribute types of its own: the fields travel as ExtendedData.
    expect_station(read(write_station("KML", t / "s.kml", 4326, kLon, kLat)), "kml");
}

TEST(UserLayer, CsvWithLonLatXyOrWktColumns) {
    TempDir t;
    char row[200];
    std::snprintf(row, sizeof row, "%.14f,%.13f", kLon, kLat);
    expect_station(read(t.file("a.csv", std::string("naam,lon,lat,soort\nEnschede,") + row + ",intercity\n")),
                   "csv lon/lat");
    expect_station(read(t.file("b.csv", std::string("naam,Longitude,Latitude,soort\nEnschede,") + row +
                                             ",intercity\n")),
                   "csv longitude/latitude");
    // X/Y in RD metres: recognised as RD by their range.
    UserLayer rd = read(t.file("c.csv", "naam,X,Y,soort\nEnschede,257619,471544,intercity\n"));
    expect_station(rd, "csv x/y rd");
    ASSERT_FALSE(rd.data.warnings.empty());
    EXPECT_NE(rd.data.warnings[0].find("read as RD New metres (EPSG:28992)"), std::string::npos);
    std::snprintf(row, sizeof row, "\"POINT (%.14f %.13f)\"", kLon, kLat);
    UserLayer wkt = read(t.file("d.csv", std::string("naam,soort,wkt\nEnschede,intercity,") + row + "\n"));
    expect_station(wkt, "csv wkt");
    EXPECT_EQ(wkt.data.fields, (std::vector<std::string>{"naam", "soort"}));  // the WKT column is the geometry
}

TEST(UserLayer, OsmXmlPointsLinesAndAreas) {
    TempDir t;
    char node[200];
    std::snprintf(node, sizeof node, "<node id=\"1\" lat=\"%.13f\" lon=\"%.14f\" version=\"1\">", kLat, kLon);
    const std::string osm = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n") + node +
                            "<tag k=\"name\" v=\"Enschede\"/><tag k=\"railway\" v=\"station\"/></node>\n"
                            "<node id=\"2\" lat=\"52.2230\" lon=\"6.8900\" version=\"1\"/>\n"
                            "<node id=\"3\" lat=\"52.2230\" lon=\"6.8910\" version=\"1\"/>\n"
                            "<node id=\"4\" lat=\"52.2240\" lon=\"6.8910\" version=\"1\"/>\n"
                            "<way id=\"10\" version=\"1\"><nd ref=\"2\"/><nd ref=\"3\"/>"
                            "<tag k=\"highway\" v=\"residential\"/><tag k=\"name\" v=\"Stationsplein\"/></way>\n"
                            "<way id=\"11\" version=\"1\"><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"4\"/><nd ref=\"2\"/>"
                            "<tag k=\"building\" v=\"yes\"/><tag k=\"name\" v=\"Hal\"/></way>\n</osm>\n";
    UserLayer u = read(t.file("station.osm", osm));
    EXPECT_EQ(u.kind, GeomKind::Mixed);
    EXPECT_EQ(u.point_count, 1u);
    EXPECT_EQ(u.line_count, 1u);
    EXPECT_EQ(u.polygon_count, 1u);
    const Feature* station = nullptr;
    for (const auto& f : u.data.features)
        if (!f.points.empty()) station = &f;
    ASSERT_NE(station, nullptr);
    EXPECT_NEAR(station->points[0].x, kStationX, 1.0);
    EXPECT_NEAR(station->points[0].y, kStationY, 1.0);
    EXPECT_EQ(station->get("name"), "Enschede");
    // One layer of the file by name: only the lines.
    UserLayer lines = read(t / "station.osm" + ",lines");
    EXPECT_EQ(lines.kind, GeomKind::Lines);
    ASSERT_EQ(lines.data.features.size(), 1u);
    EXPECT_EQ(lines.data.features[0].get("name"), "Stationsplein");
    EXPECT_EQ(lines.name, "lines");
}

// OSM PBF (issue 12): the committed fixture tests/data/osm/station.osm.pbf (scripts/make_osm_fixture makes it from
// station.osm with osmium-tool) through the same GDAL driver as XML: the station node within 1 m, as a user layer
// and as the road network of --roads (its way Stationsplein starts at the station's node).
TEST(UserLayer, OsmPbfStationAsALayerAndAsRoads) {
    const std::string pbf = std::string(TREKKAART_TEST_DATA) + "/osm/station.osm.pbf";
    ASSERT_TRUE(fs::exists(pbf)) << pbf;
    UserLayer u = read(pbf);
    EXPECT_EQ(u.kind, GeomKind::Mixed);
    EXPECT_EQ(u.point_count, 1u);
    EXPECT_EQ(u.line_count, 1u);
    EXPECT_EQ(u.polygon_count, 1u);
    const Feature* station = nullptr;
    for (const auto& f : u.data.features)
        if (!f.points.empty()) station = &f;
    ASSERT_NE(station, nullptr);
    EXPECT_NEAR(station->points[0].x, kStationX, 1.0);
    EXPECT_NEAR(station->points[0].y, kStationY, 1.0);
    EXPECT_EQ(station->get("name"), "Enschede");
    UserLayer points = read(pbf + ",points");
    EXPECT_EQ(points.kind, GeomKind::Points);
    ASSERT_EQ(points.data.features.size(), 1u);
    // --roads FILE.osm.pbf (geo::read_roads): one residential road from the station.
    const RoadLayer roads = read_roads(pbf);
    ASSERT_EQ(roads.roads.size(), 1u);
    EXPECT_EQ(roads.roads[0].cls, road_class_from_key("residential"));
    ASSERT_EQ(roads.roads[0].line.size(), 3u);
    EXPECT_NEAR(roads.roads[0].line[0].x, kStationX, 1.0);
    EXPECT_NEAR(roads.roads[0].line[0].y, kStationY, 1.0);
    // The same lines read as a user layer make the same road network (the window's "use as road network").
    UserLayer lines = read(pbf + ",lines");
    const RoadLayer mine = roads_from_vector(lines.data, lines.spec);
    ASSERT_EQ(mine.roads.size(), 1u);
    EXPECT_EQ(mine.roads[0].cls, roads.roads[0].cls);
    EXPECT_NEAR(mine.roads[0].line[0].x, roads.roads[0].line[0].x, 1e-6);
    // A class field the layer lacks is named with the fields it has.
    try {
        roads_from_vector(lines.data, lines.spec, "wegtype");
        ADD_FAILURE() << "no error for a missing class field";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("road class field 'wegtype' is not in layer 'lines'"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("highway"), std::string::npos) << e.what();
    }
}

TEST(UserLayer, PolygonsAndLinesKeepTheirShape) {
    TempDir t;
    // A 1 km square in RD with a hole, and a line, in one GeoJSON (RD, named by its crs member).
    const std::string path = t.file(
        "shapes.geojson",
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},
"features":[
{"type":"Feature","properties":{"wijk":"Centrum","inwoners":1200},"geometry":{"type":"Polygon","coordinates":[
 [[257000,471000],[258000,471000],[258000,472000],[257000,472000],[257000,471000]],
 [[257400,471400],[257600,471400],[257600,471600],[257400,471600],[257400,471400]]]}},
{"type":"Feature","properties":{"wijk":"Spoor","inwoners":null},"geometry":{"type":"LineString","coordinates":[[257000,471000],[258500,471500]]}}
]})");
    UserLayer u = read(path);
    EXPECT_EQ(u.kind, GeomKind::Mixed);
    ASSERT_EQ(u.data.features.size(), 2u);
    const Feature& sq = u.data.features[0];
    ASSERT_EQ(sq.polys.size(), 1u);
    ASSERT_EQ(sq.polys[0].rings.size(), 2u);
    EXPECT_NEAR(multipolygon_area(sq.polys), 1e6 - 4e4, 1e-6);
    EXPECT_EQ(sq.get("inwoners"), "1200");
    ASSERT_EQ(u.data.features[1].lines.size(), 1u);
    EXPECT_NEAR(u.data.features[1].lines[0][1].x, 258500, 1e-9);
    EXPECT_EQ(u.data.features[1].get("inwoners"), "");  // null stays empty
}

TEST(UserLayer, LayerSpecSplitsPathAndLayer) {
    EXPECT_EQ(parse_layer_spec("a.gpkg").path, "a.gpkg");
    EXPECT_EQ(parse_layer_spec("a.gpkg,wijken").path, "a.gpkg");
    EXPECT_EQ(parse_layer_spec("a.gpkg,wijken").layer, "wijken");
    EXPECT_EQ(parse_layer_spec("PG:dbname=gis host=localhost,public.scholen").path, "PG:dbname=gis host=localhost");
    EXPECT_EQ(parse_layer_spec("PG:dbname=gis host=localhost,public.scholen").layer, "public.scholen");
    EXPECT_EQ(parse_layer_spec("a,b/c.gpkg").path, "a,b/c.gpkg");  // a comma in a folder name
    EXPECT_EQ(parse_layer_spec("a,b/c.gpkg").layer, "");
    EXPECT_EQ(mask_password("PG:dbname=gis password=geheim user=me"), "PG:dbname=gis password=*** user=me");
    EXPECT_EQ(mask_password("PG:password='a b' host=x"), "PG:password=*** host=x");
}

TEST(UserLayer, ProgressIsReportedAndCancelStops) {
    TempDir t;
    // 10,000 points: the progress callback runs every 4096 features.
    std::string csv = "naam,lon,lat\n";
    for (int i = 0; i < 10000; ++i) csv += "p" + std::to_string(i) + ",6.89,52.22\n";
    const std::string path = t.file("many.csv", csv);
    std::vector<double> seen;
    UserLayerOptions o;
    o.region = kRegion;
    o.progress = [&](double f) {
        seen.push_back(f);
        return true;
    };
    UserLayer u = read_user_layer(path, o);
    EXPECT_EQ(u.data.features.size(), 10000u);
    EXPECT_EQ(seen.size(), 2u);  // after 4096 and 8192 features
    o.progress = [](double) { return false; };
    try {
        read_user_layer(path, o);
        ADD_FAILURE() << "not cancelled";
    } catch (const LoadCancelled& e) {
        EXPECT_NE(std::string(e.what()).find(path + ": loading cancelled"), std::string::npos) << e.what();
    }
}

// ---- What is refused, and how it is said --------------------------------------------------------------------

TEST(UserLayerErrors, NoCrsSaysHowToSetOne) {
    TempDir t;
    const std::string shp = write_station("ESRI Shapefile", t / "nocrs.shp", 28992, kStationX, kStationY);
    fs::remove(t.path / "nocrs.prj");
    const std::string e = error_of(shp);
    EXPECT_NE(e.find(shp), std::string::npos) << e;
    EXPECT_NE(e.find("has no coordinate reference system"), std::string::npos) << e;
    EXPECT_NE(e.find("ogr2ogr -a_srs"), std::string::npos) << e;
    // A CSV whose numbers are neither degrees nor RD metres.
    const std::string csv = t.file("merc.csv", "naam,x,y\nEnschede,766887.8,6840440.7\n");
    const std::string e2 = error_of(csv);
    EXPECT_NE(e2.find(csv + ": a CSV has no coordinate reference system"), std::string::npos) << e2;
    EXPECT_NE(e2.find("ogr2ogr -a_srs"), std::string::npos) << e2;
}

TEST(UserLayerErrors, SwappedLatLonCsvIsNamed) {
    TempDir t;
    char row[200];
    std::snprintf(row, sizeof row, "Enschede,%.13f,%.14f\n", kLat, kLon);  // lat in the lon column
    const std::string csv = t.file("swapped.csv", std::string("naam,lon,lat\n") + row);
    const std::string e = error_of(csv);
    EXPECT_NE(e.find(csv + ": latitude and longitude look swapped"), std::string::npos) << e;
}

TEST(UserLayerErrors, OutsideTheRegionEmptyMissingFolderUnreadable) {
    TempDir t;
    // Amsterdam: a real place, but not on this map.
    const std::string ams = write_station("GeoJSON", t / "ams.geojson", 4326, 4.90, 52.37);
    std::string e = error_of(ams);
    EXPECT_NE(e.find(ams + ": lies outside the map's region"), std::string::npos) << e;
    EXPECT_NE(e.find("lon 4.90, lat 52.37"), std::string::npos) << e;

    const std::string empty = t.file("empty.csv", "naam,lon,lat\n");
    e = error_of(empty);
    EXPECT_NE(e.find(empty + ": holds no features"), std::string::npos) << e;

    const std::string nogeom = t.file("nogeom.csv", "naam,plaats\nbieb,Hengelo\n");
    e = error_of(nogeom);
    EXPECT_NE(e.find(nogeom + ": has 1 features but none with a geometry"), std::string::npos) << e;
    EXPECT_NE(e.find("WKT column"), std::string::npos) << e;

    e = error_of(t / "missing.gpkg");
    EXPECT_NE(e.find(t / "missing.gpkg" + ": file not found"), std::string::npos) << e;

    write_station("GeoJSON", t / "in_folder.geojson", 4326, kLon, kLat);
    e = error_of(t.path.string());
    EXPECT_NE(e.find(t.path.string() + ": is a folder, not a file"), std::string::npos) << e;
    EXPECT_NE(e.find("in_folder.geojson"), std::string::npos) << e;

    const std::string png = t.file("picture.png", "\x89PNG\r\n\x1a\n not really");
    e = error_of(png);
    EXPECT_NE(e.find(png + ": GDAL cannot open it as a vector dataset"), std::string::npos) << e;

    const std::string gpkg = write_station("GPKG", t / "one.gpkg", 4326, kLon, kLat);
    e = error_of(gpkg + ",scholen");
    EXPECT_NE(e.find(gpkg + ": has no layer 'scholen' (layers: stations)"), std::string::npos) << e;
}

TEST(UserLayerErrors, ConnectionPasswordIsNeverShown) {
    const std::string e = error_of("PG:host=127.0.0.1 port=1 dbname=nope user=me password=geheim,tabel");
    EXPECT_EQ(e.find("geheim"), std::string::npos) << e;
    EXPECT_NE(e.find("password=***"), std::string::npos) << e;
    EXPECT_NE(e.find("GDAL cannot open it"), std::string::npos) << e;
}
