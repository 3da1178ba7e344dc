// Convergence, end to end: for each scenario docs/design.md §9 names, plan, apply, and plan again
// finds nothing to do, and GlitchTip (the emulator's dump) holds exactly what the
// definitions declare.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

class ApplyConvergence : public ::testing::TestWithParam<emulator::Flavour> {};

TEST_P(ApplyConvergence, EmptyGlitchTipBecomesTheExample) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed(), GetParam());
  workspace.use_example_definitions();

  const std::vector<CliResult> results = plan_apply_replan(workspace);
  EXPECT_EQ(normalized(workspace.emulator().dump()), example_converged());
  EXPECT_THAT(duplicate_slugs(workspace.emulator().dump()), ::testing::IsEmpty());
  expect_no_token(workspace, results);
}

TEST_P(ApplyConvergence, NewTeamWithANewAdminAndALinkedProject) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed(), GetParam());
  workspace.use_example_definitions();
  workspace.write_definition("teams/nasa-eva.yaml",
                             "kind: Team\nname: nasa-eva\norganization: NASA\n");
  workspace.write_definition("roles/nasa-eva-admins.yaml",
                             "kind: Role\nname: nasa-eva-admins\n"
                             "organizations:\n  - {name: NASA, role: admin}\n"
                             "teams:\n  - {organization: NASA, name: nasa-eva}\n");
  workspace.write_definition("users/ed-white.yaml",
                             "kind: User\nemail: EdWhite@nasa.com\nroles: [nasa-eva-admins]\n");
  workspace.write_definition("projects/gemini-4.yaml",
                             "kind: Project\nname: Gemini 4\norganization: NASA\n"
                             "platform: javascript\nteams: [nasa-eva]\n");

  const std::vector<CliResult> results = plan_apply_replan(workspace);
  nlohmann::json expected = example_converged();
  expected["nasa"]["members"]["edwhite@nasa.com"] = "admin";
  expected["nasa"]["teams"]["nasa-eva"] =
      sorted_strings({"sd-app-sre+glitchtip@nasa.com", "edwhite@nasa.com"});
  expected["nasa"]["projects"]["gemini-4"] = {
      {"name", "Gemini 4"}, {"platform", "javascript"}, {"teams", {"nasa-eva"}}};
  EXPECT_EQ(normalized(workspace.emulator().dump()), expected);
  expect_no_token(workspace, results);
}

INSTANTIATE_TEST_SUITE_P(BothApiFlavours, ApplyConvergence,
                         ::testing::Values(emulator::Flavour::drf, emulator::Flavour::ninja),
                         flavour_name);

TEST(ApplyConvergence, OffboardingAUserByDeletingTheirFile) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  workspace.remove_definition("users/neil-armstrong.yaml");

  plan_apply_replan(workspace);
  nlohmann::json expected = example_converged();
  expected["nasa"]["members"].erase("neilarmstrong@nasa.com");
  nlohmann::json& pilots = expected["nasa"]["teams"]["nasa-pilots"];
  pilots.erase(std::find(pilots.begin(), pilots.end(), "neilarmstrong@nasa.com"));
  EXPECT_EQ(normalized(workspace.emulator().dump()), expected);
}

TEST(ApplyConvergence, ARoleChange) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  workspace.write_definition("roles/global-flight-directors.yaml",
                             "kind: Role\nname: global-flight-directors\n"
                             "organizations:\n  - {name: NASA, role: manager}\n"
                             "  - {name: ESA, role: owner}\n"
                             "teams:\n  - {organization: NASA, name: nasa-flight-control}\n"
                             "  - {organization: ESA, name: esa-flight-control}\n");

  const std::vector<CliResult> results = plan_apply_replan(workspace);
  EXPECT_THAT(results[0].out, HasSubstr("1 to change"));
  nlohmann::json expected = example_converged();
  expected["nasa"]["members"]["globalflightdirector@nasa.com"] = "manager";
  EXPECT_EQ(normalized(workspace.emulator().dump()), expected);
}

TEST(ApplyConvergence, AProjectRenameKeepsItsSlug) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed(), emulator::Flavour::ninja);
  workspace.use_example_definitions();
  workspace.write_definition("projects/apollo-11-spacecraft.yaml",
                             "kind: Project\nname: Apollo 11 Columbia\nslug: apollo-11-spacecraft\n"
                             "organization: NASA\nplatform: python\n"
                             "teams: [nasa-pilots, nasa-flight-control]\n");

  const std::vector<CliResult> results = plan_apply_replan(workspace);
  EXPECT_THAT(results[0].out, HasSubstr("0 to add, 1 to change, 0 to destroy"));
  nlohmann::json expected = example_converged();
  expected["nasa"]["projects"]["apollo-11-spacecraft"]["name"] = "Apollo 11 Columbia";
  EXPECT_EQ(normalized(workspace.emulator().dump()), expected);
}

TEST(ApplyConvergence, ABrandNewOrganizationConvergesInOneApply) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  workspace.write_definition("organizations/jaxa.yaml",
                             "kind: Organization\nname: JAXA\ninstance: glitchtip-dev\n");
  workspace.write_definition("teams/jaxa-hayabusa.yaml",
                             "kind: Team\nname: jaxa-hayabusa\norganization: JAXA\n");
  workspace.write_definition("roles/jaxa-hayabusa.yaml",
                             "kind: Role\nname: jaxa-hayabusa\n"
                             "organizations:\n  - {name: JAXA, role: manager}\n"
                             "teams:\n  - {organization: JAXA, name: jaxa-hayabusa}\n");
  workspace.write_definition(
      "users/koichi-wakata.yaml",
      "kind: User\nemail: KoichiWakata@nasa.com\nroles: [jaxa-hayabusa, nasa-pilots]\n");
  workspace.write_definition("projects/hayabusa-2.yaml",
                             "kind: Project\nname: Hayabusa 2\norganization: JAXA\n"
                             "platform: python\nteams: [jaxa-hayabusa]\n");

  plan_apply_replan(workspace);
  nlohmann::json expected = example_converged();
  expected["nasa"]["members"]["koichiwakata@nasa.com"] = "member";
  expected["nasa"]["teams"]["nasa-pilots"].push_back("koichiwakata@nasa.com");
  expected["nasa"]["teams"]["nasa-pilots"] =
      sorted_strings(expected["nasa"]["teams"]["nasa-pilots"]);
  expected["jaxa"] = {
      {"name", "JAXA"},
      {"members",
       {{"sd-app-sre+glitchtip@nasa.com", "owner"}, {"koichiwakata@nasa.com", "manager"}}},
      {"teams",
       {{"jaxa-hayabusa",
         sorted_strings({"sd-app-sre+glitchtip@nasa.com", "koichiwakata@nasa.com"})}}},
      {"projects",
       {{"hayabusa-2",
         {{"name", "Hayabusa 2"}, {"platform", "python"}, {"teams", {"jaxa-hayabusa"}}}}}}};
  EXPECT_EQ(normalized(workspace.emulator().dump()), expected);
}

}  // namespace
}  // namespace gg::testing
