#pragma once
// Everything the planner knows about an organization itself (not its children), the one
// place to add an organization's field: its JSON form in plan files and the snapshot, its
// fingerprint, its drift words, and its actions (create, rename, delete) with their words,
// preconditions and how apply records a rename. Fields: name; its slug (GlitchTip makes it
// from the name) is the identity.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/state.hpp"

namespace gg {

// {kind, name, slug, id}, and back (missing fields keep their defaults; "protected", which
// adoptions carry, is read). The organization comes back without children.
nlohmann::json organization_json(const Organization& organization);
Organization organization_from_json(const nlohmann::json& json);

// The snapshot's form, keyed by slug, without children: {id, name} and "protected": true
// when set. Its teams, projects and members are the caller's (providers/snapshot).
nlohmann::json organization_snapshot_json(const Organization& organization);
Organization organization_from_snapshot_json(const std::string& slug, const nlohmann::json& json);

std::string fingerprint(const Organization& organization);  // name and slug, not children

// Drift words: "name changed from A to B".
std::vector<std::string> differences(const Organization& recorded, const Organization& live);

// How the generic planning, recording and wording code treats organizations
// (planner/kinds/kinds.hpp). Creates and deletions are the generic code's: they hold or
// take the children along.
struct OrganizationKind {
  static bool owns(ActionType type);
  // create_organization or rename_organization, from the match of one organization.
  static void plan(const diff::Scope& scope, const OrganizationMatch& match, Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  // The organization's own fields for create_organization and rename_organization.
  static void take_fields(Organization& organization, const nlohmann::json& after);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

}  // namespace gg
