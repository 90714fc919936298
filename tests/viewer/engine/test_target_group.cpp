// Issue 17: the target group (an age band) in every measure that weighs inhabitants, and the composite of several
// categories, on the toy region of test_analysis.cpp with hand-computed answers.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/measures/composite.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/scene_analysis.h"
#include "viewer/model/i18n.h"
#include "toy_world.h"

using namespace viewer;
using geo::P2;

namespace {

// A = x 0..10 km (CBS 20 000 inhabitants, 30 % aged 25-45), B = x 10..20 km (10 000, 20 %), y 0..10 km; one
// inhabitant (NL) and half a German one per 100 m cell; a pop venue in A at (2500, 5000), a museum in B at
// (15000, 5000). The Twente share aged 25-45 is (20 000 x 0.3 + 10 000 x 0.2) / 30 000 = 8/30.
geo::Municipality square(const std::string& code, double x0, double inhabitants, double pct) {
    geo::Municipality m = toy::square(code, x0, inhabitants);  // toy_world.h's square, with its 25-45 share
    m.cbs.pct_25_45 = pct;
    return m;
}

struct Toy {
    geo::Dataset data;
    std::shared_ptr<geo::PopulationSurface> pop = std::make_shared<geo::PopulationSurface>();
    Toy() {
        data.municipalities = {square("GM0001", 0, 20000, 30), square("GM0002", 10000, 10000, 20)};
        data.twente_count = 2;
        data.twente_bbox = {0, 0, 20000, 10000};
        geo::Venue v;
        v.id = "a-pop";
        v.name = "Poppodium A";
        v.category = geo::Category::Pop;
        v.gemeente = "GM0001";
        v.pos = {2500, 5000};
        v.capacity = 300;
        data.venues.push_back(v);
        geo::Venue w = v;
        w.id = "b-museum";
        w.category = geo::Category::Museum;
        w.gemeente = "GM0002";
        w.pos = {15000, 5000};
        data.venues.push_back(w);
        geo::GridSpec s;
        s.minx = 0;
        s.maxy = 10000;
        s.cell = 100;
        s.cols = 200;
        s.rows = 100;
        pop->nl = geo::GridF(s, 1.0f);
        pop->de = geo::GridF(s, 0.5f);
        pop->municipality = geo::Grid<int16_t>(s, 0);
        for (int r = 0; r < s.rows; ++r)
            for (int c = 100; c < s.cols; ++c) pop->municipality.at(c, r) = 1;
    }
    AnalysisOptions opts() const {
        AnalysisOptions o;
        o.population = pop;
        o.candidates_path = "-";
        return o;
    }
};

constexpr double kTwenteShare = 8.0 / 30;

AnalysisParams params(Metric m, geo::Category c, geo::AgeBand g = geo::AgeBand::All) {
    AnalysisParams p;
    p.metric = m;
    p.category = c;
    p.mode = geo::Mode::Bike;
    p.threshold_min = 15;
    p.population = g;
    return p;
}

AnalysisResult run(Analysis& an, const AnalysisParams& p) {
    an.request(p);
    EXPECT_TRUE(an.wait(60));
    AnalysisResult r;
    EXPECT_TRUE(an.poll(r)) << an.error();
    return r;
}

double count_positive(const geo::GridF& g) {
    double n = 0;
    for (float x : g.v) n += x > 0;
    return n;
}

}  // namespace

// Reach: the catchment (15 min by bike, all inside A) holds 30 % of its Dutch inhabitants aged 25-45 and the
// Twente share of its German ones.
TEST(TargetGroup, ReachCountsTheGroupOnBothSidesOfTheBorder) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::Reach, geo::Category::Pop);
    p.venue = 0;
    const AnalysisResult all = run(an, p);
    p.population = geo::AgeBand::A25_45;
    const AnalysisResult g = run(an, p);
    ASSERT_GT(all.reach.nl, 1000);
    EXPECT_NEAR(g.reach.nl, 0.3 * all.reach.nl, 1e-3 * all.reach.nl);
    EXPECT_NEAR(g.reach.de, kTwenteShare * all.reach.de, 1e-3 * all.reach.de);
    EXPECT_NEAR(g.group_de_share, kTwenteShare, 1e-9);
}

// Travel-time figures for the group: CBS inhabitants x the band share (6 000 and 2 000); the coverage share is
// the same as everyone's (the share is uniform inside a municipality); the table says whose figures they are.
TEST(TargetGroup, FiguresCountTheGroupAndSaySo) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    const AnalysisResult all = run(an, params(Metric::TravelTime, geo::Category::Pop));
    const AnalysisResult g = run(an, params(Metric::TravelTime, geo::Category::Pop, geo::AgeBand::A25_45));
    ASSERT_EQ(g.figures.size(), 2u);
    EXPECT_NEAR(g.figures[0].inhabitants, 6000, 1e-6);
    EXPECT_NEAR(g.figures[1].inhabitants, 2000, 1e-6);
    EXPECT_NEAR(g.figures[0].coverage_pct, all.figures[0].coverage_pct, 1e-6);
    const geo::Table t = figures_table(toy.data, g);
    ASSERT_EQ(t.columns.back(), "population_group");
    EXPECT_EQ(t.rows[0].back(), "25_45");
    EXPECT_EQ(t.rows[0][2], "6000");
    EXPECT_NE(t.rows[0][10].find("DE: Twente share 26.7 %, assumed"), std::string::npos) << t.rows[0][10];
    EXPECT_EQ(figures_table(toy.data, all).rows[0].back(), "all");
}

// 2SFCA for the group: the demand in the venue's catchment is 0.3 + 0.5 x 8/30 per cell instead of 1 + 0.5, so
// A's mean rises from 300 x 1000 / (1.5 D) x D / 10 000 = 20 to 30 / (0.3 + 0.5 x 8/30) = 69.23 per 1000.
TEST(TargetGroup, TwoStepCatchmentUsesTheGroupAsDemand) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    const AnalysisResult all = run(an, params(Metric::Fca2, geo::Category::Pop));
    const AnalysisResult g = run(an, params(Metric::Fca2, geo::Category::Pop, geo::AgeBand::A25_45));
    EXPECT_NEAR(all.surface_stats[0].mean, 20.0, 1e-3);
    EXPECT_NEAR(g.surface_stats[0].mean, 30.0 / (0.3 + 0.5 * kTwenteShare), 1e-2);
    EXPECT_NEAR(g.surface_stats[0].population, 3000, 1e-3);  // the group on the grid: 10 000 cells x 0.3
}

// The population surface of the group: 0.3 + 0.5 x 8/30 in A, 0.2 + 0.5 x 8/30 in B (inhabitants per cell).
TEST(TargetGroup, PopulationSurfaceOfTheGroup) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    const AnalysisResult g = run(an, params(Metric::Population, geo::Category::Pop, geo::AgeBand::A25_45));
    EXPECT_NEAR(g.surface.at(10, 10), 0.3 + 0.5 * kTwenteShare, 1e-6);
    EXPECT_NEAR(g.surface.at(150, 10), 0.2 + 0.5 * kTwenteShare, 1e-6);
}

// Weights of one category reproduce that category's measure: composite x N = venues within T, cell for cell,
// where N = the mean of venues within T over the group's Twente inhabitants = D x 0.3 / (10 000 x 0.3 + 10 000 x
// 0.2) with D the cells within 15 minutes of the pop venue (all in A).
TEST(TargetGroup, CompositeOfOneCategoryIsThatMeasureOverItsMean) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    const AnalysisResult within = run(an, params(Metric::Opportunities, geo::Category::Pop));
    AnalysisParams p = params(Metric::Composite, geo::Category::Pop, geo::AgeBand::A25_45);
    p.weights = {};
    p.weights[size_t(geo::Category::Pop)] = 1;
    const AnalysisResult c = run(an, p);
    const double D = count_positive(within.surface);
    ASSERT_GT(D, 1000);
    const double N = c.composite_norm[size_t(geo::Category::Pop)];
    EXPECT_NEAR(N, D * 0.3 / 5000, 1e-6);
    for (size_t i = 0; i < c.surface.v.size(); ++i) {
        if (std::isnan(within.surface.v[i])) {
            ASSERT_TRUE(std::isnan(c.surface.v[i])) << i;
            continue;
        }
        ASSERT_NEAR(c.surface.v[i] * N, within.surface.v[i], 1e-4) << i;
    }
}

// The composite is the weighted sum of the normalised measures: pop 2, museum 1 -> 2/3 pop/N_pop + 1/3 mus/N_mus,
// with N for everyone = D / 20 000 (each disc lies inside one municipality). Figures: in A the share within T of
// the mix is 2/3 x A's pop coverage (nobody has the museum within 15 minutes), nobody has both; the group's
// shares equal everyone's (uniform share per municipality) and the group is 3 000 on A's grid.
TEST(TargetGroup, CompositeIsTheWeightedSumAndItsFiguresSplitGroupAndEveryone) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    const AnalysisResult pop = run(an, params(Metric::Opportunities, geo::Category::Pop));
    const AnalysisResult mus = run(an, params(Metric::Opportunities, geo::Category::Museum));
    const AnalysisResult tt = run(an, params(Metric::TravelTime, geo::Category::Pop));
    AnalysisParams p = params(Metric::Composite, geo::Category::Pop);
    p.weights = {};
    p.weights[size_t(geo::Category::Pop)] = 2;
    p.weights[size_t(geo::Category::Museum)] = 1;
    const AnalysisResult c = run(an, p);
    const double Np = count_positive(pop.surface) / 20000, Nm = count_positive(mus.surface) / 20000;
    EXPECT_NEAR(c.composite_norm[size_t(geo::Category::Pop)], Np, 1e-6);
    EXPECT_NEAR(c.composite_norm[size_t(geo::Category::Museum)], Nm, 1e-6);
    for (size_t i = 0; i < c.surface.v.size(); ++i) {
        const double a = std::isnan(pop.surface.v[i]) ? 0 : pop.surface.v[i];
        const double b = std::isnan(mus.surface.v[i]) ? 0 : mus.surface.v[i];
        const double want = 2.0 / 3 * a / Np + 1.0 / 3 * b / Nm;
        if (want == 0) ASSERT_TRUE(std::isnan(c.surface.v[i])) << i;
        else ASSERT_NEAR(c.surface.v[i], want, 1e-3 * want) << i;
    }
    ASSERT_EQ(c.composite.size(), 2u);
    const CompositeRow& A = c.composite[0];
    EXPECT_NEAR(A.inhabitants, 10000, 1e-3);
    EXPECT_NEAR(A.group, 10000, 1e-3);  // population "all": the group is everyone
    EXPECT_NEAR(A.mix_pct_all, 2.0 / 3 * tt.figures[0].coverage_pct, 1e-6);
    EXPECT_DOUBLE_EQ(A.every_pct_all, 0);
    EXPECT_NEAR(A.pct_group[size_t(geo::Category::Pop)], tt.figures[0].coverage_pct, 1e-6);
    p.population = geo::AgeBand::A25_45;
    const AnalysisResult g = run(an, p);
    EXPECT_NEAR(g.composite[0].group, 3000, 1e-3);
    EXPECT_NEAR(g.composite[0].inhabitants, 10000, 1e-3);
    EXPECT_NEAR(g.composite[0].mix_pct_group, A.mix_pct_all, 1e-6);
    // The table states the weights and the group.
    const geo::Table t = figures_table(toy.data, g);
    EXPECT_EQ(figure_kind(Metric::Composite), FigureKind::Composite);
    EXPECT_EQ(t.columns[3], "group_inhabitants");
    EXPECT_EQ(t.rows[0][3], "3000");
    const auto col = [&](const std::string& name) {
        return size_t(std::find(t.columns.begin(), t.columns.end(), name) - t.columns.begin());
    };
    ASSERT_LT(col("within_T_pct_group_museum"), t.columns.size());
    EXPECT_EQ(t.rows[0][col("weights")], "pop=2,museum=1");
    EXPECT_EQ(t.rows[0][col("population_group")], "25_45");
    EXPECT_NE(t.rows[0][col("note")].find("weights pop 2 (67 %), museum 1 (33 %)"), std::string::npos);
    EXPECT_NE(t.rows[0][col("note")].find("divided by its Twente mean"), std::string::npos);
    // The legend says the weights and the group too.
    set_lang(Lang::EN);
    const RampLegend lg = heatmap_legend(g, heatmap_style(g, 1), toy.data);
    EXPECT_NE(lg.note.find("weights pop & music venue 2, museum & exposition 1 (÷ Twente mean per category)"),
              std::string::npos) << lg.note;
    EXPECT_NE(lg.note.find("DE: Twente share 26.7 % (assumed)"), std::string::npos) << lg.note;
    EXPECT_NE(lg.title.find("aged 25-45"), std::string::npos) << lg.title;
    set_lang(Lang::NL);
}

// Weights: the command-line / scene text, the rank preset, bad input.
TEST(TargetGroup, WeightsParseAndThePresetIsRanksOnly) {
    CategoryWeights w{};
    EXPECT_EQ(parse_weights("third_place=2, pop=1", w), "");
    EXPECT_EQ(w[size_t(geo::Category::ThirdPlace)], 2);
    EXPECT_EQ(w[size_t(geo::Category::Pop)], 1);
    EXPECT_EQ(weights_key(w), "third_place=2,pop=1");
    EXPECT_EQ(w, strategy_rank_weights());
    EXPECT_EQ(weights_text(w), "third_place 2 (67 %), pop 1 (33 %)");
    EXPECT_NE(parse_weights("theater=1", w).find("did you mean \"theatre\""), std::string::npos);
    EXPECT_NE(parse_weights("pop=-1", w).find(">= 0"), std::string::npos);
    EXPECT_NE(parse_weights("pop=0", w).find("every weight is 0"), std::string::npos);
    EXPECT_NE(parse_weights("pop=1,pop=2", w).find("twice"), std::string::npos);
    EXPECT_NE(parse_weights("pop", w).find("category=weight"), std::string::npos);
    EXPECT_EQ(w, strategy_rank_weights());  // a failed parse leaves the weights alone
}

// Best site for the group (a bug this test found: candidate sites were cells with >= 1 group inhabitant, none
// here). For everyone the best new pop venue covers a whole 15-minute disc of uncovered people (D = pi r^2 cells,
// r = 14 min x 60 x 15/3.6 / 1.3 = 2 692 m, about 2 277 cells at 1 inhabitant; A's east and B both hold one). For
// the group aged 25-45 A's cells weigh 0.3 and B's 0.2, so the best site lies in A (x < 10 km) with a gain of
// about 0.3 x D -- more than any site in B could give the group (0.2 x D).
TEST(TargetGroup, BestSiteFollowsTheGroup) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::BestSite, geo::Category::Pop);
    p.best_k = 1;
    const AnalysisResult all = run(an, p);
    ASSERT_EQ(all.sites.size(), 1u);
    const double D = M_PI * std::pow(14 * 60 * (15 / 3.6) / 1.3, 2) / 1e4;
    EXPECT_NEAR(all.sites[0].gain, D, 0.05 * D);
    p.population = geo::AgeBand::A25_45;
    const AnalysisResult g = run(an, p);
    ASSERT_EQ(g.sites.size(), 1u);
    EXPECT_LT(g.sites[0].pos.x, 10000);
    EXPECT_GT(g.sites[0].gain, 0.2 * D * 1.05);
    EXPECT_NEAR(g.sites[0].gain, 0.3 * D, 0.06 * 0.3 * D);
}
