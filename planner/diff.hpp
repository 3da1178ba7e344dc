#pragma once
// The diff of one organization: the actions that make the live organization match the
// declared one, the drift between what the snapshot recorded and what is live, and the
// declared objects to adopt. Inside a declared organization the definitions are
// authoritative: whatever is live and not declared is removed (the automation user aside).
// Removals implied by a deletion become the deletion's consequences, not actions.

#include <string>
#include <vector>

#include "planner/plan.hpp"
#include "planner/state.hpp"

namespace gg {

// One organization as the three states know it. `desired` null: the definitions no longer
// declare it; `recorded` null: never managed; `live` null: it does not exist (yet).
struct OrganizationMatch {
  std::string instance;
  std::string name;  // for addresses: the declared name, else the recorded one
  const Organization* desired = nullptr;
  const Organization* recorded = nullptr;
  const Organization* live = nullptr;
};

struct Changes {
  std::vector<Action> actions;  // unordered, ids unset
  std::vector<Drift> drift;
  std::vector<Adoption> adoptions;
  // monitors, alerts, keys: addresses of live objects left alone
  std::vector<std::string> unmanaged;
};

// Adds the changes of one organization to `changes`; an organization that is recorded and
// live but no longer declared gets one delete_organization listing its children as
// consequences (its guards are the caller's). The automation user (lower-case
// e-mail, may be empty) is never planned.
void diff_organization(const OrganizationMatch& match, const std::string& automation_user,
                       Changes& changes);

}  // namespace gg
