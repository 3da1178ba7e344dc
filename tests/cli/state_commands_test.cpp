// state list, state show and force-unlock against a snapshot written by a real apply.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "providers/snapshot/lock_info.hpp"
#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

class StateCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    workspace_.start_emulator(CliWorkspace::empty_seed());
    workspace_.use_example_definitions();
    plan_apply_replan(workspace_);
  }
  CliWorkspace workspace_;
};

TEST_F(StateCommands, ListNamesEveryManagedAddress) {
  const CliResult list = workspace_.run({"state", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.all();
  for (const std::string address :
       {"glitchtip-dev/NASA", "glitchtip-dev/ESA", "glitchtip-dev/NASA/team/nasa-pilots",
        "glitchtip-dev/ESA/project/rosetta-spacecraft",
        "glitchtip-dev/NASA/member/neilarmstrong@nasa.com"}) {
    EXPECT_THAT(list.out, HasSubstr(address + "\n"));
  }
  EXPECT_THAT(list.out, ::testing::Not(HasSubstr("sd-app-sre+glitchtip")));
}

TEST_F(StateCommands, ShowPrintsTheRecordedObject) {
  const CliResult show =
      workspace_.run({"state", "show", "glitchtip-dev/NASA/project/apollo-11-spacecraft"});
  ASSERT_EQ(show.exit_code, 0) << show.all();
  const nlohmann::json project = nlohmann::json::parse(show.out);
  EXPECT_THAT(project.dump(), HasSubstr("Apollo 11 Spacecraft"));
  EXPECT_THAT(project.dump(), HasSubstr("nasa-pilots"));

  const CliResult missing = workspace_.run({"state", "show", "glitchtip-dev/NASA/team/nope"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("glitchtip-dev/NASA/team/nope"));
  EXPECT_THAT(missing.err, HasSubstr("state list"));
}

TEST_F(StateCommands, ForceUnlockRemovesOnlyTheNamedStaleLock) {
  // The lock a killed apply leaves: its process is gone.
  const pid_t gone = fork();
  if (gone == 0) _exit(0);
  waitpid(gone, nullptr, 0);
  LockInfo stale = lock_info_for_this_process("apply");
  stale.pid = gone;
  const std::filesystem::path lock = workspace_.dir() / "snapshot.json.lock";
  std::ofstream(lock) << lock_info_to_json(stale).dump();

  workspace_.write_definition("users/ed-white.yaml",
                              "kind: User\nemail: EdWhite@nasa.com\nroles: [nasa-pilots]\n");
  ASSERT_EQ(workspace_.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  const CliResult blocked = workspace_.run({"apply", "plan.json", "--lock-timeout", "0"});
  EXPECT_EQ(blocked.exit_code, 1) << blocked.all();
  EXPECT_THAT(blocked.err, HasSubstr(stale.id));
  EXPECT_THAT(blocked.err, HasSubstr("stale"));

  const CliResult wrong = workspace_.run({"force-unlock", "00000000-0000-4000-8000-000000000000"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.all();
  EXPECT_THAT(wrong.err, HasSubstr("left as it is"));
  EXPECT_TRUE(std::filesystem::exists(lock));

  const CliResult right = workspace_.run({"force-unlock", stale.id});
  EXPECT_EQ(right.exit_code, 0) << right.all();
  EXPECT_FALSE(std::filesystem::exists(lock));

  const CliResult apply = workspace_.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 0) << apply.all();
  expect_no_token(workspace_, {blocked, wrong, right, apply});
}

}  // namespace
}  // namespace gg::testing
