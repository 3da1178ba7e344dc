// --log-level and --log-format: what a person (or a log pipeline) gets on stderr besides
// errors. error: nothing else; info (default): hints; debug: where the time went and the
// requests made; json: one JSON object a line.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/cli/scenarios.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(LogLevel, InfoByDefaultGivesTheApplyHintAndNoDebugLines) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult plan = workspace.run({"plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("glitchtip-gitops apply plan.json"));
  EXPECT_THAT(plan.err, Not(HasSubstr("debug:")));
}

TEST(LogLevel, ErrorLeavesStderrToErrors) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult plan =
      workspace.run({"--log-level", "error", "plan", "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.err, IsEmpty());
  EXPECT_THAT(plan.out, HasSubstr("No changes."));
}

TEST(LogLevel, DebugSaysWhereTheTimeWentAndHowManyRequests) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult plan = workspace.run({"--log-level", "debug", "plan", "-d", "definitions"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("debug: definitions: "));
  EXPECT_THAT(plan.err, HasSubstr("debug: GlitchTip read at "));
  const size_t requests = workspace.emulator().requests().size();
  EXPECT_THAT(plan.err, HasSubstr("debug: glitchtip-dev: " + std::to_string(requests) +
                                  " requests, 0 retries"));

  const CliResult refresh = workspace.run({"--log-level", "debug", "refresh", "-d", "definitions"});
  ASSERT_EQ(refresh.exit_code, 0) << refresh.all();
  EXPECT_THAT(refresh.err, HasSubstr("debug: glitchtip-dev: "));
}

TEST(LogLevel, JsonFormatMakesEveryLineAJsonObject) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  const CliResult plan = workspace.run({"--log-level", "debug", "--log-format", "json", "plan",
                                        "-d", "definitions", "--out", "plan.json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  std::istringstream lines(plan.err);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(event.is_object()) << line;
    EXPECT_THAT(event.value("level", ""), ::testing::AnyOf("debug", "info", "warning")) << line;
    EXPECT_FALSE(event.value("message", "").empty()) << line;
  }
  EXPECT_GT(count, 3);
}

TEST(LogLevel, TheGlobalJsonFormatReachesApply) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace));
  offboard_michael_collins(workspace);
  ASSERT_EQ(workspace.run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  const CliResult apply = workspace.run({"--log-format", "json", "apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
  std::istringstream lines(apply.out);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(nlohmann::json::parse(line, nullptr, false).is_object()) << line;
  }
  EXPECT_THAT(apply.out, HasSubstr("\"event\":\"complete\""));
}

}  // namespace
}  // namespace gg::testing
