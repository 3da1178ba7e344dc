#pragma once
// The plan-time guards (docs/design.md §5.7) and what a server cannot do (§7.3). Each check adds
// one Error per violation, naming the object and the flag or field that resolves it, and
// records in `passed` the guards the plan passed or was allowed past.

#include <vector>

#include "planner/action.hpp"
#include "planner/error.hpp"
#include "planner/plan.hpp"
#include "planner/planner.hpp"
#include "planner/state.hpp"

namespace gg {

// Protected objects (as the snapshot recorded them), organization deletions and the
// number of deletions, over the actions the plan will carry.
Errors check_deletion_guards(const std::vector<Action>& actions, const State& recorded,
                             const PlanOptions& options, std::vector<Guard>& passed);

// Instances that declare no organization while GlitchTip has some (`live` may be null).
struct EmptyInstance {
  std::string instance;
  int live_organizations = 0;
};
Errors check_empty_guard(const std::vector<EmptyInstance>& empty, const PlanOptions& options,
                         std::vector<Guard>& passed);

// What the live server (its capabilities; unknown offline) cannot do for the desired
// projects of `desired` and the project creations among `actions`.
Errors check_capabilities(const Instance& desired, const Capabilities& capabilities,
                          const std::vector<Action>& actions);

}  // namespace gg
