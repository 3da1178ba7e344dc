// refresh: after a change made by hand in GlitchTip, refresh records it in the snapshot
// (and says what it recorded) without writing to GlitchTip; the next plan shows no drift.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Refresh, RecordsHandMadeDriftSoTheNextPlanShowsNone) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  plan_apply_replan(workspace);
  change_by_hand(workspace, [](nlohmann::json& dump) {
    member_in(organization_in(dump, "nasa"), "michaelcollins@nasa.com")["role"] = "admin";
  });

  const CliResult drifted = workspace.run({"plan", "-d", "definitions"});
  ASSERT_EQ(drifted.exit_code, 0) << drifted.all();
  EXPECT_THAT(drifted.out, HasSubstr("Changed outside glitchtip-gitops:"));

  workspace.emulator().clear_requests();
  const CliResult refresh = workspace.run({"refresh", "-d", "definitions"});
  ASSERT_EQ(refresh.exit_code, 0) << refresh.all();
  EXPECT_THAT(refresh.out, HasSubstr("michaelcollins@nasa.com"));
  // A real header: version, time, the snapshot it started from, the definitions digest.
  EXPECT_THAT(refresh.out, Not(HasSubstr("plan, made ,")));
  EXPECT_THAT(refresh.out, Not(HasSubstr("Snapshot: none yet")));
  EXPECT_THAT(refresh.out, ::testing::ContainsRegex("^glitchtip-gitops [^ ]+ plan, made "
                                                    "20[0-9][0-9]-[0-9-]+T[0-9:]+Z, mode "
                                                    "refresh-only\n"));
  EXPECT_THAT(refresh.out, ::testing::ContainsRegex("\nSnapshot: serial [1-9][0-9]* of "
                                                    "lineage [0-9a-f-]+\n"));
  EXPECT_THAT(refresh.out, ::testing::ContainsRegex("\nDefinitions: sha256 [0-9a-f]{64}\n"));
  // The definitions still say member: they do not agree with GlitchTip.
  EXPECT_THAT(refresh.out, Not(HasSubstr("The definitions agree")));
  EXPECT_THAT(refresh.out, HasSubstr("The definitions still ask for 1 change in GlitchTip"));
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }
  const CliResult shown =
      workspace.run({"state", "show", "glitchtip-dev/NASA/member/michaelcollins@nasa.com"});
  ASSERT_EQ(shown.exit_code, 0) << shown.all();
  EXPECT_THAT(shown.out, HasSubstr("\"admin\""));

  const CliResult after = workspace.run({"plan", "-d", "definitions"});
  ASSERT_EQ(after.exit_code, 0) << after.all();
  EXPECT_THAT(after.out, Not(HasSubstr("Changed outside glitchtip-gitops:")));
  // The definitions still say member: the plan puts the role back, as a change, not drift.
  EXPECT_THAT(after.out, HasSubstr("1 to change"));
  expect_no_token(workspace, {drifted, refresh, shown, after});
}

// plan --refresh-only says whether the definitions agree, and its apply says what it recorded.
TEST(Refresh, ARefreshOnlyPlanSaysWhatItsApplyRecorded) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::example_live_seed());
  workspace.use_example_definitions();
  plan_apply_replan(workspace);
  change_by_hand(workspace, [](nlohmann::json& dump) {
    member_in(organization_in(dump, "nasa"), "michaelcollins@nasa.com")["role"] = "admin";
  });

  const CliResult plan =
      workspace.run({"plan", "-d", "definitions", "--refresh-only", "--out", "refresh.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, Not(HasSubstr("The definitions agree")));
  EXPECT_THAT(plan.out, HasSubstr("The definitions still ask for 1 change in GlitchTip"));

  const CliResult apply = workspace.run({"apply", "refresh.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  EXPECT_THAT(apply.out, Not(HasSubstr("0 added, 0 changed, 0 destroyed")));
  EXPECT_THAT(apply.out, HasSubstr("Apply complete! Recorded 1 change made outside "
                                   "glitchtip-gitops in "));
  EXPECT_THAT(apply.out, HasSubstr("; GlitchTip was not changed.\n"));

  const CliResult again = workspace.run({"plan", "-d", "definitions", "--refresh-only"});
  ASSERT_EQ(again.exit_code, 0) << again.all();
  EXPECT_THAT(again.out, Not(HasSubstr("GlitchTip matches the definitions")));
  EXPECT_THAT(again.out, HasSubstr("No changes to record. The definitions still ask for 1 change"));
  expect_no_token(workspace, {plan, apply, again});
}

}  // namespace
}  // namespace gg::testing
