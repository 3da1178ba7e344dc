#include "planner/kinds/team.hpp"

#include <algorithm>

#include "planner/address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/fields.hpp"

namespace gg {
namespace {

using fields::contains;
using fields::text;
using nlohmann::json;

void add_membership(const diff::Scope& scope, const std::string& team, const std::string& email,
                    Changes& changes) {
  Action action =
      diff::make_action(scope, ActionType::add_team_member,
                        Address::of_team_member(scope.instance, scope.organization, team, email));
  action.team = team;
  action.email = email;
  action.precondition = kAbsent;
  action.reason = diff::kDeclared;
  changes.actions.push_back(std::move(action));
}

const Team* find_team(const Organization& organization, const std::string& slug) {
  const auto found = organization.teams.find(slug);
  return found == organization.teams.end() ? nullptr : &found->second;
}

}  // namespace

json team_json(const std::string& organization_slug, const Team& team) {
  return {{"kind", "team"},
          {"organization_slug", organization_slug},
          {"slug", team.slug},
          {"id", team.id},
          {"members", team.members}};
}

Team team_from_json(const json& json) {
  Team team;
  team.slug = text(json, "slug");
  team.id = text(json, "id");
  team.members = fields::sorted_strings(json, "members");
  return team;
}

json team_snapshot_json(const Team& team) {
  Team sorted = team;
  sorted.members = fields::sorted_unique(team.members);
  json document = team_json("", sorted);
  for (const char* key : {"kind", "organization_slug", "slug"}) document.erase(key);
  return document;
}

Team team_from_snapshot_json(const std::string& slug, const json& json) {
  Team team = team_from_json(json);
  team.slug = slug;
  return team;
}

std::string fingerprint(const Team& team) {
  return fingerprint_of(
      {{"kind", "team"}, {"slug", team.slug}, {"members", fields::sorted(team.members)}});
}

std::string membership_fingerprint(const std::string& team, const std::string& email) {
  return fingerprint_of(
      {{"kind", "team_member"}, {"team", team}, {"email", email}, {"present", true}});
}

std::vector<std::string> differences(const Team& recorded, const Team& live) {
  std::vector<std::string> parts;
  if (recorded.members != live.members) {
    parts.push_back(fields::list_change("members", recorded.members, live.members));
  }
  return parts;
}

bool TeamKind::owns(ActionType type) {
  return type == ActionType::create_team || type == ActionType::delete_team ||
         type == ActionType::add_team_member || type == ActionType::remove_team_member;
}

void TeamKind::plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                    Changes& changes) {
  for (const auto& [slug, team] : desired.teams) {
    const auto found = live.teams.find(slug);
    const std::vector<std::string> wanted = diff::planned_emails(scope, team.members);
    if (found == live.teams.end()) {
      Action action = diff::make_action(scope, ActionType::create_team,
                                        Address::of_team(scope.instance, scope.organization, slug));
      action.team = slug;
      action.after = {{"slug", slug}};
      action.precondition = kAbsent;
      action.reason = diff::kDeclared;
      changes.actions.push_back(std::move(action));
      for (const std::string& email : wanted) add_membership(scope, slug, email, changes);
      continue;
    }
    for (const std::string& email : wanted) {
      if (!contains(found->second.members, email)) add_membership(scope, slug, email, changes);
    }
    for (const std::string& email : diff::planned_emails(scope, found->second.members)) {
      if (contains(wanted, email)) continue;
      const bool member_deleted =
          live.members.count(email) > 0 && desired.members.count(email) == 0;
      if (member_deleted) continue;  // a consequence of delete_member
      Action action = diff::make_action(
          scope, ActionType::remove_team_member,
          Address::of_team_member(scope.instance, scope.organization, slug, email));
      action.team = slug;
      action.email = email;
      action.precondition = membership_fingerprint(slug, email);
      action.reason = scope.not_declared();
      changes.actions.push_back(std::move(action));
    }
  }
  for (const auto& [slug, team] : live.teams) {
    if (desired.teams.count(slug) > 0) continue;
    Action action = diff::make_action(scope, ActionType::delete_team,
                                      Address::of_team(scope.instance, scope.organization, slug));
    action.team = slug;
    action.before = {{"slug", slug}};
    action.precondition = fingerprint(team);
    for (const std::string& email : diff::planned_emails(scope, team.members)) {
      action.consequences.push_back(
          Address::of_team_member(scope.instance, scope.organization, slug, email).to_string());
    }
    for (const auto& [project_slug, project] : live.projects) {
      if (!contains(project.teams, slug)) continue;
      action.consequences.push_back(
          Address::of_project_team(scope.instance, scope.organization, project_slug, slug)
              .to_string());
    }
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

std::string TeamKind::precondition_change(const Action& action, const Organization& live) {
  const Team* team = find_team(live, action.team);
  switch (action.type) {
    case ActionType::create_team:
      return team != nullptr ? "the team exists now" : "";
    case ActionType::delete_team:
      if (team == nullptr) return "the team no longer exists";
      if (fingerprint(*team) == action.precondition) return {};
      return "its members changed since the plan was made";
    case ActionType::add_team_member:
      if (team == nullptr || !contains(team->members, action.email)) return {};
      return action.email + " is in team " + action.team + " already";
    case ActionType::remove_team_member:
      if (team != nullptr && contains(team->members, action.email)) return {};
      return action.email + " is no longer in team " + action.team;
    default:
      return {};
  }
}

std::string TeamKind::action_words(const Action& action) {
  switch (action.type) {
    case ActionType::create_team:
    case ActionType::delete_team:
      return "team " + action.team;
    case ActionType::add_team_member:
      return "member " + action.email + " in team " + action.team;
    case ActionType::remove_team_member:
      return "member " + action.email + " from team " + action.team;
    default:
      return action.address;
  }
}

void TeamKind::record(Organization& organization, const Action& action,
                      const ActionOutcome& outcome, const State&) {
  switch (action.type) {
    case ActionType::create_team:
      organization.teams[action.team] = Team{action.team, outcome.id, {}};
      break;
    case ActionType::delete_team:
      organization.teams.erase(action.team);
      for (auto& [slug, project] : organization.projects) std::erase(project.teams, action.team);
      break;
    case ActionType::add_team_member: {
      Team& team = organization.teams[action.team];
      team.slug = action.team;
      const auto at = std::lower_bound(team.members.begin(), team.members.end(), action.email);
      if (at == team.members.end() || *at != action.email) team.members.insert(at, action.email);
      break;
    }
    case ActionType::remove_team_member:
      if (organization.teams.count(action.team) > 0) {
        std::erase(organization.teams[action.team].members, action.email);
      }
      break;
    default:
      break;
  }
}

}  // namespace gg
