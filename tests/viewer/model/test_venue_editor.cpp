// The window's venue editor (viewer/model/venue_editor.h) on the real catalogue: every change lands in
// Dataset::venues and, at once, in the user's edits file; a venue follows the municipality it is moved into;
// points outside Twente are refused; the hooks around a change are called (the analysis worker relies on it).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "geo/core/crs.h"
#include "geo/io/dataset.h"
#include "geo/io/venue_edits.h"
#include "viewer/model/i18n.h"
#include "viewer/model/venue_editor.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

const geo::Dataset& loaded() {
    static geo::Dataset d = geo::load_dataset();
    return d;
}

int index_of(const geo::Dataset& d, const std::string& id) {
    for (size_t i = 0; i < d.venues.size(); ++i)
        if (d.venues[i].id == id) return int(i);
    return -1;
}

struct Fixture {
    geo::Dataset d = loaded();
    fs::path dir = fs::temp_directory_path() / ("trekkaart_editor_" + std::to_string(::getpid()));
    std::string path = (dir / "sub" / "venue_edits.csv").string();  // the folder does not exist yet
    VenueEditor ed{d, path};
    int before = 0, after = 0, last_index = -9;
    bool last_removed = false;
    Fixture() {
        fs::remove_all(dir);
        ed.before_change = [this] { ++before; };
        ed.after_change = [this](int i, bool r) {
            ++after;
            last_index = i;
            last_removed = r;
        };
    }
    ~Fixture() { fs::remove_all(dir); }
    // The catalogue with the saved file applied: what the next start shows.
    std::vector<geo::Venue> next_start() const {
        std::vector<geo::Venue> v = d.catalogue;
        EXPECT_TRUE(geo::apply_venue_edits(v, geo::read_venue_edits(path), path).empty());
        return v;
    }
};

bool same_lists(const std::vector<geo::Venue>& a, const std::vector<geo::Venue>& b) {
    if (a.size() != b.size()) return false;
    for (const auto& x : a)
        if (std::none_of(b.begin(), b.end(), [&](const geo::Venue& y) { return geo::same_venue(x, y); })) return false;
    return true;
}

}  // namespace

TEST(VenueEditor, UpdateIsAppliedSavedAndRefusedWithoutAName) {
    Fixture f;
    const int i = index_of(f.d, "enschede-tetem");
    ASSERT_GE(i, 0);
    EXPECT_EQ(f.ed.update(i, "Tetem (kunstruimte)", geo::Category::Maker, true, 250, "eigen waarneming"), "");
    EXPECT_EQ(f.d.venues[size_t(i)].name, "Tetem (kunstruimte)");
    EXPECT_EQ(f.d.venues[size_t(i)].capacity, 250);
    EXPECT_TRUE(f.d.venues[size_t(i)].exact);
    EXPECT_EQ(f.before, 1);
    EXPECT_EQ(f.after, 1);
    EXPECT_EQ(f.last_index, i);
    EXPECT_EQ(f.ed.edit_count(), 1);
    EXPECT_EQ(f.d.venue_edits, 1);
    EXPECT_TRUE(same_lists(f.next_start(), f.d.venues));
    // Refused: nothing changes, no hooks.
    EXPECT_NE(f.ed.update(i, "", geo::Category::Maker, true, 250, ""), "");
    EXPECT_NE(f.ed.update(-1, "x", geo::Category::Maker, true, 0, ""), "");
    EXPECT_EQ(f.d.venues[size_t(i)].name, "Tetem (kunstruimte)");
    EXPECT_EQ(f.after, 1);
}

TEST(VenueEditor, MoveFollowsTheMunicipalityAndRefusesPointsOutsideTwente) {
    Fixture f;
    const int i = index_of(f.d, "enschede-tetem");
    ASSERT_GE(i, 0);
    const geo::P2 hengelo = geo::wgs84_to_rd(6.7937, 52.2658);  // Hengelo centre (Marktplein)
    EXPECT_EQ(f.ed.move(i, hengelo), "");
    const geo::Venue& v = f.d.venues[size_t(i)];
    EXPECT_EQ(v.gemeente, "GM0164");
    EXPECT_FALSE(v.exact);
    EXPECT_NEAR(v.pos.x, hengelo.x, 1e-6);
    EXPECT_NEAR(v.lon, 6.7937, 1e-6);
    EXPECT_NEAR(v.lat, 52.2658, 1e-6);
    EXPECT_TRUE(geo::validate_venues(f.d, {v}, "edits").empty());  // lies in the municipality it names
    const geo::P2 zwolle = geo::wgs84_to_rd(6.0944, 52.5168);
    const std::string msg = f.ed.move(i, zwolle);
    EXPECT_NE(msg.find("14"), std::string::npos) << msg;
    EXPECT_NEAR(f.d.venues[size_t(i)].pos.x, hengelo.x, 1e-6);  // unchanged
    EXPECT_EQ(f.after, 1);
    EXPECT_TRUE(same_lists(f.next_start(), f.d.venues));
}

TEST(VenueEditor, AddRemoveAndRevert) {
    Fixture f;
    const size_t n = f.d.venues.size();
    int a = -1, b = -1;
    EXPECT_EQ(f.ed.add(geo::wgs84_to_rd(6.7523, 52.2997), geo::Category::Library, "Bieb Borne", &a), "");  // Borne
    EXPECT_EQ(f.ed.add(geo::wgs84_to_rd(6.9106, 52.3108), geo::Category::Festival, "", &b), "");          // Oldenzaal
    ASSERT_EQ(f.d.venues.size(), n + 2);
    EXPECT_EQ(a, int(n));
    EXPECT_EQ(f.d.venues[size_t(a)].id, "user-1");
    EXPECT_EQ(f.d.venues[size_t(a)].gemeente, "GM0147");
    EXPECT_EQ(f.d.venues[size_t(b)].id, "user-2");
    EXPECT_EQ(f.d.venues[size_t(b)].gemeente, "GM0173");
    EXPECT_FALSE(f.d.venues[size_t(b)].name.empty());
    EXPECT_NE(f.d.venues[size_t(b)].source.find("added in trekkaart by the user"), std::string::npos);
    // Remove the first catalogue venue: later indices move down, the hook says so.
    const std::string first = f.d.venues[0].id;
    EXPECT_EQ(f.ed.remove(0), "");
    EXPECT_EQ(f.last_index, 0);
    EXPECT_TRUE(f.last_removed);
    EXPECT_EQ(index_of(f.d, first), -1);
    EXPECT_EQ(f.ed.edit_count(), 3);
    EXPECT_TRUE(same_lists(f.next_start(), f.d.venues));
    // Undo everything: the catalogue as shipped, an empty edits file.
    EXPECT_EQ(f.ed.revert_all(), "");
    EXPECT_EQ(f.last_index, -1);
    EXPECT_TRUE(same_lists(f.d.venues, f.d.catalogue));
    EXPECT_EQ(f.ed.edit_count(), 0);
    EXPECT_TRUE(geo::read_venue_edits(f.path).empty());
}

TEST(VenueEditor, AFailedSaveSaysSoAndKeepsTheChange) {
    geo::Dataset d = loaded();
    VenueEditor ed(d, "/proc/trekkaart-cannot-write-here/venue_edits.csv");
    const int i = index_of(d, "enschede-tetem");
    const std::string msg = ed.update(i, "Tetem 2", geo::Category::Maker, false, 0, "");
    EXPECT_EQ(msg.rfind(tr("The change is made but not saved: "), 0), 0u) << msg;
    EXPECT_NE(msg.find("/proc/trekkaart-cannot-write-here/venue_edits.csv"), std::string::npos) << msg;
    EXPECT_EQ(d.venues[size_t(i)].name, "Tetem 2");  // still made: the next save that works writes it
    EXPECT_EQ(ed.edit_count(), 1);
}
