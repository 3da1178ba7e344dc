#pragma once
// A file that is only ever appended to (the snapshot journal): created exclusively, its name
// made durable with it, and every append on disk (fdatasync) when append() returns. A crash
// during an append can leave that append's bytes incomplete at the end of the file, never
// damage what was appended before.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "planner/result.hpp"

namespace gg {

// A file as stat(2) identifies it, to notice a file replaced or changed by another program
// between two looks.
struct FileIdentity {
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t size = -1;  // -1: no such file
  int64_t modified_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

// `path`'s identity now; size -1 when it does not exist.
Result<FileIdentity> file_identity(const std::filesystem::path& path);

class AppendOnlyFile {
 public:
  // Creates `path`, which must not exist yet.
  static Result<AppendOnlyFile> create(const std::filesystem::path& path);

  AppendOnlyFile(AppendOnlyFile&& other) noexcept;
  AppendOnlyFile& operator=(AppendOnlyFile&& other) noexcept;
  AppendOnlyFile(const AppendOnlyFile&) = delete;
  AppendOnlyFile& operator=(const AppendOnlyFile&) = delete;
  ~AppendOnlyFile();

  // Appends `bytes`; durable on return.
  Status append(const std::string& bytes);

  // Whether the file at the path is still this one, holding exactly what was appended: false
  // when another program removed, replaced or wrote to it.
  Result<bool> unchanged() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  AppendOnlyFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::filesystem::path path_;
  int fd_ = -1;
  int64_t size_ = 0;  // bytes appended
};

}  // namespace gg
