// Smooth and efficient zooming and panning (J.J. van Wijk and W.A.A. Nuij, IEEE InfoVis 2003).
//
// A view is a centre c and a width w (world units: RD metres). Between two views the optimal path in
// their (u, w) space -- u is the distance travelled from c0 towards c1 -- is
//
//     b_i = (w1^2 - w0^2 + (-1)^i rho^4 u1^2) / (2 w_i rho^2 u1)      (i = 0, 1)
//     r_i = ln(-b_i + sqrt(b_i^2 + 1))  (= -asinh(b_i), computed that way for stability)
//     S   = (r1 - r0) / rho
//     u(s) = w0/rho^2 cosh(r0) tanh(rho s + r0) - w0/rho^2 sinh(r0)
//     w(s) = w0 cosh(r0) / cosh(rho s + r0)
//
// for s in [0, S]; S is the length of the path in the paper's perceptual metric, so the flight's duration is
// made proportional to it. rho trades zooming against panning (~1.4 is what the paper's users preferred:
// larger rho zooms out more). When the centres coincide (u1 = 0) the formula divides by zero; the special
// case is a pure zoom, w(s) = w0 exp(k rho s) with k = sign(w1 - w0) and S = |ln(w1/w0)| / rho.
// Pure math, no GL.
#pragma once
#include "geo/core/types.h"
#include "viewer/model/camera.h"

namespace viewer {

struct ViewPoint {
    geo::P2 centre;
    double width = 1;  // world units across the viewport
};

class SmoothPath {
public:
    SmoothPath() = default;
    SmoothPath(ViewPoint from, ViewPoint to, double rho = 1.4);

    double length() const { return S_; }     // S (>= 0)
    bool pure_zoom() const { return pure_zoom_; }
    double rho() const { return rho_; }
    // Distance travelled from `from.centre` towards `to.centre` at s (s is clamped to [0, S]).
    double u(double s) const;
    double w(double s) const;                // view width at s
    ViewPoint at(double s) const;            // at(0) == from, at(S) == to exactly
    // Widest point on the path (the flight's highest altitude).
    double max_width() const;
    const ViewPoint& from() const { return a_; }
    const ViewPoint& to() const { return b_; }

private:
    ViewPoint a_, b_;
    double rho_ = 1.4, u1_ = 0, r0_ = 0, S_ = 0;
    bool pure_zoom_ = true;
    double k_ = 0;  // pure zoom: sign(w1 - w0)
};

// A camera as a view point (width = mpp * viewport width) and back (the viewport size is kept).
inline ViewPoint view_of(const Camera& c) { return {c.centre, c.mpp * c.w}; }
inline Camera camera_at(const Camera& size_like, const ViewPoint& v) {
    Camera c = size_like;
    c.centre = v.centre;
    c.mpp = v.width / std::max(1, c.w);
    return c;
}

// Flight duration in seconds: S / speed, clamped to [min_s, max_s] (0 when S == 0).
double flight_seconds(double S, double speed = 0.9, double min_s = 1.0, double max_s = 4.5);

// Gentle ease-in/ease-out of the path parameter (t in [0,1] -> [0,1], zero slope at both ends).
double ease_in_out(double t);

}  // namespace viewer
