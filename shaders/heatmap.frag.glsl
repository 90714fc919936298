#version 330 core
// Heatmap: one texture fetch per pixel (llvmpipe's cost is the fetch), colour ramp from uniforms, contour lines of
// constant pixel width, nodata transparent. The CPU packs per cell (Heatmap::draw):
//   r = position along the ramp (0..1, value range, log scale and bands already applied)
//   g = contour index: threshold i sits at g = i, linear in the value in between (so lines are where g is whole)
//   b = 1 valid / 0 nodata (nodata cells hold their neighbours' mean in r and g, so filtering stays smooth)
//     (+inf cells, beyond a cut-off, are valid with r = 1 and g past the last contour: the ramp's far end, no line)
//   a = 1 filled / 0 contours only (values above HeatmapStyle::fill_max)
in vec2 v_uv;
uniform sampler2D u_grid;    // RGBA16 (unsigned normalised), see above; g mapped by u_gmap
uniform vec2 u_gmap;         // contour index = u_gmap.x + g * u_gmap.y
uniform vec3 u_ramp[10];     // control points, evenly spaced over t = 0..1
uniform int u_nramp;
uniform int u_flags;         // 1 reverse, 8 fill
uniform float u_opacity;
uniform int u_ncont;         // number of contour lines (0: none)
uniform float u_cont_w[8];   // line width per contour (px)
uniform vec4 u_cont_color;
out vec4 frag;

void main() {
    vec4 s = texture(u_grid, v_uv);
    s.g = u_gmap.x + s.g * u_gmap.y;
    float fw = fwidth(s.g);  // contour index change per pixel (before discard: derivatives need uniform flow)
    if (s.b < 0.5) discard;

    vec4 c = vec4(0.0);
    if ((u_flags & 8) != 0 && s.a >= 0.5) {
        float t = clamp(s.r, 0.0, 1.0);
        if ((u_flags & 1) != 0) t = 1.0 - t;
        float x = t * float(u_nramp - 1);
        int i = min(int(x), u_nramp - 2);
        c = vec4(mix(u_ramp[i], u_ramp[i + 1], x - float(i)), u_opacity);
    }
    // Nearest contour line: distance in pixels = distance in contour index / index change per pixel.
    float la = 0.0;
    if (u_ncont > 0) {
        float k = floor(s.g + 0.5);
        if (k >= 0.0 && k < float(u_ncont)) {
            float d = abs(s.g - k) / max(fw, 1e-6);
            la = clamp(0.5 * u_cont_w[int(k)] + 0.5 - d, 0.0, 1.0) * u_cont_color.a;
        }
    }
    float a = la + c.a * (1.0 - la);
    if (a <= 0.0) discard;
    frag = vec4((u_cont_color.rgb * la + c.rgb * c.a * (1.0 - la)) / a, a);
}
