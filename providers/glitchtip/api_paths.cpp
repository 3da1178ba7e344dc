#include "providers/glitchtip/api_paths.hpp"

#include <vector>

namespace gg::glitchtip::paths {
namespace {

constexpr const char* kPrefix = "/api/0/";

// The path's segments after /api/0/, without the query. A segment counts only when a "/"
// follows it, as in GlitchTip's routes.
std::vector<std::string> segments_of(const std::string& path) {
  std::vector<std::string> segments;
  const std::string bare = path.substr(0, path.find('?'));
  if (!bare.starts_with(kPrefix)) return segments;
  std::string::size_type start = std::string(kPrefix).size();
  for (auto slash = bare.find('/', start); slash != std::string::npos;
       slash = bare.find('/', start)) {
    segments.push_back(bare.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

}  // namespace

std::string root() {
  return kPrefix;
}
std::string organizations() {
  return root() + "organizations/";
}
std::string organization(const std::string& org) {
  return organizations() + org + "/";
}
std::string organization_teams(const std::string& org) {
  return organization(org) + "teams/";
}
std::string organization_projects(const std::string& org) {
  return organization(org) + "projects/";
}
std::string organization_members(const std::string& org) {
  return organization(org) + "members/";
}
std::string member(const std::string& org, const std::string& member_id) {
  return organization_members(org) + member_id + "/";
}
std::string member_team(const std::string& org, const std::string& member_id,
                        const std::string& team) {
  return member(org, member_id) + "teams/" + team + "/";
}
std::string team(const std::string& org, const std::string& team) {
  return root() + "teams/" + org + "/" + team + "/";
}
std::string team_members(const std::string& org, const std::string& team) {
  return paths::team(org, team) + "members/";
}
std::string team_projects(const std::string& org, const std::string& team) {
  return paths::team(org, team) + "projects/";
}
std::string project(const std::string& org, const std::string& project) {
  return root() + "projects/" + org + "/" + project + "/";
}
std::string project_team(const std::string& org, const std::string& project,
                         const std::string& team) {
  return paths::project(org, project) + "teams/" + team + "/";
}

std::string organization_monitors(const std::string& org) {
  return organization(org) + "monitors/";
}
std::string monitor(const std::string& org, const std::string& monitor_id) {
  return organization_monitors(org) + monitor_id + "/";
}

std::string project_alerts(const std::string& org, const std::string& project) {
  return paths::project(org, project) + "alerts/";
}

std::string project_alert(const std::string& org, const std::string& project,
                          const std::string& id) {
  return project_alerts(org, project) + id + "/";
}

std::string project_keys(const std::string& org, const std::string& project) {
  return paths::project(org, project) + "keys/";
}

std::string project_key(const std::string& org, const std::string& project, const std::string& id) {
  return project_keys(org, project) + id + "/";
}

PathFacts facts_of(const std::string& path) {
  const std::vector<std::string> s = segments_of(path);
  PathFacts facts;
  if (s.size() < 2 || s[1].empty()) return facts;
  const std::string& top = s[0];
  if (top != "organizations" && top != "teams" && top != "projects") return facts;
  facts.organization = s[1];
  if (top == "organizations") {
    if (s.size() >= 3 && s[2] == "teams") facts.resource = Resource::team;
    if (s.size() >= 3 && s[2] == "projects") facts.resource = Resource::project;
    if (s.size() >= 3 && s[2] == "members") {
      facts.team_membership = s.size() >= 5 && s[4] == "teams";
      facts.resource = facts.team_membership ? Resource::team : Resource::member;
    }
  } else if (top == "teams") {
    facts.resource = Resource::team;
    if (s.size() >= 4 && s[3] == "members") facts.resource = Resource::member;
    if (s.size() >= 4 && s[3] == "projects") facts.resource = Resource::project;
  } else {
    facts.resource = Resource::project;
    facts.project_team = s.size() >= 5 && s[3] == "teams";
  }
  return facts;
}

}  // namespace gg::glitchtip::paths
