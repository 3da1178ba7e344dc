#pragma once
// --target: narrowing a plan to the objects under some addresses. An action is kept when a
// target contains its address, together with the creations it needs (the organization,
// team, member or project it lives in or links to, when the plan creates them). Drift and
// adoptions are kept when a target contains their address.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/address.hpp"
#include "planner/diff.hpp"
#include "planner/match.hpp"
#include "planner/result.hpp"

namespace gg {

// Every text must parse as an Address; each one that does not is an Error.
Result<std::vector<Address>> parse_targets(const std::vector<std::string>& texts);

// Keeps in `changes` what the targets select; no targets keeps everything.
void narrow_to_targets(const std::vector<Address>& targets, Changes& changes);

// Every object an instance's organizations hold in the definitions, the snapshot or
// GlitchTip (unmanaged organizations included): what a --target may name.
void add_known_addresses(const std::string& instance, const InstanceMatch& match,
                         std::vector<Address>& known);

// Picks, among `candidates`, the one `word` is likely a typo of; "" when none is close.
using Suggest =
    std::function<std::string(std::string_view word, const std::vector<std::string>& candidates)>;

// One Error per target that names no known object (a typo would otherwise plan nothing and
// say GlitchTip matches the definitions); `suggest` may be null.
Errors check_targets_known(const std::vector<Address>& targets, const std::vector<Address>& known,
                           const Suggest& suggest);

}  // namespace gg
