// The travel-time engine: a multi-source Dijkstra over a friction grid (16 neighbours: orthogonal, diagonal and
// knight moves; cost = move length x mean friction of the cells the move crosses) plus the grid's extra links.
//
// Times run from the venues (sources) outwards; moves are symmetric, so a cell's time is also the time from that
// cell to its nearest venue. Unreachable cells and cells beyond the cut-off are +inf with owner -1.
//
// All functions are thread-safe for distinct outputs (no global state) and may run on a worker thread; the long
// ones accept a cancel flag (throwing geo::Cancelled) and a progress callback.
#pragma once
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <utility>
#include <vector>

#include "geo/core/grid.h"
#include "geo/travel/friction.h"

namespace geo {

// Shown by the UI and written into exports whenever a result has estimate == true.
constexpr const char* kEstimateNote = "estimate: no road network loaded";

struct Cancelled : std::exception {
    const char* what() const noexcept override { return "computation cancelled"; }
};

// A venue (or candidate site) as a trip end. Index in the sources vector is its stable id: remove a source by
// setting active = false, never by erasing it (indices of the others must not shift).
struct Source {
    P2 pos;               // RD; a source outside the grid is ignored
    bool active = true;
};

struct TravelOptions {
    float max_minutes = 90;                       // cut-off; cells beyond are +inf
    const std::atomic<bool>* cancel = nullptr;    // checked every few thousand steps
    std::function<void(float)> progress;          // 0..1, called from the computing thread
    int threads = 0;                              // per-source computations: 0 = hardware concurrency (max 4)
};

struct TravelField {
    GridF minutes;          // per cell, minutes to the nearest active source (min over layers); +inf beyond cut-off
    Grid<int32_t> owner;    // index of that source, -1 where unreachable. Ties: the lowest index.
    bool estimate = true;   // copied from the friction grid: "estimate: no road network loaded"
    float max_minutes = 90;

    // Engine state per node (padded layout of the friction grid), kept for incremental what-if updates.
    std::vector<float> node_s;
    std::vector<int32_t> node_owner;
};

// Full computation.
TravelField travel_time(const FrictionGrid& fg, const std::vector<Source>& sources, const TravelOptions& opt = {});
// Same, reusing `out`'s buffers when they already have the right size (avoids ~25 MB of fresh allocations and
// page faults per call on the region raster; use it for repeated computations, e.g. one field per map layer).
// When it throws Cancelled, `out` is left half-computed: recompute before using it.
void travel_time(const FrictionGrid& fg, const std::vector<Source>& sources, const TravelOptions& opt,
                 TravelField& out);

// What-if: after sources[index] was added (index == old size), moved (pos changed) or removed (active = false),
// updates `field` incrementally so that it equals travel_time(fg, sources, ...) exactly: cells owned by the
// changed source are invalidated and repaired from their boundary, then the source (if active) relaxes only
// where it improves. Returns the number of cells whose value changed.
size_t update_source(TravelField& field, const FrictionGrid& fg, const std::vector<Source>& sources, int index);

// Cells where a new source at `pos` would be strictly faster than `field`, within cutoff_minutes (capped at the
// field's own cut-off): (cell index, new minutes). A pruned Dijkstra from `pos` that relaxes only where it
// improves; `field` is used as scratch and restored before returning (so it is not const, but unchanged).
std::vector<std::pair<uint32_t, float>> improvement_scan(TravelField& field, const FrictionGrid& fg, P2 pos,
                                                         float cutoff_minutes);

// Per-source travel times, bounded by a cut-off, stored sparsely: for measures that need every source's time
// to every cell (gravity, 2SFCA, reach, cumulative opportunities). Times are whole seconds (rounded).
struct SourceTimes {
    GridSpec spec;
    float max_minutes = 60;
    bool estimate = true;
    struct List {
        std::vector<uint32_t> cell;   // index into the grid (row-major, row 0 north), ascending
        std::vector<uint16_t> sec;    // travel time in seconds
    };
    std::vector<List> lists;          // parallel to the sources; empty for inactive / outside sources
    size_t entries() const;
};

// One bounded Dijkstra per active source (in parallel on opt.threads threads), cut off at opt.max_minutes
// (at most 1000 minutes).
SourceTimes source_times(const FrictionGrid& fg, const std::vector<Source>& sources, const TravelOptions& opt = {});
// What-if: recomputes only sources[index]'s list (grows the lists when a source was added).
void update_source_times(SourceTimes& st, const FrictionGrid& fg, const std::vector<Source>& sources, int index);

// Exact Euclidean distance (metres) from each cell centre to the centre of the nearest cell holding a point,
// by a separable distance transform (Meijster et al. 2000). The engine's equivalent of gdal_proximity.py;
// owner (optional) gets the index of the nearest point, -1 when there is none.
GridF euclidean_distance(const GridSpec& spec, const std::vector<P2>& points, Grid<int32_t>* owner = nullptr);

}  // namespace geo
