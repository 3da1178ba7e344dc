#include "providers/glitchtip/api_generation.hpp"

#include <gtest/gtest.h>

namespace gg::glitchtip {
namespace {

using nlohmann::json;

// Root answers recorded from real servers of both generations (docs/glitchtip-api.md §10).
TEST(ApiGeneration, GenerationFromTheApiRoot) {
  EXPECT_EQ(generation_from_root(
                json::parse(R"({"version":"0","user":{},"auth":{"scopes":["org:read"]}})")),
            ApiGeneration::drf);
  EXPECT_EQ(
      generation_from_root(json::parse(
          R"({"version":"0","user":{},"auth":{"id":"1","label":"x","scopes":[],"token":"t","created":"c"}})")),
      ApiGeneration::ninja);
  EXPECT_EQ(generation_from_root(json::parse(R"({"version":"0","user":null,"auth":null})")),
            std::nullopt);
}

TEST(ApiGeneration, OrganizationIdsAreNumbersOnlyOnDrf) {
  EXPECT_EQ(generation_from_organization_id(json(1)), ApiGeneration::drf);
  EXPECT_EQ(generation_from_organization_id(json("1")), ApiGeneration::ninja);
}

TEST(ApiGeneration, EachGenerationSpellsTheMemberBodiesItsWay) {
  EXPECT_EQ(api_of(ApiGeneration::drf).invite_member_body("a@b.c", "admin").dump(),
            R"({"email":"a@b.c","role":"admin","teams":[]})");
  EXPECT_EQ(api_of(ApiGeneration::ninja).invite_member_body("a@b.c", "admin").dump(),
            R"({"email":"a@b.c","orgRole":"admin","sendInvite":true,"teamRoles":[]})");
  EXPECT_EQ(api_of(ApiGeneration::drf).member_role_body("owner").dump(), R"({"role":"owner"})");
  EXPECT_EQ(api_of(ApiGeneration::ninja).member_role_body("owner").dump(),
            R"({"orgRole":"owner"})");
}

TEST(ApiGeneration, CapabilitiesPerGeneration) {
  EXPECT_FALSE(api_of(ApiGeneration::drf).renames_project_slugs());
  EXPECT_TRUE(api_of(ApiGeneration::ninja).renames_project_slugs());
  EXPECT_FALSE(api_of(ApiGeneration::drf).projects_always_carry_throttle_rate());
  EXPECT_TRUE(api_of(ApiGeneration::ninja).projects_always_carry_throttle_rate());
  EXPECT_EQ(api_of(ApiGeneration::automatic).generation(), ApiGeneration::drf);
}

}  // namespace
}  // namespace gg::glitchtip
