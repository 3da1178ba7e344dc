// A plan that no longer fits the world is refused before the first write (docs/apply.md,
// "What apply checks before the first write"): another apply in between, a hand-made
// change in GlitchTip, an offline plan against a GlitchTip that moved, an edited plan file,
// a plan other than the approved one, a plan too old.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

bool made_any_write(const emulator::Emulator& emulator) {
  for (const auto& request : emulator.requests()) {
    if (request.method != "GET") return true;
  }
  return false;
}

class StalePlan : public ::testing::Test {
 protected:
  // The example adopted from live (a snapshot at serial 1), then one more user declared.
  void SetUp() override {
    workspace_.start_emulator(CliWorkspace::example_live_seed());
    workspace_.use_example_definitions();
    plan_apply_replan(workspace_);
    workspace_.write_definition("users/ed-white.yaml",
                                "kind: User\nemail: EdWhite@nasa.com\nroles: [nasa-pilots]\n");
  }

  nlohmann::json plan_file(const std::string& name) const {
    return nlohmann::json::parse(workspace_.read_file(name));
  }
  void write_plan_file(const std::string& name, const nlohmann::json& plan) const {
    std::ofstream(workspace_.dir() / name, std::ios::trunc) << plan.dump(2);
  }

  // Runs apply, expects it refused without a single write to GlitchTip.
  CliResult refused(const std::vector<std::string>& arguments) {
    workspace_.emulator().clear_requests();
    const std::string before = workspace_.read_file(workspace_.snapshot());
    CliResult result = workspace_.run(arguments);
    EXPECT_EQ(result.exit_code, 1) << result.all();
    EXPECT_FALSE(made_any_write(workspace_.emulator()));
    EXPECT_EQ(workspace_.read_file(workspace_.snapshot()), before);
    EXPECT_THAT(result.all(), ::testing::Not(HasSubstr(example_token())));
    return result;
  }

  CliWorkspace workspace_;
};

TEST_F(StalePlan, AnotherApplySinceThePlanIsNamedBySerial) {
  ASSERT_EQ(workspace_.run({"plan", "-d", "definitions", "--out", "first.json"}).exit_code, 0);
  std::filesystem::copy_file(workspace_.dir() / "first.json", workspace_.dir() / "second.json");
  const CliResult first = workspace_.run({"apply", "first.json"});
  ASSERT_EQ(first.exit_code, 0) << first.all();

  const CliResult second = refused({"apply", "second.json"});
  EXPECT_THAT(second.err, HasSubstr("the snapshot changed since this plan was made: serial "));
  EXPECT_THAT(second.err, ::testing::ContainsRegex("serial [0-9]+ → [0-9]+"));
  EXPECT_THAT(second.err, HasSubstr("plan again"));
}

// A plan made with --snapshot: the hint to apply it repeats the path, and apply against
// another snapshot file says the path may be what is missing, as well as "plan again".
TEST_F(StalePlan, APlanMadeWithAnotherSnapshotFileNamesThePath) {
  const CliResult refresh =
      workspace_.run({"refresh", "-d", "definitions", "--snapshot", "other.json"});
  ASSERT_EQ(refresh.exit_code, 0) << refresh.all();
  const CliResult plan = workspace_.run(
      {"plan", "-d", "definitions", "--snapshot", "other.json", "--out", "other-plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("Apply exactly this plan with:\n  glitchtip-gitops apply "
                                  "other-plan.json --snapshot other.json\n"));

  const CliResult elsewhere = refused({"apply", "other-plan.json"});
  EXPECT_THAT(elsewhere.err, HasSubstr("the snapshot is not the one this plan was made against"));
  EXPECT_THAT(elsewhere.err, HasSubstr("give its path: glitchtip-gitops apply other-plan.json "
                                       "--snapshot PATH"));
  EXPECT_THAT(elsewhere.err, HasSubstr("run plan again"));

  const CliResult applied =
      workspace_.run({"apply", "other-plan.json", "--snapshot", "other.json"});
  EXPECT_EQ(applied.exit_code, 0) << applied.all();
}

TEST_F(StalePlan, AMemberRoleChangedByHandIsNamed) {
  workspace_.write_definition("users/neil-armstrong.yaml",
                              "kind: User\nemail: NeilArmstrong@nasa.com\nroles: [nasa-pilots, "
                              "global-flight-directors]\n");
  ASSERT_EQ(workspace_.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  change_by_hand(workspace_, [](nlohmann::json& dump) {
    member_in(organization_in(dump, "nasa"), "neilarmstrong@nasa.com")["role"] = "admin";
  });

  const CliResult apply = refused({"apply", "plan.json"});
  EXPECT_THAT(apply.err, HasSubstr("GlitchTip changed since this plan was made"));
  EXPECT_THAT(apply.err, HasSubstr("glitchtip-dev/NASA/member/neilarmstrong@nasa.com"));
  EXPECT_THAT(apply.err, HasSubstr("admin"));
}

TEST_F(StalePlan, AnOfflinePlanAgainstAGlitchTipThatDiffersFromTheSnapshot) {
  ASSERT_EQ(
      workspace_.run({"plan", "-d", "definitions", "--offline", "--out", "plan.json"}).exit_code,
      0);
  // Someone invited Ed White by hand: the offline plan's invite would find him there.
  change_by_hand(workspace_, [](nlohmann::json& dump) {
    organization_in(dump, "nasa")["members"].push_back(
        {{"email", "edwhite@nasa.com"}, {"role", "admin"}, {"pending", true}});
  });

  const CliResult apply = refused({"apply", "plan.json"});
  EXPECT_THAT(apply.err, HasSubstr("glitchtip-dev/NASA/member/edwhite@nasa.com"));
}

TEST_F(StalePlan, ATamperedPlanFile) {
  ASSERT_EQ(workspace_.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  nlohmann::json plan = plan_file("plan.json");
  bool edited = false;
  for (nlohmann::json& action : plan.at("actions")) {
    if (action.at("type") == "invite_member") {
      action["after"]["role"] = "owner";
      edited = true;
    }
  }
  ASSERT_TRUE(edited) << plan.dump(2);
  write_plan_file("plan.json", plan);

  const CliResult apply = refused({"apply", "plan.json"});
  EXPECT_THAT(apply.err, HasSubstr("plan.json"));
  EXPECT_THAT(apply.err, HasSubstr("plan_sha256"));
}

TEST_F(StalePlan, ExpectWithAnotherDigest) {
  ASSERT_EQ(workspace_.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  const std::string other(64, 'a');
  const CliResult apply = refused({"apply", "plan.json", "--expect", other});
  EXPECT_THAT(apply.err, HasSubstr("not the approved plan"));
  EXPECT_THAT(apply.err, HasSubstr(other));

  const std::string digest = plan_file("plan.json").at("plan_sha256");
  const CliResult approved = workspace_.run({"apply", "plan.json", "--expect", digest});
  EXPECT_EQ(approved.exit_code, 0) << approved.all();
}

// The approved plan was made at the merge request's commit; main re-plans at the merge (or
// squash) commit. The same definitions on the same snapshot are the same plan; a definition
// that changed in between is not.
TEST_F(StalePlan, ExpectApprovesContentWhateverTheCommit) {
  ASSERT_EQ(workspace_
                .run({"plan", "-d", "definitions", "--out", "approved.json", "--commit",
                      std::string(40, 'a')})
                .exit_code,
            0);
  const std::string approved = plan_file("approved.json").at("plan_sha256");

  workspace_.write_definition("users/roger-chaffee.yaml",
                              "kind: User\nemail: RogerChaffee@nasa.com\nroles: [nasa-pilots]\n");
  ASSERT_EQ(workspace_
                .run({"plan", "-d", "definitions", "--out", "changed.json", "--commit",
                      std::string(40, 'b')})
                .exit_code,
            0);
  const CliResult changed = refused({"apply", "changed.json", "--expect", approved});
  EXPECT_THAT(changed.err, HasSubstr("not the approved plan"));

  std::filesystem::remove(workspace_.definitions() / "users/roger-chaffee.yaml");
  ASSERT_EQ(workspace_
                .run({"plan", "-d", "definitions", "--out", "merged.json", "--commit",
                      std::string(40, 'c')})
                .exit_code,
            0);
  EXPECT_EQ(plan_file("merged.json").at("inputs").at("git_commit"), std::string(40, 'c'));
  const CliResult merged = workspace_.run({"apply", "merged.json", "--expect", approved});
  EXPECT_EQ(merged.exit_code, 0) << merged.all();
}

TEST_F(StalePlan, StrictAgeRefusesAnOldPlanAndOtherwiseWarns) {
  ASSERT_EQ(workspace_.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  nlohmann::json plan = plan_file("plan.json");
  plan["created_at"] = "2020-01-01T00:00:00Z";  // outside plan_sha256
  write_plan_file("plan.json", plan);

  const CliResult strict = refused({"apply", "plan.json", "--strict-age"});
  EXPECT_THAT(strict.err, HasSubstr("2020-01-01T00:00:00Z"));
  EXPECT_THAT(strict.err, HasSubstr("--max-age"));

  const CliResult lenient = workspace_.run({"apply", "plan.json"});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.all();
  EXPECT_THAT(lenient.err, HasSubstr("warning:"));
}

}  // namespace
}  // namespace gg::testing
