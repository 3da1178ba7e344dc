#pragma once
// The planner's entry point (docs/design.md §5.1): from the desired state (the definitions), the
// recorded state (the snapshot) and the live state (GlitchTip, or a copy of the snapshot
// when offline) it computes a Plan: the actions in apply order, drift, adoptions, unmanaged
// organizations and the guards passed. Pure: everything comes in as values.
//
// States: desired organizations are keyed by name (slug = declared slug or ""); recorded and
// live ones by slug. Live capabilities are set when GlitchTip was asked, absent offline.
//
// Protection: the snapshot records `is_protected` from the definitions (record_action,
// record_adoption, record_protection), so an object whose definition was removed stays
// protected until a definition saying `protected: false` has been applied.

#include <string>
#include <vector>

#include "planner/plan.hpp"
#include "planner/result.hpp"
#include "planner/state.hpp"
#include "planner/targets.hpp"

namespace gg {

struct PlanOptions {
  PlanMode mode = PlanMode::normal;    // refresh_only: no actions, only drift and adoptions
  std::vector<std::string> targets;    // --target addresses; empty: everything
  std::vector<std::string> instances;  // --instance names; empty: every declared instance
  bool allow_delete_organizations = false;
  int max_deletes = 50;  // deletions, with the objects that go with them (guards.hpp)
  bool allow_empty = false;
  bool allow_replace = false;  // project deletions that may be renames (replacements.hpp)
  // Finds the address a --target that names nothing was likely meant to be; may be null.
  Suggest suggest_target;
};

// Fills mode, instances, guards, targets, actions (ids 1..n in apply order), drift,
// adoptions, unmanaged and summary; the caller fills format_version, tool_version,
// created_at, inputs, base and plan_sha256. Fails with every guard violation, capability
// problem and ambiguity at once, each naming the object and the fix.
Result<Plan> make_plan(const State& desired, const State& recorded, const State& live,
                       const PlanOptions& options);

}  // namespace gg
