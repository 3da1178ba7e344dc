#include "providers/snapshot/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "providers/snapshot/random_uuid.hpp"

namespace gg {
namespace {

namespace fs = std::filesystem;

Error system_error(const fs::path& path, const std::string& what, int error_number) {
  return Error{path.string(), what + ": " + std::strerror(error_number),
               "check that the directory exists and is writable, and that the disk is not full"};
}

fs::path directory_of(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

fs::path temporary_path_for(const fs::path& path) {
  return directory_of(path) / ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()) +
                               "-" + random_uuid().substr(0, 8));
}

Status write_all(int fd, const fs::path& path, const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return system_error(path, "cannot write", errno);
    written += static_cast<size_t>(n);
  }
  return {};
}

// Writes a new temporary file next to `path`, durable on return.
Result<fs::path> write_temporary(const fs::path& path, const std::string& bytes,
                                 mode_t mode = 0644) {
  const fs::path temporary = temporary_path_for(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return system_error(temporary, "cannot create a temporary file", errno);
  Status status = write_all(fd, temporary, bytes);
  if (status.ok() && ::fsync(fd) != 0) status = system_error(temporary, "cannot fsync", errno);
  if (::close(fd) != 0 && status.ok()) status = system_error(temporary, "cannot close", errno);
  if (!status.ok()) {
    ::unlink(temporary.c_str());
    return status.errors();
  }
  return temporary;
}

Status fsync_directory(const fs::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return system_error(directory, "cannot open the directory to fsync it", errno);
  const int result = ::fsync(fd);
  const int error_number = errno;
  ::close(fd);
  if (result != 0 && error_number != EINVAL) {
    return system_error(directory, "cannot fsync the directory", error_number);
  }
  return {};
}

Status rename_file(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(from.c_str());
    return system_error(to, "cannot rename " + from.filename().string() + " into place",
                        error_number);
  }
  return {};
}

bool links_unsupported(int error_number) {
  return error_number == EPERM || error_number == EXDEV || error_number == ENOTSUP ||
         error_number == EOPNOTSUPP || error_number == EMLINK || error_number == ENOSYS;
}

// Makes `backup` hold what `path` holds now, replacing any older backup atomically.
Status keep_backup(const fs::path& path, const fs::path& backup) {
  const fs::path temporary = temporary_path_for(backup);
  if (::link(path.c_str(), temporary.c_str()) == 0) return rename_file(temporary, backup);
  const int error_number = errno;
  if (error_number == ENOENT) return {};  // nothing to keep yet
  if (!links_unsupported(error_number)) {
    return system_error(backup, "cannot keep the previous version", error_number);
  }
  const auto old = read_file_if_exists(path);
  if (!old.ok()) return old.errors();
  if (!old->has_value()) return {};
  const auto copy = write_temporary(backup, **old);
  if (!copy.ok()) return copy.errors();
  return rename_file(*copy, backup);
}

// For file systems without hard links: exclusive, though a reader may see it still empty.
Result<bool> create_without_link(const fs::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST) return false;
  if (fd < 0) return system_error(path, "cannot create", errno);
  Status status = write_all(fd, path, bytes);
  if (status.ok() && ::fsync(fd) != 0) status = system_error(path, "cannot fsync", errno);
  ::close(fd);
  if (!status.ok()) {
    ::unlink(path.c_str());
    return status.errors();
  }
  return true;
}

}  // namespace

Result<std::optional<std::string>> read_file_if_exists(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ignored;
    if (!fs::exists(path, ignored)) return std::optional<std::string>();
    return system_error(path, "cannot open", errno);
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return system_error(path, "cannot read", errno);
  return std::optional<std::string>(content.str());
}

Status write_file_atomically(const fs::path& path, const std::string& bytes,
                             const fs::path& backup) {
  const auto temporary = write_temporary(path, bytes);
  if (!temporary.ok()) return temporary.errors();
  if (!backup.empty()) {
    if (Status kept = keep_backup(path, backup); !kept.ok()) {
      ::unlink(temporary->c_str());
      return kept;
    }
  }
  if (Status renamed = rename_file(*temporary, path); !renamed.ok()) return renamed;
  return fsync_directory(directory_of(path));
}

Result<bool> create_file_exclusively(const fs::path& path, const std::string& bytes) {
  const auto temporary = write_temporary(path, bytes);
  if (!temporary.ok()) return temporary.errors();
  // link(2) fails when the target exists, so the complete file appears under its name at
  // once or not at all; O_CREAT|O_EXCL alone would show readers an empty file for a moment.
  const int result = ::link(temporary->c_str(), path.c_str());
  const int error_number = errno;
  ::unlink(temporary->c_str());
  if (result != 0 && links_unsupported(error_number)) return create_without_link(path, bytes);
  if (result != 0) {
    if (error_number == EEXIST) return false;
    return system_error(path, "cannot create", error_number);
  }
  if (Status synced = fsync_directory(directory_of(path)); !synced.ok()) return synced.errors();
  return true;
}

Status sync_directory_of(const fs::path& path) {
  return fsync_directory(directory_of(path));
}

Status remove_file_durably(const fs::path& path) {
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return {};
    return system_error(path, "cannot remove", errno);
  }
  return fsync_directory(directory_of(path));
}

// keys: files holding DSNs (glitchtip-gitops dsn --out-dir) are the owner's alone from the
// first byte on.
Status write_private_file_atomically(const fs::path& path, const std::string& bytes) {
  const auto temporary = write_temporary(path, bytes, 0600);
  if (!temporary.ok()) return temporary.errors();
  if (::chmod(temporary->c_str(), 0600) != 0) {  // the umask may have taken more, never less
    const int error_number = errno;
    ::unlink(temporary->c_str());
    return system_error(*temporary, "cannot set mode 0600", error_number);
  }
  if (Status renamed = rename_file(*temporary, path); !renamed.ok()) return renamed;
  return fsync_directory(directory_of(path));
}

}  // namespace gg
