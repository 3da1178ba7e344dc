#include "providers/snapshot/append_only_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "providers/snapshot/atomic_file.hpp"

namespace gg {
namespace {

Error append_error(const std::filesystem::path& path, const std::string& what, int error_number) {
  return Error{path.string(), what + ": " + std::strerror(error_number),
               "check that the directory is writable and that the disk is not full"};
}

FileIdentity identity_from(const struct stat& status) {
  return FileIdentity{
      static_cast<uint64_t>(status.st_dev), static_cast<uint64_t>(status.st_ino),
      static_cast<int64_t>(status.st_size),
      static_cast<int64_t>(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec};
}

}  // namespace

Result<FileIdentity> file_identity(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    if (errno == ENOENT) return FileIdentity{};
    return append_error(path, "cannot look at", errno);
  }
  return identity_from(status);
}

Result<AppendOnlyFile> AppendOnlyFile::create(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return append_error(path, "cannot create", errno);
  AppendOnlyFile file(path, fd);
  if (Status synced = sync_directory_of(path); !synced.ok()) return synced.errors();
  return file;
}

AppendOnlyFile::AppendOnlyFile(AppendOnlyFile&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      size_(std::exchange(other.size_, 0)) {}

AppendOnlyFile& AppendOnlyFile::operator=(AppendOnlyFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

AppendOnlyFile::~AppendOnlyFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status AppendOnlyFile::append(const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return append_error(path_, "cannot append", errno);
    written += static_cast<size_t>(n);
  }
  size_ += static_cast<int64_t>(written);
  if (::fdatasync(fd_) != 0) return append_error(path_, "cannot fsync", errno);
  return {};
}

Result<bool> AppendOnlyFile::unchanged() const {
  struct stat own {};
  if (::fstat(fd_, &own) != 0) return append_error(path_, "cannot look at", errno);
  const auto at_path = file_identity(path_);
  if (!at_path.ok()) return at_path.errors();
  const FileIdentity mine = identity_from(own);
  return at_path->device == mine.device && at_path->inode == mine.inode && mine.size == size_ &&
         at_path->size == size_;
}

}  // namespace gg
