// Style objects: colours, symbols, class breaks and the view state. They hold data and never draw
// (the MapRenderer reads them), so the window, screenshots, tests and exports share one definition.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "geo/io/dataset.h"
#include "viewer/model/camera.h"

namespace viewer {

struct RGBA {
    float r = 0, g = 0, b = 0, a = 1;
};
RGBA hex(unsigned rgb, float a = 1);
bool same_rgb8(const unsigned char* px, RGBA c, int tol = 3);  // for pixel tests

struct CategoryStyle {
    const char* label_en;  // translated via tr()
    RGBA fill;             // Okabe-Ito
    int shape;             // see symbol.frag.glsl
};
const CategoryStyle& category_style(geo::Category c);

// Base map colours (calm, light).
struct BaseColours {
    RGBA background = hex(0xf4f3ef);
    RGBA germany = hex(0xe9e7e2);
    RGBA netherlands = hex(0xf7f6f2);
    RGBA context_fill = hex(0xf1efe9);
    RGBA context_outline = hex(0xcfcbc2);
    RGBA municipality_outline = hex(0xffffff);
    RGBA twente_outline = hex(0x5d5a55);
    RGBA province_outline = hex(0x8e8a83);
    RGBA border = hex(0x3d3a36);
    RGBA rail = hex(0x6b6b6b);
    RGBA station_fill = hex(0xffffff);
    RGBA text = hex(0x2b2926);
    RGBA text_muted = hex(0x6e6a63);
    RGBA halo = hex(0xffffff, 0.9f);
    RGBA highlight = hex(0xD55E00);
};
const BaseColours& base_colours();

// Coverage, MeanTime and VenuesPer10k are analysis figures: their values come from MapView::choropleth_values.
enum class Choropleth { None = 0, Density, Inhabitants, Age25_45, Coverage, MeanTime, VenuesPer10k, Count };
const char* choropleth_label_en(Choropleth c);
const char* choropleth_unit_en(Choropleth c);

struct ClassBreaks {
    std::vector<double> upper;      // class i holds values < upper[i] (last class: everything above)
    std::vector<RGBA> colours;      // size = upper.size() + 1
    std::vector<std::string> labels;  // legend labels, localised at call time
    int class_of(double v) const;
};
ClassBreaks choropleth_classes(Choropleth c);
double choropleth_value(Choropleth c, const geo::Municipality& m);
struct MapView;
// The value the map shows for municipality i: the analysis figures from view.choropleth_values (NaN when not
// supplied), the CBS figures otherwise.
double choropleth_value(const MapView& view, size_t i, const geo::Municipality& m);

struct LayerToggles {
    bool countries = true, context = true, choropleth = true, outlines = true, province = true, border = true;
    bool rail = true, stations = true, venues = true, labels = true, places = true;
    std::array<bool, geo::kCategoryCount> categories{};
    LayerToggles() { categories.fill(true); }
};

// Everything that decides what one frame of the map shows.
struct MapView {
    Camera cam;
    LayerToggles layers;
    Choropleth choropleth = Choropleth::Density;
    std::string highlight_municipality;        // GMxxxx, drawn with a thick outline
    std::vector<std::string> highlight_venues; // venue ids drawn larger with a ring
    // Hypothetical venues (what-if sites, e.g. of a scene in an export): a category dot in a white disc with a
    // highlight ring, labelled. (The presenter draws its own, with a dashed outer ring.)
    struct SiteMark {
        geo::P2 pos;  // RD
        geo::Category category = geo::Category::Pop;
        std::string label;
    };
    std::vector<SiteMark> sites;
    std::string title;                         // drawn top-left when furniture is on
    // Paragraphs drawn under the title, wrapped (an exported scene's caption, the reach of its venue).
    std::vector<std::string> caption;
    bool furniture = true;                     // legend, scale bar, north arrow, attribution
    float ui_scale = 1;                        // text/symbol scale (HiDPI, posters)
    std::vector<geo::BBox> avoid_px;           // screen rectangles labels must avoid (panels, captions)
    float inset_bottom = 0;                    // px kept free at the bottom (status bar) for the furniture
    std::vector<double> choropleth_values;     // per Dataset::municipalities index, for the analysis choropleths
    std::vector<struct UserLayerEntry> user_layers;  // the user's own layers, bottom first (user_style.h, issue 12)
};

}  // namespace viewer

// Issue 13: scale-dependent cartography. One style, with a zoom range per layer as MapLibre styles have them
// (minzoom inclusive, maxzoom exclusive, in web-map zoom levels at Twente's latitude: map_zoom(mpp)). All of
// Twente in a window is zoom ~10.5-11.5 (region scale); city scale starts at 12.
namespace viewer {

enum class StyleLayer {
    BuiltUp,            // TOP10NL woonkern + deelkern: a quiet fill
    Industrial,         // TOP10NL industriekern: a quiet fill, a little cooler
    MunicipalityNames,
    PlaceNames,         // TOP10NL places and German places, by rank (see place_label_min_inhabitants)
    WijkNames,          // TOP10NL wijk naming areas, by inhabitants
    WijkOutlines,       // their boundaries, thin and light
    BuurtNames,         // TOP10NL buurt naming areas, by inhabitants
    VenueNames,         // venues and industrial heritage
    StationNames,
    Count
};

struct ZoomRange {
    double min_zoom = 0, max_zoom = 24;
    bool contains(double zoom) const { return zoom >= min_zoom && zoom < max_zoom; }
};

struct StyleLayerDef {
    const char* id;
    ZoomRange zoom;
};

struct MapStyle {
    StyleLayerDef layers[int(StyleLayer::Count)];
    RGBA built_up, industrial;        // drawn over the municipality fills, under heatmaps and lines
    RGBA neighbourhood_text;          // wijk and buurt names
    double must_label_inhabitants;    // every Twente place with at least this many inhabitants gets a label
};
const MapStyle& map_style();
// Web-map zoom of a scale: log2(156543.03 m/px * cos(52.3°) / mpp) (256-px tiles; 1 m/px ~ zoom 16.5).
double map_zoom(double mpp);
bool style_visible(StyleLayer l, double mpp);
// The smallest place (inhabitants) labelled at a scale (region scale: only towns; city scale: villages too).
double place_label_min_inhabitants(double mpp);

}  // namespace viewer

// Completes UserLayerEntry for MapView's users (after MapView: user_style.h includes this header).
#include "viewer/model/user_style.h"
