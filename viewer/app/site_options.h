// The what-if sites of the command line, one set of options for `analyse` and `export`:
//
//   --sites FILE|saved   the sites of a candidates file ('saved': the app's own, read only)
//   --add x,y[,cat]      a new site (RD metres), of --category unless given; repeatable
//   --move ID x,y        move what-if site N (1.., --sites first, then --add) or catalogue venue ID to x,y
//   --remove ID          leave what-if site N or catalogue venue ID out
//   --best K             the K best new sites (metric best_site)
//
// A moved catalogue venue is left out of the scenario and becomes a site at its new position; a removed one is
// left out (AnalysisParams::removed). What-if then compares the scenario with the catalogue as it is.
#pragma once
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/engine/analysis.h"

namespace CLI {
class App;
}

namespace viewer {

struct SiteArgs {
    std::string sites;                     // --sites FILE ("saved": the app's candidates file)
    std::vector<std::string> add;          // --add x,y[,category]
    std::vector<std::string> move;         // --move ID x,y: pairs
    std::vector<std::string> remove;       // --remove ID
    int best = 0;                          // --best K
    std::vector<Candidate> project_sites;  // a project's what-if sites (issue 12): the sites when --sites is not given
};

void add_site_options(CLI::App& sub, SiteArgs& a, const char* group);

// What depends on several options, after parsing; metric is the metric's key. "" or a usage error.
// With a project (has_project), its what-if sites may be the ones a what_if needs.
std::string finish_site_args(const SiteArgs& a, const std::string& metric, bool has_project = false);

enum class SiteError { None, Data, Usage };
// Fills p.candidates, p.removed and p.best_k from the options (p.category and p.metric set first); a what-if
// metric without any site is a usage error. On an error `msg` says what is wrong (for Data: the file and why).
SiteError apply_site_args(const SiteArgs& a, const geo::Dataset& data, AnalysisParams& p, std::string& msg);

}  // namespace viewer
