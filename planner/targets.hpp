#pragma once
// --target: narrowing a plan to the objects under some addresses. An action is kept when a
// target contains its address, together with the creations it needs (the organization,
// team, member or project it lives in or links to, when the plan creates them). Drift and
// adoptions are kept when a target contains their address.

#include <string>
#include <vector>

#include "planner/address.hpp"
#include "planner/diff.hpp"
#include "planner/result.hpp"

namespace gg {

// Every text must parse as an Address; each one that does not is an Error.
Result<std::vector<Address>> parse_targets(const std::vector<std::string>& texts);

// Keeps in `changes` what the targets select; no targets keeps everything.
void narrow_to_targets(const std::vector<Address>& targets, Changes& changes);

}  // namespace gg
