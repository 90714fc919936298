#include "viewer/platform/gl_context.h"

namespace viewer {

namespace {
platform::WindowOptions offscreen(int w, int h) {
    platform::WindowOptions o;
    o.title = "trekkaart (offscreen)";
    o.w = w;
    o.h = h;
    o.hidden = true;
    return o;
}
}  // namespace

GLContext::GLContext(int w, int h) : win_(offscreen(w, h)) {}

}  // namespace viewer
