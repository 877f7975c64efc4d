#pragma once
#include <string>

namespace latent {

// Writes bytes to path whole or not at all: into path.tmp, flushed to the disk (fsync), then
// renamed over path. On failure (a full disk, a file-size limit, an unwritable folder) throws
// CheckpointError naming `what` and the reason, and the previous file is unchanged.
void replaceFileAtomically(const std::string& path, const std::string& bytes, const std::string& what);

}  // namespace latent
