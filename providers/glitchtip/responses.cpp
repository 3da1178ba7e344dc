#include "providers/glitchtip/responses.hpp"

#include <algorithm>

namespace gg::glitchtip {

using nlohmann::json;

std::optional<json> parse_body(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

std::string text_field(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number_integer()) return std::to_string(found->get<int64_t>());
  if (found->is_number()) return found->dump();
  return {};
}

std::string lower_case(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

Organization organization_from(const json& item) {
  Organization organization;
  organization.name = text_field(item, "name");
  organization.slug = text_field(item, "slug");
  organization.id = text_field(item, "id");
  return organization;
}

Team team_from(const json& item) {
  Team team;
  team.slug = text_field(item, "slug");
  team.id = text_field(item, "id");
  return team;
}

Project project_from(const json& item) {
  Project project;
  project.slug = text_field(item, "slug");
  project.id = text_field(item, "id");
  project.name = text_field(item, "name");
  project.platform = text_field(item, "platform");
  if (const auto rate = item.find("eventThrottleRate");
      rate != item.end() && rate->is_number_integer()) {
    project.event_throttle_rate = rate->get<int>();
  }
  if (const auto teams = item.find("teams"); teams != item.end() && teams->is_array()) {
    for (const auto& team : *teams) {
      std::string slug = team.is_string() ? team.get<std::string>() : text_field(team, "slug");
      if (!slug.empty()) project.teams.push_back(std::move(slug));
    }
  }
  std::sort(project.teams.begin(), project.teams.end());
  project.teams.erase(std::unique(project.teams.begin(), project.teams.end()), project.teams.end());
  return project;
}

std::string member_email_as_sent(const json& item) {
  std::string email = text_field(item, "email");
  if (email.empty() && item.is_object() && item.contains("user")) {
    email = text_field(item["user"], "email");
  }
  return email;
}

std::optional<Member> member_from(const json& item) {
  Member member;
  member.email = lower_case(member_email_as_sent(item));
  const auto role = role_from_string(text_field(item, "role"));
  if (member.email.empty() || !role) return std::nullopt;
  member.role = *role;
  member.pending = item.is_object() && item.value("pending", json(false)).is_boolean() &&
                   item.value("pending", json(false)).get<bool>();
  member.id = text_field(item, "id");
  return member;
}

}  // namespace gg::glitchtip
