#pragma once
#include <string>

namespace latent {

// Checks the parts of a PyTorch zip archive that LibTorch's reader (PyTorchStreamReader, 1.13)
// checks in its constructor after opening the zip: some entries, the first one in a folder, a
// version record (stored, CRC intact, a number from 1 to 10). When the constructor throws there,
// the zip reader's state is never freed (found by fuzzing: every such file leaked ~600 bytes),
// so these files are refused here first. Its unpickler and record reader also allocate whatever a
// length claims (found by fuzzing: 2.8 GB for a 500-byte file), so every record must be stored
// whole inside the file and every pickle's lengths must fit. Returns "" when the archive may be
// handed to LibTorch, or what is wrong. Reads the directory, the version record and the pickles
// (not the tensor data).
//
// TorchScript code records are compiled when the archive loads, and LibTorch's compiler crashes on
// damaged code (found by fuzzing: a segfault in ScriptTypeParser for one changed byte). With
// PlainValues, the code may only be what torch::serialize::OutputArchive writes for plain named
// values: one class of typed attributes (Tensor, str, int, float, bool), line by line (a
// checkpoint). With ScriptModule, every code record must be intact (CRC) and one must define a
// decode method: a TorchScript module someone wrote, not a checkpoint with a damaged byte.
enum class ArchiveContent { PlainValues, ScriptModule };
std::string torchArchiveProblem(const std::string& path, ArchiveContent content);

}  // namespace latent
