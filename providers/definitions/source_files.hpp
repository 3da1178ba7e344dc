#pragma once
// Finding and reading the definition files of a directory, with the limits that keep a
// bad checkout from hanging or exhausting the tool: no symbolic link loops, no links out
// of the directory, no file over kMaxFileBytes, nothing that is not UTF-8.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/definitions/problem.hpp"

namespace gg::definitions {

inline constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{10} * 1024 * 1024;

struct SourceFile {
  std::string relative;  // relative to the directory, '/'-separated; the sort key
  std::string shown;     // the directory joined with `relative`, for messages
  std::string text;      // the content, valid UTF-8
};

struct SourceFiles {
  std::vector<SourceFile> files;  // sorted by `relative`
  Problems problems;
};

// Every *.yaml / *.yml file below `directory` (names starting with '.' skipped), read.
// Files that cannot be read are problems; the others are still returned.
SourceFiles read_source_files(const std::filesystem::path& directory);

// The position of the first byte that is not part of valid UTF-8, if any.
std::optional<Position> first_invalid_utf8(std::string_view text);

}  // namespace gg::definitions
