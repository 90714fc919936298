// Dijkstra engine. Design notes (see README "Engine"):
//  - Nodes live in the friction grid's padded layout (2 impassable cells around the grid), so the 16 moves never
//    need a bounds check. Padding nodes hold distance -1 as a sentinel that no candidate beats.
//  - Priority queue: Dial's buckets (width = half the cheapest possible move) when the cut-off allows, else a
//    radix heap over the bit patterns of non-negative floats (monotone, exact). See class Queue.
//  - Relaxation is lexicographic on (seconds, source index): equal times go to the lowest source index, which
//    makes the result (times and owners) a unique fixpoint, so incremental updates can match a full run exactly.
//  - Layers whose friction is uniform use 16 precomputed move costs (no friction loads); the costs are computed
//    with the same float expressions as the general path.
#include "geo/travel/travel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace geo {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

inline uint32_t fbits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}
inline float bitsf(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

// Monotone priority queue for uint32 keys (Ahuja, Mehlhorn, Orlin, Tarjan 1990): bucket i holds keys whose
// highest bit differing from the last popped key is bit i-1.
class RadixHeap {
public:
    bool empty() const { return size_ == 0; }
    void clear() {
        for (auto& b : b_) b.clear();
        last_ = 0;
        size_ = 0;
    }
    void push(uint32_t key, uint32_t node) {
        b_[bucket(key)].push_back((uint64_t(key) << 32) | node);
        ++size_;
    }
    uint64_t pop() {
        if (b_[0].empty()) {
            int i = 1;
            while (b_[i].empty()) ++i;
            uint32_t m = std::numeric_limits<uint32_t>::max();
            for (uint64_t e : b_[i]) m = std::min(m, uint32_t(e >> 32));
            last_ = m;
            for (uint64_t e : b_[i]) b_[bucket(uint32_t(e >> 32))].push_back(e);
            b_[i].clear();
        }
        uint64_t e = b_[0].back();
        b_[0].pop_back();
        --size_;
        return e;
    }

private:
    int bucket(uint32_t k) const { return k == last_ ? 0 : 32 - __builtin_clz(k ^ last_); }
    std::array<std::vector<uint64_t>, 33> b_;
    uint32_t last_ = 0;
    size_t size_ = 0;
};

// Move k: offset and, for diagonal moves the two side cells, for knight moves the two crossed cells.
struct Moves {
    ptrdiff_t off[16], m1[16], m2[16];
    float hL, hD, qK;  // half orthogonal length, half diagonal length, quarter knight length (metres)
};

Moves make_moves(int W, double cell) {
    static const int dc[16] = {1, -1, 0, 0, 1, 1, -1, -1, 2, 2, -2, -2, 1, 1, -1, -1};
    static const int dr[16] = {0, 0, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 2, -2, 2, -2};
    Moves m{};
    auto o = [W](int c, int r) { return ptrdiff_t(r) * W + c; };
    for (int k = 0; k < 16; ++k) {
        m.off[k] = o(dc[k], dr[k]);
        if (k < 4) {
            m.m1[k] = m.m2[k] = 0;
        } else if (k < 8) {  // diagonal: the two cells sharing the corner
            m.m1[k] = o(dc[k], 0);
            m.m2[k] = o(0, dr[k]);
        } else if (k < 12) {  // (+-2, +-1): crosses (dc/2, 0) and (dc/2, dr)
            m.m1[k] = o(dc[k] / 2, 0);
            m.m2[k] = o(dc[k] / 2, dr[k]);
        } else {  // (+-1, +-2): crosses (0, dr/2) and (dc, dr/2)
            m.m1[k] = o(0, dr[k] / 2);
            m.m2[k] = o(dc[k], dr[k] / 2);
        }
    }
    m.hL = float(cell / 2);
    m.hD = float(cell * std::sqrt(2.0) / 2);
    m.qK = float(cell * std::sqrt(5.0) / 4);
    return m;
}

// Cost of move k from a cell with friction fa to one with fb; s1/s2 are the side (diagonal) or crossed (knight)
// cells. The single definition used by both the general and the uniform path.
inline float move_cost(const Moves& m, int k, float fa, float fb, float s1, float s2) {
    if (k < 4) return m.hL * (fa + fb);
    if (k < 8) return (std::isinf(s1) || std::isinf(s2)) ? kInf : m.hD * (fa + fb);  // no corner cutting
    return m.qK * ((fa + fb) + (s1 + s2));
}

struct Graph {
    const FrictionGrid* fg = nullptr;
    const float* f = nullptr;
    size_t LN = 0;  // nodes per layer
    int layers = 1;
    Moves mv{};
    std::vector<char> uniform;               // per layer
    std::vector<std::array<float, 16>> uw;   // per layer: move costs when uniform
    float cutoff = 0;                        // seconds
    float min_edge = 0;                      // lower bound of every move/link cost (seconds), 0 if unknown
    const uint8_t* has_link = nullptr;       // per node, nullptr without links
};

Graph make_graph(const FrictionGrid& fg, float max_minutes) {
    if (fg.layers() < 1) throw std::invalid_argument("travel: empty friction grid");
    if (fg.node_count() >= (size_t(1) << 32)) throw std::invalid_argument("travel: grid too large");
    Graph g;
    g.fg = &fg;
    g.f = fg.data();
    g.LN = fg.layer_nodes();
    g.layers = fg.layers();
    g.mv = make_moves(fg.stride(), fg.spec().cell);
    g.cutoff = std::min(max_minutes * 60.0f, std::numeric_limits<float>::max());
    if (!(g.cutoff >= 0)) g.cutoff = 0;
    g.uniform.assign(g.layers, 1);
    g.uw.resize(g.layers);
    // O(layers): uniformity and the smallest friction are maintained by the friction grid itself.
    float fmin = std::numeric_limits<float>::infinity();
    for (int l = 0; l < g.layers; ++l) {
        const float f0 = fg.uniform_value(l);
        g.uniform[size_t(l)] = fg.layer_uniform(l);
        for (int k = 0; k < 16; ++k) g.uw[size_t(l)][size_t(k)] = move_cost(g.mv, k, f0, f0, f0, f0);
        fmin = std::min(fmin, fg.min_friction(l));
    }
    // Every move costs at least cell x (smallest friction): orthogonal = cell * (fa + fb) / 2, the others longer.
    g.min_edge = std::isfinite(fmin) && fmin > 0 ? float(fg.spec().cell) * fmin : 0.0f;
    g.min_edge = std::min(g.min_edge, fg.min_link_seconds());
    g.has_link = fg.link_flags();
    return g;
}

// The priority queue of a run. Dial's bucket queue when every edge costs at least min_edge > 0: buckets are
// processed in increasing order; a node improved while its bucket is being processed is simply processed again
// (label-correcting inside a bucket), so the result is the same unique fixpoint as with an exact heap for any
// width. With width min_edge / 2 no node can improve another of its own bucket, so each is settled once.
// Otherwise (no positive lower bound, or the cut-off would need too many buckets) the radix heap.
class Queue {
public:
    static constexpr size_t kMaxBuckets = size_t(1) << 16;

    void reset(const Graph& g) {
        clear();
        const double w = 0.499 * double(g.min_edge);
        const double n = w > 0 ? double(g.cutoff) / w + 2 : 1e300;
        dial_ = n <= double(kMaxBuckets);
        if (dial_) {
            inv_w_ = float(1.0 / w);
            n_ = size_t(n);
            if (buckets_.size() < n_) buckets_.resize(n_);
            cur_ = n_;
        }
    }
    void clear() {
        for (size_t b = cur_; b < n_ && b < buckets_.size(); ++b) buckets_[b].clear();
        radix_.clear();
        cur_ = n_;
        size_ = 0;
    }
    void push(float key, uint32_t node) {
        if (dial_) {
            const size_t b = bucket(key);
            buckets_[b].push_back(node);
            cur_ = std::min(cur_, b);
        } else {
            radix_.push(fbits(key), node);
        }
        ++size_;
    }
    // Next node whose queued key is still current; false when the queue is exhausted.
    bool pop(const float* d, uint32_t& u) {
        if (dial_) {
            for (;;) {
                while (cur_ < n_ && buckets_[cur_].empty()) ++cur_;
                if (cur_ >= n_) return false;
                u = buckets_[cur_].back();
                buckets_[cur_].pop_back();
                if (bucket(d[u]) == cur_) return true;  // else improved into an earlier bucket: stale
            }
        }
        while (!radix_.empty()) {
            const uint64_t e = radix_.pop();
            u = uint32_t(e);
            if (bitsf(uint32_t(e >> 32)) == d[u]) return true;
        }
        return false;
    }

private:
    size_t bucket(float key) const { return size_t(key * inv_w_); }
    bool dial_ = false;
    float inv_w_ = 0;
    size_t n_ = 0, cur_ = 0, size_ = 0;
    std::vector<std::vector<uint32_t>> buckets_;
    RadixHeap radix_;
};

// A per-thread queue whose buffers keep their capacity between calls (no re-growth, no page faults). Only one
// computation uses it at a time on a thread.
Queue& local_queue(const Graph& g) {
    thread_local Queue q;
    q.reset(g);
    return q;
}

struct RunCtl {
    const std::atomic<bool>* cancel = nullptr;
    const std::function<void(float)>* progress = nullptr;
    size_t expected = 1;  // for progress
};

// Lexicographic Dijkstra from whatever the heap holds. d/own are node arrays; on_set(v) is called just before a
// node gets a new (time, owner) (so an undo log can record the old value).
template <class OnSet>
void run(const Graph& g, float* d, int32_t* own, Queue& heap, const RunCtl& ctl, OnSet&& on_set) {
    const Moves& m = g.mv;
    const float* f = g.f;
    const float cutoff = g.cutoff;
    size_t pops = 0;
    uint32_t u;
    while (heap.pop(d, u)) {
        const float du = d[u];
        if ((++pops & 0x3fff) == 0) {
            if (ctl.cancel && ctl.cancel->load(std::memory_order_relaxed)) throw Cancelled();
            if (ctl.progress && *ctl.progress) (*ctl.progress)(std::min(1.0f, float(pops) / float(ctl.expected)));
        }
        const int32_t ou = own[u];
        auto relax = [&](uint32_t v, float w) {
            const float nd = du + w;
            if (!(nd <= cutoff)) return;
            const float dv = d[v];
            if (nd < dv || (nd == dv && ou < own[v])) {
                on_set(v);
                d[v] = nd;
                own[v] = ou;
                heap.push(nd, v);
            }
        };
        const int layer = g.layers == 1 ? 0 : int(u / g.LN);
        if (g.uniform[layer]) {
            const float* w = g.uw[layer].data();
            for (int k = 0; k < 16; ++k) relax(uint32_t(ptrdiff_t(u) + m.off[k]), w[k]);
        } else {
            const float fa = f[u];
            for (int k = 0; k < 16; ++k) {
                const ptrdiff_t v = ptrdiff_t(u) + m.off[k];
                const float s1 = k < 4 ? 0.f : f[ptrdiff_t(u) + m.m1[k]];
                const float s2 = k < 4 ? 0.f : f[ptrdiff_t(u) + m.m2[k]];
                relax(uint32_t(v), move_cost(m, k, fa, f[v], s1, s2));
            }
        }
        if (g.has_link && g.has_link[u])
            for (const auto& [v, w] : g.fg->links_from(u)) relax(v, w);
    }
}

// Node arrays: padding -1 (sentinel), grid +inf; owners -1. Reuses the vectors' memory when sized right.
void init_nodes(const FrictionGrid& fg, std::vector<float>& d, std::vector<int32_t>& own) {
    d.resize(fg.node_count());
    own.resize(fg.node_count());
    std::fill(own.begin(), own.end(), -1);
    const GridSpec& s = fg.spec();
    const size_t W = size_t(fg.stride()), P = FrictionGrid::kPad;
    for (int l = 0; l < fg.layers(); ++l) {
        float* base = d.data() + fg.layer_nodes() * size_t(l);
        std::fill_n(base, P * W, -1.0f);                                  // top padding rows
        for (int r = 0; r < s.rows; ++r) {
            float* row = base + (size_t(r) + P) * W;
            std::fill_n(row, P, -1.0f);
            std::fill_n(row + P, s.cols, kInf);
            std::fill_n(row + P + size_t(s.cols), W - P - size_t(s.cols), -1.0f);
        }
        std::fill_n(base + (size_t(s.rows) + P) * W, P * W, -1.0f);      // bottom padding rows
    }
}

// Seeds source i (all layers) where it improves.
template <class OnSet>
void seed(const Graph& g, const Source& src, int32_t i, float* d, int32_t* own, Queue& heap, OnSet&& on_set) {
    if (!src.active) return;
    int c, r;
    if (!g.fg->spec().cell_of(src.pos, c, r)) return;
    for (int l = 0; l < g.layers; ++l) {
        const uint32_t n = uint32_t(g.fg->node(l, c, r));
        const float s = g.fg->start_s[l];
        if (!(s <= g.cutoff)) continue;
        if (s < d[n] || (s == d[n] && i < own[n])) {
            on_set(n);
            d[n] = s;
            own[n] = i;
            heap.push(s, n);
        }
    }
}

// Best (time, owner) over the layers of cell (c, r).
inline void cell_best(const FrictionGrid& fg, const std::vector<float>& d, const std::vector<int32_t>& own, int c,
                      int r, float& t, int32_t& o) {
    t = kInf;
    o = -1;
    for (int l = 0; l < fg.layers(); ++l) {
        size_t n = fg.node(l, c, r);
        if (d[n] < t || (d[n] == t && own[n] >= 0 && (o < 0 || own[n] < o))) {
            t = d[n];
            o = own[n];
        }
    }
}

size_t passable_estimate(const FrictionGrid& fg) { return std::max<size_t>(1, fg.spec().size() * fg.layers()); }

}  // namespace

TravelField travel_time(const FrictionGrid& fg, const std::vector<Source>& sources, const TravelOptions& opt) {
    TravelField tf;
    travel_time(fg, sources, opt, tf);
    return tf;
}

void travel_time(const FrictionGrid& fg, const std::vector<Source>& sources, const TravelOptions& opt,
                 TravelField& tf) {
    Graph g = make_graph(fg, opt.max_minutes);
    tf.estimate = fg.estimate;
    tf.max_minutes = opt.max_minutes;
    init_nodes(fg, tf.node_s, tf.node_owner);
    Queue& heap = local_queue(g);
    auto none = [](uint32_t) {};
    for (size_t i = 0; i < sources.size(); ++i)
        seed(g, sources[i], int32_t(i), tf.node_s.data(), tf.node_owner.data(), heap, none);
    RunCtl ctl{opt.cancel, &opt.progress, passable_estimate(fg)};
    try {
        run(g, tf.node_s.data(), tf.node_owner.data(), heap, ctl, none);
    } catch (...) {
        heap.clear();
        throw;
    }

    const GridSpec& s = fg.spec();
    if (!(tf.minutes.spec == s) || tf.minutes.v.size() != s.size()) tf.minutes = GridF(s, kInf);
    if (!(tf.owner.spec == s) || tf.owner.v.size() != s.size()) tf.owner = Grid<int32_t>(s, -1);
    for (int r = 0; r < s.rows; ++r) {
        float* mrow = &tf.minutes.v[s.index(0, r)];
        int32_t* orow = &tf.owner.v[s.index(0, r)];
        if (fg.layers() == 1) {
            const float* d = &tf.node_s[fg.node(0, 0, r)];
            const int32_t* o = &tf.node_owner[fg.node(0, 0, r)];
            for (int c = 0; c < s.cols; ++c) {
                mrow[c] = d[c] / 60.0f;
                orow[c] = o[c];
            }
        } else {
            for (int c = 0; c < s.cols; ++c) {
                float t;
                int32_t o;
                cell_best(fg, tf.node_s, tf.node_owner, c, r, t, o);
                mrow[c] = t / 60.0f;
                orow[c] = o;
            }
        }
    }
    if (opt.progress) opt.progress(1.0f);
}

size_t update_source(TravelField& tf, const FrictionGrid& fg, const std::vector<Source>& sources, int index) {
    if (tf.node_s.size() != fg.node_count() || !(tf.minutes.spec == fg.spec()))
        throw std::invalid_argument("update_source: field was not computed on this friction grid");
    if (index < 0 || size_t(index) >= sources.size()) throw std::invalid_argument("update_source: bad index");
    Graph g = make_graph(fg, tf.max_minutes);
    float* d = tf.node_s.data();
    int32_t* own = tf.node_owner.data();
    std::vector<uint32_t> changed;
    auto track = [&changed](uint32_t v) { changed.push_back(v); };

    // 1. Invalidate the nodes the changed source owned (their shortest-path trees all hang off that source).
    std::vector<uint32_t> invalid;
    for (size_t n = 0; n < tf.node_owner.size(); ++n)
        if (own[n] == index) {
            own[n] = -1;
            d[n] = kInf;
            invalid.push_back(uint32_t(n));
        }
    changed.insert(changed.end(), invalid.begin(), invalid.end());

    // 2. Seed the repair from the valid boundary: finite nodes next to an invalid node (moves are symmetric),
    //    and link sources pointing into the invalid region.
    Queue& heap = local_queue(g);
    for (uint32_t n : invalid)
        for (int k = 0; k < 16; ++k) {
            const uint32_t v = uint32_t(ptrdiff_t(n) + g.mv.off[k]);
            if (d[v] >= 0 && d[v] < kInf) heap.push(d[v], v);
        }
    if (!invalid.empty())
        for (const Link& l : fg.links()) {
            const size_t from = fg.node(l.from_layer, l.from_c, l.from_r), to = fg.node(l.to_layer, l.to_c, l.to_r);
            if (own[to] < 0 && d[from] < kInf) heap.push(d[from], uint32_t(from));
        }
    // 3. Re-seed every active source where it improves: sources inside the invalid region and the changed one
    //    at its new position.
    for (size_t i = 0; i < sources.size(); ++i) seed(g, sources[i], int32_t(i), d, own, heap, track);

    RunCtl ctl{};
    run(g, d, own, heap, ctl, track);

    // 4. Refresh the per-cell outputs of the touched cells.
    const GridSpec& s = fg.spec();
    const int W = fg.stride();
    size_t count = 0;
    for (uint32_t n : changed) {
        const size_t ln = n % g.LN;
        const int r = int(ln / W) - FrictionGrid::kPad, c = int(ln % W) - FrictionGrid::kPad;
        if (!s.inside(c, r)) continue;
        float t;
        int32_t o;
        cell_best(fg, tf.node_s, tf.node_owner, c, r, t, o);
        const float m = t / 60.0f;
        if (tf.minutes.at(c, r) != m || tf.owner.at(c, r) != o) {
            tf.minutes.at(c, r) = m;
            tf.owner.at(c, r) = o;
            ++count;
        }
    }
    return count;
}

std::vector<std::pair<uint32_t, float>> improvement_scan(TravelField& tf, const FrictionGrid& fg, P2 pos,
                                                         float cutoff_minutes) {
    if (tf.node_s.size() != fg.node_count() || !(tf.minutes.spec == fg.spec()))
        throw std::invalid_argument("improvement_scan: field was not computed on this friction grid");
    Graph g = make_graph(fg, std::min(cutoff_minutes, tf.max_minutes));
    float* d = tf.node_s.data();
    int32_t* own = tf.node_owner.data();
    // Undo log: the hook runs before each write, so it sees the old value.
    struct Undo {
        uint32_t n;
        float d;
        int32_t o;
    };
    std::vector<Undo> undo;
    auto log = [&](uint32_t v) { undo.push_back({v, d[v], own[v]}); };
    // The candidate's id is above every real index, so a tie keeps the existing owner (not an improvement).
    const int32_t cand = std::numeric_limits<int32_t>::max();
    Queue& heap = local_queue(g);
    seed(g, Source{pos, true}, cand, d, own, heap, log);
    run(g, d, own, heap, RunCtl{}, log);

    // Per cell: new best over layers, where it beats the old cell value.
    std::vector<std::pair<uint32_t, float>> out;
    const GridSpec& s = fg.spec();
    const int W = fg.stride();
    for (const Undo& u : undo) {
        const size_t ln = u.n % g.LN;
        const int r = int(ln / W) - FrictionGrid::kPad, c = int(ln % W) - FrictionGrid::kPad;
        float t;
        int32_t o;
        cell_best(fg, tf.node_s, tf.node_owner, c, r, t, o);
        const float m = t / 60.0f;
        const uint32_t idx = uint32_t(s.index(c, r));
        if (o == cand && m < tf.minutes.v[idx]) out.push_back({idx, m});
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              out.end());
    for (size_t i = undo.size(); i-- > 0;) {
        d[undo[i].n] = undo[i].d;
        own[undo[i].n] = undo[i].o;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-source lists

size_t SourceTimes::entries() const {
    size_t n = 0;
    for (const auto& l : lists) n += l.cell.size();
    return n;
}

namespace {

struct Workspace {
    std::vector<float> d;
    std::vector<int32_t> own;
    std::vector<uint32_t> touched;
    Queue heap;
};

void one_source(const Graph& g, const Source& src, Workspace& ws, SourceTimes::List& out, const RunCtl& ctl) {
    out.cell.clear();
    out.sec.clear();
    ws.touched.clear();
    ws.heap.reset(g);
    auto track = [&ws](uint32_t v) { ws.touched.push_back(v); };
    seed(g, src, 0, ws.d.data(), ws.own.data(), ws.heap, track);
    run(g, ws.d.data(), ws.own.data(), ws.heap, ctl, track);
    if (ws.touched.empty()) return;

    // Bounding box of the reached cells, then a row-major scan of it: the list comes out sorted by cell (good
    // locality for the recombination passes) and every reached node is reset for the next source.
    const FrictionGrid& fg = *g.fg;
    const int W = fg.stride(), P = FrictionGrid::kPad;
    int c0 = W, c1 = -1, r0 = fg.padded_rows(), r1 = -1;
    for (uint32_t n : ws.touched) {
        const int ln = int(n % g.LN), r = ln / W, c = ln - r * W;
        c0 = std::min(c0, c);
        c1 = std::max(c1, c);
        r0 = std::min(r0, r);
        r1 = std::max(r1, r);
    }
    const int cols = fg.spec().cols;
    size_t count = 0;  // exact size first: no regrowth of large lists
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            float best = kInf;
            for (int l = 0; l < g.layers; ++l) best = std::min(best, ws.d[size_t(l) * g.LN + size_t(r) * W + size_t(c)]);
            count += best < kInf;
        }
    out.cell.reserve(count);
    out.sec.reserve(count);
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            float best = kInf;
            for (int l = 0; l < g.layers; ++l) {
                const size_t n = size_t(l) * g.LN + size_t(r) * W + size_t(c);
                best = std::min(best, ws.d[n]);
                ws.d[n] = kInf;
                ws.own[n] = -1;
            }
            if (best < kInf) {
                out.cell.push_back(uint32_t((r - P) * cols + (c - P)));
                out.sec.push_back(uint16_t(std::lround(best)));
            }
        }
}

void prepare(const FrictionGrid& fg, Workspace& ws) {
    init_nodes(fg, ws.d, ws.own);
}

}  // namespace

SourceTimes source_times(const FrictionGrid& fg, const std::vector<Source>& sources, const TravelOptions& opt) {
    if (!(opt.max_minutes <= 1000)) throw std::invalid_argument("source_times: max_minutes above 1000");
    Graph g = make_graph(fg, opt.max_minutes);
    SourceTimes st;
    st.spec = fg.spec();
    st.max_minutes = opt.max_minutes;
    st.estimate = fg.estimate;
    st.lists.resize(sources.size());

    int nt = opt.threads > 0 ? opt.threads : int(std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
    nt = std::max(1, std::min<int>(nt, int(sources.size())));
    std::atomic<size_t> next{0}, done{0};
    std::exception_ptr err;
    std::mutex err_mu, progress_mu;
    RunCtl ctl{opt.cancel, nullptr, 1};
    auto worker = [&] {
        try {
            Workspace ws;
            prepare(fg, ws);
            for (size_t i; (i = next.fetch_add(1)) < sources.size();) {
                if (opt.cancel && opt.cancel->load()) throw Cancelled();
                one_source(g, sources[i], ws, st.lists[i], ctl);
                size_t k = ++done;
                if (opt.progress) {
                    std::lock_guard<std::mutex> lk(progress_mu);
                    opt.progress(float(k) / float(sources.size()));
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lk(err_mu);
            if (!err) err = std::current_exception();
            next = sources.size();  // stop the others
        }
    };
    if (nt <= 1) {
        worker();
    } else {
        std::vector<std::thread> ts;
        for (int t = 0; t < nt; ++t) ts.emplace_back(worker);
        for (auto& t : ts) t.join();
    }
    if (err) std::rethrow_exception(err);
    return st;
}

void update_source_times(SourceTimes& st, const FrictionGrid& fg, const std::vector<Source>& sources, int index) {
    if (!(st.spec == fg.spec())) throw std::invalid_argument("update_source_times: grid mismatch");
    if (index < 0 || size_t(index) >= sources.size()) throw std::invalid_argument("update_source_times: bad index");
    if (st.lists.size() < sources.size()) st.lists.resize(sources.size());
    Graph g = make_graph(fg, st.max_minutes);
    Workspace ws;
    prepare(fg, ws);
    one_source(g, sources[size_t(index)], ws, st.lists[size_t(index)], RunCtl{});
}

// ---------------------------------------------------------------------------------------------------------------
// Exact Euclidean distance transform (Meijster, Roerdink, Hesselink 2000), in cell units, then scaled.

GridF euclidean_distance(const GridSpec& spec, const std::vector<P2>& points, Grid<int32_t>* owner) {
    const int C = spec.cols, R = spec.rows;
    Grid<int32_t> site(spec, -1);  // lowest point index per cell
    for (size_t i = 0; i < points.size(); ++i) {
        int c, r;
        if (spec.cell_of(points[i], c, r) && site.at(c, r) < 0) site.at(c, r) = int32_t(i);
    }
    // Phase 1: per column, row distance to the nearest site in that column (and that site's row).
    const int64_t BIG = int64_t(C) + R + 1;
    std::vector<int64_t> gdist(size_t(C) * R);
    std::vector<int32_t> grow(size_t(C) * R, -1);
    for (int c = 0; c < C; ++c) {
        int64_t last = -1;
        for (int r = 0; r < R; ++r) {
            if (site.at(c, r) >= 0) last = r;
            const size_t i = size_t(r) * C + c;
            gdist[i] = last >= 0 ? r - last : BIG;
            grow[i] = last >= 0 ? int32_t(last) : -1;
        }
        last = -1;
        for (int r = R - 1; r >= 0; --r) {
            if (site.at(c, r) >= 0) last = r;
            const size_t i = size_t(r) * C + c;
            if (last >= 0 && last - r < gdist[i]) {
                gdist[i] = last - r;
                grow[i] = int32_t(last);
            }
        }
    }
    // Phase 2: per row, lower envelope of the parabolas (c - q)^2 + g(q)^2 over columns q with a site.
    GridF out(spec, kInf);
    if (owner) *owner = Grid<int32_t>(spec, -1);
    std::vector<int> v(C);
    std::vector<double> z(size_t(C) + 1);
    for (int r = 0; r < R; ++r) {
        const int64_t* gr = &gdist[size_t(r) * C];
        auto F = [&](int q) { return double(gr[q]) * double(gr[q]); };
        int k = -1;
        for (int q = 0; q < C; ++q) {
            if (gr[q] >= BIG) continue;
            while (k >= 0) {
                const int p = v[k];
                const double s = ((F(q) + double(q) * q) - (F(p) + double(p) * p)) / (2.0 * (q - p));
                if (s <= z[k]) {
                    --k;
                    continue;
                }
                ++k;
                v[k] = q;
                z[k] = s;
                z[k + 1] = std::numeric_limits<double>::infinity();
                break;
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = -std::numeric_limits<double>::infinity();
                z[1] = std::numeric_limits<double>::infinity();
            }
        }
        if (k < 0) continue;  // no site anywhere in this row's reach (only when there are no sites)
        int j = 0;
        for (int c = 0; c < C; ++c) {
            while (z[j + 1] < c) ++j;
            const int q = v[j];
            const double d2 = double(c - q) * (c - q) + F(q);
            out.at(c, r) = float(std::sqrt(d2) * spec.cell);
            if (owner) owner->at(c, r) = site.at(q, grow[size_t(r) * C + q]);
        }
    }
    return out;
}

}  // namespace geo
