#pragma once
// A definitions directory written by a test: a fresh temporary directory that files are
// added to and that is removed with the object.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "providers/definitions/definitions.hpp"

namespace gg::testing {

class DefinitionsTree {
 public:
  DefinitionsTree() : root_(fresh_path()) { std::filesystem::create_directories(root_); }
  ~DefinitionsTree() {
    std::error_code ignored;
    std::filesystem::permissions(root_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(root_, ignored);
  }
  DefinitionsTree(const DefinitionsTree&) = delete;
  DefinitionsTree& operator=(const DefinitionsTree&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // Writes `content` to root/relative, creating directories; returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const {
    std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // The path as load_definitions shows it in messages.
  std::string shown(const std::string& relative) const {
    return (root_ / relative).generic_string();
  }

  Result<Definitions> load() const { return load_definitions(root_); }

 private:
  static std::filesystem::path fresh_path() {
    std::random_device random;
    return std::filesystem::temp_directory_path() /
           ("gg-defs-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  }

  std::filesystem::path root_;
};

// A minimal valid instance and organization, to build on.
inline constexpr const char* kInstanceAndOrganization = R"(kind: Instance
name: glitchtip-dev
url: http://localhost:8000/
token: {env: GLITCHTIP_DEV_TOKEN}
automationUserEmail: Bot@nasa.com
mailDomain: nasa.com
---
kind: Organization
name: NASA
instance: glitchtip-dev
)";

// Every error of a result as "where: message" lines, hints on their own line.
inline std::string all_errors(const Result<Definitions>& result) {
  std::string text;
  for (const Error& error : result.errors()) text += error.to_string() + "\n";
  return text;
}

}  // namespace gg::testing
