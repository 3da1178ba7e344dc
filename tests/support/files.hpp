#pragma once
// Whole files as strings, in binary mode (no newline translation).

#include <filesystem>
#include <string>

namespace gg::testing {

// The file's bytes; empty when it cannot be read (a test then fails on its content).
std::string read_file(const std::filesystem::path& path);

// Replaces the file's content with `text`, creating it (not its directory).
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace gg::testing
