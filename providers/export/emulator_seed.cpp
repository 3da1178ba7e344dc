#include "providers/export/emulator_seed.hpp"

#include "planner/canonical_json.hpp"

namespace gg::exporting {
namespace {

using nlohmann::json;

std::string spelled(const std::map<std::string, std::string>& spellings, const std::string& email) {
  const auto found = spellings.find(email);
  return found == spellings.end() ? email : found->second;
}

json organization_seed(const Organization& organization, const std::string& automation,
                       const std::map<std::string, std::string>& spellings) {
  json members = json::array({{{"email", automation}, {"role", "owner"}, {"pending", false}}});
  for (const auto& [email, member] : organization.members) {
    members.push_back({{"email", spelled(spellings, email)},
                       {"role", std::string(to_string(member.role))},
                       {"pending", member.pending}});
  }
  json teams = json::array();
  for (const auto& [slug, team] : organization.teams) {
    json emails = json::array({automation});
    for (const std::string& email : team.members) emails.push_back(spelled(spellings, email));
    teams.push_back({{"slug", slug}, {"members", emails}});
  }
  json projects = json::array();
  for (const auto& [slug, project] : organization.projects) {
    json entry = {{"name", project.name},
                  {"slug", slug},
                  {"teams", project.teams},
                  {"eventThrottleRate", project.event_throttle_rate}};
    if (!project.platform.empty()) entry["platform"] = project.platform;
    projects.push_back(std::move(entry));
  }
  return {
      {"name", organization.name}, {"members", members}, {"teams", teams}, {"projects", projects}};
}

}  // namespace

std::string emulator_test_token(const std::string& label) {
  return sha256_hex("glitchtip-emulator test token: " + label);
}

json emulator_seed(const Instance& live, const std::string& automation_user_email,
                   const std::map<std::string, std::string>& email_spellings) {
  json organizations = json::array();
  for (const auto& [slug, organization] : live.organizations) {
    json entry = organization_seed(organization, automation_user_email, email_spellings);
    entry["slug"] = slug;
    organizations.push_back(std::move(entry));
  }
  return {{"users", json::array({{{"email", automation_user_email},
                                  {"test_token", emulator_test_token(live.name)}}})},
          {"organizations", organizations}};
}

}  // namespace gg::exporting
