// What CI logs get from apply: `--log-format json` gives one JSON event per action on stdout
// and one JSON object per error on stderr; progress lines are written as each action ends,
// even when stdout is a file or a pipe.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>
#include <thread>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"
#include "tests/cli/fault_rules.hpp"

namespace gg::testing {
namespace {

TEST(ApplyLog, JsonFormatIsOneEventPerAction) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  const nlohmann::json plan = nlohmann::json::parse(workspace.read_file("plan.json"));

  const CliResult apply = workspace.run({"apply", "plan.json", "--log-format", "json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  std::istringstream lines(apply.out);
  std::string line;
  std::set<std::string> addresses;
  int actions = 0;
  std::string last_event;
  while (std::getline(lines, line)) {
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << "not JSON: " << line;
    last_event = event.value("event", "");
    if (event.value("event", "") != "action") continue;
    ++actions;
    EXPECT_EQ(event.at("outcome"), "done") << line;
    EXPECT_TRUE(event.at("duration_ms").is_number_integer()) << line;
    EXPECT_TRUE(event.at("type").is_string()) << line;
    addresses.insert(event.at("address").get<std::string>() + " " +
                     event.at("type").get<std::string>());
  }
  EXPECT_EQ(actions, static_cast<int>(plan.at("actions").size()));
  std::set<std::string> planned;
  for (const nlohmann::json& action : plan.at("actions")) {
    planned.insert(action.at("address").get<std::string>() + " " +
                   action.at("type").get<std::string>());
  }
  EXPECT_EQ(addresses, planned);
  EXPECT_EQ(last_event, "complete");
  expect_no_token(workspace, {apply});
}

int lines_in(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

int writes_made(const emulator::Emulator& emulator) {
  int writes = 0;
  for (const auto& request : emulator.requests()) writes += request.method != "GET" ? 1 : 0;
  return writes;
}

// stdout is a file (as in a CI job): after some actions, their lines are already there, while
// apply still runs; killed then, the lines written so far stay.
TEST(ApplyLog, ProgressLinesAreWrittenAsEachActionEnds) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  workspace.emulator().add_fault(Fault::latency(std::chrono::milliseconds(100)).on("POST"));
  workspace.emulator().clear_requests();

  BackgroundRun apply(workspace, {"apply", "plan.json", "--parallelism", "1"}, "apply");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (writes_made(workspace.emulator()) < 8 && !apply.ended() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE(apply.ended()) << "apply must still be running";
  // One action at a time: those answered have ended (an action makes one write or more).
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const std::string so_far = workspace.read_file(workspace.dir() / "apply.out");
  apply.kill_now();
  apply.wait();
  EXPECT_GE(lines_in(so_far), 4) << so_far;
  EXPECT_THAT(so_far, ::testing::StartsWith("[1/"));
  EXPECT_THAT(so_far, ::testing::HasSubstr(": done ("));
  EXPECT_THAT(workspace.read_file(workspace.dir() / "apply.out"), ::testing::StartsWith(so_far));
}

// Errors, refusals and the failure report are JSON too: one object a line on stderr.
TEST(ApplyLog, JsonFormatCoversErrors) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  const CliResult missing = workspace.run({"--log-format", "json", "apply", "nowhere.json"});
  EXPECT_EQ(missing.exit_code, 1);
  ASSERT_FALSE(missing.err.empty());
  std::istringstream lines(missing.err);
  std::string line;
  int objects = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(object.is_discarded()) << "not JSON: " << line;
    EXPECT_EQ(object.at("level"), "error");
    EXPECT_EQ(object.at("where"), "nowhere.json");
    EXPECT_EQ(object.at("message"), "there is no plan file here");
    EXPECT_THAT(object.at("hint").get<std::string>(), ::testing::HasSubstr("plan --out"));
    ++objects;
  }
  EXPECT_EQ(objects, 1);

  // A failed apply: its report of several lines is one object, the newlines inside it.
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  workspace.emulator().add_fault(Fault::status(400).on("POST").nth(3));
  const CliResult failed =
      workspace.run({"apply", "plan.json", "--log-format", "json", "--parallelism", "1"});
  EXPECT_EQ(failed.exit_code, 1) << failed.all();
  std::istringstream errors(failed.err);
  bool report = false;
  while (std::getline(errors, line)) {
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(object.is_discarded()) << "not JSON: " << line;
    const std::string message = object.value("message", "");
    if (message.find("Apply stopped at a failure") != std::string::npos) {
      report = true;
      EXPECT_EQ(object.at("level"), "error");
      EXPECT_THAT(message, ::testing::HasSubstr("\nFailed: "));
      EXPECT_THAT(message, ::testing::HasSubstr("Not attempted ("));
    }
  }
  EXPECT_TRUE(report) << failed.err;
  expect_no_token(workspace, {missing, failed});
}

}  // namespace
}  // namespace gg::testing
