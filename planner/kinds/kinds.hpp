#pragma once
// The kinds of managed objects, registered in one place. Each kind owns one pair of files,
// planner/kinds/<kind>.{hpp,cpp}: its JSON forms (plan file, snapshot), its managed fields,
// its fingerprint, its actions with their words, preconditions and recording, and its drift
// words. The generic code (planner/diff_actions.cpp, drift.cpp, adoptions.cpp,
// precondition.cpp, record.cpp, plan_wording.cpp, providers/snapshot/snapshot.cpp) walks
// the kinds through the functions below, so that a new kind is its own files plus one line
// here.
//
// A child kind (one that lives in an organization) is a struct like ProjectKind
// (planner/kinds/project.hpp): `Object`, `name` (the "kind" of its JSON), `objects`
// (its map in Organization), `key` (its key in that map), `collection` (its key in the snapshot),
// `address`, `to_json`/`from_json`, `snapshot_json`/`from_snapshot_json`, `adoption_json`,
// `keep_recorded`, `forget`, `owns`, `plan`, `precondition_change`, `action_words` and
// `record`, and a free function `differences(recorded, live)` (drift words).

#include "planner/kinds/alert.hpp"
#include "planner/kinds/key.hpp"
#include "planner/kinds/member.hpp"
#include "planner/kinds/monitor.hpp"
#include "planner/kinds/organization.hpp"
#include "planner/kinds/project.hpp"
#include "planner/kinds/team.hpp"

namespace gg {

// Calls `visit(Kind{})` for each kind an organization holds, in the order plans list them
// (actions, drift and adoptions: members, then teams, then projects). Register a new kind
// here.
template <typename Visit>
void for_each_child_kind(Visit&& visit) {
  visit(MemberKind{});
  visit(TeamKind{});
  visit(ProjectKind{});
  visit(MonitorKind{});
  visit(AlertKind{});  // alerts kind: after the projects they belong to
  visit(KeyKind{});    // keys: after projects, whose deletions list them as consequences
}

// Calls `visit(Kind{})` for the kind whose actions include `type` (the organization's own
// actions included); true when one does.
template <typename Visit>
bool visit_kind_of(ActionType type, Visit&& visit) {
  if (OrganizationKind::owns(type)) {
    visit(OrganizationKind{});
    return true;
  }
  bool found = false;
  for_each_child_kind([&](auto kind) {
    if (!found && decltype(kind)::owns(type)) {
      visit(kind);
      found = true;
    }
  });
  return found;
}

}  // namespace gg
