#pragma once
// A fingerprint identifies the state of one live object as far as an action depends on it:
// "sha256:<hex>" of the canonical JSON of the object's identity and managed fields. A plan
// stores it as an action's precondition; apply recomputes it from GlitchTip before the first
// write and refuses the plan when it moved (planner/precondition.hpp). Ids are left out, so
// that an offline plan (made from the snapshot) and a live one agree.
//
// Each kind's fingerprint (`fingerprint(const Project&)`, ...) lives with its kind in
// planner/kinds/; this header brings them all in. Their bytes are part of every plan's
// digest: a kind's fingerprint fields never change order or spelling.

#include <nlohmann/json.hpp>

#include <string>

#include "planner/kinds/kinds.hpp"

namespace gg {

// The precondition of an action that creates or adds something.
inline constexpr const char* kAbsent = "absent";

// "sha256:" and the hex SHA-256 of `document`'s canonical JSON, for the kinds.
std::string fingerprint_of(const nlohmann::json& document);

}  // namespace gg
