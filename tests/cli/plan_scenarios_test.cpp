// `plan` end to end on the space-agencies scenarios (docs/design.md §9): the real binary, a
// real snapshot and the GlitchTip emulator; each test asserts what a reviewer reads and
// what apply would do.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "tests/cli/scenarios.hpp"

namespace gg::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

// Apply order within an organization (docs/design.md §5.3).
int apply_rank(const std::string& type) {
  static const std::map<std::string, int> ranks = {
      {"create_organization", 0},
      {"rename_organization", 0},
      {"invite_member", 1},
      {"change_member_role", 1},
      {"create_team", 2},
      {"add_team_member", 3},
      {"create_project", 4},
      {"update_project", 4},
      {"add_project_team", 4},
      {"remove_project_team", 5},
      {"remove_team_member", 6},
      {"delete_project", 7},
      {"delete_team", 8},
      {"delete_member", 9},
      {"delete_organization", 10},
      // monitors and alerts: after their projects (and project teams), deleted before them
      {"create_monitor", 5},
      {"update_monitor", 5},
      {"create_alert", 5},
      {"update_alert", 5},
      {"delete_monitor", 6},
      {"delete_alert", 6}};
  return ranks.at(type);
}

void expect_apply_order(const nlohmann::json& plan) {
  std::map<std::string, int> rank_so_far;
  for (const nlohmann::json& action : plan.at("actions")) {
    const std::string organization = action.at("organization");
    const int rank = apply_rank(action.at("type"));
    EXPECT_GE(rank, rank_so_far[organization]) << action.at("address");
    rank_so_far[organization] = rank;
  }
}

void expect_everything_created(emulator::Flavour flavour, const std::string& golden_prefix) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed(), flavour);
  workspace.use_example_definitions();

  const CliResult text = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(text.exit_code, 0) << text.all();
  EXPECT_EQ(last_line(text.out), "Plan: 33 to add, 0 to change, 0 to destroy.");
  const nlohmann::json plan = read_json(workspace, "plan.json");
  expect_apply_order(plan);
  std::map<std::string, int> counts;
  for (const std::string& type : action_fields(plan, "type")) ++counts[type];
  EXPECT_EQ(counts, (std::map<std::string, int>{{"add_project_team", 2},
                                                {"add_team_member", 8},
                                                {"create_alert", 4},
                                                {"create_monitor", 1},
                                                {"create_organization", 2},
                                                {"create_project", 4},
                                                {"create_team", 4},
                                                {"invite_member", 8}}));
  for (const std::string& email : action_fields(plan, "email")) {
    EXPECT_THAT(email, Not(HasSubstr("sd-app-sre"))) << "the automation user is never planned";
  }
  EXPECT_THAT(text.out, HasSubstr("+ member neilarmstrong@nasa.com, role member (GlitchTip "
                                  "e-mails an invitation)"));
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << "plan changed GlitchTip: " << request.path;
  }
  if (golden_prefix.empty()) return;
  const CliResult markdown = workspace.run({"show", "plan.json", "--format", "markdown"});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.all();
  const std::string url = workspace.emulator().base_url();
  expect_golden(golden_prefix + ".txt", without_volatile_parts(text.out, url));
  expect_golden(golden_prefix + ".md", without_volatile_parts(markdown.out, url));
}

TEST(PlanScenarios, EmptyGlitchTipCreatesEverythingInOnePlanInApplyOrder) {
  expect_everything_created(emulator::Flavour::drf, "everything_created");
}

TEST(PlanScenarios, EmptyNinjaGlitchTipCreatesEverythingInOnePlanInApplyOrder) {
  expect_everything_created(emulator::Flavour::ninja, "");
}

TEST(PlanScenarios, LiveEqualToTheDefinitionsIsAdoptedWithoutAnyAction) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  workspace.emulator().clear_requests();

  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const nlohmann::json document = read_json(workspace, "plan.json");
  EXPECT_TRUE(document.at("actions").empty());
  const size_t adopted = document.at("adoptions").size();
  // 2 organizations, 4 teams, 4 projects, 8 members (their team memberships and the
  // project teams come with them), 4 alerts and 1 monitor; the automation user in both is not
  // among them.
  EXPECT_EQ(adopted, 23u);
  EXPECT_EQ(last_line(plan.out),
            "Plan: 0 to add, 0 to change, 0 to destroy, " + std::to_string(adopted) + " to adopt.");
  for (const nlohmann::json& adoption : document.at("adoptions")) {
    EXPECT_THAT(adoption.at("address").get<std::string>(), Not(HasSubstr("sd-app-sre")));
  }
  EXPECT_THAT(plan.out, HasSubstr("> team nasa-pilots (exists in GlitchTip; recorded as "
                                  "managed, no API call)"));
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }
}

TEST(PlanScenarios, SecondPlanAfterApplyHasNoChanges) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_EQ(last_line(plan.out), "No changes. GlitchTip matches the definitions.");
}

TEST(PlanScenarios, AutomationUserIsNeverPlannedEvenWhenDeclared) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  // The bot is in both organizations and every team live; declaring it as a user with a
  // lower role must not plan a role change, a removal or a membership for it.
  workspace.write_definition("users/bot.yaml",
                             "kind: User\n"
                             "email: sd-app-sre+glitchtip@nasa.com\n"
                             "roles: [nasa-pilots]\n");
  const CliResult plan =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_EQ(last_line(plan.out), "No changes. GlitchTip matches the definitions.");
  EXPECT_THAT(plan.out, Not(HasSubstr("sd-app-sre")));
}

TEST(PlanScenarios, PendingMembersArePlannedLikeOthersAndShownAsPending) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  // Buzz Aldrin never accepted his invitation; he becomes an admin all the same.
  workspace.write_definition("users/buzz-aldrin.yaml",
                             "kind: User\n"
                             "email: BuzzAldrin@nasa.com\n"
                             "roles: [nasa-pilots]\n"
                             "access:\n"
                             "  organizations: [{name: NASA, role: admin}]\n");
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  // Reviewers see that the member whose role changes has not accepted the invitation yet.
  EXPECT_THAT(plan.out, HasSubstr("~ member buzzaldrin@nasa.com (pending): role member → admin"));
  EXPECT_THAT(workspace.run({"show", "adopt.json"}).out,
              HasSubstr("> member buzzaldrin@nasa.com (pending)"));
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  EXPECT_THAT(action_fields(document, "type"), ElementsAre("change_member_role"));
}

TEST(PlanScenarios, NewTeamWithNewAdminAndLinkedProject) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  workspace.write_definition("teams/nasa-moonwalkers.yaml",
                             "kind: Team\nname: nasa-moonwalkers\norganization: NASA\n");
  workspace.write_definition("users/alan-shepard.yaml",
                             "kind: User\n"
                             "email: AlanShepard@nasa.com\n"
                             "access:\n"
                             "  organizations: [{name: NASA, role: admin}]\n"
                             "  teams: [{organization: NASA, name: nasa-moonwalkers}]\n");
  workspace.write_definition("projects/apollo-14-lunar-module.yaml",
                             "kind: Project\n"
                             "name: Apollo 14 Lunar Module\n"
                             "organization: NASA\n"
                             "platform: python\n"
                             "teams: [nasa-moonwalkers]\n");
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_EQ(last_line(plan.out), "Plan: 4 to add, 0 to change, 0 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  EXPECT_THAT(action_fields(document, "type"),
              ElementsAre("invite_member", "create_team", "add_team_member", "create_project"));
  EXPECT_THAT(action_fields(document, "address"),
              ElementsAre("glitchtip-dev/NASA/member/alanshepard@nasa.com",
                          "glitchtip-dev/NASA/team/nasa-moonwalkers",
                          "glitchtip-dev/NASA/team/nasa-moonwalkers/member/alanshepard@nasa.com",
                          "glitchtip-dev/NASA/project/apollo-14-lunar-module"));
  EXPECT_THAT(plan.out, HasSubstr("+ member alanshepard@nasa.com, role admin (GlitchTip e-mails "
                                  "an invitation)"));
}

TEST(PlanScenarios, OffboardingOneUserIsOneDeletionWithItsMembershipsAsConsequences) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  const CliResult text = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(text.exit_code, 0) << text.all();
  EXPECT_EQ(last_line(text.out), "Plan: 0 to add, 0 to change, 1 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  ASSERT_EQ(document.at("actions").size(), 1u);
  const nlohmann::json& deletion = document.at("actions").at(0);
  EXPECT_EQ(deletion.at("type"), "delete_member");
  EXPECT_EQ(deletion.at("address"), "glitchtip-dev/NASA/member/michaelcollins@nasa.com");
  EXPECT_EQ(deletion.at("consequences"),
            nlohmann::json::array(
                {"glitchtip-dev/NASA/team/nasa-flight-control/member/michaelcollins@nasa.com"}));

  const CliResult markdown = workspace.run({"show", "plan.json", "--format", "markdown"});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.all();
  const std::string url = workspace.emulator().base_url();
  expect_golden("offboarding.txt", without_volatile_parts(text.out, url));
  expect_golden("offboarding.md", without_volatile_parts(markdown.out, url));
}

void expect_role_change(emulator::Flavour flavour) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, flavour));
  promote_neil_armstrong(workspace);
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("~ member neilarmstrong@nasa.com: role member → admin"));
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  EXPECT_THAT(action_fields(read_json(workspace, "plan.json"), "address"),
              ElementsAre("glitchtip-dev/NASA/member/neilarmstrong@nasa.com"));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
}

TEST(PlanScenarios, RoleChange) {
  expect_role_change(emulator::Flavour::drf);
}

TEST(PlanScenarios, RoleChangeOnNinja) {
  expect_role_change(emulator::Flavour::ninja);
}

TEST(PlanScenarios, ProjectRenameKeepsItsSlug) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  workspace.write_definition("projects/apollo-11-spacecraft.yaml",
                             "kind: Project\n"
                             "name: Apollo 11 Command Module\n"
                             "slug: apollo-11-spacecraft\n"
                             "organization: NASA\n"
                             "platform: python\n"
                             "teams: [nasa-pilots, nasa-flight-control]\n");
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("~ project apollo-11-spacecraft: name \"Apollo 11 Spacecraft\" "
                                  "→ \"Apollo 11 Command Module\""));
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  EXPECT_THAT(action_fields(read_json(workspace, "plan.json"), "type"),
              ElementsAre("update_project"));
}

TEST(PlanScenarios, DriftMadeByHandIsShownFirstAndReverted) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  edit_live(workspace, [](nlohmann::json& state) {
    for (nlohmann::json& member : live_organization(state, "nasa").at("members")) {
      if (member.at("email") == "neilarmstrong@nasa.com") member["role"] = "admin";
    }
  });
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const size_t drift = plan.out.find("Changed outside glitchtip-gitops:");
  const size_t change = plan.out.find("~ member neilarmstrong@nasa.com: role admin → member");
  ASSERT_NE(drift, std::string::npos) << plan.out;
  ASSERT_NE(change, std::string::npos) << plan.out;
  EXPECT_LT(drift, change);
  EXPECT_THAT(plan.out, HasSubstr("~ member neilarmstrong@nasa.com: role changed from member to "
                                  "admin outside glitchtip-gitops"));
  EXPECT_EQ(last_line(plan.out), "Plan: 0 to add, 1 to change, 0 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  ASSERT_EQ(document.at("drift").size(), 1u);
  EXPECT_EQ(document.at("drift").at(0).at("address"),
            "glitchtip-dev/NASA/member/neilarmstrong@nasa.com");

  const CliResult apply = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
}

TEST(PlanScenarios, RemovedOrganizationIsRefusedUnlessAllowedThenOneDeletionWithItsCascade) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  remove_esa(workspace);

  const CliResult refused = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("organization ESA would be deleted"));
  EXPECT_THAT(refused.err, HasSubstr("--allow-delete-organizations"));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));

  const CliResult allowed = workspace.run(
      {"plan", "-d", "definitions", "--out", "plan.json", "--allow-delete-organizations"});
  ASSERT_EQ(allowed.exit_code, 0) << allowed.all();
  EXPECT_EQ(last_line(allowed.out), "Plan: 0 to add, 0 to change, 1 to destroy.");
  const nlohmann::json document = read_json(workspace, "plan.json");
  ASSERT_EQ(document.at("actions").size(), 1u);
  const nlohmann::json& deletion = document.at("actions").at(0);
  EXPECT_EQ(deletion.at("type"), "delete_organization");
  EXPECT_EQ(deletion.at("address"), "glitchtip-dev/ESA");
  const std::vector<std::string> cascade = deletion.at("consequences");
  for (const char* address :
       {"glitchtip-dev/ESA/team/esa-pilots", "glitchtip-dev/ESA/team/esa-flight-control",
        "glitchtip-dev/ESA/project/rosetta-spacecraft",
        "glitchtip-dev/ESA/project/rosetta-flight-control",
        "glitchtip-dev/ESA/member/timpeake@nasa.com"}) {
    EXPECT_THAT(cascade, ::testing::Contains(address));
  }
  EXPECT_THAT(allowed.out, HasSubstr("also removes:"));
}

TEST(PlanScenarios, ProtectedProjectIsNeverDeletedAndThePlanNamesIt) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  workspace.write_definition("projects/apollo-11-flight-control.yaml",
                             "kind: Project\n"
                             "name: Apollo 11 Flight Control\n"
                             "organization: NASA\n"
                             "platform: python\n"
                             "teams: [nasa-flight-control]\n"
                             "protected: true\n");
  const CliResult adopt = workspace.run({"plan", "-d", "definitions", "--out", "adopt.json"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.all();
  const CliResult apply = workspace.run({"apply", "adopt.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();

  workspace.remove_definition("projects/apollo-11-flight-control.yaml");
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("glitchtip-dev/NASA/project/apollo-11-flight-control"));
  EXPECT_THAT(plan.err, HasSubstr("project apollo-11-flight-control is protected"));
  EXPECT_THAT(plan.err, HasSubstr("The plan was refused; nothing was written."));
  EXPECT_FALSE(std::filesystem::exists(workspace.dir() / "plan.json"));
}

}  // namespace
}  // namespace gg::testing
