// The analysis worker on a toy region with hand-computed answers: results, cancellation of older requests,
// progress, cached recombination, reach, what-if, best site, figures and the candidates file.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "viewer/engine/analysis.h"
#include "viewer/engine/candidates.h"
#include "viewer/model/i18n.h"
#include "toy_world.h"

using namespace viewer;
using namespace viewer::toy;
using geo::P2;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("trekkaart_test_analysis_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST(Analysis, TravelTimeSurfaceAndFigures) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15);
    AnalysisResult r = run(an, p);
    ASSERT_EQ(r.surface.v.size(), 200u * 100u);
    EXPECT_TRUE(r.estimate);
    // 5 km east of the venue: 27 minutes (the 16-neighbour grid is within a few per cent of the straight line).
    EXPECT_NEAR(at(r.surface, {7550, 5050}), bike_minutes(5050), 0.04 * bike_minutes(5050));
    EXPECT_NEAR(at(r.surface, {2550, 4950}), 1.0, 1e-3);                  // the venue's own cell: 1 minute to lock the bike
    EXPECT_NEAR(at(r.surface, {2550, 5050}), bike_minutes(100), 1e-3);    // the next cell north
    EXPECT_EQ(r.contours.size(), 6u);
    EXPECT_TRUE(r.reverse);
    // Figures: A holds the venue, coverage = the 15-minute disc out of 10,000 cells; B has none within 15 min.
    ASSERT_EQ(r.figures.size(), 2u);
    EXPECT_EQ(r.figures[0].venues, 1);
    EXPECT_DOUBLE_EQ(r.figures[0].per_10k, 0.5);  // 1 venue / 20,000 inhabitants
    EXPECT_NEAR(r.figures[0].coverage_pct, 100 * bike_disc_cells(15) / 1e4, 1.5);
    EXPECT_EQ(r.figures[1].venues, 0);            // the museum is another category
    EXPECT_NEAR(r.figures[1].coverage_pct, 0, 1e-9);
    // Mean time in B: its cells lie 7.5..17.5 km (x) from the venue; all beyond 30 minutes.
    EXPECT_GT(r.figures[1].mean_minutes, 30);
    // CSV table.
    geo::Table t = figures_table(toy.data, r);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][0], "GM0001");
    EXPECT_EQ(t.rows[0][4], "0.50");
    EXPECT_EQ(t.rows[0][7], "pop");
    EXPECT_EQ(t.rows[0][8], "bike");
    EXPECT_EQ(t.rows[0][10], "estimate: no road network loaded");
    // Issue 16: a category the catalogue calls incomplete says so in every row's note; a complete one does not.
    geo::CategoryMeta& pop = toy.data.venue_meta[size_t(geo::Category::Pop)];
    pop.known = true;
    pop.known_missing = 3;
    pop.as_of = "2026-12-02";
    t = figures_table(toy.data, r);
    EXPECT_EQ(t.rows[1][10], "estimate: no road network loaded; pop venues incomplete: 3 known missing (as of 2026-12-02)");
    pop.complete = true;
    pop.known_missing = 0;
    EXPECT_EQ(figures_table(toy.data, r).rows[0][10], "estimate: no road network loaded");
}

// Nobody is dropped from the figures: on foot all of B lies beyond the engine's 90-minute cut-off (7.5 km and more
// from the venue, x 1.3 detour at walking speed), so B's mean is the cut-off itself and only a lower bound; its
// median and P90 lie beyond the cut-off. A is partly beyond it.
TEST(Analysis, FiguresCountInhabitantsBeyondTheCutoffAsALowerBound) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Walk, 15);
    AnalysisResult r = run(an, p);
    ASSERT_EQ(r.figures.size(), 2u);
    const FigureRow& a = r.figures[0];
    const FigureRow& b = r.figures[1];
    EXPECT_FLOAT_EQ(b.cutoff_min, 90);
    EXPECT_DOUBLE_EQ(b.mean_minutes, 90);  // everyone counted at the cut-off
    EXPECT_TRUE(b.mean_is_lower_bound);
    EXPECT_DOUBLE_EQ(b.censored_pct, 100);
    EXPECT_TRUE(std::isinf(b.median_minutes));
    EXPECT_TRUE(std::isinf(b.p90_minutes));
    EXPECT_TRUE(a.mean_is_lower_bound);
    EXPECT_GT(a.censored_pct, 0);
    EXPECT_LT(a.censored_pct, 100);
    EXPECT_LE(a.mean_minutes, 90);
    EXPECT_LT(a.median_minutes, 90);  // the venue is in A: its median inhabitant is within reach
    geo::Table t = figures_table(toy.data, r);
    ASSERT_EQ(t.columns.size(), 17u);  // the 17th: population_group (issue 17)
    EXPECT_EQ(t.columns[11], "mean_is_lower_bound");
    EXPECT_EQ(t.rows[1][6], "90.0");
    EXPECT_EQ(t.rows[1][11], "yes");
    EXPECT_EQ(t.rows[1][12], "100.0");
    EXPECT_EQ(t.rows[1][13], ">90");
    EXPECT_EQ(t.rows[1][14], ">90");
    EXPECT_EQ(t.rows[1][15], "90");
    // By bike all of A is within the cut-off (its farthest corner is 9 km away: 48 minutes): nothing censored, the
    // mean is exact. B's far corners (up to 17.5 km: 92 minutes) are just beyond it.
    p.mode = geo::Mode::Bike;
    r = run(an, p);
    EXPECT_FALSE(r.figures[0].mean_is_lower_bound);
    EXPECT_DOUBLE_EQ(r.figures[0].censored_pct, 0);
    EXPECT_EQ(figures_table(toy.data, r).rows[0][11], "no");
    EXPECT_TRUE(r.figures[1].mean_is_lower_bound);
    EXPECT_GT(r.figures[1].censored_pct, 0);
    EXPECT_LT(r.figures[1].censored_pct, 15);
}

TEST(Analysis, NewerRequestCancelsTheOlderWhoseResultIsNeverShown) {
    Toy toy;
    std::atomic<uint64_t> latest{0};
    std::atomic<bool> first_running{false};
    std::mutex mu;
    std::vector<std::pair<uint64_t, float>> progress;
    AnalysisOptions o = toy.opts();
    o.on_progress = [&](uint64_t id, float f) {
        {
            std::lock_guard<std::mutex> lk(mu);
            progress.push_back({id, f});
        }
        if (id == 1) {  // hold the first request until the newer ones were submitted
            first_running = true;
            auto t0 = std::chrono::steady_clock::now();
            while (latest < 3 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20))
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    };
    Analysis an(toy.data, o);
    AnalysisParams p;
    p.metric = Metric::TravelTime;
    ASSERT_EQ(an.request(p), 1u);
    while (!first_running) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(an.busy());
    AnalysisParams p2 = p;
    p2.threshold_min = 20;
    EXPECT_EQ(an.request(p2), 2u);  // cancels the running #1
    AnalysisParams p3 = p;
    p3.threshold_min = 30;
    EXPECT_EQ(an.request(p3), 3u);  // replaces the pending #2 before it started
    latest = 3;
    ASSERT_TRUE(an.wait(60));
    AnalysisResult r;
    ASSERT_TRUE(an.poll(r));
    EXPECT_EQ(r.id, 3u);
    EXPECT_FLOAT_EQ(r.params.threshold_min, 30);
    EXPECT_FALSE(an.poll(r));  // delivered once
    EXPECT_EQ(an.cancelled_count(), 2u);
    EXPECT_FALSE(an.busy());
    // Progress of #3 moved from 0 to 1 through intermediate values, never backwards; #2 never ran.
    std::vector<float> p3v;
    for (auto [id, f] : progress) {
        EXPECT_NE(id, 2u);
        if (id == 3) p3v.push_back(f);
    }
    ASSERT_GE(p3v.size(), 3u);
    EXPECT_EQ(p3v.front(), 0.f);
    EXPECT_EQ(p3v.back(), 1.f);
    EXPECT_TRUE(std::is_sorted(p3v.begin(), p3v.end()));
    EXPECT_TRUE(std::any_of(p3v.begin(), p3v.end(), [](float f) { return f > 0 && f < 1; }));
}

// Issue 15: the window sleeps while the worker computes and wakes on on_done. It is called once per delivered
// result -- after poll() can take it -- and never for a request that a newer one cancelled.
TEST(Analysis, OnDoneWakesOnceWhenTheLatestResultIsReady) {
    Toy toy;
    std::atomic<uint64_t> latest{0};
    std::atomic<bool> first_running{false};
    std::atomic<int> calls{0};
    std::atomic<uint64_t> polled_in_callback{0};
    Analysis* self = nullptr;
    AnalysisOptions o = toy.opts();
    o.on_progress = [&](uint64_t id, float) {
        if (id == 1) {  // hold the first request until the newer one was submitted
            first_running = true;
            auto t0 = std::chrono::steady_clock::now();
            while (latest < 2 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20))
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    };
    o.on_done = [&] {
        ++calls;
        AnalysisResult r;
        if (self->poll(r)) polled_in_callback = r.id;  // the result is there when the wake-up comes
    };
    Analysis an(toy.data, o);
    self = &an;
    AnalysisParams p;
    p.metric = Metric::TravelTime;
    ASSERT_EQ(an.request(p), 1u);
    while (!first_running) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    AnalysisParams p2 = p;
    p2.threshold_min = 20;
    ASSERT_EQ(an.request(p2), 2u);  // cancels the running #1: no wake-up for it
    latest = 2;
    ASSERT_TRUE(an.wait(60));
    const auto t0 = std::chrono::steady_clock::now();  // on_done runs just after wait() returns
    while (calls == 0 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(polled_in_callback, 2u);
    EXPECT_EQ(an.cancelled_count(), 1u);
}

TEST(Analysis, ChangingDecayOnlyRecombines) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p;
    p.metric = Metric::GravityExp;
    p.beta = 0.1f;
    AnalysisResult a = run(an, p);
    EXPECT_FALSE(a.recombined_only);
    p.beta = 0.2f;
    AnalysisResult b = run(an, p);
    EXPECT_TRUE(b.recombined_only);
    // Gravity with one venue: exp(-beta t).
    const double t = bike_minutes(3000);
    EXPECT_NEAR(at(a.surface, {5550, 5050}), std::exp(-0.1 * t), 0.04);
    EXPECT_NEAR(at(b.surface, {5550, 5050}), std::exp(-0.2 * t), 0.02);
    // Cells beyond the 45 min cut-off are transparent (NaN), not zero.
    EXPECT_TRUE(std::isnan(at(a.surface, {19950, 50})));
    // Opportunities at T = 10 then T = 12: both within the cached 15-minute per-venue times.
    p.metric = Metric::Opportunities;
    p.threshold_min = 10;
    AnalysisResult c = run(an, p);
    p.threshold_min = 12;
    AnalysisResult d = run(an, p);
    EXPECT_TRUE(d.recombined_only);
    EXPECT_FLOAT_EQ(at(d.surface, {2550, 5050}), 1.0f);
    EXPECT_TRUE(std::isnan(at(d.surface, {12550, 5050})));
}

TEST(Analysis, ReachCountsDutchAndGermanPopulationInsideTheCatchment) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p;
    p.metric = Metric::Reach;
    p.venue = 0;
    p.threshold_min = 15;
    AnalysisResult r = run(an, p);
    const double disc = bike_disc_cells(15);
    EXPECT_NEAR(r.reach.nl, disc, 0.05 * disc);
    EXPECT_NEAR(r.reach.de, 0.5 * r.reach.nl, 1e-6 * disc);
    EXPECT_EQ(r.contours, std::vector<float>{15});
    // Without a venue: an error message, no result.
    p.venue = -1;
    an.request(p);
    ASSERT_TRUE(an.wait(60));
    AnalysisResult none;
    EXPECT_FALSE(an.poll(none));
    EXPECT_NE(an.error().find("select a venue"), std::string::npos);
}

TEST(Analysis, WhatIfCandidateGainsPeopleInItsMunicipality) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p;
    p.metric = Metric::WhatIf;
    p.threshold_min = 15;
    p.candidates = {{{15000, 5000}, geo::Category::Pop, "new"}, {{17000, 2000}, geo::Category::Theatre, "other cat"}};
    AnalysisResult r = run(an, p);
    ASSERT_EQ(r.gains.size(), 2u);
    const double disc = bike_disc_cells(15);
    EXPECT_NEAR(r.gains[0].gained(), 0, 1e-9);
    EXPECT_NEAR(r.gains[1].baseline, 0, 1e-9);
    EXPECT_NEAR(r.gains[1].gained(), disc, 0.05 * disc);
    EXPECT_NEAR(r.gained_nl, disc, 0.05 * disc);
    EXPECT_NEAR(r.gained_de, 0.5 * r.gained_nl, 1e-6 * disc);
    // Minutes saved at the candidate: the old time (12.5 km away) minus ~1 minute; none far west of A's venue.
    EXPECT_NEAR(at(r.surface, {15050, 5050}), bike_minutes(12550) - 1, 0.05 * bike_minutes(12550));
    EXPECT_TRUE(std::isnan(at(r.surface, {550, 5050})));
    EXPECT_TRUE(r.diverging);
    EXPECT_FLOAT_EQ(r.vmin, -r.vmax);
    EXPECT_GT(r.mean_minutes_saved, 5);
}

// Moving the catalogue's only pop venue from A (2.5 km) to B (15 km): the venue is left out (p.removed) and a site
// takes its place. A loses the disc it had within 15 minutes, B gains one; at the old place the time grows from
// 1 minute to the trip to B (negative "minutes saved"), at the new place it falls to 1 minute.
TEST(Analysis, WhatIfMovingACatalogueVenueLosesWhereItWasAndGainsWhereItGoes) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::WhatIf, geo::Category::Pop, geo::Mode::Bike, 15);
    p.removed = {0};
    p.candidates = {{{15000, 5000}, geo::Category::Pop, "Poppodium A"}};
    AnalysisResult r = run(an, p);
    ASSERT_EQ(r.gains.size(), 2u);
    const double disc = bike_disc_cells(15);
    EXPECT_NEAR(r.gains[0].baseline, disc, 0.05 * disc);
    EXPECT_NEAR(r.gains[0].now, 0, 1e-9);
    EXPECT_NEAR(r.gains[1].baseline, 0, 1e-9);
    EXPECT_NEAR(r.gains[1].now, disc, 0.05 * disc);
    const float lost = at(r.surface, {2550, 5050});  // base: the next cell north of the old venue
    EXPECT_NEAR(lost, bike_minutes(100) - bike_minutes(12450), 0.05 * bike_minutes(12450));
    EXPECT_NEAR(at(r.surface, {15050, 5050}), bike_minutes(12550) - bike_minutes(100), 0.05 * bike_minutes(12550));
    // Removing the venue alone: nobody gains; A loses its disc, and the scenario has no pop venue at all.
    p.candidates.clear();
    r = run(an, p);
    EXPECT_NEAR(r.gains[0].gained(), -disc, 0.05 * disc);
    EXPECT_NEAR(r.gains[1].gained(), 0, 1e-9);
    EXPECT_LT(at(r.surface, {2550, 5050}), -60);  // from ~1 minute to beyond the cut-off (capped)
    // Leaving out a venue of another category changes nothing for pop: no cell differs.
    p.removed = {1};
    r = run(an, p);
    size_t changed = 0;
    for (float x : r.surface.v) changed += std::isfinite(x);
    EXPECT_EQ(changed, 0u);
}

// Travel time with the pop venue left out and a site elsewhere equals the engine run on that set of sources from
// scratch (the oracle): the scenario is not patched onto the old field.
TEST(Analysis, TravelTimeOfAScenarioWithAVenueLeftOutEqualsAFreshRun) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15);
    p.removed = {0};
    p.candidates = {{{12000, 3000}, geo::Category::Pop, "elsewhere"}};
    const AnalysisResult r = run(an, p);
    geo::Dataset moved = toy.data;
    moved.venues[0].pos = {12000, 3000};
    Analysis fresh(moved, toy.opts());
    const AnalysisResult f = run(fresh, params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15));
    ASSERT_EQ(r.surface.v.size(), f.surface.v.size());
    size_t differ = 0;
    for (size_t i = 0; i < r.surface.v.size(); ++i) {
        const float a = r.surface.v[i], b = f.surface.v[i];
        if (!(a == b || (std::isnan(a) && std::isnan(b)))) ++differ;
    }
    EXPECT_EQ(differ, 0u);
    EXPECT_NEAR(at(r.surface, {12050, 3050}), bike_minutes(100), 1e-3);
    ASSERT_EQ(r.figures.size(), 2u);
    EXPECT_NEAR(r.figures[1].coverage_pct, f.figures[1].coverage_pct, 1e-9);
}

TEST(Analysis, BestSiteIsInTheUncoveredMunicipality) {
    Toy toy;
    AnalysisOptions o = toy.opts();
    o.candidate_step = 10;
    Analysis an(toy.data, o);
    AnalysisParams p;
    p.metric = Metric::BestSite;
    p.threshold_min = 15;
    p.best_k = 1;
    AnalysisResult r = run(an, p);
    ASSERT_EQ(r.sites.size(), 1u);
    const double disc = bike_disc_cells(15);
    // A whole new disc inside B (or in A's uncovered east) gains it fully.
    EXPECT_NEAR(r.sites[0].gain, disc, 0.05 * disc);
    const double radius = std::sqrt(disc * 1e4 / M_PI);
    EXPECT_GT(geo::dist(r.sites[0].pos, {2500, 5000}), 2 * radius * 0.95);
    EXPECT_NEAR(r.gained_nl, r.sites[0].gain, 1e-6 * disc);
}

TEST(Analysis, CandidatesArePersistedAtomicallyAndRestored) {
    Toy toy;
    const fs::path dir = scratch("persist");
    const std::string path = (dir / "sub" / "candidates.json").string();
    {
        Analysis an(toy.data, toy.opts(path));
        EXPECT_TRUE(an.candidates().empty());
        an.add_candidate({{1234.5, 6789.25}, geo::Category::Museum, "Nieuw \"museum\" — Enschede"});
        an.add_candidate({{100, 200}, geo::Category::Pop, ""});
        an.move_candidate(1, {300, 400});
        an.add_candidate({{1, 2}, geo::Category::Library, "weg"});
        an.remove_candidate(2);
    }
    // Only the file itself is left (the temporary files were renamed).
    size_t files = 0;
    for (auto& e : fs::directory_iterator(dir / "sub")) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
    Analysis again(toy.data, toy.opts(path));
    ASSERT_EQ(again.candidates().size(), 2u);
    EXPECT_EQ(again.candidates()[0].name, "Nieuw \"museum\" — Enschede");
    EXPECT_EQ(again.candidates()[0].category, geo::Category::Museum);
    EXPECT_DOUBLE_EQ(again.candidates()[0].pos.x, 1234.5);
    EXPECT_DOUBLE_EQ(again.candidates()[0].pos.y, 6789.25);
    EXPECT_DOUBLE_EQ(again.candidates()[1].pos.x, 300);
    EXPECT_DOUBLE_EQ(again.candidates()[1].pos.y, 400);
    EXPECT_TRUE(again.warnings().empty());

    // A broken file: a warning naming it, no candidates, no crash; the reader names the problem.
    const std::string bad = (dir / "bad.json").string();
    std::ofstream(bad) << "{\"candidates\": [{\"x\": 1, \"y\": 2, \"category\": \"cinema\"}]}";
    Analysis broken(toy.data, toy.opts(bad));
    EXPECT_TRUE(broken.candidates().empty());
    ASSERT_EQ(broken.warnings().size(), 1u);
    EXPECT_NE(broken.warnings()[0].find(bad), std::string::npos);
    EXPECT_NE(broken.warnings()[0].find("category"), std::string::npos);
    std::ofstream(bad) << "{\"candidates\": [";
    EXPECT_THROW(read_candidates(bad), geo::DataError);
    fs::remove_all(dir);
}

// The candidates file is read with the one strict JSON reader: every problem names file, line and column.
TEST(Analysis, CandidatesFileErrorsNameLineAndColumn) {
    const fs::path dir = scratch("cand_errors");
    struct Case {
        const char* text;
        const char* says;  // after the path
    };
    const Case cases[] = {
        {"{\"version\": 1, \"candidates\": [\n  {\"x\": 1, \"x\": 2, \"y\": 3, \"category\": \"pop\"}\n]}",
         ":2:12: duplicate key \"x\""},
        {"{\"version\": 1, \"candidates\": [\n  {\"x\": 1, \"y\": 3, \"category\": \"cinema\"}\n]}",
         ":2:32: candidate 1: unknown or missing \"category\""},
        {"{\"version\": 1, \"candidates\": [\n  {\"x\": \"1\", \"y\": 3, \"category\": \"pop\"}\n]}",
         ":2:3: candidate 1: needs numeric \"x\" and \"y\""},
        {"{\"version\": 1, \"candidates\": [\n  {\"x\": 1, \"y\": 3, \"category\": \"pop\"},\n]}",
         ":3:1: trailing comma before ']'"},
        {"[]", ":1:1: expected an object with a \"candidates\" array"},
        {"{\"candidates\": {}}", ":1:16: expected an object with a \"candidates\" array"},
        {"{\"candidates\": [{\"name\": \"caf\xC3\xA9\", \"x\": 1e999}]}", ":1:39: number out of range"},
    };
    for (const Case& c : cases) {
        const std::string path = (dir / "candidates.json").string();
        std::ofstream(path, std::ios::binary | std::ios::trunc) << c.text;
        try {
            read_candidates(path);
            ADD_FAILURE() << "accepted: " << c.text;
        } catch (const geo::DataError& e) {
            EXPECT_EQ(e.file, path);
            EXPECT_NE(std::string(e.what()).find(path + c.says), std::string::npos) << e.what();
        }
    }
    fs::remove_all(dir);
}

// Saving the candidates goes through geo::AtomicFile: a failure at any step (folder not writable, disk full,
// fsync, rename) throws a DataError naming the file, keeps the previous file and leaves no temporary file; the
// Analysis turns it into a warning and keeps its candidates.
TEST(Analysis, AFailedCandidatesSaveKeepsThePreviousFile) {
    Toy toy;
    const fs::path dir = scratch("cand_fail");
    const std::string path = (dir / "candidates.json").string();
    const std::vector<Candidate> before = {{{100, 200}, geo::Category::Pop, "eerst"}};
    const std::vector<Candidate> after = {{{300, 400}, geo::Category::Museum, "daarna"}};
    auto slurp = [&] {
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    auto listing = [&] { return size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator())); };
    for (geo::AtomicFailure step : {geo::AtomicFailure::Open, geo::AtomicFailure::Write, geo::AtomicFailure::Sync,
                                    geo::AtomicFailure::Rename}) {
        write_candidates(before, path);
        const std::string old = slurp();
        geo::inject_atomic_failure(step);
        try {
            write_candidates(after, path);
            ADD_FAILURE() << "step " << int(step) << " did not fail";
        } catch (const geo::DataError& e) {
            EXPECT_EQ(e.file, path);
            EXPECT_NE(std::string(e.what()).find("previous file is untouched"), std::string::npos) << e.what();
        }
        geo::inject_atomic_failure(geo::AtomicFailure::None);
        EXPECT_EQ(slurp(), old) << "step " << int(step);
        EXPECT_EQ(listing(), 1u) << "step " << int(step) << ": a temporary file was left";
        EXPECT_EQ(read_candidates(path).at(0).name, "eerst");
    }
    {
        Analysis an(toy.data, toy.opts(path));
        ASSERT_EQ(an.candidates().size(), 1u);
        const std::string old = slurp();
        geo::inject_atomic_failure(geo::AtomicFailure::Write);
        an.add_candidate(after[0]);
        geo::inject_atomic_failure(geo::AtomicFailure::None);
        EXPECT_EQ(an.candidates().size(), 2u);
        ASSERT_EQ(an.warnings().size(), 1u);
        EXPECT_NE(an.warnings()[0].find(path), std::string::npos) << an.warnings()[0];
        EXPECT_EQ(slurp(), old);
        EXPECT_EQ(listing(), 1u);
    }
    fs::remove_all(dir);
}

TEST(Analysis, PopulationAndDensitySurfaces) {
    Toy toy;
    toy.pop->nl.at(10, 10) = 0;
    toy.pop->de.at(10, 10) = 0;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p;
    p.metric = Metric::Population;
    AnalysisResult r = run(an, p);
    EXPECT_FLOAT_EQ(r.surface.at(11, 10), 1.5f);
    EXPECT_TRUE(std::isnan(r.surface.at(10, 10)));  // nobody lives there: transparent
    EXPECT_TRUE(r.log_scale);
    // Venue density, quartic kernel of radius 5 km: 3 / (pi r^2) per km^2 at the venue, x100 for per 100 km².
    p.metric = Metric::VenueDensity;
    p.kernel_radius_m = 5000;
    r = run(an, p);
    EXPECT_NEAR(at(r.surface, {2550, 5050}), 100 * 3 / (M_PI * 25), 0.01);
    EXPECT_TRUE(std::isnan(at(r.surface, {12550, 5050})));
}

// A road network named by AnalysisOptions::roads_path (--roads, $TREKKAART_ROADS) replaces the straight-line
// estimate: the result says so and a cell on the road is reached sooner. An unreadable file is a warning and the
// estimates stay.
TEST(Analysis, RoadNetworkFromTheOptionsEndsTheEstimate) {
    Toy toy;
    const fs::path dir = fs::temp_directory_path() / ("trekkaart_roads_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const P2 a = geo::rd_to_wgs84({100, 5000}), b = geo::rd_to_wgs84({19900, 5000});
    char osm[1024];
    std::snprintf(osm, sizeof osm,
                  "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"trekkaart-test\">\n"
                  "  <node id=\"1\" version=\"1\" lat=\"%.9f\" lon=\"%.9f\"/>\n"
                  "  <node id=\"2\" version=\"1\" lat=\"%.9f\" lon=\"%.9f\"/>\n"
                  "  <way id=\"10\" version=\"1\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"primary\"/></way>\n"
                  "</osm>\n",
                  a.y, a.x, b.y, b.x);
    const std::string path = (dir / "roads.osm").string();
    std::ofstream(path) << osm;
    AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Car);
    auto minutes_at = [&](const AnalysisResult& r, P2 q) {
        int c = 0, row = 0;
        EXPECT_TRUE(r.surface.spec.cell_of(q, c, row));
        return r.surface.v[size_t(row) * size_t(r.surface.spec.cols) + size_t(c)];
    };
    AnalysisResult est, road, bad;
    {
        Analysis an(toy.data, toy.opts());
        an.request(p);
        ASSERT_TRUE(an.wait(60));
        ASSERT_TRUE(an.poll(est)) << an.error();
    }
    {
        AnalysisOptions o = toy.opts();
        o.roads_path = path;
        Analysis an(toy.data, o);
        EXPECT_TRUE(an.warnings().empty());
        an.request(p);
        ASSERT_TRUE(an.wait(60));
        ASSERT_TRUE(an.poll(road)) << an.error();
    }
    {
        AnalysisOptions o = toy.opts();
        o.roads_path = (dir / "missing.gpkg").string();
        Analysis an(toy.data, o);
        ASSERT_EQ(an.warnings().size(), 1u);
        EXPECT_NE(an.warnings()[0].find("missing.gpkg"), std::string::npos) << an.warnings()[0];
        an.request(p);
        ASSERT_TRUE(an.wait(60));
        ASSERT_TRUE(an.poll(bad)) << an.error();
    }
    fs::remove_all(dir);
    EXPECT_TRUE(est.estimate);
    EXPECT_FALSE(road.estimate);
    EXPECT_TRUE(bad.estimate);
    const P2 on_road{17500, 5000};
    EXPECT_LT(minutes_at(road, on_road), minutes_at(est, on_road));
    EXPECT_FLOAT_EQ(minutes_at(bad, on_road), minutes_at(est, on_road));
}

// Issue 11: the capacity fill rule is said, in the legend note and the figures CSV.
TEST(Analysis, WeightsNoteCountsTheAssumedCapacities) {
    AnalysisResult r;
    r.params.metric = Metric::Fca2;
    EXPECT_EQ(weights_note(r, true), "");  // no weights used
    r.capacity_weighted = true;
    r.capacity_assumed = 2;
    r.capacity_total = 3;
    r.capacity_rule = geo::VenueWeights::Rule::Median;
    r.capacity_fill = 400;
    set_lang(Lang::EN);
    EXPECT_EQ(weights_note(r, true), "capacity assumed for 2 of 3 venues (the median of the known ones, 400)");
    set_lang(Lang::NL);
    EXPECT_EQ(weights_note(r), "capaciteit aangenomen voor 2 van 3 locaties (de mediaan van de bekende, 400)");
    r.capacity_assumed = r.capacity_total = 11;
    r.capacity_rule = geo::VenueWeights::Rule::One;
    r.params.metric = Metric::GravityExp;
    EXPECT_EQ(weights_note(r, true), "weighted by capacity; capacity assumed for 11 of 11 venues (none known: 1 each)");
    r.capacity_weighted = false;
    EXPECT_EQ(weights_note(r, true), "every venue weighs 1");
}

// Gravity weights venues by capacity (default): two pop venues, 300 seats and unknown (-> the median, 300), so the
// weighted surface is 300 x the unweighted one, and the note and the CSV say that one capacity was assumed.
TEST(Analysis, GravityWeightsVenuesByCapacity) {
    Toy toy;
    toy.data.venues[0].capacity = 300;
    geo::Venue v2 = toy.data.venues[0];
    v2.id = "b-pop";
    v2.capacity = 0;
    v2.gemeente = "GM0002";
    v2.pos = {17500, 5000};
    toy.data.venues.push_back(v2);
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::GravityExp, geo::Category::Pop, geo::Mode::Bike);
    const AnalysisResult w = run(an, p);
    p.weight_by_capacity = false;
    const AnalysisResult u = run(an, p);
    EXPECT_TRUE(w.capacity_weighted);
    EXPECT_EQ(w.capacity_assumed, 1);
    EXPECT_EQ(w.capacity_total, 2);
    EXPECT_FALSE(u.capacity_weighted);
    for (P2 q : {P2{2550, 4950}, P2{10050, 5050}, P2{16050, 3050}})
        EXPECT_NEAR(at(w.surface, q), 300 * at(u.surface, q), 1e-3 * 300 * at(u.surface, q));
    const geo::Table t = figures_table(toy.data, w);
    EXPECT_EQ(t.rows[0][10], "estimate: no road network loaded; weighted by capacity; capacity assumed for 1 of 2 venues "
                             "(the median of the known ones, 300)");
    EXPECT_EQ(figures_table(toy.data, u).rows[0][10], "estimate: no road network loaded; every venue weighs 1");
}

// Issue 11: the figures follow the metric. 2SFCA by bike, T = 15, the pop venue in A with 300 seats: its 300 seats
// are shared by the 1.5 inhabitants (NL + DE) of each of the N cells within 15 minutes, so each of those cells
// has 1000 * 300 / (1.5 N) seats per 1000 inhabitants, every other cell 0. The catchment (radius ~2.7 km around
// (2500, 5000)) lies in A, so A's population-weighted mean over its 10,000 inhabitants is
//   N * 1000 * 300 / (1.5 N) / 10,000 = 20,
// whatever N is; B's mean is 0 (nobody there is within 15 minutes, and those zeros count).
TEST(Analysis, SurfaceFiguresOf2sfcaAreThePopulationWeightedMeanPerMunicipality) {
    Toy toy;
    toy.data.venues[0].capacity = 300;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::Fca2, geo::Category::Pop, geo::Mode::Bike, 15);
    const AnalysisResult r = run(an, p);
    EXPECT_EQ(figure_kind(r.params.metric), FigureKind::Surface);
    ASSERT_EQ(r.surface_stats.size(), 2u);
    EXPECT_NEAR(r.surface_stats[0].mean, 20.0, 1e-3);
    EXPECT_DOUBLE_EQ(r.surface_stats[0].population, 10000);
    EXPECT_DOUBLE_EQ(r.surface_stats[0].no_value, 0);
    EXPECT_NEAR(r.surface_stats[0].max, 1000 * 300 / (1.5 * bike_disc_cells(15)), 0.05 * r.surface_stats[0].max);
    EXPECT_DOUBLE_EQ(r.surface_stats[0].min, 0);  // A's far side is beyond 15 minutes
    EXPECT_DOUBLE_EQ(r.surface_stats[1].mean, 0);
    const geo::Table t = figures_table(toy.data, r);
    const std::vector<std::string> cols = {"code", "name", "population", "no_value_population", "mean", "p10",
                                           "median", "p90", "min", "max", "note", "metric", "unit", "category",
                                           "mode", "threshold_min", "population_group"};
    EXPECT_EQ(t.columns, cols);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][0], "GM0001");
    EXPECT_NEAR(std::stod(t.rows[0][4]), 20.0, 1e-2);
    EXPECT_EQ(t.rows[0][12], "per 1000 inhabitants");
    EXPECT_EQ(t.rows[0][13], "pop");
    EXPECT_EQ(t.rows[0][15], "15");
    // No curves: they belong to travel times.
    EXPECT_TRUE(r.curves.empty());
}

// Venues within T (within_T): a cell within 15 minutes of the one pop venue has 1, others 0, so A's mean is the
// share of A within 15 minutes: the coverage of the travel-time table.
TEST(Analysis, SurfaceFiguresOfVenuesWithinTEqualTheCoverageShare) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p;
    p.category = geo::Category::Pop;
    p.mode = geo::Mode::Bike;
    p.threshold_min = 15;
    p.metric = Metric::TravelTime;
    const AnalysisResult tt = run(an, p);
    p.metric = Metric::Opportunities;
    const AnalysisResult r = run(an, p);
    ASSERT_EQ(r.surface_stats.size(), 2u);
    // (the figures test time <= T in minutes, the per-venue times in whole seconds: a boundary cell may differ)
    EXPECT_NEAR(r.surface_stats[0].mean, tt.figures[0].coverage_pct / 100, 2e-3);
    EXPECT_NEAR(r.surface_stats[0].mean, bike_disc_cells(15) / 1e4, 0.015);
    EXPECT_DOUBLE_EQ(r.surface_stats[0].max, 1);
    EXPECT_DOUBLE_EQ(r.surface_stats[1].mean, 0);
}

// Reach: the NL rows (A, B and the Dutch cells outside them) sum to the result's NL reach, the DE row is its
// German reach. The first five columns of cells (x < 500 m) belong to no Twente municipality here.
TEST(Analysis, ReachFiguresSumToTheReachTotals) {
    Toy toy;
    for (int r = 0; r < toy.pop->municipality.spec.rows; ++r)
        for (int c = 0; c < 5; ++c) toy.pop->municipality.at(c, r) = -1;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p;
    p.metric = Metric::Reach;
    p.venue = 0;
    p.threshold_min = 15;
    const AnalysisResult r = run(an, p);
    EXPECT_EQ(figure_kind(r.params.metric), FigureKind::Reach);
    ASSERT_EQ(r.reach_nl_by_zone.size(), 2u);
    EXPECT_GT(r.reach_nl_other, 0);
    EXPECT_DOUBLE_EQ(r.reach_nl_by_zone[1], 0);  // B is beyond 15 minutes
    EXPECT_NEAR(r.reach_nl_by_zone[0] + r.reach_nl_by_zone[1] + r.reach_nl_other, r.reach.nl, 1e-6 * r.reach.nl);
    const geo::Table t = figures_table(toy.data, r);
    EXPECT_EQ(t.columns, (std::vector<std::string>{"code", "name", "country", "inhabitants_within_T",
                                                   "share_of_reach_pct", "venue", "mode", "threshold_min", "note"}));
    ASSERT_EQ(t.rows.size(), 4u);
    double nl = 0, pct = 0;
    for (const auto& row : t.rows) {
        if (row[2] == "NL") nl += std::stod(row[3]);
        pct += std::stod(row[4]);
    }
    EXPECT_NEAR(nl, r.reach.nl, 2);  // the rows are rounded to whole inhabitants
    EXPECT_EQ(t.rows[3][0], "DE");
    EXPECT_NEAR(std::stod(t.rows[3][3]), r.reach.de, 0.5);
    EXPECT_NEAR(pct, 100, 0.2);
    EXPECT_EQ(t.rows[0][5], "Poppodium A");
}

// The cumulative curves of a travel-time result: at the cut-off the share within equals 100 % minus the share
// beyond it (on foot all of B and part of A lie beyond 90 minutes), and no curve ever goes down.
TEST(Analysis, CumulativeCurvesEndAtOneMinusTheBeyondShareAndNeverDecrease) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Walk);
    const AnalysisResult r = run(an, p);
    ASSERT_EQ(r.curves.size(), 2u);
    for (size_t z = 0; z < 2; ++z) {
        const geo::CumulativeCurve& c = r.curves[z];
        ASSERT_FALSE(c.share.empty());
        EXPECT_DOUBLE_EQ(c.minutes.front(), 0);
        EXPECT_DOUBLE_EQ(c.minutes.back(), 90);
        EXPECT_NEAR(100 * c.share.back(), 100 - r.figures[z].censored_pct, 1e-9);
        for (size_t k = 1; k < c.share.size(); ++k) EXPECT_GE(c.share[k], c.share[k - 1]);
    }
    EXPECT_DOUBLE_EQ(r.curves[1].share.back(), 0);  // all of B beyond the cut-off
    EXPECT_GT(r.curves[0].share.back(), 0);
    EXPECT_LT(r.curves[0].share.back(), 1);
    EXPECT_TRUE(r.surface_stats.empty());
}

// ---- issue 14: the cache's byte budget ----------------------------------------------------------------------

namespace {

// Same values cell by cell (NaN where NaN).
void expect_same_surface(const geo::GridF& a, const geo::GridF& b) {
    ASSERT_EQ(a.v.size(), b.v.size());
    size_t diff = 0;
    for (size_t i = 0; i < a.v.size(); ++i)
        if (!(a.v[i] == b.v[i] || (std::isnan(a.v[i]) && std::isnan(b.v[i])))) ++diff;
    EXPECT_EQ(diff, 0u);
}

}  // namespace

TEST(AnalysisCache, AnEvictedFieldIsComputedAgainToTheSameSurface) {
    Toy toy;
    Analysis big(toy.data, toy.opts());  // the default budget: every field of the toy stays
    const AnalysisParams a = params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15);
    const AnalysisResult a_big = run(big, a);
    const size_t one = big.cache_usage().fields;  // one nearest-venue field of the toy raster
    ASSERT_GT(one, 200u * 100u * 8);              // minutes + owner per cell at least
    AnalysisOptions o = toy.opts();
    o.cache_budget = one + one / 2;  // one field fits, two do not
    Analysis small(toy.data, o);
    const AnalysisResult a1 = run(small, a);
    EXPECT_EQ(small.cache_usage().field_count, 1);
    // Two other fields (another category, another mode): each evicts the one before.
    const AnalysisResult b = run(small, params(Metric::TravelTime, geo::Category::Museum, geo::Mode::Bike, 15));
    EXPECT_EQ(small.cache_usage().field_count, 1);
    run(small, params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Walk, 15));
    EXPECT_LE(small.cache_usage().field_count, 1);
    EXPECT_LE(small.cache_usage().evictable(), o.cache_budget);
    // The first again: computed anew (not from the cache), to the same values and figures as before and as the
    // unbounded run, which still had it.
    const AnalysisResult a2 = run(small, a);
    EXPECT_FALSE(a2.recombined_only);
    const AnalysisResult a_big2 = run(big, a);
    EXPECT_TRUE(a_big2.recombined_only);
    expect_same_surface(a2.surface, a1.surface);
    expect_same_surface(a2.surface, a_big.surface);
    ASSERT_EQ(a2.figures.size(), a_big.figures.size());
    for (size_t i = 0; i < a2.figures.size(); ++i) {
        EXPECT_DOUBLE_EQ(a2.figures[i].coverage_pct, a_big.figures[i].coverage_pct);
        EXPECT_DOUBLE_EQ(a2.figures[i].mean_minutes, a_big.figures[i].mean_minutes);
    }
    // Hand-checked: the venue's own cell is 1 minute (locking the bike) and 5 km east about 27 minutes.
    EXPECT_NEAR(at(a2.surface, {2550, 4950}), 1.0, 1e-3);
    EXPECT_NEAR(at(a2.surface, {7550, 5050}), bike_minutes(5050), 0.04 * bike_minutes(5050));
    // The museum's field was evicted too: its surface again equals the first.
    expect_same_surface(run(small, params(Metric::TravelTime, geo::Category::Museum, geo::Mode::Bike, 15)).surface,
                        b.surface);
    // A what-if (the field and the what-if field made from it: two fields' worth): the what-if field goes first,
    // the field stays, and the next what-if recombines nothing but is the same.
    AnalysisParams w = params(Metric::WhatIf, geo::Category::Pop, geo::Mode::Bike, 15);
    w.candidates.push_back({{12550, 5050}, geo::Category::Pop, "x"});
    const AnalysisResult w1 = run(small, w);
    EXPECT_EQ(small.cache_usage().scratch, 0u);
    EXPECT_EQ(small.cache_usage().field_count, 1);
    EXPECT_GT(w1.gained_nl, 0);
    const AnalysisResult w2 = run(small, w);
    expect_same_surface(w2.surface, w1.surface);
    EXPECT_DOUBLE_EQ(w2.gained_nl, w1.gained_nl);
    EXPECT_DOUBLE_EQ(w2.mean_minutes_saved, w1.mean_minutes_saved);
}

TEST(AnalysisCache, TheBudgetIsHonouredAfterEveryRequest) {
    Toy toy;
    Analysis probe(toy.data, toy.opts());
    run(probe, params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15));
    const size_t one = probe.cache_usage().fields;
    // Fields, per-venue times and the what-if field of several categories and modes, with a budget of 2.5 fields.
    std::vector<AnalysisParams> reqs = {
        params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Bike, 15),
        params(Metric::Opportunities, geo::Category::Pop, geo::Mode::Bike, 15),
        params(Metric::TravelTime, geo::Category::Museum, geo::Mode::Bike, 15),
        params(Metric::GravityExp, geo::Category::Museum, geo::Mode::Walk, 15),
        params(Metric::TravelTime, geo::Category::Pop, geo::Mode::Walk, 15),
        params(Metric::WhatIf, geo::Category::Pop, geo::Mode::Bike, 15),
        params(Metric::TravelTime, geo::Category::Museum, geo::Mode::Car, 15),
        params(Metric::Opportunities, geo::Category::Museum, geo::Mode::Car, 15),
    };
    reqs[5].candidates.push_back({{12550, 5050}, geo::Category::Pop, "x"});
    for (const size_t budget : {one * 5 / 2, size_t(0)}) {
        AnalysisOptions o = toy.opts();
        o.cache_budget = budget;
        Analysis an(toy.data, o);
        for (size_t i = 0; i < reqs.size(); ++i) {
            const AnalysisResult r = run(an, reqs[i]);
            EXPECT_FALSE(r.surface.v.empty());
            const AnalysisCacheUsage u = an.cache_usage();
            EXPECT_LE(u.evictable(), budget) << "request " << i << ", budget " << budget;
            if (budget > 0) {
                EXPECT_GT(u.evictable(), 0u) << "request " << i;  // a bound, not "keep nothing"
            }
            EXPECT_GT(u.population, 0u);  // the population and friction grids stay
            EXPECT_GT(u.friction, 0u);
        }
    }
}

TEST(AnalysisCache, NoFiguresKeepsNoFieldForReach) {
    Toy toy;
    Analysis an(toy.data, toy.opts());
    AnalysisParams p = params(Metric::Reach, geo::Category::Pop, geo::Mode::Bike, 15);
    p.venue = 0;
    const AnalysisResult with = run(an, p);
    EXPECT_FALSE(with.figures.empty());
    EXPECT_EQ(an.cache_usage().field_count, 1);  // the figures' nearest-venue field
    p.figures = false;
    Analysis lean(toy.data, toy.opts());
    const AnalysisResult without = run(lean, p);
    EXPECT_TRUE(without.figures.empty());
    EXPECT_EQ(lean.cache_usage().field_count, 0);
    expect_same_surface(without.surface, with.surface);
    EXPECT_DOUBLE_EQ(without.reach.nl, with.reach.nl);
    EXPECT_EQ(without.estimate, with.estimate);
    EXPECT_EQ(without.model_note, with.model_note);
}
