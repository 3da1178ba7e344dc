// plan starts reading GlitchTip before the definitions are loaded (cmd/live_read.hpp). A
// mistake in the definitions must still be reported as such, and the read in flight is
// cancelled rather than carried on: the user gets the mistake, not a wait on GlitchTip.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/fault_rules.hpp"
#include "tests/cli/scenarios.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

TEST(PlanEarlyRead, AMistakeInTheDefinitionsCancelsTheReadInFlight) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  // The organization list answers after 4 s; everything else would follow it.
  workspace.emulator().add_fault(
      Fault::latency(std::chrono::milliseconds(4000)).on("", "^/api/0/organizations/$"));
  workspace.write_definition("teams/broken.yaml", "kind: Team\nname: [unclosed\n");

  const CliResult plan = workspace.run({"plan", "-d", "definitions"});
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("teams/broken.yaml:")) << plan.all();
  EXPECT_THAT(plan.err, ::testing::Not(HasSubstr("cancelled"))) << plan.all();
  // Only the API root and the organization list were asked for: nothing that follows.
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_THAT(request.path, ::testing::AnyOf("/api/0/", "/api/0/organizations/"))
        << request.method << " " << request.path;
  }
}

TEST(PlanEarlyRead, AnInstanceOutOfScopeIsNeverRead) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--instance", "nowhere"});
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_TRUE(workspace.emulator().requests().empty());
}

}  // namespace
}  // namespace gg::testing
