#include "planner/record.hpp"

#include <algorithm>

#include "planner/address.hpp"
#include "planner/object_json.hpp"

namespace gg {
namespace {

void insert_sorted(std::vector<std::string>& values, const std::string& value) {
  const auto at = std::lower_bound(values.begin(), values.end(), value);
  if (at == values.end() || *at != value) values.insert(at, value);
}

void erase_value(std::vector<std::string>& values, const std::string& value) {
  std::erase(values, value);
}

Instance& instance_of(State& state, const std::string& name) {
  Instance& instance = state.instances[name];
  instance.name = name;
  return instance;
}

Organization* find_organization(Instance& instance, const std::string& slug,
                                const std::string& name) {
  if (!slug.empty()) {
    const auto found = instance.organizations.find(slug);
    return found == instance.organizations.end() ? nullptr : &found->second;
  }
  for (auto& [known, organization] : instance.organizations) {
    if (organization.name == name) return &organization;
  }
  return nullptr;
}

const Organization* declared_organization(const State& desired, const std::string& instance,
                                          const std::string& name) {
  const auto found_instance = desired.instances.find(instance);
  if (found_instance == desired.instances.end()) return nullptr;
  const auto found = found_instance->second.organizations.find(name);
  return found == found_instance->second.organizations.end() ? nullptr : &found->second;
}

bool declared_project_protected(const State& desired, const Action& action) {
  const Organization* organization =
      declared_organization(desired, action.instance, action.organization);
  if (organization == nullptr) return false;
  const auto project = organization->projects.find(action.project);
  return project != organization->projects.end() && project->second.is_protected;
}

std::string text(const nlohmann::json& json, const char* key) {
  const auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

void record_project_fields(Project& project, const nlohmann::json& after) {
  project.name = text(after, "name");
  project.platform = text(after, "platform");
  const auto rate = after.find("eventThrottleRate");
  if (rate != after.end() && rate->is_number_integer())
    project.event_throttle_rate = rate->get<int>();
}

void record_in_organization(Organization& organization, const Action& action,
                            const ActionOutcome& outcome, const State& desired) {
  switch (action.type) {
    case ActionType::rename_organization:
      organization.name = text(action.after, "name");
      break;
    case ActionType::invite_member: {
      Member& member = organization.members[action.email];
      member.email = action.email;
      member.role = role_from_string(text(action.after, "role")).value_or(Role::member);
      member.pending = true;
      member.id = outcome.id;
      break;
    }
    case ActionType::change_member_role:
      organization.members[action.email].email = action.email;
      organization.members[action.email].role =
          role_from_string(text(action.after, "role")).value_or(Role::member);
      break;
    case ActionType::delete_member:
      organization.members.erase(action.email);
      for (auto& [slug, team] : organization.teams) erase_value(team.members, action.email);
      break;
    case ActionType::create_team:
      organization.teams[action.team] = Team{action.team, outcome.id, {}};
      break;
    case ActionType::delete_team:
      organization.teams.erase(action.team);
      for (auto& [slug, project] : organization.projects) erase_value(project.teams, action.team);
      break;
    case ActionType::add_team_member: {
      Team& team = organization.teams[action.team];
      team.slug = action.team;
      insert_sorted(team.members, action.email);
      break;
    }
    case ActionType::remove_team_member:
      if (organization.teams.count(action.team) > 0) {
        erase_value(organization.teams[action.team].members, action.email);
      }
      break;
    case ActionType::create_project: {
      const std::string slug = outcome.slug.empty() ? action.project : outcome.slug;
      Project project;
      project.slug = slug;
      project.id = outcome.id;
      record_project_fields(project, action.after);
      const std::string team = text(action.after, "team");
      if (!team.empty()) project.teams.push_back(team);
      project.is_protected = declared_project_protected(desired, action);
      organization.projects[slug] = std::move(project);
      break;
    }
    case ActionType::update_project: {
      Project& project = organization.projects[action.project];
      project.slug = action.project;
      record_project_fields(project, action.after);
      break;
    }
    case ActionType::delete_project:
      organization.projects.erase(action.project);
      break;
    case ActionType::add_project_team: {
      Project& project = organization.projects[action.project];
      project.slug = action.project;
      insert_sorted(project.teams, action.team);
      break;
    }
    case ActionType::remove_project_team:
      if (organization.projects.count(action.project) > 0) {
        erase_value(organization.projects[action.project].teams, action.team);
      }
      break;
    case ActionType::create_organization:
    case ActionType::delete_organization:
      break;
  }
}

// The recorded organization that a child object's JSON names, or null.
Organization* organization_of_child(State& recorded, const std::string& instance,
                                    const nlohmann::json& json) {
  const std::string slug = text(json, "organization_slug");
  if (slug.empty()) return nullptr;
  return find_organization(instance_of(recorded, instance), slug, "");
}

}  // namespace

void record_action(State& recorded, const Action& action, const ActionOutcome& outcome,
                   const State& desired) {
  Instance& instance = instance_of(recorded, action.instance);
  if (action.type == ActionType::create_organization) {
    Organization organization;
    organization.name = text(action.after, "name");
    organization.slug = outcome.slug;
    organization.id = outcome.id;
    const Organization* declared =
        declared_organization(desired, action.instance, action.organization);
    organization.is_protected = declared != nullptr && declared->is_protected;
    instance.organizations[organization.slug] = std::move(organization);
    return;
  }
  Organization* organization =
      find_organization(instance, action.organization_slug, action.organization);
  if (organization == nullptr) return;  // nothing recorded to update
  if (action.type == ActionType::delete_organization) {
    instance.organizations.erase(organization->slug);
    return;
  }
  record_in_organization(*organization, action, outcome, desired);
}

void record_adoption(State& recorded, const Adoption& adoption) {
  const nlohmann::json& json = adoption.live;
  const std::string kind = text(json, "kind");
  if (kind == "organization") {
    Organization organization = organization_from_json(json);
    Instance& instance = instance_of(recorded, adoption.instance);
    const auto existing = instance.organizations.find(organization.slug);
    if (existing != instance.organizations.end()) {
      organization.teams = existing->second.teams;
      organization.projects = existing->second.projects;
      organization.members = existing->second.members;
    }
    instance.organizations[organization.slug] = std::move(organization);
    return;
  }
  Organization* organization = organization_of_child(recorded, adoption.instance, json);
  if (organization == nullptr) return;
  if (kind == "team") {
    Team team = team_from_json(json);
    organization->teams[team.slug] = std::move(team);
  } else if (kind == "project") {
    Project project = project_from_json(json);
    organization->projects[project.slug] = std::move(project);
  } else if (kind == "member") {
    Member member = member_from_json(json);
    organization->members[member.email] = std::move(member);
  }
}

void record_drift(State& recorded, const Drift& drift) {
  const nlohmann::json& known = drift.live.is_null() ? drift.recorded : drift.live;
  const std::string kind = text(known, "kind");
  Instance& instance = instance_of(recorded, drift.instance);
  if (kind == "organization") {
    const std::string slug = text(known, "slug");
    if (drift.live.is_null()) {
      instance.organizations.erase(slug);
    } else if (Organization* organization = find_organization(instance, slug, "")) {
      const Organization live = organization_from_json(drift.live);
      organization->name = live.name;
      organization->id = live.id;
    }
    return;
  }
  Organization* organization = organization_of_child(recorded, drift.instance, known);
  if (organization == nullptr) return;
  const bool gone = drift.live.is_null();
  if (kind == "team") {
    const Team team = team_from_json(known);
    if (gone) {
      organization->teams.erase(team.slug);
    } else {
      organization->teams[team.slug] = team;
    }
  } else if (kind == "project") {
    Project project = project_from_json(known);
    if (gone) {
      organization->projects.erase(project.slug);
    } else {
      const auto existing = organization->projects.find(project.slug);
      project.is_protected =
          existing != organization->projects.end() && existing->second.is_protected;
      organization->projects[project.slug] = std::move(project);
    }
  } else if (kind == "member") {
    const Member member = member_from_json(known);
    if (gone) {
      organization->members.erase(member.email);
      for (auto& [slug, team] : organization->teams) erase_value(team.members, member.email);
    } else {
      organization->members[member.email] = member;
    }
  }
}

void record_protection(State& recorded, const State& desired) {
  for (const auto& [instance_name, declared_instance] : desired.instances) {
    const auto found = recorded.instances.find(instance_name);
    if (found == recorded.instances.end()) continue;
    Instance& instance = found->second;
    for (const auto& [name, declared] : declared_instance.organizations) {
      Organization* organization = find_organization(instance, declared.slug, name);
      if (organization == nullptr) continue;
      organization->is_protected = declared.is_protected;
      for (const auto& [slug, project] : declared.projects) {
        const auto recorded_project = organization->projects.find(slug);
        if (recorded_project != organization->projects.end()) {
          recorded_project->second.is_protected = project.is_protected;
        }
      }
    }
  }
}

State protection_state(const std::vector<Protection>& protection) {
  State desired;
  for (const Protection& entry : protection) {
    Instance& instance = desired.instances[entry.instance];
    instance.name = entry.instance;
    Organization& organization = instance.organizations[entry.organization];
    organization.name = entry.organization;
    organization.slug = entry.organization_slug;
    if (entry.project.empty()) {
      organization.is_protected = entry.is_protected;
    } else {
      Project& project = organization.projects[entry.project];
      project.slug = entry.project;
      project.is_protected = entry.is_protected;
    }
  }
  return desired;
}

}  // namespace gg
