// Replays key exchanges recorded against a real DRF server (docs/glitchtip-api.md §1).
#include <gtest/gtest.h>

#include <regex>

#include "tests/emulator/conformance/harness.hpp"

namespace gg::emulator::testing {
namespace {

using nlohmann::json;

class DrfConformance : public ::testing::Test {
 protected:
  Harness h{drf_options()};

  std::string create_org(const std::string& name) {
    const auto res = h.post("/api/0/organizations/", {{"name", name}});
    EXPECT_EQ(res->status, 201);
    return body_of(res)["slug"].get<std::string>();
  }
};

TEST_F(DrfConformance, MissingOrBadTokenIs403WithTheRealBodies) {
  auto res = h.client().Get("/api/0/organizations/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(body_of(res), json({{"detail", "Authentication credentials were not provided."}}));

  res = h.client().Get("/api/0/organizations/", {{"Authorization", "Bearer deadbeef"}});
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(body_of(res), json({{"detail", "Invalid token."}}));

  res = h.client().Get("/api/0/organizations/", {{"Authorization", "Bearer"}});
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(body_of(res), json({{"detail", "Invalid token header. No credentials provided."}}));

  res =
      h.client().Get("/api/0/organizations/", {{"Authorization", "bearer " + test_token("admin")}});
  EXPECT_EQ(res->status, 200) << "the scheme word is case-insensitive";
}

TEST_F(DrfConformance, IdentityNeedsAuthAndListsScopes) {
  EXPECT_EQ(h.client().Get("/api/0/")->status, 403);
  const json body = body_of(h.get("/api/0/"));
  EXPECT_EQ(body["user"]["email"], "admin@example.com");
  EXPECT_EQ(body["auth"]["scopes"].size(), 16u);
}

TEST_F(DrfConformance, SameOrganizationNameTwiceGetsDashTwoAndNumericIds) {
  auto first = h.post("/api/0/organizations/", {{"name", "Probe Org 28067"}});
  auto second = h.post("/api/0/organizations/", {{"name", "Probe Org 28067"}});
  ASSERT_EQ(first->status, 201);
  ASSERT_EQ(second->status, 201);
  const json a = body_of(first), b = body_of(second);
  EXPECT_EQ(a["slug"], "probe-org-28067");
  EXPECT_EQ(b["slug"], "probe-org-28067-2");
  EXPECT_TRUE(a["id"].is_number());
  EXPECT_TRUE(std::regex_match(a["dateCreated"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)")));
  EXPECT_EQ(a["require2FA"], false);
  EXPECT_EQ(a["status"], json({{"id", "active"}, {"name", "active"}}));

  const auto empty = h.post("/api/0/organizations/", json::object());
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(body_of(empty), json({{"name", {"This field is required."}}}));

  const auto readonly = h.client().Post("/api/0/organizations/", h.auth("reader"),
                                        R"({"name":"x"})", "application/json");
  EXPECT_EQ(readonly->status, 403);

  const json detail = body_of(h.get("/api/0/organizations/probe-org-28067/"));
  EXPECT_EQ(detail["openMembership"], true);
  EXPECT_EQ(detail["teams"], json::array());
  const auto unknown = h.get("/api/0/organizations/does-not-exist/");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(body_of(unknown), json({{"detail", "Not found."}}));

  const auto renamed = h.put("/api/0/organizations/probe-org-28067/", {{"name", "Renamed"}});
  EXPECT_EQ(renamed->status, 200);
  EXPECT_EQ(body_of(renamed)["slug"], "probe-org-28067");
  EXPECT_EQ(body_of(renamed)["name"], "Renamed");
}

TEST_F(DrfConformance, PatchIsForbidden) {
  const std::string org = create_org("Acme");
  const auto res = h.patch("/api/0/organizations/" + org + "/", {{"name", "x"}});
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(body_of(res), json({{"detail", "You do not have permission to perform this action."}}));
}

TEST_F(DrfConformance, TeamsCheckSlugsAndAddTheCreator) {
  const std::string org = create_org("Acme");
  const std::string teams = "/api/0/organizations/" + org + "/teams/";
  const auto created = h.post(teams, {{"slug", "backend"}});
  ASSERT_EQ(created->status, 201);
  const json team = body_of(created);
  EXPECT_EQ(team["memberCount"], 1);
  EXPECT_EQ(team["isMember"], true);
  EXPECT_TRUE(team["id"].is_string());
  EXPECT_EQ(team["projects"], json::array());

  const auto duplicate = h.post(teams, {{"slug", "backend"}});
  EXPECT_EQ(duplicate->status, 400);
  EXPECT_EQ(body_of(duplicate), json::array({"Slug must be unique for organization"}));

  const auto invalid = h.post(teams, {{"slug", "Bad Slug!"}});
  EXPECT_EQ(invalid->status, 400);
  EXPECT_EQ(body_of(invalid)["slug"][0],
            "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
  EXPECT_EQ(body_of(h.post(teams, {{"name", "Frontend"}})),
            json({{"slug", {"This field is required."}}}));

  const auto unknown_org = h.post("/api/0/organizations/nope/teams/", {{"slug", "x"}});
  EXPECT_EQ(unknown_org->status, 400);
  EXPECT_EQ(body_of(unknown_org), json::array({"Organization does not exist"}));

  const auto token_without_team_scope = h.client().Get(teams, h.auth("reader"));
  EXPECT_EQ(token_without_team_scope->status, 403);
}

// The recorded server sends `projects` in every team object, and so does the emulator at every
// drf version, the default one (which the tool's tests use) included.
TEST(DrfTeams, CarryTheirProjectsAtTheDefaultVersion) {
  Options options = drf_options();
  options.version.clear();
  Harness h(options);
  const std::string org = body_of(h.post("/api/0/organizations/", {{"name", "Acme"}}))["slug"];
  const auto created = h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
  EXPECT_EQ(body_of(created)["projects"], json::array());
  h.post("/api/0/teams/" + org + "/backend/projects/", {{"name", "app"}, {"platform", "native"}});
  const json expected =
      json::array({{{"id", "1"}, {"name", "app"}, {"platform", "native"}, {"slug", "app"}}});
  EXPECT_EQ(body_of(h.get("/api/0/organizations/" + org + "/teams/"))[0]["projects"], expected);
  EXPECT_EQ(body_of(h.get("/api/0/teams/"))[0]["projects"], expected);
  const json member =
      body_of(h.post("/api/0/organizations/" + org + "/members/",
                     {{"email", "n@example.com"}, {"role", "member"}, {"teams", json::array()}}));
  const std::string path = "/api/0/organizations/" + org + "/members/" +
                           std::to_string(member["id"].get<int>()) + "/teams/backend/";
  EXPECT_EQ(body_of(h.post(path))["projects"], expected);
  EXPECT_EQ(body_of(h.del(path))["projects"], expected);
}

TEST_F(DrfConformance, ProjectsGetSlugsKeysAndFullUpdates) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
  const std::string create = "/api/0/teams/" + org + "/backend/projects/";
  const auto first = h.post(create, {{"name", "My C++ App"}, {"platform", "native"}});
  ASSERT_EQ(first->status, 201);
  const json project = body_of(first);
  EXPECT_EQ(project["slug"], "my-c-app");
  EXPECT_EQ(project["teams"], json::array({{{"id", "1"}, {"slug", "backend"}}}));
  EXPECT_EQ(project["organization"]["slug"], org);
  EXPECT_FALSE(project.contains("eventThrottleRate")) << "3.0.0 has no eventThrottleRate";
  EXPECT_EQ(body_of(h.post(create, {{"name", "My C++ App"}}))["slug"], "my-c-app-2");
  EXPECT_EQ(body_of(h.post(create, {{"platform", "native"}})),
            json({{"name", {"This field is required."}}}));

  const auto refused = h.post("/api/0/projects/", {{"name", "x"}});
  EXPECT_EQ(refused->status, 405);

  const std::string path = "/api/0/projects/" + org + "/my-c-app/";
  EXPECT_EQ(body_of(h.put(path, {{"platform", "c"}})),
            json({{"name", {"This field is required."}}}));
  const json updated =
      body_of(h.put(path, {{"name", "Renamed"}, {"platform", "c"}, {"slug", "x"}}));
  EXPECT_EQ(updated["name"], "Renamed");
  EXPECT_EQ(updated["slug"], "my-c-app") << "DRF ignores a slug in PUT";
  EXPECT_EQ(updated["platform"], "c");

  const json keys = body_of(h.get(path + "keys/"));
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_TRUE(std::regex_match(keys[0]["id"].get<std::string>(), std::regex("[0-9a-f]{32}")));
  EXPECT_TRUE(keys[0]["projectId"].is_number());
}

TEST_F(DrfConformance, InvitesNeedTeamsAndRefuseDuplicates) {
  const std::string org = create_org("Acme");
  const std::string members = "/api/0/organizations/" + org + "/members/";
  const json invite = {
      {"email", "newbie@example.com"}, {"role", "member"}, {"teams", json::array()}};
  const auto created = h.post(members, invite);
  ASSERT_EQ(created->status, 201);
  const json member = body_of(created);
  EXPECT_TRUE(member["id"].is_number());
  EXPECT_TRUE(member["user"].is_null());
  EXPECT_EQ(member["pending"], true);
  EXPECT_EQ(member["roleName"], "Member");

  const auto again = h.post(members, invite);
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(body_of(again), json({{"detail", "The user newbie@example.com is already invited"}}));
  const auto member_again = h.post(
      members, {{"email", "admin@example.com"}, {"role", "member"}, {"teams", json::array()}});
  EXPECT_EQ(member_again->status, 409);
  EXPECT_EQ(body_of(member_again),
            json({{"detail", "The user admin@example.com is already a member"}}));

  EXPECT_EQ(body_of(h.post(members, {{"email", "x@example.com"}, {"role", "member"}})),
            json({{"teams", {"This field is required."}}}));
  EXPECT_EQ(body_of(h.post(members,
                           {{"email", "y@example.com"}, {"role", "member"}, {"teams", {"nope"}}})),
            json({{"teams", {"Object with slug=nope does not exist."}}}));
  EXPECT_EQ(
      body_of(h.post(members,
                     {{"email", "not-an-email"}, {"role", "member"}, {"teams", json::array()}})),
      json({{"email", {"Enter a valid email address."}}}));
  EXPECT_EQ(
      h.post(members, {{"email", "z@example.com"}, {"role", "superhero"}, {"teams", json::array()}})
          ->status,
      500);

  const std::string detail = members + std::to_string(member["id"].get<int>()) + "/";
  const auto changed = h.put(detail, {{"role", "manager"}});
  EXPECT_EQ(changed->status, 200);
  EXPECT_EQ(body_of(changed)["roleName"], "Manager");
  EXPECT_EQ(h.patch(detail, {{"role", "admin"}})->status, 403);
  const json read = body_of(h.get(detail));
  EXPECT_EQ(read["teams"], json::array());
  EXPECT_EQ(read["roles"].size(), 4u);
  EXPECT_EQ(body_of(h.get(members + "me/"))["email"], "admin@example.com");
}

TEST_F(DrfConformance, TeamMembershipChangesAreIdempotent) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
  const json member =
      body_of(h.post("/api/0/organizations/" + org + "/members/",
                     {{"email", "n@example.com"}, {"role", "member"}, {"teams", json::array()}}));
  const std::string path = "/api/0/organizations/" + org + "/members/" +
                           std::to_string(member["id"].get<int>()) + "/teams/backend/";
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto added = h.post(path);
    EXPECT_EQ(added->status, 201);
    EXPECT_EQ(body_of(added)["memberCount"], 2);
  }
  const auto unknown_team = h.post("/api/0/organizations/" + org + "/members/" +
                                   std::to_string(member["id"].get<int>()) + "/teams/nope/");
  EXPECT_EQ(unknown_team->status, 500);
  EXPECT_EQ(h.post("/api/0/organizations/" + org + "/members/999999/teams/backend/")->status, 404);
  EXPECT_EQ(body_of(h.get("/api/0/teams/" + org + "/backend/members/")).size(), 2u);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto removed = h.del(path);
    EXPECT_EQ(removed->status, 200);
    EXPECT_EQ(body_of(removed)["memberCount"], 1);
  }
}

TEST_F(DrfConformance, ProjectTeamLinksAreIdempotentAndTeamListIsTheQuirk) {
  const std::string org = create_org("Acme");
  for (const char* slug : {"backend", "frontend", "other"}) {
    h.post("/api/0/organizations/" + org + "/teams/", {{"slug", slug}});
  }
  h.post("/api/0/teams/" + org + "/backend/projects/", {{"name", "app"}});
  const std::string link = "/api/0/projects/" + org + "/app/teams/frontend/";
  EXPECT_EQ(h.post(link)->status, 201);
  const auto again = h.post(link);
  EXPECT_EQ(again->status, 201);
  EXPECT_EQ(body_of(again)["teams"].size(), 2u);
  EXPECT_EQ(h.post("/api/0/projects/" + org + "/app/teams/nope/")->status, 404);
  EXPECT_EQ(body_of(h.get("/api/0/projects/" + org + "/app/teams/")).size(), 3u)
      << "DRF lists all teams of the organization here";
  EXPECT_EQ(h.del(link)->status, 200);
  EXPECT_EQ(h.del(link)->status, 200);
}

TEST_F(DrfConformance, PaginationWithLimitTwoAcrossThreePages) {
  const std::string org = create_org("Acme");
  for (const char* slug : {"backend", "frontend", "t0", "t1", "t2"}) {
    h.post("/api/0/organizations/" + org + "/teams/", {{"slug", slug}});
  }
  const std::string base = h.emulator().base_url();
  std::string path = "/api/0/organizations/" + org + "/teams/?limit=2";
  const std::regex next(R"re(<([^>]+)>;\s*rel="next";\s*results="(true|false)")re");
  std::vector<std::string> slugs;
  std::vector<std::string> links;
  for (int page = 0; page < 3; ++page) {
    const auto res = h.get(path);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("X-Hits"), "5");
    EXPECT_EQ(res->get_header_value("X-Max-Hits"), "1000");
    for (const json& team : body_of(res)) slugs.push_back(team["slug"]);
    const std::string link = res->get_header_value("Link");
    links.push_back(link);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(link, match, next)) << link;
    if (page < 2) {
      EXPECT_EQ(match[2], "true");
      ASSERT_EQ(match[1].str().rfind(base, 0), 0u) << "Link URLs are absolute";
      path = match[1].str().substr(base.size());
    } else {
      EXPECT_EQ(match[2], "false");
    }
  }
  EXPECT_EQ(slugs, (std::vector<std::string>{"t2", "t1", "t0", "frontend", "backend"}));
  EXPECT_EQ(links[0].rfind("<" + base + "/api/0/organizations/" + org +
                               "/teams/?limit=2>; rel=\"previous\"; results=\"false\", <",
                           0),
            0u)
      << links[0];
  EXPECT_NE(links[1].find("rel=\"previous\"; results=\"true\"; cursor=\""), std::string::npos);

  const auto invalid = h.get("/api/0/organizations/" + org + "/teams/?cursor=garbage");
  EXPECT_EQ(invalid->status, 404);
  EXPECT_EQ(body_of(invalid), json({{"detail", "Invalid cursor"}}));
}

TEST_F(DrfConformance, DeletingTwiceIs404) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
  h.post("/api/0/teams/" + org + "/backend/projects/", {{"name", "app"}});
  const json member =
      body_of(h.post("/api/0/organizations/" + org + "/members/",
                     {{"email", "n@example.com"}, {"role", "member"}, {"teams", {"backend"}}}));
  for (const std::string& path :
       {"/api/0/organizations/" + org + "/members/" + std::to_string(member["id"].get<int>()) + "/",
        "/api/0/projects/" + org + "/app/", "/api/0/teams/" + org + "/backend/",
        "/api/0/organizations/" + org + "/"}) {
    const auto first = h.del(path);
    EXPECT_EQ(first->status, 204) << path;
    EXPECT_TRUE(first->body.empty());
    EXPECT_FALSE(first->has_header("Content-Type")) << "DRF's 204 has no Content-Type";
    const auto second = h.del(path);
    EXPECT_EQ(second->status, 404) << path;
    EXPECT_EQ(body_of(second), json({{"detail", "Not found."}}));
  }
  EXPECT_EQ(body_of(h.get("/api/0/organizations/")), json::array());
}

TEST_F(DrfConformance, MissingSlashRedirectsAndUnknownUrlsAreHtml) {
  const auto redirect = h.get("/api/0/organizations?limit=2");
  EXPECT_EQ(redirect->status, 301);
  EXPECT_EQ(redirect->get_header_value("Location"), "/api/0/organizations/?limit=2");
  const auto unknown = h.get("/api/0/nothing-here/");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->get_header_value("Content-Type").find("text/html"), std::string::npos);
}

}  // namespace
}  // namespace gg::emulator::testing
