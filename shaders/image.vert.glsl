#version 330 core
// A picture drawn as textured triangles in screen pixels (y down): the presenter's compositor.
layout(location = 0) in vec2 a_px;
layout(location = 1) in vec2 a_uv;
uniform vec2 u_viewport;
out vec2 v_uv;
void main() {
    v_uv = a_uv;
    gl_Position = vec4(a_px.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_px.y / u_viewport.y * 2.0, 0.0, 1.0);
}
