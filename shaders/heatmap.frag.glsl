#version 330 core
// Heatmap: value -> ramp colour (lookup texture), contour lines of constant pixel width, nodata transparent.
in vec2 v_uv;
uniform sampler2D u_grid;    // RG32F: r = value (nodata cells hold their neighbours' mean), g = 1 valid / 0 nodata
uniform sampler2D u_lut;     // 256 x 1 ramp
uniform vec2 u_range;        // vmin, vmax
uniform int u_flags;         // 1 reverse, 2 log scale, 4 banded, 8 fill
uniform float u_opacity;
uniform int u_ncont;
uniform float u_cont[8];     // contour values, ascending
uniform float u_cont_w[8];   // line width per contour (px)
uniform vec4 u_cont_color;
out vec4 frag;

float ramp_t(float v) {
    float lo = u_range.x, hi = u_range.y;
    float t;
    if ((u_flags & 2) != 0) t = log(1.0 + max(v - lo, 0.0)) / log(1.0 + max(hi - lo, 1e-6));
    else t = (v - lo) / max(hi - lo, 1e-6);
    t = clamp(t, 0.0, 1.0);
    return (u_flags & 1) != 0 ? 1.0 - t : t;
}

void main() {
    vec2 s = texture(u_grid, v_uv).rg;
    float v = s.r;
    float fw = fwidth(v);  // value change per pixel (before any discard: derivatives need uniform control flow)
    if (s.g < 0.5) discard;

    vec4 c = vec4(0.0);
    if ((u_flags & 8) != 0) {
        float vv = v;
        if ((u_flags & 4) != 0 && u_ncont > 0) {  // banded: the colour of the band's middle
            float lo = u_range.x, hi = max(u_range.y, u_cont[u_ncont - 1]);
            for (int i = 0; i < u_ncont; ++i) {
                if (v < u_cont[i]) { hi = u_cont[i]; break; }
                lo = u_cont[i];
            }
            vv = v >= u_cont[u_ncont - 1] ? max(v, u_range.y) : 0.5 * (lo + hi);
        }
        float t = ramp_t(vv);
        c = vec4(texture(u_lut, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb, u_opacity);
    }
    // Contour lines: distance to each threshold in pixels (value difference / value change per pixel).
    float line = 0.0;
    for (int i = 0; i < u_ncont; ++i) {
        float d = abs(v - u_cont[i]) / max(fw, 1e-6);
        line = max(line, clamp(0.5 * u_cont_w[i] + 0.5 - d, 0.0, 1.0));
    }
    float la = line * u_cont_color.a;
    float a = la + c.a * (1.0 - la);
    if (a <= 0.0) discard;
    vec3 rgb = (u_cont_color.rgb * la + c.rgb * c.a * (1.0 - la)) / a;
    frag = vec4(rgb, a);
}
