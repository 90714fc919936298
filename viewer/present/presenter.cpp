#include "viewer/present/presenter.h"
#include "viewer/present/scene_heatmaps.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "viewer/render/gl.h"
#include "viewer/platform/gl_context.h"
#include "viewer/model/i18n.h"

namespace viewer {

using geo::BBox;
using geo::P2;

namespace {

const char* L(const char* nl, const char* en) { return lang() == Lang::NL ? nl : en; }

double smoothstep(double a, double b, double x) {
    double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

BBox shrunk(const BBox& b, double m) { return {b.minx + m, b.miny + m, b.maxx - m, b.maxy - m}; }

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

// =============================================================================================================
// Navigation
// =============================================================================================================

Cmd command_for_key(int key, unsigned mod, int* digit) {
    const bool ctrl = (mod & KMOD_CTRL) != 0;
    if (digit) *digit = 0;
    if (key >= SDLK_0 && key <= SDLK_9) {
        if (digit) *digit = key - SDLK_0;
        return Cmd::Digit;
    }
    if (key >= SDLK_KP_1 && key <= SDLK_KP_9) {
        if (digit) *digit = key - SDLK_KP_1 + 1;
        return Cmd::Digit;
    }
    if (key == SDLK_KP_0) return Cmd::Digit;
    if (ctrl) {
        switch (key) {
            case SDLK_s: return Cmd::SaveView;
            case SDLK_PAGEUP: return Cmd::MoveEarlier;
            case SDLK_PAGEDOWN: return Cmd::MoveLater;
            default: return Cmd::None;
        }
    }
    switch (key) {
        case SDLK_RIGHT:
        case SDLK_DOWN:
        case SDLK_PAGEDOWN:
        case SDLK_SPACE:
        case SDLK_n: return Cmd::Next;
        case SDLK_LEFT:
        case SDLK_UP:
        case SDLK_PAGEUP:
        case SDLK_p: return Cmd::Prev;
        case SDLK_RETURN:
        case SDLK_KP_ENTER: return Cmd::Enter;
        case SDLK_BACKSPACE: return Cmd::Backspace;
        case SDLK_HOME: return Cmd::First;
        case SDLK_END: return Cmd::Last;
        case SDLK_ESCAPE: return Cmd::Escape;
        case SDLK_f:
        case SDLK_F11: return Cmd::Fullscreen;
        case SDLK_b:
        case SDLK_PERIOD: return Cmd::Black;
        case SDLK_w:
        case SDLK_COMMA: return Cmd::White;
        case SDLK_h:
        case SDLK_F1:
        case SDLK_SLASH: return Cmd::Help;
        case SDLK_l: return Cmd::Lang;
        case SDLK_r: return Cmd::Reload;
        default: return Cmd::None;
    }
}

void Navigator::set_count(int n) {
    n_ = std::max(0, n);
    cur_ = n_ > 0 ? std::clamp(cur_, 0, n_ - 1) : 0;
}

bool Navigator::go(int i) {
    if (i < 0 || i >= n_ || i == cur_) return false;
    cur_ = i;
    return true;
}

Navigator::Result Navigator::apply(Cmd c, int digit) {
    Result r;
    // While the screen is blank, navigation only brings the picture back: the next click of a clicker must
    // not skip a scene nobody saw.
    if (blank_ != Blank::None && (c == Cmd::Next || c == Cmd::Prev || c == Cmd::First || c == Cmd::Last ||
                                  c == Cmd::Enter || c == Cmd::Backspace || c == Cmd::Escape)) {
        blank_ = Blank::None;
        typed_.clear();
        r.redraw = true;
        return r;
    }
    auto move = [&](int to) {
        typed_.clear();
        help_ = false;
        r.moved = go(to);
        r.redraw = true;
    };
    switch (c) {
        case Cmd::None: break;
        case Cmd::Next: move(cur_ + 1); break;
        case Cmd::Prev: move(cur_ - 1); break;
        case Cmd::First: move(0); break;
        case Cmd::Last: move(n_ - 1); break;
        case Cmd::Digit:
            if (typed_.size() < 4 && !(typed_.empty() && digit == 0)) typed_ += char('0' + std::clamp(digit, 0, 9));
            r.redraw = true;
            break;
        case Cmd::Enter:
            if (typed_.empty()) {
                move(cur_ + 1);  // Enter alone: next, like the other presentation programs
            } else {
                const int k = std::stoi(typed_);
                typed_.clear();
                help_ = false;
                r.redraw = true;
                if (k >= 1 && k <= n_) r.moved = go(k - 1);
            }
            break;
        case Cmd::Backspace:
            if (!typed_.empty()) {
                typed_.pop_back();
                r.redraw = true;
            } else {
                move(cur_ - 1);
            }
            break;
        case Cmd::Escape:
            if (!typed_.empty()) typed_.clear();
            else if (help_) help_ = false;
            else r.quit = true;
            r.redraw = true;
            break;
        case Cmd::Black:
            blank_ = blank_ == Blank::Black ? Blank::None : Blank::Black;
            typed_.clear();
            r.redraw = true;
            break;
        case Cmd::White:
            blank_ = blank_ == Blank::White ? Blank::None : Blank::White;
            typed_.clear();
            r.redraw = true;
            break;
        case Cmd::Help:
            help_ = !help_;
            r.redraw = true;
            break;
        case Cmd::Fullscreen: r.toggle_fullscreen = r.redraw = true; break;
        case Cmd::Lang: r.toggle_lang = r.redraw = true; break;
        case Cmd::Reload: r.reload = r.redraw = true; break;
        case Cmd::SaveView: r.save_view = r.redraw = true; break;
        case Cmd::MoveEarlier: r.move_scene = -1; r.redraw = true; break;
        case Cmd::MoveLater: r.move_scene = 1; r.redraw = true; break;
    }
    return r;
}

// =============================================================================================================
// Caption layout
// =============================================================================================================

const char* panel_side_name(PanelSide s) {
    switch (s) {
        case PanelSide::Bottom: return "bottom";
        case PanelSide::Top: return "top";
        case PanelSide::Right: return "right";
        case PanelSide::Left: return "left";
    }
    return "?";
}

std::string wrap_text(const std::string& s, float max_w, float size_px, bool bold, const TextRenderer& text) {
    std::string out;
    size_t p = 0;
    bool first_par = true;
    while (p <= s.size()) {
        size_t e = s.find('\n', p);
        if (e == std::string::npos) e = s.size();
        const std::string par = s.substr(p, e - p);
        if (!first_par) out += '\n';
        first_par = false;
        std::string line;
        size_t q = 0;
        while (q < par.size()) {
            while (q < par.size() && par[q] == ' ') ++q;
            size_t we = par.find(' ', q);
            if (we == std::string::npos) we = par.size();
            if (we == q) break;
            const std::string word = par.substr(q, we - q);
            q = we;
            const std::string cand = line.empty() ? word : line + " " + word;
            if (line.empty() || text.measure(cand, size_px, bold).w <= max_w) {
                line = cand;
            } else {
                out += line + "\n";
                line = word;
            }
        }
        out += line;
        p = e + 1;
    }
    return out;
}

namespace {

bool box_contains(const LabelBox& b, P2 p, double grow) {
    return p.x >= b.x0 - grow && p.x <= b.x1 + grow && p.y >= b.y0 - grow && p.y <= b.y1 + grow;
}

}  // namespace

CaptionLayout layout_caption(const Scene& s, const std::vector<P2>& highlights_rd, int w, int h,
                             const TextRenderer& text, const FurnitureProbe& furniture, Lang lg,
                             const std::string& note) {
    CaptionLayout base;
    const float H = float(h), W = float(w);
    base.title_px = std::max(18.f, kTitleFrac * H);
    base.caption_px = std::max(14.f, kCaptionFrac * H);
    base.small_px = std::max(11.f, kSmallFrac * H);
    base.pad = std::max(10.f, 0.03f * H);
    base.accent_w = std::max(3.f, 0.006f * H);
    const float margin = std::max(6.f, 0.02f * H);
    const float text_off = base.accent_w + 0.9f * base.pad;  // text starts right of the accent bar
    const float prog_w = text.measure("88 / 88", base.small_px).w + base.pad;
    const std::string& title = s.title.get(lg);
    const std::string& caption = s.caption.get(lg);

    // Wraps the texts to max_w; returns the block's height.
    auto block = [&](CaptionLayout& L, float max_w) {
        L.title = wrap_text(title, max_w, L.title_px, true, text);
        L.caption = wrap_text(caption, max_w, L.caption_px, false, text);
        L.note = note.empty() ? "" : wrap_text(note, max_w, L.small_px, false, text);
        float bh = text.measure(L.title, L.title_px, true).h;
        if (!L.caption.empty()) bh += 0.35f * L.caption_px + text.measure(L.caption, L.caption_px).h;
        if (!L.note.empty()) bh += 0.5f * L.small_px + text.measure(L.note, L.small_px).h;
        return bh;
    };
    const float max_line = 40 * base.caption_px;  // ~85 characters: longer lines are hard to follow

    std::optional<std::vector<LabelBox>> furn0;  // furniture without a bottom inset (top/left/right panels)
    auto furniture0 = [&]() -> const std::vector<LabelBox>& {
        if (!furn0) furn0 = furniture ? furniture(scene_camera(s.camera, w, h), 0.f) : std::vector<LabelBox>{};
        return *furn0;
    };

    CaptionLayout best;
    best.violations = 1 << 30;
    Camera bottom_cam;
    for (PanelSide side : {PanelSide::Bottom, PanelSide::Top, PanelSide::Right, PanelSide::Left}) {
        CaptionLayout L = base;
        L.side = side;
        int penalty = 0;
        std::vector<LabelBox> furn;
        if (side == PanelSide::Bottom) {
            const float bh = block(L, std::min(W - 2 * base.pad - text_off - prog_w, max_line));
            const float ph = bh + 2 * base.pad;
            L.panel = {0, H - ph, W, H};
            L.free = {0, 0, W, H - ph};
            L.inset_bottom = ph;
            L.text_at = {base.pad + text_off, H - ph + base.pad};
            L.cam = scene_camera(s.camera, w, h, L.free);
            if (furniture) furn = furniture(L.cam, ph);
        } else if (side == PanelSide::Top) {
            // A band across the top, narrowed to leave furniture in the top corners (north arrow, heatmap legend).
            furn = furniture0();
            float x0 = 0, x1 = W, ph = 0;
            for (int it = 0; it < 3; ++it) {
                ph = block(L, std::min(x1 - x0 - 2 * base.pad - text_off - prog_w, max_line)) + 2 * base.pad;
                float nx0 = 0, nx1 = W;
                for (const auto& b : furn)
                    if (b.y0 < ph + margin && b.y1 > 0) {
                        if ((b.x0 + b.x1) * 0.5f > W * 0.5f) nx1 = std::min(nx1, b.x0 - margin);
                        else nx0 = std::max(nx0, b.x1 + margin);
                    }
                if (nx0 == x0 && nx1 == x1) break;
                x0 = nx0;
                x1 = nx1;
            }
            if (x1 - x0 < 0.5f * W) penalty += 100;
            L.panel = {x0, 0, x1, ph};
            L.free = {0, ph, W, H};
            L.text_at = {x0 + base.pad + text_off, base.pad};
        } else {
            // A card on the right or left, between the furniture above and below it.
            furn = furniture0();
            const float cw = std::max(0.36f * W, std::min(W - 2 * margin, 16 * base.caption_px));
            const float bh = block(L, cw - 2 * base.pad - text_off);
            const float ch = bh + 2 * base.pad + 1.5f * base.small_px;  // + the progress line
            const float cx0 = side == PanelSide::Right ? W - margin - cw : margin, cx1 = cx0 + cw;
            float top = margin, bottom = H - margin;
            for (const auto& b : furn)
                if (b.x1 > cx0 && b.x0 < cx1) {
                    if ((b.y0 + b.y1) * 0.5f < H * 0.5f) top = std::max(top, b.y1 + margin);
                    else bottom = std::min(bottom, b.y0 - margin);
                }
            if (ch > bottom - top) penalty += 100;
            L.panel = {cx0, top, cx1, top + ch};
            L.free = side == PanelSide::Right ? BBox{0, 0, cx0, H} : BBox{cx1, 0, W, H};
            L.text_at = {cx0 + base.pad + text_off, top + base.pad};
        }
        // Bottom: the scene is framed in the free area above the panel. Other sides: first keep that framing
        // (the map stays, the caption moves out of the way), then try framing the scene in their own free area.
        std::vector<Camera> cams;
        if (side == PanelSide::Bottom) cams = {L.cam};
        else cams = {bottom_cam, scene_camera(s.camera, w, h, L.free)};
        for (const Camera& cam : cams) {
            CaptionLayout C = L;
            C.cam = cam;
            // Every highlighted place must be on screen, well clear of the panel, and off the furniture.
            const double r = 0.04 * H;
            const BBox screen = shrunk({0, 0, W, H}, r);
            const BBox panel = C.panel.grown(r);
            C.violations = penalty;
            for (const P2& p : highlights_rd) {
                const P2 q = C.cam.to_screen(p);
                C.highlights_px.push_back(q);
                bool bad = !screen.contains(q) || panel.contains(q);
                for (const auto& b : furn) bad = bad || box_contains(b, q, r * 0.5);
                C.violations += bad;
            }
            if (C.violations == 0) return C;
            if (C.violations < best.violations) best = C;
        }
        if (side == PanelSide::Bottom) bottom_cam = L.cam;
    }
    return best;
}

// =============================================================================================================
// Flight keyframes
// =============================================================================================================

std::vector<KeyframePlan> plan_keyframes(const SmoothPath& path, int w, int h, double s_begin, double s_end,
                                         double max_scale) {
    std::vector<KeyframePlan> out;
    w = std::max(1, w);
    h = std::max(1, h);
    s_begin = std::clamp(s_begin, 0.0, path.length());
    s_end = std::clamp(s_end, s_begin, path.length());
    const double aspect = double(h) / w;
    auto view = [&](double s) {
        const ViewPoint v = path.at(s);
        const double hw = v.width / 2, hh = v.width * aspect / 2;
        return BBox{v.centre.x - hw, v.centre.y - hh, v.centre.x + hw, v.centre.y + hh};
    };
    const double ds = std::max((s_end - s_begin) / 600, 1e-9);
    const double lim_w = max_scale * w + 0.5, lim_h = max_scale * h + 0.5;
    double a = s_begin;
    for (;;) {
        BBox box = view(a);
        double mpp = path.w(a) / w;
        double b = a;
        while (b < s_end) {
            const double nb = std::min(s_end, b + ds);
            BBox nbox = box;
            nbox.add(view(nb));
            const double nmpp = std::min(mpp, path.w(nb) / w);
            if ((nbox.width() / nmpp > lim_w || nbox.height() / nmpp > lim_h) && b > a) break;
            box = nbox;
            mpp = nmpp;
            b = nb;
        }
        KeyframePlan p;
        p.s0 = a;
        p.s1 = b;
        p.cam.mpp = mpp;
        p.cam.centre = box.centre();
        // Two extra pixels per side cover the views between samples.
        p.cam.w = int(std::ceil(box.width() / mpp)) + 4;
        p.cam.h = int(std::ceil(box.height() / mpp)) + 4;
        out.push_back(p);
        if (b >= s_end) break;
        a = b;
    }
    return out;
}

// =============================================================================================================
// GL pieces
// =============================================================================================================

struct Presenter::Image {  // colour only: nothing the presenter draws uses depth or stencil
    GLuint tex = 0, fbo = 0;
    int w = 0, h = 0;
    Camera cam;
    bool ready = false;
    // Snapshots: where they differ from the scene's bare picture (image px, y down), for fading the furniture;
    // computed once both are ready.
    std::vector<BBox> differs;
    bool diffed = false;

    bool create(int w_, int h_) {
        if (tex && w_ == w && h_ == h) return true;
        destroy();
        w = w_;
        h = h_;
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D, tex);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glGenFramebuffers(1, &fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
        const bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        if (!ok) destroy();
        return ok;
    }
    void destroy() {
        if (fbo) glDeleteFramebuffers(1, &fbo);
        if (tex) glDeleteTextures(1, &tex);
        fbo = tex = 0;
        ready = false;
        diffed = false;
        differs.clear();
    }
    ~Image() { destroy(); }
};

struct Presenter::Flight {
    int from = -1, to = -1;
    SmoothPath path;
    double duration = 0, t = 0;
    bool shared = false;  // both scenes show the same content: one keyframe set for the whole path
    std::vector<KeyframePlan> plan_a, plan_b;
    std::vector<std::unique_ptr<Image>> a, b;
    size_t total() const { return plan_a.size() + plan_b.size(); }
    size_t done() const {
        size_t n = 0;
        for (const auto& i : a) n += i && i->ready;
        for (const auto& i : b) n += i && i->ready;
        return n;
    }
    // The picture of set `imgs` that serves path position s.
    static const Image* at(const std::vector<KeyframePlan>& plan, const std::vector<std::unique_ptr<Image>>& imgs,
                           double s) {
        for (size_t i = 0; i < plan.size(); ++i)
            if (s <= plan[i].s1 || i + 1 == plan.size()) return imgs[i] && imgs[i]->ready ? imgs[i].get() : nullptr;
        return nullptr;
    }
};

struct Presenter::Scratch {
    RenderTarget msaa;  // snapshots are rendered multisampled here, then resolved into their Image
    Image probe;        // 1x1 target for furniture probes
};

namespace {

const char* kImageVS = R"(#version 330 core
layout(location = 0) in vec2 a_px;
layout(location = 1) in vec2 a_uv;
uniform vec2 u_viewport;
out vec2 v_uv;
void main() {
    v_uv = a_uv;
    gl_Position = vec4(a_px.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_px.y / u_viewport.y * 2.0, 0.0, 1.0);
})";
const char* kImageFS = R"(#version 330 core
in vec2 v_uv;
uniform sampler2D u_tex;
uniform float u_alpha;
out vec4 frag;
void main() { frag = vec4(texture(u_tex, v_uv).rgb, u_alpha); })";

GLuint compile_inline(const char* vs, const char* fs) {
    auto sh = [](GLenum type, const char* src) {
        GLuint s = glCreateShader(type);
        glShaderSource(s, 1, &src, nullptr);
        glCompileShader(s);
        GLint ok = 0;
        glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
        if (!ok) {
            char log[2048];
            glGetShaderInfoLog(s, sizeof log, nullptr, log);
            throw std::runtime_error(std::string("presenter shader: ") + log);
        }
        return s;
    };
    GLuint v = sh(GL_VERTEX_SHADER, vs), f = sh(GL_FRAGMENT_SHADER, fs);
    GLuint p = glCreateProgram();
    glAttachShader(p, v);
    glAttachShader(p, f);
    glLinkProgram(p);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) throw std::runtime_error("presenter shader: link failed");
    return p;
}

// Screen-space triangles, 6 floats per vertex (x, y, r, g, b, a) for shaders/ui.*.glsl.
struct Tris {
    std::vector<float> v;
    void tri(P2 a, P2 b, P2 c, RGBA k) {
        for (P2 p : {a, b, c}) v.insert(v.end(), {float(p.x), float(p.y), k.r, k.g, k.b, k.a});
    }
    void rect(double x0, double y0, double x1, double y1, RGBA k) {
        tri({x0, y0}, {x1, y0}, {x1, y1}, k);
        tri({x0, y0}, {x1, y1}, {x0, y1}, k);
    }
    void frame(const BBox& b, double t, RGBA k) {
        rect(b.minx, b.miny, b.maxx, b.miny + t, k);
        rect(b.minx, b.maxy - t, b.maxx, b.maxy, k);
        rect(b.minx, b.miny, b.minx + t, b.maxy, k);
        rect(b.maxx - t, b.miny, b.maxx, b.maxy, k);
    }
    // Ring between radii r0 < r1 from angle a0 to a1 (radians), n steps.
    void arc(P2 c, double r0, double r1, double a0, double a1, int n, RGBA k) {
        for (int i = 0; i < n; ++i) {
            const double t0 = a0 + (a1 - a0) * i / n, t1 = a0 + (a1 - a0) * (i + 1) / n;
            const P2 p0{c.x + r0 * std::cos(t0), c.y + r0 * std::sin(t0)}, p1{c.x + r1 * std::cos(t0), c.y + r1 * std::sin(t0)};
            const P2 q0{c.x + r0 * std::cos(t1), c.y + r0 * std::sin(t1)}, q1{c.x + r1 * std::cos(t1), c.y + r1 * std::sin(t1)};
            tri(p0, p1, q1, k);
            tri(p0, q1, q0, k);
        }
    }
    void disc(P2 c, double r, RGBA k, int n = 32) {
        for (int i = 0; i < n; ++i) {
            const double t0 = 2 * M_PI * i / n, t1 = 2 * M_PI * (i + 1) / n;
            tri(c, {c.x + r * std::cos(t0), c.y + r * std::sin(t0)}, {c.x + r * std::cos(t1), c.y + r * std::sin(t1)}, k);
        }
    }
    void segment(P2 a, P2 b, double half_w, RGBA k) {
        const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
        if (len <= 0) return;
        const P2 n{-dy / len * half_w, dx / len * half_w};
        tri(a + n, b + n, b - n, k);
        tri(a + n, b - n, a - n, k);
    }
};

// Draws screen-space triangles with shaders/ui.*.glsl (program `prog`, vertex array `vao`, buffer `vbo`).
void draw_tris_with(GLuint prog, GLuint vao, GLuint vbo, const Tris& t, int vw, int vh) {
    if (t.v.empty()) return;
    glUseProgram(prog);
    glUniform2f(glGetUniformLocation(prog, "u_viewport"), float(vw), float(vh));
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(t.v.size() * sizeof(float)), t.v.data(), GL_STREAM_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 24, (void*)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 24, (void*)8);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(t.v.size() / 6));
    glBindVertexArray(0);
}

RGBA with_alpha(RGBA c, float a) {
    c.a *= a;
    return c;
}

TextStyle style(float px, RGBA c, bool bold, float alpha = 1, float halo = 0) {
    TextStyle t;
    t.size_px = px;
    t.rgba[0] = c.r;
    t.rgba[1] = c.g;
    t.rgba[2] = c.b;
    t.rgba[3] = c.a * alpha;
    t.bold = bold;
    t.halo_px = halo;
    t.halo_rgba[3] = 0.9f * alpha;
    return t;
}

// "reistijd naar een derde plek, fiets en trein" / "travel time to a third place, bike and train".
std::string heatmap_words(const HeatmapSpec& h) {
    const std::string T = h.threshold_min > 0 ? format_num(h.threshold_min, 0) + " min" : "";
    std::string cat;
    geo::Category c;
    if (geo::category_from_key(h.category, c)) {
        cat = tr(category_style(c).label_en);
        if (!cat.empty() && cat[0] >= 'A' && cat[0] <= 'Z') cat[0] = char(cat[0] - 'A' + 'a');
    }
    std::string m;
    switch (h.measure) {
        case Measure::TravelTime: m = L("reistijd naar de dichtstbijzijnde ", "travel time to the nearest ") + cat; break;
        case Measure::WithinT: m = L("aantal binnen ", "number within ") + T + ": " + cat; break;
        case Measure::Gravity: m = L("bereikbaarheid (zwaartekrachtmodel): ", "accessibility (gravity model): ") + cat; break;
        case Measure::TwoSFCA: m = L("aanbod per inwoner (2SFCA): ", "supply per inhabitant (2SFCA): ") + cat; break;
        case Measure::Density: m = L("dichtheid", "density") + (cat.empty() ? "" : ": " + cat); break;
        case Measure::Population: m = L("bevolking", "population"); break;
        case Measure::Reach: m = L("inwoners binnen ", "inhabitants within ") + T + L(" van een ", " of a ") + cat; break;
    }
    const char* mode = "";
    switch (h.mode) {
        case TravelMode::Walk: mode = L("lopen", "walking"); break;
        case TravelMode::Bike: mode = L("fiets", "bike"); break;
        case TravelMode::EBike: mode = "e-bike"; break;
        case TravelMode::Car: mode = L("auto", "car"); break;
        case TravelMode::BikeTrain: mode = L("fiets en trein", "bike and train"); break;
    }
    if (h.measure != Measure::Density && h.measure != Measure::Population) m += std::string(", ") + mode;
    return m;
}

}  // namespace

// =============================================================================================================
// Presenter
// =============================================================================================================

Presenter::Presenter(const geo::Dataset& data, MapRenderer& renderer, Deck deck, PresenterHooks hooks,
                     PresenterOptions opt)
    : data_(data), renderer_(renderer), deck_(std::move(deck)), hooks_(std::move(hooks)), opt_(opt) {
    nav_.set_count(int(deck_.scenes.size()));
    text_ = std::make_unique<TextRenderer>();
    scratch_ = std::make_unique<Scratch>();
    prog_ui_ = make_program("ui.vert.glsl", "ui.frag.glsl");
    prog_img_ = compile_inline(kImageVS, kImageFS);
    glGenSamplers(1, &sampler_linear_);
    glGenSamplers(1, &sampler_nearest_);
    for (GLuint sm : {sampler_linear_, sampler_nearest_}) {
        const GLint f = sm == sampler_linear_ ? GL_LINEAR : GL_NEAREST;
        glSamplerParameteri(sm, GL_TEXTURE_MIN_FILTER, f);
        glSamplerParameteri(sm, GL_TEXTURE_MAG_FILTER, f);
        glSamplerParameteri(sm, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glSamplerParameteri(sm, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    lang_seen_ = lang();
    set_size(1280, 800);
}

Presenter::~Presenter() {
    flight_.reset();
    flights_.clear();
    snapshots_.clear();
    bares_.clear();
    fade_from_.reset();
    free_image_.reset();
    scratch_.reset();
    text_.reset();
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (prog_ui_) glDeleteProgram(prog_ui_);
    if (prog_img_) glDeleteProgram(prog_img_);
    if (sampler_linear_) glDeleteSamplers(1, &sampler_linear_);
    if (sampler_nearest_) glDeleteSamplers(1, &sampler_nearest_);
}

void Presenter::drop_caches() {
    layouts_.clear();
    snapshots_.clear();
    bares_.clear();
    flights_.clear();
    free_image_.reset();
    free_dirty_ = bool(free_cam_);
}

void Presenter::set_size(int w, int h) {
    w = std::max(16, w);
    h = std::max(16, h);
    if (w == w_ && h == h_) return;
    w_ = w;
    h_ = h;
    ui_scale_ = opt_.ui_scale > 0 ? opt_.ui_scale : std::max(1.0f, h / 800.0f);
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    if (free_cam_) {
        free_cam_->w = w;
        free_cam_->h = h;
    }
    drop_caches();
}

void Presenter::check_lang() {
    if (lang() == lang_seen_) return;
    lang_seen_ = lang();
    // Captions (and so the panel and the camera) and the map's legend change: start afresh at the current scene.
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    drop_caches();
}

void Presenter::set_message(const std::string& text, bool error, double seconds) {
    message_ = text;
    message_error_ = error;
    message_left_ = seconds;
}

std::vector<P2> Presenter::highlight_points(const Scene& s) const {
    std::vector<P2> pts;
    for (const auto& id : s.venues)
        for (const auto& v : data_.venues)
            if (v.id == id) pts.push_back(v.pos);
    for (const auto& code : s.municipalities)
        if (const auto* m = data_.find_municipality(code)) pts.push_back(m->label_pos);
    for (const auto& w : s.whatif) pts.push_back(w.pos);
    return pts;
}

std::string Presenter::heatmap_note(const Scene& s) const {
    if (!s.heatmap) return "";
    if (hooks_.heatmap_note) return hooks_.heatmap_note(s);
    if (hooks_.draw_heatmap) return "";
    return std::string(L("Kaartlaag \u2018", "Map layer \u2018")) + heatmap_words(*s.heatmap) +
           L("\u2019 is in deze versie nog niet beschikbaar.", "\u2019 is not available in this version yet.");
}

const CaptionLayout& Presenter::layout(int i) {
    check_lang();
    auto it = layouts_.find(i);
    if (it != layouts_.end()) return it->second;
    const Scene& s = deck_.scenes.at(size_t(i));
    // The furniture's boxes come from a 1-pixel render of the scene (the layout is computed on the CPU).
    FurnitureProbe probe = [&](const Camera& cam, float inset) {
        GLint prev = 0, vp[4];
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev);
        glGetIntegerv(GL_VIEWPORT, vp);
        if (!scratch_->probe.create(1, 1)) return std::vector<LabelBox>{};
        glBindFramebuffer(GL_FRAMEBUFFER, scratch_->probe.fbo);
        MapView v = scene_view(s, cam, true, nullptr);
        v.inset_bottom = inset;
        RenderOptions o;
        o.tile_w = o.tile_h = 1;
        if (s.heatmap && hooks_.heatmap_legend)
            if (auto r = hooks_.heatmap_legend(s, ui_scale_)) o.ramps.push_back(*r);
        renderer_.render(v, o);
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev));
        glViewport(vp[0], vp[1], vp[2], vp[3]);
        return renderer_.last_furniture();
    };
    CaptionLayout lay = layout_caption(s, highlight_points(s), w_, h_, *text_, probe, lang(), heatmap_note(s));
    return layouts_.emplace(i, std::move(lay)).first->second;
}

MapView Presenter::scene_view(const Scene& s, const Camera& cam, bool furniture, const CaptionLayout* lay) const {
    MapView v;
    apply_scene(s, v);
    v.cam = cam;
    v.ui_scale = ui_scale_;
    v.furniture = furniture;
    if (lay) {
        v.avoid_px.push_back(lay->panel.grown(4));
        v.inset_bottom = lay->inset_bottom;
    }
    // What-if symbols and their labels are drawn on top of the map: keep map labels off them.
    const float R = 13 * ui_scale_;
    for (const auto& wi : s.whatif) {
        const P2 p = cam.to_screen(wi.pos);
        const float tw = text_->measure(wi.label.current(), 15 * ui_scale_, true).w;
        v.avoid_px.push_back({p.x - 1.9 * R, p.y - 1.9 * R, p.x + 1.9 * R + 6 * ui_scale_ + tw, p.y + 1.9 * R});
    }
    return v;
}

void Presenter::draw_whatif(const Scene& s, const Camera& cam, float su) {
    if (s.whatif.empty()) return;
    const BaseColours& bc = base_colours();
    const float R = 13 * su;
    Tris t;
    for (const auto& wi : s.whatif) {
        const P2 p = cam.to_screen(wi.pos);
        geo::Category c = geo::Category::Theatre;
        geo::category_from_key(wi.category, c);
        // A dashed outer ring says "hypothetical"; the category colour sits inside a highlight ring.
        for (int k = 0; k < 12; ++k)
            t.arc(p, 1.6 * R, 1.8 * R, k * M_PI / 6, k * M_PI / 6 + M_PI / 10, 4, bc.highlight);
        t.disc(p, 1.2 * R, hex(0xffffff, 0.95f));
        t.arc(p, 0.85 * R, 1.2 * R, 0, 2 * M_PI, 32, bc.highlight);
        t.disc(p, 0.62 * R, category_style(c).fill);
        if (!wi.label.empty())
            text_->add(wi.label.current(), float(p.x + 1.9 * R + 4 * su), float(p.y), style(15 * su, bc.text, true, 1, 2.5f * su),
                       Anchor::Left);
    }
    draw_tris_with(prog_ui_, vao_, vbo_, t, cam.w, cam.h);
    text_->flush(cam.w, cam.h);
}

void Presenter::render_picture(const Scene& s, const Camera& cam, bool furniture, const CaptionLayout* lay,
                               Image& out, int samples) {
    const double t0 = now_ms();
    out.diffed = false;  // a new picture: its differences from the bare one are found again
    out.differs.clear();
    GLint prev_fbo = 0, prev_vp[4];
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev_fbo);
    glGetIntegerv(GL_VIEWPORT, prev_vp);
    out.ready = false;
    if (!out.create(cam.w, cam.h)) throw std::runtime_error("presenter: cannot allocate a " + std::to_string(cam.w) + "x" +
                                                            std::to_string(cam.h) + " picture");
    MapView v = scene_view(s, cam, furniture, lay);
    RenderOptions o;
    const BaseColours& bc = base_colours();
    // Extra highlighted municipalities (the MapRenderer outlines only the first) and the heatmap hook.
    std::vector<const geo::Municipality*> extra;
    for (size_t k = 1; k < s.municipalities.size(); ++k)
        if (const auto* m = data_.find_municipality(s.municipalities[k])) extra.push_back(m);
    const bool heat = s.heatmap && hooks_.draw_heatmap;
    if (heat) o.overlay = [&](const Camera& tc) { hooks_.draw_heatmap(s, tc, ui_scale_); };
    if (furniture && s.heatmap && hooks_.heatmap_legend)
        if (auto r = hooks_.heatmap_legend(s, ui_scale_)) o.ramps.push_back(*r);
    const bool msaa = samples > 0;
    if (msaa) {
        RenderTarget& rt = scratch_->msaa;
        if (rt.w != cam.w || rt.h != cam.h || rt.samples == 0 || !rt.fbo) {
            if (!rt.create(cam.w, cam.h, samples)) throw std::runtime_error("presenter: cannot allocate an MSAA target");
        }
        rt.bind();
    } else {
        glBindFramebuffer(GL_FRAMEBUFFER, out.fbo);
        glViewport(0, 0, cam.w, cam.h);
    }
    renderer_.render(v, o);
    glViewport(0, 0, cam.w, cam.h);
    if (!extra.empty()) {  // same width and colour as MapRenderer's outline of the first one
        Tris t;
        const BBox vb = cam.view_bbox();
        for (const auto* m : extra) {
            if (!m->bbox.intersects(vb)) continue;
            for (const auto& poly : m->geom)
                for (const auto& ring : poly.rings)
                    for (size_t k = 0; k < ring.size(); ++k)
                        t.segment(cam.to_screen(ring[k]), cam.to_screen(ring[(k + 1) % ring.size()]), 1.5 * ui_scale_,
                                  bc.highlight);
        }
        draw_tris_with(prog_ui_, vao_, vbo_, t, cam.w, cam.h);
    }
    draw_whatif(s, cam, ui_scale_);
    if (msaa) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, scratch_->msaa.fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, out.fbo);
        glBlitFramebuffer(0, 0, cam.w, cam.h, 0, 0, cam.w, cam.h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev_fbo));
    glViewport(prev_vp[0], prev_vp[1], prev_vp[2], prev_vp[3]);
    out.cam = cam;
    out.ready = true;
    stats_.render_ms += now_ms() - t0;
}

Presenter::Image& Presenter::snapshot(int i) {
    check_lang();
    auto& slot = snapshots_[i];
    if (!slot) slot = std::make_unique<Image>();
    if (!slot->ready) {
        const CaptionLayout& lay = layout(i);
        render_picture(deck_.scenes.at(size_t(i)), lay.cam, true, &lay, *slot, opt_.snapshot_samples);
        ++stats_.snapshots_rendered;
        // Bake the caption's glyphs now (titles above 48 px use glyphs nobody else has baked yet, ~1 ms each),
        // not in the first frame that shows it: draw it once into the 1x1 probe target.
        GLint prev = 0, vp[4];
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &prev);
        glGetIntegerv(GL_VIEWPORT, vp);
        if (scratch_->probe.create(1, 1)) {
            glBindFramebuffer(GL_FRAMEBUFFER, scratch_->probe.fbo);
            glViewport(0, 0, 1, 1);
            draw_caption(lay, deck_.scenes.at(size_t(i)), 1, i);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, GLuint(prev));
        glViewport(vp[0], vp[1], vp[2], vp[3]);
    }
    return *slot;
}

Presenter::Image& Presenter::bare(int i) {
    check_lang();
    auto& slot = bares_[i];
    if (!slot) slot = std::make_unique<Image>();
    if (!slot->ready) {
        // Antialiased like the snapshot, so that the two differ only where the furniture is.
        render_picture(deck_.scenes.at(size_t(i)), layout(i).cam, false, nullptr, *slot, opt_.snapshot_samples);
        ++stats_.snapshots_rendered;
    }
    return *slot;
}

// The 32 px tiles (merged into runs along a row) where scene i's snapshot and bare picture differ: the legend,
// scale bar, north arrow, attribution, labels kept clear of the caption. Only these are blended when the
// furniture fades, instead of the whole screen.
const std::vector<BBox>& Presenter::fade_tiles(int i) {
    Image& snap = snapshot(i);
    Image& b = bare(i);
    if (snap.diffed) return snap.differs;
    snap.differs.clear();
    const int w = snap.w, h = snap.h, T = 32;
    std::vector<unsigned char> ps(size_t(w) * h * 4), pb(ps.size());
    GLint prev = 0;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, snap.fbo);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, ps.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, b.fbo);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pb.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, GLuint(prev));
    if (b.w == w && b.h == h) {
        for (int ty = 0; ty < h; ty += T) {  // GL rows: from the bottom
            int run0 = -1;
            for (int tx = 0; tx <= w; tx += T) {
                bool diff = false;
                for (int y = ty; y < std::min(h, ty + T) && !diff && tx < w; ++y) {
                    const size_t row = size_t(y) * w * 4;
                    for (int x = tx; x < std::min(w, tx + T) && !diff; ++x)
                        for (int c = 0; c < 3; ++c)
                            diff |= std::abs(int(ps[row + size_t(x) * 4 + c]) - int(pb[row + size_t(x) * 4 + c])) > 2;
                }
                if (diff && run0 < 0) run0 = tx;
                if (!diff && run0 >= 0) {  // a run of differing tiles ends: store it in image px, y down
                    snap.differs.push_back({double(run0), double(std::max(0, h - ty - T)), double(std::min(w, tx)), double(h - ty)});
                    run0 = -1;
                }
            }
        }
    } else {
        snap.differs.push_back({0, 0, double(w), double(h)});
    }
    snap.diffed = true;
    return snap.differs;
}

std::unique_ptr<Presenter::Flight> Presenter::plan_flight(int from, int to) const {
    auto* self = const_cast<Presenter*>(this);  // layouts are a cache
    auto f = std::make_unique<Flight>();
    f->from = from;
    f->to = to;
    const Camera a = self->layout(from).cam, b = self->layout(to).cam;
    f->path = SmoothPath(view_of(a), view_of(b), opt_.rho);
    const double S = f->path.length();
    f->duration = S > 0 ? flight_seconds(S, opt_.speed, opt_.min_seconds, opt_.max_seconds) : opt_.fade_seconds;
    f->shared = same_content(deck_.scenes[size_t(from)], deck_.scenes[size_t(to)]);
    // Content A is seen until 65 % of the path, content B from 35 % (they cross-fade in between).
    f->plan_a = plan_keyframes(f->path, w_, h_, 0, f->shared ? S : 0.65 * S, opt_.keyframe_scale);
    if (!f->shared) f->plan_b = plan_keyframes(f->path, w_, h_, 0.35 * S, S, opt_.keyframe_scale);
    f->a.resize(f->plan_a.size());
    f->b.resize(f->plan_b.size());
    return f;
}

bool Presenter::render_next_keyframe(Flight& f) {
    for (int side = 0; side < 2; ++side) {
        auto& plan = side == 0 ? f.plan_a : f.plan_b;
        auto& imgs = side == 0 ? f.a : f.b;
        for (size_t k = 0; k < plan.size(); ++k) {
            if (imgs[k] && imgs[k]->ready) continue;
            if (!imgs[k]) imgs[k] = std::make_unique<Image>();
            const Scene& s = deck_.scenes.at(size_t(side == 0 ? f.from : f.to));
            render_picture(s, plan[k].cam, false, nullptr, *imgs[k], 0);
            ++stats_.keyframes_rendered;
            return true;
        }
    }
    return false;
}

void Presenter::prepare_flight(int from, int to) {
    auto& f = flights_[{from, to}];
    if (!f) f = plan_flight(from, to);
    while (render_next_keyframe(*f)) {
    }
}

// Scene i's pictures for resting and fading: the snapshot, the bare picture and the tiles where they differ.
bool Presenter::scene_pictures_ready(int i) const {
    auto s = snapshots_.find(i), b = bares_.find(i);
    return s != snapshots_.end() && s->second && s->second->ready && s->second->diffed && b != bares_.end() &&
           b->second && b->second->ready;
}

// Renders the next missing one of them (one picture per step, so a key press waits for one at most); false when
// all are there.
bool Presenter::scene_pictures_step(int i) {
    if (scene_pictures_ready(i)) return false;
    auto s = snapshots_.find(i);
    auto b = bares_.find(i);
    if (s == snapshots_.end() || !s->second || !s->second->ready) snapshot(i);
    else if (b == bares_.end() || !b->second || !b->second->ready) bare(i);
    else fade_tiles(i);
    return true;
}

bool Presenter::prefetch_pending() const {
    if (deck_.scenes.empty() || animating() || free_cam_) return false;
    const int cur = nav_.current(), n = int(deck_.scenes.size());
    if (!scene_pictures_ready(cur)) return true;
    for (int j : {cur + 1, cur - 1}) {
        if (j < 0 || j >= n) continue;
        if (!scene_pictures_ready(j)) return true;
        auto f = flights_.find({cur, j});
        if (f == flights_.end() || f->second->done() < f->second->total()) return true;
    }
    return false;
}

bool Presenter::prefetch_step() {
    if (deck_.scenes.empty() || animating() || free_cam_) return false;
    check_lang();
    const int cur = nav_.current(), n = int(deck_.scenes.size());
    // Keep only what the neighbours need (keyframes are large).
    for (auto it = flights_.begin(); it != flights_.end();)
        it = it->first.first == cur ? std::next(it) : flights_.erase(it);
    for (auto* m : {&snapshots_, &bares_})
        for (auto it = m->begin(); it != m->end();)
            it = std::abs(it->first - cur) <= 1 ? std::next(it) : m->erase(it);
    if (scene_pictures_step(cur)) return true;
    for (int j : {cur + 1, cur - 1}) {
        if (j < 0 || j >= n) continue;
        if (scene_pictures_step(j)) return true;
        auto& f = flights_[{cur, j}];
        if (!f) f = plan_flight(cur, j);
        if (render_next_keyframe(*f)) return true;
    }
    return false;
}

void Presenter::start_move(int from, int to, bool animate) {
    if (deck_.scenes.empty()) return;
    const bool at_rest = !flight_ && fade_t_ >= 1 && !free_cam_;
    if (!animate || from == to) {
        flight_.reset();
        free_cam_.reset();
        fade_t_ = 1;
        return;
    }
    if (!at_rest) {
        // Moving during a flight, a fade or free look: cross-fade from exactly what is on screen now.
        auto img = std::make_unique<Image>();
        capture_frame(*img);
        flight_.reset();
        free_cam_.reset();
        free_image_.reset();
        fade_from_ = std::move(img);
        fade_t_ = 0;
        snapshot(to);
        return;
    }
    prepare_flight(from, to);
    auto it = flights_.find({from, to});
    flight_ = std::move(it->second);
    flights_.erase(it);
    flight_->t = 0;
}

void Presenter::capture_frame(Image& out) {
    const Camera cam = camera();
    if (flight_) {
        snapshot(flight_->from);
        snapshot(flight_->to);
        bare(flight_->from);
        bare(flight_->to);
    } else if (!free_cam_) {
        snapshot(nav_.current());
    }
    if (!out.create(w_, h_)) return;
    glBindFramebuffer(GL_FRAMEBUFFER, out.fbo);
    glViewport(0, 0, w_, h_);
    draw_map(cam);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    out.cam = cam;
    out.ready = true;
}

Navigator::Result Presenter::command(Cmd c, int digit) {
    const int before = nav_.current();
    Navigator::Result r = nav_.apply(c, digit);
    if (r.moved) start_move(before, nav_.current(), true);
    if (r.toggle_lang) set_lang(lang() == Lang::NL ? Lang::EN : Lang::NL);
    if (r.reload) {
        if (deck_.path.empty()) {
            set_message(L("Geen scènebestand om te herladen.", "No scenes file to reload."), true, 5);
        } else {
            try {
                SceneCatalog cat = SceneCatalog::from(data_);
                Deck d = load_deck(deck_.path, &cat);
                replace_deck(std::move(d));
                set_message(std::string(L("Opnieuw geladen: ", "Reloaded: ")) + deck_.path, false, 3);
            } catch (const SceneError& e) {
                set_message(std::string(e.what()) + L("\n(de vorige versie blijft in gebruik)", "\n(still using the previous version)"),
                            true, 30);
            }
        }
    }
    if (r.save_view && !deck_.scenes.empty()) {
        insert_after_current(capture_view());
        const std::string err = deck_.path.empty() ? std::string(L("geen bestand", "no file")) : save_deck(deck_, deck_.path);
        if (err.empty()) set_message(std::string(L("Huidig beeld opgeslagen als scène ", "Current view saved as scene ")) +
                                         std::to_string(nav_.current() + 1) + " in " + deck_.path, false, 4);
        else set_message(err, true, 10);
    }
    if (r.move_scene != 0 && move_current(r.move_scene)) {
        const std::string err = deck_.path.empty() ? "" : save_deck(deck_, deck_.path);
        if (err.empty()) set_message(std::string(L("Scène verplaatst naar ", "Scene moved to ")) + std::to_string(nav_.current() + 1), false, 3);
        else set_message(err, true, 10);
    }
    return r;
}

void Presenter::go(int index, bool animate) {
    const int before = nav_.current();
    if (nav_.go(index)) start_move(before, index, animate);
}

void Presenter::pan_pixels(double dx, double dy) {
    if (deck_.scenes.empty()) return;
    if (!free_cam_) free_cam_ = camera();
    flight_.reset();
    fade_t_ = 1;
    free_cam_->pan_pixels(dx, dy);
    free_dirty_ = true;
}

void Presenter::zoom_about(P2 px, double factor) {
    if (deck_.scenes.empty()) return;
    if (!free_cam_) free_cam_ = camera();
    flight_.reset();
    fade_t_ = 1;
    free_cam_->zoom_about(px, factor);
    free_dirty_ = true;
}

void Presenter::update(double dt) {
    dt = std::clamp(dt, 0.0, 0.1);  // a long pause (e.g. rendering pictures) must not skip the flight
    if (message_left_ > 0) {
        message_left_ -= dt;
        if (message_left_ <= 0) message_.clear();
    }
    if (flight_) {
        flight_->t += dt / std::max(1e-3, flight_->duration + 2 * opt_.furniture_seconds);
        if (flight_->t >= 1) flight_.reset();
    }
    if (fade_t_ < 1) {
        fade_t_ = std::min(1.0, fade_t_ + dt / std::max(1e-3, opt_.fade_seconds));
        if (fade_t_ >= 1) fade_from_.reset();
    }
}

bool Presenter::animating() const { return bool(flight_) || fade_t_ < 1; }

double Presenter::flight_t() const { return flight_ ? std::clamp(flight_->t, 0.0, 1.0) : 1.0; }

Presenter::Phase Presenter::phase() const {
    Phase p;
    if (!flight_) return p;
    const Flight& f = *flight_;
    const double lead = opt_.furniture_seconds, T = std::clamp(f.t, 0.0, 1.0) * (f.duration + 2 * lead);
    const double tf = std::clamp((T - lead) / std::max(1e-6, f.duration), 0.0, 1.0);
    p.u = f.path.length() > 0 ? ease_in_out(tf) : tf;
    if (lead > 0) {
        p.leaving = float(ease_in_out(1 - std::clamp(T / lead, 0.0, 1.0)));
        p.arriving = float(ease_in_out(std::clamp((T - lead - f.duration) / lead, 0.0, 1.0)));
    }
    return p;
}

Camera Presenter::camera() const {
    auto* self = const_cast<Presenter*>(this);
    if (free_cam_) return *free_cam_;
    if (deck_.scenes.empty()) {
        Camera c;
        c.w = w_;
        c.h = h_;
        c.fit(data_.twente_bbox, 24);
        return c;
    }
    if (flight_) {
        const double s = flight_->path.length() * phase().u;
        return camera_at(self->layout(flight_->from).cam, flight_->path.at(s));
    }
    return self->layout(nav_.current()).cam;
}

bool Presenter::covers(const Image& img, const Camera& view) const {
    const P2 a = view.to_screen(img.cam.to_world({0, 0})), b = view.to_screen(img.cam.to_world({double(img.w), double(img.h)}));
    return a.x <= 0.5 && a.y <= 0.5 && b.x >= view.w - 0.5 && b.y >= view.h - 0.5;
}

void Presenter::draw_image(const Image& img, const Camera& view, float alpha, bool coarse) {
    // The picture's corners in the world, then on screen.
    const P2 tl = img.cam.to_world({0, 0}), br = img.cam.to_world({double(img.w), double(img.h)});
    const P2 a = view.to_screen(tl), b = view.to_screen(br);
    const bool whole = std::abs(a.x - std::round(a.x)) < 1e-3 && std::abs(a.y - std::round(a.y)) < 1e-3;
    const bool one_to_one = whole && std::abs(b.x - a.x - img.w) < 1e-3 && std::abs(b.y - a.y - img.h) < 1e-3;
    if (one_to_one && alpha >= 1) {
        GLint target = 0, sample_buffers = 0;
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
        glGetIntegerv(GL_SAMPLE_BUFFERS, &sample_buffers);
        if (sample_buffers == 0) {  // an exact copy (GL rows count from the bottom)
            const int x0 = int(std::lround(a.x)), y0 = view.h - int(std::lround(a.y)) - img.h;
            glBindFramebuffer(GL_READ_FRAMEBUFFER, img.fbo);
            glBlitFramebuffer(0, 0, img.w, img.h, x0, y0, x0 + img.w, y0 + img.h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
            glBindFramebuffer(GL_FRAMEBUFFER, GLuint(target));
            return;
        }
    }
    const float v[] = {float(a.x), float(a.y), 0, 1, float(b.x), float(a.y), 1, 1, float(b.x), float(b.y), 1, 0,
                       float(a.x), float(a.y), 0, 1, float(b.x), float(b.y), 1, 0, float(a.x), float(b.y), 0, 0};
    draw_quads(img, view, alpha, one_to_one || coarse, v, 6);
}

// Triangles of (screen x, y, texture u, v) vertices textured with img, into a viewport of view's size.
void Presenter::draw_quads(const Image& img, const Camera& view, float alpha, bool nearest, const float* v, int n) {
    glUseProgram(prog_img_);
    glUniform2f(glGetUniformLocation(prog_img_, "u_viewport"), float(view.w), float(view.h));
    glUniform1f(glGetUniformLocation(prog_img_, "u_alpha"), alpha);
    glUniform1i(glGetUniformLocation(prog_img_, "u_tex"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, img.tex);
    glBindSampler(0, nearest ? sampler_nearest_ : sampler_linear_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(n * 4 * sizeof(float)), v, GL_STREAM_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 16, (void*)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 16, (void*)8);
    if (alpha >= 1) {
        glDisable(GL_BLEND);
    } else {
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    }
    glDrawArrays(GL_TRIANGLES, 0, n);
    glBindSampler(0, 0);
    glEnable(GL_BLEND);
    glBindVertexArray(0);
}

void Presenter::fade_furniture(const Image& bare, const Image& snap, const std::vector<BBox>& tiles, float alpha,
                               const Camera& view) {
    const P2 a = view.to_screen(snap.cam.to_world({0, 0})), b = view.to_screen(bare.cam.to_world({0, 0}));
    const bool aligned = std::abs(a.x) < 1e-3 && std::abs(a.y) < 1e-3 && std::abs(b.x) < 1e-3 && std::abs(b.y) < 1e-3 &&
                         snap.w == view.w && snap.h == view.h && bare.w == view.w && bare.h == view.h &&
                         std::abs(snap.cam.mpp - view.mpp) < 1e-9 * view.mpp && std::abs(bare.cam.mpp - view.mpp) < 1e-9 * view.mpp;
    if (!aligned) {  // not at the scene's own camera (should not happen): the whole pictures
        composite({{&bare, 1}, {&snap, alpha}}, view);
        return;
    }
    // The stronger picture copied, the weaker one blended where the two differ (exact at 1:1).
    const Image& base = alpha >= 0.5f ? snap : bare;
    const Image& over = alpha >= 0.5f ? bare : snap;
    const float a_over = alpha >= 0.5f ? 1 - alpha : alpha;
    draw_image(base, view, 1);
    if (a_over <= 0.002f || tiles.empty()) return;
    std::vector<float> v;
    v.reserve(tiles.size() * 24);
    for (const BBox& r : tiles) {
        const float x0 = float(r.minx), y0 = float(r.miny), x1 = float(r.maxx), y1 = float(r.maxy);
        const float u0 = x0 / over.w, u1 = x1 / over.w, v0 = 1 - y0 / over.h, v1 = 1 - y1 / over.h;
        const float q[] = {x0, y0, u0, v0, x1, y0, u1, v0, x1, y1, u1, v1, x0, y0, u0, v0, x1, y1, u1, v1, x0, y1, u0, v1};
        v.insert(v.end(), std::begin(q), std::end(q));
    }
    draw_quads(over, view, a_over, true, v.data(), int(v.size() / 4));
    stats_.fade_area = 0;
    for (const BBox& r : tiles) stats_.fade_area += r.width() * r.height() / (double(view.w) * view.h);
}

void Presenter::composite(const std::vector<Layer>& layers, const Camera& view, bool coarse) {
    std::vector<Layer> ls;
    for (const Layer& l : layers)
        if (l.img && l.img->ready && l.alpha > 0.002f) ls.push_back(l);
    auto through = [&](const Layer& l) -> const Camera& { return l.fixed ? l.img->cam : view; };
    auto draw = [&](const Layer& l, float alpha, bool coarse) { draw_image(*l.img, through(l), alpha, coarse); };
    if (ls.size() == 2 && ls[0].alpha >= 1 && covers(*ls[0].img, through(ls[0])) && covers(*ls[1].img, through(ls[1]))) {
        // a*Top + (1-a)*Bottom: the stronger picture opaque and bilinear, the weaker one blended on top, coarse.
        const Layer &bottom = ls[0], &top = ls[1];
        if (top.alpha >= 0.5f) {
            draw(top, 1, coarse);
            draw(bottom, 1 - top.alpha, true);
        } else {
            draw(bottom, 1, coarse);
            draw(top, top.alpha, true);
        }
        return;
    }
    if (ls.empty() || ls[0].alpha < 1 || !covers(*ls[0].img, through(ls[0]))) {
        const BaseColours& bc = base_colours();
        glClearColor(bc.background.r, bc.background.g, bc.background.b, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    for (const Layer& l : ls) draw(l, l.alpha, false);
}

// The map part of the frame (no caption), into the bound framebuffer of size w_ x h_.
void Presenter::draw_map(const Camera& cam) {
    if (free_cam_) {
        composite({{free_image_.get(), 1}}, cam);
        return;
    }
    if (flight_) {
        Flight& f = *flight_;
        const Phase ph = phase();
        // Before and after the camera moves: the scene's furniture fades over its bare picture (both at 1:1).
        if (ph.leaving > 0 || ph.arriving > 0) {
            const int i = ph.leaving > 0 ? f.from : f.to;
            fade_furniture(bare(i), snapshot(i), fade_tiles(i), ph.leaving > 0 ? ph.leaving : ph.arriving, cam);
            return;
        }
        const double s = f.path.length() * ph.u;
        const double mix = f.shared ? 0.0 : smoothstep(0.35, 0.65, ph.u);
        const Image* A = mix < 1 ? Flight::at(f.plan_a, f.a, s) : nullptr;
        const Image* B = mix > 0 ? Flight::at(f.plan_b, f.b, s) : nullptr;
        std::vector<Layer> ls;
        if (A) ls.push_back({A, 1});
        if (B) ls.push_back({B, A ? float(mix) : 1.f});
        // Mid-flight, where the camera is fastest, the two contents cross-fade: both pictures nearest-sampled
        // (a bilinear pass fewer; the stair-steps it leaves on diagonals do not show at that speed).
        composite(ls, cam, true);
        return;
    }
    const Image& snap = snapshot(nav_.current());
    if (fade_t_ < 1 && fade_from_ && fade_from_->ready) {
        composite({{fade_from_.get(), 1, true}, {&snap, float(ease_in_out(fade_t_))}}, cam);
        return;
    }
    composite({{&snap, 1}}, cam);
}

void Presenter::draw_caption(const CaptionLayout& lay, const Scene&, float alpha, double progress) {
    if (alpha <= 0.002f) return;
    const BaseColours& bc = base_colours();
    Tris t;
    const BBox& p = lay.panel;
    t.rect(p.minx, p.miny, p.maxx, p.maxy, hex(0xfbfaf7, alpha));
    const float line = std::max(1.f, 0.0015f * h_);
    const RGBA edge = hex(0xc9c4ba, alpha);
    if (lay.side == PanelSide::Bottom) t.rect(p.minx, p.miny, p.maxx, p.miny + line, edge);
    else if (lay.side == PanelSide::Top) t.rect(p.minx, p.maxy - line, p.maxx, p.maxy, edge);
    else t.frame(p, line, edge);
    const float title_h = text_->measure(lay.title, lay.title_px, true).h;
    const float ax = float(lay.text_at.x) - lay.accent_w - 0.9f * lay.pad;
    t.rect(ax, lay.text_at.y + 0.1 * lay.title_px, ax + lay.accent_w, lay.text_at.y + title_h - 0.05 * lay.title_px,
           with_alpha(bc.highlight, alpha));
    draw_tris_with(prog_ui_, vao_, vbo_, t, w_, h_);

    float y = float(lay.text_at.y);
    const float x = float(lay.text_at.x);
    text_->add(lay.title, x, y, style(lay.title_px, bc.text, true, alpha));
    y += title_h;
    if (!lay.caption.empty()) {
        y += 0.35f * lay.caption_px;
        text_->add(lay.caption, x, y, style(lay.caption_px, hex(0x35322e), false, alpha));
        y += text_->measure(lay.caption, lay.caption_px).h;
    }
    if (!lay.note.empty()) {
        y += 0.5f * lay.small_px;
        text_->add(lay.note, x, y, style(lay.small_px, hex(0xA0410A), false, alpha));
    }
    // Progress: "3 / 9", discreet, in a corner of the panel.
    const int n = int(deck_.scenes.size());
    if (n > 0 && progress >= 0) {
        const std::string pg = std::to_string(int(std::lround(progress)) + 1) + " / " + std::to_string(n);
        const TextStyle ps = style(lay.small_px, bc.text_muted, false, alpha);
        if (lay.side == PanelSide::Bottom || lay.side == PanelSide::Top)
            text_->add(pg, float(p.maxx - lay.pad), float(p.miny + lay.pad), ps, Anchor::TopRight);
        else
            text_->add(pg, float(p.maxx - lay.pad), float(p.maxy - 0.6f * lay.pad), ps, Anchor::BottomRight);
    }
    text_->flush(w_, h_);
}

void Presenter::draw_overlays() {
    const BaseColours& bc = base_colours();
    const float H = float(h_), W = float(w_);
    Tris t;
    // Progress bar along the bottom edge.
    const int n = int(deck_.scenes.size());
    if (n > 0) {
        double pos = nav_.current() + 1;
        if (flight_) {
            const double u = phase().u;
            pos = (flight_->from + 1) * (1 - u) + (flight_->to + 1) * u;
        }
        const float hb = std::max(2.f, 0.004f * H);
        t.rect(0, H - hb, W, H, hex(0x000000, 0.08f));
        t.rect(0, H - hb, W * float(pos / n), H, with_alpha(bc.highlight, 0.7f));
    }
    struct Txt { std::string s; float x, y; TextStyle st; Anchor a; };
    std::vector<Txt> texts;
    const float small = std::max(11.f, kSmallFrac * H);
    // A number being typed ("naar scène 7").
    if (!nav_.typed().empty()) {
        const std::string s = std::string(L("Naar scène ", "Go to scene ")) + nav_.typed() + " \u23CE";
        const float px = 1.6f * small;
        const TextExtent e = text_->measure(s, px, true);
        const float x1 = W - 0.03f * H, y1 = H - 0.05f * H, x0 = x1 - e.w - px, y0 = y1 - e.h - 0.6f * px;
        t.rect(x0, y0, x1, y1, hex(0x2b2926, 0.85f));
        texts.push_back({s, (x0 + x1) / 2, (y0 + y1) / 2, style(px, hex(0xffffff), true), Anchor::Center});
    }
    // Message (reloaded, saved, or what is wrong with the scenes file).
    if (!message_.empty()) {
        const float px = 1.15f * small;
        const std::string s = wrap_text(message_, 0.8f * W, px, false, *text_);
        const TextExtent e = text_->measure(s, px);
        const float x0 = (W - e.w) / 2 - px, y0 = 0.03f * H, x1 = (W + e.w) / 2 + px, y1 = y0 + e.h + 1.2f * px;
        t.rect(x0, y0, x1, y1, hex(message_error_ ? 0xfff1ec : 0xffffff, 0.96f));
        t.frame({x0, y0, x1, y1}, std::max(2.f, 0.003f * H), message_error_ ? hex(0xB33A00) : hex(0x8e8a83));
        texts.push_back({s, x0 + px, y0 + 0.6f * px, style(px, message_error_ ? hex(0x8A2C00) : bc.text, false), Anchor::TopLeft});
    }
    // Help.
    if (nav_.help()) {
        const std::vector<std::pair<std::string, std::string>> rows = {
            {L("Rechts, PageDown, spatie, Enter", "Right, PageDown, Space, Enter"), L("volgende scène", "next scene")},
            {L("Links, PageUp, Backspace", "Left, PageUp, Backspace"), L("vorige scène", "previous scene")},
            {"Home / End", L("eerste / laatste scène", "first / last scene")},
            {L("nummer + Enter", "number + Enter"), L("naar die scène", "go to that scene")},
            {"F", L("volledig scherm aan/uit", "full screen on/off")},
            {L("B / W", "B / W"), L("zwart / wit scherm", "black / white screen")},
            {"L", "Nederlands / English"},
            {"H", L("deze hulp", "this help")},
            {"R", L("scènebestand opnieuw laden", "reload the scenes file")},
            {L("muis slepen / scrollen", "mouse drag / wheel"), L("vrij rondkijken", "look around freely")},
            {"Ctrl+S", L("huidig beeld als nieuwe scène opslaan", "save the current view as a new scene")},
            {"Ctrl+PageUp / PageDown", L("scène naar voren / achteren", "move the scene earlier / later")},
            {"Esc", L("presentatie verlaten", "leave the presentation")},
        };
        const float px = std::max(12.f, 0.026f * H), lh = 1.5f * px;
        float kw = 0, dw = 0;
        for (const auto& [k, d] : rows) {
            kw = std::max(kw, text_->measure(k, px, true).w);
            dw = std::max(dw, text_->measure(d, px).w);
        }
        const std::string head = L("Toetsen", "Keys");
        const float bw = kw + dw + 3 * px, bh = lh * (rows.size() + 1.6f) + px;
        const float x0 = (W - bw) / 2, y0 = (H - bh) / 2;
        t.rect(0, 0, W, H, hex(0x000000, 0.25f));
        t.rect(x0, y0, x0 + bw, y0 + bh, hex(0xfbfaf7, 0.97f));
        t.frame({x0, y0, x0 + bw, y0 + bh}, std::max(1.f, 0.0015f * H), hex(0xc9c4ba));
        texts.push_back({head, x0 + px, y0 + px, style(1.2f * px, bc.text, true), Anchor::TopLeft});
        float y = y0 + px + 1.6f * lh;
        for (const auto& [k, d] : rows) {
            texts.push_back({k, x0 + px, y, style(px, bc.text, true), Anchor::TopLeft});
            texts.push_back({d, x0 + 2 * px + kw, y, style(px, hex(0x35322e), false), Anchor::TopLeft});
            y += lh;
        }
    }
    draw_tris_with(prog_ui_, vao_, vbo_, t, w_, h_);
    for (const auto& x : texts) text_->add(x.s, x.x, x.y, x.st, x.a);
    text_->flush(w_, h_);
}

void Presenter::draw(unsigned fbo) {
    check_lang();
    const auto blank = nav_.blank();
    if (blank != Navigator::Blank::None) {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w_, h_);
        const float c = blank == Navigator::Blank::White ? 1.f : 0.f;
        glClearColor(c, c, c, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        return;
    }
    if (deck_.scenes.empty()) {
        // No (valid) deck: the plain map of Twente and the message saying what is wrong.
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w_, h_);
        MapView v;
        v.cam = camera();
        v.ui_scale = ui_scale_;
        renderer_.render(v);
        glViewport(0, 0, w_, h_);
        draw_overlays();
        return;
    }
    // Render whatever pictures this frame needs before binding the output.
    const int cur = nav_.current();
    const Camera cam = camera();
    if (free_cam_ && (free_dirty_ || !free_image_)) {
        if (!free_image_) free_image_ = std::make_unique<Image>();
        const CaptionLayout& lay = layout(cur);
        render_picture(deck_.scenes[size_t(cur)], *free_cam_, true, &lay, *free_image_, 0);
        free_dirty_ = false;
    }
    if (flight_) {
        snapshot(flight_->from);
        snapshot(flight_->to);
        bare(flight_->from);
        bare(flight_->to);
    } else {
        snapshot(cur);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, w_, h_);
    draw_map(cam);
    if (flight_) {
        const Phase ph = phase();
        draw_caption(layout(flight_->from), deck_.scenes[size_t(flight_->from)], ph.leaving, flight_->from);
        draw_caption(layout(flight_->to), deck_.scenes[size_t(flight_->to)], ph.arriving, flight_->to);
    } else {
        const float a = fade_t_ < 1 ? float(ease_in_out(fade_t_)) : 1.f;
        draw_caption(layout(cur), deck_.scenes[size_t(cur)], a, cur);
    }
    draw_overlays();
}

bool Presenter::render_scene_rgba(int i, std::vector<unsigned char>& rgba) {
    if (i < 0 || i >= int(deck_.scenes.size())) return false;
    const int before = nav_.current();
    nav_.go(i);
    flight_.reset();
    fade_t_ = 1;
    free_cam_.reset();
    RenderTarget rt;
    if (!rt.create(w_, h_, 0)) return false;
    snapshot(i);
    layout(i);
    draw(rt.fbo);
    rgba.resize(size_t(w_) * h_ * 4);
    rt.read_rgba(rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    nav_.go(before);
    return true;
}

void Presenter::replace_deck(Deck d) {
    const int cur = nav_.current();
    deck_ = std::move(d);
    nav_.set_count(int(deck_.scenes.size()));
    nav_.go(std::min(cur, int(deck_.scenes.size()) - 1));
    flight_.reset();
    fade_from_.reset();
    fade_t_ = 1;
    drop_caches();
}

Scene Presenter::capture_view() const {
    auto* self = const_cast<Presenter*>(this);
    MapView v;
    const int cur = nav_.current();
    if (!deck_.scenes.empty()) apply_scene(deck_.scenes[size_t(cur)], v);
    v.cam = camera();
    Scene s = scene_from_view(v, deck_.scenes.empty() ? BBox{} : self->layout(cur).free);
    if (!deck_.scenes.empty()) {
        const Scene& src = deck_.scenes[size_t(cur)];
        s.heatmap = src.heatmap;
        s.whatif = src.whatif;
        s.municipalities = src.municipalities;
        s.caption = {};
    }
    return s;
}

void Presenter::insert_after_current(Scene s) {
    const int at = deck_.scenes.empty() ? 0 : nav_.current() + 1;
    insert_scene(deck_, size_t(at), std::move(s));
    nav_.set_count(int(deck_.scenes.size()));
    nav_.go(at);
    flight_.reset();
    free_cam_.reset();
    fade_t_ = 1;
    drop_caches();
}

bool Presenter::move_current(int delta) {
    const int cur = nav_.current(), to = cur + delta;
    if (!move_scene(deck_, size_t(cur), size_t(std::max(0, to)))) return false;
    if (to < 0) return false;
    nav_.go(to);
    flight_.reset();
    fade_t_ = 1;
    drop_caches();
    return true;
}

// =============================================================================================================
// The window and the handouts
// =============================================================================================================

int run_presenter(const geo::Dataset& data, const std::string& deck_path) {
    SceneCatalog cat = SceneCatalog::from(data);
    Deck deck;
    std::string error;
    try {
        deck = load_deck(deck_path, &cat);
    } catch (const SceneError& e) {
        error = e.what();
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        deck.path = deck_path;
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "trekkaart: cannot start SDL video: %s\n", SDL_GetError());
        return 3;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);  // 2D map: no depth or stencil buffer (each costs bandwidth
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);    // on a software rasteriser)
    SDL_Window* win = SDL_CreateWindow("trekkaart — presentatie", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1600,
                                       900, SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                                                    SDL_WINDOW_FULLSCREEN_DESKTOP);
    if (!win) {
        std::fprintf(stderr, "trekkaart: cannot open a window: %s\n", SDL_GetError());
        SDL_Quit();
        return 3;
    }
    SDL_GLContext gl = SDL_GL_CreateContext(win);
    if (!gl) {
        std::fprintf(stderr, "trekkaart: cannot create an OpenGL 3.3 core context: %s\n", SDL_GetError());
        SDL_DestroyWindow(win);
        SDL_Quit();
        return 3;
    }
    SDL_GL_SetSwapInterval(1);
    SDL_ShowCursor(SDL_DISABLE);
    int code = 0;
    try {
        MapRenderer renderer(data);
        SceneHeatmaps heat(data);
        for (const Scene& s : deck.scenes) heat.prepare(s);  // up front: no computing while presenting
        Presenter p(data, renderer, std::move(deck), heat.hooks(renderer.origin()));
        if (!error.empty()) p.set_message(error, true, 1e9);
        std::error_code ec;
        auto mtime = std::filesystem::last_write_time(deck_path, ec);
        auto last = std::chrono::steady_clock::now(), last_check = last, last_mouse = last;
        bool run = true, dirty = true, dragging = false, fullscreen = true;
        while (run) {
            SDL_Event ev;
            while (SDL_PollEvent(&ev)) {
                switch (ev.type) {
                    case SDL_QUIT: run = false; break;
                    case SDL_KEYDOWN: {
                        int digit = 0;
                        const Cmd c = command_for_key(ev.key.keysym.sym, ev.key.keysym.mod, &digit);
                        const Navigator::Result r = p.command(c, digit);
                        if (r.quit) run = false;
                        if (r.toggle_fullscreen) {
                            fullscreen = !fullscreen;
                            SDL_SetWindowFullscreen(win, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
                        }
                        if (r.reload || r.save_view || r.move_scene) mtime = std::filesystem::last_write_time(deck_path, ec);
                        dirty = true;
                        break;
                    }
                    case SDL_WINDOWEVENT: dirty = true; break;
                    case SDL_MOUSEMOTION: {
                        SDL_ShowCursor(SDL_ENABLE);
                        last_mouse = std::chrono::steady_clock::now();
                        if (dragging) {
                            int ww, wh, fw, fh;
                            SDL_GetWindowSize(win, &ww, &wh);
                            SDL_GL_GetDrawableSize(win, &fw, &fh);
                            const double k = ww > 0 ? double(fw) / ww : 1;
                            p.pan_pixels(ev.motion.xrel * k, ev.motion.yrel * k);
                            dirty = true;
                        }
                        break;
                    }
                    case SDL_MOUSEBUTTONDOWN:
                        if (ev.button.button == SDL_BUTTON_LEFT) dragging = true;
                        break;
                    case SDL_MOUSEBUTTONUP:
                        if (ev.button.button == SDL_BUTTON_LEFT) dragging = false;
                        break;
                    case SDL_MOUSEWHEEL: {
                        int mx, my, ww, wh, fw, fh;
                        SDL_GetMouseState(&mx, &my);
                        SDL_GetWindowSize(win, &ww, &wh);
                        SDL_GL_GetDrawableSize(win, &fw, &fh);
                        const double k = ww > 0 ? double(fw) / ww : 1;
                        p.zoom_about({mx * k, my * k}, std::pow(1.2, ev.wheel.y));
                        dirty = true;
                        break;
                    }
                    default: break;
                }
            }
            int fw, fh;
            SDL_GL_GetDrawableSize(win, &fw, &fh);
            if (fw != p.width() || fh != p.height()) {
                p.set_size(fw, fh);
                dirty = true;
            }
            const auto now = std::chrono::steady_clock::now();
            const double dt = std::chrono::duration<double>(now - last).count();
            last = now;
            const bool was_animating = p.animating();
            p.update(dt);
            if (std::chrono::duration<double>(now - last_mouse).count() > 2.5) SDL_ShowCursor(SDL_DISABLE);
            // The scenes file changed on disk (someone is editing it): reload; a broken file keeps the old deck.
            if (std::chrono::duration<double>(now - last_check).count() > 1.0) {
                last_check = now;
                auto t = std::filesystem::last_write_time(deck_path, ec);
                if (!ec && t != mtime) {
                    mtime = t;
                    p.command(Cmd::Reload);
                    dirty = true;
                }
            }
            if (p.animating() || was_animating || dirty) {
                p.draw(0);
                SDL_GL_SwapWindow(win);
                dirty = false;
            } else if (!p.prefetch_step()) {
                SDL_WaitEventTimeout(nullptr, 250);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trekkaart: %s\n", e.what());
        code = 3;
    }
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return code;
}

}  // namespace viewer
