// Live questions in the presenter (issue 14, viewer/present/presenter_live.cpp): V opens one, a click drops or
// moves a what-if site, the heatmap and its figure are computed again (checked against the analysis called
// directly), the audience picture and the speaker's view show it, the next key returns to the scene exactly as
// written, and only S writes the scenes file.
#include <gtest/gtest.h>

#include <SDL.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "geo/io/dataset.h"
#include "viewer/model/i18n.h"
#include "viewer/model/style.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"

using namespace viewer;
using geo::BBox;
using geo::P2;

namespace {

using Img = std::vector<unsigned char>;
struct LangGuard {  // a test that sets the language gives the next test the one it found
    Lang was = lang();
    ~LangGuard() { set_lang(was); }
};
namespace fs = std::filesystem;

struct LiveEnv {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    MapRenderer renderer{data};
    SceneCatalog cat = SceneCatalog::from(data);
    std::string path;  // a copy of the sample deck (the presenter may write it)

    LiveEnv() {
        path = (fs::temp_directory_path() / ("trekkaart_live_" + std::to_string(::getpid()) + ".json")).string();
        fs::copy_file(std::string(TREKKAART_SOURCE_DIR) + "/assets/scenes/trek-in-twente.json", path,
                      fs::copy_options::overwrite_existing);
    }
    ~LiveEnv() { fs::remove(path); }
    int scene(const std::string& id, const Deck& d) const {
        for (size_t i = 0; i < d.scenes.size(); ++i)
            if (d.scenes[i].id == id) return int(i);
        return -1;
    }
};

std::string bytes_of(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

Img draw_rgba(Presenter& p) {
    RenderTarget rt;
    EXPECT_TRUE(rt.create(p.width(), p.height(), 0));
    p.draw(rt.fbo);
    Img img(size_t(p.width()) * p.height() * 4);
    rt.read_rgba(img.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return img;
}

const unsigned char* pixel(const Img& img, int w, P2 q) { return &img[(size_t(int(q.y)) * w + size_t(int(q.x))) * 4]; }

bool near_rgb(const unsigned char* p, RGBA c, int tol) {
    return std::abs(p[0] - int(std::lround(c.r * 255))) <= tol && std::abs(p[1] - int(std::lround(c.g * 255))) <= tol &&
           std::abs(p[2] - int(std::lround(c.b * 255))) <= tol;
}

// Pixels of colour c (within tol) in box [x0, x1) x [y0, y1) of a w-wide picture.
int count_colour(const Img& img, int w, double x0, double y0, double x1, double y1, RGBA c, int tol) {
    int n = 0;
    for (int y = std::max(0, int(y0)); y < int(y1); ++y)
        for (int x = std::max(0, int(x0)); x < std::min(w, int(x1)); ++x) n += near_rgb(&img[(size_t(y) * w + x) * 4], c, tol);
    return n;
}

// The analysis itself, without the presenter: one request, waited for.
AnalysisResult analyse(const geo::Dataset& d, const AnalysisParams& p) {
    AnalysisOptions o;
    o.candidates_path = "-";
    Analysis an(d, o);
    an.request(p);
    AnalysisResult r;
    EXPECT_TRUE(an.wait(600));
    EXPECT_TRUE(an.poll(r));
    return r;
}

// Of the Twente municipalities' label points (their main towns) inside the free map area of `lay`, the one with
// the longest travel time in surface g: a place the scene's venues serve worst.
P2 worst_served_town(const geo::Dataset& d, const CaptionLayout& lay, const geo::GridF& g) {
    P2 best{};
    float worst = -1;
    for (int i = 0; i < d.twente_count; ++i) {
        const P2 q = d.municipalities[size_t(i)].label_pos, s = lay.cam.to_screen(q);
        if (!lay.free.grown(-40).contains(s)) continue;
        int c = 0, r = 0;
        if (!g.spec.cell_of(q, c, r)) continue;
        const float v = g.v[size_t(r) * size_t(g.spec.cols) + size_t(c)];
        if (std::isfinite(v) && v > worst) {
            worst = v;
            best = q;
        }
    }
    EXPECT_GT(worst, 0) << "no town in view";
    return best;
}

}  // namespace

// A third place dropped in the worst-served town of the Cultuurhub scene (bike + train to the nearest third
// place): the figure is the what-if of the analysis called directly, people save minutes, the site is drawn
// where it was clicked, and the next key shows the scene again pixel for pixel without moving on.
TEST(LiveQuestion, DroppedSiteChangesTheFigureAndTheNextKeyRestoresTheScene) {
    LiveEnv e;
    const std::string original = bytes_of(e.path);
    SceneHeatmaps heat(e.data);
    Deck deck = load_deck(e.path, &e.cat);
    const int i = e.scene("cultuurhub", deck);
    ASSERT_GE(i, 0);
    const Scene scripted = deck.scenes[size_t(i)];
    ASSERT_EQ(scripted.heatmap->measure, Metric::TravelTime);
    Presenter p(e.data, e.renderer, deck, heat.hooks(e.renderer.origin()));
    const int W = 800, H = 450;
    p.set_size(W, H);
    p.go(i, false);
    const Img before = draw_rgba(p);
    const size_t deck_entries = heat.entry_count();

    EXPECT_FALSE(p.live());
    p.command(Cmd::LiveQuestion);
    ASSERT_TRUE(p.live());
    EXPECT_EQ(p.live_figure(), "");  // nothing asked yet: the scene as written, nothing computed
    const CaptionLayout lay = p.layout(i);
    ASSERT_NE(heat.result(scripted), nullptr);
    const P2 town = worst_served_town(e.data, lay, heat.result(scripted)->surface);
    const P2 px = lay.cam.to_screen(town);
    EXPECT_FALSE(p.live_click(lay.panel.centre()));  // on the caption: nothing
    ASSERT_TRUE(p.live_click(px));
    ASSERT_NE(p.live_scene(), nullptr);
    ASSERT_EQ(p.live_scene()->whatif.size(), scripted.whatif.size() + 1);
    const WhatIf site = p.live_scene()->whatif.back();
    EXPECT_EQ(site.category, "third_place");
    EXPECT_LT(std::hypot(site.pos.x - town.x, site.pos.y - town.y), 1.5 * lay.cam.mpp);  // where it was clicked

    // The figure against the analysis called directly: the live sites against the scene as written (its venues
    // and its own site); and the direction: people save minutes, nobody loses any, and more are within 15 min.
    const std::string fig = p.live_figure();
    AnalysisParams q;
    q.metric = Metric::WhatIf;
    q.category = geo::Category::ThirdPlace;
    q.mode = geo::Mode::BikeTrain;
    for (const WhatIf& w : p.live_scene()->whatif) q.candidates.push_back({w.pos, geo::Category::ThirdPlace, ""});
    for (const WhatIf& w : scripted.whatif) q.baseline.push_back({w.pos, geo::Category::ThirdPlace, ""});
    const AnalysisResult now = analyse(e.data, q);
    EXPECT_GT(now.mean_minutes_saved, 0.5);
    EXPECT_GT(now.improved_population, 1000);
    EXPECT_GE(now.gained_nl + now.gained_de, 0);
    for (float v : now.surface.v) ASSERT_FALSE(v < -1e-3f) << "a site added makes no trip longer";
    // Against the venues alone (the scene's own site counted as new too) more people would gain: the baseline is
    // the scene's.
    AnalysisParams all = q;
    all.baseline.clear();
    EXPECT_GT(analyse(e.data, all).improved_population, now.improved_population);
    EXPECT_NE(fig.find(format_num(now.mean_minutes_saved, 1) + " min sneller voor " + format_int(now.improved_population) +
                       " inwoners"), std::string::npos) << fig;
    EXPECT_NE(fig.find("+" + format_int(now.gained_nl + now.gained_de) + " binnen 15 min"), std::string::npos) << fig;
    EXPECT_NE(fig.find("t.o.v. de sc\u00e8ne"), std::string::npos) << fig;
    ASSERT_NE(heat.live_whatif(), nullptr);
    EXPECT_DOUBLE_EQ(heat.live_whatif()->mean_minutes_saved, now.mean_minutes_saved);
    // The heatmap of the live scene is the travel time with the new site: about a minute there (lock the bike),
    // where the scene as written had the town's worst time.
    Scene live = *p.live_scene();
    ASSERT_EQ(heat.prepare(live), "");
    int c = 0, r = 0;
    ASSERT_TRUE(heat.result(live)->surface.spec.cell_of(site.pos, c, r));
    const size_t k = size_t(r) * size_t(heat.result(live)->surface.spec.cols) + size_t(c);
    EXPECT_LT(heat.result(live)->surface.v[k], 1.5f);
    EXPECT_GT(heat.result(scripted)->surface.v[k], 3.0f);

    // The audience picture: the site's symbol (category fill inside a white disc and a highlight ring) at its pixel,
    // where the scene as written showed none; the live figure in the caption; the band at the top.
    const Img live_img = draw_rgba(p);
    const RGBA fill = category_style(geo::Category::ThirdPlace).fill, hl = base_colours().highlight;
    const float su = std::max(1.0f, H / 800.0f), R = 13 * su;
    EXPECT_TRUE(near_rgb(pixel(live_img, W, px), fill, 12));
    EXPECT_GE(count_colour(live_img, W, px.x - 1.2 * R, px.y - 1.2 * R, px.x + 1.2 * R, px.y + 1.2 * R, hl, 20), 20);
    EXPECT_LT(count_colour(before, W, px.x - 1.2 * R, px.y - 1.2 * R, px.x + 1.2 * R, px.y + 1.2 * R, hl, 20), 5);
    const BBox pan = lay.panel;
    EXPECT_GT(count_colour(live_img, W, pan.minx, pan.miny, pan.maxx, pan.maxy, hex(0x0072B2), 30), 30);  // live figure
    EXPECT_EQ(count_colour(before, W, pan.minx, pan.miny, pan.maxx, pan.maxy, hex(0x0072B2), 30), 0);
    if (const char* dir = std::getenv("TREKKAART_TEST_PNG_DIR")) write_png_atomic(std::string(dir) + "/live.png", live_img.data(), W, H);

    // Memory: while the live picture shows the live scene's heatmap, the scene's texture is not kept beside it.
    EXPECT_EQ(heat.usage().textures, heat.result(live)->surface.v.size() * 8);  // RGBA16: 8 bytes a cell
    // Memory: more questions keep only the present live scene's surfaces.
    ASSERT_TRUE(p.live_click(px + P2{60, 10}));
    p.live_figure();
    EXPECT_LE(heat.entry_count(), deck_entries + 3);  // its heatmap, its what-if, and `live` computed above
    EXPECT_LE(p.cache_bytes(), size_t(20) * W * H * 4);

    // The clicker's next key: back to the scene exactly as written, at the same scene.
    p.command(Cmd::Next);
    EXPECT_FALSE(p.live());
    EXPECT_EQ(p.current(), i);
    EXPECT_EQ(draw_rgba(p), before);
    EXPECT_LE(heat.entry_count(), deck_entries + 1);
    {  // the scene's texture, dropped during the question, is made again from its surface: the same picture
        Presenter p2(e.data, e.renderer, deck, heat.hooks(e.renderer.origin()));
        p2.set_size(W, H);
        p2.go(i, false);
        EXPECT_EQ(draw_rgba(p2), before);
        EXPECT_GE(heat.usage().textures, heat.result(scripted)->surface.v.size() * 8);
    }
    p.command(Cmd::Next);  // and the next one moves on
    EXPECT_EQ(p.current(), i + 1);
    EXPECT_EQ(bytes_of(e.path), original);  // nothing was saved
}

// The Dome, moved to Almelo: click the site, then Almelo. The reach follows it (the analysis called directly on a
// site there), the figure says how many more or fewer than the scene, the speaker's view shows it, and Esc returns.
TEST(LiveQuestion, MovedSiteReachOnBothScreens) {
    LiveEnv e;
    const std::string original = bytes_of(e.path);
    SceneHeatmaps heat(e.data);
    Deck deck = load_deck(e.path, &e.cat);
    const int i = e.scene("dome", deck);
    ASSERT_GE(i, 0);
    const Scene scripted = deck.scenes[size_t(i)];
    ASSERT_EQ(scripted.heatmap->measure, Metric::Reach);
    Presenter p(e.data, e.renderer, deck, heat.hooks(e.renderer.origin()));
    const int W = 800, H = 450, SW = 960, SH = 540;
    p.set_size(W, H);
    p.go(i, false);
    const Img before = draw_rgba(p);
    RenderTarget spk;
    ASSERT_TRUE(spk.create(SW, SH, 0));
    SpeakerInfo info;
    info.clock = "14:05";
    auto speaker = [&] {
        p.draw_speaker(spk.fbo, SW, SH, info);
        Img img(size_t(SW) * SH * 4);
        spk.read_rgba(img.data());
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        return img;
    };
    const Img spk_before = speaker();

    p.command(Cmd::LiveQuestion);
    const CaptionLayout lay = p.layout(i);
    const geo::Municipality* almelo = e.data.find_municipality("GM0141");
    ASSERT_NE(almelo, nullptr);
    const P2 dome = lay.cam.to_screen(scripted.whatif.front().pos), to = lay.cam.to_screen(almelo->label_pos);
    ASSERT_TRUE(lay.free.contains(to));
    ASSERT_TRUE(p.live_click(dome + P2{3, -2}));  // picks the site up (a click near its centre)
    EXPECT_EQ(p.live_selected(), 0);
    EXPECT_EQ(p.live_figure(), "");               // not moved yet
    ASSERT_TRUE(p.live_click(to));
    EXPECT_EQ(p.live_selected(), -1);
    ASSERT_EQ(p.live_scene()->whatif.size(), 1u);
    EXPECT_LT(std::hypot(p.live_scene()->whatif[0].pos.x - almelo->label_pos.x, p.live_scene()->whatif[0].pos.y - almelo->label_pos.y),
              1.5 * lay.cam.mpp);

    AnalysisParams q;
    q.metric = Metric::Reach;
    q.mode = geo::Mode::Car;
    q.threshold_min = 45;
    q.venue = -1;
    q.candidates = {{p.live_scene()->whatif[0].pos, geo::Category::Pop, ""}};
    const AnalysisResult moved = analyse(e.data, q);
    q.candidates = {{scripted.whatif.front().pos, geo::Category::Pop, ""}};
    const AnalysisResult written = analyse(e.data, q);
    const double a = moved.reach.nl + moved.reach.de, b = written.reach.nl + written.reach.de;
    EXPECT_NE(a, b);
    EXPECT_LT(moved.reach.de, written.reach.de);  // Almelo is farther from Germany than the scripted site
    const std::string fig = p.live_figure();
    EXPECT_NE(fig.find(format_int(a) + " inwoners (NL " + format_int(moved.reach.nl) + ", DE " + format_int(moved.reach.de) + ")"),
              std::string::npos) << fig;
    EXPECT_NE(fig.find(std::string(a >= b ? "+" : "\u2212") + format_int(std::fabs(a - b)) + " t.o.v. de sc\u00e8ne"),
              std::string::npos) << fig;

    // Both screens: the audience picture changed at the new site; the speaker's view shows the live figure above
    // the notes (sky-blue heading) and the audience picture as it is now.
    const Img live_img = draw_rgba(p);
    EXPECT_GT(count_colour(live_img, W, to.x - 15, to.y - 15, to.x + 15, to.y + 15, base_colours().highlight, 20), 20);
    const Img spk_live = speaker();
    const SpeakerLayout L = speaker_layout(SW, SH, double(W) / H);
    const RGBA sky = hex(0x56B4E9);
    EXPECT_GT(count_colour(spk_live, SW, L.notes.minx, L.notes.miny, L.notes.maxx, L.notes.maxy, sky, 30), 40);
    EXPECT_EQ(count_colour(spk_before, SW, L.notes.minx, L.notes.miny, L.notes.maxx, L.notes.maxy, sky, 30), 0);
    if (const char* dir = std::getenv("TREKKAART_TEST_PNG_DIR")) {
        write_png_atomic(std::string(dir) + "/live_reach.png", live_img.data(), W, H);
        write_png_atomic(std::string(dir) + "/speaker_live.png", spk_live.data(), SW, SH);
    }

    // Esc ends the question (it does not leave the presenter); both screens are as before.
    EXPECT_FALSE(p.command(Cmd::Escape).quit);
    EXPECT_FALSE(p.live());
    EXPECT_EQ(draw_rgba(p), before);
    EXPECT_EQ(speaker(), spk_before);
    EXPECT_EQ(bytes_of(e.path), original);
}

// S saves the live scene after the current one through the atomic writer: the file loads and holds the site.
TEST(LiveQuestion, SaveWritesAValidScenesFileWithTheSite) {
    LiveEnv e;
    SceneHeatmaps heat(e.data);
    Deck deck = load_deck(e.path, &e.cat);
    const size_t n = deck.scenes.size();
    const int i = e.scene("erfgoed", deck);  // no heatmap: a dropped site brings the travel time of its category
    ASSERT_GE(i, 0);
    Presenter p(e.data, e.renderer, deck, heat.hooks(e.renderer.origin()));
    p.set_size(640, 360);
    p.go(i, false);
    p.command(Cmd::SaveLive);  // outside a live question S does nothing
    EXPECT_EQ(load_deck(e.path, &e.cat).scenes.size(), n);
    p.command(Cmd::LiveQuestion);
    const CaptionLayout lay = p.layout(i);
    ASSERT_TRUE(p.live_click(lay.free.centre()));
    const WhatIf site = p.live_scene()->whatif.back();
    EXPECT_FALSE(p.live_figure().empty());
    ASSERT_TRUE(p.live_scene()->heatmap);
    EXPECT_EQ(p.live_scene()->heatmap->measure, Metric::TravelTime);
    p.command(Cmd::Digit, 3);  // digits wait until the question is over
    EXPECT_TRUE(p.live());
    const auto r = p.command(Cmd::SaveLive);
    EXPECT_TRUE(r.save_live);
    EXPECT_FALSE(p.live());
    EXPECT_FALSE(p.message_is_error()) << p.message();
    EXPECT_EQ(p.current(), i + 1);
    Deck back = load_deck(e.path, &e.cat);
    ASSERT_EQ(back.scenes.size(), n + 1);
    const Scene& s = back.scenes[size_t(i) + 1];
    EXPECT_EQ(s.title.nl, "Live-vraag: wat als?");
    ASSERT_EQ(s.whatif.size(), deck.scenes[size_t(i)].whatif.size() + 1);
    EXPECT_EQ(s.whatif.back().category, site.category);
    EXPECT_NEAR(s.whatif.back().pos.x, site.pos.x, 0.01);
    EXPECT_NEAR(s.whatif.back().pos.y, site.pos.y, 0.01);
    ASSERT_TRUE(s.heatmap);
    EXPECT_EQ(s.heatmap->measure, Metric::TravelTime);
    EXPECT_TRUE(same_content(s, p.deck().scenes[size_t(i) + 1]));
    // The scenes before it are unchanged.
    for (size_t k = 0; k <= size_t(i); ++k) EXPECT_TRUE(same_content(back.scenes[k], deck.scenes[k])) << k;
}

// While the live figure is computed the presenter keeps drawing: the first frame after a drop says "rekent…" in
// the band (in Dutch, the default) and still shows the picture from before the drop; frames go on until the worker
// is done, and the first frame after that shows the figure (the same as the blocking computation) and the site.
TEST(LiveQuestion, ComputingDoesNotBlockTheFrames) {
    LiveEnv e;
    LangGuard keep;
    set_lang(Lang::NL);
    SceneHeatmaps heat(e.data);
    Deck deck = load_deck(e.path, &e.cat);
    const int i = e.scene("cultuurhub", deck);
    ASSERT_GE(i, 0);
    const Scene scripted = deck.scenes[size_t(i)];
    Presenter p(e.data, e.renderer, deck, heat.hooks(e.renderer.origin()));
    const int W = 800, H = 450;
    p.set_size(W, H);
    p.go(i, false);
    draw_rgba(p);
    p.command(Cmd::LiveQuestion);
    const Img asked = draw_rgba(p);  // the live question open, nothing computed
    EXPECT_FALSE(p.live_computing());
    EXPECT_EQ(p.live_band_text().find("rekent"), std::string::npos);
    const CaptionLayout lay = p.layout(i);
    ASSERT_NE(heat.result(scripted), nullptr);
    const P2 px = lay.cam.to_screen(worst_served_town(e.data, lay, heat.result(scripted)->surface));
    ASSERT_TRUE(p.live_click(px));

    const Img first = draw_rgba(p);  // returns at once: the worker computes
    EXPECT_TRUE(p.live_computing());
    EXPECT_NE(p.live_band_text().find("Live-vraag rekent\u2026"), std::string::npos) << p.live_band_text();
    if (const char* dir = std::getenv("TREKKAART_TEST_PNG_DIR")) write_png_atomic(std::string(dir) + "/live_computing.png", first.data(), W, H);
    // The picture is the one from before the drop (no site yet); only the band changed.
    const int band_y = int(p.live_layout().live_band.miny);
    ASSERT_GT(band_y, 0);
    EXPECT_TRUE(std::equal(asked.begin(), asked.begin() + size_t(band_y) * W * 4, first.begin()));
    int frames = 1;
    Img last;
    for (int k = 0; k < 20000 && p.live_computing(); ++k) {
        SDL_Delay(20);
        last = draw_rgba(p);
        ++frames;
    }
    ASSERT_FALSE(p.live_computing()) << "the figure was never ready";
    EXPECT_GE(frames, 3);  // frames were drawn while the worker computed (0.8-1.7 s here)
    EXPECT_EQ(p.live_band_text().find("rekent"), std::string::npos) << p.live_band_text();
    // The frame in which it became ready shows it: the site's ring at the click, the figure in the caption.
    EXPECT_NE(last, first);
    const std::string fig = p.live_figure();  // nothing left to compute: the figure of that frame
    EXPECT_NE(fig.find("min sneller voor"), std::string::npos) << fig;
    EXPECT_EQ(fig, heat.live_figure(*p.live_scene(), scripted));  // the blocking computation agrees
    EXPECT_EQ(draw_rgba(p), last);                                 // and nothing changes after
}

// A site dropped during the question is picked up by a click and removed by a click on itself (the band says so);
// with no dropped site left the live scene is the scene as written again: no figure, the picture from before the
// drop. On the reach scene the catchment's venue and heatmap come back too. A scene's own site is put back instead.
TEST(LiveQuestion, ClickOnADroppedSiteTwiceRemovesIt) {
    LiveEnv e;
    LangGuard keep;
    set_lang(Lang::EN);
    SceneHeatmaps heat(e.data);
    Deck deck = load_deck(e.path, &e.cat);
    for (const char* id : {"cultuurhub", "dome"}) {
        SCOPED_TRACE(id);
        const int i = e.scene(id, deck);
        ASSERT_GE(i, 0);
        const Scene scripted = deck.scenes[size_t(i)];
        Presenter p(e.data, e.renderer, deck, heat.hooks(e.renderer.origin()));
        const int W = 800, H = 450;
        p.set_size(W, H);
        p.go(i, false);
        draw_rgba(p);
        p.command(Cmd::LiveQuestion);
        const Img asked = draw_rgba(p);
        const CaptionLayout lay = p.layout(i);
        const P2 px = lay.free.centre() + P2{-0.2 * lay.free.width(), 0.1 * lay.free.height()};
        ASSERT_TRUE(p.live_click(px));
        ASSERT_EQ(p.live_scene()->whatif.size(), scripted.whatif.size() + 1);
        EXPECT_FALSE(p.live_figure().empty());
        draw_rgba(p);
        // A scene's own site: picked up and put back on itself, it stays.
        if (!scripted.whatif.empty()) {
            const P2 own = lay.cam.to_screen(scripted.whatif.front().pos);
            if (lay.free.contains(own) && std::hypot(own.x - px.x, own.y - px.y) > 100) {
                ASSERT_TRUE(p.live_click(own));
                draw_rgba(p);
                EXPECT_NE(p.live_band_text().find("on itself: put it back"), std::string::npos) << p.live_band_text();
                ASSERT_TRUE(p.live_click(own));
                EXPECT_EQ(p.live_scene()->whatif.size(), scripted.whatif.size() + 1);
            }
        }
        ASSERT_TRUE(p.live_click(px + P2{2, 1}));  // picks the dropped site up
        EXPECT_NE(p.live_selected(), -1);
        draw_rgba(p);
        EXPECT_NE(p.live_band_text().find("on itself: remove it"), std::string::npos) << p.live_band_text();
        ASSERT_TRUE(p.live_click(px + P2{-1, 2}));  // on itself: removed
        EXPECT_EQ(p.live_selected(), -1);
        ASSERT_EQ(p.live_scene()->whatif.size(), scripted.whatif.size());
        EXPECT_TRUE(same_content(*p.live_scene(), scripted));
        EXPECT_EQ(p.live_scene()->venues, scripted.venues);
        EXPECT_EQ(p.live_figure(), "");  // the scene's own figure (none live)
        EXPECT_EQ(draw_rgba(p), asked);
        EXPECT_FALSE(p.live_computing());
    }
}
