#pragma once
// What an action acts on, from its own fields (instance, organization, team, project,
// email), as opposed to its `address`, which is what reviewers read. Apply executes the
// fields; a plan file whose address and fields disagree, or whose action names an instance
// the plan does not carry, shows reviewers one thing and would do another. read_plan
// refuses such a plan, whatever its digest says (a digest proves only that nobody edited
// the file after it was sealed, not that whoever sealed it was honest).

#include <string>

#include "planner/address.hpp"
#include "planner/plan.hpp"
#include "planner/result.hpp"

namespace gg {

// The address of the object `action` acts on, built from its fields.
Address address_of(const Action& action);

// Every action names an instance of `plan.instances` and carries the address its fields
// name. `where` (the plan file's path) starts each error's location.
Status check_action_addresses(const Plan& plan, const std::string& where);

}  // namespace gg
