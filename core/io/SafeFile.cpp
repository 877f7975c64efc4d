#include "io/SafeFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>

namespace latent {
namespace fs = std::filesystem;

namespace {

// A name no other writer uses: the process, a counter within it and a random part (another
// machine's process on a shared folder can have the same pid).
std::string temporaryName(const fs::path& target)
{
    static std::atomic<unsigned> counter{0};
    thread_local std::mt19937 random{std::random_device{}()};
    return "." + target.filename().string() + "." + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(random() % 1000000) + ".tmp";
}

bool syncFolder(const fs::path& folder)
{
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    // Some file systems cannot sync a folder (EINVAL): the rename is then as safe as they allow.
    const bool ok = ::fsync(fd) == 0 || errno == EINVAL;
    ::close(fd);
    return ok;
}

}  // namespace

bool writeAll(int fd, const void* bytes, size_t size)
{
    const char* p = static_cast<const char*>(bytes);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        size -= size_t(n);
    }
    return true;
}

void writeFileSafely(const std::string& path, const std::string& what, const std::function<bool(int fd)>& fill)
{
    static std::once_flag ignoreFileSizeSignal;
    std::call_once(ignoreFileSizeSignal, [] { std::signal(SIGXFSZ, SIG_IGN); });

    const fs::path target(path);
    const fs::path folder = target.parent_path();
    const auto fail = [&](const std::string& why) {
        return FileWriteError(path + ": cannot write " + what + " (" + why + "); the previous file is unchanged");
    };
    fs::path tmp;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        tmp = folder / temporaryName(target);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) throw fail(std::strerror(errno));
    }
    if (fd < 0) throw fail("no free temporary name");

    bool written = false;
    int error = 0;
    try {
        written = fill(fd) && ::fsync(fd) == 0;
        error = errno;
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0 && written) {
        written = false;
        error = errno;
    }
    if (!written) {
        ::unlink(tmp.c_str());
        throw fail(std::strerror(error ? error : EIO));
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        error = errno;
        ::unlink(tmp.c_str());
        throw fail(std::string("rename failed: ") + std::strerror(error));
    }
    if (!syncFolder(folder)) {
        error = errno;
        throw FileWriteError(path + ": written, but its folder could not be flushed to the disk (" + std::strerror(error) + ")");
    }
}

void writeFileSafely(const std::string& path, std::string_view bytes, const std::string& what)
{
    writeFileSafely(path, what, [&](int fd) { return writeAll(fd, bytes.data(), bytes.size()); });
}

}  // namespace latent
