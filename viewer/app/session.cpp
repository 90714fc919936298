#include "viewer/app/session.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "geo/core/error.h"
#include "geo/io/user_layer.h"
#include "geo/io/venue_edits.h"
#include "viewer/engine/user_analysis.h"
#include "viewer/model/vocabulary.h"

namespace viewer {

std::string roads_path(const std::string& option) {
    if (!option.empty()) return option;
    const char* env = std::getenv("TREKKAART_ROADS");
    return env ? env : "";
}

namespace {

// The project's venue set, zones and road network for a run without a window, through the panel's code
// (UserAnalysis without a worker); the command line's own options replace them.
void apply_session_uses(Session& s, const SessionOptions& o) {
    Project p = *s.project;
    AnalysisUses& u = p.analysis.uses;
    if (o.own_venues) u.venues_layer.clear();
    if (o.own_zones) u.zones_layer.clear();
    if (!o.roads.empty()) u.roads_layer.clear();
    UserAnalysis ua(s.data);
    for (const auto& m : apply_project_uses(p, s.user_layers, s.missing_layers, ua))
        std::fprintf(stderr, "%s: %s\n", o.who.c_str(), m.c_str());
    s.zones = ua.zones();
    s.roads = ua.roads();
    if (s.roads) s.analysis.roads = s.roads.get();
    if (o.quiet) return;
    if (ua.venues().active())
        std::fprintf(stderr, "%s: %zu venues from the layer '%s' (%s the catalogue's of their categories)\n",
                     o.who.c_str(), ua.venues().count(), u.venues_layer.c_str(),
                     u.venues.extend ? "added to" : "replacing");
    if (s.zones) std::fprintf(stderr, "%s: %zu zones from the layer '%s'\n", o.who.c_str(), s.zones->geoms.size(),
                              u.zones_layer.c_str());
    if (s.roads) std::fprintf(stderr, "%s: the road network from the layer '%s' (%zu roads)\n", o.who.c_str(),
                              u.roads_layer.c_str(), s.roads->roads.size());
}

}  // namespace

std::optional<Session> load_session(const SessionOptions& o) {
    std::optional<Session> s(std::in_place);
    const char* who = o.who.c_str();
    if (!o.project.empty()) {
        try {
            s->project = load_project(o.project);
        } catch (const geo::DataError& e) {  // json::Error too: file:line:col
            std::fprintf(stderr, "%s: cannot open the project: %s\n", who, e.what());
            return std::nullopt;
        }
        if (!o.quiet)
            for (const auto& n : s->project->notes) std::fprintf(stderr, "%s: note: %s\n", who, n.c_str());
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        s->data = geo::load_dataset();
        // The user's venue edits (the window's venue editor), in every mode: the map shown is the user's; a
        // project names its own.
        std::string edits = geo::default_venue_edits_path();
        if (s->project && !s->project->venue_edits.empty()) {
            edits = resolve_project_path(s->project->venue_edits, s->project->path);
            std::error_code ec;
            if (!std::filesystem::exists(edits, ec) && !o.quiet)
                std::fprintf(stderr, "%s: %s: the venue edits file \"%s\" (resolved: %s) is not there; the catalogue "
                             "is used as it is (edits made now are saved there)\n", who, s->project->path.c_str(),
                             s->project->venue_edits.c_str(), edits.c_str());
        }
        s->venue_edits_path = edits;
        for (auto& w : geo::load_user_venue_edits(s->data, edits)) s->data.warnings.push_back(std::move(w));
        if (s->data.venue_edits > 0 && !o.quiet)
            std::fprintf(stderr, "%s: %d venue edit(s) from %s applied\n", who, s->data.venue_edits, edits.c_str());
        if (o.report_load) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            std::fprintf(stderr, "%s: loaded %zu municipalities, %zu places, %zu venues in %.0f ms\n", who,
                         s->data.municipalities.size(), s->data.places.size(), s->data.venues.size(), ms);
        }
        if (!o.quiet)
            for (const auto& w : s->data.warnings) std::fprintf(stderr, "%s: warning: %s\n", who, w.c_str());
    } catch (const geo::DataError& e) {
        std::fprintf(stderr, "%s: cannot load the map data:\n  %s\n", who, e.what());
        return std::nullopt;
    }
    s->analysis.roads_path = roads_path(o.roads);
    if (s->project) {
        ProjectLayers pl = load_project_layers(*s->project, s->data.region_bbox, s->next_layer_id);
        s->next_layer_id += int(s->project->layers.size());
        for (const auto& m : pl.missing) std::fprintf(stderr, "%s: %s\n", who, m.message.c_str());
        if (!o.quiet)
            for (const auto& e : pl.loaded)
                std::fprintf(stderr, "%s: layer '%s': %zu features (%s) from %s\n", who, e.layer->name.c_str(),
                             e.layer->data.features.size(), geo::geom_kind_name(e.layer->kind), e.layer->spec.c_str());
        s->user_layers = std::move(pl.loaded);
        s->missing_layers = std::move(pl.missing);
    }
    for (const auto& spec : o.layers) add_user_layer(*s, spec, o.who, o.quiet);  // a failing layer is skipped
    if (s->project && o.apply_project_uses) apply_session_uses(*s, o);
    return s;
}

int find_venue(const geo::Dataset& data, const std::string& id) {
    for (size_t i = 0; i < data.venues.size(); ++i)
        if (data.venues[i].id == id) return int(i);
    return -1;
}

std::string unknown_venue_message(const geo::Dataset& data, const std::string& id) {
    std::vector<std::string> ids;
    for (const geo::Venue& v : data.venues) ids.push_back(v.id);
    const std::string best = closest_key(id, ids, 3);
    return "no venue with the id \"" + id + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?");
}

bool add_user_layer(Session& s, const std::string& spec, const std::string& who, bool quiet, std::string* error) {
    geo::UserLayerOptions lo;
    lo.region = s.data.region_bbox;
    try {
        auto layer = std::make_shared<geo::UserLayer>(geo::read_user_layer(spec, lo));
        if (!quiet) {
            for (const auto& w : layer->data.warnings) std::fprintf(stderr, "%s: warning: %s\n", who.c_str(), w.c_str());
            std::fprintf(stderr, "%s: layer '%s': %zu features (%s) from %s\n", who.c_str(), layer->name.c_str(),
                         layer->data.features.size(), geo::geom_kind_name(layer->kind), layer->spec.c_str());
        }
        UserLayerEntry e;
        e.style = default_user_style(*layer, int(s.user_layers.size()));
        e.index = UserFeatureIndex::build(*layer);
        e.layer = std::move(layer);
        e.id = s.next_layer_id++;
        s.user_layers.push_back(std::move(e));
        return true;
    } catch (const geo::DataError& e) {
        if (!quiet) std::fprintf(stderr, "%s: layer not added: %s\n", who.c_str(), e.what());
        if (error) *error = e.what();
        return false;
    }
}

}  // namespace viewer
