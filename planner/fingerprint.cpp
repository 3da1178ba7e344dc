#include "planner/fingerprint.hpp"

#include "planner/canonical_json.hpp"

namespace gg {

std::string fingerprint_of(const nlohmann::json& document) {
  return "sha256:" + canonical_sha256(document);
}

}  // namespace gg
