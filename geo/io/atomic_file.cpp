#include "geo/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "geo/core/error.h"

namespace geo {

namespace {

std::atomic<int> g_inject{int(AtomicFailure::None)};

// True (once) when the test hook asks this step to fail.
bool injected(AtomicFailure step) {
    int want = int(step);
    return g_inject.compare_exchange_strong(want, int(AtomicFailure::None));
}

std::string folder_of(const std::string& path) {
    std::filesystem::path p(path);
    std::string d = p.parent_path().string();
    return d.empty() ? "." : d;
}

std::string sys_message(int err) {
    if (err == ENOSPC) return "disk full";
    if (err == EDQUOT) return "disk quota exceeded";
    return std::strerror(err);
}

// fsync of the folder makes a rename durable. Some file systems refuse fsync on a folder (EINVAL): ignore.
void sync_folder(const std::string& path) {
    int dfd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return;
    ::fsync(dfd);
    ::close(dfd);
}

}  // namespace

void inject_atomic_failure(AtomicFailure step) { g_inject.store(int(step)); }

std::string atomic_temp_name(const std::string& path) {
    static std::atomic<unsigned> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_.empty()) {
        error_ = "cannot save: no file name given";
        return;
    }
    tmp_ = atomic_temp_name(path_);
    // Keep the permissions of the file being replaced (new files: 0666 minus umask, as fopen would).
    mode_t mode = 0666;
    struct stat st;
    const bool existed = ::stat(path_.c_str(), &st) == 0;
    if (existed) mode = st.st_mode & 07777;
    if (injected(AtomicFailure::Open)) {
        fail("cannot create a temporary file in " + folder_of(path_), EACCES);
        return;
    }
    do fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) {
        fail("cannot create a temporary file in " + folder_of(path_), errno);
        return;
    }
    if (existed) (void)::fchmod(fd_, mode);  // open() applied the umask; restore the old mode exactly
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

void AtomicFile::fail(const std::string& what, int err) {
    if (!error_.empty()) return;  // keep the first problem
    error_ = path_ + ": " + what + " (" + sys_message(err) + "); the previous file is untouched";
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

bool AtomicFile::write(const void* data, size_t n) {
    if (!ok()) return false;
    if (committed_) {
        error_ = path_ + ": write after commit";
        return false;
    }
    if (injected(AtomicFailure::Write)) {
        fail("cannot write", ENOSPC);
        return false;
    }
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
        ssize_t w = ::write(fd_, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            fail("cannot write", errno);
            return false;
        }
        p += w;
        n -= size_t(w);
    }
    return true;
}

std::string AtomicFile::commit() {
    if (!ok()) return error_;
    if (committed_) return "";
    errno = 0;
    if (injected(AtomicFailure::Sync) || ::fsync(fd_) != 0) {
        fail("cannot flush to disk", errno ? errno : EIO);
        return error_;
    }
    if (::close(fd_) != 0) {  // NFS reports deferred write errors here
        fd_ = -1;
        fail("cannot write", errno);
        return error_;
    }
    fd_ = -1;
    errno = 0;
    if (injected(AtomicFailure::Rename) || ::rename(tmp_.c_str(), path_.c_str()) != 0) {
        fail("cannot replace the file", errno ? errno : EACCES);
        return error_;
    }
    committed_ = true;
    sync_folder(path_);
    return "";
}

std::string AtomicFile::commit_by_name() {
    if (!ok()) return error_;
    if (committed_) return "";
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    const std::string err = atomic_replace(tmp_, path_);  // removes the temporary file on failure
    if (!err.empty()) return error_ = err;
    committed_ = true;
    return "";
}

std::string write_file_atomic(const std::string& path, std::string_view data) {
    AtomicFile f(path);
    f.write(data);
    return f.commit();
}

std::string atomic_replace(const std::string& temp, const std::string& path) {
    auto fail = [&](const std::string& what, int err) {
        ::unlink(temp.c_str());
        return path + ": " + what + " (" + sys_message(err) + "); the previous file is untouched";
    };
    int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail("the temporary file " + temp + " is gone", errno);
    errno = 0;
    const bool synced = !injected(AtomicFailure::Sync) && ::fsync(fd) == 0;
    const int sync_err = errno ? errno : EIO;
    ::close(fd);
    if (!synced) return fail("cannot flush to disk", sync_err);
    errno = 0;
    if (injected(AtomicFailure::Rename) || ::rename(temp.c_str(), path.c_str()) != 0)
        return fail("cannot replace the file", errno ? errno : EACCES);
    sync_folder(path);
    return "";
}

void throw_write_error(const std::string& path, const std::string& err) {
    const std::string prefix = path + ": ";
    throw DataError(path, err.compare(0, prefix.size(), prefix) == 0 ? err.substr(prefix.size()) : err);
}

}  // namespace geo
