// trekkaart: the map of the Cultuurregio Twente. See README.md for the command line.
#include "viewer/core/app.h"

int main(int argc, char** argv) { return viewer::run_main(argc, argv); }
