#version 330 core
// User point symbols (issue 12): a static buffer of positions and classes (uploaded once per layer), drawn as
// symbol.vert.glsl's circles with the class colour from u_palette; symbol.frag.glsl shades them.
layout(location = 0) in vec2 a_pos;     // metres relative to origin
layout(location = 1) in float a_class;
uniform vec4 u_view;
uniform vec2 u_viewport;
uniform float u_stroke_px;
uniform float u_size;        // diameter in pixels
uniform vec4 u_palette[32];
uniform float u_opacity;
uniform vec4 u_stroke;
out vec2 v_uv;
flat out float v_shape;
flat out float v_r;
out vec4 v_fill;
out vec4 v_stroke;
void main() {
    vec2 corner = vec2((gl_VertexID == 1 || gl_VertexID == 2 || gl_VertexID == 4) ? 1.0 : -1.0,
                       (gl_VertexID == 2 || gl_VertexID == 4 || gl_VertexID == 5) ? 1.0 : -1.0);
    float half_px = u_size * 0.5 + u_stroke_px + 1.5;
    vec2 c = (a_pos - u_view.xy) * u_view.zw;
    vec4 f = u_palette[clamp(int(a_class + 0.5), 0, 31)];
    v_uv = corner * half_px;
    v_shape = 0.0;
    v_r = u_size * 0.5;
    v_fill = vec4(f.rgb, f.a * u_opacity);
    v_stroke = vec4(u_stroke.rgb, u_stroke.a * u_opacity);
    gl_Position = vec4(c + corner * half_px * 2.0 / u_viewport, 0.0, 1.0);
}
