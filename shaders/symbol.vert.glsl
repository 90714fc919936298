#version 330 core
// Point symbols (venues, stations, candidates): one instance per point, a screen-aligned quad.
layout(location = 0) in vec2 a_pos;     // metres relative to origin
layout(location = 1) in float a_size;   // diameter in pixels
layout(location = 2) in float a_shape;  // 0 circle, 1 square, 2 diamond, 3 triangle, 4 triangle down, 5 hexagon, 6 star
layout(location = 3) in vec4 a_fill;
layout(location = 4) in vec4 a_stroke;
uniform vec4 u_view;
uniform vec2 u_viewport;
uniform float u_stroke_px;
out vec2 v_uv;  // pixels from the centre
flat out float v_shape;
flat out float v_r;
out vec4 v_fill;
out vec4 v_stroke;
void main() {
    vec2 corner = vec2((gl_VertexID == 1 || gl_VertexID == 2 || gl_VertexID == 4) ? 1.0 : -1.0,
                       (gl_VertexID == 2 || gl_VertexID == 4 || gl_VertexID == 5) ? 1.0 : -1.0);
    float half_px = a_size * 0.5 + u_stroke_px + 1.5;
    vec2 c = (a_pos - u_view.xy) * u_view.zw;
    v_uv = corner * half_px;
    v_shape = a_shape;
    v_r = a_size * 0.5;
    v_fill = a_fill;
    v_stroke = a_stroke;
    gl_Position = vec4(c + corner * half_px * 2.0 / u_viewport, 0.0, 1.0);
}
