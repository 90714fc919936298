// Presenter mode: navigation (pure), the van Wijk-Nuij path, keyframe plans and caption layout (no GL), and
// headless renders of every scene of the sample deck plus a mid-flight frame, with pixel assertions.
#include <gtest/gtest.h>

#include <SDL.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"

using namespace viewer;
using geo::P2;

// ---- navigation --------------------------------------------------------------------------------------------

TEST(PresenterNav, NextPrevStopAtTheEnds) {
    Navigator n(3);
    EXPECT_EQ(n.current(), 0);
    EXPECT_FALSE(n.apply(Cmd::Prev).moved);
    EXPECT_EQ(n.current(), 0);
    EXPECT_TRUE(n.apply(Cmd::Next).moved);
    EXPECT_TRUE(n.apply(Cmd::Next).moved);
    EXPECT_EQ(n.current(), 2);
    EXPECT_FALSE(n.apply(Cmd::Next).moved);  // last scene: stays
    EXPECT_EQ(n.current(), 2);
    EXPECT_TRUE(n.apply(Cmd::Prev).moved);
    EXPECT_EQ(n.current(), 1);
    EXPECT_TRUE(n.apply(Cmd::Enter).moved);  // Enter without a number: next
    EXPECT_EQ(n.current(), 2);
    EXPECT_TRUE(n.apply(Cmd::Backspace).moved);  // Backspace without a number: previous
    EXPECT_EQ(n.current(), 1);
}

TEST(PresenterNav, HomeEnd) {
    Navigator n(5);
    EXPECT_TRUE(n.apply(Cmd::Last).moved);
    EXPECT_EQ(n.current(), 4);
    EXPECT_FALSE(n.apply(Cmd::Last).moved);
    EXPECT_TRUE(n.apply(Cmd::First).moved);
    EXPECT_EQ(n.current(), 0);
    EXPECT_FALSE(n.apply(Cmd::First).moved);
}

TEST(PresenterNav, NumberThenEnterJumps) {
    Navigator n(12);
    n.apply(Cmd::Digit, 1);
    n.apply(Cmd::Digit, 1);
    EXPECT_EQ(n.typed(), "11");
    EXPECT_EQ(n.current(), 0);  // nothing happens before Enter
    auto r = n.apply(Cmd::Enter);
    EXPECT_TRUE(r.moved);
    EXPECT_EQ(n.current(), 10);  // scene numbers are 1-based on screen
    EXPECT_EQ(n.typed(), "");
    // Out of range: nothing moves, the number is dropped.
    n.apply(Cmd::Digit, 1);
    n.apply(Cmd::Digit, 3);
    EXPECT_FALSE(n.apply(Cmd::Enter).moved);
    EXPECT_EQ(n.current(), 10);
    EXPECT_EQ(n.typed(), "");
    // A leading zero is ignored, Backspace edits, Escape cancels the number (and does not quit).
    n.apply(Cmd::Digit, 0);
    EXPECT_EQ(n.typed(), "");
    n.apply(Cmd::Digit, 4);
    n.apply(Cmd::Digit, 7);
    n.apply(Cmd::Backspace);
    EXPECT_EQ(n.typed(), "4");
    EXPECT_TRUE(n.apply(Cmd::Enter).moved);
    EXPECT_EQ(n.current(), 3);
    n.apply(Cmd::Digit, 2);
    auto e = n.apply(Cmd::Escape);
    EXPECT_FALSE(e.quit);
    EXPECT_EQ(n.typed(), "");
    EXPECT_EQ(n.current(), 3);
    // Jumping to the current scene is not a move.
    n.apply(Cmd::Digit, 4);
    EXPECT_FALSE(n.apply(Cmd::Enter).moved);
    // Navigation drops a half-typed number.
    n.apply(Cmd::Digit, 9);
    n.apply(Cmd::Next);
    EXPECT_EQ(n.typed(), "");
    EXPECT_EQ(n.current(), 4);
}

TEST(PresenterNav, BlankScreensHelpAndEscape) {
    Navigator n(4);
    n.apply(Cmd::Next);
    n.apply(Cmd::Black);
    EXPECT_EQ(n.blank(), Navigator::Blank::Black);
    n.apply(Cmd::White);
    EXPECT_EQ(n.blank(), Navigator::Blank::White);
    // A clicker's next while blank only brings the picture back.
    auto r = n.apply(Cmd::Next);
    EXPECT_FALSE(r.moved);
    EXPECT_EQ(n.blank(), Navigator::Blank::None);
    EXPECT_EQ(n.current(), 1);
    n.apply(Cmd::Black);
    n.apply(Cmd::Black);  // B again toggles back
    EXPECT_EQ(n.blank(), Navigator::Blank::None);
    // Escape closes the help before it quits.
    n.apply(Cmd::Help);
    EXPECT_TRUE(n.help());
    EXPECT_FALSE(n.apply(Cmd::Escape).quit);
    EXPECT_FALSE(n.help());
    n.apply(Cmd::Black);
    EXPECT_FALSE(n.apply(Cmd::Escape).quit);  // first Escape: picture back
    EXPECT_TRUE(n.apply(Cmd::Escape).quit);
    // Navigation closes the help.
    n.apply(Cmd::Help);
    n.apply(Cmd::Next);
    EXPECT_FALSE(n.help());
}

TEST(PresenterNav, EmptyDeckAndShrinkingDeck) {
    Navigator n(0);
    EXPECT_FALSE(n.apply(Cmd::Next).moved);
    EXPECT_FALSE(n.apply(Cmd::Last).moved);
    EXPECT_EQ(n.current(), 0);
    Navigator m(6);
    m.apply(Cmd::Last);
    m.set_count(3);  // the file was reloaded with fewer scenes
    EXPECT_EQ(m.current(), 2);
}

TEST(PresenterNav, KeysClickersSend) {
    int d = -1;
    EXPECT_EQ(command_for_key(SDLK_RIGHT, 0), Cmd::Next);
    EXPECT_EQ(command_for_key(SDLK_PAGEDOWN, 0), Cmd::Next);
    EXPECT_EQ(command_for_key(SDLK_SPACE, 0), Cmd::Next);
    EXPECT_EQ(command_for_key(SDLK_LEFT, 0), Cmd::Prev);
    EXPECT_EQ(command_for_key(SDLK_PAGEUP, 0), Cmd::Prev);
    EXPECT_EQ(command_for_key(SDLK_HOME, 0), Cmd::First);
    EXPECT_EQ(command_for_key(SDLK_END, 0), Cmd::Last);
    EXPECT_EQ(command_for_key(SDLK_7, 0, &d), Cmd::Digit);
    EXPECT_EQ(d, 7);
    EXPECT_EQ(command_for_key(SDLK_KP_3, 0, &d), Cmd::Digit);
    EXPECT_EQ(d, 3);
    EXPECT_EQ(command_for_key(SDLK_KP_0, 0, &d), Cmd::Digit);
    EXPECT_EQ(d, 0);
    EXPECT_EQ(command_for_key(SDLK_RETURN, 0), Cmd::Enter);
    EXPECT_EQ(command_for_key(SDLK_f, 0), Cmd::Fullscreen);
    EXPECT_EQ(command_for_key(SDLK_b, 0), Cmd::Black);
    EXPECT_EQ(command_for_key(SDLK_PERIOD, 0), Cmd::Black);  // the "blank" button of many clickers
    EXPECT_EQ(command_for_key(SDLK_w, 0), Cmd::White);
    EXPECT_EQ(command_for_key(SDLK_h, 0), Cmd::Help);
    EXPECT_EQ(command_for_key(SDLK_l, 0), Cmd::Lang);
    EXPECT_EQ(command_for_key(SDLK_ESCAPE, 0), Cmd::Escape);
    EXPECT_EQ(command_for_key(SDLK_s, KMOD_LCTRL), Cmd::SaveView);
    EXPECT_EQ(command_for_key(SDLK_s, 0), Cmd::SaveLive);  // S saves a live question (does nothing outside one)
    EXPECT_EQ(command_for_key(SDLK_v, 0), Cmd::LiveQuestion);
    EXPECT_EQ(command_for_key(SDLK_PAGEUP, KMOD_RCTRL), Cmd::MoveEarlier);
    EXPECT_EQ(command_for_key(SDLK_PAGEDOWN, KMOD_LCTRL), Cmd::MoveLater);
    EXPECT_EQ(command_for_key(SDLK_F5, 0), Cmd::None);
}

// ---- van Wijk & Nuij path --------------------------------------------------------------------------------

TEST(CameraPath, EndpointsAreExact) {
    const ViewPoint a{{250000, 470000}, 60000}, b{{242300, 476000}, 3000};
    SmoothPath p(a, b, 1.4);
    ASSERT_GT(p.length(), 0);
    EXPECT_FALSE(p.pure_zoom());
    EXPECT_EQ(p.u(0), 0);
    EXPECT_NEAR(p.u(p.length()), geo::dist(a.centre, b.centre), 1e-9);
    EXPECT_DOUBLE_EQ(p.w(0), a.width);
    EXPECT_DOUBLE_EQ(p.w(p.length()), b.width);
    EXPECT_EQ(p.at(0).centre.x, a.centre.x);
    EXPECT_EQ(p.at(p.length()).centre.y, b.centre.y);
    // Just inside the ends the formula itself (not the clamp) must agree.
    const double e = 1e-7;
    EXPECT_NEAR(p.u(p.length() - e), geo::dist(a.centre, b.centre), 1e-3);
    EXPECT_NEAR(p.w(p.length() - e), b.width, 1e-3);
    EXPECT_NEAR(p.w(e), a.width, 1e-2);
    // Centres stay on the straight line between the two and move monotonically.
    double last = 0;
    for (int i = 1; i <= 50; ++i) {
        const double s = p.length() * i / 50;
        const ViewPoint v = p.at(s);
        const double cross = (v.centre.x - a.centre.x) * (b.centre.y - a.centre.y) - (v.centre.y - a.centre.y) * (b.centre.x - a.centre.x);
        EXPECT_NEAR(cross / geo::dist(a.centre, b.centre), 0, 1e-6);
        EXPECT_GE(p.u(s), last - 1e-9);
        last = p.u(s);
        EXPECT_TRUE(std::isfinite(v.width) && v.width > 0);
    }
}

TEST(CameraPath, HandComputedPan) {
    // rho = 1, w0 = w1 = 1, u1 = 2: b0 = 1, b1 = -1, r0 = -asinh(1), r1 = asinh(1), S = 2 asinh(1) = 2 ln(1 + sqrt 2).
    // Half way (rho s + r0 = 0): w = cosh(r0) = sqrt 2, u = cosh(r0) (0 - tanh(r0)) = 1.
    SmoothPath p({{0, 0}, 1}, {{2, 0}, 1}, 1.0);
    EXPECT_NEAR(p.length(), 2 * std::log(1 + std::sqrt(2.0)), 1e-12);
    EXPECT_NEAR(p.w(p.length() / 2), std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(p.u(p.length() / 2), 1.0, 1e-12);
    EXPECT_NEAR(p.max_width(), std::sqrt(2.0), 1e-12);
    // Symmetric: w(s) = w(S - s).
    EXPECT_NEAR(p.w(0.3), p.w(p.length() - 0.3), 1e-12);
}

TEST(CameraPath, PureZoomWhenCentresCoincide) {
    // Same centre: the general formula divides by u1 = 0; the special case is w = w0 exp(k rho s).
    const double rho = 1.4;
    SmoothPath in({{245000, 475000}, 40000}, {{245000, 475000}, 2500}, rho);
    EXPECT_TRUE(in.pure_zoom());
    EXPECT_NEAR(in.length(), std::log(16.0) / rho, 1e-12);
    EXPECT_NEAR(in.w(in.length() / 2), 10000, 1e-6);  // geometric middle
    EXPECT_EQ(in.u(in.length() / 2), 0);
    EXPECT_EQ(in.at(1.0).centre.x, 245000);
    SmoothPath out({{245000, 475000}, 2500}, {{245000, 475000}, 40000}, rho);
    EXPECT_NEAR(out.length(), in.length(), 1e-12);
    EXPECT_NEAR(out.w(out.length() / 4), 2500 * 2, 1e-6);
    // No movement at all: a path of length 0, both ends the same view.
    SmoothPath none({{1, 2}, 5}, {{1, 2}, 5}, rho);
    EXPECT_EQ(none.length(), 0);
    EXPECT_EQ(none.at(0).width, 5);
    EXPECT_EQ(flight_seconds(none.length()), 0);
    // A centre shift far below the view width (1e-9 of it) counts as a pure zoom and still ends exactly.
    SmoothPath tiny({{0, 0}, 1000}, {{1e-6, 0}, 100}, rho);
    EXPECT_TRUE(tiny.pure_zoom());
    EXPECT_EQ(tiny.at(tiny.length()).centre.x, 1e-6);
    EXPECT_TRUE(std::isfinite(tiny.w(tiny.length() / 3)));
}

TEST(CameraPath, PurePanZoomsOutAndBack) {
    const double rho = 1.4;
    SmoothPath p({{0, 0}, 10000}, {{20000, 0}, 10000}, rho);
    EXPECT_FALSE(p.pure_zoom());
    EXPECT_GT(p.max_width(), 10000 * 1.5);  // a pan of 2 widths goes up first
    EXPECT_NEAR(p.u(p.length() / 2), 10000, 1e-6);
    // A small pan barely zooms out.
    SmoothPath q({{0, 0}, 10000}, {{100, 0}, 10000}, rho);
    EXPECT_LT(q.max_width(), 10000 * 1.001);
    // Duration: proportional to S, clamped.
    EXPECT_NEAR(flight_seconds(1.8, 0.9, 1.0, 4.5), 2.0, 1e-12);
    EXPECT_EQ(flight_seconds(0.1, 0.9, 1.0, 4.5), 1.0);
    EXPECT_EQ(flight_seconds(50, 0.9, 1.0, 4.5), 4.5);
    EXPECT_EQ(ease_in_out(0), 0);
    EXPECT_EQ(ease_in_out(1), 1);
    EXPECT_NEAR(ease_in_out(0.5), 0.5, 1e-12);
}

// ---- keyframe plans ---------------------------------------------------------------------------------------

TEST(PresenterKeyframes, CoverEveryViewWithoutMagnifying) {
    const int W = 960, H = 540;
    const SmoothPath path({{250000, 470000}, 70000}, {{242300, 476000}, 2500}, 1.4);
    const double S = path.length();
    const auto plans = plan_keyframes(path, W, H, 0, S, 1.5);
    ASSERT_GE(plans.size(), 3u);
    EXPECT_EQ(plans.front().s0, 0);
    EXPECT_EQ(plans.back().s1, S);
    for (size_t i = 1; i < plans.size(); ++i) EXPECT_EQ(plans[i].s0, plans[i - 1].s1);
    for (const auto& k : plans) {
        EXPECT_LE(k.cam.w, 1.5 * W + 5);
        EXPECT_LE(k.cam.h, 1.5 * H + 5);
        const geo::BBox kb = k.cam.view_bbox();
        for (int j = 0; j <= 40; ++j) {
            const double s = k.s0 + (k.s1 - k.s0) * j / 40;
            const ViewPoint v = path.at(s);
            // Every view of the stretch lies inside the picture ...
            const double hw = v.width / 2, hh = v.width * H / W / 2;
            EXPECT_LE(kb.minx, v.centre.x - hw + 1e-6);
            EXPECT_GE(kb.maxx, v.centre.x + hw - 1e-6);
            EXPECT_LE(kb.miny, v.centre.y - hh + 1e-6);
            EXPECT_GE(kb.maxy, v.centre.y + hh - 1e-6);
            // ... and the picture is at least as sharp as the view (metres per pixel no larger).
            EXPECT_LE(k.cam.mpp, v.width / W + 1e-9);
        }
    }
}

// ---- caption layout ---------------------------------------------------------------------------------------

namespace {
Scene scene_at(P2 centre_rd, double zoom, const std::string& caption) {
    Scene s;
    s.title = {"Titel", "Title"};
    s.caption = {caption, caption};
    s.camera.kind = SceneCamera::CentreZoom;
    s.camera.centre = centre_rd;
    s.camera.zoom = zoom;
    return s;
}
}  // namespace

TEST(PresenterCaption, LargeEnoughAndNeverOverTheHighlight) {
    TextRenderer text;
    const int W = 1920, H = 1080;
    Scene s = scene_at({250000, 475000}, 11, "Een korte zin over deze plek op de kaart.");
    FurnitureProbe none;  // no furniture
    // Highlight in the middle: the caption goes to the bottom.
    CaptionLayout a = layout_caption(s, {{250000, 475000}}, W, H, text, none, Lang::NL);
    EXPECT_EQ(a.side, PanelSide::Bottom);
    EXPECT_EQ(a.violations, 0);
    EXPECT_GE(a.caption_px, 0.035f * H);
    EXPECT_GT(a.title_px, a.caption_px);
    EXPECT_EQ(a.panel.maxy, H);
    EXPECT_FALSE(a.panel.contains(a.cam.to_screen({250000, 475000})));
    EXPECT_EQ(a.inset_bottom, float(a.panel.height()));
    // The centre lands in the middle of the free area above the panel.
    const P2 c = a.cam.to_screen({250000, 475000});
    EXPECT_NEAR(c.y, a.panel.miny / 2, 1e-6);
    // A highlight far south (it would sit under a bottom panel): the caption moves to the top, the map stays.
    const double mpp = a.cam.mpp;
    const P2 south{250000, 475000 - 0.45 * H * mpp};
    CaptionLayout b = layout_caption(s, {{250000, 475000}, south}, W, H, text, none, Lang::NL);
    EXPECT_EQ(b.side, PanelSide::Top);
    EXPECT_EQ(b.violations, 0);
    EXPECT_EQ(b.cam.centre.y, a.cam.centre.y);
    EXPECT_EQ(b.panel.miny, 0);
    for (const P2& q : b.highlights_px) {
        EXPECT_FALSE(b.panel.contains(q));
        EXPECT_TRUE(q.x > 0 && q.x < W && q.y > 0 && q.y < H);
    }
    // Far south and far north: a side card.
    const P2 north{250000, 475000 + 0.45 * H * mpp};
    CaptionLayout c2 = layout_caption(s, {south, north}, W, H, text, none, Lang::NL);
    EXPECT_TRUE(c2.side == PanelSide::Right || c2.side == PanelSide::Left) << panel_side_name(c2.side);
    EXPECT_EQ(c2.violations, 0);
    for (const P2& q : c2.highlights_px) EXPECT_FALSE(c2.panel.contains(q));
}

TEST(PresenterCaption, KeepsClearOfFurnitureAndWraps) {
    TextRenderer text;
    const int W = 1600, H = 900;
    const std::string longer =
        "Een langere toelichting die over meerdere regels moet lopen, zodat het paneel hoger wordt en de tekst "
        "nog steeds binnen de breedte van het scherm blijft, ook op een beamer achterin de zaal.";
    Scene s = scene_at({250000, 475000}, 11, longer);
    // A legend at the bottom-left and a north arrow at the top-right, as the MapRenderer draws them.
    const LabelBox legend{12, float(H - 400), 260, float(H - 12)}, arrow{float(W - 50), 12, float(W - 12), 70};
    FurnitureProbe probe = [&](const Camera&, float inset) {
        LabelBox l = legend;
        l.y0 -= inset;
        l.y1 -= inset;
        return std::vector<LabelBox>{l, arrow};
    };
    // Highlight low on the screen: the top band must stop left of the north arrow.
    Camera full = scene_camera(s.camera, W, H);
    const P2 low = full.to_world({W * 0.6, H * 0.85});
    CaptionLayout t = layout_caption(s, {low}, W, H, text, probe, Lang::NL);
    ASSERT_EQ(t.side, PanelSide::Top);
    EXPECT_LE(t.panel.maxx, arrow.x0);
    // Wrapped lines fit the panel.
    const float w = text.measure(t.caption, t.caption_px).w;
    EXPECT_LE(t.text_at.x + w, t.panel.maxx);
    EXPECT_NE(t.caption.find('\n'), std::string::npos);
    // A highlight under the (bottom-inset) legend is a violation for the bottom layout.
    const P2 under_legend = full.to_world({100, H - 300});
    CaptionLayout u = layout_caption(s, {under_legend}, W, H, text, probe, Lang::NL);
    EXPECT_NE(u.side, PanelSide::Bottom);
    EXPECT_EQ(u.violations, 0);
}

TEST(PresenterCaption, WrapText) {
    TextRenderer text;
    const std::string s = "aaa bbb ccc ddd";
    const float w3 = text.measure("aaa bbb", 20).w;
    EXPECT_EQ(wrap_text(s, w3 + 1, 20, false, text), "aaa bbb\nccc ddd");
    EXPECT_EQ(wrap_text(s, 1, 20, false, text), "aaa\nbbb\nccc\nddd");  // a word longer than the line stays whole
    EXPECT_EQ(wrap_text("x\ny", 1000, 20, false, text), "x\ny");
    EXPECT_EQ(wrap_text("", 100, 20, false, text), "");
}

// ---- headless renders of the sample deck -------------------------------------------------------------------

namespace {

struct Env {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    SDL_GLContext gl = SDL_GL_GetCurrentContext();
    MapRenderer renderer{data};
    SceneCatalog cat = SceneCatalog::from(data);
    Deck deck = load_deck(std::string(TREKKAART_SOURCE_DIR) + "/assets/scenes/trek-in-twente.json", &cat);
};
Env& env() {
    static Env* e = new Env();  // lives for the whole binary (the GL context must outlive the renderer)
    SDL_GL_MakeCurrent(e->ctx.window(), e->gl);  // other test files make their own contexts current
    return *e;
}

const unsigned char* px(const std::vector<unsigned char>& img, int w, int x, int y) {
    return &img[(size_t(y) * w + size_t(x)) * 4];
}

// Pixels of colour c (within tol) in the ring r0 <= distance <= r1 around p, and how many pixels the ring has.
std::pair<int, int> count_ring(const std::vector<unsigned char>& img, int w, int h, P2 p, double r0, double r1, RGBA c,
                               int tol) {
    int n = 0, all = 0;
    for (int y = int(p.y - r1) - 1; y <= int(p.y + r1) + 1; ++y)
        for (int x = int(p.x - r1) - 1; x <= int(p.x + r1) + 1; ++x) {
            if (x < 0 || y < 0 || x >= w || y >= h) continue;
            const double d = std::hypot(x + 0.5 - p.x, y + 0.5 - p.y);
            if (d < r0 || d > r1) continue;
            ++all;
            n += same_rgb8(px(img, w, x, y), c, tol);
        }
    return {n, all};
}

// Of 36 directions around p, how many have a pixel of colour c between radii r0 and r1 (a drawn ring: ~all).
int ring_directions(const std::vector<unsigned char>& img, int w, int h, P2 p, double r0, double r1, RGBA c, int tol) {
    std::vector<bool> hit(36);
    for (int y = int(p.y - r1) - 1; y <= int(p.y + r1) + 1; ++y)
        for (int x = int(p.x - r1) - 1; x <= int(p.x + r1) + 1; ++x) {
            if (x < 0 || y < 0 || x >= w || y >= h) continue;
            const double dx = x + 0.5 - p.x, dy = y + 0.5 - p.y, d = std::hypot(dx, dy);
            if (d < r0 || d > r1 || !same_rgb8(px(img, w, x, y), c, tol)) continue;
            hit[size_t(int((std::atan2(dy, dx) + M_PI) / (2 * M_PI) * 36) % 36)] = true;
        }
    return int(std::count(hit.begin(), hit.end(), true));
}

}  // namespace

TEST(PresenterRender, EveryScenesHighlightIsVisible) {
    Env& e = env();
    ASSERT_GE(e.deck.scenes.size(), 7u);
    const int W = 960, H = 540;
    Presenter p(e.data, e.renderer, e.deck);
    p.set_size(W, H);
    const RGBA hl = base_colours().highlight;
    std::vector<unsigned char> img;
    int with_highlights = 0;
    for (int i = 0; i < int(e.deck.scenes.size()); ++i) {
        SCOPED_TRACE("scene " + std::to_string(i + 1) + " " + e.deck.scenes[size_t(i)].id);
        const Scene& s = e.deck.scenes[size_t(i)];
        ASSERT_TRUE(p.render_scene_rgba(i, img));
        const CaptionLayout& lay = p.layout(i);
        EXPECT_EQ(lay.violations, 0);
        EXPECT_GE(lay.caption_px, 0.035f * H);
        // The caption panel is there: its calm background colour just inside its right edge, mid-height.
        EXPECT_TRUE(same_rgb8(px(img, W, int(lay.panel.maxx) - 3, int((lay.panel.miny + lay.panel.maxy) / 2)), hex(0xfbfaf7), 2));
        auto visible = [&](P2 q) {
            EXPECT_TRUE(q.x >= 0 && q.x < W && q.y >= 0 && q.y < H) << q.x << "," << q.y;
            EXPECT_FALSE(lay.panel.grown(2).contains(q)) << q.x << "," << q.y;
        };
        const float su = std::max(1.0f, H / 800.0f);
        MapView mv;
        mv.cam = lay.cam;
        mv.ui_scale = su;
        const double vpx = MapRenderer::venue_symbol_px(mv);
        for (const auto& id : s.venues) {
            const auto* v = &*std::find_if(e.data.venues.begin(), e.data.venues.end(), [&](const geo::Venue& x) { return x.id == id; });
            const P2 q = lay.cam.to_screen(v->pos);
            visible(q);
            // The highlight ring: a vermillion stroke just outside a white disc of 2.2 symbol sizes, clear of the
            // symbol itself (1.5 sizes; third places are vermillion too). Its own label and a crowded neighbour
            // may hide part of it; at least half the circle must show.
            const int dirs = ring_directions(img, W, H, q, 1.05 * vpx, 1.1 * vpx + 1.2 * su + 1.0, hl, 40);
            EXPECT_GE(dirs, 18) << id << ": ring seen in " << dirs << " of 36 directions";
        }
        for (const auto& code : s.municipalities) {
            const auto* m = e.data.find_municipality(code);
            ASSERT_NE(m, nullptr);
            visible(lay.cam.to_screen(m->label_pos));
            // Its outline is drawn in the highlight colour: look along the screen box of the municipality.
            const P2 a = lay.cam.to_screen({m->bbox.minx, m->bbox.maxy}), b = lay.cam.to_screen({m->bbox.maxx, m->bbox.miny});
            int n = 0;
            for (int y = std::max(0, int(a.y)); y < std::min(H, int(b.y)); ++y)
                for (int x = std::max(0, int(a.x)); x < std::min(W, int(b.x)); ++x) n += same_rgb8(px(img, W, x, y), hl, 20);
            EXPECT_GE(n, 30) << code;
        }
        const double R = 13 * su;  // what-if symbol: white disc 1.2 R, highlight ring 0.85-1.2 R, dashed ring 1.6-1.8 R
        for (const auto& w : s.whatif) {
            const P2 q = lay.cam.to_screen(w.pos);
            visible(q);
            auto [n, all] = count_ring(img, W, H, q, 0.9 * R, 1.15 * R, hl, 20);
            EXPECT_GE(n, all * 8 / 10) << "what-if ring " << n << " of " << all;
            auto [wh, all2] = count_ring(img, W, H, q, 0.68 * R, 0.8 * R, hex(0xffffff), 20);
            EXPECT_GE(wh, all2 * 8 / 10) << "what-if white gap " << wh << " of " << all2;
        }
        if (!s.venues.empty() || !s.municipalities.empty() || !s.whatif.empty()) {
            ++with_highlights;
        } else {
            // An overview scene: the whole of Twente is in view, above the caption.
            const P2 a = lay.cam.to_screen({e.data.twente_bbox.minx, e.data.twente_bbox.maxy});
            const P2 b = lay.cam.to_screen({e.data.twente_bbox.maxx, e.data.twente_bbox.miny});
            EXPECT_GE(a.x, 0);
            EXPECT_GE(a.y, 0);
            EXPECT_LE(b.x, W);
            EXPECT_LE(b.y, lay.panel.miny);
        }
    }
    EXPECT_GE(with_highlights, int(e.deck.scenes.size()) - 1);
}

// The deck's heatmaps are computed by the same analysis as the app and the export, what-if sites included.
TEST(PresenterRender, SceneHeatmapsIncludeWhatIfSites) {
    Env& e = env();
    SceneHeatmaps sh(e.data);
    const Scene *reach = nullptr, *hub = nullptr;
    for (const Scene& s : e.deck.scenes) {
        if (!s.heatmap) continue;
        EXPECT_EQ(sh.prepare(s), "") << s.id;
        if (s.heatmap->measure == Metric::Reach) reach = &s;
        if (s.heatmap->measure == Metric::TravelTime && !s.whatif.empty()) hub = &s;
    }
    ASSERT_NE(reach, nullptr);
    ASSERT_NE(hub, nullptr);
    // Reach of the Twente Dome site (no venue of its own): people on both sides of the border.
    const AnalysisResult* r = sh.result(*reach);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->params.venue, -1);
    ASSERT_EQ(r->params.candidates.size(), 1u);
    EXPECT_GT(r->reach.nl, 200000);   // Enschede and Hengelo alone have more
    EXPECT_GT(r->reach.de, 10000);    // Gronau (~50,000) is 20 km away
    EXPECT_LT(r->reach.nl, 1.5e6);
    // The site's own cell is a minute away.
    const geo::GridF& g = r->surface;
    auto value = [](const geo::GridF& gr, P2 q) {
        int c = 0, rw = 0;
        EXPECT_TRUE(gr.spec.cell_of(q, c, rw));
        return gr.v[size_t(rw) * size_t(gr.spec.cols) + size_t(c)];
    };
    auto at = [&](P2 q) { return value(g, q); };
    // The catchment is centred on the site: its own cell holds the car's access and parking minutes only.
    const P2 dome = reach->whatif.front().pos;
    EXPECT_LT(at(dome), 6.0f);
    EXPECT_LT(at(dome), at(dome + P2{5000, 0}));
    EXPECT_LT(at(dome), at(dome + P2{-5000, 0}));
    // Cultuurhub: the travel time at the hypothetical site is the lock-the-bike minute, which no existing third
    // place gives there.
    const AnalysisResult* h = sh.result(*hub);
    ASSERT_NE(h, nullptr);
    const P2 site = hub->whatif.front().pos;
    EXPECT_LT(value(h->surface, site), 1.5f) << "the what-if site is not a source";
    Scene without = *hub;
    without.whatif.clear();
    EXPECT_EQ(sh.prepare(without), "");
    EXPECT_GT(sh.result(without)->surface.v.size(), 0u);
    EXPECT_GT(value(sh.result(without)->surface, site), 3.0f);
    // Drawn by the presenter: the caption's note states the reach, and the map differs from the bare scene.
    const int W = 640, H = 360;
    Presenter bare(e.data, e.renderer, e.deck);
    Presenter with(e.data, e.renderer, e.deck, sh.hooks(e.renderer.origin()));
    bare.set_size(W, H);
    with.set_size(W, H);
    const int i = int(reach - e.deck.scenes.data());
    std::vector<unsigned char> a, b;
    ASSERT_TRUE(bare.render_scene_rgba(i, a));
    ASSERT_TRUE(with.render_scene_rgba(i, b));
    EXPECT_NE(with.layout(i).note.find("DE"), std::string::npos) << with.layout(i).note;
    const P2 q = with.layout(i).cam.to_screen(reach->whatif.front().pos + P2{3000, -3000});
    const unsigned char *pa = px(a, W, int(q.x), int(q.y)), *pb = px(b, W, int(q.x), int(q.y));
    EXPECT_GT(std::abs(int(pa[0]) - int(pb[0])) + std::abs(int(pa[1]) - int(pb[1])) + std::abs(int(pa[2]) - int(pb[2])), 60);
}

TEST(PresenterRender, MidFlightFrameIsBetweenTheScenes) {
    Env& e = env();
    const int W = 640, H = 360;
    Presenter p(e.data, e.renderer, e.deck);
    p.set_size(W, H);
    // Scene 3 (all of Twente) to scene 4 (Hengelo-Enschede): a zoom in with a pan.
    p.go(2, false);
    const Camera a = p.layout(2).cam, b = p.layout(3).cam;
    p.command(Cmd::Next);
    ASSERT_TRUE(p.flying());
    EXPECT_EQ(p.current(), 3);
    p.update(0.05);
    for (int k = 0; k < 200 && p.flight_t() < 0.5; ++k) p.update(0.02);
    const Camera m = p.camera();
    ASSERT_TRUE(std::isfinite(m.centre.x) && std::isfinite(m.centre.y) && std::isfinite(m.mpp));
    // Between the two cameras: on the segment between the centres, scale between (or above: the flight climbs).
    const double t = ((m.centre.x - a.centre.x) * (b.centre.x - a.centre.x) + (m.centre.y - a.centre.y) * (b.centre.y - a.centre.y)) /
                     std::pow(geo::dist(a.centre, b.centre), 2);
    EXPECT_GT(t, 0.05);
    EXPECT_LT(t, 0.95);
    EXPECT_GT(m.mpp, std::min(a.mpp, b.mpp));
    EXPECT_LT(m.mpp, 3 * std::max(a.mpp, b.mpp));
    RenderTarget rt;
    ASSERT_TRUE(rt.create(W, H, 0));
    p.draw(rt.fbo);
    std::vector<unsigned char> img(size_t(W) * H * 4);
    rt.read_rgba(img.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // Sensible: a map (many colours), not a blank or black frame; Enschede's and Hengelo's area drawn where the
    // mid camera puts them (the municipality fill is white on this scene: check a base colour in Germany instead).
    int black = 0, distinct = 0;
    std::vector<bool> seen(1 << 12);
    for (size_t i = 0; i < img.size(); i += 4) {
        black += img[i] < 10 && img[i + 1] < 10 && img[i + 2] < 10;
        const int key = (img[i] >> 4) << 8 | (img[i + 1] >> 4) << 4 | (img[i + 2] >> 4);
        if (!seen[size_t(key)]) { seen[size_t(key)] = true; ++distinct; }
    }
    EXPECT_LT(black, W * H / 20);
    EXPECT_GT(distinct, 12);
    // Germany, east of Twente: a few points, since a German place's label may lie on one of them.
    int in_view = 0, germany = 0;
    for (P2 g : {P2{272500, 476000}, P2{275000, 468000}, P2{277000, 484000}}) {
        const P2 de = m.to_screen(g);
        if (de.x < 0 || de.x >= W || de.y < 0 || de.y >= H) continue;
        ++in_view;
        germany += same_rgb8(px(img, W, int(de.x), int(de.y)), base_colours().germany, 6);
    }
    if (in_view > 0) {
        EXPECT_GE(germany, 1);
    }
    // The flight ends at scene 4's camera.
    for (int k = 0; k < 400 && p.flying(); ++k) p.update(0.05);
    EXPECT_FALSE(p.flying());
    EXPECT_NEAR(p.camera().centre.x, b.centre.x, 1e-6);
    EXPECT_NEAR(p.camera().mpp, b.mpp, 1e-9);
}

// A transition: the caption and furniture fade out while the camera still rests on the scene, the camera
// flies (u 0 -> 1), the next scene's caption and furniture fade in after it has landed.
TEST(PresenterRender, FurnitureFadesBeforeTheFlightAndAfterLanding) {
    Env& e = env();
    const int W = 640, H = 360;
    Presenter p(e.data, e.renderer, e.deck);
    p.set_size(W, H);
    p.go(2, false);
    const Camera a = p.layout(2).cam, b = p.layout(3).cam;
    const geo::BBox panel = p.layout(2).panel;
    RenderTarget rt;
    ASSERT_TRUE(rt.create(W, H, 0));
    auto frame = [&] {
        std::vector<unsigned char> img(size_t(W) * H * 4);
        p.draw(rt.fbo);
        rt.read_rgba(img.data());
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        return img;
    };
    // Mean absolute difference (per channel) of two frames inside a screen rectangle.
    auto diff = [&](const std::vector<unsigned char>& x, const std::vector<unsigned char>& y, const geo::BBox& r) {
        double sum = 0;
        int n = 0;
        for (int yy = std::max(0, int(r.miny)); yy < std::min(H, int(r.maxy)); ++yy)
            for (int xx = std::max(0, int(r.minx)); xx < std::min(W, int(r.maxx)); ++xx, ++n)
                for (int c = 0; c < 3; ++c) sum += std::abs(int(px(x, W, xx, yy)[c]) - int(px(y, W, xx, yy)[c]));
        return n ? sum / (3.0 * n) : 0.0;
    };
    // Dark (text) pixels inside a rectangle.
    auto dark = [&](const std::vector<unsigned char>& x, const geo::BBox& r) {
        int n = 0;
        for (int yy = std::max(0, int(r.miny)); yy < std::min(H, int(r.maxy)); ++yy)
            for (int xx = std::max(0, int(r.minx)); xx < std::min(W, int(r.maxx)); ++xx)
                n += px(x, W, xx, yy)[0] + px(x, W, xx, yy)[1] + px(x, W, xx, yy)[2] < 3 * 100;
        return n;
    };
    const auto rest = frame();
    p.command(Cmd::Next);
    ASSERT_TRUE(p.flying());
    p.update(0.15);  // half of the 0.3 s fade-out
    Presenter::Phase ph = p.phase();
    EXPECT_GT(ph.leaving, 0.2f);
    EXPECT_LT(ph.leaving, 0.8f);
    EXPECT_EQ(ph.u, 0.0);
    EXPECT_NEAR(p.camera().centre.x, a.centre.x, 1e-9);
    EXPECT_NEAR(p.camera().mpp, a.mpp, 1e-12);
    const auto leaving = frame();
    // The caption's text is fading, the map beside it hardly changes.
    EXPECT_GT(dark(rest, panel), 300);
    EXPECT_LT(dark(leaving, panel), dark(rest, panel) / 2);
    EXPECT_LT(diff(rest, leaving, {W * 0.3, H * 0.15, W * 0.7, panel.miny - 20}), 4.0);
    // Only where the snapshot differs from the bare picture is blended: far less than the whole screen.
    EXPECT_GT(p.stats().fade_area, 0.02);
    EXPECT_LT(p.stats().fade_area, 0.7);
    // Flying: no furniture left, the camera between the scenes.
    for (int k = 0; k < 400 && p.phase().leaving > 0; ++k) p.update(1.0 / 60);
    p.update(0.2);
    ph = p.phase();
    EXPECT_EQ(ph.leaving, 0.f);
    EXPECT_EQ(ph.arriving, 0.f);
    EXPECT_GT(ph.u, 0.0);
    EXPECT_LT(ph.u, 1.0);
    // Landed: the camera is scene 4's while its furniture fades in.
    for (int k = 0; k < 1000 && p.phase().arriving == 0 && p.flying(); ++k) p.update(1.0 / 60);
    ASSERT_TRUE(p.flying());
    EXPECT_GT(p.phase().arriving, 0.f);
    EXPECT_EQ(p.phase().u, 1.0);
    EXPECT_NEAR(p.camera().centre.x, b.centre.x, 1e-6);
    for (int k = 0; k < 100 && p.flying(); ++k) p.update(1.0 / 60);
    EXPECT_FALSE(p.flying());
    // At rest the frame is scene 4's picture, copied exactly (what render_scene_rgba gives for handouts).
    std::vector<unsigned char> handout;
    const auto landed = frame();
    ASSERT_TRUE(p.render_scene_rgba(3, handout));
    EXPECT_EQ(diff(landed, handout, {0, 0, double(W), double(H)}), 0.0);
}

TEST(PresenterRender, BlankScreensAndLanguage) {
    Env& e = env();
    const int W = 320, H = 200;
    Presenter p(e.data, e.renderer, e.deck);
    p.set_size(W, H);
    RenderTarget rt;
    ASSERT_TRUE(rt.create(W, H, 0));
    std::vector<unsigned char> img(size_t(W) * H * 4);
    p.command(Cmd::White);
    p.draw(rt.fbo);
    rt.read_rgba(img.data());
    for (int k : {0, W * H / 2, W * H - 1}) EXPECT_EQ(img[size_t(k) * 4], 255);
    p.command(Cmd::Black);
    p.draw(rt.fbo);
    rt.read_rgba(img.data());
    for (int k : {0, W * H / 2, W * H - 1}) EXPECT_EQ(img[size_t(k) * 4 + 1], 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // L switches the captions (and the whole UI) to English and back.
    ASSERT_EQ(lang(), Lang::NL);
    p.command(Cmd::Black);  // picture back
    EXPECT_EQ(p.layout(1).title, "Waar Twente woont");
    p.command(Cmd::Lang);
    EXPECT_EQ(lang(), Lang::EN);
    EXPECT_EQ(p.layout(1).title, "Where Twente lives");
    p.command(Cmd::Lang);
    EXPECT_EQ(lang(), Lang::NL);
}

TEST(PresenterRender, BrokenReloadKeepsTheDeckAndSavesEdits) {
    Env& e = env();
    const std::string path = (std::filesystem::temp_directory_path() / "trekkaart_presenter_test.json").string();
    ASSERT_EQ(save_deck(e.deck, path), "");
    Deck d = load_deck(path, &e.cat);
    Presenter p(e.data, e.renderer, d);
    p.set_size(320, 200);
    const size_t n = d.scenes.size();
    // A broken file: the message names line and column, the deck stays.
    {
        std::ofstream f(path, std::ios::trunc);
        f << "{\n  \"scenes\": [\n    {\"title\": \"x\",\n";
    }
    p.command(Cmd::Reload);
    EXPECT_EQ(p.deck().scenes.size(), n);
    EXPECT_TRUE(p.message_is_error());
    EXPECT_NE(p.message().find("trekkaart_presenter_test.json:4:1:"), std::string::npos) << p.message();
    // Ctrl+S: the current view becomes a new scene after the current one, and the file is written.
    ASSERT_EQ(save_deck(d, path), "");
    p.go(1, false);
    p.command(Cmd::SaveView);
    EXPECT_EQ(p.deck().scenes.size(), n + 1);
    EXPECT_EQ(p.current(), 2);
    Deck back = load_deck(path, &e.cat);
    ASSERT_EQ(back.scenes.size(), n + 1);
    EXPECT_TRUE(same_content(back.scenes[2], d.scenes[1]));
    // Ctrl+PageUp moves it back before its original and saves.
    p.command(Cmd::MoveEarlier);
    EXPECT_EQ(p.current(), 1);
    back = load_deck(path, &e.cat);
    EXPECT_EQ(back.scenes[1].title.nl, "Nieuwe scène");
    EXPECT_EQ(back.scenes[2].title.nl, d.scenes[1].title.nl);
    std::filesystem::remove(path);
}
