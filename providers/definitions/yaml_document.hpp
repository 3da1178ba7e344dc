#pragma once
// A YAML document as JSON, with the source position of every value and map key, so that
// checks made on the JSON (schema validation, references) point at the YAML line and
// column. Plain scalars are typed as YAML 1.2's core schema does (null, true/false,
// integers, floats); quoted scalars stay strings.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "providers/definitions/position_index.hpp"
#include "providers/definitions/problem.hpp"

namespace gg::definitions {

// Values a single file may expand to (aliases included): bounds alias "billion laughs".
inline constexpr size_t kMaxNodesPerFile = 500'000;

// A path into a document: map keys and array indexes ("0", "1", ...), outermost first.
using JsonPath = std::vector<std::string>;

struct YamlDocument {
  std::string file;      // shown name of the file
  std::string relative;  // relative path, for the definitions hash
  int index = 0;         // 0-based position of the document in its file
  Position start;
  nlohmann::json content;
  // Positions by path key (path_key), sealed once the document is parsed.
  PositionIndex value_positions;
  PositionIndex key_positions;

  // Where the value at `path` starts; the nearest enclosing value when it is absent.
  Position position_of(const JsonPath& path) const;
  // Where the key of the member at `path` starts; falls back to position_of.
  Position key_position_of(const JsonPath& path) const;
};

struct ParsedFile {
  std::vector<YamlDocument> documents;  // empty documents (only comments) are dropped
  Problems problems;
};

ParsedFile parse_yaml_file(const std::string& shown, const std::string& relative,
                           const std::string& text);

// The key of `path` in YamlDocument's position maps: its segments, each followed by '\x1f'
// (a control character that YAML allows only as an escape in a quoted key; such a key can at
// worst make an error point at a neighbouring line).
std::string path_key(const JsonPath& path);

// "access.organizations[0].role"
std::string display_path(const JsonPath& path);

}  // namespace gg::definitions
