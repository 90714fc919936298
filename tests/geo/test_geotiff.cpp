// GeoTIFF and CSV output: written through geo::AtomicFile (temp + fsync + rename), reopened with GDAL; a failed
// write (injected at each step, or a real "disk full" from a file size limit) keeps the old file and no temporary.
#include <gtest/gtest.h>

#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <vector>
#include <fstream>
#include <sstream>

#include "geo/core/error.h"
#include "geo/io/atomic_file.h"
#include "geo/io/geotiff.h"
#include "geo/io/table_csv.h"

using namespace geo;
namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("trekkaart_tif_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(reinterpret_cast<uintptr_t>(this)));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    size_t count() const { return size_t(std::distance(fs::directory_iterator(path), fs::directory_iterator())); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every step of an atomic write failing in turn (geo::inject_atomic_failure): `write` throws a DataError naming
// the file, which keeps its old content, and nothing else is left in the folder. `steps` are those the writer
// goes through (a GDAL writer never calls AtomicFile::write).
void expect_failures_keep_the_old_file(const std::function<void(const std::string&)>& write,
                                       const std::vector<AtomicFailure>& steps, const char* name) {
    for (AtomicFailure step : steps) {
        TempDir tmp;
        const std::string path = (tmp.path / name).string();
        std::ofstream(path, std::ios::binary) << "the previous file";
        inject_atomic_failure(step);
        try {
            write(path);
            ADD_FAILURE() << name << ": step " << int(step) << " did not fail";
        } catch (const DataError& e) {
            EXPECT_EQ(e.file, path);
            EXPECT_NE(std::string(e.what()).find("previous file is untouched"), std::string::npos) << e.what();
        }
        inject_atomic_failure(AtomicFailure::None);
        EXPECT_TRUE(slurp(path) == "the previous file") << name << ", step " << int(step);
        EXPECT_EQ(tmp.count(), 1u) << name << ", step " << int(step) << ": a temporary file was left";
        write(path);  // and the next save works
        EXPECT_NE(slurp(path), "the previous file");
    }
}

// A real write failure: in a child process whose files may not grow beyond `limit` bytes (the kernel refuses
// further writes with EFBIG, as on a full disk), `write` must fail -- the old file intact, no temporary left.
void expect_a_full_disk_keeps_the_old_file(const std::function<void(const std::string&)>& write, const char* name,
                                           rlim_t limit) {
    TempDir tmp;
    const std::string path = (tmp.path / name).string();
    std::ofstream(path, std::ios::binary) << "the previous file";
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit r{limit, limit};
        ::setrlimit(RLIMIT_FSIZE, &r);
        try {
            write(path);
        } catch (const DataError& e) {
            _exit(std::string(e.what()).find(path) != std::string::npos ? 0 : 2);
        } catch (...) {
            _exit(3);
        }
        _exit(1);  // the write "succeeded"
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << name << ": 1 = not failed, 2 = message without the path, 3 = not a DataError";
    EXPECT_TRUE(slurp(path) == "the previous file") << name;
    EXPECT_EQ(tmp.count(), 1u) << name << ": a temporary file was left";
}

}  // namespace

TEST(GeoTiff, WritesFloat32Rd28992DeflateWithNodata) {
    TempDir tmp;
    GridSpec s{250000, 480000, 100, 7, 5};
    GridF g(s, 0.0f);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 7; ++c) g.at(c, r) = float(r * 10 + c) + 0.25f;
    g.at(6, 4) = kUnreachable;
    const std::string path = (tmp.path / "t.tif").string();
    GeoTiffOptions o;
    o.description = "minutes";
    o.metadata = {{"ESTIMATE", "estimate: no road network loaded"}};
    write_geotiff(g, path, o);
    EXPECT_EQ(tmp.count(), 1u);  // no temp file left behind

    GDALAllRegister();
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    ASSERT_NE(ds, nullptr);
    double gt[6];
    ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
    EXPECT_DOUBLE_EQ(gt[0], 250000);
    EXPECT_DOUBLE_EQ(gt[1], 100);
    EXPECT_DOUBLE_EQ(gt[2], 0);
    EXPECT_DOUBLE_EQ(gt[3], 480000);
    EXPECT_DOUBLE_EQ(gt[4], 0);
    EXPECT_DOUBLE_EQ(gt[5], -100);
    EXPECT_EQ(ds->GetRasterXSize(), 7);
    EXPECT_EQ(ds->GetRasterYSize(), 5);
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "28992");
    const char* comp = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
    ASSERT_NE(comp, nullptr);
    EXPECT_STREQ(comp, "DEFLATE");
    EXPECT_STREQ(ds->GetMetadataItem("ESTIMATE"), "estimate: no road network loaded");
    GDALRasterBand* b = ds->GetRasterBand(1);
    EXPECT_EQ(b->GetRasterDataType(), GDT_Float32);
    int has = 0;
    EXPECT_EQ(b->GetNoDataValue(&has), double(kNoData));
    EXPECT_TRUE(has);
    float v = 0;
    ASSERT_EQ(b->RasterIO(GF_Read, 3, 2, 1, 1, &v, 1, 1, GDT_Float32, 0, 0), CE_None);
    EXPECT_EQ(v, 23.25f);
    ASSERT_EQ(b->RasterIO(GF_Read, 6, 4, 1, 1, &v, 1, 1, GDT_Float32, 0, 0), CE_None);
    EXPECT_EQ(v, kNoData);
    // Cell (3,2) centre in map coordinates maps back to pixel (3,2).
    const P2 ctr = s.centre(3, 2);
    EXPECT_EQ(int((ctr.x - gt[0]) / gt[1]), 3);
    EXPECT_EQ(int((ctr.y - gt[3]) / gt[5]), 2);
    GDALClose(ds);

    GridF back = read_geotiff(path);
    EXPECT_TRUE(back.spec == s);
    EXPECT_EQ(back.at(3, 2), 23.25f);
    EXPECT_EQ(back.at(6, 4), kNoData);

    // Overwriting an existing file works (rename replaces it).
    g.at(3, 2) = 7.0f;
    write_geotiff(g, path);
    EXPECT_EQ(read_geotiff(path).at(3, 2), 7.0f);
}

TEST(GeoTiff, ErrorsNameThePath) {
    GridSpec s{0, 100, 100, 2, 1};
    GridF g(s, 1.0f);
    const std::string bad = "/nonexistent-dir-trekkaart/x.tif";
    try {
        write_geotiff(g, bad);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find(bad), std::string::npos);
    }
    EXPECT_THROW(read_geotiff("/nonexistent-dir-trekkaart/y.tif"), DataError);
}

TEST(TableCsv, QuotesAndWritesAtomically) {
    TempDir tmp;
    Table t;
    t.columns = {"code", "name", "share_pct"};
    t.rows = {{"GM0153", "Enschede", "81.5"}, {"GM0164", "Hengelo, \"O.\"", ""}};
    EXPECT_EQ(table_to_csv(t), "code,name,share_pct\nGM0153,Enschede,81.5\nGM0164,\"Hengelo, \"\"O.\"\"\",\n");
    const std::string path = (tmp.path / "c.csv").string();
    write_csv(t, path);
    EXPECT_EQ(tmp.count(), 1u);
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    EXPECT_EQ(ss.str(), table_to_csv(t));
    t.rows.push_back({"x"});
    EXPECT_THROW(write_csv(t, path), DataError);
    EXPECT_THROW(write_csv(Table{}, "/nonexistent-dir-trekkaart/c.csv"), DataError);
    EXPECT_EQ(fmt_num(1.25, 1), "1.2");  // round-half-even of the binary value 1.25
    EXPECT_EQ(fmt_num(std::nan(""), 1), "");
    EXPECT_EQ(fmt_num(-0.01, 1), "0.0");
}

TEST(GeoTiff, AFailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
    GridSpec s{0, 1000, 100, 300, 300};
    GridF g(s, 0.0f);
    uint32_t r = 1;
    for (float& x : g.v) x = float((r = r * 1664525u + 1013904223u) >> 8) * 1e-3f;  // noise: compresses badly
    auto write = [&](const std::string& path) { write_geotiff(g, path); };
    expect_failures_keep_the_old_file(write, {AtomicFailure::Open, AtomicFailure::Sync, AtomicFailure::Rename},
                                      "surface.tif");
    expect_a_full_disk_keeps_the_old_file(write, "surface.tif", 64 * 1024);
}

TEST(TableCsv, AFailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
    Table t;
    t.columns = {"code", "name"};
    for (int i = 0; i < 20000; ++i) t.rows.push_back({"GM" + std::to_string(i), "gemeente " + std::to_string(i)});
    auto write = [&](const std::string& path) { write_csv(t, path); };
    expect_failures_keep_the_old_file(
        write, {AtomicFailure::Open, AtomicFailure::Write, AtomicFailure::Sync, AtomicFailure::Rename}, "figures.csv");
    expect_a_full_disk_keeps_the_old_file(write, "figures.csv", 64 * 1024);
}
