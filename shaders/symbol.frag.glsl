#version 330 core
in vec2 v_uv;
flat in float v_shape;
flat in float v_r;
in vec4 v_fill;
in vec4 v_stroke;
uniform float u_stroke_px;
out vec4 frag;

// Signed distances (pixels, negative inside) of simple shapes of "radius" r.
float sd_poly(vec2 p, float r, float n, float rot) {
    float a = atan(p.x, p.y) + rot;
    float seg = 6.2831853 / n;
    return cos(floor(0.5 + a / seg) * seg - a) * length(p) - r * cos(seg * 0.5);
}
float sd_star(vec2 p, float r) {
    float a = atan(p.x, p.y);
    float seg = 6.2831853 / 5.0;
    float m = mod(a + seg * 0.5, seg) - seg * 0.5;
    float k = mix(0.45, 1.0, abs(abs(m) / (seg * 0.5) - 1.0));
    return length(p) - r * k * 1.05;
}
void main() {
    vec2 p = vec2(v_uv.x, -v_uv.y);  // y up
    float r = v_r;
    float d;
    int s = int(v_shape + 0.5);
    if (s == 0) d = length(p) - r;
    else if (s == 1) { vec2 q = abs(p) - vec2(r * 0.86); d = max(q.x, q.y); }
    else if (s == 2) d = (abs(p.x) + abs(p.y)) / 1.4142 - r * 0.8;
    else if (s == 3) d = sd_poly(p + vec2(0.0, r * 0.2), r * 1.05, 3.0, 0.0);
    else if (s == 4) d = sd_poly(-p + vec2(0.0, r * 0.2), r * 1.05, 3.0, 0.0);
    else if (s == 5) d = sd_poly(p, r * 1.02, 6.0, 0.5236);
    else d = sd_star(p, r * 1.15);
    float outer = clamp(0.5 - (d - u_stroke_px), 0.0, 1.0);
    float inner = clamp(0.5 - d, 0.0, 1.0);
    vec4 col = mix(v_stroke, v_fill, inner);
    frag = vec4(col.rgb, col.a * outer);
    if (frag.a <= 0.0) discard;
}
