// Two applies on one snapshot: the second fails naming the holder of the lock; never do
// both write.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"
#include "tests/cli/fault_rules.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

TEST(ApplyLock, ASecondApplyFailsNamingTheHolder) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  // The first apply's first write waits 6 s in GlitchTip, so that it holds the lock while
  // the second one runs, however fast this machine is.
  workspace.emulator().add_fault(Fault::latency(std::chrono::seconds(6)).on("POST").times(1));

  BackgroundRun first(workspace, {"apply", "plan.json"}, "first");
  const std::filesystem::path lock = workspace.dir() / "snapshot.json.lock";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!std::filesystem::exists(lock) && !first.ended() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(std::filesystem::exists(lock)) << "the first apply never took the lock";

  const CliResult second = workspace.run({"apply", "plan.json", "--lock-timeout", "0"});
  EXPECT_EQ(second.exit_code, 1) << second.all();
  EXPECT_THAT(second.err, HasSubstr("the snapshot is locked by apply (lock "));
  EXPECT_THAT(second.err, HasSubstr("force-unlock"));

  EXPECT_EQ(first.wait(), 0) << workspace.read_file("first.err");
  const nlohmann::json dump = workspace.emulator().dump();
  EXPECT_THAT(duplicate_slugs(dump), ::testing::IsEmpty());
  EXPECT_EQ(normalized(dump), example_converged());
  EXPECT_FALSE(std::filesystem::exists(lock));
  expect_no_token(workspace, {second});
}

}  // namespace
}  // namespace gg::testing
