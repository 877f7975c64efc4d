#include "models/AtomicFile.h"

#include "models/Checkpoint.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace latent {

void replaceFileAtomically(const std::string& path, const std::string& bytes, const std::string& what)
{
    const std::string tmp = path + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw CheckpointError(path + ": cannot write " + what + " (" + std::strerror(errno) + ")");
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
    const int error = errno;
    if (std::fclose(f) != 0 || !written) {
        std::remove(tmp.c_str());
        throw CheckpointError(path + ": cannot write " + what + " (" + std::strerror(written ? errno : error) +
                              "); the previous file is unchanged");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int renameError = errno;
        std::remove(tmp.c_str());
        throw CheckpointError(path + ": cannot write " + what + " (rename failed: " + std::strerror(renameError) + ")");
    }
}

}  // namespace latent
