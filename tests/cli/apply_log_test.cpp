// `apply --log-format json`: one JSON event per action on stdout, for log pipelines.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"

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

}  // namespace
}  // namespace gg::testing
