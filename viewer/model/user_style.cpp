#include "viewer/model/user_style.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <mutex>

#include "viewer/model/i18n.h"
#include "viewer/model/ramp.h"

namespace viewer {

const char* class_method_key(ClassMethod m) {
    switch (m) {
        case ClassMethod::Quantile: return "quantile";
        case ClassMethod::EqualInterval: return "equal_interval";
        case ClassMethod::NaturalBreaks: return "natural_breaks";
    }
    return "quantile";
}

bool class_method_from_key(const std::string& key, ClassMethod& out) {
    for (ClassMethod m : {ClassMethod::Quantile, ClassMethod::EqualInterval, ClassMethod::NaturalBreaks})
        if (key == class_method_key(m)) {
            out = m;
            return true;
        }
    return false;
}

RGBA categorical_colour(size_t i) {
    // Okabe & Ito (2008) without black (kept for text and outlines), then Paul Tol's "muted" scheme (2021).
    static const unsigned k[kCategoricalColours] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00,
                                                    0xCC79A7, 0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933,
                                                    0xDDCC77, 0xCC6677, 0x882255, 0xAA4499};
    return i < kCategoricalColours ? hex(k[i]) : hex(0x9a968e);
}

UserLayerStyle default_user_style(const geo::UserLayer& l, int index) {
    UserLayerStyle st;
    // Paul Tol's muted colours -- indigo, wine, green, teal, rose, olive, purple --, not Okabe-Ito's: those are the
    // venue categories' colours, and a library layer in the libraries' green would be taken for the catalogue.
    static const int order[] = {7, 14, 10, 9, 13, 11, 15};
    st.colour = categorical_colour(size_t(order[std::abs(index) % 7]));
    st.opacity = l.kind == geo::GeomKind::Polygons || l.kind == geo::GeomKind::Mixed ? 0.7f : 1.0f;
    return st;
}

namespace {

// Fisher's exact optimal partition (Jenks natural breaks) of sorted values into k classes; O(k n^2).
std::vector<double> jenks(const std::vector<double>& v, int k) {
    const int n = int(v.size());
    std::vector<double> pre(n + 1, 0), pre2(n + 1, 0);
    for (int i = 0; i < n; ++i) {
        pre[i + 1] = pre[i] + v[i];
        pre2[i + 1] = pre2[i] + v[i] * v[i];
    }
    auto ssd = [&](int a, int b) {  // squared deviations of v[a..b)
        const double s = pre[b] - pre[a], s2 = pre2[b] - pre2[a];
        return s2 - s * s / double(b - a);
    };
    const double inf = std::numeric_limits<double>::infinity();
    // cost[j][i]: best cost of the first i values in j + 1 classes; from[j][i]: where the last class starts.
    std::vector<std::vector<double>> cost(k, std::vector<double>(n + 1, inf));
    std::vector<std::vector<int>> from(k, std::vector<int>(n + 1, 0));
    for (int i = 1; i <= n; ++i) cost[0][i] = ssd(0, i);
    for (int j = 1; j < k; ++j)
        for (int i = j + 1; i <= n; ++i)
            for (int s = j; s < i; ++s) {
                const double c = cost[j - 1][s] + ssd(s, i);
                if (c < cost[j][i]) {
                    cost[j][i] = c;
                    from[j][i] = s;
                }
            }
    std::vector<double> breaks;
    for (int j = k - 1, i = n; j > 0; --j) {
        const int s = from[j][i];
        breaks.push_back(v[s]);  // the first value of class j: class j-1 holds values < it
        i = s;
    }
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

}  // namespace

std::vector<double> class_breaks(std::vector<double> values, int k, ClassMethod m) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return !std::isfinite(x); }),
                 values.end());
    std::sort(values.begin(), values.end());
    std::vector<double> out;
    if (values.empty() || k < 2) return out;
    const double lo = values.front(), hi = values.back();
    if (m == ClassMethod::EqualInterval) {
        for (int i = 1; i < k; ++i) out.push_back(lo + (hi - lo) * i / k);
    } else if (m == ClassMethod::Quantile) {
        // Break i: the smallest value with at least i/k of the values below it; when ties make it no larger than
        // the break before (or the minimum), the next larger value, so that no class is empty.
        for (int i = 1; i < k; ++i) {
            double b = values[std::min(values.size() - 1, values.size() * i / size_t(k))];
            const double floor = out.empty() ? lo : std::max(lo, out.back());
            if (b <= floor) {
                auto up = std::upper_bound(values.begin(), values.end(), floor);
                if (up == values.end()) break;
                b = *up;
            }
            out.push_back(b);
        }
    } else {
        // Exact on up to 1500 values; beyond, on 1500 evenly spaced order statistics (keeps the O(k n^2) small).
        std::vector<double> v = values;
        if (v.size() > 1500) {
            std::vector<double> s(1500);
            for (size_t i = 0; i < s.size(); ++i) s[i] = values[i * (values.size() - 1) / (s.size() - 1)];
            v = std::move(s);
        }
        std::vector<double> d = v;
        d.erase(std::unique(d.begin(), d.end()), d.end());
        out = jenks(v, std::min<int>(k, int(d.size())));
    }
    // Distinct and inside the range: a break equal to the minimum would leave an empty first class.
    std::vector<double> clean;
    for (double b : out)
        if (b > lo && (clean.empty() || b > clean.back())) clean.push_back(b);
    if (m != ClassMethod::EqualInterval || hi > lo) return clean;
    return {};
}

namespace {

std::string fmt_value(double v) {
    const double a = std::fabs(v);
    return format_num(v, a >= 100 || v == std::floor(v) ? 0 : a >= 10 ? 1 : 2);
}

std::string missing_field(const geo::UserLayer& l, const std::string& field) {
    std::string names;
    for (const auto& f : l.data.fields) names += (names.empty() ? "" : ", ") + f;
    return "field '" + field + "' is not in layer " + l.name + " (fields: " + names + ")";
}

void categorize(const geo::UserLayer& l, const UserLayerStyle& st, UserClasses& c) {
    // Classes in order of frequency (the most common gets the first colour), ties by value.
    std::map<std::string, size_t> count;
    for (const auto& f : l.data.features) {
        const std::string& v = f.get(st.field);
        if (!v.empty()) ++count[v];
    }
    std::vector<std::pair<std::string, size_t>> order(count.begin(), count.end());
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::map<std::string, int> index;
    const size_t shown = std::min(order.size(), kCategoricalColours);
    for (size_t i = 0; i < shown; ++i) {
        index[order[i].first] = int(i);
        c.colours.push_back(categorical_colour(i));
        c.labels.push_back(order[i].first);
    }
    const int other = order.size() > shown ? int(shown) : -1;
    if (other >= 0) {
        c.colours.push_back(categorical_colour(kCategoricalColours));  // grey
        c.labels.push_back(std::string(tr("other")) + " (" + std::to_string(order.size() - shown) + ")");
    }
    for (size_t i = 0; i < l.data.features.size(); ++i) {
        const std::string& v = l.data.features[i].get(st.field);
        if (v.empty()) continue;
        auto it = index.find(v);
        c.feature_class[i] = it == index.end() ? other : it->second;
    }
}

void graduate(const geo::UserLayer& l, const UserLayerStyle& st, UserClasses& c) {
    std::vector<double> values(l.data.features.size(), NAN);
    for (size_t i = 0; i < values.size(); ++i)
        if (auto v = l.data.features[i].num(st.field)) values[i] = *v;
    const std::vector<double> br = class_breaks(values, std::clamp(st.classes, 2, 9), st.method);
    double lo = INFINITY, hi = -INFINITY;
    for (double v : values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!std::isfinite(lo)) {
        c.error = "field '" + st.field + "' of layer " + l.name + " holds no numbers";
        return;
    }
    const int n = int(br.size()) + 1;
    c.colours = ramp_colours(st.ramp, n);
    for (int i = 0; i < n; ++i) {
        const double a = i == 0 ? lo : br[i - 1], b = i + 1 < n ? br[i] : hi;
        c.labels.push_back(fmt_value(a) + " – " + fmt_value(b));
    }
    for (size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) continue;
        c.feature_class[i] = int(std::upper_bound(br.begin(), br.end(), values[i]) - br.begin());
    }
}

}  // namespace

UserClasses classify(const geo::UserLayer& l, const UserLayerStyle& st) {
    UserClasses c;
    c.feature_class.assign(l.data.features.size(), 0);
    if (st.kind == UserStyleKind::Single) {
        c.colours.push_back(st.colour);
        c.labels.push_back(l.name);
        return c;
    }
    std::fill(c.feature_class.begin(), c.feature_class.end(), -1);
    if (std::find(l.data.fields.begin(), l.data.fields.end(), st.field) == l.data.fields.end())
        c.error = missing_field(l, st.field);
    else if (st.kind == UserStyleKind::Categorized)
        categorize(l, st, c);
    else
        graduate(l, st, c);
    c.no_value_count = size_t(std::count(c.feature_class.begin(), c.feature_class.end(), -1));
    return c;
}

namespace {

// The legend is laid out every frame; classifying a million features costs a tenth of a second. The last few
// classifications (by layer and the style parts they depend on; a layer that is gone never matches) are kept.
std::shared_ptr<const UserClasses> legend_classes(const UserLayerEntry& e) {
    struct Memo {
        std::weak_ptr<const geo::UserLayer> layer;
        size_t features = 0;
        std::string key;
        std::shared_ptr<const UserClasses> classes;
    };
    static std::mutex mu;
    static std::vector<Memo> memo;  // most recent last
    const UserLayerStyle& st = e.style;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%d|%d|%d|%d|%.4f,%.4f,%.4f,%.4f|", int(st.kind), int(st.method), st.classes,
                  int(st.ramp), st.colour.r, st.colour.g, st.colour.b, st.colour.a);
    const std::string key = buf + st.field;
    std::lock_guard<std::mutex> lock(mu);
    for (auto m = memo.begin(); m != memo.end(); ++m)
        if (m->key == key && m->features == e.layer->data.features.size() && !m->layer.expired() && m->layer.lock() == e.layer) {
            Memo hit = *m;
            memo.erase(m);
            memo.push_back(hit);
            return hit.classes;
        }
    auto c = std::make_shared<const UserClasses>(classify(*e.layer, st));
    memo.push_back({e.layer, e.layer->data.features.size(), key, c});
    if (memo.size() > 8) memo.erase(memo.begin());
    return c;
}

}  // namespace

std::vector<UserLegendRow> user_legend_rows(const std::vector<UserLayerEntry>& layers, const std::vector<int>& density_ids) {
    std::vector<UserLegendRow> rows;
    for (const auto& e : layers) {
        if (!e.layer || !e.style.visible) continue;
        const geo::UserLayer& l = *e.layer;
        const UserLegendRow::Kind kind = l.kind == geo::GeomKind::Points ? UserLegendRow::Disc
                                         : l.kind == geo::GeomKind::Lines ? UserLegendRow::Line
                                                                          : UserLegendRow::Swatch;
        const UserClasses& c = *legend_classes(e);
        auto faded = [&](RGBA k) {
            k.a *= std::clamp(e.style.opacity, 0.0f, 1.0f);
            return k;
        };
        if (e.style.kind == UserStyleKind::Single) {
            rows.push_back({kind, faded(c.colours[0]), l.name});
        } else {
            rows.push_back({UserLegendRow::Heading, {}, l.name + " (" + e.style.field + ")"});
            for (size_t i = 0; i < c.colours.size(); ++i) rows.push_back({kind, faded(c.colours[i]), c.labels[i]});
            if (c.no_value_count > 0) rows.push_back({kind, faded(c.no_value), tr("no value")});
        }
        if (std::find(density_ids.begin(), density_ids.end(), e.id) != density_ids.end())
            rows.push_back({UserLegendRow::Swatch, faded(c.colours.empty() ? c.no_value : c.colours[0]),
                            std::string(tr("density")) + ", " + format_int(double(l.point_count ? l.point_count : l.data.features.size())) +
                                " " + tr("points")});
    }
    return rows;
}

geo::BBox feature_bbox(const geo::Feature& f) {
    geo::BBox b;
    for (const auto& p : f.points) b.add(p);
    for (const auto& l : f.lines)
        for (const auto& p : l) b.add(p);
    for (const auto& poly : f.polys)
        if (!poly.rings.empty())
            for (const auto& p : poly.rings[0]) b.add(p);
    return b;
}

std::shared_ptr<const UserFeatureIndex> UserFeatureIndex::build(const geo::UserLayer& l) {
    auto ix = std::make_shared<UserFeatureIndex>();
    const auto& feats = l.data.features;
    ix->features = feats.size();
    std::vector<geo::BBox> boxes(feats.size());
    for (size_t i = 0; i < feats.size(); ++i) {
        boxes[i] = feature_bbox(feats[i]);
        ix->box.add(boxes[i]);
    }
    if (ix->box.empty()) return ix;
    // About 4 features per cell on average, at most 1024 x 1024 cells.
    const double w = std::max(ix->box.width(), 1.0), h = std::max(ix->box.height(), 1.0);
    const double cells = std::clamp(double(feats.size()) / 4, 1.0, 1024.0 * 1024.0);
    ix->cell = std::max(std::sqrt(w * h / cells), 1.0);
    ix->nx = std::clamp(int(w / ix->cell) + 1, 1, 1024);
    ix->ny = std::clamp(int(h / ix->cell) + 1, 1, 1024);
    ix->cell = std::max(w / ix->nx, h / ix->ny) * (1 + 1e-9);
    auto cells_of = [&](const geo::BBox& b, auto&& fn) {
        const int x0 = std::clamp(int((b.minx - ix->box.minx) / ix->cell), 0, ix->nx - 1);
        const int x1 = std::clamp(int((b.maxx - ix->box.minx) / ix->cell), 0, ix->nx - 1);
        const int y0 = std::clamp(int((b.miny - ix->box.miny) / ix->cell), 0, ix->ny - 1);
        const int y1 = std::clamp(int((b.maxy - ix->box.miny) / ix->cell), 0, ix->ny - 1);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) fn(size_t(y) * size_t(ix->nx) + size_t(x));
    };
    ix->start.assign(size_t(ix->nx) * size_t(ix->ny) + 1, 0);
    for (size_t i = 0; i < feats.size(); ++i)
        if (!boxes[i].empty()) cells_of(boxes[i], [&](size_t c) { ++ix->start[c + 1]; });
    for (size_t c = 1; c < ix->start.size(); ++c) ix->start[c] += ix->start[c - 1];
    ix->items.resize(ix->start.back());
    std::vector<uint32_t> fill(ix->start.begin(), ix->start.end() - 1);
    for (size_t i = 0; i < feats.size(); ++i)
        if (!boxes[i].empty()) cells_of(boxes[i], [&](size_t c) { ix->items[fill[c]++] = uint32_t(i); });
    return ix;
}

std::vector<uint32_t> UserFeatureIndex::query(const geo::BBox& q) const {
    std::vector<uint32_t> out;
    if (box.empty() || !box.intersects(q)) return out;
    const int x0 = std::clamp(int((q.minx - box.minx) / cell), 0, nx - 1), x1 = std::clamp(int((q.maxx - box.minx) / cell), 0, nx - 1);
    const int y0 = std::clamp(int((q.miny - box.miny) / cell), 0, ny - 1), y1 = std::clamp(int((q.maxy - box.miny) / cell), 0, ny - 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const size_t c = size_t(y) * size_t(nx) + size_t(x);
            out.insert(out.end(), items.begin() + start[c], items.begin() + start[c + 1]);
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

UserPick pick_user_feature(const std::vector<UserLayerEntry>& layers, const Camera& cam, geo::P2 px, float ui_scale) {
    const geo::P2 w = cam.to_world(px);
    for (int li = int(layers.size()) - 1; li >= 0; --li) {
        const UserLayerEntry& e = layers[size_t(li)];
        if (!e.layer || !e.style.visible) continue;
        const double point_r = (e.style.point_px * 0.5 + 2) * ui_scale * cam.mpp;
        const double line_r = (e.style.line_px * 0.5 + 3) * ui_scale * cam.mpp;
        const auto& feats = e.layer->data.features;
        const double reach = std::max(point_r, line_r);
        const bool indexed = e.index && e.index->features == feats.size();
        std::vector<uint32_t> cand;
        if (indexed) cand = e.index->query(geo::BBox{w.x, w.y, w.x, w.y}.grown(reach));
        for (size_t k = indexed ? cand.size() : feats.size(); k-- > 0;) {  // the last feature first: drawn on top
            const size_t i = indexed ? cand[k] : k;
            const geo::Feature& f = feats[i];
            if (!f.bbox.empty() && !f.bbox.grown(reach).contains(w)) continue;
            for (const auto& p : f.points)
                if (geo::dist(p, w) <= point_r) return {li, i};
            for (const auto& l : f.lines)
                for (size_t k = 1; k < l.size(); ++k) {
                    const geo::P2 a = l[k - 1], d = l[k] - a;
                    const double len2 = d.x * d.x + d.y * d.y;
                    const double t = len2 > 0 ? std::clamp(((w.x - a.x) * d.x + (w.y - a.y) * d.y) / len2, 0.0, 1.0) : 0;
                    if (geo::dist(a + d * t, w) <= line_r) return {li, i};
                }
            if (!f.polys.empty() && geo::point_in_multipolygon(f.polys, w)) return {li, i};
        }
    }
    return {};
}

}  // namespace viewer
