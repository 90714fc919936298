// The window's Add layer panel without the window (issue 12): a layer loads on the worker and lands in the view,
// a failing one leaves its message (naming the file) and the view as it was, the recent files list is kept
// through geo::AtomicFile, newest first.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "geo/io/dataset.h"
#include "viewer/ui/user_layers_panel.h"

using namespace viewer;
namespace fs = std::filesystem;

namespace {

const geo::Dataset& data() {
    static const geo::Dataset d = geo::load_dataset();
    return d;
}

bool wait_and_poll(UserLayersPanel& p, MapView& v) {
    for (int i = 0; i < 500 && p.loading(); ++i) {
        if (p.poll(v)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace

TEST(UserLayersPanel, LoadsOnTheWorkerFailsWithTheFileNamedAndRemembersRecentFiles) {
    const fs::path dir = fs::temp_directory_path() / ("trekkaart-panel-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string recent = (dir / "cfg" / "recent_layers.txt").string();
    const std::string csv = (dir / "bieb.csv").string();
    std::ofstream(csv) << "naam,lon,lat\nBibliotheek Hengelo,6.7931,52.2658\n";
    UserLayersPanel p(data(), recent);
    MapView v;
    ASSERT_TRUE(p.start(csv));
    EXPECT_FALSE(p.start(csv));  // one at a time
    ASSERT_TRUE(wait_and_poll(p, v)) << p.message();
    ASSERT_EQ(v.user_layers.size(), 1u);
    EXPECT_EQ(v.user_layers[0].layer->name, "bieb");
    EXPECT_EQ(v.user_layers[0].layer->data.features[0].get("naam"), "Bibliotheek Hengelo");
    EXPECT_NE(p.message().find("read as WGS84"), std::string::npos) << p.message();  // the CSV's CRS note

    const std::string missing = (dir / "weg.shp").string();
    ASSERT_TRUE(p.start(missing));
    EXPECT_FALSE(wait_and_poll(p, v));
    EXPECT_FALSE(p.loading());
    EXPECT_NE(p.message().find(missing + ": file not found"), std::string::npos) << p.message();
    EXPECT_EQ(v.user_layers.size(), 1u);  // the rest intact

    // The folder itself, as a dropped folder would come.
    ASSERT_TRUE(p.start(dir.string()));
    EXPECT_FALSE(wait_and_poll(p, v));
    EXPECT_NE(p.message().find("is a folder, not a file"), std::string::npos) << p.message();
    EXPECT_NE(p.message().find("bieb.csv"), std::string::npos) << p.message();

    EXPECT_EQ(read_recent_layers(recent), std::vector<std::string>{csv});  // only what loaded
    EXPECT_EQ(remember_recent_layer(recent, "b.gpkg"), "");
    EXPECT_EQ(remember_recent_layer(recent, csv), "");
    EXPECT_EQ(read_recent_layers(recent), (std::vector<std::string>{csv, "b.gpkg"}));
    fs::remove_all(dir);
}
