#version 330 core
// User points binned into a density raster (issue 12): one quad over the viewport; the fragment shader finds
// the cell under each pixel.
void main() {
    vec2 c = vec2((gl_VertexID == 1 || gl_VertexID == 2 || gl_VertexID == 4) ? 1.0 : -1.0,
                  (gl_VertexID == 2 || gl_VertexID == 4 || gl_VertexID == 5) ? 1.0 : -1.0);
    gl_Position = vec4(c, 0.0, 1.0);
}
