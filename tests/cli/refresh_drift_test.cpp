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

}  // namespace
}  // namespace gg::testing
