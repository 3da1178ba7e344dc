// Uptime monitors end to end through the CLI against the emulator, on both API generations:
// create, update and delete under `uptimeMonitors: managed`; without it, the not-managed rule
// and the deletion of what the snapshot records; adoption, drift reverted, a stale plan
// refused, a monitor linked to a project created by the same plan, what drf cannot take, and
// a dropped connection after a create that must not make a second monitor.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/fault_rules.hpp"
#include "tests/cli/scenarios.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kManagedNasa =
    "kind: Organization\n"
    "name: NASA\n"
    "instance: glitchtip-dev\n"
    "uptimeMonitors: managed\n";

constexpr const char* kApolloApi =
    "kind: Monitor\n"
    "name: apollo-api\n"
    "organization: NASA\n"
    "project: Apollo 11 Spacecraft\n"
    "type: GET\n"
    "url: https://apollo.example.com/health\n"
    "interval: 60\n";

// The emulator's monitors of an organization, by name.
std::map<std::string, nlohmann::json> live_monitors(CliWorkspace& workspace,
                                                    const std::string& org = "nasa") {
  nlohmann::json state = workspace.emulator().dump();
  std::map<std::string, nlohmann::json> monitors;
  for (const nlohmann::json& monitor : live_organization(state, org).at("monitors")) {
    monitors[monitor.at("name").get<std::string>()] = monitor;
  }
  return monitors;
}

int monitors_named(CliWorkspace& workspace, const std::string& name) {
  nlohmann::json state = workspace.emulator().dump();
  int count = 0;
  for (const nlohmann::json& monitor : live_organization(state, "nasa").at("monitors")) {
    count += monitor.at("name") == name ? 1 : 0;
  }
  return count;
}

nlohmann::json recorded_monitors(const CliWorkspace& workspace) {
  const nlohmann::json snapshot = read_json(workspace, workspace.snapshot().string());
  return snapshot.at("instances")
      .at("glitchtip-dev")
      .at("organizations")
      .at("nasa")
      .value("monitors", nlohmann::json::object());
}

CliResult plan_to(CliWorkspace& workspace, const std::string& out = "plan.json") {
  return workspace.run({"plan", "-d", "definitions", "--out", out});
}

void plan_and_apply(CliWorkspace& workspace) {
  const CliResult plan = plan_to(workspace);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const CliResult apply = workspace.run({"apply", "plan.json"});
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
}

void expect_no_changes(CliWorkspace& workspace) {
  const CliResult again = workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_EQ(last_line(again.out), "No changes. GlitchTip matches the definitions.") << again.all();
}

// A monitor made in GlitchTip by hand.
void add_live_monitor(CliWorkspace& workspace, const std::string& name,
                      const std::string& url = "https://by-hand.example.com/") {
  edit_live(workspace, [&](nlohmann::json& state) {
    live_organization(state, "nasa")["monitors"].push_back({{"name", name},
                                                            {"monitorType", "GET"},
                                                            {"url", url},
                                                            {"interval", 60},
                                                            {"expectedStatus", 200},
                                                            {"expectedBody", ""}});
  });
}

class Monitors : public ::testing::TestWithParam<emulator::Flavour> {
 protected:
  // The example's own monitor goes first, so that each test starts with none.
  void SetUp() override {
    ASSERT_TRUE(manage_example(workspace_, GetParam()));
    workspace_.remove_definition("monitors/apollo-website.yaml");
    ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
    ASSERT_THAT(live_monitors(workspace_), IsEmpty());
    workspace_.emulator().clear_requests();
  }
  CliWorkspace workspace_;
};

TEST_P(Monitors, CreatedUpdatedAndDeletedWhenTheOrganizationManagesThem) {
  workspace_.write_definition("organizations/nasa.yaml", kManagedNasa);
  workspace_.write_definition("monitors/apollo-api.yaml", kApolloApi);
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("+ monitor apollo-api: "));
  EXPECT_THAT(plan.out, HasSubstr("project apollo-11-spacecraft"));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);

  std::map<std::string, nlohmann::json> live = live_monitors(workspace_);
  ASSERT_EQ(live.count("apollo-api"), 1u);
  EXPECT_EQ(live["apollo-api"]["monitorType"], "GET");
  EXPECT_EQ(live["apollo-api"]["url"], "https://apollo.example.com/health");
  EXPECT_EQ(live["apollo-api"]["interval"], 60);
  EXPECT_EQ(live["apollo-api"]["project"], "apollo-11-spacecraft");
  EXPECT_EQ(recorded_monitors(workspace_).at("apollo-api").at("id"),
            std::to_string(live["apollo-api"]["id"].get<int64_t>()));
  expect_no_changes(workspace_);

  workspace_.write_definition("monitors/apollo-api.yaml",
                              std::string(kApolloApi) + "expectedBody: OK\n");
  const CliResult update = plan_to(workspace_);
  ASSERT_EQ(update.exit_code, 0) << update.all();
  EXPECT_THAT(update.out, HasSubstr("~ monitor apollo-api: expectedBody \"\" → \"OK\""));
  workspace_.emulator().clear_requests();
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  for (const auto& request : workspace_.emulator().requests()) {
    EXPECT_NE(request.method, "PATCH") << request.path;
  }
  live = live_monitors(workspace_);
  EXPECT_EQ(live["apollo-api"]["expectedBody"], "OK");
  EXPECT_EQ(live["apollo-api"]["project"], "apollo-11-spacecraft") << "a PUT keeps the project";
  expect_no_changes(workspace_);

  // Made by hand, not declared: the organization owns its monitors, so it goes too.
  add_live_monitor(workspace_, "by-hand");
  workspace_.remove_definition("monitors/apollo-api.yaml");
  const CliResult remove = plan_to(workspace_);
  ASSERT_EQ(remove.exit_code, 0) << remove.all();
  EXPECT_THAT(remove.out, HasSubstr("- monitor apollo-api"));
  EXPECT_THAT(remove.out, HasSubstr("- monitor by-hand"));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_THAT(live_monitors(workspace_), IsEmpty());
  EXPECT_THAT(recorded_monitors(workspace_), IsEmpty());
  expect_no_changes(workspace_);
}

TEST_P(Monitors, WithoutManagedOnlyWhatTheToolMadeIsDeleted) {
  add_live_monitor(workspace_, "by-hand");
  workspace_.write_definition("monitors/apollo-api.yaml", kApolloApi);
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));

  workspace_.remove_definition("monitors/apollo-api.yaml");
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("- monitor apollo-api"));
  EXPECT_THAT(plan.out, Not(HasSubstr("- monitor by-hand")));
  EXPECT_THAT(plan.out, HasSubstr("Not managed (left alone):\n  glitchtip-dev: monitor by-hand "
                                  "in organization NASA"));
  const nlohmann::json document = read_json(workspace_, "plan.json");
  EXPECT_EQ(document.at("unmanaged_objects"),
            nlohmann::json::array({"glitchtip-dev/NASA/monitor/by-hand"}));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  const auto live = live_monitors(workspace_);
  EXPECT_EQ(live.count("apollo-api"), 0u);
  EXPECT_EQ(live.count("by-hand"), 1u);
}

TEST_P(Monitors, ALiveMonitorWithTheDeclaredNameIsAdoptedThenMatched) {
  add_live_monitor(workspace_, "apollo-api", "https://old.example.com/");
  workspace_.write_definition("monitors/apollo-api.yaml", kApolloApi);
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("> monitor apollo-api (exists in GlitchTip"));
  EXPECT_THAT(
      plan.out,
      HasSubstr("url \"https://old.example.com/\" → \"https://apollo.example.com/health\""));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_EQ(monitors_named(workspace_, "apollo-api"), 1);
  EXPECT_EQ(live_monitors(workspace_)["apollo-api"]["url"], "https://apollo.example.com/health");
  expect_no_changes(workspace_);
}

TEST_P(Monitors, AChangeByHandIsDriftAndReverted) {
  workspace_.write_definition("monitors/apollo-api.yaml", kApolloApi);
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
  edit_live(workspace_, [](nlohmann::json& state) {
    for (nlohmann::json& monitor : live_organization(state, "nasa")["monitors"]) {
      monitor["interval"] = 300;
    }
  });
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("interval changed from 60 to 300 outside glitchtip-gitops"));
  EXPECT_THAT(plan.out, HasSubstr("~ monitor apollo-api: interval 300 → 60"));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_EQ(live_monitors(workspace_)["apollo-api"]["interval"], 60);
  expect_no_changes(workspace_);
}

TEST_P(Monitors, APlanIsRefusedWhenTheMonitorMovedSince) {
  workspace_.write_definition("monitors/apollo-api.yaml", kApolloApi);
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
  workspace_.write_definition("monitors/apollo-api.yaml",
                              std::string(kApolloApi) + "expectedStatus: 204\n");
  ASSERT_EQ(plan_to(workspace_).exit_code, 0);
  edit_live(workspace_, [](nlohmann::json& state) {
    for (nlohmann::json& monitor : live_organization(state, "nasa")["monitors"]) {
      monitor["url"] = "https://moved.example.com/";
    }
  });
  workspace_.emulator().clear_requests();
  const CliResult apply = workspace_.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.err, HasSubstr("GlitchTip changed since this plan was made"));
  EXPECT_THAT(apply.err, HasSubstr("glitchtip-dev/NASA/monitor/apollo-api"));
  EXPECT_THAT(apply.err, HasSubstr("https://moved.example.com/"));
  for (const auto& request : workspace_.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }
}

TEST_P(Monitors, AMonitorLinkedToAProjectTheSamePlanCreates) {
  workspace_.write_definition("projects/gemini.yaml",
                              "kind: Project\nname: Gemini\norganization: NASA\n"
                              "teams: [nasa-pilots]\n");
  workspace_.write_definition("monitors/gemini.yaml",
                              "kind: Monitor\nname: gemini-heartbeat\norganization: NASA\n"
                              "project: gemini\ntype: Heartbeat\ninterval: 3600\n");
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const nlohmann::json document = read_json(workspace_, "plan.json");
  EXPECT_EQ(action_fields(document, "type"),
            (std::vector<std::string>{"create_project", "create_monitor"}));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  const auto live = live_monitors(workspace_);
  ASSERT_EQ(live.count("gemini-heartbeat"), 1u);
  EXPECT_EQ(live.at("gemini-heartbeat")["project"], "gemini");
  EXPECT_EQ(live.at("gemini-heartbeat")["url"], "");
  expect_no_changes(workspace_);
}

TEST_P(Monitors, ADroppedConnectionAfterTheCreateMakesNoSecondMonitor) {
  workspace_.write_definition("monitors/apollo-api.yaml", kApolloApi);
  ASSERT_EQ(plan_to(workspace_).exit_code, 0);
  workspace_.emulator().add_fault(
      Fault::drop_after_handling().on("POST", "^/api/0/organizations/[^/]+/monitors/$").times(1));
  const CliResult apply = workspace_.run({"apply", "plan.json"});
  bool dropped = false;
  for (const auto& request : workspace_.emulator().requests()) {
    dropped = dropped || (request.method == "POST" && request.status == 0);
  }
  EXPECT_TRUE(dropped) << "the fault never fired";
  EXPECT_EQ(apply.exit_code, 0) << apply.all();
  EXPECT_EQ(monitors_named(workspace_, "apollo-api"), 1);
  expect_no_changes(workspace_);
}

INSTANTIATE_TEST_SUITE_P(BothApis, Monitors,
                         ::testing::Values(emulator::Flavour::drf, emulator::Flavour::ninja),
                         flavour_name);

TEST(MonitorCapabilities, DrfRefusesTcpPortAndTimeoutAtPlanTime) {
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::drf));
  workspace.write_definition("monitors/apollo-api.yaml",
                             "kind: Monitor\nname: apollo-api\norganization: NASA\n"
                             "project: Apollo 11 Spacecraft\ntype: TCP Port\n"
                             "url: apollo.example.com:443\ninterval: 60\ntimeout: 10\n");
  const CliResult plan = plan_to(workspace);
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("glitchtip-dev/NASA/monitor/apollo-api"));
  EXPECT_THAT(plan.err, HasSubstr("type is TCP Port, but glitchtip-dev runs the Django REST "
                                  "framework API"));
  EXPECT_THAT(plan.err, HasSubstr("timeout is 10, but glitchtip-dev runs the Django REST "
                                  "framework API"));
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }

  // The same monitor on the django-ninja API is fine.
  CliWorkspace ninja;
  ASSERT_TRUE(manage_example(ninja, emulator::Flavour::ninja));
  ninja.write_definition("monitors/apollo-api.yaml",
                         workspace.read_file(workspace.definitions() / "monitors/apollo-api.yaml"));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(ninja));
  EXPECT_EQ(live_monitors(ninja)["apollo-api"]["monitorType"], "TCP Port");
  EXPECT_EQ(live_monitors(ninja)["apollo-api"]["timeout"], 10);
  expect_no_changes(ninja);
}

TEST(MonitorDefinitions, ValidateWarnsAboutAMonitorWithoutProjectAndNamesDuplicates) {
  CliWorkspace workspace;
  workspace.start_emulator(CliWorkspace::empty_seed());
  workspace.use_example_definitions();
  workspace.write_definition("monitors/lonely.yaml",
                             "kind: Monitor\nname: lonely\norganization: NASA\ntype: Ping\n"
                             "url: apollo.example.com\ninterval: 60\n");
  const CliResult warned = workspace.run({"validate", "-d", "definitions"});
  EXPECT_EQ(warned.exit_code, 0) << warned.all();
  EXPECT_THAT(warned.all(), HasSubstr("monitor `lonely` has no `project`"));

  workspace.write_definition("monitors/again.yaml",
                             "kind: Monitor\nname: lonely\norganization: NASA\ntype: GET\n"
                             "url: https://x.example.com/\ninterval: 60\nexpectedStatus: 200\n");
  workspace.write_definition("monitors/ping.yaml",
                             "kind: Monitor\nname: ping\norganization: NASA\ntype: Ping\n"
                             "url: x.example.com\ninterval: 60\nexpectedBody: up\n");
  const CliResult refused = workspace.run({"validate", "-d", "definitions"});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  // Both places: the second declaration's line and, in the message, the first's.
  EXPECT_THAT(refused.all(), HasSubstr("monitors/lonely.yaml:2:7: Monitor lonely: organization "
                                       "`NASA` already has a monitor named `lonely` (at "
                                       "definitions/monitors/again.yaml:1)"));
  EXPECT_THAT(refused.all(), HasSubstr("`expectedBody` applies to GET and POST monitors only"));
}

}  // namespace
}  // namespace gg::testing
