#version 330 core
// Map polygons: positions in metres relative to the renderer's origin; u_view maps them to clip space.
layout(location = 0) in vec2 a_pos;
uniform vec4 u_view;  // (offset.x, offset.y, scale.x, scale.y): clip = (pos - offset) * scale
void main() {
    gl_Position = vec4((a_pos - u_view.xy) * u_view.zw, 0.0, 1.0);
}
