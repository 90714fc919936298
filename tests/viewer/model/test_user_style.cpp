// The styles of the user's layers (issue 12): class breaks computed by hand, categorized colours in Okabe-Ito
// order by frequency, a missing field said by name, legend rows.
#include <gtest/gtest.h>

#include <cmath>

#include "viewer/model/i18n.h"
#include "viewer/model/ramp.h"
#include "viewer/model/user_style.h"

using namespace viewer;

namespace {

geo::UserLayer points(const std::vector<std::pair<std::string, std::string>>& rows, const std::string& field = "soort") {
    geo::UserLayer l;
    l.name = "scholen";
    l.kind = geo::GeomKind::Points;
    l.data.fields = {field};
    double x = 250000;
    for (const auto& [k, v] : rows) {
        geo::Feature f;
        f.points.push_back({x += 100, 470000});
        if (!v.empty()) f.attrs[k] = v;
        l.data.features.push_back(f);
    }
    return l;
}

}  // namespace

TEST(UserStyle, ClassBreaksByHand) {
    // Equal interval: 0..100 in 4 classes -> 25, 50, 75.
    EXPECT_EQ(class_breaks({0, 100, 30, 60}, 4, ClassMethod::EqualInterval), (std::vector<double>{25, 50, 75}));
    // Quantile: 1..8 in 4 classes -> the values with 2, 4 and 6 values below them: 3, 5, 7.
    EXPECT_EQ(class_breaks({8, 7, 6, 5, 4, 3, 2, 1}, 4, ClassMethod::Quantile), (std::vector<double>{3, 5, 7}));
    // Natural breaks: three clear groups; the breaks are where each group starts.
    EXPECT_EQ(class_breaks({1, 2, 3, 10, 11, 12, 50, 51}, 3, ClassMethod::NaturalBreaks),
              (std::vector<double>{10, 50}));
    // NaNs are ignored; one distinct value gives one class; a break never equals the minimum.
    EXPECT_EQ(class_breaks({NAN, 5, 5, 5}, 3, ClassMethod::Quantile), std::vector<double>{});
    EXPECT_EQ(class_breaks({5, 5, 5}, 3, ClassMethod::NaturalBreaks), std::vector<double>{});
    // Ties: the median (1) is the minimum, so the break moves to the next larger value and no class is empty.
    EXPECT_EQ(class_breaks({1, 1, 1, 9}, 2, ClassMethod::Quantile), std::vector<double>{9});
    EXPECT_EQ(class_breaks({1, 2, 2, 2, 2, 3}, 3, ClassMethod::Quantile), (std::vector<double>{2, 3}));
}

TEST(UserStyle, CategorizedTakesOkabeItoByFrequency) {
    geo::UserLayer l = points({{"soort", "bieb"}, {"soort", "school"}, {"soort", "school"}, {"soort", ""}});
    UserLayerStyle st;
    st.kind = UserStyleKind::Categorized;
    st.field = "soort";
    UserClasses c = classify(l, st);
    ASSERT_EQ(c.labels, (std::vector<std::string>{"school", "bieb"}));
    EXPECT_TRUE(same_rgb8(std::vector<unsigned char>{0xE6, 0x9F, 0x00}.data(), c.colours[0], 0));  // orange
    EXPECT_TRUE(same_rgb8(std::vector<unsigned char>{0x56, 0xB4, 0xE9}.data(), c.colours[1], 0));  // sky blue
    EXPECT_EQ(c.feature_class, (std::vector<int>{1, 0, 0, -1}));
    EXPECT_EQ(c.no_value_count, 1u);
    EXPECT_TRUE(c.error.empty());
}

TEST(UserStyle, MoreCategoriesThanColoursGoToOther) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (int i = 0; i < 20; ++i) rows.push_back({"soort", "k" + std::to_string(100 + i)});
    UserLayerStyle st;
    st.kind = UserStyleKind::Categorized;
    st.field = "soort";
    set_lang(Lang::EN);
    UserClasses c = classify(points(rows), st);
    ASSERT_EQ(c.colours.size(), kCategoricalColours + 1);
    EXPECT_EQ(c.labels.back(), "other (4)");
    EXPECT_EQ(c.feature_class[19], int(kCategoricalColours));
    set_lang(Lang::NL);
}

TEST(UserStyle, GraduatedUsesTheRampAndAMissingFieldIsNamed) {
    geo::UserLayer l = points({{"n", "10"}, {"n", "20"}, {"n", "x"}, {"n", "100"}}, "n");
    UserLayerStyle st;
    st.kind = UserStyleKind::Graduated;
    st.field = "n";
    st.classes = 2;
    st.method = ClassMethod::EqualInterval;  // break at 55
    UserClasses c = classify(l, st);
    EXPECT_EQ(c.feature_class, (std::vector<int>{0, 0, -1, 1}));
    ASSERT_EQ(c.colours.size(), 2u);
    EXPECT_NEAR(c.colours[0].r, ramp_at(Ramp::Viridis, 0).r, 1e-6);
    EXPECT_NEAR(c.colours[1].g, ramp_at(Ramp::Viridis, 1).g, 1e-6);
    EXPECT_EQ(c.labels[0], "10 – 55");
    st.field = "leerlingen";
    c = classify(l, st);
    EXPECT_EQ(c.error, "field 'leerlingen' is not in layer scholen (fields: n)");
    EXPECT_EQ(c.no_value_count, 4u);
}

TEST(UserStyle, LegendRowsOfVisibleLayersInDrawOrder) {
    auto l = std::make_shared<geo::UserLayer>(points({{"soort", "bieb"}, {"soort", "school"}, {"soort", "school"}}));
    UserLayerEntry single{l, {}, 1}, cat{l, {}, 2}, hidden{l, {}, 3};
    cat.style.kind = UserStyleKind::Categorized;
    cat.style.field = "soort";
    hidden.style.visible = false;
    auto rows = user_legend_rows({single, cat, hidden});
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].kind, UserLegendRow::Disc);
    EXPECT_EQ(rows[0].label, "scholen");
    EXPECT_EQ(rows[1].kind, UserLegendRow::Heading);
    EXPECT_EQ(rows[1].label, "scholen (soort)");
    EXPECT_EQ(rows[2].label, "school");
    EXPECT_EQ(rows[3].label, "bieb");
}

TEST(UserStyle, PickFindsThePointUnderTheCursorTopLayerFirst) {
    auto l = std::make_shared<geo::UserLayer>(points({{"soort", "bieb"}, {"soort", "school"}}));  // x 250100, 250200
    Camera cam;
    cam.w = cam.h = 200;
    cam.centre = {250150, 470000};
    cam.mpp = 1;  // the points lie at px (50, 100) and (150, 100)
    UserLayerEntry below{l, {}, 1}, above{l, {}, 2};
    UserPick p = pick_user_feature({below, above}, cam, {52, 101}, 1);
    EXPECT_EQ(p.layer, 1);
    EXPECT_EQ(p.feature, 0u);
    // Radius 9/2 + 2 = 6.5 px: 6 px away is in, 7 px away is out.
    EXPECT_EQ(pick_user_feature({below}, cam, {156, 100}, 1).feature, 1u);
    EXPECT_EQ(pick_user_feature({below}, cam, {157, 100}, 1).layer, -1);
    above.style.visible = false;
    EXPECT_EQ(pick_user_feature({below, above}, cam, {50, 100}, 1).layer, 0);
}

// Hover on a large layer (issue 12) goes through a grid index: over 60,000 points, a few hundred polygons (one
// with a hole) and lines, the index finds exactly what trying every feature finds (the oracle: the same entry
// without its index) at 1200 cursor positions -- hits, misses and overlaps, at two scales.
TEST(UserStyle, PickThroughTheIndexEqualsTryingEveryFeature) {
    auto l = std::make_shared<geo::UserLayer>();
    l->name = "groot";
    l->kind = geo::GeomKind::Mixed;
    uint64_t seed = 12345;
    auto rnd = [&] {  // a fixed LCG: the same layer on every machine
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return double(seed >> 11) / double(1ull << 53);
    };
    const double x0 = 250000, y0 = 465000, w = 10000, h = 8000;
    for (int i = 0; i < 60000; ++i) {
        geo::Feature f;
        f.points.push_back({x0 + w * rnd(), y0 + h * rnd()});
        l->data.features.push_back(std::move(f));
    }
    for (int i = 0; i < 300; ++i) {  // squares up to 400 m (overlapping), every tenth with a hole
        const double cx = x0 + w * rnd(), cy = y0 + h * rnd(), r = 20 + 180 * rnd();
        geo::Feature f;
        geo::Polygon p;
        p.rings.push_back({{cx - r, cy - r}, {cx + r, cy - r}, {cx + r, cy + r}, {cx - r, cy + r}});
        if (i % 10 == 0) p.rings.push_back({{cx - r / 2, cy - r / 2}, {cx + r / 2, cy - r / 2}, {cx + r / 2, cy + r / 2}, {cx - r / 2, cy + r / 2}});
        f.polys.push_back(p);
        l->data.features.push_back(std::move(f));
    }
    for (int i = 0; i < 200; ++i) {  // lines of three segments
        geo::Feature f;
        geo::LineString ls;
        double x = x0 + w * rnd(), y = y0 + h * rnd();
        for (int k = 0; k < 4; ++k) ls.push_back({x += 300 * (rnd() - 0.5), y += 300 * (rnd() - 0.5)});
        f.lines.push_back(ls);
        l->data.features.push_back(std::move(f));
    }
    geo::Feature corner;  // the index box's maximum corner
    corner.points.push_back({x0 + w + 1000, y0 + h + 1000});
    l->data.features.push_back(corner);
    UserLayerEntry brute{l, {}, 1}, indexed{l, {}, 1};
    indexed.index = UserFeatureIndex::build(*l);
    ASSERT_EQ(indexed.index->features, l->data.features.size());
    EXPECT_GT(indexed.index->nx * indexed.index->ny, 1000);  // a real grid, not one cell
    int hits = 0, points = 0, polys = 0, lines = 0;
    for (double mpp : {0.5, 4.0}) {
        Camera cam;
        cam.w = 800;
        cam.h = 600;
        cam.mpp = mpp;
        for (int q = 0; q < 600; ++q) {
            cam.centre = {x0 + w * rnd(), y0 + h * rnd()};
            const geo::P2 px{800 * rnd(), 600 * rnd()};
            const UserPick want = pick_user_feature({brute}, cam, px, 1);
            const UserPick got = pick_user_feature({indexed}, cam, px, 1);
            ASSERT_EQ(got.layer, want.layer) << "query " << q << " at mpp " << mpp;
            if (want.layer < 0) continue;
            ASSERT_EQ(got.feature, want.feature) << "query " << q << " at mpp " << mpp;
            ++hits;
            const auto& f = l->data.features[want.feature];
            points += !f.points.empty(), polys += !f.polys.empty(), lines += !f.lines.empty();
        }
    }
    EXPECT_GT(points, 20);  // the oracle was asked real questions: hits of every kind
    EXPECT_GT(polys, 20);
    EXPECT_GT(lines, 2);
    EXPECT_LT(hits, 1200);  // and misses
    // The point exactly at the index box's maximum corner (the last cell's far edge) is found too.
    Camera cam;
    cam.w = cam.h = 100;
    cam.mpp = 1;
    cam.centre = {indexed.index->box.maxx, indexed.index->box.maxy};
    EXPECT_EQ(pick_user_feature({indexed}, cam, {50, 50}, 1).feature, pick_user_feature({brute}, cam, {50, 50}, 1).feature);
    EXPECT_GE(pick_user_feature({indexed}, cam, {50, 50}, 1).layer, 0);
}
