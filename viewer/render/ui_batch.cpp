#include "viewer/render/ui_batch.h"

#include <cmath>

namespace viewer {

using geo::P2;

namespace {
void put(std::vector<float>& v, P2 a, P2 b, P2 c, RGBA k) {
    for (P2 p : {a, b, c}) v.insert(v.end(), {float(p.x), float(p.y), k.r, k.g, k.b, k.a});
}
}  // namespace

void UiBatch::tri(P2 a, P2 b, P2 c, RGBA k) {
    put(v, a, b, c, k);
    shapes.push_back({{a, b, c}, k});
}

void UiBatch::rect(double x0, double y0, double x1, double y1, RGBA k) {
    put(v, {x0, y0}, {x1, y0}, {x1, y1}, k);
    put(v, {x0, y0}, {x1, y1}, {x0, y1}, k);
    shapes.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, k});
}

void UiBatch::frame(double x0, double y0, double x1, double y1, double t, RGBA k) {
    rect(x0, y0, x1, y0 + t, k);
    rect(x0, y1 - t, x1, y1, k);
    rect(x0, y0, x0 + t, y1, k);
    rect(x1 - t, y0, x1, y1, k);
}

void UiBatch::arc(P2 c, double r0, double r1, double a0, double a1, int n, RGBA k) {
    UiShape s{{}, k};
    for (int i = 0; i < n; ++i) {
        const double t0 = a0 + (a1 - a0) * i / n, t1 = a0 + (a1 - a0) * (i + 1) / n;
        const P2 p0{c.x + r0 * std::cos(t0), c.y + r0 * std::sin(t0)}, p1{c.x + r1 * std::cos(t0), c.y + r1 * std::sin(t0)};
        const P2 q0{c.x + r0 * std::cos(t1), c.y + r0 * std::sin(t1)}, q1{c.x + r1 * std::cos(t1), c.y + r1 * std::sin(t1)};
        put(v, p0, p1, q1, k);
        put(v, p0, q1, q0, k);
    }
    for (int i = 0; i <= n; ++i) {  // outer edge forward, inner edge back: one ring-sector polygon
        const double t = a0 + (a1 - a0) * i / n;
        s.pts.push_back({c.x + r1 * std::cos(t), c.y + r1 * std::sin(t)});
    }
    for (int i = n; i >= 0; --i) {
        const double t = a0 + (a1 - a0) * i / n;
        s.pts.push_back({c.x + r0 * std::cos(t), c.y + r0 * std::sin(t)});
    }
    if (n > 0) shapes.push_back(std::move(s));
}

void UiBatch::disc(P2 c, double r, RGBA k, int n) {
    UiShape s{{}, k};
    for (int i = 0; i < n; ++i) {
        const double t0 = 2 * M_PI * i / n, t1 = 2 * M_PI * (i + 1) / n;
        put(v, c, {c.x + r * std::cos(t0), c.y + r * std::sin(t0)}, {c.x + r * std::cos(t1), c.y + r * std::sin(t1)}, k);
        s.pts.push_back({c.x + r * std::cos(t0), c.y + r * std::sin(t0)});
    }
    if (n > 0) shapes.push_back(std::move(s));
}

void UiBatch::segment(P2 a, P2 b, double half_w, RGBA k) {
    const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
    if (len <= 0) return;
    const P2 n{-dy / len * half_w, dx / len * half_w};
    put(v, a + n, b + n, b - n, k);
    put(v, a + n, b - n, a - n, k);
    shapes.push_back({{a + n, b + n, b - n, a - n}, k});
}

void UiBatch::shift(double dx, double dy) {
    for (size_t i = 0; i < v.size(); i += 6) {
        v[i] += float(dx);
        v[i + 1] += float(dy);
    }
    for (UiShape& s : shapes)
        for (P2& p : s.pts) p = p + P2{dx, dy};
}

UiPainter::UiPainter() {
    prog_ = make_program("ui.vert.glsl", "ui.frag.glsl");
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 24, (void*)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 24, (void*)8);
    glBindVertexArray(0);
}

UiPainter::~UiPainter() {
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (prog_) glDeleteProgram(prog_);
}

void UiPainter::draw(const UiBatch& b, int vw, int vh) {
    if (b.v.empty()) return;
    glUseProgram(prog_);
    glUniform2f(glGetUniformLocation(prog_, "u_viewport"), float(vw), float(vh));
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(b.v.size() * sizeof(float)), b.v.data(), GL_STREAM_DRAW);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(b.v.size() / 6));
    glBindVertexArray(0);
}

}  // namespace viewer
