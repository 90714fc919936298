#version 330 core
// User layer lines and polygon outlines (issue 12): line.vert.glsl's segment quads, coloured per instance by
// class from u_palette (darkened by u_shade for outlines).
layout(location = 0) in vec2 a_p0;
layout(location = 1) in vec2 a_p1;
layout(location = 2) in float a_class;
uniform vec4 u_view;
uniform vec2 u_viewport;  // pixels
uniform float u_width;    // pixels
uniform vec4 u_palette[32];
uniform float u_opacity;
uniform float u_shade;    // 1: the class colour; < 1 darker
out float v_across;
flat out vec4 v_color;
void main() {
    vec4 c = u_palette[clamp(int(a_class + 0.5), 0, 31)];
    v_color = vec4(c.rgb * u_shade, c.a * u_opacity);
    vec2 s0 = (a_p0 - u_view.xy) * u_view.zw * u_viewport * 0.5, s1 = (a_p1 - u_view.xy) * u_view.zw * u_viewport * 0.5;
    vec2 d = s1 - s0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 nrm = vec2(-dir.y, dir.x);
    int id = gl_VertexID;  // 0..5: two triangles
    float along = (id == 1 || id == 2 || id == 4) ? 1.0 : 0.0;
    float side = (id == 2 || id == 4 || id == 5) ? 1.0 : -1.0;
    float hw = u_width * 0.5 + 0.5;
    vec2 s = mix(s0 - dir * hw, s1 + dir * hw, along) + nrm * side * hw;
    v_across = side * hw;
    gl_Position = vec4(s / (u_viewport * 0.5), 0.0, 1.0);
}
