#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace latent {

class FileWriteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The one way the product writes a file (checkpoints, autosaves, TorchScript, PNG, CSV, IDX, the
// installed MNIST): whole or not at all, and still there after a power cut. The bytes go to a
// temporary file with a name of its own in the target's folder (two processes saving one path do
// not share it), are flushed to the disk (fsync), renamed over the path, and the folder is flushed
// too, so the rename itself is on the disk. On any failure (a full disk, a file-size limit, an
// unwritable folder) the temporary file is removed, the previous file is unchanged, and
// FileWriteError says "PATH: cannot write WHAT (reason); the previous file is unchanged".
// A file-size limit (ulimit -f) makes the write fail instead of ending the process: the first call
// sets SIGXFSZ to be ignored.
void writeFileSafely(const std::string& path, std::string_view bytes, const std::string& what);

// For writers that stream: `fill` writes to the open descriptor and returns false (errno set) or
// throws on failure; the file is then treated as above.
void writeFileSafely(const std::string& path, const std::string& what, const std::function<bool(int fd)>& fill);

// write(2) of all of bytes, through short writes and EINTR; false with errno set on failure.
bool writeAll(int fd, const void* bytes, size_t size);

}  // namespace latent
