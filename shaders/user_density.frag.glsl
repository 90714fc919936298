#version 330 core
// A cell of the density raster: R = its most frequent class (index / 255), G = how many points (0: none;
// MapRenderer's density_alpha scale, 1 = the most). Coloured with the class colour, its opacity growing with the count.
uniform sampler2D u_cells;
uniform vec4 u_view;        // as the map shaders: clip = (pos - offset) * scale
uniform vec2 u_viewport;    // pixels
uniform vec2 u_cell0;       // the raster's lower-left corner, metres relative to the origin
uniform float u_cell;       // cell size, metres
uniform vec4 u_palette[32];
uniform float u_opacity;
out vec4 frag;
void main() {
    vec2 clip = gl_FragCoord.xy / u_viewport * 2.0 - 1.0;
    vec2 world = u_view.xy + clip / u_view.zw;
    ivec2 cell = ivec2(floor((world - u_cell0) / u_cell));
    ivec2 size = textureSize(u_cells, 0);
    if (cell.x < 0 || cell.y < 0 || cell.x >= size.x || cell.y >= size.y) discard;
    vec2 t = texelFetch(u_cells, cell, 0).rg;
    if (t.g <= 0.0) discard;
    vec4 c = u_palette[clamp(int(t.r * 255.0 + 0.5), 0, 31)];
    frag = vec4(c.rgb, c.a * u_opacity * t.g);
}
