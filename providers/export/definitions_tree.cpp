#include "providers/export/definitions_tree.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "schemas/schemas.hpp"

namespace gg::exporting {
namespace {

namespace fs = std::filesystem;

Error system_error(const fs::path& path, const std::string& what, int error_number) {
  return Error{path.string(), what + ": " + std::strerror(error_number),
               "check that the directory is writable and the disk is not full"};
}

Error filesystem_error(const fs::path& path, const std::string& what, const std::error_code& code) {
  return Error{path.string(), what + ": " + code.message(),
               "check that the directory is writable and the disk is not full"};
}

// The directory as an absolute path without a trailing separator.
fs::path normalized(const fs::path& directory) {
  fs::path path = fs::absolute(directory).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  return path;
}

// A file that must not exist yet, with `mode` from its creation on; durable when `sync`.
Status write_new_file(const fs::path& path, const std::string& bytes, mode_t mode, bool sync) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return system_error(path, "cannot create the file", errno);
  Status status;
  size_t written = 0;
  while (status.ok() && written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = system_error(path, "cannot write", errno);
    if (n > 0) written += static_cast<size_t>(n);
  }
  if (status.ok() && sync && ::fsync(fd) != 0) status = system_error(path, "cannot fsync", errno);
  if (::close(fd) != 0 && status.ok()) status = system_error(path, "cannot close", errno);
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

Status sync_directory(const fs::path& directory, bool whole_filesystem) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return system_error(directory, "cannot open the directory to sync it", errno);
  // syncfs: one call makes the thousands of files of a staging tree durable together.
  const int result = whole_filesystem ? ::syncfs(fd) : ::fsync(fd);
  const int error_number = errno;
  ::close(fd);
  if (result != 0 && error_number != EINVAL) {
    return system_error(directory, "cannot sync the directory", error_number);
  }
  return {};
}

Result<fs::path> make_hidden_directory(const fs::path& beside, const std::string& purpose) {
  std::string pattern =
      (beside.parent_path() / ("." + beside.filename().string() + "." + purpose + "-XXXXXX"))
          .string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return system_error(beside.parent_path(), "cannot create a staging directory", errno);
  }
  return fs::path(pattern);
}

bool is_definition_schema(std::string_view name) {
  return name != "plan.schema.json" && name != "snapshot.schema.json";
}

Status fill(const fs::path& staging, const std::vector<ExportedFile>& files) {
  std::error_code code;
  fs::create_directory(staging / ".schemas", code);
  if (code) return filesystem_error(staging / ".schemas", "cannot create the directory", code);
  for (const std::string_view name : embedded_schema_names()) {
    if (!is_definition_schema(name)) continue;
    const fs::path path = staging / ".schemas" / std::string(name);
    if (Status s = write_new_file(path, std::string(*embedded_schema(name)), 0644, false); !s) {
      return s;
    }
  }
  for (const ExportedFile& file : files) {
    const fs::path path = staging / file.path;
    fs::create_directories(path.parent_path(), code);
    if (code) return filesystem_error(path.parent_path(), "cannot create the directory", code);
    if (Status s = write_new_file(path, file.text, 0644, false); !s) return s;
  }
  return sync_directory(staging, true);
}

bool path_exists(const fs::path& path) {
  std::error_code code;
  return fs::symlink_status(path, code).type() != fs::file_type::not_found && !code;
}

Status rename_path(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return system_error(to, "cannot move " + from.filename().string() + " into place", errno);
  }
  return {};
}

// Replaces each top-level entry of `target` that staging holds; rolls back on a failure.
Status replace_entries(const fs::path& staging, const fs::path& target) {
  Result<fs::path> old = make_hidden_directory(target, "import-old");
  if (!old.ok()) return old.errors();
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(staging)) {
    names.push_back(entry.path().filename().string());
  }
  std::vector<std::string> moved_out, moved_in;
  Status status;
  for (const std::string& name : names) {
    if (path_exists(target / name)) {
      status = rename_path(target / name, *old / name);
      if (!status.ok()) break;
      moved_out.push_back(name);
    }
    status = rename_path(staging / name, target / name);
    if (!status.ok()) break;
    moved_in.push_back(name);
  }
  if (!status.ok()) {
    for (const std::string& name : moved_in)
      ::rename((target / name).c_str(), (staging / name).c_str());
    for (const std::string& name : moved_out)
      ::rename((*old / name).c_str(), (target / name).c_str());
  }
  std::error_code code;
  fs::remove_all(*old, code);
  if (!status.ok()) return status;
  return sync_directory(target, false);
}

}  // namespace

Status check_output_directory(const fs::path& directory, bool force) {
  std::error_code code;
  const fs::file_status status = fs::status(directory, code);
  if (status.type() == fs::file_type::not_found) return {};
  if (code) return filesystem_error(directory, "cannot look at the output directory", code);
  if (!fs::is_directory(status)) {
    return Error{directory.string(), "exists and is not a directory", "choose another --out"};
  }
  if (!force && !fs::is_empty(directory, code)) {
    return Error{directory.string(),
                 "the output directory is not empty; import writes a whole tree and does not mix "
                 "it with other files",
                 "choose a new or empty directory, or add --force to replace what import writes "
                 "there (instance.yaml, organizations/, teams/, projects/, monitors/, users/, "
                 "roles/, .schemas/) and keep the rest"};
  }
  return {};
}

Status write_definitions_tree(const fs::path& directory, const std::vector<ExportedFile>& files,
                              bool force) {
  if (Status checked = check_output_directory(directory, force); !checked) return checked;
  const fs::path target = normalized(directory);
  std::error_code code;
  fs::create_directories(target.parent_path(), code);
  if (code) return filesystem_error(target.parent_path(), "cannot create the directory", code);
  Result<fs::path> staging = make_hidden_directory(target, "import");
  if (!staging.ok()) return staging.errors();
  Status status = fill(*staging, files);
  if (status.ok()) {
    if (!path_exists(target) || fs::is_empty(target, code)) {
      // rename(2) replaces an empty directory, so DIR appears complete or not at all.
      status = rename_path(*staging, target);
      if (status.ok()) status = sync_directory(target.parent_path(), false);
    } else {
      status = replace_entries(*staging, target);
    }
  }
  fs::remove_all(*staging, code);
  return status;
}

fs::path secrets_path(const fs::path& directory) {
  const fs::path target = normalized(directory);
  return target.parent_path() / (target.filename().string() + ".secrets.env");
}

Status write_secrets_file(const fs::path& path, const std::vector<SecretValue>& secrets) {
  if (secrets.empty()) return {};
  std::string text = "# Secrets of the definitions beside this file; never commit it.\n";
  for (const SecretValue& secret : secrets) {
    std::string quoted;
    for (const char c : secret.value)
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    text += secret.name + "='" + quoted + "'\n";
  }
  const fs::path temporary =
      path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()));
  ::unlink(temporary.c_str());
  if (Status s = write_new_file(temporary, text, 0600, true); !s) return s;
  if (Status s = rename_path(temporary, path); !s) {
    ::unlink(temporary.c_str());
    return s;
  }
  return sync_directory(path.parent_path(), false);
}

}  // namespace gg::exporting
