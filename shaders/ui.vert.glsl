#version 330 core
// Screen-space solid geometry for map furniture (legend boxes, scale bar, north arrow): pixels, y down.
layout(location = 0) in vec2 a_px;
layout(location = 1) in vec4 a_color;
uniform vec2 u_viewport;
out vec4 v_color;
void main() {
    v_color = a_color;
    gl_Position = vec4(a_px.x / u_viewport.x * 2.0 - 1.0, 1.0 - a_px.y / u_viewport.y * 2.0, 0.0, 1.0);
}
