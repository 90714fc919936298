// geo/io/atomic_file: a save replaces the file in full or not at all -- also when the saving process is
// killed at a random moment, the disk is full or the rename fails.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "geo/io/atomic_file.h"

namespace fs = std::filesystem;
using namespace geo;

namespace {

// A fresh empty folder per test, removed afterwards.
struct TempDir {
    fs::path dir;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "trekkaart-atomic-XXXXXX").string();
        dir = ::mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::string file(const char* name) const { return (dir / name).string(); }
    // Names of everything in the folder, sorted.
    std::vector<std::string> listing() const {
        std::vector<std::string> out;
        for (auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spit(const std::string& path, const std::string& s) {
    std::ofstream(path, std::ios::binary) << s;
}

}  // namespace

TEST(AtomicFile, CreatesAndReplacesWithoutLeavingTemporaries) {
    TempDir t;
    const std::string p = t.file("scenes.json");
    EXPECT_EQ(write_file_atomic(p, "first"), "");
    EXPECT_EQ(slurp(p), "first");
    EXPECT_EQ(write_file_atomic(p, std::string("second\0with nul", 15)), "");
    EXPECT_EQ(slurp(p), std::string("second\0with nul", 15));
    EXPECT_EQ(write_file_atomic(p, ""), "");  // an empty file is a valid save
    EXPECT_EQ(fs::file_size(p), 0u);
    EXPECT_EQ(t.listing(), std::vector<std::string>{"scenes.json"});
}

TEST(AtomicFile, StreamsInPieces) {
    TempDir t;
    const std::string p = t.file("big.csv");
    std::string expect;
    {
        AtomicFile f(p);
        ASSERT_TRUE(f.ok()) << f.error();
        EXPECT_NE(f.temp_path(), p);
        EXPECT_EQ(fs::path(f.temp_path()).parent_path(), fs::path(p).parent_path());  // same folder: atomic rename
        for (int i = 0; i < 1000; ++i) {
            std::string line = std::to_string(i) + ",row\n";
            EXPECT_TRUE(f.write(line));
            expect += line;
        }
        EXPECT_FALSE(fs::exists(p));  // nothing visible before commit
        EXPECT_EQ(f.commit(), "");
        EXPECT_EQ(f.commit(), "");  // idempotent
    }
    EXPECT_EQ(slurp(p), expect);
    EXPECT_EQ(t.listing(), std::vector<std::string>{"big.csv"});
}

TEST(AtomicFile, AbandonedWriteLeavesOldFileAndNoTemporary) {
    TempDir t;
    const std::string p = t.file("venues.csv");
    spit(p, "old content");
    {
        AtomicFile f(p);
        f.write("half of the new con");
        // Destroyed without commit (an exception in the caller, say).
    }
    EXPECT_EQ(slurp(p), "old content");
    EXPECT_EQ(t.listing(), std::vector<std::string>{"venues.csv"});
}

TEST(AtomicFile, EveryInjectedFailureKeepsTheOldFileAndNamesThePath) {
    const struct {
        AtomicFailure step;
        const char* says;
    } cases[] = {{AtomicFailure::Open, "cannot create a temporary file"},
                 {AtomicFailure::Write, "disk full"},
                 {AtomicFailure::Sync, "cannot flush to disk"},
                 {AtomicFailure::Rename, "cannot replace the file"}};
    for (const auto& c : cases) {
        TempDir t;
        const std::string p = t.file("whatif.json");
        spit(p, "the user's earlier work");
        inject_atomic_failure(c.step);
        std::string err = write_file_atomic(p, std::string(100000, 'x'));
        EXPECT_NE(err.find(p), std::string::npos) << err;
        EXPECT_NE(err.find(c.says), std::string::npos) << err;
        EXPECT_NE(err.find("previous file is untouched"), std::string::npos) << err;
        EXPECT_EQ(slurp(p), "the user's earlier work") << c.says;
        EXPECT_EQ(t.listing(), std::vector<std::string>{"whatif.json"}) << c.says;
        // The hook is one-shot: the next save works.
        EXPECT_EQ(write_file_atomic(p, "new"), "");
        EXPECT_EQ(slurp(p), "new");
    }
}

TEST(AtomicFile, FailsClearlyForAMissingFolder) {
    TempDir t;
    const std::string p = t.file("no/such/folder/deck.json");
    std::string err = write_file_atomic(p, "x");
    EXPECT_NE(err.find(p), std::string::npos) << err;
    EXPECT_NE(err.find("No such file or directory"), std::string::npos) << err;
    EXPECT_EQ(write_file_atomic("", "x"), "cannot save: no file name given");
}

TEST(AtomicFile, KeepsThePermissionsOfTheReplacedFile) {
    TempDir t;
    const std::string p = t.file("private.json");
    spit(p, "a");
    fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(write_file_atomic(p, "b"), "");
    EXPECT_EQ(fs::status(p).permissions(), fs::perms::owner_read | fs::perms::owner_write);
}

TEST(AtomicFile, ReplaceFinishesAFileWrittenByOtherMeans) {
    TempDir t;
    const std::string p = t.file("out.tif");
    spit(p, "old");
    std::string tmp = atomic_temp_name(p);
    EXPECT_NE(atomic_temp_name(p), tmp);  // unique per call
    spit(tmp, "new");
    EXPECT_EQ(atomic_replace(tmp, p), "");
    EXPECT_EQ(slurp(p), "new");

    tmp = atomic_temp_name(p);
    spit(tmp, "newer");
    inject_atomic_failure(AtomicFailure::Rename);
    std::string err = atomic_replace(tmp, p);
    EXPECT_NE(err.find(p), std::string::npos);
    EXPECT_EQ(slurp(p), "new");
    EXPECT_EQ(t.listing(), std::vector<std::string>{"out.tif"});  // the temporary is cleaned up
}

TEST(AtomicFile, CommitByNameFinishesAFileAnotherWriterFilled) {
    TempDir t;
    const std::string p = t.file("surface.tif");
    spit(p, "old");
    fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write);
    {
        AtomicFile f(p);
        ASSERT_TRUE(f.ok()) << f.error();
        EXPECT_TRUE(fs::exists(f.temp_path()));  // reserved (created empty) with the old file's permissions
        spit(f.temp_path(), "written by name");  // as a GDAL driver does: truncates the same file
        EXPECT_EQ(f.commit_by_name(), "");
        EXPECT_EQ(f.commit_by_name(), "");  // idempotent
    }
    EXPECT_EQ(slurp(p), "written by name");
    EXPECT_EQ(fs::status(p).permissions(), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(t.listing(), std::vector<std::string>{"surface.tif"});
    {
        AtomicFile f(p);  // the other writer failed: never committed
        spit(f.temp_path(), "half");
    }
    EXPECT_EQ(slurp(p), "written by name");
    EXPECT_EQ(t.listing(), std::vector<std::string>{"surface.tif"});
    for (AtomicFailure step : {AtomicFailure::Sync, AtomicFailure::Rename}) {
        AtomicFile f(p);
        spit(f.temp_path(), "newer");
        inject_atomic_failure(step);
        const std::string err = f.commit_by_name();
        EXPECT_NE(err.find(p), std::string::npos) << err;
        EXPECT_NE(err.find("previous file is untouched"), std::string::npos) << err;
        EXPECT_EQ(f.error(), err);
        EXPECT_EQ(slurp(p), "written by name");
        EXPECT_EQ(t.listing(), std::vector<std::string>{"surface.tif"});
    }
}

// ---- Killed mid-save ----------------------------------------------------------------------------------------

namespace {

// Version v of a "document": its size and every byte depend on v, so a truncated file, a file mixing two
// versions or a file of the wrong length are all detected. Layout: "v=<8 digits>\n" then pattern bytes.
std::string make_version(int v) {
    const size_t size = 1'500'000 + size_t(v % 7) * 37'000;
    std::string s(size, '\0');
    char head[16];
    std::snprintf(head, sizeof head, "v=%08d\n", v);
    std::copy(head, head + 11, s.begin());
    for (size_t i = 11; i < size; ++i) s[i] = char((i * 131 + size_t(v) * 17) >> 3);
    return s;
}

// -1 when `s` is not exactly some complete version, else that version.
int version_of(const std::string& s) {
    if (s.size() < 11 || s.compare(0, 2, "v=") != 0) return -1;
    int v = std::atoi(s.c_str() + 2);
    return s == make_version(v) ? v : -1;
}

}  // namespace

// Waits up to `seconds` for one byte on fd; false on timeout or EOF.
bool wait_byte(int fd, double seconds) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, int(seconds * 1000)) <= 0) return false;
    char c;
    return ::read(fd, &c, 1) == 1;
}

TEST(AtomicFile, KillDuringSaveNeverLeavesAPartialFile) {
    TempDir t;
    const std::string p = t.file("candidates.json");
    // Pre-build the versions the child cycles through (no heavy work between fork and kill).
    std::vector<std::string> versions;
    for (int v = 0; v <= 6; ++v) versions.push_back(make_version(v));
    // How long one save takes here (fsync dominates; much slower under ASan or on a busy disk).
    auto t0 = std::chrono::steady_clock::now();
    ASSERT_EQ(write_file_atomic(p, versions[0]), "");
    const int save_us = int(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());

    std::mt19937 rng(12345);
    std::set<int> seen;
    int commits = 0;
    const int rounds = 30;
    for (int round = 0; round < rounds; ++round) {
        int pipefd[2];
        ASSERT_EQ(::pipe(pipefd), 0);
        pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            // Child: save forever, in 64 KiB pieces so the kill often lands mid-write; report each commit.
            ::close(pipefd[0]);
            for (size_t k = size_t(round);; ++k) {
                const std::string& doc = versions[1 + k % 6];
                AtomicFile f(p);
                for (size_t off = 0; off < doc.size(); off += 65536)
                    f.write(doc.data() + off, std::min<size_t>(65536, doc.size() - off));
                if (f.commit().empty()) (void)!::write(pipefd[1], "c", 1);
            }
        }
        ::close(pipefd[1]);
        // Let the child complete one save (so the file really changes hands), then kill it at a random moment
        // within about two more saves: before, during or after a write, an fsync or the rename.
        const bool saved = wait_byte(pipefd[0], 30);
        EXPECT_TRUE(saved) << "the child did not complete a save within 30 s";
        if (saved) ++commits;
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2 * save_us)(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        char buf[256];
        for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) > 0;) commits += int(n);
        ::close(pipefd[0]);

        const int v = version_of(slurp(p));
        ASSERT_GE(v, 0) << "round " << round << ": " << p << " is partial or mixed after a kill";
        seen.insert(v);
        // Leftover temporaries of the killed child are harmless; remove them so the folder stays small.
        for (auto& e : fs::directory_iterator(t.dir))
            if (e.path().string() != p) fs::remove(e.path());
    }
    EXPECT_GE(commits, rounds);
    EXPECT_GE(seen.size(), 3u);
    std::printf("[ info ] %d rounds, %d completed saves, %zu distinct versions seen, one save ~%d us\n", rounds, commits,
                seen.size(), save_us);
}
