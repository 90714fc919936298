// Writing a whole RGBA image as a PNG file (screenshots, handouts, tests). Posters stream through
// viewer/output/export.h instead.
#pragma once
#include <string>

namespace viewer {

// PNG writing (stb_image_write) through a temporary file + rename; dpi stored in a pHYs chunk when > 0.
// Returns "" on success or an error message naming the path.
std::string write_png_atomic(const std::string& path, const unsigned char* rgba, int w, int h, double dpi = 0);

}  // namespace viewer
