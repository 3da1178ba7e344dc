#pragma once
// Every GlitchTip API path this tool sends, built in one place (the same on both API
// generations), and the one reading of a path back for error wording: which organization
// and which kind of resource a request was about. Slugs and ids are inserted as they are;
// every path ends with "/" as GlitchTip's routes do.

#include <string>

namespace gg::glitchtip::paths {

std::string root();                                         // /api/0/
std::string organizations();                                // /api/0/organizations/
std::string organization(const std::string& org);           // .../organizations/ORG/
std::string organization_teams(const std::string& org);     // .../organizations/ORG/teams/
std::string organization_projects(const std::string& org);  // .../ORG/projects/
std::string organization_members(const std::string& org);   // .../ORG/members/
std::string member(const std::string& org, const std::string& member_id);  // .../members/ID/
// .../organizations/ORG/members/ID/teams/TEAM/: a member's place in a team.
std::string member_team(const std::string& org, const std::string& member_id,
                        const std::string& team);
std::string team(const std::string& org, const std::string& team);  // /api/0/teams/ORG/TEAM/
std::string team_members(const std::string& org, const std::string& team);   // .../members/
std::string team_projects(const std::string& org, const std::string& team);  // .../projects/
std::string project(const std::string& org, const std::string& project);  // /api/0/projects/ORG/P/
// /api/0/projects/ORG/PROJECT/teams/TEAM/: a team's access to a project.
std::string project_team(const std::string& org, const std::string& project,
                         const std::string& team);
// Monitors: /api/0/organizations/ORG/monitors/ and .../monitors/ID/.
std::string organization_monitors(const std::string& org);
std::string monitor(const std::string& org, const std::string& monitor_id);
// alerts kind: /api/0/projects/ORG/PROJECT/alerts/ and .../alerts/ID/.
std::string project_alerts(const std::string& org, const std::string& project);
std::string project_alert(const std::string& org, const std::string& project,
                          const std::string& id);
// keys: /api/0/projects/ORG/PROJECT/keys/ and .../keys/ID/ (ID as GlitchTip sent it).
std::string project_keys(const std::string& org, const std::string& project);
std::string project_key(const std::string& org, const std::string& project, const std::string& id);

// What a path (as built above, possibly with a query or a page cursor) is about.
enum class Resource { organization, team, project, member };
struct PathFacts {
  std::string organization;  // the organization's slug; empty for the lists and the root
  Resource resource = Resource::organization;  // what the token's scope must cover
  bool team_membership = false;                // member_team()
  bool project_team = false;                   // project_team()
};
PathFacts facts_of(const std::string& path);

}  // namespace gg::glitchtip::paths
