#version 330 core
// SDF text quads (viewer/render/text.cpp). Positions in pixels, origin top-left, y down.
layout(location = 0) in vec4 a_pos_uv;   // xy: px, zw: atlas texels
layout(location = 1) in vec4 a_fill;     // straight alpha
layout(location = 2) in vec4 a_halo;
layout(location = 3) in vec2 a_params;   // x: output px per 1.0 of SDF value, y: halo width px

uniform vec2 u_viewport;    // px
uniform vec2 u_atlas_size;  // texels

out vec2 v_uv;
out vec4 v_fill;
out vec4 v_halo;
out vec2 v_params;

void main() {
    vec2 ndc = vec2(a_pos_uv.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_pos_uv.y / u_viewport.y * 2.0);
    gl_Position = vec4(ndc, 0.0, 1.0);
    v_uv = a_pos_uv.zw / u_atlas_size;
    v_fill = a_fill;
    v_halo = a_halo;
    v_params = a_params;
}
