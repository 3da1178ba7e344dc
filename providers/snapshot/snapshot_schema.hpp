#pragma once
// SnapshotSchema checks a snapshot document against schemas/snapshot.schema.json (embedded in
// the binary). Compiling the schema costs far more than checking a document, so a store
// that reads and writes many times keeps one. Immutable once built; copies share the schema.

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "planner/error.hpp"

namespace valijson {
class Schema;
}

namespace gg {

class SnapshotSchema {
 public:
  SnapshotSchema();

  // Every violation, most specific first ("does not match the snapshot schema at
  // /instances/glitchtip-dev/organizations/nasa: ..."), at most ten; empty when it conforms.
  Errors violations(const nlohmann::json& document, const std::string& where) const;

 private:
  std::shared_ptr<const valijson::Schema> schema_;
};

}  // namespace gg
