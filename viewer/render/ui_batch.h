// Screen-space triangles in one colour each -- map furniture, presenter captions and overlays -- and the one
// way to draw them (shaders/ui.*.glsl).
#pragma once
#include <vector>

#include "geo/core/types.h"
#include "viewer/model/style.h"
#include "viewer/render/gl.h"

namespace viewer {

// Triangles in pixels (y down), 6 floats per vertex (x, y, r, g, b, a). Each call also keeps the shape it drew as
// one polygon (`shapes`), which the vector export paints (viewer/render/vector_scene.h): a rectangle is one
// path there, not two triangles with a hairline seam between them.
struct UiShape {
    std::vector<geo::P2> pts;  // a closed polygon, px
    RGBA k;
};
struct UiBatch {
    std::vector<float> v;
    std::vector<UiShape> shapes;
    bool empty() const { return v.empty(); }
    void tri(geo::P2 a, geo::P2 b, geo::P2 c, RGBA k);
    void rect(double x0, double y0, double x1, double y1, RGBA k);
    void frame(double x0, double y0, double x1, double y1, double t, RGBA k);  // t thick, inside the box
    void frame(const geo::BBox& b, double t, RGBA k) { frame(b.minx, b.miny, b.maxx, b.maxy, t, k); }
    // Ring between radii r0 < r1 from angle a0 to a1 (radians), n steps.
    void arc(geo::P2 c, double r0, double r1, double a0, double a1, int n, RGBA k);
    void disc(geo::P2 c, double r, RGBA k, int n = 32);
    void segment(geo::P2 a, geo::P2 b, double half_w, RGBA k);  // a line of width 2 * half_w, square ends
    void shift(double dx, double dy);                           // moves every vertex by (dx, dy)
};

// Draws UiBatches with shaders/ui.*.glsl (blended "over") into the bound framebuffer. Owns the program, vertex
// array and buffer; needs a current GL 3.3 context.
class UiPainter {
public:
    UiPainter();
    ~UiPainter();
    UiPainter(const UiPainter&) = delete;
    UiPainter& operator=(const UiPainter&) = delete;
    void draw(const UiBatch& b, int viewport_w, int viewport_h);

private:
    GLuint prog_ = 0, vao_ = 0, vbo_ = 0;
};

}  // namespace viewer
