// How a user layer looks (issue 12), as values: single symbol, categorized by a field (Okabe-Ito, then more),
// graduated with the ramps and class breaks (quantile, equal interval, natural breaks), labels from a field,
// opacity, visibility; the order of MapView::user_layers is the draw order (first = bottom). The MapRenderer
// draws them (viewer/render/layer_user.cpp); the legend rows come from here too. Pure: no GL.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "geo/io/user_layer.h"
#include "viewer/model/style.h"

namespace viewer {

// ramp.h (which includes style.h, which includes this header at its end): the ramps, declared here.
enum class Ramp;

enum class UserStyleKind { Single = 0, Categorized, Graduated };
enum class ClassMethod { Quantile = 0, EqualInterval, NaturalBreaks };
const char* class_method_key(ClassMethod m);  // "quantile", "equal_interval", "natural_breaks"
bool class_method_from_key(const std::string& key, ClassMethod& out);

struct UserLayerStyle {
    UserStyleKind kind = UserStyleKind::Single;
    RGBA colour = hex(0x0072B2);       // single symbol
    std::string field;                 // categorized / graduated by this attribute
    ClassMethod method = ClassMethod::Quantile;
    int classes = 5;                   // graduated: number of classes (2..9)
    Ramp ramp = Ramp(0);               // Ramp::Viridis
    std::string label_field;           // "" = no labels
    float opacity = 1;                 // 0..1: fills, lines and symbols
    bool visible = true;
    float point_px = 9, line_px = 2;   // at ui_scale 1
};

// A uniform grid over a layer's features (issue 12: hover on a million points): each cell lists the features whose
// bounding box touches it, ascending. Built once per layer (UserFeatureIndex::build, on the loading worker).
struct UserFeatureIndex {
    geo::BBox box;            // of all features
    double cell = 1;          // metres
    int nx = 0, ny = 0;
    std::vector<uint32_t> start;  // per cell (row-major, from box's min corner): its first entry in `items`; + end
    std::vector<uint32_t> items;  // feature indices
    size_t features = 0;      // how many the layer had
    static std::shared_ptr<const UserFeatureIndex> build(const geo::UserLayer& l);
    // The features whose box may touch q, each once, ascending.
    std::vector<uint32_t> query(const geo::BBox& q) const;
};
geo::BBox feature_bbox(const geo::Feature& f);  // from its geometry (Feature::bbox may be unset)

struct UserLayerEntry {
    std::shared_ptr<const geo::UserLayer> layer;
    UserLayerStyle style;
    int id = 0;  // unique within the run (the renderer caches the layer's geometry by it)
    // For pick_user_feature (optional: without it every feature is tried). Must be built from `layer`.
    std::shared_ptr<const UserFeatureIndex> index = nullptr;
};

// A layer's default look: the next colour of the categorical palette for layer number `index`, polygons a little
// transparent so the base map shows through.
UserLayerStyle default_user_style(const geo::UserLayer& l, int index);

// Categorical colours: Okabe-Ito (without black), then Paul Tol's muted scheme; past those, grey.
RGBA categorical_colour(size_t i);
constexpr size_t kCategoricalColours = 16;

// Class breaks of values (NaNs ignored) into k classes: the k-1 inner breaks, ascending; class i holds values
// < breaks[i] (the last everything from breaks[k-2] up), as ClassBreaks. Fewer when the values have fewer distinct
// values. Natural breaks: Jenks (Fisher's exact optimum of the within-class squared deviations).
std::vector<double> class_breaks(std::vector<double> values, int k, ClassMethod m);

// The classification a style gives a layer: a class per feature (-1: no value -- a missing or non-numeric field,
// drawn in no_value), with the legend's colours and labels per class.
struct UserClasses {
    std::vector<int> feature_class;
    std::vector<RGBA> colours;
    std::vector<std::string> labels;
    RGBA no_value = hex(0xbdbab3);
    size_t no_value_count = 0;
    std::string error;  // e.g. "field 'x' is not in the layer (fields: a, b)"; then everything is no_value
};
UserClasses classify(const geo::UserLayer& l, const UserLayerStyle& st);

// Legend rows of the visible user layers, in draw order: a heading (the layer's name) and a row per class.
struct UserLegendRow {
    enum Kind { Swatch = 0, Line = 2, Heading = 3, Disc = 4 } kind;
    RGBA colour;
    std::string label;
};
// density_ids: the layers whose points are drawn as a density raster (MapRenderer::last_density_layers): they get
// a row "dichtheid, N punten" / "density, N points" in their first colour.
std::vector<UserLegendRow> user_legend_rows(const std::vector<UserLayerEntry>& layers,
                                            const std::vector<int>& density_ids = {});

// The feature of a visible user layer under the screen point px (the top layer first): a point symbol within its
// radius (+2 px), a line within its half width (+3 px), a polygon containing it; the last such feature of the layer
// (drawn on top). Through the layer's index when it has one. layer < 0: none.
struct UserPick {
    int layer = -1;      // index into the layers
    size_t feature = 0;
};
UserPick pick_user_feature(const std::vector<UserLayerEntry>& layers, const Camera& cam, geo::P2 px, float ui_scale);

}  // namespace viewer
