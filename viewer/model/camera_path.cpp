#include "viewer/model/camera_path.h"

#include <algorithm>
#include <cmath>

namespace viewer {

SmoothPath::SmoothPath(ViewPoint from, ViewPoint to, double rho) : a_(from), b_(to), rho_(rho > 0 ? rho : 1.4) {
    // Widths must be positive and finite; anything else degrades to a tiny width instead of NaNs.
    auto sane = [](double w) { return std::isfinite(w) && w > 0 ? w : 1e-6; };
    a_.width = sane(a_.width);
    b_.width = sane(b_.width);
    const double w0 = a_.width, w1 = b_.width;
    u1_ = geo::dist(a_.centre, b_.centre);
    if (!std::isfinite(u1_)) u1_ = 0;
    // Centres (numerically) equal: the formula's b_i divide by u1, and for tiny u1 the tanh difference in u(s)
    // loses all precision. Below a millionth of the view width a pan is invisible, so treat it as pure zoom
    // (the centre is still moved linearly with the zoom progress so the end view is exact).
    if (u1_ < 1e-6 * std::max(w0, w1)) {
        pure_zoom_ = true;
        k_ = w1 > w0 ? 1 : w1 < w0 ? -1 : 0;
        S_ = std::abs(std::log(w1 / w0)) / rho_;
        return;
    }
    pure_zoom_ = false;
    const double r2 = rho_ * rho_, r4 = r2 * r2;
    const double b0 = (w1 * w1 - w0 * w0 + r4 * u1_ * u1_) / (2 * w0 * r2 * u1_);
    const double b1 = (w1 * w1 - w0 * w0 - r4 * u1_ * u1_) / (2 * w1 * r2 * u1_);
    r0_ = -std::asinh(b0);  // ln(-b + sqrt(b^2 + 1)) == -asinh(b)
    const double r1 = -std::asinh(b1);
    S_ = std::max(0.0, (r1 - r0_) / rho_);
}

double SmoothPath::u(double s) const {
    s = std::clamp(s, 0.0, S_);
    if (pure_zoom_) {
        if (S_ <= 0) return s >= S_ ? u1_ : 0;
        return u1_ * (s / S_);  // (u1 is below visibility; keeps the end exact)
    }
    if (s >= S_) return u1_;
    const double w0 = a_.width, r2 = rho_ * rho_;
    // w0/rho^2 cosh(r0) tanh(rho s + r0) - w0/rho^2 sinh(r0), written as a difference of tanh (same value).
    return w0 / r2 * std::cosh(r0_) * (std::tanh(rho_ * s + r0_) - std::tanh(r0_));
}

double SmoothPath::w(double s) const {
    s = std::clamp(s, 0.0, S_);
    if (s >= S_) return b_.width;
    if (pure_zoom_) return a_.width * std::exp(k_ * rho_ * s);
    return a_.width * std::cosh(r0_) / std::cosh(rho_ * s + r0_);
}

ViewPoint SmoothPath::at(double s) const {
    if (s >= S_) return b_;
    if (s <= 0) return a_;
    const double f = u1_ > 0 ? u(s) / u1_ : 0;
    return {a_.centre + (b_.centre - a_.centre) * f, w(s)};
}

double SmoothPath::max_width() const {
    double m = std::max(a_.width, b_.width);
    if (!pure_zoom_) {
        const double s_top = -r0_ / rho_;  // where cosh(rho s + r0) is smallest
        if (s_top > 0 && s_top < S_) m = std::max(m, a_.width * std::cosh(r0_));
    }
    return m;
}

double flight_seconds(double S, double speed, double min_s, double max_s) {
    if (!(S > 0)) return 0;
    return std::clamp(S / std::max(1e-6, speed), min_s, max_s);
}

double ease_in_out(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return 0.5 - 0.5 * std::cos(t * 3.14159265358979323846);  // sine ease: zero slope at 0 and 1
}

}  // namespace viewer
