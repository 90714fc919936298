// The command line of `trekkaart` (README: "Starting the map"): parses it and dispatches to the window,
// --screenshot, the presenter, --screenshot-scenes and the `export` subcommand.
#pragma once

namespace viewer {

int run_main(int argc, char** argv);  // the process exit code

}  // namespace viewer
