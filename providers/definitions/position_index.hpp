#pragma once
// Where each value (or key) of a YAML document starts, by its path key (path_key in
// yaml_document.hpp). Every value of every definitions file gets an entry and almost none is
// ever looked up (only to point a problem at its line), so an entry is the path's 64-bit
// hash and its position in one vector, sorted once when the document is complete: no string
// is copied and nothing is allocated per entry. Two paths of one document with the same hash
// would make a problem point at the other's line; at 64 bits that does not happen.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "providers/definitions/problem.hpp"

namespace gg::definitions {

class PositionIndex {
 public:
  // Notes `position` for `key`; the first noted for a key is the one found.
  void add(std::string_view key, Position position);
  // Makes what was added findable; call once, when the document is complete.
  void seal();
  std::optional<Position> find(std::string_view key) const;

 private:
  std::vector<std::pair<uint64_t, Position>> entries_;
};

}  // namespace gg::definitions
