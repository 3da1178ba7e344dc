#pragma once
// Replacements: a project deletion and a project creation that one plan makes in one
// organization. GlitchTip knows a project by its slug only, and the slug comes from the
// name unless the definition pins `slug:`; so renaming a project without pinning its slug
// plans a new project and the deletion of the old one, with all its events. Nothing in
// the definitions tells such a rename from a removal plus an unrelated addition (a rename
// may change teams and platform too), so every such pair is taken for a possible rename:
// both actions carry a warning, and the deletion needs --allow-replace.

#include <vector>

#include "planner/action.hpp"
#include "planner/error.hpp"
#include "planner/plan.hpp"
#include "planner/planner.hpp"

namespace gg {

// Sets `warning` on every project deletion and creation of an organization in which the
// actions both delete and create a project.
void mark_replacements(std::vector<Action>& actions);

// One Error per marked project deletion unless options.allow_replace; records the guard
// in `passed` when replacements were allowed.
Errors check_replace_guard(const std::vector<Action>& actions, const PlanOptions& options,
                           std::vector<Guard>& passed);

}  // namespace gg
