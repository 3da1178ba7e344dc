// The README's promise on the bundled example: from an empty GlitchTip, one plan creates
// everything, apply makes it so, and the next plan shows no changes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/cli_harness.hpp"

namespace gg::testing {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;

TEST(ExampleWorkflow, EmptyGlitchTipConvergesInOneApply) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();

  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, EndsWith("Plan: 33 to add, 0 to change, 0 to destroy.\n"));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  EXPECT_THAT(apply.out, HasSubstr("Apply complete! 33 added, 0 changed, 0 destroyed."));

  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_THAT(again.out, EndsWith("No changes. GlitchTip matches the definitions.\n"));

  // The Apollo 11 Spacecraft alert's Slack webhook is sent, and shown as scheme and host only.
  EXPECT_THAT(plan.out, HasSubstr("webhook https://hooks.slack.example/… (sha256 "));
  const std::string webhook_path = example_slack_webhook().substr(27);
  for (const CliResult* result : {&plan, &apply, &again}) {
    EXPECT_THAT(result->all(), ::testing::Not(HasSubstr(example_token())));
    EXPECT_THAT(result->all(), ::testing::Not(HasSubstr(webhook_path)));
  }
  EXPECT_THAT(workspace.read_file("plan.json"), ::testing::Not(HasSubstr(webhook_path)));
  EXPECT_THAT(workspace.read_file(workspace.snapshot()), ::testing::Not(HasSubstr(webhook_path)));
}

TEST(ExampleWorkflow, LiveMatchingTheDefinitionsIsAdoptedWithoutAnyWrite) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  workspace.emulator().clear_requests();

  const CliResult plan =
      workspace.run({"plan", "-d", "definitions", "--out", "plan.json", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 2) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("0 to add, 0 to change, 0 to destroy"));
  EXPECT_THAT(plan.out, HasSubstr("to adopt"));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }
  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
}

}  // namespace
}  // namespace gg::testing
