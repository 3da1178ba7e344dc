// kill -9 of apply at random moments: the snapshot always loads (with the journal the killed
// apply left beside it), the stale lock is cleared with force-unlock, and planning again plus
// applying converges with nothing duplicated and nothing lost; the finishing apply folds the
// journal, so one file is left.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "providers/snapshot/local_snapshot_store.hpp"
#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"
#include "tests/cli/fault_rules.hpp"

namespace gg::testing {
namespace {

using namespace std::chrono_literals;

TEST(ApplyCrash, KilledAtRandomMomentsAlwaysRecovers) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  const nlohmann::json empty = workspace.emulator().dump();
  const emulator::FaultRule slow = Fault::latency(5ms).jitter(15ms);
  // Every run starts from an empty GlitchTip and no snapshot, so one plan serves them all.
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);

  std::mt19937 random(20261129);
  std::uniform_int_distribution<int> delay_ms(0, 600);
  std::uniform_int_distribution<int> after_journal_ms(0, 30);
  LocalSnapshotStore store(workspace.snapshot());
  int killed_while_writing = 0;
  int journal_left = 0;
  std::error_code ignored;  // file_size of a journal not there yet
  for (int run = 0; run < 20; ++run) {
    SCOPED_TRACE("run " + std::to_string(run));
    ASSERT_TRUE(workspace.emulator().seed(empty).ok());
    for (const auto& file :
         {store.file(), store.backup_file(), store.lock_file(), store.journal_file()}) {
      std::filesystem::remove(file);
    }

    workspace.emulator().add_fault(slow);
    BackgroundRun apply(workspace, {"apply", "plan.json"}, "apply");
    // Every other run is killed soon after the journal's first line, so that kills in the
    // middle of appends happen whatever the machine's load.
    if (run % 2 == 1) {
      const auto latest = std::chrono::steady_clock::now() + 20s;
      const auto journal_has_a_line = [&] {
        const auto size = std::filesystem::file_size(store.journal_file(), ignored);
        return !ignored && size > 0;
      };
      while (!journal_has_a_line() && !apply.ended() && std::chrono::steady_clock::now() < latest) {
        std::this_thread::sleep_for(1ms);
      }
    }
    const int delay = run % 2 == 1 ? after_journal_ms(random) : delay_ms(random);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
    while (std::chrono::steady_clock::now() < deadline && !apply.ended()) {
      std::this_thread::sleep_for(2ms);
    }
    apply.kill_now();
    if (apply.wait() == 128 + SIGKILL) ++killed_while_writing;
    if (std::filesystem::exists(store.journal_file())) ++journal_left;

    Result<StoredSnapshot> stored = store.read();
    ASSERT_TRUE(stored.ok()) << stored.error().to_string();
    Result<std::optional<LockInfo>> holder = store.holder();
    ASSERT_TRUE(holder.ok()) << holder.error().to_string();
    if (holder->has_value()) {
      // What `force-unlock ID` does (state_commands_test runs the command itself).
      ASSERT_TRUE(store.unlock((*holder)->id).ok());
    }

    workspace.emulator().clear_faults();
    const CliResult replan = workspace.run({"plan", "-d", "definitions", "--out", "again.json"});
    ASSERT_EQ(replan.exit_code, 0) << replan.all();
    const CliResult finish = workspace.run({"apply", "again.json"});
    ASSERT_EQ(finish.exit_code, 0) << finish.all();
    const nlohmann::json dump = workspace.emulator().dump();
    EXPECT_THAT(duplicate_slugs(dump), ::testing::IsEmpty());
    EXPECT_EQ(normalized(dump), example_converged());
    EXPECT_FALSE(std::filesystem::exists(store.journal_file())) << "apply folds its journal";
    EXPECT_THAT(workspace.read_file("apply.err"),
                ::testing::Not(::testing::HasSubstr(example_token())));
  }
  EXPECT_GE(killed_while_writing, 10) << "most runs must be killed mid-apply";
  EXPECT_GE(journal_left, 5) << "most kills must leave a journal for the next run to read";
  const CliResult last = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(last.exit_code, 0) << last.all();
  expect_no_token(workspace, {last});
}

}  // namespace
}  // namespace gg::testing
