// libFuzzer target: the scenes (presenter) file reader, viewer::parse_deck.
// Any input must either parse or throw SceneError -- no crash, hang or sanitizer report. A deck that parses
// must survive a write/read round trip with the same number of scenes (deck_to_json output is valid input).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "viewer/model/scenes.h"

namespace {

const viewer::SceneCatalog& catalog() {
    static const viewer::SceneCatalog c = [] {
        viewer::SceneCatalog c;
        for (const char* id : {"hengelo-stork", "enschede-tetem", "enschede-rijksmuseum-twenthe"}) c.venue_ids.insert(id);
        c.municipality_codes = {{"GM0153", "GM0153"}, {"enschede", "GM0153"}, {"GM0164", "GM0164"}, {"hengelo", "GM0164"}};
        return c;
    }();
    return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    viewer::Deck deck;
    try {
        deck = viewer::parse_deck(text, "fuzz.json", &catalog());
    } catch (const viewer::SceneError&) {
        return 0;  // rejected with a message: fine
    }
    const std::string again = viewer::deck_to_json(deck);
    try {
        viewer::Deck d2 = viewer::parse_deck(again, "roundtrip.json", &catalog());
        if (d2.scenes.size() != deck.scenes.size()) __builtin_trap();
    } catch (const viewer::SceneError&) {
        __builtin_trap();  // the writer produced a file the reader rejects
    }
    return 0;
}
