// The presenter's memory bound (issue 14): through the whole sample deck, forwards and back, the pictures it keeps
// stay within PresenterOptions::cache_screens full-screen pictures, a flight's keyframes within flight_screens,
// and the flights still land exactly on the scenes' cameras.
#include <gtest/gtest.h>

#include <SDL.h>

#include "geo/io/dataset.h"
#include "viewer/platform/gl_context.h"
#include "viewer/present/presenter.h"

using namespace viewer;

TEST(PresenterMemory, PicturesKeptStayWithinTheBound) {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    MapRenderer renderer(data);
    const SceneCatalog cat = SceneCatalog::from(data);
    const Deck deck = load_deck(std::string(TREKKAART_SOURCE_DIR) + "/assets/scenes/trek-in-twente.json", &cat);
    const int W = 480, H = 270;
    PresenterOptions o;
    Presenter p(data, renderer, deck, {}, o);
    p.set_size(W, H);
    const double screen = 4.0 * W * H;
    RenderTarget rt;
    ASSERT_TRUE(rt.create(W, H, 0));
    size_t most = 0;
    int flights = 0;
    auto travel = [&](Cmd c, int to) {
        while (p.prefetch_step()) most = std::max(most, p.cache_bytes());
        EXPECT_FALSE(p.prefetch_pending());
        p.command(c);
        EXPECT_EQ(p.current(), to);
        EXPECT_TRUE(p.flying());
        ++flights;
        // While flying only the flight in progress and the scenes' pictures are kept.
        EXPECT_LE(double(p.cache_bytes()), (o.flight_screens + 6) * screen + 1) << "to scene " << to + 1;
        for (int k = 0; k < 2000 && p.flying(); ++k) {
            p.draw(rt.fbo);
            p.update(1.0 / 15);
            most = std::max(most, p.cache_bytes());
        }
        EXPECT_FALSE(p.flying());
        EXPECT_NEAR(p.camera().centre.x, p.layout(to).cam.centre.x, 1e-6);
        EXPECT_NEAR(p.camera().mpp, p.layout(to).cam.mpp, 1e-9);
    };
    p.go(0, false);
    for (int i = 1; i < int(deck.scenes.size()); ++i) travel(Cmd::Next, i);
    for (int i = int(deck.scenes.size()) - 2; i >= 4; --i) travel(Cmd::Prev, i);  // back, too
    const int n = int(deck.scenes.size());
    EXPECT_EQ(flights, (n - 1) + (n - 2 - 4 + 1));  // forward through the deck, back to scene 5
    EXPECT_GT(most, size_t(6 * screen));  // it does keep pictures (the bound is not met by keeping none)
    EXPECT_LE(double(most), o.cache_screens * screen + 1);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}
