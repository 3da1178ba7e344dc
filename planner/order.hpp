#pragma once
// The apply order of actions (docs/design.md §5.3): create organizations; rename organizations;
// invite members and change roles; create teams; add team members; create projects, update
// projects, add project teams; then removals in reverse: remove project teams, remove team
// members, delete projects, delete teams, delete members, delete organizations last.
// Keys are created beside project teams and deleted beside their removal.
// Within a step: by instance, organization name, then address. Ids become 1..n.

#include <vector>

#include "planner/action.hpp"

namespace gg {

// The step of an action type in the order above, from 0.
int apply_step(ActionType type);

void order_actions(std::vector<Action>& actions);

}  // namespace gg
