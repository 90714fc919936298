#version 330 core
// Thick lines: one instance per segment (p0 -> p1), expanded to a screen-space quad of u_width pixels,
// extended by half the width at both ends so that joins have no gaps.
layout(location = 0) in vec2 a_p0;
layout(location = 1) in vec2 a_p1;
layout(location = 2) in float a_d0;  // distance along the line at p0 (metres), for dashes
uniform vec4 u_view;
uniform vec2 u_viewport;  // pixels
uniform float u_width;    // pixels
out float v_dist_px;
out float v_across;
void main() {
    vec2 c0 = (a_p0 - u_view.xy) * u_view.zw;
    vec2 c1 = (a_p1 - u_view.xy) * u_view.zw;
    vec2 s0 = c0 * u_viewport * 0.5, s1 = c1 * u_viewport * 0.5;  // pixels
    vec2 d = s1 - s0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    int id = gl_VertexID;  // 0..5: two triangles
    float along = (id == 1 || id == 2 || id == 4) ? 1.0 : 0.0;
    float side = (id == 2 || id == 4 || id == 5) ? 1.0 : -1.0;
    float hw = u_width * 0.5 + 0.5;
    vec2 s = mix(s0 - dir * hw, s1 + dir * hw, along) + nrm * side * hw;
    float mpp = 2.0 / (u_view.z * u_viewport.x);
    v_dist_px = a_d0 / mpp + mix(-hw, len + hw, along);
    v_across = side * hw;
    gl_Position = vec4(s / (u_viewport * 0.5), 0.0, 1.0);
}
