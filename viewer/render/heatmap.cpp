#include "viewer/render/heatmap.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>

namespace viewer {

namespace {

constexpr unsigned char kValid = 1, kBeyond = 2;  // Heatmap::valid_

// Runs fn(begin, end) over [0, n) in two halves on two threads when the machine has two cores and the work is
// large (cells >= 65536): the fill and the pack of a full surface (~1.6 M cells) run on the UI thread, in the
// frame that shows a new result, while llvmpipe's threads wait for the frame's drawing.
template <class F>
void in_halves(size_t n, size_t cells, F&& fn) {
    if (cells < 65536 || std::thread::hardware_concurrency() < 2) {
        fn(size_t(0), n);
        return;
    }
    std::thread t([&] { fn(n / 2, n); });
    fn(size_t(0), n / 2);
    t.join();
}

}  // namespace

// Nodata cells take the mean of their valid 8-neighbours (0 when none), so that bilinear sampling near the edge
// of the data neither invents contour crossings nor colour fringes; valid[i] says which cells hold data
// (kValid: a value, kBeyond: +inf, beyond a cut-off, drawn in the ramp's end colour). Cells beyond take the
// largest finite value, so that the cut-off edge is no jump in value (and draws no contour line).
// The 3x3 sums are separable: per row the sums of three neighbouring columns, then of three rows (in double, as
// the cell-by-cell sum was: the same values for the same inputs).

void detail::fill_nodata(const geo::GridF& g, std::vector<float>& filled, std::vector<unsigned char>& valid) {
    const int W = g.cols(), H = g.rows();
    const size_t N = g.v.size();
    filled.resize(N);
    valid.resize(N);
    auto ok = [](float x) { return std::isfinite(x) && x != geo::kNoData; };
    float far_half[2] = {0, 0};
    in_halves(N, N, [&](size_t a, size_t b) {
        float far = 0;
        for (size_t i = a; i < b; ++i) {
            const float x = g.v[i];
            const bool v = ok(x);
            filled[i] = v ? x : 0.0f;
            valid[i] = v ? kValid : 0;
            if (v) far = std::max(far, x);
        }
        far_half[a == 0 ? 0 : 1] = far;
    });
    const float far = std::max(far_half[0], far_half[1]);
    in_halves(N, N, [&](size_t a, size_t b) {
        for (size_t i = a; i < b; ++i)
            if (g.v[i] == INFINITY) {
                filled[i] = far;
                valid[i] = kBeyond;
            }
    });
    // Nodata cells by rows (each half its rows): they read only valid cells' values, which no half writes now.
    in_halves(size_t(H), N, [&](size_t r0, size_t r1) {
        std::vector<double> sum(3 * size_t(W));  // rows r-1, r, r+1: the sums of columns c-1..c+1 (valid cells)
        std::vector<int> cnt(3 * size_t(W));
        auto row_sums = [&](int r, int slot) {
            double* s = &sum[size_t(slot) * W];
            int* n = &cnt[size_t(slot) * W];
            if (r < 0 || r >= H) {
                std::fill(s, s + W, 0.0);
                std::fill(n, n + W, 0);
                return;
            }
            const float* f = &filled[size_t(r) * W];
            const unsigned char* v = &valid[size_t(r) * W];
            for (int c = 0; c < W; ++c) {
                double a = 0;
                int k = 0;
                for (int cc = std::max(c - 1, 0); cc <= std::min(c + 1, W - 1); ++cc)
                    if (v[cc]) { a += f[cc]; ++k; }
                s[c] = a;
                n[c] = k;
            }
        };
        bool primed = false;
        for (int r = int(r0); r < int(r1); ++r) {
            const size_t row = size_t(r) * W;
            bool any = false;
            for (int c = 0; c < W && !any; ++c) any = !valid[row + c];
            if (!any) { primed = false; continue; }
            // slot (r + 1) % 3 holds row r + 1, etc.; rows already summed are kept while the rows run in order
            if (!primed) {
                row_sums(r - 1, (r + 2) % 3);
                row_sums(r, r % 3);
            }
            row_sums(r + 1, (r + 1) % 3);
            primed = true;
            const double* s0 = &sum[size_t((r + 2) % 3) * W];
            const double* s1 = &sum[size_t(r % 3) * W];
            const double* s2 = &sum[size_t((r + 1) % 3) * W];
            const int* n0 = &cnt[size_t((r + 2) % 3) * W];
            const int* n1 = &cnt[size_t(r % 3) * W];
            const int* n2 = &cnt[size_t((r + 1) % 3) * W];
            for (int c = 0; c < W; ++c) {
                if (valid[row + c]) continue;
                const int n = n0[c] + n1[c] + n2[c];
                filled[row + c] = n ? float((s0[c] + s1[c] + s2[c]) / n) : 0.0f;
            }
        }
    });
}

namespace {

// Contour index: threshold i maps to i, linear in between; below the first and above the last the neighbouring
// interval's slope continues (a single threshold gets an arbitrary slope: only whole values matter).
float contour_index(float v, const std::vector<float>& c) {
    const size_t n = c.size();
    if (n == 0) return -10;
    if (n == 1) return (v - c[0]) / std::max(std::fabs(c[0]) * 0.25f, 1e-3f);
    if (v < c[0]) return (v - c[0]) / std::max(c[1] - c[0], 1e-6f);
    for (size_t i = 0; i + 1 < n; ++i)
        if (v < c[i + 1]) return float(i) + (v - c[i]) / std::max(c[i + 1] - c[i], 1e-6f);
    return float(n - 1) + (v - c[n - 1]) / std::max(c[n - 1] - c[n - 2], 1e-6f);
}

}  // namespace

Heatmap::Heatmap() {
    prog_ = make_program("heatmap.vert.glsl", "heatmap.frag.glsl");
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, 16 * sizeof(float), nullptr, GL_DYNAMIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 16, (void*)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 16, (void*)8);
    glBindVertexArray(0);
    glGenTextures(1, &tex_);
}

Heatmap::~Heatmap() {
    if (tex_) glDeleteTextures(1, &tex_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (prog_) glDeleteProgram(prog_);
}

bool Heatmap::same_as_shown(const geo::GridF& g) const {
    const geo::GridSpec &a = grid_.spec, &b = g.spec;
    return !grid_.v.empty() && a.minx == b.minx && a.maxy == b.maxy && a.cell == b.cell && a.cols == b.cols &&
           a.rows == b.rows && grid_.v.size() == g.v.size() &&
           std::memcmp(grid_.v.data(), g.v.data(), g.v.size() * sizeof(float)) == 0;
}

void Heatmap::set_grid(const geo::GridF& g) {
    if (same_as_shown(g)) return;  // the same values bit for bit: the same picture (cache_key unchanged)
    grid_ = g;
    detail::fill_nodata(grid_, filled_, valid_);
    packed_ = false;
    ++generation_;
}

void Heatmap::set_grid(geo::GridF&& g) {
    if (same_as_shown(g)) return;
    grid_ = std::move(g);
    detail::fill_nodata(grid_, filled_, valid_);
    packed_ = false;
    ++generation_;
}

void Heatmap::set_lean(bool lean) {
    lean_ = lean;
    if (lean_ && packed_) release_pack_buffers();
}

void Heatmap::release_pack_buffers() {
    std::vector<float>().swap(filled_);
    std::vector<unsigned char>().swap(valid_);
    std::vector<uint16_t>().swap(texels_);
}

void Heatmap::clear() {
    grid_ = {};
    filled_.clear();
    valid_.clear();
    packed_ = false;
    ++generation_;
}

size_t Heatmap::cpu_bytes() const {
    return grid_.v.capacity() * sizeof(float) + filled_.capacity() * sizeof(float) + valid_.capacity() +
           texels_.capacity() * sizeof(uint16_t);
}

std::string Heatmap::cache_key(const HeatmapStyle& st) const {
    std::string k = "heatmap " + std::to_string(generation_) + " " + std::to_string(int(st.ramp));
    auto put = [&](const void* p, size_t n) { k.append(static_cast<const char*>(p), n); };
    const float f[] = {st.vmin, st.vmax, st.opacity, st.contour_px, st.fill_max, st.ui_scale};
    const bool b[] = {st.reverse, st.log_scale, st.banded, st.fill, st.linear};
    put(f, sizeof f);
    put(b, sizeof b);
    put(&st.contour_colour, sizeof st.contour_colour);
    k += " c";
    put(st.contours.data(), st.contours.size() * sizeof(float));
    k += " m";
    put(st.major_contours.data(), st.major_contours.size() * sizeof(float));
    return k;
}

float Heatmap::value_at(geo::P2 rd) const {
    int c, r;
    if (grid_.v.empty() || !grid_.spec.cell_of(rd, c, r)) return NAN;
    const float x = grid_.at(c, r);
    return x == INFINITY || (std::isfinite(x) && x != geo::kNoData) ? x : NAN;
}

void Heatmap::pack(const HeatmapStyle& st) {
    const std::vector<float> cont = sorted_contours(st);
    PackKey key{st.vmin, st.vmax, st.fill_max, st.log_scale, st.banded && !cont.empty(), cont};
    if (packed_ && key == key_) return;
    if (filled_.size() != grid_.v.size()) detail::fill_nodata(grid_, filled_, valid_);  // lean: released after a pack
    // Beyond the cut-off: the far end of the ramp; the contour index at least one past the last contour, so no
    // line runs along the cut-off edge.
    const float beyond_index = float(cont.size());
    const std::vector<float> none, &bands = key.banded ? cont : none;  // not a copy of cont per cell
    // 16-bit texels (issue 15: half the upload and the fetch of RGBA32F): the ramp position as is, the contour
    // index mapped from [g_lo, g_hi] -- two contours beyond each end, so the interpolation between neighbouring
    // cells is exact wherever a line can be (draw() maps it back).
    const float g_lo = kContourLo, g_hi = float(cont.size()) + 2, g_scale = 65535.0f / (g_hi - g_lo);
    auto u16 = [](float x) { return uint16_t(std::lround(std::clamp(x, 0.0f, 65535.0f))); };
    glBindTexture(GL_TEXTURE_2D, tex_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 2);
    const int W = grid_.cols(), H = grid_.rows();
    if (tex_w_ != W || tex_h_ != H) {  // new storage; same size: none
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA16, W, H, 0, GL_RGBA, GL_UNSIGNED_SHORT, nullptr);
        tex_w_ = W;
        tex_h_ = H;
    }
    // Packed and uploaded in bands of rows (at most ~2 MB of texels at a time, not a second copy of the texture).
    const int band = std::max(1, std::min(H, int((size_t(2) << 20) / (size_t(std::max(W, 1)) * 8))));
    std::vector<uint16_t>& px = texels_;
    px.resize(size_t(std::min(band, H)) * size_t(W) * 4);
    for (int r0 = 0; r0 < H; r0 += band) {
        const int rows = std::min(band, H - r0);
        const size_t i0 = size_t(r0) * size_t(W), n = size_t(rows) * size_t(W);
        in_halves(n, n, [&](size_t a, size_t b) {
            for (size_t k = a; k < b; ++k) {
                const size_t i = i0 + k;
                const float v = filled_[i];
                const bool beyond = valid_[i] == kBeyond;
                const float g = beyond ? std::max(contour_index(v, cont), beyond_index) : contour_index(v, cont);
                px[4 * k] = u16((beyond ? 1.0f : ramp_position(v, st, bands)) * 65535.0f);
                px[4 * k + 1] = u16((g - g_lo) * g_scale);
                px[4 * k + 2] = valid_[i] ? 65535 : 0;
                px[4 * k + 3] = (beyond ? grid_.v[i] : v) <= st.fill_max ? 65535 : 0;
            }
        });
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, r0, W, rows, GL_RGBA, GL_UNSIGNED_SHORT, px.data());
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    key_ = std::move(key);
    packed_ = true;
    if (lean_) release_pack_buffers();
}

void Heatmap::draw(const Camera& tc, geo::P2 origin, const HeatmapStyle& st) {
    if (grid_.v.empty()) return;
    const geo::GridSpec& g = grid_.spec;
    if (!g.bbox().intersects(tc.view_bbox())) return;
    pack(st);
    // Quad corners relative to the origin; v = 0 at the northern edge (row 0).
    const float x0 = float(g.minx - origin.x), x1 = float(g.maxx() - origin.x);
    const float y0 = float(g.miny() - origin.y), y1 = float(g.maxy - origin.y);
    const float quad[16] = {x0, y1, 0, 0, x1, y1, 1, 0, x0, y0, 0, 1, x1, y0, 1, 1};
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof quad, quad);

    const geo::P2 off = tc.centre - origin;
    const float vu[4] = {float(off.x), float(off.y), float(2.0 / (tc.w * tc.mpp)), float(2.0 / (tc.h * tc.mpp))};
    glUseProgram(prog_);
    auto loc = [&](const char* n) { return glGetUniformLocation(prog_, n); };
    glUniform4fv(loc("u_view"), 1, vu);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, tex_);
    const GLint filt = st.linear ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filt);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filt);
    glUniform1i(loc("u_grid"), 0);
    const auto& rp = ramp_points(st.ramp);
    float ramp[30] = {};
    for (size_t i = 0; i < rp.size() && i < 10; ++i) {
        const RGBA c = hex(rp[i]);
        ramp[3 * i] = c.r, ramp[3 * i + 1] = c.g, ramp[3 * i + 2] = c.b;
    }
    glUniform3fv(loc("u_ramp"), 10, ramp);
    glUniform1i(loc("u_nramp"), int(std::min<size_t>(rp.size(), 10)));
    glUniform1i(loc("u_flags"), (st.reverse ? 1 : 0) | (st.fill ? 8 : 0));
    glUniform1f(loc("u_opacity"), st.opacity);
    const std::vector<float>& cont = key_.contours;
    std::vector<float> widths;
    for (float c : cont) {
        const bool major = std::find(st.major_contours.begin(), st.major_contours.end(), c) != st.major_contours.end();
        widths.push_back(st.contour_px * st.ui_scale * tc.px_scale * (major ? 1.6f : 1.0f));
    }
    glUniform1i(loc("u_ncont"), int(cont.size()));
    glUniform2f(loc("u_gmap"), kContourLo, float(cont.size()) + 2 - kContourLo);  // pack()'s [g_lo, g_hi]
    if (!widths.empty()) glUniform1fv(loc("u_cont_w"), GLsizei(widths.size()), widths.data());
    const RGBA cc = st.contour_colour;
    glUniform4f(loc("u_cont_color"), cc.r, cc.g, cc.b, cc.a);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindVertexArray(0);
}

}  // namespace viewer
