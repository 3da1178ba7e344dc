#include "planner/fingerprint.hpp"

#include <algorithm>

#include "planner/canonical_json.hpp"

namespace gg {
namespace {

std::string sha256_of(const nlohmann::json& document) {
  return "sha256:" + canonical_sha256(document);
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

std::string fingerprint(const Organization& organization) {
  return sha256_of(
      {{"kind", "organization"}, {"name", organization.name}, {"slug", organization.slug}});
}

std::string fingerprint(const Team& team) {
  return sha256_of({{"kind", "team"}, {"slug", team.slug}, {"members", sorted(team.members)}});
}

std::string fingerprint(const Project& project) {
  return sha256_of({{"kind", "project"},
                    {"slug", project.slug},
                    {"name", project.name},
                    {"platform", project.platform},
                    {"eventThrottleRate", project.event_throttle_rate},
                    {"teams", sorted(project.teams)}});
}

std::string fingerprint(const Member& member) {
  return sha256_of({{"kind", "member"},
                    {"email", member.email},
                    {"role", std::string(to_string(member.role))},
                    {"pending", member.pending}});
}

std::string membership_fingerprint(const std::string& team, const std::string& email) {
  return sha256_of({{"kind", "team_member"}, {"team", team}, {"email", email}, {"present", true}});
}

std::string project_team_fingerprint(const std::string& project, const std::string& team) {
  return sha256_of(
      {{"kind", "project_team"}, {"project", project}, {"team", team}, {"present", true}});
}

}  // namespace gg
