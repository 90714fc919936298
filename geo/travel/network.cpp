#include "geo/travel/network.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <unordered_map>

#include "geo/core/error.h"
#include "geo/io/vector_io.h"

namespace geo {

namespace {

bool ends_with(const std::string& s, const std::string& suf) {
    if (s.size() < suf.size()) return false;
    for (size_t i = 0; i < suf.size(); ++i)
        if (std::tolower((unsigned char)s[s.size() - suf.size() + i]) != suf[i]) return false;
    return true;
}

}  // namespace

RoadLayer read_roads(const std::string& path, const RoadReadOptions& opt) {
    const bool osm = ends_with(path, ".osm") || ends_with(path, ".pbf") || ends_with(path, ".osm.pbf");
    ReadOptions ro;
    ro.layer = !opt.layer.empty() ? opt.layer : (osm ? "lines" : "");
    ro.bbox_rd = opt.bbox_rd;
    return roads_from_vector(read_vector(path, ro), path, opt.class_field);
}

RoadLayer roads_from_vector(VectorLayer vl, const std::string& path, const std::string& class_field) {
    // Find the class field.
    std::string field = class_field;
    if (!field.empty() && !vl.fields.empty() && std::find(vl.fields.begin(), vl.fields.end(), field) == vl.fields.end()) {
        std::string have;
        for (const auto& f : vl.fields) have += (have.empty() ? "" : ", ") + f;
        throw DataError(path, path + ": road class field '" + field + "' is not in layer '" + vl.name +
                                  "' (fields: " + have + ")");
    }
    if (field.empty()) {
        static const char* const kCandidates[] = {"highway", "class", "road_class", "fclass", "type"};
        for (const char* c : kCandidates) {
            for (const auto& f : vl.features)
                if (f.attrs.count(c)) {
                    field = c;
                    break;
                }
            if (!field.empty()) break;
        }
    }
    if (field.empty() && !vl.features.empty())
        throw DataError(path, "road layer '" + vl.name + "' has no road class field (expected 'highway' holding OSM "
                              "classes such as motorway, primary, residential, cycleway)");

    RoadLayer out;
    out.source = path;
    out.warnings = std::move(vl.warnings);
    for (auto& f : vl.features) {
        RoadClass c = road_class_from_key(f.get(field));
        if (c == RoadClass::Unknown || f.lines.empty()) {
            ++out.skipped;
            continue;
        }
        for (auto& l : f.lines) out.roads.push_back({std::move(l), c});
    }
    if (out.roads.empty())
        throw DataError(path, "road layer '" + vl.name + "' holds no line with a recognised road class" +
                                  (field.empty() ? std::string() : " in field '" + field + "'") + " (" +
                                  std::to_string(out.skipped) + " features skipped)" +
                                  (out.warnings.empty() ? std::string() : "; " + out.warnings.front()));
    return out;
}

RailNetwork build_rail_network(const std::vector<P2>& station_pos, const std::vector<std::string>& station_names,
                               const std::vector<LineString>& rail, double snap_m, double join_m) {
    // Vertices keyed by coordinates rounded to 1 cm, so shared end points of sections merge.
    std::vector<P2> vpos;
    std::unordered_map<uint64_t, int> key_to_v;
    std::vector<std::vector<std::pair<int, double>>> adj;
    auto vertex = [&](P2 p) {
        int64_t kx = std::llround(p.x * 100), ky = std::llround(p.y * 100);
        uint64_t key = (uint64_t(kx) << 32) ^ uint64_t(uint32_t(ky));
        auto it = key_to_v.find(key);
        if (it != key_to_v.end()) return it->second;
        int id = int(vpos.size());
        key_to_v.emplace(key, id);
        vpos.push_back(p);
        adj.emplace_back();
        return id;
    };
    auto edge = [&](int a, int b) {
        if (a == b) return;
        double d = dist(vpos[a], vpos[b]);
        adj[a].push_back({b, d});
        adj[b].push_back({a, d});
    };
    std::vector<int> endpoints;
    for (const auto& line : rail) {
        if (line.size() < 2) continue;
        int prev = vertex(line[0]);
        endpoints.push_back(prev);
        for (size_t i = 1; i < line.size(); ++i) {
            int v = vertex(line[i]);
            edge(prev, v);
            prev = v;
        }
        endpoints.push_back(prev);
    }
    // Join loose ends to any vertex within join_m (sections digitised with small gaps).
    if (join_m > 0 && !vpos.empty()) {
        std::unordered_map<uint64_t, std::vector<int>> buckets;
        auto bkey = [&](int64_t bx, int64_t by) { return (uint64_t(bx) << 32) ^ uint64_t(uint32_t(by)); };
        for (int v = 0; v < int(vpos.size()); ++v)
            buckets[bkey(int64_t(std::floor(vpos[v].x / join_m)), int64_t(std::floor(vpos[v].y / join_m)))]
                .push_back(v);
        for (int e : endpoints) {
            int64_t bx = int64_t(std::floor(vpos[e].x / join_m)), by = int64_t(std::floor(vpos[e].y / join_m));
            for (int64_t dx = -1; dx <= 1; ++dx)
                for (int64_t dy = -1; dy <= 1; ++dy) {
                    auto it = buckets.find(bkey(bx + dx, by + dy));
                    if (it == buckets.end()) continue;
                    for (int v : it->second)
                        if (v != e && dist(vpos[v], vpos[e]) <= join_m) {
                            bool linked = false;
                            for (auto& [w, d] : adj[e]) linked |= (w == v);
                            if (!linked) edge(e, v);
                        }
                }
        }
    }

    RailNetwork net;
    std::vector<int> snap;      // vertex of each kept station
    std::vector<double> snapd;  // distance station -> vertex
    for (size_t s = 0; s < station_pos.size(); ++s) {
        int best = -1;
        double bd = snap_m;
        for (int v = 0; v < int(vpos.size()); ++v) {
            double d = dist(vpos[v], station_pos[s]);
            if (d <= bd) {
                bd = d;
                best = v;
            }
        }
        if (best < 0) continue;
        net.stations.push_back(station_pos[s]);
        net.names.push_back(s < station_names.size() ? station_names[s] : std::string());
        snap.push_back(best);
        snapd.push_back(bd);
    }

    // Dijkstra over the track graph from every station.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> d(vpos.size());
    using QE = std::pair<double, int>;
    for (size_t a = 0; a < snap.size(); ++a) {
        std::fill(d.begin(), d.end(), inf);
        std::priority_queue<QE, std::vector<QE>, std::greater<QE>> q;
        d[snap[a]] = 0;
        q.push({0, snap[a]});
        while (!q.empty()) {
            auto [du, u] = q.top();
            q.pop();
            if (du > d[u]) continue;
            for (auto [v, w] : adj[u])
                if (du + w < d[v]) {
                    d[v] = du + w;
                    q.push({d[v], v});
                }
        }
        for (size_t b = a + 1; b < snap.size(); ++b)
            if (std::isfinite(d[snap[b]]))
                net.links.push_back({int(a), int(b), d[snap[b]] + snapd[a] + snapd[b]});
    }
    return net;
}

}  // namespace geo
