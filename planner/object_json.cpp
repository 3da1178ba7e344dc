#include "planner/object_json.hpp"

#include <algorithm>

namespace gg {
namespace {

std::string text(const nlohmann::json& json, const char* key) {
  const auto found = json.find(key);
  if (found == json.end() || !found->is_string()) return {};
  return found->get<std::string>();
}

std::vector<std::string> sorted_strings(const nlohmann::json& json, const char* key) {
  std::vector<std::string> values;
  const auto found = json.find(key);
  if (found == json.end() || !found->is_array()) return values;
  for (const auto& item : *found) {
    if (item.is_string()) values.push_back(item.get<std::string>());
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

bool flag(const nlohmann::json& json, const char* key) {
  const auto found = json.find(key);
  return found != json.end() && found->is_boolean() && found->get<bool>();
}

}  // namespace

nlohmann::json organization_json(const Organization& organization) {
  return {{"kind", "organization"},
          {"name", organization.name},
          {"slug", organization.slug},
          {"id", organization.id}};
}

nlohmann::json team_json(const std::string& organization_slug, const Team& team) {
  return {{"kind", "team"},
          {"organization_slug", organization_slug},
          {"slug", team.slug},
          {"id", team.id},
          {"members", team.members}};
}

nlohmann::json project_json(const std::string& organization_slug, const Project& project) {
  return {{"kind", "project"},
          {"organization_slug", organization_slug},
          {"slug", project.slug},
          {"id", project.id},
          {"name", project.name},
          {"platform", project.platform},
          {"eventThrottleRate", project.event_throttle_rate},
          {"teams", project.teams}};
}

nlohmann::json member_json(const std::string& organization_slug, const Member& member) {
  return {{"kind", "member"},
          {"organization_slug", organization_slug},
          {"email", member.email},
          {"id", member.id},
          {"role", std::string(to_string(member.role))},
          {"pending", member.pending}};
}

Organization organization_from_json(const nlohmann::json& json) {
  Organization organization;
  organization.name = text(json, "name");
  organization.slug = text(json, "slug");
  organization.id = text(json, "id");
  organization.is_protected = flag(json, "protected");
  return organization;
}

Team team_from_json(const nlohmann::json& json) {
  Team team;
  team.slug = text(json, "slug");
  team.id = text(json, "id");
  team.members = sorted_strings(json, "members");
  return team;
}

Project project_from_json(const nlohmann::json& json) {
  Project project;
  project.slug = text(json, "slug");
  project.id = text(json, "id");
  project.name = text(json, "name");
  project.platform = text(json, "platform");
  const auto rate = json.find("eventThrottleRate");
  if (rate != json.end() && rate->is_number_integer())
    project.event_throttle_rate = rate->get<int>();
  project.teams = sorted_strings(json, "teams");
  project.is_protected = flag(json, "protected");
  return project;
}

Member member_from_json(const nlohmann::json& json) {
  Member member;
  member.email = text(json, "email");
  member.id = text(json, "id");
  member.role = role_from_string(text(json, "role")).value_or(Role::member);
  member.pending = flag(json, "pending");
  return member;
}

}  // namespace gg
