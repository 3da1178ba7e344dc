#include "providers/glitchtip/api_paths.hpp"

#include <gtest/gtest.h>

namespace gg::glitchtip::paths {
namespace {

// The routes both API generations serve (docs/glitchtip-api.md).
TEST(ApiPaths, BuildsGlitchTipsRoutes) {
  EXPECT_EQ(root(), "/api/0/");
  EXPECT_EQ(organizations(), "/api/0/organizations/");
  EXPECT_EQ(organization("nasa"), "/api/0/organizations/nasa/");
  EXPECT_EQ(organization_teams("nasa"), "/api/0/organizations/nasa/teams/");
  EXPECT_EQ(organization_projects("nasa"), "/api/0/organizations/nasa/projects/");
  EXPECT_EQ(organization_members("nasa"), "/api/0/organizations/nasa/members/");
  EXPECT_EQ(member("nasa", "7"), "/api/0/organizations/nasa/members/7/");
  EXPECT_EQ(member_team("nasa", "7", "pilots"),
            "/api/0/organizations/nasa/members/7/teams/pilots/");
  EXPECT_EQ(team("nasa", "pilots"), "/api/0/teams/nasa/pilots/");
  EXPECT_EQ(team_members("nasa", "pilots"), "/api/0/teams/nasa/pilots/members/");
  EXPECT_EQ(team_projects("nasa", "pilots"), "/api/0/teams/nasa/pilots/projects/");
  EXPECT_EQ(project("nasa", "apollo"), "/api/0/projects/nasa/apollo/");
  EXPECT_EQ(project_team("nasa", "apollo", "pilots"), "/api/0/projects/nasa/apollo/teams/pilots/");
}

TEST(ApiPaths, TellsWhatAPathIsAbout) {
  EXPECT_EQ(facts_of(root()).organization, "");
  EXPECT_EQ(facts_of(organizations() + "?limit=100").organization, "");
  EXPECT_EQ(facts_of(organization("nasa")).organization, "nasa");
  EXPECT_EQ(facts_of(organization("nasa")).resource, Resource::organization);
  EXPECT_EQ(facts_of(organization_teams("nasa") + "?cursor=x&limit=100").resource, Resource::team);
  EXPECT_EQ(facts_of(organization_projects("nasa")).resource, Resource::project);
  EXPECT_EQ(facts_of(member("nasa", "7")).resource, Resource::member);
  EXPECT_EQ(facts_of(member_team("nasa", "7", "pilots")).resource, Resource::team);
  EXPECT_TRUE(facts_of(member_team("nasa", "7", "pilots")).team_membership);
  EXPECT_EQ(facts_of(team("nasa", "pilots")).organization, "nasa");
  EXPECT_EQ(facts_of(team("nasa", "pilots")).resource, Resource::team);
  EXPECT_EQ(facts_of(team_members("nasa", "pilots")).resource, Resource::member);
  EXPECT_EQ(facts_of(team_projects("nasa", "pilots")).resource, Resource::project);
  EXPECT_EQ(facts_of(project("nasa", "apollo")).resource, Resource::project);
  EXPECT_FALSE(facts_of(project("nasa", "apollo")).project_team);
  EXPECT_TRUE(facts_of(project_team("nasa", "apollo", "pilots")).project_team);
  EXPECT_EQ(facts_of(project_team("nasa", "apollo", "pilots")).organization, "nasa");
}

}  // namespace
}  // namespace gg::glitchtip::paths
