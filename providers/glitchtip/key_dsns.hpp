#pragma once
// keys: the DSNs of a project's keys, for `glitchtip-gitops dsn` only. The one place that
// reads DSNs; they never enter the model (planner/state.hpp), a plan or a snapshot.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "providers/glitchtip/api_generation.hpp"

namespace gg::glitchtip {

struct KeyDsn {
  std::string label;
  std::string created;  // dateCreated as GlitchTip sends it (ISO 8601, comparable as text)
  std::string dsn;      // dsn.public
  std::string security_endpoint;  // dsn.security
};

// One key of a list answer, in the generation's words; nullopt when it is not a key or
// carries no DSN.
std::optional<KeyDsn> key_dsn_from(const GenerationApi& api, const nlohmann::json& item);

}  // namespace gg::glitchtip
