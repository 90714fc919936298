#version 330 core
uniform vec4 u_color;
uniform float u_width;
uniform vec2 u_dash;  // (dash, gap) in pixels; dash == 0: solid
in float v_dist_px;
in float v_across;
out vec4 frag;
void main() {
    float a = clamp(u_width * 0.5 + 0.5 - abs(v_across), 0.0, 1.0);  // 1 px anti-aliased edge
    if (u_dash.x > 0.0) {
        float m = mod(v_dist_px, u_dash.x + u_dash.y);
        if (m > u_dash.x) discard;
    }
    frag = vec4(u_color.rgb, u_color.a * a);
}
