// Issue 16: an incomplete category says so in the legend -- the legend panel (furniture box) grows by the note,
// on pictures wide enough for it; small pictures keep the compact legend.
#include <gtest/gtest.h>

#include "geo/io/dataset.h"
#include "viewer/model/i18n.h"
#include "viewer/platform/gl_context.h"
#include "viewer/render/offscreen.h"

using namespace viewer;

namespace {

struct NotesEnv {
    geo::Dataset data = geo::load_dataset();
    GLContext ctx;
    MapRenderer renderer{data};
};
NotesEnv& notes_env() {
    static NotesEnv* e = new NotesEnv();  // lives for the whole test binary (GL context must outlive the renderer)
    return *e;
}

// The width of the legend panel: the furniture box at the bottom-left corner.
float legend_width(const MapView& v) {
    NotesEnv& e = notes_env();
    std::vector<unsigned char> img;
    EXPECT_TRUE(render_to_rgba(e.renderer, v, img));
    float w = 0;
    for (const auto& b : e.renderer.last_furniture())
        if (b.x0 < 40 && b.y1 > v.cam.h - 40) w = std::max(w, b.x1 - b.x0);
    return w;
}

MapView view(int w, int h) {
    MapView v;
    v.cam.w = w;
    v.cam.h = h;
    v.cam.fit(notes_env().data.twente_bbox, 24);
    v.layers.venues = true;
    return v;
}

}  // namespace

TEST(RenderVenueNotes, LegendCarriesTheCompletenessNoteOnWidePictures) {
    NotesEnv& e = notes_env();
    const Lang saved = lang();
    set_lang(Lang::NL);
    ASSERT_TRUE(e.data.venue_meta[size_t(geo::Category::Library)].known);  // assets/venues_meta.csv
    const MapView wide = view(1600, 1000);
    const float with_notes = legend_width(wide);
    const geo::CatalogueMeta meta = e.data.venue_meta;
    e.data.venue_meta = geo::CatalogueMeta{};  // no metadata: no notes
    const float without = legend_width(wide);
    EXPECT_GT(with_notes, without + 60) << "the legend should name '(onvolledig: 2 bekend ontbrekend)'";
    // A 640-px picture keeps the compact legend, metadata or not.
    const float small_without = legend_width(view(640, 400));
    e.data.venue_meta = meta;
    EXPECT_NEAR(legend_width(view(640, 400)), small_without, 0.5);
    EXPECT_GT(without, 50);  // the legend is there at all
    set_lang(saved);
}
