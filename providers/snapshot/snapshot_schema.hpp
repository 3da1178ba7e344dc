#pragma once
// SnapshotSchema checks a snapshot document against schemas/snapshot.schema.json (embedded in
// the binary). Compiling the schema and its patterns costs far more than checking a
// document, so a store that reads and writes many times keeps one. Copies share the
// compiled schema and its pattern cache: use one from one thread at a time.

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "planner/error.hpp"

namespace valijson {
class Schema;
class Validator;
}  // namespace valijson

namespace gg {

class SnapshotSchema {
 public:
  SnapshotSchema();

  // Every violation, most specific first ("does not match the snapshot schema at
  // /instances/glitchtip-dev/organizations/nasa: ..."), at most ten; empty when it conforms.
  Errors violations(const nlohmann::json& document, const std::string& where) const;

 private:
  std::shared_ptr<const valijson::Schema> schema_;
  std::shared_ptr<valijson::Validator> validator_;  // caches the compiled patterns
};

}  // namespace gg
