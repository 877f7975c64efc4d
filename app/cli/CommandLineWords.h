#pragma once
// One line of a latent-cli batch split into words as a POSIX shell splits a simple command:
// blanks separate words; '...' keeps everything literally; "..." keeps blanks and lets a backslash
// escape " \ and $; outside quotes a backslash keeps the next character. No expansion of any kind
// ($VAR, ~, globs): a batch line names its paths as they are.
#include <string>
#include <vector>

// Throws UsageError for an unclosed quote or a trailing backslash.
std::vector<std::string> commandLineWords(const std::string& line);
