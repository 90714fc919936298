// SDF text rendering: pixels read back from an offscreen render target.
// Set TREKKAART_TEXT_PNG=/tmp/text.png to also save a sample sheet for eyeballing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "viewer/render/gl.h"
#include "viewer/output/png.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/text.h"

using namespace viewer;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> px;
    const unsigned char* at(int x, int y) const { return &px[(size_t(y) * w + x) * 4]; }
    int lum(int x, int y) const { return (at(x, y)[0] + at(x, y)[1] + at(x, y)[2]) / 3; }
};

class TextTest : public ::testing::Test {
protected:
    // One context + renderer for the whole binary, never destroyed (as in test_render.cpp): tearing down
    // the Mesa/SDL context leaks inside the driver, which LeakSanitizer would report.
    void SetUp() override {
        if (!ctx_) ctx_ = new GLContext();
        if (!text_) text_ = new TextRenderer();
    }
    // Renders whatever draw() queues onto a grey (128) background, no MSAA, and reads it back.
    template <class F>
    static Image render(int w, int h, F draw, float grey = 128.f / 255.f) {
        RenderTarget rt;
        EXPECT_TRUE(rt.create(w, h, 0));
        rt.bind();
        glClearColor(grey, grey, grey, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        draw();
        text_->flush(w, h);
        Image img{w, h, std::vector<unsigned char>(size_t(w) * h * 4)};
        rt.read_rgba(img.px.data());
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        return img;
    }
    static GLContext* ctx_;
    static TextRenderer* text_;
};
GLContext* TextTest::ctx_ = nullptr;
TextRenderer* TextTest::text_ = nullptr;

TextStyle black_on_white_halo(float size, float halo) {
    TextStyle st;
    st.size_px = size;
    st.halo_px = halo;
    return st;  // defaults: black fill, white halo
}

}  // namespace

TEST(TextUtf8, DecodesAndReplacesInvalid) {
    EXPECT_EQ(decode_utf8("Aß€"), std::u32string({U'A', 0xdf, 0x20ac}));
    EXPECT_EQ(decode_utf8("\xc5\x82"), std::u32string({0x142}));           // ł
    EXPECT_EQ(decode_utf8("\xf0\x9f\x97\xba"), std::u32string({0x1f5fa}));  // 4-byte
    EXPECT_EQ(decode_utf8("a\xff" "b"), std::u32string({U'a', 0xfffd, U'b'}));
    EXPECT_EQ(decode_utf8("\xc3"), std::u32string({0xfffd}));               // truncated at end
    EXPECT_EQ(decode_utf8("\xe2\x82" "x"), std::u32string({0xfffd, U'x'})); // truncated, resync
    EXPECT_EQ(decode_utf8("\xc0\xaf"), std::u32string({0xfffd}));           // overlong '/'
    EXPECT_EQ(decode_utf8("\xed\xa0\x80"), std::u32string({0xfffd}));       // surrogate
}

TEST(TextFonts, MissingFontNamesThePath) {
    try {
        TextRenderer t("/nonexistent/NoSuchFont.ttf");
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/NoSuchFont.ttf"), std::string::npos) << e.what();
    }
    // A file that exists but is not a font.
    try {
        TextRenderer t(kDefaultRegularFont, "/etc/hostname");
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/etc/hostname"), std::string::npos) << e.what();
    }
}

// measure() needs no GL context.
TEST(TextMeasure, GrowsWithLengthAndScalesWithSize) {
    TextRenderer t;
    const TextExtent a = t.measure("Enschede", 16), b = t.measure("Enschede – Ootmarsum", 16);
    EXPECT_GT(a.w, 40);
    EXPECT_GT(b.w, a.w + 50);
    const FontMetrics m = t.metrics(16);
    EXPECT_NEAR(a.h, m.ascent + m.descent, 1e-3);
    EXPECT_NEAR(a.h, 16 * 1.362, 0.1);  // Noto Sans: ascent 1.069 + descent 0.293 em
    for (float s : {10.f, 32.f, 72.f}) {
        const TextExtent e = t.measure("Enschede", s);
        EXPECT_NEAR(e.w / a.w, s / 16, 1e-3) << s;
        EXPECT_NEAR(e.h / a.h, s / 16, 1e-3) << s;
    }
    // Bold is wider; two lines are one line_height taller; widest line wins.
    EXPECT_GT(t.measure("Enschede", 16, true).w, a.w);
    const TextExtent two = t.measure("Enschede\nOotmarsum", 16);
    EXPECT_NEAR(two.h, a.h + m.line_height, 1e-3);
    EXPECT_NEAR(two.w, t.measure("Ootmarsum", 16).w, 1e-3);
    EXPECT_EQ(t.measure("", 16).w, 0);
    // Kerning: "AV" is narrower than A + V.
    EXPECT_LT(t.measure("AV", 40).w, t.measure("A", 40).w + t.measure("V", 40).w - 1);
}

TEST(TextMeasure, GlyphCoverage) {
    TextRenderer t;
    for (char32_t cp : {U'ë', U'ü', U'ö', U'ß', U'é', U'ï', U'ĳ', U'ł', U'Ĳ', U'–', U'—', U'’', U'“', U'”',
                        U'•', U'…', U'€', U'²', U'×', U'→', U'←', U'↑'})
        EXPECT_TRUE(t.has_glyph(cp)) << "U+" << std::hex << uint32_t(cp);
    EXPECT_TRUE(t.has_glyph(U'→', true));
    EXPECT_FALSE(t.has_glyph(0xe000));  // private use: falls back to .notdef
}

TEST_F(TextTest, BlackTextWithWhiteHaloOnGrey) {
    const int W = 400, H = 80;
    const std::string s = "Enschede – Ootmarsum ß ü";
    TextBox box;
    const Image img = render(W, H, [&] { box = text_->add(s, 20, 20, black_on_white_halo(24, 2)); });
    const TextExtent e = text_->measure(s, 24);
    EXPECT_FLOAT_EQ(box.x0, 20);
    EXPECT_FLOAT_EQ(box.y0, 20);
    EXPECT_NEAR(box.x1 - box.x0, e.w, 1e-3);

    int dark = 0, white = 0, dark_outside = 0, white_far = 0;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const int l = img.lum(x, y);
            const bool in_box = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
            const bool near_box = x >= box.x0 - 4 && x < box.x1 + 4 && y >= box.y0 - 4 && y < box.y1 + 4;
            if (l < 40) (in_box ? dark : dark_outside)++;
            if (l > 215) (near_box ? white : white_far)++;
            if (!near_box) {
                ASSERT_EQ(img.at(x, y)[0], 128) << x << "," << y;  // background untouched
            }
        }
    EXPECT_GT(dark, 400);
    EXPECT_EQ(dark_outside, 0);
    EXPECT_GT(white, 400);
    EXPECT_EQ(white_far, 0);

    // White halo hugs the ink: walking right from a dark pixel on the baseline row of 'E', we meet white
    // before grey. Check over every ink column start in the middle row of the box.
    const int row = int(box.y0 + text_->metrics(24).ascent - text_->metrics(24).cap_height / 2);
    int edges = 0, haloed = 0;
    for (int x = int(box.x0); x < int(box.x1); ++x) {
        if (img.lum(x, row) < 60 && img.lum(x + 1, row) >= 60) {  // right edge of a stroke
            ++edges;
            for (int k = 1; k <= 3 && x + k < W; ++k)
                if (img.lum(x + k, row) > 215) {
                    ++haloed;
                    break;
                }
        }
    }
    EXPECT_GT(edges, 10);
    EXPECT_GE(haloed, edges * 9 / 10) << haloed << " of " << edges;
}

TEST_F(TextTest, NoHaloMeansNoWhite) {
    const Image img = render(200, 50, [&] { text_->add("Delden", 10, 10, black_on_white_halo(20, 0)); });
    int dark = 0;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            EXPECT_LE(img.lum(x, y), 128);
            dark += img.lum(x, y) < 40;
        }
    EXPECT_GT(dark, 100);
}

TEST_F(TextTest, AnchorsPlaceTheBox) {
    TextRenderer& t = *text_;
    const TextExtent e = t.measure("Borne", 20);
    TextBox c, br;
    render(200, 100, [&] {
        c = t.add("Borne", 100, 50, black_on_white_halo(20, 0), Anchor::Center);
        br = t.add("Borne", 200, 100, black_on_white_halo(20, 0), Anchor::BottomRight);
    });
    EXPECT_NEAR((c.x0 + c.x1) / 2, 100, 0.6);
    EXPECT_NEAR((c.y0 + c.y1) / 2, 50, 0.6);
    EXPECT_NEAR(br.x1, 200, 0.6);
    EXPECT_NEAR(br.y1, 100, 0.6);
    EXPECT_NEAR(c.x1 - c.x0, e.w, 1e-3);
    EXPECT_EQ(t.queued_glyphs(), 0u);  // flushed
}

// Ink inside [x0, x1) columns of the rendered image (count of dark pixels).
static int ink(const Image& img, int x0, int x1) {
    int n = 0;
    for (int y = 0; y < img.h; ++y)
        for (int x = std::max(x0, 0); x < std::min(x1, img.w); ++x) n += img.lum(x, y) < 64;
    return n;
}

TEST_F(TextTest, LatinExtendedGlyphIsNotTheFallbackBox) {
    // Each glyph alone at 40 px; compare its ink pattern with the .notdef box (U+E000).
    auto draw1 = [&](const char* s) {
        return render(80, 80, [&] { text_->add(s, 40, 40, black_on_white_halo(40, 0), Anchor::Center); });
    };
    const Image fallback = draw1("\xee\x80\x80");
    const Image l_stroke = draw1("ł"), ij = draw1("ĳ"), e_diaeresis = draw1("ë");
    EXPECT_GT(ink(fallback, 0, 80), 100);
    for (const Image* img : {&l_stroke, &ij, &e_diaeresis}) {
        EXPECT_GT(ink(*img, 0, 80), 60);
        int differ = 0;
        for (int y = 0; y < 80; ++y)
            for (int x = 0; x < 80; ++x) differ += (img->lum(x, y) < 64) != (fallback.lum(x, y) < 64);
        EXPECT_GT(differ, 80);
    }
    // 'ł' differs from 'l' by its crossing stroke: its ink spans several times the width of the stem.
    auto ink_width = [](const Image& img) {
        int x0 = img.w, x1 = -1;
        for (int x = 0; x < img.w; ++x)
            if (ink(img, x, x + 1) > 0) x0 = std::min(x0, x), x1 = std::max(x1, x);
        return x1 - x0 + 1;
    };
    const Image l = draw1("l");
    EXPECT_LE(ink_width(l), 6);
    EXPECT_GE(ink_width(l_stroke), ink_width(l) + 4);
}

TEST_F(TextTest, LargeTitleIsSolid) {
    // A 72 px title: the stem of 'I' is solid black in its middle, the edges antialiased.
    TextBox b;
    const Image img = render(200, 140, [&] { b = text_->add("I", 100, 70, black_on_white_halo(72, 0), Anchor::Center); });
    const int mid_y = int(b.y0 + text_->metrics(72).ascent - text_->metrics(72).cap_height / 2);
    int solid = 0, partial = 0;
    for (int x = 0; x < img.w; ++x) {
        const int l = img.lum(x, mid_y);
        solid += l < 8;
        partial += l >= 8 && l < 120;
    }
    EXPECT_GE(solid, 5);    // Noto Sans 'I' stem ~0.09 em = ~6.5 px
    EXPECT_LE(partial, 4);  // crisp: at most ~2 antialiased pixels per edge
}

TEST_F(TextTest, BackgroundPrewarmRacesWithDrawing) {
    // The warm-up thread bakes into the shared atlas while this thread lays out, bakes and uploads.
    text_->prewarm(true);
    for (int round = 0; round < 3; ++round) {
        TextBox b;
        const Image img = render(300, 60, [&] { b = text_->add("Zwölf Brüßel € ÿ", 10, 10, black_on_white_halo(20, 0)); });
        EXPECT_GT(ink(img, int(b.x0), int(b.x1)), 150) << round;
    }
}

// Every size from 9 to 72 px, regular and bold, on grey and on map-like stripes: each line on grey has ink
// inside its own box. With TREKKAART_TEXT_PNG=/tmp/text.png the sheet (+ _zoom.png, _big.png) is written
// for judging by eye.
TEST_F(TextTest, SampleSheetEveryLineHasInk) {
    std::vector<TextBox> left;  // boxes on the grey half
    const int W = 900, H = 760;
    const Image img = render(W, H, [&] {
        // Map-like stripes behind the right half to judge halo legibility.
        const float stripes[4][3] = {{0.55f, 0.75f, 0.45f}, {0.2f, 0.35f, 0.7f}, {0.95f, 0.9f, 0.8f}, {0.1f, 0.1f, 0.1f}};
        glEnable(GL_SCISSOR_TEST);
        for (int i = 0; i < 18; ++i) {
            glScissor(450 + i * 25, 0, 25, H);
            glClearColor(stripes[i % 4][0], stripes[i % 4][1], stripes[i % 4][2], 1);
            glClear(GL_COLOR_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
        float y = 6;
        for (float s : {9.f, 10.f, 11.f, 12.f, 14.f, 16.f, 20.f, 28.f}) {
            TextStyle st = black_on_white_halo(s, s >= 14 ? 2.f : 1.5f);
            left.push_back(text_->add(std::to_string(int(s)) + "px Enschede – Ootmarsum ß ü ë ĳ ł € 2² × → ← ↑ “Haaksbergen”…",
                       6, y, st));
            text_->add("Enschede – Ootmarsum ß ü ë ĳ ł Haaksbergen", 455, y, st);
            y += text_->metrics(s).line_height + 1;
            st.bold = true;
            st.rgba[0] = 0.1f; st.rgba[1] = 0.2f; st.rgba[2] = 0.6f;
            left.push_back(text_->add("Bold Hengelo Oldenzaal Losser Dinkelland Tubbergen Wierden Rijssen-Holten", 6, y, st));
            y += text_->metrics(s).line_height + 3;
        }
        TextStyle title = black_on_white_halo(72, 3);
        title.bold = true;
        left.push_back(text_->add("Twente ÄÖÜ Qg", 6, y, title));
    });
    ASSERT_EQ(left.size(), 17u);
    for (size_t i = 0; i < left.size(); ++i) {
        const TextBox& b = left[i];
        int n = 0;
        for (int y = std::max(0, int(b.y0)); y < std::min(H, int(b.y1) + 1); ++y)
            for (int x = std::max(0, int(b.x0)); x < std::min(450, int(b.x1) + 1); ++x) n += img.lum(x, y) < 96;  // grey is 128
        EXPECT_GT(n, 40) << "line " << i << " has no ink";
    }
    const char* out = std::getenv("TREKKAART_TEXT_PNG");
    if (!out) return;
    EXPECT_EQ(write_png_atomic(out, img.px.data(), W, H), "");
    // 4x nearest-neighbour zoom of the small sizes, left and right (halo) halves.
    const int zw = 220, zh = 130, Z = 4;
    std::vector<unsigned char> zoom(size_t(zw * Z) * zh * Z * 4);
    for (int y = 0; y < zh * Z; ++y)
        for (int x = 0; x < zw * Z; ++x) {
            const int sx = x / Z < zw / 2 ? x / Z : 455 + x / Z - zw / 2;
            std::copy_n(img.at(sx, y / Z), 4, &zoom[(size_t(y) * zw * Z + x) * 4]);
        }
    std::string zpath = out;
    zpath = zpath.substr(0, zpath.size() - (zpath.size() > 4 && zpath.ends_with(".png") ? 4 : 0)) + "_zoom.png";
    EXPECT_EQ(write_png_atomic(zpath, zoom.data(), zw * Z, zh * Z), "");
    // Poster-size text (magnified SDF): corners and curves should stay clean.
    const Image big = render(900, 260, [&] {
        TextStyle st = black_on_white_halo(160, 6);
        text_->add("Kwaßë Ĳ", 10, 10, st);
    });
    const std::string bpath = zpath.substr(0, zpath.size() - 9) + "_big.png";
    EXPECT_EQ(write_png_atomic(bpath, big.px.data(), big.w, big.h), "");
}
