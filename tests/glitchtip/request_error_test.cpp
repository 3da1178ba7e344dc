#include "providers/glitchtip/request_error.hpp"

#include <gtest/gtest.h>

#include "providers/glitchtip/api_paths.hpp"

namespace gg::glitchtip {
namespace {

HttpRequest request(const std::string& method, const std::string& path) {
  HttpRequest sent;
  sent.method = method;
  sent.path = path;
  return sent;
}

// The scope named in a 401/403 hint is the one the token needs for that request on both
// generations (docs/glitchtip-api.md: token scopes).
TEST(RequestError, NamesTheScopeEachRequestNeeds) {
  EXPECT_EQ(required_scope(request("GET", paths::root())), "org:read");
  EXPECT_EQ(required_scope(request("GET", paths::organizations() + "?limit=100")), "org:read");
  EXPECT_EQ(required_scope(request("PUT", paths::organization("nasa"))), "org:write");
  EXPECT_EQ(required_scope(request("DELETE", paths::organization("nasa"))), "org:admin");
  EXPECT_EQ(required_scope(request("POST", paths::organization_teams("nasa"))), "team:write");
  EXPECT_EQ(required_scope(request("GET", paths::organization_projects("nasa"))), "project:read");
  EXPECT_EQ(required_scope(request("POST", paths::organization_members("nasa"))), "member:write");
  EXPECT_EQ(required_scope(request("DELETE", paths::member("nasa", "7"))), "member:admin");
  EXPECT_EQ(required_scope(request("POST", paths::member_team("nasa", "7", "pilots"))),
            "team:write");
  EXPECT_EQ(required_scope(request("DELETE", paths::team("nasa", "pilots"))), "team:admin");
  EXPECT_EQ(required_scope(request("GET", paths::team_members("nasa", "pilots"))), "member:read");
  EXPECT_EQ(required_scope(request("POST", paths::team_projects("nasa", "pilots"))),
            "project:write");
  EXPECT_EQ(required_scope(request("PUT", paths::project("nasa", "apollo"))), "project:write");
  EXPECT_EQ(required_scope(request("POST", paths::project_team("nasa", "apollo", "pilots"))),
            "project:admin");
  EXPECT_EQ(required_scope(request("DELETE", paths::project_team("nasa", "apollo", "pilots"))),
            "project:admin");
}

TEST(RequestError, SaysWhichOrganizationTheUserMayNotSee) {
  HttpResponse answer;
  answer.status = 404;
  answer.body = R"({"detail":"Not found."})";
  const Error error =
      request_error("glitchtip-dev", request("GET", paths::team("nasa", "pilots")), answer, "x");
  EXPECT_EQ(error.where, "glitchtip-dev: GET /api/0/teams/nasa/pilots/");
  EXPECT_EQ(error.message, "x: GlitchTip answered 404 Not Found: Not found.");
  EXPECT_NE(error.hint.find("not a member of organization nasa"), std::string::npos);
  const Error root = request_error("glitchtip-dev", request("GET", paths::root()), answer);
  EXPECT_EQ(root.hint, "check the Instance url: it must be GlitchTip's base URL");
}

// drf answers 400 ["Organization does not exist"] where the user cannot act in it.
TEST(RequestError, DrfsMissingOrganizationReadsAsNotFound) {
  HttpResponse answer;
  answer.status = 400;
  answer.body = R"(["Organization does not exist"])";
  const Error error = request_error(
      "glitchtip-dev", request("POST", paths::team_projects("nasa", "pilots")), answer);
  EXPECT_EQ(error.message, "GlitchTip answered 400 Bad Request: Organization does not exist");
  EXPECT_NE(error.hint.find("not a member of organization nasa (add it as an owner)"),
            std::string::npos);
}

}  // namespace
}  // namespace gg::glitchtip
