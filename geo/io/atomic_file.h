// Crash-safe file writing: a file is replaced in full or not at all.
//
// The data goes to a temporary file in the target's folder (same file system, so rename(2) is atomic), is
// flushed to disk with fsync, then renamed over the target, and the folder is fsync'ed so the rename itself
// survives a power cut. A crash, kill or full disk at any moment leaves the target with either its complete
// old content or the complete new content -- never a mix or a truncated file. At worst a stray
// "<name>.tmp-<pid>-<n>" file remains beside it.
//
//     std::string err = geo::write_file_atomic("deck.json", json_text);   // "" = saved
//
//     geo::AtomicFile f("big.csv");          // streaming: write in pieces, then commit
//     f.write(header); f.write(rows);
//     std::string err = f.commit();          // not committed (error, exception): the temp file is removed
//
//     geo::AtomicFile f("surface.tif");     // a writer that needs a file name of its own (a GDAL driver)
//     gdal_create(f.temp_path()); ...       // writes the (empty, reserved) temporary file by name
//     std::string err = f.commit_by_name(); // fsync by name, rename; not committed: the temp file is removed
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace geo {

class AtomicFile {
public:
    // Creates the temporary file beside `path`. On failure error() says why (naming `path`) and every
    // further call fails with that message.
    explicit AtomicFile(std::string path);
    ~AtomicFile();  // when not committed: closes and removes the temporary file; the target is untouched
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }  // "" while all is well
    const std::string& path() const { return path_; }
    const std::string& temp_path() const { return tmp_; }

    bool write(const void* data, size_t n);  // false (and error() set) on failure, e.g. disk full
    bool write(std::string_view s) { return write(s.data(), s.size()); }

    // fsync + rename over the target + fsync of the folder. Returns "" on success, else error().
    std::string commit();
    // The same for a temporary file that another writer filled through temp_path() (nothing written with
    // write()): opens it by name for the fsync, then renames it into place (atomic_replace).
    std::string commit_by_name();

private:
    std::string path_, tmp_, error_;
    int fd_ = -1;
    bool committed_ = false;
    void fail(const std::string& what, int err);
};

// Replaces `path` by `data` atomically (see above). Returns "" or a message naming the path; on failure
// the old file is untouched.
std::string write_file_atomic(const std::string& path, std::string_view data);

// A fresh temporary name beside `path`: "<path>.tmp-<pid>-<counter>".
std::string atomic_temp_name(const std::string& path);

// Finishes a file written to `temp` by other means: fsync(temp), rename(temp, path), fsync(folder).
// On failure removes temp and returns a message naming `path`. (AtomicFile::commit_by_name also removes the
// temporary file when the writer fails before the commit.)
std::string atomic_replace(const std::string& temp, const std::string& path);

// Throws geo::DataError (file = path) for the message of a failed atomic write, which already names the path.
[[noreturn]] void throw_write_error(const std::string& path, const std::string& err);

// Test hook: the next atomic write (AtomicFile, commit_by_name or atomic_replace, in any thread) fails at this
// step as if the system call had failed (Open: folder not writable, Write: disk full, Sync, Rename). One-shot.
enum class AtomicFailure { None, Open, Write, Sync, Rename };
void inject_atomic_failure(AtomicFailure step);

}  // namespace geo
