#version 330 core
uniform float u_width;
in float v_across;
flat in vec4 v_color;
out vec4 frag;
void main() {
    float a = clamp(u_width * 0.5 + 0.5 - abs(v_across), 0.0, 1.0);  // 1 px anti-aliased edge
    frag = vec4(v_color.rgb, v_color.a * a);
}
