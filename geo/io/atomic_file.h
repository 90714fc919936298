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
// Writers that need a file name of their own (e.g. a GDAL driver) can write to atomic_temp_name(path) and
// finish with atomic_replace(temp, path).
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
// On failure removes temp and returns a message naming `path`.
std::string atomic_replace(const std::string& temp, const std::string& path);

// Test hook: the next atomic write (AtomicFile or atomic_replace, in any thread) fails at this step as if
// the system call had failed (Open: folder not writable, Write: disk full, Sync, Rename). One-shot.
enum class AtomicFailure { None, Open, Write, Sync, Rename };
void inject_atomic_failure(AtomicFailure step);

}  // namespace geo
