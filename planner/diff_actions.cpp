// The actions of an organization's diff: creates, updates and deletions that make the live
// organization match the declared one (planner/diff.hpp).
#include <algorithm>

#include "planner/address.hpp"
#include "planner/diff_scope.hpp"
#include "planner/fingerprint.hpp"

namespace gg::diff {

Action make_action(const Scope& scope, ActionType type, const Address& address) {
  Action action;
  action.type = type;
  action.address = address.to_string();
  action.instance = scope.instance;
  action.organization = scope.organization;
  action.organization_slug = scope.organization_slug;
  return action;
}

// Members (or team members) that are planned: everyone but the automation user.
std::vector<std::string> planned_emails(const Scope& scope,
                                        const std::vector<std::string>& emails) {
  std::vector<std::string> planned;
  for (const std::string& email : emails) {
    if (email != scope.automation_user) planned.push_back(email);
  }
  return planned;
}

namespace {

std::string role_name(Role role) {
  return std::string(to_string(role));
}

void plan_organization(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  const Address address = Address::of_organization(scope.instance, scope.organization);
  if (match.live == nullptr) {
    Action action = make_action(scope, ActionType::create_organization, address);
    action.after = {{"name", match.desired->name}};
    action.precondition = kAbsent;
    action.reason = kDeclared;
    changes.actions.push_back(std::move(action));
  } else if (match.live->name != match.desired->name) {
    Action action = make_action(scope, ActionType::rename_organization, address);
    action.before = {{"name", match.live->name}};
    action.after = {{"name", match.desired->name}};
    action.precondition = fingerprint(*match.live);
    action.reason = "name: " + match.live->name + " → " + match.desired->name;
    changes.actions.push_back(std::move(action));
  }
}

std::vector<std::string> memberships_of(const Scope& scope, const Organization& live,
                                        const std::string& email) {
  std::vector<std::string> addresses;
  for (const auto& [slug, team] : live.teams) {
    if (contains(team.members, email)) {
      addresses.push_back(
          Address::of_team_member(scope.instance, scope.organization, slug, email).to_string());
    }
  }
  return addresses;
}

void plan_members(const Scope& scope, const Organization& desired, const Organization& live,
                  Changes& changes) {
  for (const auto& [email, member] : desired.members) {
    if (email == scope.automation_user) continue;
    const Address address = Address::of_member(scope.instance, scope.organization, email);
    const auto found = live.members.find(email);
    if (found == live.members.end()) {
      Action action = make_action(scope, ActionType::invite_member, address);
      action.email = email;
      action.after = {{"email", email}, {"role", role_name(member.role)}};
      action.precondition = kAbsent;
      action.reason = std::string(kDeclared) + "; GlitchTip e-mails an invitation";
      changes.actions.push_back(std::move(action));
    } else if (found->second.role != member.role) {
      Action action = make_action(scope, ActionType::change_member_role, address);
      action.email = email;
      action.before = {{"role", role_name(found->second.role)}, {"pending", found->second.pending}};
      action.after = {{"role", role_name(member.role)}};
      action.precondition = fingerprint(found->second);
      action.reason = "role: " + role_name(found->second.role) + " → " + role_name(member.role);
      changes.actions.push_back(std::move(action));
    }
  }
  for (const auto& [email, member] : live.members) {
    if (email == scope.automation_user || desired.members.count(email) > 0) continue;
    Action action = make_action(scope, ActionType::delete_member,
                                Address::of_member(scope.instance, scope.organization, email));
    action.email = email;
    action.before = {
        {"email", email}, {"role", role_name(member.role)}, {"pending", member.pending}};
    action.precondition = fingerprint(member);
    action.consequences = memberships_of(scope, live, email);
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

void add_membership(const Scope& scope, const std::string& team, const std::string& email,
                    Changes& changes) {
  Action action =
      make_action(scope, ActionType::add_team_member,
                  Address::of_team_member(scope.instance, scope.organization, team, email));
  action.team = team;
  action.email = email;
  action.precondition = kAbsent;
  action.reason = kDeclared;
  changes.actions.push_back(std::move(action));
}

void plan_teams(const Scope& scope, const Organization& desired, const Organization& live,
                Changes& changes) {
  for (const auto& [slug, team] : desired.teams) {
    const auto found = live.teams.find(slug);
    const std::vector<std::string> wanted = planned_emails(scope, team.members);
    if (found == live.teams.end()) {
      Action action = make_action(scope, ActionType::create_team,
                                  Address::of_team(scope.instance, scope.organization, slug));
      action.team = slug;
      action.after = {{"slug", slug}};
      action.precondition = kAbsent;
      action.reason = kDeclared;
      changes.actions.push_back(std::move(action));
      for (const std::string& email : wanted) add_membership(scope, slug, email, changes);
      continue;
    }
    for (const std::string& email : wanted) {
      if (!contains(found->second.members, email)) add_membership(scope, slug, email, changes);
    }
    for (const std::string& email : planned_emails(scope, found->second.members)) {
      if (contains(wanted, email)) continue;
      const bool member_deleted =
          live.members.count(email) > 0 && desired.members.count(email) == 0;
      if (member_deleted) continue;  // a consequence of delete_member
      Action action =
          make_action(scope, ActionType::remove_team_member,
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
    Action action = make_action(scope, ActionType::delete_team,
                                Address::of_team(scope.instance, scope.organization, slug));
    action.team = slug;
    action.before = {{"slug", slug}};
    action.precondition = fingerprint(team);
    for (const std::string& email : planned_emails(scope, team.members)) {
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

void add_project_team(const Scope& scope, const std::string& project, const std::string& team,
                      Changes& changes) {
  Action action =
      make_action(scope, ActionType::add_project_team,
                  Address::of_project_team(scope.instance, scope.organization, project, team));
  action.project = project;
  action.team = team;
  action.precondition = kAbsent;
  action.reason = kDeclared;
  changes.actions.push_back(std::move(action));
}

nlohmann::json project_fields(const Project& project, const std::string& slug) {
  return {{"name", project.name},
          {"platform", project.platform},
          {"eventThrottleRate", project.event_throttle_rate},
          {"slug", slug}};
}

void plan_existing_project(const Scope& scope, const Project& wanted, const Project& live,
                           const Organization& desired, const Organization& live_organization,
                           Changes& changes) {
  Project target = live;
  target.name = wanted.name;
  if (!wanted.platform.empty()) target.platform = wanted.platform;
  target.event_throttle_rate = wanted.event_throttle_rate;
  if (target.name != live.name || target.platform != live.platform ||
      target.event_throttle_rate != live.event_throttle_rate) {
    Action action = make_action(scope, ActionType::update_project,
                                Address::of_project(scope.instance, scope.organization, live.slug));
    action.project = live.slug;
    action.before = project_fields(live, live.slug);
    action.after = project_fields(target, live.slug);
    action.precondition = fingerprint(live);
    std::vector<std::string> what;
    if (target.name != live.name) what.push_back("name: " + live.name + " → " + target.name);
    if (target.platform != live.platform) {
      what.push_back("platform: " + live.platform + " → " + target.platform);
    }
    if (target.event_throttle_rate != live.event_throttle_rate) {
      what.push_back("eventThrottleRate: " + std::to_string(live.event_throttle_rate) + " → " +
                     std::to_string(target.event_throttle_rate));
    }
    for (const std::string& part : what) {
      action.reason += (action.reason.empty() ? "" : "; ") + part;
    }
    changes.actions.push_back(std::move(action));
  }
  for (const std::string& team : wanted.teams) {
    if (!contains(live.teams, team)) add_project_team(scope, live.slug, team, changes);
  }
  for (const std::string& team : live.teams) {
    if (contains(wanted.teams, team)) continue;
    const bool team_deleted =
        live_organization.teams.count(team) > 0 && desired.teams.count(team) == 0;
    if (team_deleted) continue;  // a consequence of delete_team
    Action action =
        make_action(scope, ActionType::remove_project_team,
                    Address::of_project_team(scope.instance, scope.organization, live.slug, team));
    action.project = live.slug;
    action.team = team;
    action.precondition = project_team_fingerprint(live.slug, team);
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

void plan_projects(const Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes) {
  for (const auto& [slug, project] : desired.projects) {
    const auto found = live.projects.find(slug);
    if (found != live.projects.end()) {
      plan_existing_project(scope, project, found->second, desired, live, changes);
      continue;
    }
    const std::string first_team = project.teams.empty() ? "" : project.teams.front();
    Action action = make_action(scope, ActionType::create_project,
                                Address::of_project(scope.instance, scope.organization, slug));
    action.project = slug;
    action.team = first_team;
    action.after = {{"name", project.name},
                    {"platform", project.platform},
                    {"eventThrottleRate", project.event_throttle_rate},
                    {"team", first_team}};
    action.precondition = kAbsent;
    action.reason = kDeclared;
    changes.actions.push_back(std::move(action));
    for (size_t i = 1; i < project.teams.size(); ++i) {
      add_project_team(scope, slug, project.teams[i], changes);
    }
  }
  for (const auto& [slug, project] : live.projects) {
    if (desired.projects.count(slug) > 0) continue;
    Action action = make_action(scope, ActionType::delete_project,
                                Address::of_project(scope.instance, scope.organization, slug));
    action.project = slug;
    action.before = {{"name", project.name}, {"slug", slug}, {"teams", project.teams}};
    action.precondition = fingerprint(project);
    for (const std::string& team : project.teams) {
      action.consequences.push_back(
          Address::of_project_team(scope.instance, scope.organization, slug, team).to_string());
    }
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

void plan_organization_deletion(const Scope& scope, const Organization& live, Changes& changes) {
  Action action = make_action(scope, ActionType::delete_organization,
                              Address::of_organization(scope.instance, scope.organization));
  action.before = {{"name", live.name}, {"slug", live.slug}};
  action.precondition = fingerprint(live);
  for (const auto& [email, member] : live.members) {
    if (email == scope.automation_user) continue;
    action.consequences.push_back(
        Address::of_member(scope.instance, scope.organization, email).to_string());
  }
  for (const auto& [slug, team] : live.teams) {
    action.consequences.push_back(
        Address::of_team(scope.instance, scope.organization, slug).to_string());
  }
  for (const auto& [slug, project] : live.projects) {
    action.consequences.push_back(
        Address::of_project(scope.instance, scope.organization, slug).to_string());
  }
  action.reason = "removed from the definitions";
  changes.actions.push_back(std::move(action));
}

}  // namespace

void plan_actions(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.desired == nullptr) {
    if (match.live != nullptr) plan_organization_deletion(scope, *match.live, changes);
    return;
  }
  const Organization none;
  const Organization& live = match.live != nullptr ? *match.live : none;
  plan_organization(scope, match, changes);
  plan_members(scope, *match.desired, live, changes);
  plan_teams(scope, *match.desired, live, changes);
  plan_projects(scope, *match.desired, live, changes);
}

}  // namespace gg::diff
