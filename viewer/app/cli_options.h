// What `trekkaart` and `trekkaart export` share on their command line (CLI11): checks for option values whose
// messages name the option, the value and what is allowed, with a "did you mean" for a mistyped key, and the
// turning of CLI11's parse errors into trekkaart's exit codes.
//
//     app.add_option("--category", a.category)->check(key_in("venue category", category_keys()));
//     // "--category: unknown venue category "theater"; did you mean "theatre"? (allowed: third_place, pop, ...)"
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace viewer {

// One of keys (or what `accepts`, e.g. any case); the message suggests the closest key (vocabulary.h: closest_key).
CLI::Validator key_in(const std::string& what, std::vector<std::string> keys,
                      std::function<bool(const std::string&)> accepts = {});
// A finite number in [lo, hi] (lo excluded when lo_open); `expects` completes "expects ..." in the message.
CLI::Validator number_in(double lo, double hi, bool lo_open, const std::string& expects);
// A whole number in [lo, hi].
CLI::Validator int_in(long lo, long hi, const std::string& expects);
// WxH with 1 <= W, H <= max_side; `example` completes "expects WxH, e.g. ...".
CLI::Validator size_wxh(int max_side, const std::string& example);

// issue 17: composite weights "third_place=2,pop=1" (vocabulary.h: parse_weights), or "strategy" (the rank preset).
CLI::Validator weights_in();
// A user layer (issue 12): PATH, PATH,LAYER, /vsizip/... or PG:...; refuses only what cannot be a layer (empty, a
// trailing comma). Whether it reads is said when it is loaded: a layer that fails is skipped with its message.
CLI::Validator layer_spec();

bool parse_int(const std::string& s, int& v);        // the whole string, in int range
bool parse_double(const std::string& s, double& v);  // the whole string, finite
bool parse_wxh(const std::string& s, int& w, int& h);

// The long names of the options given on the command line of app ("--category", ...), after parsing: options
// given override a project's settings (issue 12), options left at their defaults do not.
std::set<std::string> given_options(const CLI::App& app);

// Defaults every trekkaart command line shares: an option given twice takes the last value; -h/--help.
void set_option_defaults(CLI::App& app);

// Parses args with app. Returns -1 when they parse, 0 after printing the help (stdout; a subcommand's when it was
// given), or 2 (a usage error: every trekkaart command line exits with 2) with CLI11's message in `error`.
int parse_args(CLI::App& app, std::vector<std::string> args, std::string& error);

}  // namespace viewer
