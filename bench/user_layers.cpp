// User layers at scale (issue 12): writes N points (default 1,000,000) spread over Twente as a FlatGeobuf in
// WGS84 and M squares (default 100,000) as a GeoPackage in RD, reads each through geo::read_user_layer (with the
// progress callback), then renders 1920x1080 frames with the layer, single symbol and categorized, through the
// window's pan cache (median of 30 panning frames), all of Twente in view and zoomed in to a city (4 m/px), and
// times the hover hit test through the layer's grid index against trying every feature.
// Run: build/bench/bench_user_layers [N] [M]. README: Your own data.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "geo/io/user_layer.h"
#include "viewer/model/user_style.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/map_renderer.h"

using Clock = std::chrono::steady_clock;
static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

static void write_layer(const std::string& path, const char* driver, int epsg, long n, bool squares) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
    GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* l = ds->CreateLayer("bench", &srs, squares ? wkbPolygon : wkbPoint, nullptr);
    OGRFieldDefn soort("soort", OFTString);
    auto check = [&](OGRErr e, const char* what) {
        if (e != OGRERR_NONE) {
            std::fprintf(stderr, "bench_user_layers: %s failed on %s\n", what, path.c_str());
            std::exit(1);
        }
    };
    check(l->CreateField(&soort), "CreateField");
    std::mt19937 rng(12);
    std::uniform_real_distribution<double> ux(0, 1), uy(0, 1);
    check(l->StartTransaction(), "StartTransaction");
    for (long i = 0; i < n; ++i) {
        OGRFeature f(l->GetLayerDefn());
        f.SetField("soort", ("k" + std::to_string(i % 7)).c_str());
        if (squares) {
            const double x = 225000 + 60000 * ux(rng), y = 445000 + 50000 * uy(rng);
            OGRLinearRing r;
            for (auto [dx, dy] : {std::pair{0, 0}, {80, 0}, {80, 80}, {0, 80}, {0, 0}}) r.addPoint(x + dx, y + dy);
            OGRPolygon p;
            p.addRing(&r);
            f.SetGeometry(&p);
        } else {
            OGRPoint p(6.4 + 0.8 * ux(rng), 52.05 + 0.45 * uy(rng));
            f.SetGeometry(&p);
        }
        check(l->CreateFeature(&f), "CreateFeature");
    }
    check(l->CommitTransaction(), "CommitTransaction");
    GDALClose(ds);
}

// mpp > 0: zoomed in to that scale around Enschede; else all of Twente in view.
static void frames(viewer::MapRenderer& r, const geo::Dataset& data, viewer::MapView v, const char* what, double mpp = 0) {
    const int W = 1920, H = 1080;
    viewer::RenderTarget rt;
    if (!rt.create(W, H, 0)) {
        std::fprintf(stderr, "bench_user_layers: cannot allocate a %dx%d target\n", W, H);
        std::exit(1);
    }
    rt.bind();
    v.cam.w = W;
    v.cam.h = H;
    v.cam.fit(data.twente_bbox, 24);
    if (mpp > 0) {
        v.cam.mpp = mpp;
        v.cam.centre = {257000, 471500};
    }
    viewer::BaseCache cache;
    viewer::RenderOptions o;
    o.cache = &cache;
    auto t = Clock::now();
    r.render(v, o);
    glFinish();
    const double first = ms_since(t);
    std::vector<double> ft;
    for (int i = 0; i < 30; ++i) {
        v.cam.pan_pixels(7, 3);
        t = Clock::now();
        r.render(v, o);
        glFinish();
        ft.push_back(ms_since(t));
    }
    std::sort(ft.begin(), ft.end());
    const auto& dens = r.last_density_layers();
    std::printf("%s%s: first frame (upload) %.0f ms, panning median %.1f ms (%.0f fps), p90 %.1f ms; %s\n", what,
                mpp > 0 ? ", zoomed in" : ", all of Twente", first, ft[ft.size() / 2], 1000 / ft[ft.size() / 2],
                ft[ft.size() * 9 / 10], v.user_layers.empty() ? "no user layer" : dens.empty() ? "any points as symbols" : "points as a density raster");
    if (v.user_layers.empty()) return;  // the map alone (the baseline)
    // Hover: the hit test at 2000 cursor positions over the view, through the index and trying every feature.
    const auto& e = v.user_layers[0];
    viewer::UserLayerEntry brute = e;
    brute.index = nullptr;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> ux(0, W), uy(0, H);
    double t_ix = 0, t_all = 0;
    int same = 0, hits = 0;
    for (int i = 0; i < 2000; ++i) {
        const geo::P2 px{ux(rng), uy(rng)};
        auto t0 = Clock::now();
        const viewer::UserPick a = viewer::pick_user_feature({e}, v.cam, px, 1);
        t_ix += ms_since(t0);
        if (i < 200) {  // the slow way on a tenth of them
            t0 = Clock::now();
            const viewer::UserPick b = viewer::pick_user_feature({brute}, v.cam, px, 1);
            t_all += ms_since(t0);
            same += a.layer == b.layer && (a.layer < 0 || a.feature == b.feature);
        }
        hits += a.layer >= 0;
    }
    std::printf("  hover hit test: %.3f ms through the index, %.1f ms trying every feature (%d of 200 the same; %d hits of 2000)\n",
                t_ix / 2000, t_all / 200, same, hits);
}

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 1000000, m = argc > 2 ? std::atol(argv[2]) : 100000;
    if (!std::getenv("DISPLAY")) setenv("SDL_VIDEODRIVER", "offscreen", 0);
    geo::gdal_init();
    geo::Dataset data = geo::load_dataset();
    const std::string dir = (std::filesystem::temp_directory_path() / "trekkaart-bench-layers").string();
    std::filesystem::create_directories(dir);
    viewer::GLContext ctx;
    viewer::MapRenderer renderer(data);
    frames(renderer, data, viewer::MapView{}, "the map alone (baseline)");
    frames(renderer, data, viewer::MapView{}, "the map alone (baseline)", 4);
    for (int kind = 0; kind < 2; ++kind) {
        const bool squares = kind == 1;
        const std::string path = dir + (squares ? "/squares.gpkg" : "/points.fgb");
        auto t = Clock::now();
        write_layer(path, squares ? "GPKG" : "FlatGeobuf", squares ? 28992 : 4326, squares ? m : n, squares);
        std::printf("%s: %ld features written in %.0f ms\n", path.c_str(), squares ? m : n, ms_since(t));
        geo::UserLayerOptions o;
        o.region = data.region_bbox;
        int calls = 0;
        o.progress = [&](double) { return ++calls > 0; };
        t = Clock::now();
        auto l = std::make_shared<geo::UserLayer>(geo::read_user_layer(path, o));
        std::printf("read_user_layer: %zu features in %.0f ms (%d progress calls)\n", l->data.features.size(),
                    ms_since(t), calls);
        viewer::MapView v;
        viewer::UserLayerEntry e{l, viewer::default_user_style(*l, 0), 1 + kind * 2};
        t = Clock::now();
        e.index = viewer::UserFeatureIndex::build(*l);
        std::printf("hover index: %d x %d cells in %.0f ms\n", e.index->nx, e.index->ny, ms_since(t));
        v.user_layers = {e};
        frames(renderer, data, v, squares ? "squares, single symbol" : "points, single symbol");
        v.user_layers[0].style.kind = viewer::UserStyleKind::Categorized;
        v.user_layers[0].style.field = "soort";
        v.user_layers[0].id = 2 + kind * 2;
        frames(renderer, data, v, squares ? "squares, categorized (7 classes)" : "points, categorized (7 classes)");
        frames(renderer, data, v, squares ? "squares, categorized (7 classes)" : "points, categorized (7 classes)", 4);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
