// Issue 13, one scale per picture: an export with a heatmap leaves the density choropleth off unless
// --choropleth asks for both; without a heatmap the choropleth stays the default.
#include <gtest/gtest.h>

#include "viewer/app/export_cli.h"
#include "viewer/model/style.h"

using namespace viewer;

namespace {
MapView view_for(std::vector<std::string> args) {
    ExportCliArgs a;
    EXPECT_EQ(parse_export_args(args, a), "");
    MapView v;
    apply_view_options(a, v);
    return v;
}
}  // namespace

TEST(OneScale, AHeatmapReplacesTheChoroplethByDefault) {
    const MapView plain = view_for({"--size", "800x600", "--out", "a.png"});
    EXPECT_TRUE(plain.layers.choropleth);
    EXPECT_EQ(plain.choropleth, Choropleth::Density);

    const MapView heat = view_for({"--size", "800x600", "--out", "a.png", "--heatmap", "travel_time"});
    EXPECT_FALSE(heat.layers.choropleth);

    const MapView both =
        view_for({"--size", "800x600", "--out", "a.png", "--heatmap", "travel_time", "--choropleth", "density"});
    EXPECT_TRUE(both.layers.choropleth);
    EXPECT_EQ(both.choropleth, Choropleth::Density);
}
