// Issue 16: the venue texts in the map's language (viewer/model/venue_text.h) and the venue editor keeping the
// catalogue's new columns (notes, address, how a position was obtained).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "geo/core/crs.h"
#include "geo/io/dataset.h"
#include "geo/io/venue_edits.h"
#include "viewer/model/i18n.h"
#include "viewer/model/venue_editor.h"
#include "viewer/model/venue_text.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

struct LangGuard {
    Lang saved = lang();
    ~LangGuard() { set_lang(saved); }
};

int index_of(const geo::Dataset& d, const std::string& id) {
    for (size_t i = 0; i < d.venues.size(); ++i)
        if (d.venues[i].id == id) return int(i);
    return -1;
}

}  // namespace

TEST(VenueText, NotesFollowTheLanguageAndNeverLeakTheOther) {
    LangGuard g;
    geo::Venue v;
    v.note_nl = "voormalig V&D-pand";
    v.note_en = "former V&D department store";
    set_lang(Lang::NL);
    EXPECT_EQ(venue_note(v), "voormalig V&D-pand");
    set_lang(Lang::EN);
    EXPECT_EQ(venue_note(v), "former V&D department store");
    v.note_nl.clear();  // an English-only note stays off the Dutch map
    set_lang(Lang::NL);
    EXPECT_EQ(venue_note(v), "");
}

TEST(VenueText, PositionTextSaysHowAndHowFar) {
    LangGuard g;
    geo::Venue v;
    EXPECT_EQ(venue_position_text(v), "");  // not recorded: nothing claimed
    v.position_source = "place_centroid";
    v.position_error_m = 1200;
    set_lang(Lang::NL);
    EXPECT_EQ(venue_position_text(v), "middelpunt van de kern, \u00b11.200 m");
    set_lang(Lang::EN);
    EXPECT_EQ(venue_position_text(v), "place centroid, \u00b11,200 m");
    v.position_source = "address_point";
    v.position_error_m = 0;
    EXPECT_EQ(venue_position_text(v), "address point");
}

TEST(VenueText, CategoryNotesComeFromTheCatalogueMetadata) {
    LangGuard g;
    geo::CatalogueMeta m{};
    EXPECT_EQ(category_completeness_note(m, geo::Category::Library), "");  // no row: no note
    m[size_t(geo::Category::Library)] = {true, false, 2, "2026-12-02", "", "onvolledig: 2 bekend ontbrekend",
                                         "incomplete: 2 known missing"};
    set_lang(Lang::NL);
    EXPECT_EQ(category_completeness_note(m, geo::Category::Library), "onvolledig: 2 bekend ontbrekend");
    set_lang(Lang::EN);
    EXPECT_EQ(category_completeness_note(m, geo::Category::Library), "incomplete: 2 known missing");
    EXPECT_EQ(category_completeness_note(m, geo::Category::Pop), "");
    // The shipped metadata: the library note, in Dutch by default.
    const geo::Dataset& d = geo::load_dataset();
    set_lang(Lang::NL);
    EXPECT_EQ(category_completeness_note(d.venue_meta, geo::Category::Library), "onvolledig: 2 bekend ontbrekend");
}

// Editing a venue keeps its notes and address; moving it by a click drops the recorded position source (a click
// is not the address point the catalogue cited); the edits file carries the columns to the next start.
TEST(VenueText, EditorKeepsTheNewColumns) {
    geo::Dataset d = geo::load_dataset();
    const fs::path dir = fs::temp_directory_path() / ("trekkaart_venue_text_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const std::string path = (dir / "venue_edits.csv").string();
    VenueEditor ed{d, path};
    const int i = index_of(d, "enschede-vd-warenhuis");
    ASSERT_GE(i, 0);
    const geo::Venue orig = d.venues[size_t(i)];
    ASSERT_FALSE(orig.note_nl.empty());
    EXPECT_EQ(ed.update(i, "Het Warenhuis (Enschede)", orig.category, false, 0, orig.source), "");
    EXPECT_EQ(d.venues[size_t(i)].note_nl, orig.note_nl);
    EXPECT_EQ(d.venues[size_t(i)].position_source, orig.position_source);
    EXPECT_EQ(ed.move(i, geo::wgs84_to_rd(6.8905, 52.2186)), "");
    const geo::Venue& moved = d.venues[size_t(i)];
    EXPECT_TRUE(moved.position_source.empty());
    EXPECT_EQ(moved.position_error_m, 0);
    EXPECT_EQ(moved.note_en, orig.note_en);
    // The next start reads the edits file back with the notes.
    std::vector<geo::Venue> next = d.catalogue;
    EXPECT_TRUE(geo::apply_venue_edits(next, geo::read_venue_edits(path), path).empty());
    EXPECT_EQ(next[size_t(i)].name, "Het Warenhuis (Enschede)");
    EXPECT_EQ(next[size_t(i)].note_nl, orig.note_nl);
    EXPECT_TRUE(next[size_t(i)].position_source.empty());
    fs::remove_all(dir);
}
