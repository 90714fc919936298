// trekkaart: the map of the Cultuurregio Twente. See README.md for the command line.
#include "viewer/app/cli.h"

int main(int argc, char** argv) { return viewer::run_main(argc, argv); }
