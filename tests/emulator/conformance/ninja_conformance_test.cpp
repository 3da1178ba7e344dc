// Replays key exchanges recorded against a real ninja server (docs/glitchtip-api.md §1).
#include <gtest/gtest.h>

#include <regex>

#include "tests/emulator/conformance/harness.hpp"

namespace gg::emulator::testing {
namespace {

using nlohmann::json;

class NinjaConformance : public ::testing::Test {
 protected:
  Harness h{ninja_options()};

  std::string create_org(const std::string& name) {
    const auto res = h.post("/api/0/organizations/", {{"name", name}});
    EXPECT_EQ(res->status, 201);
    return body_of(res)["slug"].get<std::string>();
  }
};

TEST_F(NinjaConformance, MissingOrBadTokenIs401) {
  for (const httplib::Headers& headers :
       {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer " + std::string(64, '0')}},
        httplib::Headers{{"Authorization", "Token " + test_token("admin")}}}) {
    const auto res = h.client().Get("/api/0/organizations/", headers);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(body_of(res), json({{"detail", "Unauthorized"}}));
  }
  const json anonymous = body_of(h.client().Get("/api/0/"));
  EXPECT_TRUE(anonymous["user"].is_null()) << "ninja's identity endpoint allows anonymous access";
  const json me = body_of(h.get("/api/0/users/me/"));
  EXPECT_EQ(me["email"], "admin@example.com");
  EXPECT_TRUE(me["options"].contains("preferredTheme"));
}

TEST_F(NinjaConformance, SameOrganizationNameTwiceGetsARandomSuffixAndStringIds) {
  const auto first = h.post("/api/0/organizations/", {{"name", "Acme Test"}});
  const auto second = h.post("/api/0/organizations/", {{"name", "Acme Test"}});
  const json a = body_of(first), b = body_of(second);
  EXPECT_EQ(a["slug"], "acme-test");
  EXPECT_TRUE(std::regex_match(b["slug"].get<std::string>(), std::regex("acme-test-[a-z0-9]{2}")))
      << b["slug"];
  EXPECT_TRUE(a["id"].is_string());
  EXPECT_EQ(a["require2fa"], false);
  EXPECT_EQ(a["eventThrottleRate"], 0);
  EXPECT_EQ(a["openMembership"], true);
  EXPECT_TRUE(a["access"].is_array());
  EXPECT_TRUE(std::regex_match(a["dateCreated"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

  const auto missing = h.post("/api/0/organizations/", json::object());
  EXPECT_EQ(missing->status, 422);
  EXPECT_EQ(body_of(missing), json({{"detail",
                                     {{{"type", "missing"},
                                       {"loc", {"body", "payload", "name"}},
                                       {"msg", "Field required"}}}}}));
  const auto unknown = h.get("/api/0/organizations/does-not-exist/");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(body_of(unknown), json({{"detail", "Not Found"}}));
  EXPECT_EQ(body_of(h.put("/api/0/organizations/acme-test/", {{"name", "Renamed"}}))["name"],
            "Renamed");
}

TEST_F(NinjaConformance, PatchIsMethodNotAllowedInHtml) {
  const std::string org = create_org("Acme");
  const auto res = h.patch("/api/0/organizations/" + org + "/", {{"name", "x"}});
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(res->body, "Method not allowed");
  EXPECT_NE(res->get_header_value("Allow").find("PUT"), std::string::npos);
}

TEST_F(NinjaConformance, DuplicateTeamSlugIsA500AndBadSlugA422) {
  const std::string org = create_org("Acme");
  const std::string teams = "/api/0/organizations/" + org + "/teams/";
  const auto created = h.post(teams, {{"slug", "backend"}});
  EXPECT_EQ(created->status, 201);
  EXPECT_EQ(body_of(created)["memberCount"], 1);
  const auto duplicate = h.post(teams, {{"slug", "backend"}});
  EXPECT_EQ(duplicate->status, 500);
  EXPECT_NE(duplicate->body.find("Server Error (500)"), std::string::npos);
  const auto invalid = h.post(teams, {{"slug", "Not A Slug!"}});
  EXPECT_EQ(invalid->status, 422);
  EXPECT_EQ(body_of(invalid)["detail"][0]["type"], "string_pattern_mismatch");
}

TEST_F(NinjaConformance, ProjectsAndTheirTeams) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "frontend"}});
  const auto created = h.post("/api/0/teams/" + org + "/backend/projects/",
                              {{"name", "cpp-tool"}, {"platform", "native"}});
  ASSERT_EQ(created->status, 201);
  EXPECT_FALSE(body_of(created).contains("teams")) << "create returns the base Project";
  EXPECT_EQ(
      body_of(h.post("/api/0/teams/" + org + "/backend/projects/", {{"name", "cpp-tool"}}))["slug"],
      "cpp-tool-2");
  const json listed = body_of(h.get("/api/0/organizations/" + org + "/projects/"));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["teams"][0]["slug"], "backend");
  const std::string path = "/api/0/projects/" + org + "/cpp-tool/";
  EXPECT_TRUE(body_of(h.get(path)).contains("organization"));

  const std::string link = path + "teams/frontend/";
  EXPECT_EQ(h.post(link)->status, 201);
  EXPECT_EQ(body_of(h.post(link))["teams"].size(), 2u);
  EXPECT_EQ(body_of(h.get(path + "teams/")).size(), 2u) << "the project's own teams";
  EXPECT_EQ(h.del(link)->status, 200);
  EXPECT_EQ(h.del(link)->status, 404) << "ninja: detaching a team that is not attached";

  const json updated =
      body_of(h.put(path, {{"name", "cpp-tool"}, {"platform", "c"}, {"slug", "tool"}}));
  EXPECT_EQ(updated["platform"], "c");
  EXPECT_EQ(updated["slug"], "tool") << "ninja PUT renames the slug";
  const json keys = body_of(h.get("/api/0/projects/" + org + "/tool/keys/"));
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_TRUE(
      std::regex_match(keys[0]["id"].get<std::string>(),
                       std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
  EXPECT_FALSE(keys[0].contains("isActive")) << "ninja's keys have no isActive";
}

TEST_F(NinjaConformance, InvitesUseOrgRoleAndReinvite) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "frontend"}});
  const std::string members = "/api/0/organizations/" + org + "/members/";
  const json invite = {{"email", "dev1@example.com"},
                       {"orgRole", "member"},
                       {"teamRoles", json::array()},
                       {"sendInvite", false}};
  const auto created = h.post(members, invite);
  ASSERT_EQ(created->status, 201);
  const json member = body_of(created);
  EXPECT_TRUE(member["id"].is_string());
  EXPECT_EQ(member["isOwner"], false);
  EXPECT_TRUE(member["user"].is_null());

  json refuse = invite;
  refuse["reinvite"] = false;
  const auto conflict = h.post(members, refuse);
  EXPECT_EQ(conflict->status, 409);
  EXPECT_EQ(body_of(conflict), json({{"detail", "The user dev1@example.com is already invited"}}));
  EXPECT_EQ(h.post(members, invite)->status, 201) << "reinvite defaults to true";

  const auto with_team = h.post(members, {{"email", "dev2@example.com"},
                                          {"orgRole", "member"},
                                          {"teamRoles", {{{"teamSlug", "frontend"}}}}});
  EXPECT_EQ(with_team->status, 201);
  const auto bad_role = h.post(members, {{"email", "dev3@example.com"}, {"orgRole", "superuser"}});
  EXPECT_EQ(bad_role->status, 422);
  EXPECT_EQ(body_of(bad_role)["detail"][0]["type"], "literal_error");
  const auto bad_email = h.post(members, {{"email", "not-an-email"}, {"orgRole", "member"}});
  EXPECT_EQ(bad_email->status, 422);
  EXPECT_EQ(body_of(bad_email)["detail"][0]["loc"][2], "email");

  const std::string detail = members + member["id"].get<std::string>() + "/";
  const json changed = body_of(h.put(detail, {{"orgRole", "admin"}}));
  EXPECT_EQ(changed["role"], "admin");
  EXPECT_TRUE(changed.contains("teams"));
  EXPECT_EQ(h.put(detail, {{"orgRole", "boss"}})->status, 422);
  EXPECT_EQ(body_of(h.get(members + "999999/")), json({{"detail", "Not Found"}}));
  const json dev2 = body_of(h.get(members + body_of(with_team)["id"].get<std::string>() + "/"));
  EXPECT_EQ(dev2["teams"], json::array({"frontend"}));
}

TEST_F(NinjaConformance, ReaddingAMemberToATeamIs201AndAnswersTheTeamBeforeTheChange) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "backend"}});
  const json member = body_of(h.post("/api/0/organizations/" + org + "/members/",
                                     {{"email", "dev1@example.com"}, {"orgRole", "member"}}));
  const std::string path = "/api/0/organizations/" + org + "/members/" +
                           member["id"].get<std::string>() + "/teams/backend/";
  const auto first = h.post(path);
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(body_of(first)["memberCount"], 1);
  const auto second = h.post(path);
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(body_of(second)["memberCount"], 2);
  EXPECT_EQ(h.post("/api/0/organizations/" + org + "/members/" + member["id"].get<std::string>() +
                   "/teams/nope/")
                ->status,
            404);
}

TEST_F(NinjaConformance, PaginationWrapsTheLinkHeader) {
  const std::string org = create_org("Acme");
  for (const char* slug : {"backend", "frontend", "t3", "t4", "t5"}) {
    h.post("/api/0/organizations/" + org + "/teams/", {{"slug", slug}});
  }
  const std::string base = h.emulator().base_url();
  std::string path = "/api/0/organizations/" + org + "/teams/?limit=2";
  const std::regex next(R"re(<([^>]+)>;\s*rel="next";\s*results="(true|false)")re");
  std::vector<std::string> slugs;
  for (int page = 0; page < 3; ++page) {
    const auto res = h.get(path);
    ASSERT_EQ(res->status, 200);
    const std::string link = res->get_header_value("Link");
    EXPECT_EQ(link.rfind("{'<", 0), 0u) << link;
    EXPECT_EQ(link.substr(link.size() - 2), "'}");
    for (const json& team : body_of(res)) slugs.push_back(team["slug"]);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(link, match, next));
    EXPECT_EQ(match[2], page < 2 ? "true" : "false");
    path = match[1].str().substr(base.size());
  }
  EXPECT_EQ(slugs, (std::vector<std::string>{"t5", "t4", "t3", "frontend", "backend"}));
  EXPECT_EQ(body_of(h.get("/api/0/organizations/" + org + "/teams/?limit=500")).size(), 5u);
  EXPECT_EQ(h.get("/api/0/organizations/" + org + "/teams/?cursor=garbage")->status, 422);
}

TEST_F(NinjaConformance, DeletingTwiceIs404) {
  const std::string org = create_org("Acme");
  h.post("/api/0/organizations/" + org + "/teams/", {{"slug", "t5"}});
  h.post("/api/0/teams/" + org + "/t5/projects/", {{"name", "cpp-tool"}});
  const json member = body_of(h.post("/api/0/organizations/" + org + "/members/",
                                     {{"email", "dev1@example.com"}, {"orgRole", "member"}}));
  for (const std::string& path :
       {"/api/0/organizations/" + org + "/members/" + member["id"].get<std::string>() + "/",
        "/api/0/projects/" + org + "/cpp-tool/", "/api/0/teams/" + org + "/t5/",
        "/api/0/organizations/" + org + "/"}) {
    const auto first = h.del(path);
    EXPECT_EQ(first->status, 204) << path;
    EXPECT_TRUE(first->body.empty());
    EXPECT_EQ(first->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    const auto second = h.del(path);
    EXPECT_EQ(second->status, 404) << path;
    EXPECT_EQ(body_of(second), json({{"detail", "Not Found"}}));
  }
}

}  // namespace
}  // namespace gg::emulator::testing
