#version 330 core
// The picture's colour at a uniform opacity (its own alpha is ignored: cached map pictures are opaque).
in vec2 v_uv;
uniform sampler2D u_tex;
uniform float u_alpha;
out vec4 frag;
void main() { frag = vec4(texture(u_tex, v_uv).rgb, u_alpha); }
