#version 330 core
// Heatmap quad: corners in metres relative to the renderer's origin (same u_view transform as poly.vert.glsl),
// with texture coordinates (v = 0 at the grid's northern edge, row 0).
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
uniform vec4 u_view;  // (offset.x, offset.y, scale.x, scale.y): clip = (pos - offset) * scale
out vec2 v_uv;
void main() {
    v_uv = a_uv;
    gl_Position = vec4((a_pos - u_view.xy) * u_view.zw, 0.0, 1.0);
}
