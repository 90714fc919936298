// Signed-distance-field text for OpenGL 3.3 core: map labels, legends, titles, scale-bar text.
//
// Usage (GL context current; pixel coordinates, origin top-left, y down):
//
//     viewer::TextRenderer text;                       // loads Noto Sans Regular + Bold (throws if missing)
//     viewer::TextStyle st;                            // 14 px black, no halo
//     st.size_px = 16; st.halo_px = 2;                 // white halo (default halo colour) 2 px wide
//     viewer::TextExtent e = text.measure("Enschede", 16);        // for label placement (no GL needed)
//     text.add("Enschede", 200, 120, st, viewer::Anchor::Left);   // queue; returns the box it covers
//     text.flush(viewport_w, viewport_h);              // draws everything queued (halos, then fills)
//
// Sizes are CSS-like font sizes: size_px is the em size, so a 16 px Noto Sans line is ~21.8 px high
// (ascent + descent = 1.362 em). Text is UTF-8; '\n' starts a new line (lines aligned per the anchor:
// left / centre / right). Glyphs come from the primary font, then Noto Sans Symbols / DejaVu Sans when
// installed (arrows ←↑→↓ etc.), else the font's .notdef box.
//
// Glyphs are baked lazily, on first use, into one SDF atlas shared by every TextRenderer in the
// process (~0.4-1 ms per new glyph; nothing is baked at construction; prewarm() bakes the common ones on
// a background thread). Text up to 48 px uses glyphs baked at a 32 px em, larger text (titles, print
// exports) glyphs baked at a 96 px em, so it stays sharp at any size. measure() needs no GL context.
//
// Blending: straight (non-premultiplied) alpha. flush() draws with
// glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA) — the
// same colour blending as the map renderer, with destination alpha accumulating as "over" so text on a
// transparent export stays correct. flush() saves and restores the GL state it touches (blend,
// depth test, cull face, program, VAO, buffer, texture binding); it uses the caller's viewport and
// framebuffer (and scissor, if enabled).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace viewer {

inline constexpr const char* kDefaultRegularFont = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
inline constexpr const char* kDefaultBoldFont = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

// Which point of the text box lands on (x, y).
enum class Anchor { TopLeft, Top, TopRight, Left, Center, Right, BottomLeft, Bottom, BottomRight };

struct TextStyle {
    float size_px = 14;                       // em size in output pixels (any size; crisp from ~9 px up)
    float rgba[4] = {0, 0, 0, 1};             // fill colour, straight alpha, 0..1
    float halo_rgba[4] = {1, 1, 1, 1};        // halo colour; drawn only when halo_px > 0
    float halo_px = 0;                        // halo width outside the glyph outline, px (max: max_halo_px)
    bool bold = false;
};

struct TextExtent { float w = 0, h = 0; };    // px
struct TextBox { float x0 = 0, y0 = 0, x1 = 0, y1 = 0; };  // px, y down

// Vertical metrics of the primary font at a size, in px (all positive; y down from the line top).
struct FontMetrics {
    float ascent = 0;       // line top to baseline
    float descent = 0;      // baseline to line bottom
    float line_height = 0;  // baseline-to-baseline distance for multi-line text
    float cap_height = 0;   // height of 'H' above the baseline
    float x_height = 0;     // height of 'x' above the baseline
};

class TextRenderer {
public:
    // Loads both fonts (cached per process). Throws std::runtime_error naming the path if a font is
    // missing or not a TrueType/OpenType font. No GL calls: GL objects are created at the first flush().
    explicit TextRenderer(const std::string& regular_ttf = kDefaultRegularFont,
                          const std::string& bold_ttf = kDefaultBoldFont);
    ~TextRenderer();  // deletes its GL objects if the context used by flush() is current (else leaves them)
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    // Size of the text's box: w = widest line's advance width, h = ascent + descent of the first line
    // plus line_height per extra line. Linear in size_px (kerning included).
    TextExtent measure(std::string_view utf8, float size_px, bool bold = false) const;
    FontMetrics metrics(float size_px, bool bold = false) const;

    // Queues text with its `anchor` point at (x_px, y_px); returns the box (same size as measure()).
    // The box origin is snapped to whole pixels for crisp small text.
    TextBox add(std::string_view utf8, float x_px, float y_px, const TextStyle& style,
                Anchor anchor = Anchor::TopLeft);

    // Draws everything queued into the current framebuffer, whose viewport is viewport_w x viewport_h
    // pixels, then clears the queue. All halos are drawn before all fills (two draw calls).
    void flush(int viewport_w, int viewport_h);
    void clear();                    // drops the queue without drawing

    // Bakes the common glyphs (Basic Latin, Latin-1, Ĳĳ Łł; both weights, text up to 48 px) ahead of
    // use — ~300-400 ms of CPU. async: on a background thread (once per process; add() bakes anything
    // still missing itself), so call it at start-up before loading data. Without it, the first frame
    // bakes what it uses (~0.6 ms per distinct glyph).
    void prewarm(bool async = true);
    size_t queued_glyphs() const;    // glyph quads waiting for flush()

    // True when `cp` has a real glyph in the font chain (false: it renders as the .notdef box).
    bool has_glyph(char32_t cp, bool bold = false) const;
    // Widest halo the SDF can represent at a size (halo_px is clamped to it): ~0.11-0.22 em.
    static float max_halo_px(float size_px);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// The font files of the default chain -- the primary font, then the installed fallbacks, in the order glyphs are
// looked up -- for writers that embed the fonts themselves (the PDF export).
std::vector<std::string> font_chain_files(bool bold);

// Decodes UTF-8; invalid or truncated sequences, overlongs and surrogates become U+FFFD.
std::u32string decode_utf8(std::string_view s);

}  // namespace viewer
