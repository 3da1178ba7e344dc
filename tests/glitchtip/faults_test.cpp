// Failures while writing: clear errors, and no duplicate objects after a dropped answer.
#include <gtest/gtest.h>

#include "tests/glitchtip/fixture.hpp"

namespace gg::glitchtip {
namespace {

using emulator::FaultRule;
using emulator::Flavour;
using nlohmann::json;
using testing::Server;

FaultRule drop_after_handling(const std::string& method, const std::string& path_regex) {
  FaultRule rule;
  rule.kind = FaultRule::Kind::drop_after_handling;
  rule.method = method;
  rule.path_regex = path_regex;
  rule.times = 1;
  return rule;
}

int count_named(const json& list, const char* key, const std::string& value) {
  int count = 0;
  for (const auto& item : list) count += item[key] == value;
  return count;
}

class Faults : public ::testing::TestWithParam<Flavour> {};

TEST_P(Faults, ADroppedAnswerToAnOrganizationCreateMakesNoDuplicate) {
  Server server(GetParam());
  server.emulator->add_fault(drop_after_handling("POST", "^/api/0/organizations/$"));
  auto provider = server.provider();
  Action create;
  create.type = ActionType::create_organization;
  create.address = "glitchtip-dev/Gemini";
  create.after = {{"name", "Gemini"}};
  const auto outcome = provider->run(create);
  ASSERT_TRUE(outcome.ok()) << testing::said(outcome.errors());
  EXPECT_EQ(outcome->slug, "gemini");
  EXPECT_EQ(count_named(server.emulator->dump()["organizations"], "name", "Gemini"), 1);
  int posts = 0;
  for (const auto& request : server.emulator->requests()) posts += request.method == "POST";
  EXPECT_EQ(posts, 1);
}

TEST_P(Faults, ADroppedAnswerToAProjectCreateMakesNoDuplicate) {
  Server server(GetParam());
  server.emulator->add_fault(drop_after_handling("POST", "/projects/$"));
  auto provider = server.provider();
  Action create;
  create.type = ActionType::create_project;
  create.address = "glitchtip-dev/NASA/project/apollo-13";
  create.organization_slug = "nasa";
  create.after = {{"name", "Apollo 13"},
                  {"platform", "python"},
                  {"eventThrottleRate", 0},
                  {"team", "nasa-pilots"}};
  const auto outcome = provider->run(create);
  ASSERT_TRUE(outcome.ok()) << testing::said(outcome.errors());
  EXPECT_EQ(outcome->slug, "apollo-13");
  json nasa;
  const json dump = server.emulator->dump();
  for (const auto& organization : dump["organizations"]) {
    if (organization["slug"] == "nasa") nasa = organization;
  }
  EXPECT_EQ(count_named(nasa["projects"], "name", "Apollo 13"), 1);
}

TEST_P(Faults, ADroppedAnswerToAnInviteFindsTheMember) {
  Server server(GetParam());
  server.emulator->add_fault(drop_after_handling("POST", "/members/$"));
  auto provider = server.provider();
  Action invite;
  invite.type = ActionType::invite_member;
  invite.address = "glitchtip-dev/NASA/member/jim.lovell@nasa.com";
  invite.organization_slug = "nasa";
  invite.email = "jim.lovell@nasa.com";
  invite.after = {{"email", invite.email}, {"role", "member"}};
  const auto outcome = provider->run(invite);
  ASSERT_TRUE(outcome.ok()) << testing::said(outcome.errors());
  EXPECT_FALSE(outcome->id.empty());
  int posts = 0;
  for (const auto& request : server.emulator->requests()) posts += request.method == "POST";
  EXPECT_EQ(posts, 1);
}

TEST_P(Faults, ACreateThatNeverHappenedIsSentAgain) {
  Server server(GetParam());
  FaultRule rule;
  rule.kind = FaultRule::Kind::drop_before_handling;
  rule.method = "POST";
  rule.path_regex = "/teams/$";
  rule.times = 1;
  server.emulator->add_fault(rule);
  auto provider = server.provider();
  Action create;
  create.type = ActionType::create_team;
  create.address = "glitchtip-dev/NASA/team/capcom";
  create.organization_slug = "nasa";
  create.team = "capcom";
  create.after = {{"slug", "capcom"}};
  const auto outcome = provider->run(create);
  ASSERT_TRUE(outcome.ok()) << testing::said(outcome.errors());
  EXPECT_EQ(outcome->slug, "capcom");
}

TEST_P(Faults, AServerErrorOnAWriteNamesTheRequestStatusAndMessage) {
  Server server(GetParam());
  FaultRule rule;
  rule.kind = FaultRule::Kind::status;
  rule.status = 500;
  rule.method = "PUT";
  server.emulator->add_fault(rule);
  auto provider = server.provider();
  Action rename;
  rename.type = ActionType::rename_organization;
  rename.address = "glitchtip-dev/NASA";
  rename.organization_slug = "nasa";
  rename.after = {{"name", "NASA HQ"}};
  const auto outcome = provider->run(rename);
  ASSERT_FALSE(outcome.ok());
  const std::string text = testing::said(outcome.errors());
  EXPECT_NE(text.find("glitchtip-dev: PUT /api/0/organizations/nasa/"), std::string::npos) << text;
  EXPECT_NE(text.find("500"), std::string::npos) << text;
  EXPECT_NE(text.find("glitchtip-dev/NASA"), std::string::npos) << text;
  EXPECT_NE(text.find("logs"), std::string::npos) << text;
}

TEST_P(Faults, ARefusedWriteCarriesGlitchTipsMessage) {
  Server server(GetParam());
  auto provider = server.provider();
  Action invite;
  invite.type = ActionType::invite_member;
  invite.address = "glitchtip-dev/NASA/member/not-an-email";
  invite.organization_slug = "nasa";
  invite.email = "not-an-email";
  invite.after = {{"email", invite.email}, {"role", "member"}};
  const auto outcome = provider->run(invite);
  ASSERT_FALSE(outcome.ok());
  const std::string text = testing::said(outcome.errors());
  EXPECT_NE(text.find("POST /api/0/organizations/nasa/members/"), std::string::npos) << text;
  EXPECT_NE(text.find(GetParam() == Flavour::ninja ? "422" : "400"), std::string::npos) << text;
  EXPECT_NE(text.find("email"), std::string::npos) << text;
}

TEST_P(Faults, AnUnknownOrganizationSaysTheAutomationUserIsNotAMember) {
  Server server(GetParam());
  auto provider = server.provider();
  Action team;
  team.type = ActionType::create_team;
  team.address = "glitchtip-dev/Vostok/team/cosmonauts";
  team.organization_slug = "vostok";
  team.team = "cosmonauts";
  team.after = {{"slug", "cosmonauts"}};
  const auto outcome = provider->run(team);
  ASSERT_FALSE(outcome.ok());
  const std::string text = testing::said(outcome.errors());
  EXPECT_NE(text.find("not a member of organization vostok"), std::string::npos) << text;
}

TEST_P(Faults, TheTokenNeverAppearsInWhatTheProviderSays) {
  Server server(GetParam());
  const std::string token = testing::space_agencies_token();
  std::string everything;
  FaultRule broken;
  broken.kind = FaultRule::Kind::status;
  broken.status = 503;
  broken.method = "DELETE";
  server.emulator->add_fault(broken);
  auto provider = server.provider();
  for (const auto& warning : provider->warnings()) everything += warning;
  Action drop;
  drop.type = ActionType::delete_team;
  drop.address = "glitchtip-dev/NASA/team/nasa-pilots";
  drop.organization_slug = "nasa";
  drop.team = "nasa-pilots";
  everything += testing::said(provider->run(drop).errors());
  Action missing = drop;
  missing.type = ActionType::change_member_role;
  missing.email = "nobody@nasa.com";
  missing.after = {{"role", "owner"}};
  everything += testing::said(provider->run(missing).errors());

  auto bad_token = server.provider(8, ApiGeneration::automatic, std::string(64, 'a'));
  everything += testing::said(bad_token->read_live().errors());

  InstanceSettings insecure = server.settings();
  insecure.insecure_skip_tls_verify = true;
  auto opened = Provider::open("glitchtip-dev", insecure, {});
  ASSERT_TRUE(opened.ok());
  ASSERT_FALSE((*opened)->warnings().empty());
  for (const auto& warning : (*opened)->warnings()) everything += warning;
  EXPECT_NE(everything.find("503"), std::string::npos) << everything;
  EXPECT_NE(everything.find("TLS"), std::string::npos) << everything;
  EXPECT_EQ(everything.find(token), std::string::npos) << everything;
  EXPECT_EQ(everything.find(std::string(64, 'a')), std::string::npos) << everything;
}

TEST_P(Faults, AnAnswerTooSlowForTheTimeoutIsAClearError) {
  Server server(GetParam());
  FaultRule slow;
  slow.kind = FaultRule::Kind::slow_response;
  slow.latency = std::chrono::milliseconds(2500);
  slow.path_regex = "^/api/0/organizations/$";
  server.emulator->add_fault(slow);
  setenv(testing::kTokenVariable, testing::space_agencies_token().c_str(), 1);
  InstanceSettings settings = server.settings(ApiGeneration::drf);
  settings.read_timeout_seconds = 1;
  settings.max_retries = 0;
  auto provider = Provider::open("glitchtip-dev", settings, {});
  ASSERT_TRUE(provider.ok());
  const auto live = (*provider)->read_live();
  ASSERT_FALSE(live.ok());
  const std::string text = testing::said(live.errors());
  EXPECT_NE(text.find("no answer within 1 s"), std::string::npos) << text;
  EXPECT_NE(text.find("GET /api/0/organizations/"), std::string::npos) << text;
  EXPECT_NE(text.find("raise readTimeout (seconds) on Instance glitchtip-dev"), std::string::npos)
      << "the hint names the Instance field: " << text;
}

INSTANTIATE_TEST_SUITE_P(Flavours, Faults, ::testing::Values(Flavour::drf, Flavour::ninja),
                         testing::flavour_name);

}  // namespace
}  // namespace gg::glitchtip
