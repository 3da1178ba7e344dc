#pragma once
// Checking a plan's preconditions against GlitchTip as it is now (docs/design.md §6.2 step 6):
// each action expects its object absent (creates, adds) or as fingerprinted at plan time.
// Apply re-reads live and refuses the whole plan when any precondition no longer holds.

#include <string>
#include <vector>

#include "planner/error.hpp"
#include "planner/plan.hpp"
#include "planner/state.hpp"

namespace gg {

// One error per action whose precondition no longer holds: `where` is the action's address,
// `message` says what changed ("role is now admin, the plan expected member"), so that
// to_string() reads "glitchtip-dev/NASA/member/x@nasa.com: role is now admin, the plan
// expected member". Empty when every precondition holds. Actions in organizations the plan
// creates are checked only for their organization's absence.
Errors check_preconditions(const Plan& plan, const State& live_now);

}  // namespace gg
