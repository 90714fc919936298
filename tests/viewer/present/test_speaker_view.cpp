// The speaker's view (issue 14, viewer/present/speaker_view.h): its layout and time format (pure), the keys P and
// T, the notes field of the scenes file, and headless renders of the audience and speaker pictures: the audience
// picture is the single-window presenter's, the speaker's shows it scaled, the next scene, the notes and the time.
#include <gtest/gtest.h>

#include <SDL.h>

#include <cmath>
#include <cstdlib>

#include "geo/io/dataset.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"

using namespace viewer;
using geo::BBox;

namespace {

const std::string kDeck = std::string(TREKKAART_TEST_DATA) + "/scenes/video_two.json";

using Img = std::vector<unsigned char>;

// Bilinear sample of img (w x h RGBA) at texel coordinates (u, v) in pixels, as GL_LINEAR with clamping.
float sample(const Img& img, int w, int h, double u, double v, int c) {
    const double x = std::clamp(u - 0.5, 0.0, w - 1.0), y = std::clamp(v - 0.5, 0.0, h - 1.0);
    const int x0 = int(x), y0 = int(y), x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
    const double fx = x - x0, fy = y - y0;
    auto at = [&](int xx, int yy) { return double(img[(size_t(yy) * w + xx) * 4 + c]); };
    return float((at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy);
}

// Mean absolute difference between the speaker picture inside box r (shrunk by 2 px) and picture src scaled into r.
double region_vs_scaled(const Img& spk, int sw, const BBox& r, const Img& src, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int y = int(std::ceil(r.miny)) + 2; y < int(r.maxy) - 2; y += 2)
        for (int x = int(std::ceil(r.minx)) + 2; x < int(r.maxx) - 2; x += 2) {
            const double u = (x + 0.5 - r.minx) / r.width() * w, v = (y + 0.5 - r.miny) / r.height() * h;
            for (int c = 0; c < 3; ++c) sum += std::abs(spk[(size_t(y) * sw + x) * 4 + c] - sample(src, w, h, u, v, c));
            n += 3;
        }
    return n ? sum / n : 255;
}

// Pixels in box r close to the speaker view's text colour (#f2efe8).
int bright_pixels(const Img& spk, int sw, const BBox& r) {
    int n = 0;
    for (int y = int(r.miny); y < int(r.maxy); ++y)
        for (int x = int(r.minx); x < int(r.maxx); ++x) {
            const unsigned char* p = &spk[(size_t(y) * sw + x) * 4];
            n += p[0] > 200 && p[1] > 200 && p[2] > 190;
        }
    return n;
}

double region_diff(const Img& a, const Img& b, int sw, const BBox& r) {
    double sum = 0;
    int n = 0;
    for (int y = int(r.miny); y < int(r.maxy); ++y)
        for (int x = int(r.minx); x < int(r.maxx); ++x, ++n)
            for (int c = 0; c < 3; ++c) sum += std::abs(a[(size_t(y) * sw + x) * 4 + c] - b[(size_t(y) * sw + x) * 4 + c]);
    return n ? sum / (3.0 * n) : 0;
}

Img read(RenderTarget& rt) {
    Img img(size_t(rt.w) * rt.h * 4);
    rt.read_rgba(img.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return img;
}

}  // namespace

TEST(SpeakerView, LayoutFitsAndKeepsTheAudienceAspect) {
    for (auto [sw, sh] : {std::pair{1920, 1080}, {1280, 800}, {1024, 768}, {3840, 1080}, {960, 540}}) {
        const SpeakerLayout L = speaker_layout(sw, sh, 16.0 / 9);
        const BBox screen{0, 0, double(sw), double(sh)};
        for (const BBox& b : {L.header, L.current, L.next_label, L.next, L.notes}) {
            EXPECT_TRUE(screen.contains({b.minx, b.miny}) && screen.contains({b.maxx, b.maxy})) << sw << "x" << sh;
            EXPECT_GT(b.width(), 0);
            EXPECT_GT(b.height(), 0);
        }
        EXPECT_NEAR(L.current.width() / L.current.height(), 16.0 / 9, 1e-9);
        EXPECT_NEAR(L.next.width() / L.next.height(), 16.0 / 9, 1e-9);
        EXPECT_LE(L.next.width(), L.current.width());             // the current picture is the larger one
        EXPECT_FALSE(L.current.intersects(L.next));
        EXPECT_LE(L.current.maxx, L.next.minx);                    // side by side
        EXPECT_GE(L.notes.miny, std::max(L.current.maxy, L.next.maxy));  // the notes below both
        EXPECT_GE(L.notes.height(), 0.2 * sh);                     // room for several lines
        EXPECT_LE(L.header.maxy, L.current.miny);
    }
}

TEST(SpeakerView, ElapsedTime) {
    EXPECT_EQ(format_elapsed(0), "0:00");
    EXPECT_EQ(format_elapsed(59.99), "0:59");
    EXPECT_EQ(format_elapsed(60), "1:00");
    EXPECT_EQ(format_elapsed(754), "12:34");
    EXPECT_EQ(format_elapsed(3599), "59:59");
    EXPECT_EQ(format_elapsed(3723), "1:02:03");
    EXPECT_EQ(format_elapsed(-5), "0:00");
}

TEST(SpeakerView, KeysPAndT) {
    EXPECT_EQ(command_for_key(SDLK_p, 0), Cmd::SpeakerView);
    EXPECT_EQ(command_for_key(SDLK_t, 0), Cmd::ResetTimer);
    EXPECT_EQ(command_for_key(SDLK_LEFT, 0), Cmd::Prev);  // previous stays on the arrows and PageUp
    Navigator n(3);
    n.apply(Cmd::Next);
    const auto r = n.apply(Cmd::SpeakerView);
    EXPECT_TRUE(r.toggle_speaker);
    EXPECT_FALSE(r.moved);
    EXPECT_EQ(n.current(), 1);
    EXPECT_TRUE(n.apply(Cmd::ResetTimer).reset_timer);
}

TEST(SpeakerView, NotesFieldIsBilingualAndRoundTrips) {
    Deck d = load_deck(kDeck);
    ASSERT_EQ(d.scenes.size(), 2u);
    EXPECT_EQ(d.scenes[0].notes.nl.rfind("Begin bij Enschede", 0), 0u);
    EXPECT_EQ(d.scenes[0].notes.en.rfind("Start with Enschede", 0), 0u);
    EXPECT_TRUE(d.scenes[1].notes.empty());
    const Deck again = parse_deck(deck_to_json(d), "again.json");
    EXPECT_EQ(again.scenes[0].notes.nl, d.scenes[0].notes.nl);
    EXPECT_EQ(again.scenes[0].notes.en, d.scenes[0].notes.en);
    // Errors name file, line and column.
    const std::string bad = "{\"scenes\": [{\"title\": \"x\", \"camera\": {\"centre\": [6.9, 52.2], \"zoom\": 10},\n"
                            "  \"notes\": 42}]}";
    try {
        parse_deck(bad, "bad.json");
        FAIL() << "a number as notes was accepted";
    } catch (const SceneError& e) {
        EXPECT_EQ(e.line, 2);
        EXPECT_EQ(e.col, 12);
        EXPECT_NE(std::string(e.what()).find("bad.json:2:12: scene 1 notes must be a string or an object"), std::string::npos)
            << e.what();
    }
    try {
        parse_deck("{\"scenes\": [{\"title\": \"x\", \"camera\": {\"centre\": [6.9, 52.2], \"zoom\": 10}, \"notes\": {\"de\": \"x\"}}]}",
                   "de.json");
        FAIL();
    } catch (const SceneError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown key \"de\""), std::string::npos) << e.what();
    }
}

TEST(SpeakerView, RendersTheAudiencePictureNextSceneNotesAndTime) {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    MapRenderer renderer(data);
    SceneHeatmaps heat(data);
    const SceneCatalog cat = SceneCatalog::from(data);
    Presenter p(data, renderer, load_deck(kDeck, &cat), heat.hooks(renderer.origin()));
    const int W = 640, H = 360, SW = 960, SH = 540;
    p.set_size(W, H);
    Img hand1, hand2;
    ASSERT_TRUE(p.render_scene_rgba(0, hand1));
    ASSERT_TRUE(p.render_scene_rgba(1, hand2));

    RenderTarget single, audience, spk;
    ASSERT_TRUE(single.create(W, H, 0));
    ASSERT_TRUE(audience.create(W, H, 0));
    ASSERT_TRUE(spk.create(SW, SH, 0));
    SpeakerInfo info;
    info.elapsed_s = 754;
    info.clock = "14:05";
    p.draw(single.fbo);  // the single-window presenter
    const Img one = read(single);
    p.draw_speaker(spk.fbo, SW, SH, info);
    const Img s1 = read(spk);
    p.blit_audience(audience.fbo);  // what the audience window shows beside the speaker's
    const Img aud = read(audience);
    EXPECT_EQ(aud, one);            // exactly the single-window picture
    EXPECT_EQ(aud, hand1);          // which at rest is the handout

    const SpeakerLayout L = speaker_layout(SW, SH, double(W) / H);
    EXPECT_LT(region_vs_scaled(s1, SW, L.current, one, W, H), 3.0);  // the audience picture, scaled
    EXPECT_LT(region_vs_scaled(s1, SW, L.next, hand2, W, H), 4.0);   // the next scene as it will appear
    EXPECT_GT(region_vs_scaled(s1, SW, L.next, hand1, W, H), 10.0);  // ... not the current one
    // Notes in bright text; the time in the header.
    const int notes_nl = bright_pixels(s1, SW, L.notes);
    EXPECT_GT(notes_nl, 300);
    EXPECT_GT(bright_pixels(s1, SW, L.header), 100);
    info.elapsed_s = 0;
    p.draw_speaker(spk.fbo, SW, SH, info);
    const Img s0 = read(spk);
    EXPECT_GT(region_diff(s0, s1, SW, L.header), 0.5);  // the elapsed time changed
    EXPECT_EQ(region_diff(s0, s1, SW, L.notes), 0);
    // English notes are other text.
    set_lang(Lang::EN);
    p.draw_speaker(spk.fbo, SW, SH, info);
    const Img en = read(spk);
    set_lang(Lang::NL);
    EXPECT_GT(region_diff(en, s0, SW, L.notes), 1.0);
    if (const char* dir = std::getenv("TREKKAART_TEST_PNG_DIR")) write_png_atomic(std::string(dir) + "/speaker.png", s1.data(), SW, SH);

    // The last scene: no next scene, and it has no notes (a muted line says so, no bright text).
    p.go(1, false);
    p.draw_speaker(spk.fbo, SW, SH, info);
    const Img last = read(spk);
    EXPECT_EQ(bright_pixels(last, SW, L.notes), 0);
    EXPECT_GT(region_diff(last, s0, SW, L.notes), 0.3);
    EXPECT_LT(region_vs_scaled(last, SW, L.current, hand2, W, H), 3.0);
    EXPECT_GT(region_vs_scaled(last, SW, L.next, hand2, W, H), 20.0);  // an empty (black) box
    if (const char* dir = std::getenv("TREKKAART_TEST_PNG_DIR")) write_png_atomic(std::string(dir) + "/speaker_last.png", last.data(), SW, SH);
}
