#include "planner/precondition.hpp"

#include <algorithm>

#include "planner/fingerprint.hpp"

namespace gg {
namespace {

std::string text(const nlohmann::json& json, const char* key) {
  if (!json.is_object()) return {};
  const auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

template <typename Object>
const Object* find_in(const std::map<std::string, Object>& objects, const std::string& key) {
  const auto found = objects.find(key);
  return found == objects.end() ? nullptr : &found->second;
}

std::string expected(const std::string& what, const std::string& now, const std::string& then) {
  return what + " is now " + (now.empty() ? "(none)" : now) + ", the plan expected " +
         (then.empty() ? "(none)" : then);
}

// What differs between the live object and the action's `before`; the fallback when the
// fingerprint moved in a field `before` does not carry.
std::string member_change(const Member& live, const nlohmann::json& before) {
  const std::string role(to_string(live.role));
  const std::string planned_role = text(before, "role");
  if (!planned_role.empty() && planned_role != role) return expected("role", role, planned_role);
  return live.pending ? "the invitation is pending again" : "the invitation was accepted";
}

std::string project_change(const Project& live, const nlohmann::json& before) {
  if (before.contains("name") && text(before, "name") != live.name) {
    return expected("name", live.name, text(before, "name"));
  }
  if (before.contains("platform") && text(before, "platform") != live.platform) {
    return expected("platform", live.platform, text(before, "platform"));
  }
  const auto rate = before.find("eventThrottleRate");
  if (rate != before.end() && rate->is_number_integer() &&
      rate->get<int>() != live.event_throttle_rate) {
    return expected("eventThrottleRate", std::to_string(live.event_throttle_rate),
                    std::to_string(rate->get<int>()));
  }
  return "its teams changed since the plan was made";
}

// The change that breaks an action's precondition in an existing organization, or "".
std::string organization_object_change(const Action& action, const Organization& live) {
  switch (action.type) {
    case ActionType::rename_organization:
    case ActionType::delete_organization:
      if (fingerprint(live) == action.precondition) return {};
      return expected("name", live.name, text(action.before, "name"));
    case ActionType::invite_member: {
      const Member* member = find_in(live.members, action.email);
      if (member == nullptr) return {};
      return std::string("is now a member (role ") + std::string(to_string(member->role)) +
             (member->pending ? ", invitation pending)" : ")");
    }
    case ActionType::change_member_role:
    case ActionType::delete_member: {
      const Member* member = find_in(live.members, action.email);
      if (member == nullptr) return "is no longer a member";
      if (fingerprint(*member) == action.precondition) return {};
      return member_change(*member, action.before);
    }
    case ActionType::create_team:
      return live.teams.count(action.team) > 0 ? "the team exists now" : "";
    case ActionType::delete_team: {
      const Team* team = find_in(live.teams, action.team);
      if (team == nullptr) return "the team no longer exists";
      if (fingerprint(*team) == action.precondition) return {};
      return "its members changed since the plan was made";
    }
    case ActionType::add_team_member: {
      const Team* team = find_in(live.teams, action.team);
      if (team == nullptr || !contains(team->members, action.email)) return {};
      return action.email + " is in team " + action.team + " already";
    }
    case ActionType::remove_team_member: {
      const Team* team = find_in(live.teams, action.team);
      if (team != nullptr && contains(team->members, action.email)) return {};
      return action.email + " is no longer in team " + action.team;
    }
    case ActionType::create_project:
      return live.projects.count(action.project) > 0 ? "the project exists now" : "";
    case ActionType::update_project:
    case ActionType::delete_project: {
      const Project* project = find_in(live.projects, action.project);
      if (project == nullptr) return "the project no longer exists";
      if (fingerprint(*project) == action.precondition) return {};
      return project_change(*project, action.before);
    }
    case ActionType::add_project_team: {
      const Project* project = find_in(live.projects, action.project);
      if (project == nullptr || !contains(project->teams, action.team)) return {};
      return "team " + action.team + " is linked to the project already";
    }
    case ActionType::remove_project_team: {
      const Project* project = find_in(live.projects, action.project);
      if (project != nullptr && contains(project->teams, action.team)) return {};
      return "team " + action.team + " is no longer linked to the project";
    }
    case ActionType::create_organization:
      break;
  }
  return {};
}

std::string change_of(const Action& action, const Instance* instance) {
  const std::map<std::string, Organization> none;
  const auto& organizations = instance != nullptr ? instance->organizations : none;
  if (action.type == ActionType::create_organization) {
    for (const auto& [slug, organization] : organizations) {
      if (organization.name == text(action.after, "name")) {
        return "an organization with this name exists now (slug " + slug + ")";
      }
    }
    return {};
  }
  if (action.organization_slug.empty()) return {};  // created by this plan
  const Organization* organization = find_in(organizations, action.organization_slug);
  if (organization == nullptr) {
    return "organization " + action.organization_slug + " no longer exists";
  }
  return organization_object_change(action, *organization);
}

}  // namespace

Errors check_preconditions(const Plan& plan, const State& live_now) {
  Errors problems;
  for (const Action& action : plan.actions) {
    const auto instance = live_now.instances.find(action.instance);
    const std::string change =
        change_of(action, instance == live_now.instances.end() ? nullptr : &instance->second);
    if (!change.empty()) problems.push_back({action.address, change, ""});
  }
  return problems;
}

}  // namespace gg
