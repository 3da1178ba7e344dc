#pragma once
// Whole-file reads and crash-safe writes. A write goes to a hidden temporary file in the
// same directory (".<name>.tmp-<pid>-<random>"), is fsynced, and replaces the target with
// rename(2); the directory is fsynced after. So at every instant the path holds either the
// old or the new complete content, never a mix, whatever kills the process. A leftover
// temporary file from a killed writer is never read.

#include <filesystem>
#include <optional>
#include <string>

#include "planner/result.hpp"

namespace gg {

// The file's bytes; nullopt when it does not exist.
Result<std::optional<std::string>> read_file_if_exists(const std::filesystem::path& path);

// Replaces `path` with `bytes` atomically. When `backup` is not empty and `path` exists,
// the old file is first kept as `backup` (a hard link, or a copy where links are not
// supported), itself replaced atomically.
Status write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                             const std::filesystem::path& backup = {});

// keys: like write_file_atomically, the file readable and writable by its owner only (0600).
Status write_private_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// Creates `path` holding `bytes` only if it does not exist yet, atomically: a reader sees
// no file or the complete one. Returns false when the file already exists.
Result<bool> create_file_exclusively(const std::filesystem::path& path, const std::string& bytes);

// Makes the directory entry of `path` durable (fsync of its directory): after creating,
// renaming or removing it.
Status sync_directory_of(const std::filesystem::path& path);

// Removes `path` (nothing to do when it does not exist) and makes the removal durable.
Status remove_file_durably(const std::filesystem::path& path);

}  // namespace gg
