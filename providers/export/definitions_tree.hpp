#pragma once
// Writing what import exported into DIR without ever leaving it half-written: every file
// goes into a hidden staging directory beside DIR (".DIR.import-XXXXXX"), is synced once,
// and the tree is then moved into place with rename(2). On any error before that the
// staging directory is removed and DIR is as it was.
//
// DIR must be absent or empty, unless `force`: then each top-level entry import writes
// (instance.yaml, organizations/, teams/, projects/, monitors/, users/, roles/, .schemas/)
// replaces the old one, and everything else in DIR (.git, README.md, CODEOWNERS, ...) stays.

#include <filesystem>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "providers/export/definitions_export.hpp"

namespace gg::exporting {

// Refuses a DIR that is a file, or is not empty without `force`; before any network read.
Status check_output_directory(const std::filesystem::path& directory, bool force);

// Writes `files` and the JSON Schemas of the definition kinds (into .schemas/).
Status write_definitions_tree(const std::filesystem::path& directory,
                              const std::vector<ExportedFile>& files, bool force);

// Where the secrets of DIR go: DIR.secrets.env, beside it, outside it.
std::filesystem::path secrets_path(const std::filesystem::path& directory);

// NAME='value' lines, mode 0600 from its creation on, written atomically. Nothing is
// written (and an old file is left alone) when there are no secrets.
Status write_secrets_file(const std::filesystem::path& path,
                          const std::vector<SecretValue>& secrets);

}  // namespace gg::exporting
