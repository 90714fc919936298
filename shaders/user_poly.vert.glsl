#version 330 core
// User layer fills (issue 12): positions in metres relative to the renderer's origin and a class per vertex;
// the class's colour comes from u_palette, so a colour or opacity change is a uniform, not a new buffer.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in float a_class;
uniform vec4 u_view;         // (offset.x, offset.y, scale.x, scale.y): clip = (pos - offset) * scale
uniform vec4 u_palette[32];  // per class
uniform float u_opacity;
flat out vec4 v_color;
void main() {
    vec4 c = u_palette[clamp(int(a_class + 0.5), 0, 31)];
    v_color = vec4(c.rgb, c.a * u_opacity);
    gl_Position = vec4((a_pos - u_view.xy) * u_view.zw, 0.0, 1.0);
}
