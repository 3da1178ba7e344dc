#include "providers/glitchtip/responses.hpp"

#include <gtest/gtest.h>

namespace gg::glitchtip {
namespace {

using nlohmann::json;

// Items recorded from real servers of both generations (docs/glitchtip-api.md §7).
TEST(Responses, DrfOrganizationIdIsANumberKeptAsText) {
  const auto organization = organization_from(
      json::parse(R"({"id":1,"name":"Acme Corp","slug":"acme-corp","isAcceptingEvents":true})"));
  EXPECT_EQ(organization.id, "1");
  EXPECT_EQ(organization.slug, "acme-corp");
  EXPECT_EQ(organization.name, "Acme Corp");
}

TEST(Responses, PendingDrfMemberAndAcceptedNinjaMember) {
  const auto pending = member_from(json::parse(
      R"({"role":"member","id":7,"user":null,"roleName":"Member","email":"New@Example.com","pending":true})"));
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->email, "new@example.com");
  EXPECT_EQ(pending->id, "7");
  EXPECT_TRUE(pending->pending);
  const auto accepted = member_from(json::parse(
      R"({"id":"9","role":"admin","email":"","user":{"email":"Bob@example.com"},"pending":false,"isOwner":false})"));
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->email, "bob@example.com");
  EXPECT_EQ(accepted->role, Role::admin);
  EXPECT_FALSE(accepted->pending);
}

TEST(Responses, AMemberWithAnUnknownRoleIsSkipped) {
  EXPECT_FALSE(member_from(json::parse(R"({"id":1,"role":"superuser","email":"a@b.c"})")));
}

TEST(Responses, ProjectTeamsSortedAndNullPlatformEmpty) {
  const auto project = project_from(json::parse(
      R"({"id":"1","name":"My API","slug":"my-api","platform":null,"eventThrottleRate":5,
          "teams":[{"id":"2","slug":"frontend"},{"id":"1","slug":"backend"}]})"));
  EXPECT_EQ(project.platform, "");
  EXPECT_EQ(project.event_throttle_rate, 5);
  EXPECT_EQ(project.teams, (std::vector<std::string>{"backend", "frontend"}));
}

TEST(Responses, WrongTypesReadAsEmptyWithoutThrowing) {
  const auto project = project_from(json::parse(R"({"slug":["x"],"teams":"no","platform":3})"));
  EXPECT_EQ(project.slug, "");
  EXPECT_TRUE(project.teams.empty());
  EXPECT_EQ(project.platform, "3");
}

}  // namespace
}  // namespace gg::glitchtip
