#version 330 core
// SDF text: pass 0 draws halos, pass 1 fills. Output is straight alpha
// (blend SRC_ALPHA, ONE_MINUS_SRC_ALPHA).
in vec2 v_uv;
in vec4 v_fill;
in vec4 v_halo;
in vec2 v_params;

uniform sampler2D u_atlas;
uniform int u_pass;

out vec4 frag;

void main() {
    float v = texture(u_atlas, v_uv).r;
    // Signed distance to the outline in output pixels, positive inside the glyph.
    float d = (v - 128.0 / 255.0) * v_params.x;
    vec4 c;
    float a;
    if (u_pass == 0) {
        if (v_params.y <= 0.0) discard;
        c = v_halo;
        a = clamp(d + v_params.y + 0.5, 0.0, 1.0);
    } else {
        c = v_fill;
        a = clamp(d + 0.5, 0.0, 1.0);
    }
    a *= c.a;
    if (a <= 0.0) discard;
    frag = vec4(c.rgb, a);
}
