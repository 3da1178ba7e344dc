// Executing every kind of action against the emulator, verified through its dump.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/glitchtip/fixture.hpp"

namespace gg::glitchtip {
namespace {

using emulator::Flavour;
using nlohmann::json;
using testing::Server;

json organization_in(const json& dump, const std::string& slug) {
  for (const auto& organization : dump["organizations"]) {
    if (organization["slug"] == slug) return organization;
  }
  return nullptr;
}

json named(const json& list, const char* key, const std::string& value) {
  for (const auto& item : list) {
    if (item[key] == value) return item;
  }
  return nullptr;
}

Action action(ActionType type, const std::string& organization_slug) {
  Action a;
  a.type = type;
  a.instance = "glitchtip-dev";
  a.organization_slug = organization_slug;
  a.address = "glitchtip-dev/" + organization_slug + "/" + std::string(to_string(type));
  return a;
}

class Actions : public ::testing::TestWithParam<Flavour> {
 protected:
  ActionOutcome run(Provider& provider, const Action& a) {
    const auto outcome = provider.run(a);
    EXPECT_TRUE(outcome.ok()) << to_string(a.type) << ": " << testing::said(outcome.errors());
    return outcome.ok() ? *outcome : ActionOutcome{};
  }
  bool ninja() const { return GetParam() == Flavour::ninja; }
};

TEST_P(Actions, EveryKindChangesGlitchTip) {
  Server server(GetParam());
  auto provider = server.provider();
  auto& emulator = *server.emulator;

  Action create_org = action(ActionType::create_organization, "");
  create_org.after = {{"name", "Mercury"}};
  const auto org = run(*provider, create_org);
  EXPECT_EQ(org.slug, "mercury");
  EXPECT_FALSE(org.id.empty());
  ASSERT_FALSE(organization_in(emulator.dump(), "mercury").is_null());

  Action rename = action(ActionType::rename_organization, "mercury");
  rename.before = {{"name", "Mercury"}};
  rename.after = {{"name", "Project Mercury"}};
  run(*provider, rename);
  EXPECT_EQ(organization_in(emulator.dump(), "mercury")["name"], "Project Mercury");

  Action invite = action(ActionType::invite_member, "mercury");
  invite.email = "alan.shepard@nasa.com";
  invite.after = {{"email", invite.email}, {"role", "admin"}};
  const auto invited = run(*provider, invite);
  EXPECT_FALSE(invited.id.empty());
  auto member =
      named(organization_in(emulator.dump(), "mercury")["members"], "email", invite.email);
  ASSERT_FALSE(member.is_null());
  EXPECT_EQ(member["role"], "admin");
  EXPECT_EQ(member["pending"], true);

  Action role = action(ActionType::change_member_role, "mercury");
  role.email = invite.email;
  role.before = {{"role", "admin"}};
  role.after = {{"role", "manager"}};
  run(*provider, role);
  member = named(organization_in(emulator.dump(), "mercury")["members"], "email", invite.email);
  EXPECT_EQ(member["role"], "manager");

  for (const std::string slug : {"astronauts", "flight-control"}) {
    Action team = action(ActionType::create_team, "mercury");
    team.team = slug;
    team.after = {{"slug", slug}};
    EXPECT_EQ(run(*provider, team).slug, slug);
  }
  ASSERT_FALSE(
      named(organization_in(emulator.dump(), "mercury")["teams"], "slug", "astronauts").is_null());

  Action join = action(ActionType::add_team_member, "mercury");
  join.team = "astronauts";
  join.email = invite.email;
  run(*provider, join);
  run(*provider, join);  // repeating an add is fine
  auto team = named(organization_in(emulator.dump(), "mercury")["teams"], "slug", "astronauts");
  EXPECT_NE(std::find(team["members"].begin(), team["members"].end(), invite.email),
            team["members"].end());

  Action project = action(ActionType::create_project, "mercury");
  project.project = "freedom-7";
  project.after = {{"name", "Freedom 7"},
                   {"platform", "python"},
                   {"eventThrottleRate", 10},
                   {"team", "astronauts"}};
  const auto created = run(*provider, project);
  EXPECT_EQ(created.slug, "freedom-7");
  auto stored = named(organization_in(emulator.dump(), "mercury")["projects"], "slug", "freedom-7");
  ASSERT_FALSE(stored.is_null());
  EXPECT_EQ(stored["name"], "Freedom 7");
  EXPECT_EQ(stored["platform"], "python");
  if (ninja()) {
    EXPECT_EQ(stored["eventThrottleRate"], 10);
  }
  EXPECT_EQ(stored["teams"], json::array({"astronauts"}));

  Action link = action(ActionType::add_project_team, "mercury");
  link.project = "freedom-7";
  link.team = "flight-control";
  run(*provider, link);
  stored = named(organization_in(emulator.dump(), "mercury")["projects"], "slug", "freedom-7");
  EXPECT_EQ(stored["teams"].size(), 2u);

  Action update = action(ActionType::update_project, "mercury");
  update.project = "freedom-7";
  update.before = {{"name", "Freedom 7"},
                   {"platform", "python"},
                   {"eventThrottleRate", 10},
                   {"slug", "freedom-7"}};
  update.after = {{"name", "Freedom Seven"},
                  {"platform", "c"},
                  {"eventThrottleRate", 20},
                  {"slug", ninja() ? "freedom-seven" : "freedom-7"}};
  const auto updated = run(*provider, update);
  const std::string project_slug = ninja() ? "freedom-seven" : "freedom-7";
  EXPECT_EQ(updated.slug, project_slug);
  stored = named(organization_in(emulator.dump(), "mercury")["projects"], "slug", project_slug);
  ASSERT_FALSE(stored.is_null());
  EXPECT_EQ(stored["name"], "Freedom Seven");
  EXPECT_EQ(stored["platform"], "c");
  if (ninja()) {
    EXPECT_EQ(stored["eventThrottleRate"], 20);
  }

  Action unlink = action(ActionType::remove_project_team, "mercury");
  unlink.project = project_slug;
  unlink.team = "flight-control";
  run(*provider, unlink);
  stored = named(organization_in(emulator.dump(), "mercury")["projects"], "slug", project_slug);
  EXPECT_EQ(stored["teams"], json::array({"astronauts"}));

  Action leave = action(ActionType::remove_team_member, "mercury");
  leave.team = "astronauts";
  leave.email = invite.email;
  run(*provider, leave);
  team = named(organization_in(emulator.dump(), "mercury")["teams"], "slug", "astronauts");
  EXPECT_EQ(std::find(team["members"].begin(), team["members"].end(), invite.email),
            team["members"].end());

  Action drop_project = action(ActionType::delete_project, "mercury");
  drop_project.project = project_slug;
  EXPECT_FALSE(run(*provider, drop_project).already_so);
  EXPECT_TRUE(run(*provider, drop_project).already_so);
  EXPECT_TRUE(organization_in(emulator.dump(), "mercury")["projects"].empty());

  Action drop_team = action(ActionType::delete_team, "mercury");
  drop_team.team = "flight-control";
  EXPECT_FALSE(run(*provider, drop_team).already_so);
  EXPECT_TRUE(run(*provider, drop_team).already_so);
  EXPECT_TRUE(named(organization_in(emulator.dump(), "mercury")["teams"], "slug", "flight-control")
                  .is_null());

  Action drop_member = action(ActionType::delete_member, "mercury");
  drop_member.email = invite.email;
  EXPECT_FALSE(run(*provider, drop_member).already_so);
  EXPECT_TRUE(run(*provider, drop_member).already_so);
  EXPECT_TRUE(named(organization_in(emulator.dump(), "mercury")["members"], "email", invite.email)
                  .is_null());

  Action drop_org = action(ActionType::delete_organization, "mercury");
  EXPECT_FALSE(run(*provider, drop_org).already_so);
  EXPECT_TRUE(run(*provider, drop_org).already_so);
  EXPECT_TRUE(organization_in(emulator.dump(), "mercury").is_null());
}

TEST_P(Actions, InvitingSomeoneAlreadyThereIsAlreadySo) {
  Server server(GetParam());
  auto provider = server.provider();
  Action invite = action(ActionType::invite_member, "nasa");
  invite.email = "neilarmstrong@nasa.com";
  invite.after = {{"email", invite.email}, {"role", "member"}};
  const auto outcome = provider->run(invite);
  ASSERT_TRUE(outcome.ok()) << testing::said(outcome.errors());
  EXPECT_TRUE(outcome->already_so);
  EXPECT_FALSE(outcome->id.empty());
}

TEST_P(Actions, TeamMembershipOfAPendingMemberUsesItsId) {
  Server server(GetParam());
  auto provider = server.provider();
  Action join = action(ActionType::add_team_member, "nasa");
  join.team = "nasa-flight-control";
  join.email = "buzzaldrin@nasa.com";
  ASSERT_TRUE(provider->run(join).ok());
  const auto live = provider->read_organizations({"nasa"});
  ASSERT_TRUE(live.ok());
  const auto& members = live->organizations.at("nasa").teams.at("nasa-flight-control").members;
  EXPECT_NE(std::find(members.begin(), members.end(), "buzzaldrin@nasa.com"), members.end());
}

TEST_P(Actions, SeveralThreadsRunActionsAtOnce) {
  Server server(GetParam());
  auto provider = server.provider();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Action invite = action(ActionType::invite_member, i % 2 ? "nasa" : "esa");
      invite.email = "crew" + std::to_string(i) + "@nasa.com";
      invite.after = {{"email", invite.email}, {"role", "member"}};
      Action join = action(ActionType::add_team_member, invite.organization_slug);
      join.team = i % 2 ? "nasa-pilots" : "esa-pilots";
      join.email = invite.email;
      if (!provider->run(invite).ok() || !provider->run(join).ok()) ++failures;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  const auto live = provider->read_live();
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->organizations.at("nasa").teams.at("nasa-pilots").members.size(), 2u + 4u);
  EXPECT_EQ(live->organizations.at("esa").teams.at("esa-pilots").members.size(), 1u + 4u);
}

INSTANTIATE_TEST_SUITE_P(Flavours, Actions, ::testing::Values(Flavour::drf, Flavour::ninja),
                         testing::flavour_name);

}  // namespace
}  // namespace gg::glitchtip
