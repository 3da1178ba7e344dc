#pragma once
// Everything the planner knows about a team, the one place to add a team's field: its JSON
// form in plan files and the snapshot, its fingerprint, its drift words, and its actions
// (create, delete, adding and removing members) with their words, preconditions and how
// apply records them. Fields: slug (the identity) and members (lower-case e-mails).

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/state.hpp"

namespace gg {

// {kind, organization_slug, slug, id, members}, and back (missing fields keep defaults).
nlohmann::json team_json(const std::string& organization_slug, const Team& team);
Team team_from_json(const nlohmann::json& json);

// The snapshot's form, keyed by slug: {id, members (sorted)}.
nlohmann::json team_snapshot_json(const Team& team);
Team team_from_snapshot_json(const std::string& slug, const nlohmann::json& json);

std::string fingerprint(const Team& team);  // slug and sorted members
// A team membership that exists.
std::string membership_fingerprint(const std::string& team, const std::string& email);

// Drift words: "members changed: added x@nasa.com".
std::vector<std::string> differences(const Team& recorded, const Team& live);

// How the generic diff, recording and wording code treats teams (planner/kinds/kinds.hpp).
struct TeamKind {
  using Object = Team;
  static constexpr const char* name = "team";
  static constexpr const char* collection = "teams";  // its key in the snapshot's organization
  static std::map<std::string, Team>& objects(Organization& organization) {
    return organization.teams;
  }
  static const std::map<std::string, Team>& objects(const Organization& organization) {
    return organization.teams;
  }
  static const std::string& key(const Team& team) { return team.slug; }
  static Address address(const std::string& instance, const std::string& organization,
                         const std::string& slug) {
    return Address::of_team(instance, organization, slug);
  }
  static nlohmann::json to_json(const std::string& organization_slug, const Team& team) {
    return team_json(organization_slug, team);
  }
  static Team from_json(const nlohmann::json& json) { return team_from_json(json); }
  static nlohmann::json snapshot_json(const Team& team) { return team_snapshot_json(team); }
  static Team from_snapshot_json(const std::string& slug, const nlohmann::json& json) {
    return team_from_snapshot_json(slug, json);
  }
  static nlohmann::json adoption_json(const std::string& organization_slug, const Team& live,
                                      const Team&) {
    return team_json(organization_slug, live);
  }
  static void keep_recorded(Team&, const Team*) {}
  static void forget(Organization&, const Team&) {}

  static bool owns(ActionType type);
  static void plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

}  // namespace gg
