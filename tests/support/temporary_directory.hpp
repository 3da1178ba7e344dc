#pragma once
// A fresh directory under $TMPDIR for one test, removed with everything in it afterwards
// (read-only directories a test made included).

#include <filesystem>
#include <string>

namespace gg::testing {

class TemporaryDirectory {
 public:
  // `prefix` names the directory (`/tmp/PREFIX-XXXXXX`), so that a leftover says whose it is.
  explicit TemporaryDirectory(const std::string& prefix = "gg-test");
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace gg::testing
