#include "viewer/render/tessellate.h"

#include <GL/glu.h>

#ifndef CALLBACK
#define CALLBACK
#endif

namespace viewer {

namespace {
struct TessState {
    std::vector<float>* out;
    std::vector<double*> extra;  // vertices created by the combine callback
};

void CALLBACK on_vertex(void* data, void* user) {
    auto* st = static_cast<TessState*>(user);
    const double* v = static_cast<const double*>(data);
    st->out->push_back(float(v[0]));
    st->out->push_back(float(v[1]));
}
void CALLBACK on_edge_flag(GLboolean, void*) {}  // forces GL_TRIANGLES output
void CALLBACK on_combine(GLdouble coords[3], void*[4], GLfloat[4], void** out, void* user) {
    auto* st = static_cast<TessState*>(user);
    double* v = new double[3]{coords[0], coords[1], coords[2]};
    st->extra.push_back(v);
    *out = v;
}
void CALLBACK on_begin(GLenum, void*) {}
void CALLBACK on_end(void*) {}
void CALLBACK on_error(GLenum, void*) {}
}  // namespace

void tessellate(const geo::MultiPolygon& mp, geo::P2 origin, std::vector<float>& out) {
    GLUtesselator* t = gluNewTess();
    if (!t) return;
    TessState st{&out, {}};
    gluTessCallback(t, GLU_TESS_VERTEX_DATA, reinterpret_cast<_GLUfuncptr>(on_vertex));
    gluTessCallback(t, GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<_GLUfuncptr>(on_edge_flag));
    gluTessCallback(t, GLU_TESS_COMBINE_DATA, reinterpret_cast<_GLUfuncptr>(on_combine));
    gluTessCallback(t, GLU_TESS_BEGIN_DATA, reinterpret_cast<_GLUfuncptr>(on_begin));
    gluTessCallback(t, GLU_TESS_END_DATA, reinterpret_cast<_GLUfuncptr>(on_end));
    gluTessCallback(t, GLU_TESS_ERROR_DATA, reinterpret_cast<_GLUfuncptr>(on_error));
    gluTessProperty(t, GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
    gluTessNormal(t, 0, 0, 1);
    std::vector<double> coords;
    for (const auto& poly : mp) {
        size_t n = 0;
        for (const auto& r : poly.rings) n += r.size();
        coords.assign(n * 3, 0.0);
        size_t k = 0;
        gluTessBeginPolygon(t, &st);
        for (const auto& r : poly.rings) {
            if (r.size() < 3) continue;
            gluTessBeginContour(t);
            for (const auto& p : r) {
                double* c = &coords[k * 3];
                c[0] = p.x - origin.x;
                c[1] = p.y - origin.y;
                c[2] = 0;
                gluTessVertex(t, c, c);
                ++k;
            }
            gluTessEndContour(t);
        }
        gluTessEndPolygon(t);
    }
    gluDeleteTess(t);
    for (double* v : st.extra) delete[] v;
}

}  // namespace viewer
