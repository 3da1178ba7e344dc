#pragma once
// The definitions provider: reads a directory of YAML definitions (docs/design.md §3) and
// returns the desired State, or every problem found, each at file:line:column.
//
// Contract:
//  - Reads every *.yaml / *.yml file below `directory`, recursively, each holding one or
//    more documents separated by `---`. Names starting with '.' (.git, .github, ...) are
//    skipped. A symbolic link to a file inside the directory is read; a link that points
//    outside it, a link to a directory, a broken link or a loop is an error.
//  - Refuses files over 10 MiB, files that are not UTF-8 and YAML whose alias expansion
//    exceeds a node budget.
//  - Validates each document against the JSON Schema of its kind (schemas/, compiled in),
//    then references and identities, and derives members, roles, team memberships and
//    project teams. Tokens are never read: only where they come from.
//  - On failure returns all errors of the run, sorted by file, line and column. Each
//    Error has where = "file:line:column", message = "Kind name: what is wrong" and, when
//    there is an obvious fix, a hint.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg {

struct Definitions {
  // Instances with their settings and organizations keyed by name (the desired state).
  State desired;
  // canonical_sha256 of a JSON array holding, for every document sorted by file path then
  // document index, {"file": relative path, "document": index, "content": the document as
  // JSON}. Comments, key order, quoting and layout do not change it; any content does.
  std::string sha256;
  std::vector<std::string> files;  // files read, relative to the directory, sorted
  size_t document_count = 0;
  // Valid but without effect (a User for an instance's automation user), each as an Error
  // at file:line:column, for the commands to print as warnings.
  Errors warnings;
};

Result<Definitions> load_definitions(const std::filesystem::path& directory);

// A quick look for the Instance documents alone (only files that mention `Instance` are
// parsed): the instances with their settings and no organizations, so that a command can
// start reading GlitchTip while load_definitions is still at work. Any problem at all is
// an error without detail; load_definitions, which reports every problem, is the
// authority, and its instances must be compared with these before a read is used.
Result<State> load_declared_instances(const std::filesystem::path& directory);

}  // namespace gg
