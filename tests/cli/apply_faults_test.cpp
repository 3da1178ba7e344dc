// Apply against a GlitchTip that fails: transient errors are retried, a hard error stops
// the apply with a report and leaves exactly the remaining work for the next plan, and a
// create whose answer was lost is never repeated into a `-2` duplicate.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"
#include "tests/cli/fault_rules.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;

// Every declared organization and project is there exactly once (by name).
void expect_each_once(const nlohmann::json& dump) {
  std::map<std::string, int> seen;
  for (const nlohmann::json& organization : dump.at("organizations")) {
    ++seen[organization.at("name").get<std::string>()];
    for (const nlohmann::json& project : organization.at("projects")) {
      ++seen[organization.at("name").get<std::string>() + "/" +
             project.at("name").get<std::string>()];
    }
  }
  for (const auto& [name, count] : seen) EXPECT_EQ(count, 1) << name;
  EXPECT_THAT(duplicate_slugs(dump), ::testing::IsEmpty());
}

TEST(ApplyFaults, TenPercentTransientFailuresAreRetriedToConvergence) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  // Rules are tried in order; together about one request in ten fails.
  workspace.emulator().add_fault(Fault::status(502).rate(0.04));
  workspace.emulator().add_fault(Fault::status(503).rate(0.035));
  workspace.emulator().add_fault(Fault::status(429).rate(0.03).retry_after(0));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  int failed = 0;
  for (const auto& request : workspace.emulator().requests()) failed += request.status >= 429;
  EXPECT_GT(failed, 0) << "the faults never fired: the test proves nothing";
  if (apply.exit_code != 0) {
    // Stopping cleanly is allowed when retries run out; then the report says what is left.
    EXPECT_EQ(apply.exit_code, 1) << apply.all();
    EXPECT_THAT(apply.err, HasSubstr("Apply stopped at a failure")) << apply.all();
    workspace.emulator().clear_faults();
    plan_apply_replan(workspace);
  } else {
    const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.all();
  }
  EXPECT_EQ(normalized(workspace.emulator().dump()), example_converged());
  expect_each_once(workspace.emulator().dump());
}

TEST(ApplyFaults, AServerErrorOnTheSeventhWriteStopsWithAReport) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  workspace.emulator().add_fault(Fault::status(500).on("POST").nth(7));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.err, HasSubstr("Apply stopped at a failure"));
  EXPECT_THAT(apply.err, HasSubstr("Failed: "));
  EXPECT_THAT(apply.err, HasSubstr("500"));           // GlitchTip's answer
  EXPECT_THAT(apply.err, HasSubstr("POST /api/0/"));  // the request it answered
  EXPECT_THAT(apply.err, HasSubstr("Not attempted ("));
  std::smatch done;
  ASSERT_TRUE(std::regex_search(apply.err, done, std::regex("Done: ([0-9]+) of 33 actions")))
      << apply.err;
  const int done_count = std::stoi(done[1]);
  EXPECT_GE(done_count, 3);
  EXPECT_LT(done_count, 33);
  EXPECT_THAT(apply.out, ::testing::Not(HasSubstr("Apply complete")));

  workspace.emulator().clear_faults();
  const CliResult replan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(replan.exit_code, 0) << replan.all();
  EXPECT_THAT(replan.out, HasSubstr("Plan: " + std::to_string(33 - done_count) +
                                    " to add, 0 to change, 0 to destroy."));
  const CliResult finish = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(finish.exit_code, 0) << finish.all();
  EXPECT_EQ(normalized(workspace.emulator().dump()), example_converged());
  expect_no_token(workspace, {apply, replan, finish});
}

class DroppedAfterCreate : public ::testing::TestWithParam<std::string> {};

TEST_P(DroppedAfterCreate, IsNotRepeatedIntoADuplicate) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  workspace.emulator().add_fault(Fault::drop_after_handling().on("POST", GetParam()).times(1));

  const CliResult apply = workspace.run({"apply", "plan.json"});
  bool dropped = false;
  for (const auto& request : workspace.emulator().requests()) {
    dropped = dropped || (request.method == "POST" && request.status == 0);
  }
  EXPECT_TRUE(dropped) << "the fault never fired";
  expect_each_once(workspace.emulator().dump());
  if (apply.exit_code != 0) {
    EXPECT_EQ(apply.exit_code, 1) << apply.all();
    workspace.emulator().clear_faults();
    plan_apply_replan(workspace);
  } else {
    const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.all();
  }
  EXPECT_EQ(normalized(workspace.emulator().dump()), example_converged());
  expect_each_once(workspace.emulator().dump());
}

INSTANTIATE_TEST_SUITE_P(Creates, DroppedAfterCreate,
                         ::testing::Values("^/api/0/organizations/$",
                                           "^/api/0/teams/[^/]+/[^/]+/projects/$"),
                         [](const auto& info) {
                           return info.index == 0 ? "organization" : "project";
                         });

}  // namespace
}  // namespace gg::testing
