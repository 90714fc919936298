// SDF text: fonts and a glyph atlas shared per process (lazy baking), per-renderer GL objects.
//
// Distance convention: the atlas stores stb_truetype SDF values, 128 on the outline, +128/pad per
// texel inside, -128/pad per texel outside, clamped to 0..255 (so ±pad texels are representable).
// The shader turns a sample into a signed distance in output pixels and covers each pixel with a 1 px
// box filter: coverage = clamp(d + 0.5, 0, 1); the halo is the same test at d + halo_px.
//
// Two tiers of glyphs share the atlas: text up to kBigFrom px uses glyphs baked at a 32 px em, larger
// text (titles, poster exports) glyphs baked at a 96 px em, so corners stay sharp when magnified.
#include "viewer/render/text.h"

#include <SDL.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "viewer/render/gl.h"

namespace viewer {

namespace {

struct Tier {
    float em;  // em size (texels) glyphs are baked at
    int pad;   // distance range around each glyph, texels
};
constexpr Tier kTiers[2] = {{32, 8}, {96, 12}};
constexpr float kBigFrom = 48;  // text larger than this uses tier 1
constexpr unsigned char kOnEdge = 128;
int tier_for(float size_px) { return size_px > kBigFrom ? 1 : 0; }
constexpr int kAtlasW = 1024, kAtlasMaxH = 4096;

// Optional fallback faces for symbols the primary fonts lack (arrows etc.); skipped when absent.
const char* const kFallbackRegular[] = {"/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf",
                                        "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
                                        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
const char* const kFallbackBold[] = {"/usr/share/fonts/truetype/noto/NotoSansSymbols-Bold.ttf",
                                     "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
                                     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"};

struct Face {
    int id = 0;
    std::string path;
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
    float unit = 0;  // font units -> px for a 1 px em
    float ascent = 0, descent = 0, line_gap = 0, cap_height = 0, x_height = 0;  // em units (descent > 0)
    std::unordered_map<char32_t, int> cmap;
    std::unordered_map<uint64_t, float> kern;  // glyph pair -> em units
};

struct AtlasGlyph {
    int x = 0, y = 0, w = 0, h = 0;  // texel rect; w == 0 for glyphs without ink (space)
    float xoff = 0, yoff = 0;        // bitmap top-left relative to the pen position, texels (y down)
};

struct Atlas {
    int h = 256;
    std::vector<unsigned char> pix = std::vector<unsigned char>(size_t(kAtlasW) * 256, 0);
    int shelf_x = 1, shelf_y = 1, shelf_h = 0;
    std::vector<std::array<int, 2>> added_rows;  // row range of every glyph, in baking order
    std::unordered_map<uint64_t, AtlasGlyph> glyphs;  // key: tier << 62 | face id << 32 | glyph index
    bool warned_full = false;
};

struct Registry {
    std::mutex m;
    std::map<std::string, std::unique_ptr<Face>> faces;
    Atlas atlas;
    std::thread warm;  // background prewarm (TextRenderer::prewarm)
    std::atomic<bool> stop{false};
    ~Registry() {
        stop = true;
        if (warm.joinable()) warm.join();
    }
};
Registry& registry() {
    static Registry r;
    return r;
}

// Loads (once per process) a font file. Caller holds the registry lock.
Face* load_face(const std::string& path, bool required) {
    Registry& r = registry();
    auto it = r.faces.find(path);
    if (it != r.faces.end()) return it->second.get();
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) {
        if (!required) return nullptr;
        throw std::runtime_error("font not found: " + path + " (install fonts-noto-core or pass another .ttf)");
    }
    auto face = std::make_unique<Face>();
    const std::streamoff size = f.tellg();
    face->data.resize(size_t(std::max<std::streamoff>(size, 0)));
    f.seekg(0);
    if (!f.read(reinterpret_cast<char*>(face->data.data()), std::streamsize(face->data.size()))) {
        if (!required) return nullptr;
        throw std::runtime_error("cannot read font file: " + path);
    }
    const int offset = face->data.size() >= 12 ? stbtt_GetFontOffsetForIndex(face->data.data(), 0) : -1;
    if (offset < 0 || !stbtt_InitFont(&face->info, face->data.data(), offset)) {
        if (!required) return nullptr;
        throw std::runtime_error("not a TrueType/OpenType font: " + path);
    }
    face->id = int(r.faces.size());
    face->path = path;
    face->unit = stbtt_ScaleForMappingEmToPixels(&face->info, 1.f);
    int asc = 0, desc = 0, gap = 0;
    stbtt_GetFontVMetrics(&face->info, &asc, &desc, &gap);
    face->ascent = asc * face->unit;
    face->descent = -desc * face->unit;
    face->line_gap = gap * face->unit;
    int x0, y0, x1, y1;
    if (stbtt_GetCodepointBox(&face->info, 'H', &x0, &y0, &x1, &y1)) face->cap_height = y1 * face->unit;
    if (stbtt_GetCodepointBox(&face->info, 'x', &x0, &y0, &x1, &y1)) face->x_height = y1 * face->unit;
    Face* out = face.get();
    r.faces.emplace(path, std::move(face));
    return out;
}

int glyph_index(Face* f, char32_t cp) {
    auto it = f->cmap.find(cp);
    if (it != f->cmap.end()) return it->second;
    const int g = stbtt_FindGlyphIndex(&f->info, int(cp));
    f->cmap.emplace(cp, g);
    return g;
}

float kerning(Face* f, int a, int b) {
    const uint64_t key = uint64_t(uint32_t(a)) << 32 | uint32_t(b);
    auto it = f->kern.find(key);
    if (it != f->kern.end()) return it->second;
    const float k = stbtt_GetGlyphKernAdvance(&f->info, a, b) * f->unit;
    f->kern.emplace(key, k);
    return k;
}

uint64_t glyph_key(const Face* f, int glyph, int tier) {
    return uint64_t(tier) << 62 | uint64_t(uint32_t(f->id)) << 32 | uint32_t(glyph);
}

// One glyph's SDF bitmap from stb_truetype (nullptr for glyphs without ink).
struct Sdf {
    unsigned char* px = nullptr;
    int w = 0, h = 0, xoff = 0, yoff = 0;
    Sdf() = default;
    Sdf(const Sdf&) = delete;
    Sdf& operator=(const Sdf&) = delete;
    ~Sdf() {
        if (px) stbtt_FreeSDF(px, nullptr);
    }
};

// Needs no lock: reads only the immutable font data (info, unit) of a loaded face.
void make_sdf(const Face* f, int glyph, int tier, Sdf& out) {
    const Tier t = kTiers[tier];
    out.px = stbtt_GetGlyphSDF(&f->info, f->unit * t.em, glyph, t.pad, kOnEdge, 128.f / t.pad, &out.w, &out.h,
                               &out.xoff, &out.yoff);
}

// Packs a baked bitmap into the shared atlas. Caller holds the registry lock.
const AtlasGlyph& insert(uint64_t key, const Sdf& sdf) {
    Atlas& a = registry().atlas;
    AtlasGlyph g;
    const int w = sdf.w, h = sdf.h;
    if (sdf.px && w > 0 && h > 0 && w < kAtlasW - 2) {
        // Shelf packing with a 1-texel gap (value 0 = far outside) so bilinear taps never bleed.
        if (a.shelf_x + w + 1 > kAtlasW) {
            a.shelf_y += a.shelf_h + 1;
            a.shelf_x = 1;
            a.shelf_h = 0;
        }
        while (a.shelf_y + h + 1 > a.h && a.h < kAtlasMaxH) {
            a.h *= 2;
            a.pix.resize(size_t(kAtlasW) * a.h, 0);
        }
        if (a.shelf_y + h + 1 <= a.h) {
            g.x = a.shelf_x;
            g.y = a.shelf_y;
            g.w = w;
            g.h = h;
            g.xoff = float(sdf.xoff);
            g.yoff = float(sdf.yoff);
            for (int row = 0; row < h; ++row)
                std::copy_n(sdf.px + size_t(row) * w, w, &a.pix[size_t(g.y + row) * kAtlasW + g.x]);
            a.shelf_x += w + 1;
            a.shelf_h = std::max(a.shelf_h, h);
            a.added_rows.push_back({g.y, g.y + h});
        } else if (!a.warned_full) {
            a.warned_full = true;
            std::fprintf(stderr, "trekkaart: text atlas full (%d glyphs); further new glyphs are not drawn\n",
                         int(a.glyphs.size()));
        }
    }
    return a.glyphs.emplace(key, g).first->second;
}

// A glyph's atlas entry, baked on first use. Caller holds the registry lock.
const AtlasGlyph& baked(Face* f, int glyph, int tier) {
    const uint64_t key = glyph_key(f, glyph, tier);
    auto& glyphs = registry().atlas.glyphs;
    auto it = glyphs.find(key);
    if (it != glyphs.end()) return it->second;
    Sdf sdf;
    make_sdf(f, glyph, tier, sdf);
    return insert(key, sdf);
}

struct GlyphRef {
    Face* face = nullptr;
    int glyph = 0;
};

struct LaidGlyph {
    GlyphRef ref;
    float x = 0;  // pen position from the line start, em units
    int line = 0;
};

struct Layout {
    std::vector<LaidGlyph> glyphs;
    std::vector<float> line_w;  // em units
    float width() const { return line_w.empty() ? 0.f : *std::max_element(line_w.begin(), line_w.end()); }
};

bool is_invisible_control(char32_t c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xad || c == 0x200b || c == 0xfeff;
}

unsigned char to_byte(float v) { return (unsigned char)std::lround(std::clamp(v, 0.f, 1.f) * 255.f); }

struct Vertex {
    float x, y, u, v;          // px; atlas texels
    unsigned char fill[4];
    unsigned char halo[4];
    float px_per_unit, halo_px;  // output px per 1.0 of normalised SDF value; halo width px
};
static_assert(sizeof(Vertex) == 32);

}  // namespace

struct TextRenderer::Impl {
    std::vector<Face*> chain[2];  // [bold]: primary face, then fallbacks once needed
    bool fallbacks_loaded[2] = {false, false};
    std::unordered_map<char32_t, GlyphRef> resolved[2];
    std::vector<Vertex> queue;

    GLuint prog = 0, vao = 0, vbo = 0, tex = 0;
    SDL_GLContext gl_ctx = nullptr;  // context our GL objects live in
    GLint loc_viewport = -1, loc_atlas_size = -1, loc_pass = -1, loc_atlas = -1;
    int tex_h = 0;
    size_t uploaded = 0;  // atlas.added_rows already in our texture

    // Caller holds the registry lock.
    GlyphRef resolve(char32_t cp, bool bold) {
        auto& cache = resolved[bold];
        auto it = cache.find(cp);
        if (it != cache.end()) return it->second;
        GlyphRef ref{chain[bold][0], 0};  // .notdef of the primary face
        for (size_t i = 0; i <= chain[bold].size(); ++i) {
            if (i == chain[bold].size()) {  // not in the faces loaded so far: load the fallbacks once
                if (fallbacks_loaded[bold]) break;
                fallbacks_loaded[bold] = true;
                for (const char* p : bold ? kFallbackBold : kFallbackRegular)
                    if (Face* f = load_face(p, false)) chain[bold].push_back(f);
                if (i == chain[bold].size()) break;
            }
            if (int g = glyph_index(chain[bold][i], cp)) {
                ref = {chain[bold][i], g};
                break;
            }
        }
        cache.emplace(cp, ref);
        return ref;
    }

    Layout layout(std::string_view utf8, bool bold) {
        Layout out;
        out.line_w.push_back(0);
        GlyphRef prev;
        for (char32_t c : decode_utf8(utf8)) {
            if (c == '\n') {
                out.line_w.push_back(0);
                prev = {};
                continue;
            }
            if (c == '\t') c = ' ';
            if (is_invisible_control(c)) continue;
            const GlyphRef ref = resolve(c, bold);
            float& pen = out.line_w.back();
            if (prev.face == ref.face && prev.face) pen += kerning(ref.face, prev.glyph, ref.glyph);
            out.glyphs.push_back({ref, pen, int(out.line_w.size()) - 1});
            int adv = 0, lsb = 0;
            stbtt_GetGlyphHMetrics(&ref.face->info, ref.glyph, &adv, &lsb);
            pen += adv * ref.face->unit;
            prev = ref;
        }
        return out;
    }

    const Face& primary(bool bold) const { return *chain[bold][0]; }
    float box_height(const Layout& l, bool bold) const {
        const Face& f = primary(bold);
        return f.ascent + f.descent + float(l.line_w.size() - 1) * (f.ascent + f.descent + f.line_gap);
    }

    void init_gl();
    void sync_atlas();
};

std::vector<std::string> font_chain_files(bool bold) {
    std::vector<std::string> v = {bold ? kDefaultBoldFont : kDefaultRegularFont};
    for (const char* f : bold ? kFallbackBold : kFallbackRegular)
        if (std::ifstream(f).good()) v.push_back(f);
    return v;
}

TextRenderer::TextRenderer(const std::string& regular_ttf, const std::string& bold_ttf)
    : impl_(std::make_unique<Impl>()) {
    std::lock_guard lock(registry().m);
    impl_->chain[0].push_back(load_face(regular_ttf, true));
    impl_->chain[1].push_back(load_face(bold_ttf, true));
}

void TextRenderer::prewarm(bool async) {
    std::vector<std::pair<Face*, int>> todo;
    {
        std::lock_guard lock(registry().m);
        for (int bold = 0; bold < 2; ++bold)
            for (char32_t c = 0x21; c < 0x180; ++c)
                if (c < 0x7f || (c > 0xa0 && c < 0x100) || c == 0x132 || c == 0x133 || c == 0x141 || c == 0x142)
                    if (int g = glyph_index(impl_->chain[bold][0], c)) todo.emplace_back(impl_->chain[bold][0], g);
    }
    auto work = [todo] {
        Registry& r = registry();
        for (const auto& [face, glyph] : todo) {
            if (r.stop) return;
            const uint64_t key = glyph_key(face, glyph, 0);
            {
                std::lock_guard lock(r.m);
                if (r.atlas.glyphs.count(key)) continue;
            }
            Sdf sdf;
            make_sdf(face, glyph, 0, sdf);  // the slow part, outside the lock: add() is never held up
            std::lock_guard lock(r.m);
            if (!r.atlas.glyphs.count(key)) insert(key, sdf);
        }
    };
    if (!async) return work();
    Registry& r = registry();
    std::lock_guard lock(r.m);
    if (!r.warm.joinable()) r.warm = std::thread(work);  // once per process
}

TextRenderer::~TextRenderer() {
    // Only when our context is still current: calling GL without one aborts (epoxy). When the context is
    // already gone, it took our objects with it.
    if (!impl_->prog || SDL_GL_GetCurrentContext() != impl_->gl_ctx) return;
    if (impl_->vbo) glDeleteBuffers(1, &impl_->vbo);
    if (impl_->vao) glDeleteVertexArrays(1, &impl_->vao);
    if (impl_->tex) glDeleteTextures(1, &impl_->tex);
    if (impl_->prog) glDeleteProgram(impl_->prog);
}

TextExtent TextRenderer::measure(std::string_view utf8, float size_px, bool bold) const {
    std::lock_guard lock(registry().m);
    const Layout l = impl_->layout(utf8, bold);
    return {l.width() * size_px, impl_->box_height(l, bold) * size_px};
}

FontMetrics TextRenderer::metrics(float size_px, bool bold) const {
    const Face& f = impl_->primary(bold);
    return {f.ascent * size_px, f.descent * size_px, (f.ascent + f.descent + f.line_gap) * size_px,
            f.cap_height * size_px, f.x_height * size_px};
}

bool TextRenderer::has_glyph(char32_t cp, bool bold) const {
    std::lock_guard lock(registry().m);
    return impl_->resolve(cp, bold).glyph != 0;
}

float TextRenderer::max_halo_px(float size_px) {
    const Tier t = kTiers[tier_for(size_px)];
    return (float(t.pad) - 1) * size_px / t.em;
}

size_t TextRenderer::queued_glyphs() const { return impl_->queue.size() / 6; }
void TextRenderer::clear() { impl_->queue.clear(); }

TextBox TextRenderer::add(std::string_view utf8, float x_px, float y_px, const TextStyle& st, Anchor anchor) {
    std::lock_guard lock(registry().m);
    const Layout l = impl_->layout(utf8, st.bold);
    const float size = std::max(st.size_px, 0.f);
    const float w = l.width() * size, h = impl_->box_height(l, st.bold) * size;
    const int ai = int(anchor);
    const float ax = float(ai % 3) * 0.5f, ay = float(ai / 3) * 0.5f;  // 0 / 0.5 / 1 of the box
    TextBox box;
    box.x0 = std::round(x_px - w * ax);
    box.y0 = std::round(y_px - h * ay);
    box.x1 = box.x0 + w;
    box.y1 = box.y0 + h;
    if (!(size > 0) || !std::isfinite(box.x0) || !std::isfinite(box.y0)) return box;

    const Face& prim = impl_->primary(st.bold);
    const float line_h = (prim.ascent + prim.descent + prim.line_gap) * size;
    const int tier = tier_for(size);
    const float k = size / kTiers[tier].em;  // output px per atlas texel
    const float halo = std::clamp(st.halo_px, 0.f, max_halo_px(size));
    Vertex proto{};
    for (int i = 0; i < 4; ++i) {
        proto.fill[i] = to_byte(st.rgba[i]);
        proto.halo[i] = halo > 0 ? to_byte(st.halo_rgba[i]) : 0;
    }
    proto.px_per_unit = k * 255.f * float(kTiers[tier].pad) / 128.f;
    proto.halo_px = halo;
    // The baked bitmaps carry `pad` texels of distance field around the ink; draw only what the halo and
    // the 1 px antialiasing ramp need (fewer fragments for small text without halo).
    const float inset = std::clamp(float(kTiers[tier].pad) - (halo + 1.5f) / k, 0.f, float(kTiers[tier].pad));
    for (const LaidGlyph& lg : l.glyphs) {
        const AtlasGlyph& g = baked(lg.ref.face, lg.ref.glyph, tier);
        if (g.w == 0) continue;
        // Whole-pixel line start and baseline keep stems and the baseline sharp.
        const float line_x = std::round(box.x0 + (w - l.line_w[lg.line] * size) * ax);
        const float baseline = std::round(box.y0 + prim.ascent * size + float(lg.line) * line_h);
        const float x0 = line_x + lg.x * size + (g.xoff + inset) * k, y0 = baseline + (g.yoff + inset) * k;
        const float x1 = x0 + (g.w - 2 * inset) * k, y1 = y0 + (g.h - 2 * inset) * k;
        const float u0 = g.x + inset, v0 = g.y + inset, u1 = g.x + g.w - inset, v1 = g.y + g.h - inset;
        const float corners[6][4] = {{x0, y0, u0, v0}, {x1, y0, u1, v0}, {x1, y1, u1, v1},
                                     {x0, y0, u0, v0}, {x1, y1, u1, v1}, {x0, y1, u0, v1}};
        for (const auto& c : corners) {
            Vertex v = proto;
            v.x = c[0];
            v.y = c[1];
            v.u = c[2];
            v.v = c[3];
            impl_->queue.push_back(v);
        }
    }
    return box;
}

void TextRenderer::Impl::init_gl() {
    prog = make_program("text.vert.glsl", "text.frag.glsl");
    gl_ctx = SDL_GL_GetCurrentContext();
    loc_viewport = glGetUniformLocation(prog, "u_viewport");
    loc_atlas_size = glGetUniformLocation(prog, "u_atlas_size");
    loc_pass = glGetUniformLocation(prog, "u_pass");
    loc_atlas = glGetUniformLocation(prog, "u_atlas");
    glGenVertexArrays(1, &vao);
    glGenBuffers(1, &vbo);
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    const GLsizei stride = sizeof(Vertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 4, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(Vertex, x));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (void*)offsetof(Vertex, fill));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (void*)offsetof(Vertex, halo));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, stride, (void*)offsetof(Vertex, px_per_unit));
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

// Brings our texture up to date with the shared atlas (texture 2D bound). Caller holds the registry lock.
void TextRenderer::Impl::sync_atlas() {
    const Atlas& a = registry().atlas;
    GLint align = 4;
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &align);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (tex_h != a.h) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, kAtlasW, a.h, 0, GL_RED, GL_UNSIGNED_BYTE, a.pix.data());
        tex_h = a.h;
        uploaded = a.added_rows.size();
    } else if (uploaded < a.added_rows.size()) {
        int y0 = a.h, y1 = 0;
        for (size_t i = uploaded; i < a.added_rows.size(); ++i) {
            y0 = std::min(y0, a.added_rows[i][0]);
            y1 = std::max(y1, a.added_rows[i][1]);
        }
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y0, kAtlasW, y1 - y0, GL_RED, GL_UNSIGNED_BYTE,
                        &a.pix[size_t(y0) * kAtlasW]);
        uploaded = a.added_rows.size();
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, align);
}

void TextRenderer::flush(int viewport_w, int viewport_h) {
    Impl& m = *impl_;
    if (m.queue.empty() || viewport_w <= 0 || viewport_h <= 0) {
        m.queue.clear();
        return;
    }
    // Save the state we touch.
    GLint old_prog = 0, old_vao = 0, old_buf = 0, old_tex = 0, old_active = 0;
    GLint bsrc_rgb = 0, bdst_rgb = 0, bsrc_a = 0, bdst_a = 0;
    glGetIntegerv(GL_CURRENT_PROGRAM, &old_prog);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &old_vao);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &old_buf);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &old_active);
    glActiveTexture(GL_TEXTURE0);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &old_tex);
    glGetIntegerv(GL_BLEND_SRC_RGB, &bsrc_rgb);
    glGetIntegerv(GL_BLEND_DST_RGB, &bdst_rgb);
    glGetIntegerv(GL_BLEND_SRC_ALPHA, &bsrc_a);
    glGetIntegerv(GL_BLEND_DST_ALPHA, &bdst_a);
    const GLboolean was_blend = glIsEnabled(GL_BLEND), was_depth = glIsEnabled(GL_DEPTH_TEST),
                    was_cull = glIsEnabled(GL_CULL_FACE);

    if (!m.prog) m.init_gl();
    glBindTexture(GL_TEXTURE_2D, m.tex);
    {
        std::lock_guard lock(registry().m);
        m.sync_atlas();
    }
    glUseProgram(m.prog);
    glBindVertexArray(m.vao);
    glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(m.queue.size() * sizeof(Vertex)), m.queue.data(), GL_STREAM_DRAW);
    glUniform2f(m.loc_viewport, float(viewport_w), float(viewport_h));
    glUniform2f(m.loc_atlas_size, float(kAtlasW), float(m.tex_h));
    glUniform1i(m.loc_atlas, 0);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    const bool any_halo = std::any_of(m.queue.begin(), m.queue.end(), [](const Vertex& v) { return v.halo_px > 0; });
    for (int pass = any_halo ? 0 : 1; pass < 2; ++pass) {
        glUniform1i(m.loc_pass, pass);
        glDrawArrays(GL_TRIANGLES, 0, GLsizei(m.queue.size()));
    }
    m.queue.clear();

    // Restore.
    glBlendFuncSeparate(bsrc_rgb, bdst_rgb, bsrc_a, bdst_a);
    if (!was_blend) glDisable(GL_BLEND);
    if (was_depth) glEnable(GL_DEPTH_TEST);
    if (was_cull) glEnable(GL_CULL_FACE);
    glBindTexture(GL_TEXTURE_2D, GLuint(old_tex));
    glActiveTexture(GLenum(old_active));
    glBindBuffer(GL_ARRAY_BUFFER, GLuint(old_buf));
    glBindVertexArray(GLuint(old_vao));
    glUseProgram(GLuint(old_prog));
}

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = (unsigned char)s[i];
        int len = 0;
        char32_t cp = 0, min = 0;
        if (c < 0x80) { out.push_back(c); ++i; continue; }
        if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; min = 0x80; }
        else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; min = 0x800; }
        else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; min = 0x10000; }
        else { out.push_back(0xfffd); ++i; continue; }  // stray continuation byte or 0xf8..0xff
        int k = 1;
        for (; k < len && i + k < s.size(); ++k) {
            const unsigned char cc = (unsigned char)s[i + k];
            if ((cc & 0xc0) != 0x80) break;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (k < len) { out.push_back(0xfffd); i += k; continue; }  // truncated: resync at the bad byte
        i += len;
        const bool bad = cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);
        out.push_back(bad ? char32_t(0xfffd) : cp);
    }
    return out;
}

}  // namespace viewer
