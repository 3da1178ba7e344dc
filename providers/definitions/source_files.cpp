#include "providers/definitions/source_files.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <system_error>

namespace gg::definitions {

namespace fs = std::filesystem;

namespace {

bool is_definitions_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

bool is_inside(const fs::path& path, const fs::path& root) {
  const auto [root_end, path_at] =
      std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  (void)path_at;
  return root_end == root.end();
}

Problem file_problem(const std::string& shown, std::string message, std::string hint = "") {
  return Problem{shown, Position{0, 0}, "", std::move(message), std::move(hint)};
}

struct Walk {
  fs::path directory;
  fs::path canonical_directory;
  SourceFiles result;

  std::string relative_of(const fs::path& path) const {
    return path.lexically_relative(directory).generic_string();
  }
  std::string shown_of(const fs::path& path) const { return path.generic_string(); }

  void read(const fs::path& path) {
    const std::string shown = shown_of(path);
    std::error_code error;
    const std::uintmax_t size = fs::file_size(path, error);
    if (error) {
      result.problems.push_back(file_problem(shown, "cannot read: " + error.message()));
      return;
    }
    if (size > kMaxFileBytes) {
      result.problems.push_back(file_problem(
          shown, "file is " + std::to_string(size) + " bytes, over the limit of 10 MiB",
          "split the definitions into several files"));
      return;
    }
    std::ifstream stream(path, std::ios::binary);
    std::string text(static_cast<size_t>(size), '\0');
    if (!stream || !stream.read(text.data(), static_cast<std::streamsize>(size))) {
      result.problems.push_back(
          file_problem(shown, "cannot read the file", "check that it is readable by this user"));
      return;
    }
    if (const std::optional<Position> bad = first_invalid_utf8(text)) {
      result.problems.push_back(
          Problem{shown, *bad, "", "the file is not valid UTF-8", "save it as UTF-8"});
      return;
    }
    result.files.push_back(SourceFile{relative_of(path), shown, std::move(text)});
  }

  // A link is read when it resolves to a regular file inside the directory.
  void follow_link(const fs::path& path) {
    const std::string shown = shown_of(path);
    std::error_code error;
    const fs::path target = fs::canonical(path, error);
    if (error) {
      const bool loop = error == std::errc::too_many_symbolic_link_levels;
      result.problems.push_back(file_problem(
          shown, loop ? "symbolic link loop" : "broken symbolic link: " + error.message(),
          "remove the link or point it at a file inside the definitions directory"));
      return;
    }
    if (!is_inside(target, canonical_directory)) {
      result.problems.push_back(file_problem(
          shown,
          "symbolic link points outside the definitions directory (to " + target.generic_string() +
              ")",
          "copy the file into the directory, or run on a directory that contains both"));
      return;
    }
    if (fs::is_directory(target, error)) {
      result.problems.push_back(file_problem(shown,
                                             "symbolic links to directories are not followed",
                                             "replace the link with the directory itself"));
      return;
    }
    if (is_definitions_file(path)) read(path);
  }

  void run() {
    std::error_code error;
    fs::recursive_directory_iterator it(directory, error);
    if (error) {
      result.problems.push_back(
          file_problem(shown_of(directory), "cannot list the directory: " + error.message()));
      return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
      const fs::directory_entry& entry = *it;
      if (is_hidden(entry.path())) {
        if (entry.is_directory(error) && !entry.is_symlink(error)) it.disable_recursion_pending();
        continue;
      }
      if (entry.is_symlink(error)) {
        follow_link(entry.path());
      } else if (entry.is_regular_file(error) && is_definitions_file(entry.path())) {
        read(entry.path());
      }
    }
    if (error) {
      result.problems.push_back(file_problem(shown_of(directory),
                                             "cannot list the directory: " + error.message(),
                                             "check the permissions of its subdirectories"));
    }
  }
};

}  // namespace

std::optional<Position> first_invalid_utf8(std::string_view text) {
  Position position;
  size_t offset = 0;
  while (offset < text.size()) {
    utf8proc_int32_t codepoint = 0;
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset);
    const utf8proc_ssize_t length =
        utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - offset), &codepoint);
    if (length < 0) return position;
    offset += static_cast<size_t>(length);
    if (codepoint == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return std::nullopt;
}

SourceFiles read_source_files(const fs::path& directory) {
  Walk walk;
  walk.directory = directory;
  std::error_code error;
  walk.canonical_directory = fs::canonical(directory, error);
  if (error) walk.canonical_directory = directory;
  walk.run();
  std::sort(walk.result.files.begin(), walk.result.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.relative < b.relative; });
  return std::move(walk.result);
}

}  // namespace gg::definitions
