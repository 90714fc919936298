// A project folder for the project-file tests (issue 12): data/scholen.gpkg (three points, fields naam and soort)
// and data/wijken.gpkg (two 600 m squares, fields wijk and inwoners), written by GDAL in RD New, around Enschede.
#pragma once
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "geo/io/vector_io.h"

namespace project_test {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& stem = "trekkaart-project") {
        std::string t = (fs::temp_directory_path() / (stem + "-XXXXXX")).string();
        path = ::mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

struct Point {
    geo::P2 p;
    const char* naam;
    const char* soort;
};
inline const std::vector<Point>& school_points() {
    static const std::vector<Point> v = {{{256200, 471500}, "Het Stedelijk", "school"},
                                         {{256600, 471000}, "Bibliotheek", "bibliotheek"},
                                         {{257800, 472200}, "De Zuid", "school"}};
    return v;
}

// Writes both layers under dir/data/; returns false when GDAL could not.
inline bool write_project_data(const fs::path& dir) {
    geo::gdal_init();
    fs::create_directories(dir / "data");
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) return false;
    OGRSpatialReference srs;
    srs.importFromEPSG(28992);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    {
        GDALDataset* ds = drv->Create((dir / "data" / "scholen.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!ds) return false;
        OGRLayer* l = ds->CreateLayer("scholen", &srs, wkbPoint, nullptr);
        OGRFieldDefn naam("naam", OFTString), soort("soort", OFTString);
        l->CreateField(&naam);
        l->CreateField(&soort);
        for (const Point& pt : school_points()) {
            OGRFeature* f = OGRFeature::CreateFeature(l->GetLayerDefn());
            f->SetField("naam", pt.naam);
            f->SetField("soort", pt.soort);
            OGRPoint g(pt.p.x, pt.p.y);
            f->SetGeometry(&g);
            const bool ok = l->CreateFeature(f) == OGRERR_NONE;
            OGRFeature::DestroyFeature(f);
            if (!ok) return false;
        }
        GDALClose(ds);
    }
    {
        GDALDataset* ds = drv->Create((dir / "data" / "wijken.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!ds) return false;
        OGRLayer* l = ds->CreateLayer("wijken", &srs, wkbPolygon, nullptr);
        OGRFieldDefn wijk("wijk", OFTString), inw("inwoners", OFTInteger);
        l->CreateField(&wijk);
        l->CreateField(&inw);
        auto square = [&](geo::P2 c, const char* name, int n) {
            OGRFeature* f = OGRFeature::CreateFeature(l->GetLayerDefn());
            f->SetField("wijk", name);
            f->SetField("inwoners", n);
            OGRLinearRing r;
            r.addPoint(c.x - 300, c.y - 300);
            r.addPoint(c.x + 300, c.y - 300);
            r.addPoint(c.x + 300, c.y + 300);
            r.addPoint(c.x - 300, c.y + 300);
            r.closeRings();
            OGRPolygon poly;
            poly.addRing(&r);
            f->SetGeometry(&poly);
            const bool ok = l->CreateFeature(f) == OGRERR_NONE;
            OGRFeature::DestroyFeature(f);
            return ok;
        };
        const bool ok = square({256300, 472500}, "Noord", 1000) && square({257700, 470500}, "Zuid", 9000);
        GDALClose(ds);
        if (!ok) return false;
    }
    return true;
}

}  // namespace project_test
