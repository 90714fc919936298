// The viewer side of the bad-input corpus (tests/data/bad/MANIFEST.tsv): scenes files through the real scenes
// reader, and self-intersecting / degenerate polygons through the tessellator and the renderer (no crash, and
// the even-odd fill the readers promise).
#include <SDL.h>
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <functional>
#include <random>
#include <set>
#include <thread>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geo/core/types.h"
#include "geo/io/dataset.h"
#include "geo/io/vector_io.h"
#include "geo/io/venue_edits.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/candidates.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/map_renderer.h"
#include "viewer/render/offscreen.h"
#include "viewer/model/scenes.h"
#include "viewer/render/tessellate.h"

using namespace viewer;
using geo::P2;
namespace fs = std::filesystem;

namespace {

const std::string kBad = std::string(TREKKAART_TEST_DATA) + "/bad/";

// Total area of a triangle list (x,y floats, 3 vertices per triangle).
double triangles_area(const std::vector<float>& t) {
    double a = 0;
    for (size_t i = 0; i + 5 < t.size(); i += 6)
        a += std::abs((t[i + 2] - t[i]) * (t[i + 5] - t[i + 1]) - (t[i + 4] - t[i]) * (t[i + 3] - t[i + 1])) / 2;
    return a;
}

geo::MultiPolygon bow_tie(P2 o, double s) {
    // (0,0)-(2,2)-(2,0)-(0,2) scaled by s: a left and a right triangle touching at (1,1), each of area s².
    geo::Polygon p;
    p.rings.push_back({{o.x, o.y}, {o.x + 2 * s, o.y + 2 * s}, {o.x + 2 * s, o.y}, {o.x, o.y + 2 * s}});
    return {p};
}

// Rows of MANIFEST.tsv for one reader: {file, expected parts}.
std::vector<std::pair<std::string, std::vector<std::string>>> manifest_rows(const std::string& reader) {
    std::ifstream in(kBad + "MANIFEST.tsv");
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::istringstream ls(line);
        for (std::string c; std::getline(ls, c, '\t');) cols.push_back(c);
        EXPECT_EQ(cols.size(), 4u) << line;
        if (cols.size() != 4 || cols[1] != reader) continue;
        EXPECT_EQ(cols[2], "error") << line;
        std::vector<std::string> parts;
        std::istringstream ps(cols[3]);
        for (std::string part; std::getline(ps, part, '|');) parts.push_back(part);
        out.push_back({cols[0], parts});
    }
    return out;
}

}  // namespace

// ---- Scenes and candidates files of the corpus ----------------------------------------------------------------

TEST(BadInputViewer, CandidatesFilesOfTheCorpusGiveAClearError) {
    auto rows = manifest_rows("candidates");
    EXPECT_EQ(rows.size(), 3u);
    for (const auto& [file, parts] : rows) {
        const std::string path = kBad + file;
        try {
            read_candidates(path);
            ADD_FAILURE() << file << " was accepted";
        } catch (const geo::DataError& e) {
            const std::string msg = e.what();
            std::printf("[ message  ] %s\n", msg.c_str());
            EXPECT_EQ(e.file, path);
            for (const auto& part : parts) EXPECT_NE(msg.find(part), std::string::npos) << "missing '" << part << "' in " << msg;
        } catch (const std::exception& e) {
            ADD_FAILURE() << file << ": not a DataError naming the file: " << e.what();
        }
    }
}

TEST(BadInputViewer, ScenesFilesOfTheCorpusGiveFileLineAndColumn) {
    int checked = 0;
    for (const auto& [file, parts] : manifest_rows("scenes")) {
        const std::string path = kBad + file;
        try {
            load_deck(path);
            ADD_FAILURE() << file << " was accepted";
        } catch (const SceneError& e) {
            const std::string msg = e.what();
            std::printf("[ message  ] %s\n", msg.c_str());
            EXPECT_NE(msg.find(path), std::string::npos) << msg;
            EXPECT_GT(e.line, 0) << msg;
            for (const auto& part : parts) EXPECT_NE(msg.find(part), std::string::npos) << "missing '" << part << "' in " << msg;
        }
        ++checked;
    }
    EXPECT_EQ(checked, 2);
}

TEST(BadInputViewer, ScenesParserSurvivesGarbage) {
    // Not JSON at all, binary, a lone surrogate escape, a number overflowing double: errors, never crashes.
    const std::string texts[] = {std::string("\x89PNG\r\n\x1a\n\0\0", 10), "{\"trekkaart_scenes\": 1e999}",
                                 "{\"title\": \"\\ud800\"}", "[", "\"", std::string(100000, '[')};
    for (const auto& t : texts) {
        try {
            parse_deck(t, "garbage.json");
            ADD_FAILURE() << "accepted: " << t.substr(0, 40);
        } catch (const SceneError& e) {
            EXPECT_EQ(std::string(e.what()).rfind("garbage.json:", 0), 0u) << e.what();
        }
    }
}

// ---- Self-intersecting and degenerate polygons ---------------------------------------------------------------

TEST(BadInputViewer, BowTieTessellatesToItsTwoTriangles) {
    std::vector<float> tri;
    tessellate(bow_tie({1000, 2000}, 10), {1000, 2000}, tri);
    ASSERT_EQ(tri.size() % 6, 0u);
    EXPECT_GE(tri.size() / 6, 2u);
    EXPECT_NEAR(triangles_area(tri), 200.0, 1e-3);  // two triangles of 10² each; nothing between them
    // Every triangle lies in the left or right half (centroid x < 10 or > 10), none covers the gap above or
    // below the crossing.
    for (size_t i = 0; i + 5 < tri.size(); i += 6) {
        const double cx = (tri[i] + tri[i + 2] + tri[i + 4]) / 3, cy = (tri[i + 1] + tri[i + 3] + tri[i + 5]) / 3;
        EXPECT_TRUE(geo::point_in_multipolygon(bow_tie({0, 0}, 10), {cx, cy})) << cx << "," << cy;
    }
}

TEST(BadInputViewer, CorpusSelfIntersectingPolygonTessellates) {
    geo::VectorLayer l = geo::read_vector(kBad + "self_intersecting.geojson");
    ASSERT_EQ(l.features.size(), 1u);
    const geo::MultiPolygon& mp = l.features[0].polys;
    std::vector<float> tri;
    tessellate(mp, l.bbox.centre(), tri);
    ASSERT_GE(tri.size() / 6, 2u);
    // Even-odd area by hand: ring v0 v1 v2 v3 crosses itself where edge v0-v1 meets edge v2-v3 (at X); the
    // filled parts are the triangles v3 v0 X and v1 v2 X.
    ASSERT_EQ(mp.size(), 1u);
    const geo::Ring& r = mp[0].rings[0];
    ASSERT_EQ(r.size(), 4u);
    const P2 d1 = r[1] - r[0], d2 = r[3] - r[2];
    const double t = ((r[2].x - r[0].x) * d2.y - (r[2].y - r[0].y) * d2.x) / (d1.x * d2.y - d1.y * d2.x);
    const P2 x = r[0] + d1 * t;
    auto area3 = [](P2 a, P2 b, P2 c) { return std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2; };
    const double want = area3(r[3], r[0], x) + area3(r[1], r[2], x);
    EXPECT_NEAR(triangles_area(tri), want, want * 1e-4);
}

TEST(BadInputViewer, DegenerateRingsDoNotCrashTheTessellator) {
    geo::MultiPolygon cases[] = {
        {geo::Polygon{{{{5, 5}, {5, 5}, {5, 5}}}}},                       // one point three times
        {geo::Polygon{{{{0, 0}, {1, 1}, {2, 2}, {3, 3}}}}},               // collinear
        {geo::Polygon{{{{0, 0}, {1, 0}}}}},                               // two points
        {geo::Polygon{{{}}}},                                             // empty ring
        {geo::Polygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{9, 9}}}}},     // a one-point hole
        {geo::Polygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{0, 0}, {4, 0}, {4, 4}, {0, 4}}}}},  // hole = outer
        {geo::Polygon{{{{-9e8, -9e8}, {9e8, -9e8}, {0, 9e8}}}}},          // as large as read_vector lets through
    };
    for (const auto& mp : cases) {
        std::vector<float> tri;
        tessellate(mp, {0, 0}, tri);
        EXPECT_EQ(tri.size() % 6, 0u);
        for (float f : tri) EXPECT_TRUE(std::isfinite(f));
    }
    // The square whose hole is itself has no area left (even-odd).
    std::vector<float> tri;
    tessellate(cases[5], {0, 0}, tri);
    EXPECT_NEAR(triangles_area(tri), 0.0, 1e-6);
}

// A toy dataset whose only Twente municipality is a bow tie renders with the even-odd fill: the two
// triangles get the choropleth colour, the gaps above and below the crossing the background.
TEST(BadInputViewer, BowTieMunicipalityRendersEvenOdd) {
    // Kept for the binary's lifetime, like the other GL tests; made current again in case another test file
    // created a context of its own since.
    struct Gl {
        GLContext ctx;
        SDL_GLContext gl = SDL_GL_GetCurrentContext();
    };
    static Gl* gl = new Gl();
    SDL_GL_MakeCurrent(gl->ctx.window(), gl->gl);
    geo::Dataset d;
    geo::Municipality m;
    m.code = "GM0153";
    m.name = m.label = "Strik";
    m.twente = true;
    m.geom = bow_tie({250000, 460000}, 5000);
    m.bbox = geo::bbox_of(m.geom);
    m.label_pos = m.bbox.centre();
    m.cbs.valid = true;
    m.cbs.inhabitants = 100000;
    m.cbs.density = 5000;  // top class: far from the background colour
    d.municipalities.push_back(m);
    d.twente_count = 1;
    d.twente_bbox = m.bbox;
    d.region_bbox = m.bbox.grown(5000);
    MapRenderer r(d);
    MapView v;
    v.cam.w = 200;
    v.cam.h = 200;
    v.cam.fit(d.region_bbox, 0);
    v.layers.labels = false;
    v.furniture = false;
    std::vector<unsigned char> img;
    ASSERT_TRUE(render_to_rgba(r, v, img));
    auto rgb = [&](P2 world) {
        P2 s = v.cam.to_screen(world);
        const unsigned char* p = &img[(size_t(s.y) * v.cam.w + size_t(s.x)) * 4];
        return std::array<int, 3>{p[0], p[1], p[2]};
    };
    const auto left = rgb({251500, 465000}), right = rgb({258500, 465000});
    const auto above = rgb({255000, 468500}), below = rgb({255000, 461500}), outside = rgb({245500, 465000});
    EXPECT_EQ(left, right);
    EXPECT_NE(left, above);
    EXPECT_EQ(above, below);
    EXPECT_EQ(above, outside);
}

// ---- Saves killed part-way -------------------------------------------------------------------------------------

namespace {

// Forks a child that saves forever -- save(k) for k = 1, 2, ... -- and SIGKILLs it at a random moment after its
// first completed save, `rounds` times. After every kill the file must load completely: load() returns the k of
// a complete save (0 for the initial content) and must not throw. Returns the set of versions seen.
std::set<int> kill_during_saves(const std::string& path, const std::function<void(int)>& save,
                                const std::function<int()>& load, int rounds) {
    // How long one save takes here (much longer under ASan or on a busy disk): kills land within ~2 saves.
    auto t0 = std::chrono::steady_clock::now();
    save(0);
    const int save_us = int(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    std::mt19937 rng(99);
    std::set<int> seen;
    for (int round = 0; round < rounds; ++round) {
        int fds[2];
        if (::pipe(fds) != 0) {
            ADD_FAILURE() << "pipe failed";
            break;
        }
        pid_t pid = ::fork();
        if (pid < 0) {
            ADD_FAILURE() << "fork failed";
            break;
        }
        if (pid == 0) {
            ::close(fds[0]);
            for (int k = 1 + round * 1000;; ++k) {
                save(k);
                (void)!::write(fds[1], "s", 1);
            }
        }
        ::close(fds[1]);
        pollfd pf{fds[0], POLLIN, 0};
        EXPECT_EQ(::poll(&pf, 1, 30000), 1) << "the child did not complete a save within 30 s";
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2 * save_us)(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        ::close(fds[0]);
        try {
            seen.insert(load());
        } catch (const std::exception& e) {
            ADD_FAILURE() << "round " << round << ": " << path << " unreadable after a kill: " << e.what();
            break;
        }
        for (auto& e : fs::directory_iterator(fs::path(path).parent_path()))  // stray temporaries of the child
            if (e.path().string() != path) fs::remove(e.path());
    }
    return seen;
}

struct ScratchDir {
    fs::path dir;
    explicit ScratchDir(const char* name) {
        dir = fs::temp_directory_path() / (std::string("trekkaart-") + name + "-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~ScratchDir() { fs::remove_all(dir); }
};

}  // namespace

// The what-if candidates file is autosaved on every change: killing the app mid-save must leave a readable file
// with the complete old or new list. The version is encoded in the list length (2000 + k % 50 candidates).
TEST(BadInputViewer, CandidatesFileSurvivesAKillDuringSave) {
    ScratchDir t("cand-kill");
    const std::string path = (t.dir / "candidates.json").string();
    auto list = [](int k) {
        std::vector<Candidate> cs(size_t(2000 + k % 50));
        for (size_t i = 0; i < cs.size(); ++i) cs[i] = {{250000.0 + double(i), 470000.0 + k}, geo::Category::Pop, "kandidaat " + std::to_string(i)};
        return cs;
    };
    auto seen = kill_during_saves(
        path, [&](int k) { write_candidates(list(k), path); },
        [&] {
            auto cs = read_candidates(path);
            const int k = int(std::lround(cs.at(0).pos.y - 470000));
            EXPECT_EQ(cs.size(), size_t(2000 + k % 50)) << "a partial list";
            EXPECT_EQ(cs.back().pos.y, cs.front().pos.y) << "two saves mixed";
            return k;
        },
        20);
    EXPECT_GE(seen.size(), 3u) << "too few completed saves: the test proved little";
}

// The same for the presenter's scenes file (save_deck).
TEST(BadInputViewer, ScenesFileSurvivesAKillDuringSave) {
    ScratchDir t("deck-kill");
    const std::string path = (t.dir / "deck.json").string();
    auto deck = [](int k) {
        Deck d;
        d.title.nl = "versie " + std::to_string(k);
        for (int i = 0; i < 300 + k % 40; ++i) {
            Scene s;
            s.title.nl = "Scène " + std::to_string(i);
            s.camera.centre = {257000.0 + i, 471000.0};
            s.camera.wgs84 = false;
            s.camera.in[0] = s.camera.centre.x;
            s.camera.in[1] = s.camera.centre.y;
            s.camera.in[2] = 11;
            d.scenes.push_back(s);
        }
        return d;
    };
    auto seen = kill_during_saves(
        path, [&](int k) { (void)save_deck(deck(k), path); },
        [&] {
            Deck d = load_deck(path);
            const int k = std::stoi(d.title.nl.substr(7));
            EXPECT_EQ(d.scenes.size(), size_t(300 + k % 40)) << "a partial deck";
            return k;
        },
        20);
    EXPECT_GE(seen.size(), 3u) << "too few completed saves: the test proved little";
}

// The same for the venue editor's edits file (every edit rewrites it). The version is the added venues' name.
TEST(BadInputViewer, VenueEditsFileSurvivesAKillDuringSave) {
    ScratchDir t("edits-kill");
    const std::string path = (t.dir / "venue_edits.csv").string();
    auto edits = [](int k) {
        std::vector<geo::VenueEdit> es(size_t(400 + k % 50));
        for (size_t i = 0; i < es.size(); ++i) {
            geo::Venue& v = es[i].venue;
            es[i].kind = geo::EditKind::Added;
            v.id = "user-" + std::to_string(i + 1);
            v.name = "versie " + std::to_string(k);
            v.category = geo::Category::Maker;
            v.gemeente = "GM0153";
            v.lon = 6.89 + 1e-5 * double(i);
            v.lat = 52.22;
            v.source = "test";
        }
        return es;
    };
    auto seen = kill_during_saves(
        path, [&](int k) { geo::write_venue_edits(edits(k), path); },
        [&] {
            auto es = geo::read_venue_edits(path);
            const int k = std::stoi(es.at(0).venue.name.substr(7));
            EXPECT_EQ(es.size(), size_t(400 + k % 50)) << "a partial file";
            EXPECT_EQ(es.back().venue.name, es.front().venue.name) << "two saves mixed";
            return k;
        },
        20);
    EXPECT_GE(seen.size(), 3u) << "too few completed saves: the test proved little";
}
