#pragma once
// A definitions directory written by a test: a fresh temporary directory that files are
// added to and that is removed with the object (tests/support/temporary_directory.hpp).

#include <filesystem>
#include <string>

#include "providers/definitions/definitions.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg::testing {

class DefinitionsTree {
 public:
  const std::filesystem::path& root() const { return directory_.path(); }

  // Writes `content` to root/relative, creating directories; returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const {
    std::filesystem::path path = root() / relative;
    std::filesystem::create_directories(path.parent_path());
    write_file(path, content);
    return path;
  }

  // The path as load_definitions shows it in messages.
  std::string shown(const std::string& relative) const {
    return (root() / relative).generic_string();
  }

  Result<Definitions> load() const { return load_definitions(root()); }

 private:
  TemporaryDirectory directory_{"gg-defs"};
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
