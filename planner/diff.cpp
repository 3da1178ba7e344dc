#include "planner/diff.hpp"

#include <algorithm>
#include <set>

#include "planner/address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/object_json.hpp"

namespace gg {
namespace {

constexpr const char* kDeclared = "declared in the definitions";

// The organization the actions of one diff belong to.
struct Scope {
  std::string instance;
  std::string organization;       // name, for addresses
  std::string organization_slug;  // live slug; "" when this plan creates the organization
  std::string automation_user;

  std::string not_declared() const {
    return "not declared: owned by the definitions of " + organization;
  }
};

Action make_action(const Scope& scope, ActionType type, const Address& address) {
  Action action;
  action.type = type;
  action.address = address.to_string();
  action.instance = scope.instance;
  action.organization = scope.organization;
  action.organization_slug = scope.organization_slug;
  return action;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
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

// --- drift ---------------------------------------------------------------------------------

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

std::string list_change(const std::string& what, const std::vector<std::string>& recorded,
                        const std::vector<std::string>& live) {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  for (const std::string& value : live) {
    if (!contains(recorded, value)) added.push_back(value);
  }
  for (const std::string& value : recorded) {
    if (!contains(live, value)) removed.push_back(value);
  }
  std::string text = what + " changed";
  if (!added.empty()) text += ": added " + joined(added);
  if (!removed.empty()) text += (added.empty() ? ": removed " : "; removed ") + joined(removed);
  return text;
}

std::string field_change(const std::string& what, const std::string& from, const std::string& to) {
  return what + " changed from " + (from.empty() ? "(none)" : from) + " to " +
         (to.empty() ? "(none)" : to);
}

// What differs between a recorded and a live object, as phrases; ids last.
std::vector<std::string> differences(const Organization& recorded, const Organization& live) {
  std::vector<std::string> parts;
  if (recorded.name != live.name) parts.push_back(field_change("name", recorded.name, live.name));
  return parts;
}

std::vector<std::string> differences(const Team& recorded, const Team& live) {
  std::vector<std::string> parts;
  if (recorded.members != live.members) {
    parts.push_back(list_change("members", recorded.members, live.members));
  }
  return parts;
}

std::vector<std::string> differences(const Project& recorded, const Project& live) {
  std::vector<std::string> parts;
  if (recorded.name != live.name) parts.push_back(field_change("name", recorded.name, live.name));
  if (recorded.platform != live.platform) {
    parts.push_back(field_change("platform", recorded.platform, live.platform));
  }
  if (recorded.event_throttle_rate != live.event_throttle_rate) {
    parts.push_back(field_change("eventThrottleRate", std::to_string(recorded.event_throttle_rate),
                                 std::to_string(live.event_throttle_rate)));
  }
  if (recorded.teams != live.teams)
    parts.push_back(list_change("teams", recorded.teams, live.teams));
  return parts;
}

std::vector<std::string> differences(const Member& recorded, const Member& live) {
  std::vector<std::string> parts;
  if (recorded.role != live.role) {
    parts.push_back(field_change("role", role_name(recorded.role), role_name(live.role)));
  }
  if (recorded.pending && !live.pending) parts.emplace_back("invitation accepted");
  if (!recorded.pending && live.pending) parts.emplace_back("invitation pending again");
  return parts;
}

template <typename Object>
std::string drift_description(const Object& recorded, const Object& live) {
  std::vector<std::string> parts = differences(recorded, live);
  if (parts.empty() && recorded.id != live.id) {
    parts.push_back("recreated (id " + recorded.id + " → " + live.id + ")");
  }
  return joined(parts) + " outside glitchtip-gitops";
}

Drift make_drift(const Scope& scope, const Address& address, nlohmann::json recorded,
                 nlohmann::json live, std::string description) {
  return {address.to_string(), scope.instance,  scope.organization,
          std::move(recorded), std::move(live), std::move(description)};
}

constexpr const char* kGone = "deleted outside glitchtip-gitops";

template <typename Object, typename ToJson, typename AddressOf>
void drift_children(const Scope& scope, const std::map<std::string, Object>& recorded,
                    const std::map<std::string, Object>& live, ToJson to_json, AddressOf address_of,
                    Changes& changes) {
  for (const auto& [key, object] : recorded) {
    if (key == scope.automation_user) continue;
    const auto found = live.find(key);
    if (found == live.end()) {
      changes.drift.push_back(make_drift(scope, address_of(key),
                                         to_json(scope.organization_slug, object), nullptr, kGone));
    } else if (!(object == found->second) &&  // equal objects give equal JSON, made faster
               to_json(scope.organization_slug, object) !=
                   to_json(scope.organization_slug, found->second)) {
      changes.drift.push_back(make_drift(scope, address_of(key),
                                         to_json(scope.organization_slug, object),
                                         to_json(scope.organization_slug, found->second),
                                         drift_description(object, found->second)));
    }
  }
}

void find_drift(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.recorded == nullptr) return;
  const Address address = Address::of_organization(scope.instance, scope.organization);
  if (match.live == nullptr) {
    changes.drift.push_back(
        make_drift(scope, address, organization_json(*match.recorded), nullptr, kGone));
    return;
  }
  const Organization& recorded = *match.recorded;
  const Organization& live = *match.live;
  const bool same_fields =  // the fields organization_json holds
      recorded.name == live.name && recorded.slug == live.slug && recorded.id == live.id;
  if (!same_fields && organization_json(recorded) != organization_json(live)) {
    changes.drift.push_back(make_drift(scope, address, organization_json(recorded),
                                       organization_json(live), drift_description(recorded, live)));
  }
  if (match.desired == nullptr) return;  // a deleted organization takes its children along
  const auto& instance = scope.instance;
  const auto& organization = scope.organization;
  drift_children(
      scope, recorded.members, live.members, member_json,
      [&](const std::string& email) { return Address::of_member(instance, organization, email); },
      changes);
  drift_children(
      scope, recorded.teams, live.teams, team_json,
      [&](const std::string& slug) { return Address::of_team(instance, organization, slug); },
      changes);
  drift_children(
      scope, recorded.projects, live.projects, project_json,
      [&](const std::string& slug) { return Address::of_project(instance, organization, slug); },
      changes);
}

// --- adoptions -----------------------------------------------------------------------------

template <typename Object>
const Object* find_in(const std::map<std::string, Object>& objects, const std::string& key) {
  const auto found = objects.find(key);
  return found == objects.end() ? nullptr : &found->second;
}

void find_adoptions(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.desired == nullptr || match.live == nullptr) return;
  const Organization& desired = *match.desired;
  const Organization& live = *match.live;
  const Organization none;
  const Organization& recorded = match.recorded != nullptr ? *match.recorded : none;
  const auto adopt = [&](const Address& address, nlohmann::json json) {
    changes.adoptions.push_back(
        {address.to_string(), scope.instance, scope.organization, std::move(json)});
  };
  if (match.recorded == nullptr) {
    nlohmann::json json = organization_json(live);
    json["protected"] = desired.is_protected;
    adopt(Address::of_organization(scope.instance, scope.organization), std::move(json));
  }
  for (const auto& [email, member] : desired.members) {
    const Member* found = find_in(live.members, email);
    if (email == scope.automation_user || found == nullptr || recorded.members.count(email)) {
      continue;
    }
    adopt(Address::of_member(scope.instance, scope.organization, email),
          member_json(live.slug, *found));
  }
  for (const auto& [slug, team] : desired.teams) {
    const Team* found = find_in(live.teams, slug);
    if (found == nullptr || recorded.teams.count(slug) > 0) continue;
    adopt(Address::of_team(scope.instance, scope.organization, slug), team_json(live.slug, *found));
  }
  for (const auto& [slug, project] : desired.projects) {
    const Project* found = find_in(live.projects, slug);
    if (found == nullptr || recorded.projects.count(slug) > 0) continue;
    nlohmann::json json = project_json(live.slug, *found);
    json["protected"] = project.is_protected;
    adopt(Address::of_project(scope.instance, scope.organization, slug), std::move(json));
  }
}

}  // namespace

void diff_organization(const OrganizationMatch& match, const std::string& automation_user,
                       Changes& changes) {
  const Scope scope{match.instance, match.name,
                    match.live != nullptr ? match.live->slug : std::string(), automation_user};
  find_drift(scope, match, changes);
  find_adoptions(scope, match, changes);
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

}  // namespace gg
