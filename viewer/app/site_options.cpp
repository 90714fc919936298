#include "viewer/app/site_options.h"

#include <CLI/CLI.hpp>

#include <algorithm>

#include "geo/core/error.h"
#include "viewer/app/cli_options.h"
#include "viewer/app/session.h"
#include "viewer/engine/candidates.h"
#include "viewer/model/vocabulary.h"

namespace viewer {

namespace {

// "x,y" (RD metres) and, with_category, an optional ",category"; "" or what is wrong.
std::string parse_site(const std::string& v, bool with_category, Candidate* out) {
    std::vector<std::string> p;
    for (size_t a = 0;;) {
        const size_t b = v.find(',', a);
        p.push_back(v.substr(a, b == std::string::npos ? b : b - a));
        if (b == std::string::npos) break;
        a = b + 1;
    }
    Candidate c;
    const std::string expects = with_category ? "x,y[,category] in RD metres, e.g. 257000,471000,pop"
                                              : "x,y in RD metres, e.g. 257000,471000";
    if (p.size() < 2 || p.size() > (with_category ? 3u : 2u) || !parse_double(p[0], c.pos.x) ||
        !parse_double(p[1], c.pos.y))
        return "expects " + expects + ", not \"" + v + "\"";
    if (p.size() == 3 && !geo::category_from_key(p[2], c.category)) {
        const std::string best = closest_key(p[2], category_keys(), 3);
        return "unknown venue category \"" + p[2] + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?");
    }
    if (out) *out = c;
    return "";
}

CLI::Validator site_check(bool with_category) {
    return CLI::Validator([with_category](std::string& v) { return parse_site(v, with_category, nullptr); }, "");
}

void add_site_options_impl(CLI::App& sub, SiteArgs& a, const char* g) {
    sub.add_option("--sites", a.sites, "the sites of a candidates file; 'saved': the ones the app keeps "
                                       "(read only, never changed)")->type_name("FILE")->group(g);
    sub.add_option("--add", a.add, "a site at x,y (RD metres), of --category unless given; repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->check(site_check(true))->type_name("x,y[,cat]")
        ->group(g);
    sub.add_option("--move", a.move, "move what-if site N, or the catalogue venue ID, to x,y; repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->expected(2)->type_name("ID x,y")->group(g);
    sub.add_option("--remove", a.remove, "leave what-if site N, or the catalogue venue ID, out; repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->type_name("ID")->group(g);
    sub.add_option("--best", a.best, "suggest the K best new sites (metric best_site)")
        ->check(int_in(1, 20, "1..20"))->type_name("K")->group(g);
}

// --move and --remove: ID is a what-if site's number (1.., --sites first, then --add) or a catalogue venue's id.
// A moved venue is left out and becomes a site at the new position; a removed one is left out (p.removed).
// Applies them to sites and p; "" or a usage error.
std::string edit_sites(const SiteArgs& a, const geo::Dataset& data, std::vector<Candidate>& sites,
                       AnalysisParams& p) {
    const size_t n_sites = sites.size();
    // Which site (>= 0) or catalogue venue (-1 - index) an ID names.
    auto resolve = [&](const std::string& opt, const std::string& v, long& which) -> std::string {
        int n = 0;
        if (parse_int(v, n)) {
            if (n < 1 || size_t(n) > n_sites)
                return opt + ": no what-if site \"" + v + "\" (sites are numbered 1.." + std::to_string(n_sites) +
                       ": --sites first, then --add; or give a venue id)";
            which = n - 1;
            return "";
        }
        const int vi = find_venue(data, v);
        if (vi < 0) return opt + ": " + unknown_venue_message(data, v);
        const geo::Venue& ven = data.venues[size_t(vi)];
        if (ven.category != p.category)
            return opt + ": " + v + " is a venue of category " + geo::category_key(ven.category) +
                   "; the analysis is of " + geo::category_key(p.category) + " (--category " +
                   geo::category_key(ven.category) + ")";
        which = -1 - vi;
        return "";
    };
    auto leave_out = [&](int vi) {
        if (std::find(p.removed.begin(), p.removed.end(), vi) == p.removed.end()) p.removed.push_back(vi);
    };
    for (size_t j = 0; j + 1 < a.move.size(); j += 2) {
        long which = 0;
        if (std::string e = resolve("--move", a.move[j], which); !e.empty()) return e;
        Candidate c;
        if (std::string e = parse_site(a.move[j + 1], false, &c); !e.empty()) return "--move: " + e;
        if (which >= 0) {
            sites[size_t(which)].pos = c.pos;
            continue;
        }
        const int vi = int(-1 - which);
        leave_out(vi);
        c.category = data.venues[size_t(vi)].category;
        c.name = data.venues[size_t(vi)].name;
        sites.push_back(c);  // after the numbered sites: the numbers of --remove stay those of --sites and --add
    }
    std::vector<bool> drop(sites.size(), false);
    for (const std::string& v : a.remove) {
        long which = 0;
        if (std::string e = resolve("--remove", v, which); !e.empty()) return e;
        if (which >= 0) drop[size_t(which)] = true;
        else leave_out(int(-1 - which));
    }
    std::vector<Candidate> kept;
    for (size_t i = 0; i < sites.size(); ++i)
        if (!drop[i]) kept.push_back(sites[i]);
    sites = std::move(kept);
    return "";
}

}  // namespace

void add_site_options(CLI::App& sub, SiteArgs& a, const char* group) { add_site_options_impl(sub, a, group); }

std::string finish_site_args(const SiteArgs& a, const std::string& metric, bool has_project) {
    if (a.best > 0 && metric != "best_site") return "--best is for --metric best_site, not " + metric;
    if (a.move.size() % 2) return "--move expects ID x,y";
    if (metric == "what_if" && !has_project && a.sites.empty() && a.add.empty() && a.move.empty() && a.remove.empty())
        return "what_if needs what-if sites (--add x,y, --sites FILE, --move ID x,y or --remove ID)";
    return "";
}

SiteError apply_site_args(const SiteArgs& a, const geo::Dataset& data, AnalysisParams& p, std::string& msg) {
    if (a.best > 0) p.best_k = a.best;
    std::vector<Candidate> sites = a.project_sites;
    if (!a.sites.empty()) {
        const std::string path = a.sites == "saved" ? default_candidates_path() : a.sites;
        try {
            sites = read_candidates(path);  // instead of a project's
        } catch (const geo::DataError& e) {
            msg = std::string("--sites: ") + e.what();
            return SiteError::Data;
        }
    }
    for (const std::string& s : a.add) {
        Candidate c;
        c.category = p.category;
        parse_site(s, true, &c);  // checked by the command line
        c.name = "site " + std::to_string(sites.size() + 1);
        sites.push_back(c);
    }
    if (std::string e = edit_sites(a, data, sites, p); !e.empty()) {
        msg = e;
        return SiteError::Usage;
    }
    p.candidates = std::move(sites);
    if (p.metric == Metric::Reach && p.venue < 0 && p.candidates.empty()) {
        msg = "reach needs --venue ID (or a what-if site: --add x,y)";
        return SiteError::Usage;
    }
    if (p.metric == Metric::WhatIf && p.candidates.empty() && p.removed.empty()) {
        msg = "what_if needs what-if sites (--add x,y, --sites FILE, --move ID x,y or --remove ID)";
        return SiteError::Usage;
    }
    return SiteError::None;
}

}  // namespace viewer
