#include "viewer/app/cli_options.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "viewer/model/vocabulary.h"

namespace viewer {

namespace {
std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& k : v) s += (s.empty() ? "" : sep) + k;
    return s;
}
}  // namespace

bool parse_int(const std::string& s, int& v) {
    char* end = nullptr;
    const long x = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end || x < -2147483647L || x > 2147483647L) return false;
    v = int(x);
    return true;
}

bool parse_double(const std::string& s, double& v) {
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return !s.empty() && !*end && std::isfinite(v);
}

bool parse_wxh(const std::string& s, int& w, int& h) {
    char x = 0, extra = 0;
    return std::sscanf(s.c_str(), "%d%c%d%c", &w, &x, &h, &extra) == 3 && (x == 'x' || x == 'X') && w >= 1 && h >= 1;
}

CLI::Validator key_in(const std::string& what, std::vector<std::string> keys,
                      std::function<bool(const std::string&)> accepts) {
    const std::string desc = "{" + joined(keys, ",") + "}";
    return CLI::Validator(
        [what, keys, accepts](std::string& v) -> std::string {
            if (accepts ? accepts(v) : std::find(keys.begin(), keys.end(), v) != keys.end()) return "";
            const std::string best = closest_key(v, keys, std::max<size_t>(2, v.size() / 3));
            return "unknown " + what + " " + in_quotes(v) + (best.empty() ? "" : "; did you mean " + in_quotes(best) + "?") +
                   " (allowed: " + joined(keys, ", ") + ")";
        },
        desc);
}

CLI::Validator weights_in() {
    return CLI::Validator(
        [](std::string& v) -> std::string {
            CategoryWeights w{};
            return v == "strategy" ? "" : parse_weights(v, w);
        },
        "CAT=W,...");
}

CLI::Validator number_in(double lo, double hi, bool lo_open, const std::string& expects) {
    return CLI::Validator(
        [=](std::string& v) -> std::string {
            double x = 0;
            if (parse_double(v, x) && (lo_open ? x > lo : x >= lo) && x <= hi) return "";
            return "expects " + expects + ", not " + in_quotes(v);
        },
        expects);
}

CLI::Validator int_in(long lo, long hi, const std::string& expects) {
    return CLI::Validator(
        [=](std::string& v) -> std::string {
            int x = 0;
            if (parse_int(v, x) && x >= lo && x <= hi) return "";
            return "expects " + expects + ", not " + in_quotes(v);
        },
        expects);
}

CLI::Validator layer_spec() {
    return CLI::Validator(
        [](std::string& v) -> std::string {
            if (v.empty()) return "expects a file, PATH,LAYER or a PG: connection, not an empty value";
            if (v.back() == ',') return "expects a layer name after the comma (PATH,LAYER), not " + in_quotes(v);
            return "";
        },
        "");
}

CLI::Validator size_wxh(int max_side, const std::string& example) {
    return CLI::Validator(
        [=](std::string& v) -> std::string {
            int w = 0, h = 0;
            if (parse_wxh(v, w, h) && w <= max_side && h <= max_side) return "";
            return "expects WxH, e.g. " + example + ", not " + in_quotes(v);
        },
        "");
}

void set_option_defaults(CLI::App& app) {
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.get_formatter()->column_width(36);
}

int parse_args(CLI::App& app, std::vector<std::string> args, std::string& error) {
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
        app.parse(std::move(args));
    } catch (const CLI::CallForHelp&) {
        std::fputs(app.help().c_str(), stdout);
        return 0;
    } catch (const CLI::ParseError& e) {
        error = e.what();
        return 2;
    }
    return -1;
}

std::set<std::string> given_options(const CLI::App& app) {
    std::set<std::string> out;
    for (const CLI::Option* o : app.get_options())
        if (o->count() > 0)
            for (const std::string& n : o->get_lnames()) out.insert("--" + n);
    return out;
}

}  // namespace viewer
