// Project alerts end to end through the CLI against the emulator, on both API generations:
// created, updated (recipients as a set) and deleted under a project's `alerts:`; the
// authoritative rule (`alerts: []`) and the left-alone rule (no key); adoption, drift
// reverted, a stale plan refused; webhook URLs given as secrets never visible and a changed
// secret refused; what drf cannot take; a dropped connection and a crash mid-apply that must
// not make a second alert; a project's deletion taking its alerts along.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "providers/snapshot/local_snapshot_store.hpp"
#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/fault_rules.hpp"
#include "tests/cli/scenarios.hpp"
#include "tests/support/flavour_name.hpp"

namespace gg::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kSpacecraft = "projects/apollo-11-spacecraft.yaml";
constexpr const char* kProjectHead =
    "kind: Project\n"
    "name: Apollo 11 Spacecraft\n"
    "organization: NASA\n"
    "platform: python\n"
    "teams: [nasa-pilots, nasa-flight-control]\n";

// A Slack hook's path is its credential: none of it may show anywhere.
constexpr const char* kSlackUrl = "https://hooks.slack.example/services/T0ALERT/B0ALERT/s3cr3tpath";
constexpr const char* kOtherSlackUrl =
    "https://hooks.slack.example/services/T0OTHER/B0OTHER/n3wpath";
constexpr const char* kSecretPaths[] = {"T0ALERT", "s3cr3tpath", "T0OTHER", "n3wpath"};

// The Apollo 11 Spacecraft project with `alerts_yaml` after its head ("" for no key).
std::string spacecraft(const std::string& alerts_yaml) {
  return kProjectHead + alerts_yaml;
}

std::string error_burst(int quantity, const std::string& recipients = "      - {type: email}\n") {
  return "alerts:\n"
         "  - name: error-burst\n"
         "    quantity: " +
         std::to_string(quantity) +
         "\n"
         "    timespanMinutes: 5\n"
         "    recipients:\n" +
         recipients;
}

nlohmann::json& live_project(nlohmann::json& state, const std::string& slug) {
  for (nlohmann::json& project : live_organization(state, "nasa").at("projects")) {
    if (project.at("slug") == slug) return project;
  }
  throw std::runtime_error("no project " + slug + " in the emulator");
}

// The emulator's alerts of a NASA project, by name (a repeated name keeps the last).
std::map<std::string, nlohmann::json> live_alerts(
    CliWorkspace& workspace, const std::string& project = "apollo-11-spacecraft") {
  nlohmann::json state = workspace.emulator().dump();
  std::map<std::string, nlohmann::json> alerts;
  for (const nlohmann::json& alert :
       live_project(state, project).value("alerts", nlohmann::json::array())) {
    alerts[alert.at("name").get<std::string>()] = alert;
  }
  return alerts;
}

int alerts_named(CliWorkspace& workspace, const std::string& name,
                 const std::string& project = "apollo-11-spacecraft") {
  nlohmann::json state = workspace.emulator().dump();
  int count = 0;
  for (const nlohmann::json& alert :
       live_project(state, project).value("alerts", nlohmann::json::array())) {
    count += alert.at("name") == name ? 1 : 0;
  }
  return count;
}

// What GlitchTip stored as the alert's recipients: {"email ", "webhook https://..."}.
std::set<std::string> stored_recipients(const nlohmann::json& alert) {
  std::set<std::string> recipients;
  for (const nlohmann::json& recipient : alert.at("recipients")) {
    recipients.insert(recipient.at("recipientType").get<std::string>() + " " +
                      recipient.value("url", ""));
  }
  return recipients;
}

nlohmann::json recorded_alerts(const CliWorkspace& workspace) {
  const nlohmann::json snapshot = read_json(workspace, workspace.snapshot().string());
  return snapshot.at("instances")
      .at("glitchtip-dev")
      .at("organizations")
      .at("nasa")
      .value("alerts", nlohmann::json::object());
}

// An alert made in GlitchTip by hand.
// Its ids are given: the emulator's seed numbers an object without one from 1, which an id
// seeded after it may take again.
void add_live_alert(CliWorkspace& workspace, const std::string& name, int quantity,
                    const std::string& project = "apollo-11-spacecraft") {
  edit_live(workspace, [&](nlohmann::json& state) {
    int64_t id = 9000;
    for (const nlohmann::json& each : live_organization(state, "nasa").at("projects")) {
      for (const nlohmann::json& alert : each.value("alerts", nlohmann::json::array())) {
        id = std::max(id, alert.at("id").get<int64_t>() + 1);
      }
    }
    live_project(state, project)["alerts"].push_back(
        {{"id", id},
         {"name", name},
         {"quantity", quantity},
         {"timespanMinutes", 5},
         {"uptime", false},
         {"recipients",
          nlohmann::json::array({{{"id", id}, {"recipientType", "email"}, {"url", ""}}})}});
  });
}

CliResult plan_to(CliWorkspace& workspace, const std::string& out = "plan.json",
                  const std::map<std::string, std::string>& environment = {}) {
  return workspace.run({"plan", "-d", "definitions", "--out", out}, environment);
}

void plan_and_apply(CliWorkspace& workspace,
                    const std::map<std::string, std::string>& environment = {}) {
  const CliResult plan = plan_to(workspace, "plan.json", environment);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  const CliResult apply = workspace.run({"apply", "plan.json"}, environment);
  ASSERT_EQ(apply.exit_code, 0) << apply.all();
}

void expect_no_changes(CliWorkspace& workspace,
                       const std::map<std::string, std::string>& environment = {}) {
  const CliResult again =
      workspace.run({"plan", "-d", "definitions", "--detailed-exitcode"}, environment);
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_EQ(last_line(again.out), "No changes. GlitchTip matches the definitions.") << again.all();
}

void expect_only_reads(CliWorkspace& workspace) {
  for (const auto& request : workspace.emulator().requests()) {
    EXPECT_EQ(request.method, "GET") << request.path;
  }
}

// No part of a secret URL's path in `text`.
void expect_no_secret(const std::string& text, const std::string& where) {
  for (const char* part : kSecretPaths) EXPECT_THAT(text, Not(HasSubstr(part))) << where;
}

// ... nor in any file the tool wrote in the workspace (plan files, snapshot, its backup, a
// journal), the definitions and the secret files themselves aside.
void expect_no_secret_in_files(const CliWorkspace& workspace) {
  for (const auto& entry : std::filesystem::directory_iterator(workspace.dir())) {
    if (!entry.is_regular_file() || entry.path().filename().string().starts_with("hook")) continue;
    expect_no_secret(workspace.read_file(entry.path()), entry.path().string());
  }
}

class Alerts : public ::testing::TestWithParam<emulator::Flavour> {
 protected:
  // The example's Apollo 11 Spacecraft alert and its monitor (which names the project) go
  // first, so that each test starts from a project without alerts.
  void SetUp() override {
    ASSERT_TRUE(manage_example(workspace_, GetParam()));
    workspace_.remove_definition("monitors/apollo-website.yaml");
    workspace_.write_definition(kSpacecraft, spacecraft("alerts: []\n"));
    ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
    ASSERT_THAT(live_alerts(workspace_), IsEmpty());
    workspace_.emulator().clear_requests();
  }
  CliWorkspace workspace_;
};

TEST_P(Alerts, CreatedUpdatedAndDeleted) {
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("+ alert error-burst of project apollo-11-spacecraft: 10 events "
                                  "in 5 minutes, to email"));
  EXPECT_EQ(action_fields(read_json(workspace_, "plan.json"), "address"),
            std::vector<std::string>{"glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/"
                                     "error-burst"});
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  std::map<std::string, nlohmann::json> live = live_alerts(workspace_);
  ASSERT_EQ(live.count("error-burst"), 1u);
  EXPECT_EQ(live["error-burst"]["quantity"], 10);
  EXPECT_EQ(live["error-burst"]["timespanMinutes"], 5);
  EXPECT_EQ(stored_recipients(live["error-burst"]), std::set<std::string>{"email "});
  EXPECT_EQ(recorded_alerts(workspace_).at("apollo-11-spacecraft/error-burst").at("id"),
            std::to_string(live["error-burst"]["id"].get<int64_t>()));
  expect_no_changes(workspace_);

  // More events, and a Discord hook instead of the e-mails: recipients compare as a set.
  workspace_.write_definition(
      kSpacecraft,
      spacecraft(error_burst(
          20,
          "      - {type: discord, url: 'https://discord.example/api/webhooks/1/d1sc0rdpath'}\n"
          "      - {type: webhook, url: 'https://hooks.example.com/in/h00kpath'}\n")));
  const CliResult update = plan_to(workspace_);
  ASSERT_EQ(update.exit_code, 0) << update.all();
  EXPECT_THAT(update.out,
              HasSubstr("~ alert error-burst of project apollo-11-spacecraft: quantity 10 → 20; "
                        "recipients: added discord https://discord.example/… (sha256 "));
  EXPECT_THAT(update.out, HasSubstr("webhook https://hooks.example.com/… (sha256 "));
  EXPECT_THAT(update.out, HasSubstr("; removed email"));
  // Even a literal URL is shown as scheme and host only.
  EXPECT_THAT(update.out, Not(HasSubstr("d1sc0rdpath")));
  EXPECT_THAT(workspace_.read_file("plan.json"), Not(HasSubstr("d1sc0rdpath")));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  live = live_alerts(workspace_);
  EXPECT_EQ(live["error-burst"]["quantity"], 20);
  EXPECT_EQ(stored_recipients(live["error-burst"]),
            (std::set<std::string>{"discord https://discord.example/api/webhooks/1/d1sc0rdpath",
                                   "webhook https://hooks.example.com/in/h00kpath"}));
  expect_no_changes(workspace_);

  // One recipient less: the other stays (the full list is sent).
  workspace_.write_definition(
      kSpacecraft,
      spacecraft(error_burst(
          20, "      - {type: webhook, url: 'https://hooks.example.com/in/h00kpath'}\n")));
  const CliResult fewer = plan_to(workspace_);
  ASSERT_EQ(fewer.exit_code, 0) << fewer.all();
  EXPECT_THAT(fewer.out, HasSubstr("recipients: removed discord https://discord.example/…"));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_EQ(stored_recipients(live_alerts(workspace_)["error-burst"]),
            std::set<std::string>{"webhook https://hooks.example.com/in/h00kpath"});
  expect_no_changes(workspace_);

  // `alerts: []`: the project owns its alerts, so the one declared before goes.
  workspace_.write_definition(kSpacecraft, spacecraft("alerts: []\n"));
  const CliResult remove = plan_to(workspace_);
  ASSERT_EQ(remove.exit_code, 0) << remove.all();
  EXPECT_THAT(remove.out, HasSubstr("- alert error-burst of project apollo-11-spacecraft"));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_THAT(live_alerts(workspace_), IsEmpty());
  EXPECT_EQ(recorded_alerts(workspace_).count("apollo-11-spacecraft/error-burst"), 0u);
  expect_no_changes(workspace_);
}

TEST_P(Alerts, AnEmptyListDeletesEveryLiveAlertOfTheProject) {
  add_live_alert(workspace_, "by-hand", 3);
  // Another project, whose definition does not say `alerts:`: its alerts are not touched.
  add_live_alert(workspace_, "other-project", 3, "apollo-11-flight-control");
  workspace_.write_definition("projects/apollo-11-flight-control.yaml",
                              "kind: Project\nname: Apollo 11 Flight Control\norganization: NASA\n"
                              "platform: python\nteams: [nasa-flight-control]\n");
  workspace_.write_definition(kSpacecraft, spacecraft("alerts: []\n"));
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("- alert by-hand of project apollo-11-spacecraft"));
  EXPECT_THAT(plan.out, Not(HasSubstr("- alert other-project")));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_THAT(live_alerts(workspace_), IsEmpty());
  EXPECT_EQ(live_alerts(workspace_, "apollo-11-flight-control").count("other-project"), 1u);
}

TEST_P(Alerts, WithoutTheKeyLiveAlertsAreLeftAloneAndListedAsNotManaged) {
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
  add_live_alert(workspace_, "by-hand", 3);

  // The key goes: neither the hand-made alert nor the one this tool made is touched.
  workspace_.write_definition(kSpacecraft, spacecraft(""));
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, Not(HasSubstr("- alert")));
  EXPECT_THAT(plan.out,
              HasSubstr("Not managed (left alone):\n"
                        "  glitchtip-dev: alert by-hand of project apollo-11-spacecraft in "
                        "organization NASA\n"
                        "  glitchtip-dev: alert error-burst of project apollo-11-spacecraft in "
                        "organization NASA\n"));
  EXPECT_EQ(last_line(plan.out), "No changes. GlitchTip matches the definitions.");
  const nlohmann::json document = read_json(workspace_, "plan.json");
  EXPECT_EQ(document.at("unmanaged_objects"),
            nlohmann::json::array({"glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/by-hand",
                                   "glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/"
                                   "error-burst"}));
  const CliResult markdown = workspace_.run({"show", "plan.json", "--format", "markdown"});
  EXPECT_THAT(markdown.out, HasSubstr("Not managed (left alone): alert by-hand of project "
                                      "apollo-11-spacecraft (glitchtip-dev/NASA/project/"
                                      "apollo-11-spacecraft/alert/by-hand)"));
  const CliResult json = workspace_.run({"show", "plan.json", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/by-hand"));

  workspace_.emulator().clear_requests();
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  expect_only_reads(workspace_);
  EXPECT_EQ(live_alerts(workspace_).size(), 2u);
}

TEST_P(Alerts, ALiveAlertWithTheDeclaredNameIsAdoptedThenMatched) {
  add_live_alert(workspace_, "error-burst", 3);
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("> alert error-burst of project apollo-11-spacecraft (exists in "
                                  "GlitchTip"));
  EXPECT_THAT(plan.out,
              HasSubstr("~ alert error-burst of project apollo-11-spacecraft: quantity 3 → 10"));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  EXPECT_EQ(alerts_named(workspace_, "error-burst"), 1);
  EXPECT_EQ(live_alerts(workspace_)["error-burst"]["quantity"], 10);
  EXPECT_EQ(recorded_alerts(workspace_).count("apollo-11-spacecraft/error-burst"), 1u);
  expect_no_changes(workspace_);
}

TEST_P(Alerts, AChangeByHandIsDriftAndReverted) {
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
  edit_live(workspace_, [](nlohmann::json& state) {
    for (nlohmann::json& alert : live_project(state, "apollo-11-spacecraft")["alerts"]) {
      alert["quantity"] = 99;
      alert["recipients"].push_back({{"id", 9000},
                                     {"recipientType", "webhook"},
                                     {"url", "https://by-hand.example/x/h4ndpath"}});
    }
  });
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("~ alert error-burst of project apollo-11-spacecraft: quantity "
                                  "changed from 10 to 99, recipients changed: added webhook "
                                  "https://by-hand.example/… (sha256 "));
  EXPECT_THAT(plan.out, HasSubstr(") outside glitchtip-gitops"));
  EXPECT_THAT(plan.out, HasSubstr("~ alert error-burst of project apollo-11-spacecraft: quantity "
                                  "99 → 10; recipients: removed webhook"));
  EXPECT_THAT(plan.out, Not(HasSubstr("h4ndpath")));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  const nlohmann::json alert = live_alerts(workspace_)["error-burst"];
  EXPECT_EQ(alert["quantity"], 10);
  EXPECT_EQ(stored_recipients(alert), std::set<std::string>{"email "});
  expect_no_changes(workspace_);
  EXPECT_THAT(workspace_.read_file(workspace_.snapshot()), Not(HasSubstr("h4ndpath")));
}

TEST_P(Alerts, APlanIsRefusedWhenTheAlertChangedSince) {
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(20)));
  ASSERT_EQ(plan_to(workspace_).exit_code, 0);
  edit_live(workspace_, [](nlohmann::json& state) {
    for (nlohmann::json& alert : live_project(state, "apollo-11-spacecraft")["alerts"]) {
      alert["quantity"] = 30;
    }
  });
  workspace_.emulator().clear_requests();
  const CliResult apply = workspace_.run({"apply", "plan.json"});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.err, HasSubstr("GlitchTip changed since this plan was made"));
  EXPECT_THAT(apply.err, HasSubstr("glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/"
                                   "error-burst"));
  EXPECT_THAT(apply.err, HasSubstr("quantity"));
  expect_only_reads(workspace_);
  EXPECT_EQ(live_alerts(workspace_)["error-burst"]["quantity"], 30);
}

TEST_P(Alerts, SecretWebhookUrlsAreSentButNeverShownOrWritten) {
  write_file(workspace_.dir() / "hook-file.txt", std::string(kOtherSlackUrl) + "\n");
  workspace_.write_definition(kSpacecraft,
                              spacecraft(error_burst(10,
                                                     "      - {type: email}\n"
                                                     "      - {type: webhook, url: {env: "
                                                     "NASA_SLACK_WEBHOOK}}\n"
                                                     "      - {type: discord, url: {file: "
                                                     "hook-file.txt}}\n")));
  const std::map<std::string, std::string> environment = {{"NASA_SLACK_WEBHOOK", kSlackUrl}};
  std::vector<CliResult> results;
  results.push_back(plan_to(workspace_, "plan.json", environment));
  ASSERT_EQ(results.back().exit_code, 0) << results.back().all();
  EXPECT_THAT(results.back().out, HasSubstr("webhook https://hooks.slack.example/… (sha256 "));
  EXPECT_THAT(results.back().out, HasSubstr("discord https://hooks.slack.example/… (sha256 "));
  results.push_back(workspace_.run({"show", "plan.json", "--format", "markdown"}));
  results.push_back(workspace_.run({"show", "plan.json", "--format", "json"}));
  results.push_back(workspace_.run({"--log-level", "debug", "apply", "plan.json"}, environment));
  ASSERT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(workspace_.run(
      {"state", "show", "glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/error-burst"}));
  results.push_back(
      workspace_.run({"plan", "-d", "definitions", "--detailed-exitcode"}, environment));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();

  EXPECT_EQ(stored_recipients(live_alerts(workspace_)["error-burst"]),
            (std::set<std::string>{"email ", std::string("webhook ") + kSlackUrl,
                                   std::string("discord ") + kOtherSlackUrl}));
  for (const CliResult& result : results) expect_no_secret(result.all(), "output");
  expect_no_secret_in_files(workspace_);
  // What the plan file holds instead: the variable's name and the URL's digest.
  const std::string plan = workspace_.read_file("plan.json");
  EXPECT_THAT(plan, HasSubstr("env NASA_SLACK_WEBHOOK"));
  EXPECT_THAT(plan, HasSubstr("file hook-file.txt"));
}

TEST_P(Alerts, ASecretChangedSinceThePlanIsRefusedWithNothingApplied) {
  workspace_.write_definition(
      kSpacecraft,
      spacecraft(error_burst(10, "      - {type: webhook, url: {env: NASA_SLACK_WEBHOOK}}\n")));
  ASSERT_EQ(plan_to(workspace_, "plan.json", {{"NASA_SLACK_WEBHOOK", kSlackUrl}}).exit_code, 0);
  const nlohmann::json before = workspace_.emulator().dump();
  workspace_.emulator().clear_requests();
  const CliResult apply =
      workspace_.run({"apply", "plan.json"}, {{"NASA_SLACK_WEBHOOK", kOtherSlackUrl}});
  EXPECT_EQ(apply.exit_code, 1) << apply.all();
  EXPECT_THAT(apply.err, HasSubstr("the secret behind NASA_SLACK_WEBHOOK changed since the plan"));
  EXPECT_THAT(apply.err, HasSubstr("nothing was applied"));
  expect_no_secret(apply.all(), "apply");
  expect_only_reads(workspace_);
  EXPECT_EQ(workspace_.emulator().dump(), before);
  EXPECT_THAT(live_alerts(workspace_), IsEmpty());
}

// plan --offline talks to no GlitchTip: it should not need the webhook secrets either. A
// secret it cannot read is taken as the URL the snapshot records, with a warning, and apply
// still checks it.
TEST_P(Alerts, AnOfflinePlanTakesAnUnreadableSecretAsTheRecordedUrl) {
  const std::string recipients =
      "      - {type: email}\n"
      "      - {type: webhook, url: {env: NASA_SLACK_WEBHOOK}}\n";
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10, recipients)));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_, {{"NASA_SLACK_WEBHOOK", kSlackUrl}}));

  const std::map<std::string, std::string> unset = {{"NASA_SLACK_WEBHOOK", ""}};
  const CliResult same =
      workspace_.run({"plan", "--offline", "-d", "definitions", "--detailed-exitcode"}, unset);
  EXPECT_EQ(same.exit_code, 0) << same.all();
  EXPECT_EQ(last_line(same.out), "No changes. GlitchTip matches the definitions.") << same.all();
  EXPECT_THAT(same.err, HasSubstr("warning: glitchtip-dev/NASA/project/apollo-11-spacecraft/"
                                  "alert/error-burst: the webhook URL variable "
                                  "NASA_SLACK_WEBHOOK is not set: this offline plan takes it "
                                  "as the URL the snapshot records"));

  // Another change to the alert is planned with the recorded recipient, and apply checks the
  // secret it reads against it.
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(20, recipients)));
  const CliResult offline =
      workspace_.run({"plan", "--offline", "-d", "definitions", "--out", "offline.json"}, unset);
  ASSERT_EQ(offline.exit_code, 0) << offline.all();
  EXPECT_THAT(offline.out,
              HasSubstr("~ alert error-burst of project apollo-11-spacecraft: quantity 10 → 20"));
  EXPECT_THAT(offline.out, Not(HasSubstr("recipients:"))) << "the recipients did not change";
  const CliResult refused =
      workspace_.run({"apply", "offline.json"}, {{"NASA_SLACK_WEBHOOK", kOtherSlackUrl}});
  EXPECT_EQ(refused.exit_code, 1) << refused.all();
  EXPECT_THAT(refused.err,
              HasSubstr("the secret behind NASA_SLACK_WEBHOOK changed since the plan"));
  const CliResult applied =
      workspace_.run({"apply", "offline.json"}, {{"NASA_SLACK_WEBHOOK", kSlackUrl}});
  ASSERT_EQ(applied.exit_code, 0) << applied.all();
  EXPECT_EQ(live_alerts(workspace_)["error-burst"].at("quantity"), 20);
  EXPECT_EQ(stored_recipients(live_alerts(workspace_)["error-burst"]),
            (std::set<std::string>{"email ", std::string("webhook ") + kSlackUrl}));
  for (const CliResult& result : {same, offline, refused, applied}) {
    expect_no_secret(result.all(), "output");
  }
  expect_no_secret_in_files(workspace_);
}

// What the snapshot cannot pin down still needs the secret: a new alert, or more unread
// recipients of a type than it records.
TEST_P(Alerts, AnOfflinePlanStillNeedsASecretTheSnapshotDoesNotPinDown) {
  workspace_.write_definition(
      kSpacecraft,
      spacecraft(error_burst(10, "      - {type: webhook, url: {env: NASA_SLACK_WEBHOOK}}\n")));
  const CliResult plan =
      workspace_.run({"plan", "--offline", "-d", "definitions"}, {{"NASA_SLACK_WEBHOOK", ""}});
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("the webhook URL variable NASA_SLACK_WEBHOOK is not set"));
  EXPECT_THAT(plan.err, HasSubstr("plan --offline needs it too"));
}

TEST_P(Alerts, ADroppedConnectionAfterTheCreateMakesNoSecondAlert) {
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  ASSERT_EQ(plan_to(workspace_).exit_code, 0);
  workspace_.emulator().add_fault(
      Fault::drop_after_handling()
          .on("POST", "^/api/0/projects/nasa/apollo-11-spacecraft/alerts/$")
          .times(1));
  const CliResult apply = workspace_.run({"apply", "plan.json"});
  bool dropped = false;
  for (const auto& request : workspace_.emulator().requests()) {
    dropped = dropped || (request.method == "POST" && request.status == 0);
  }
  EXPECT_TRUE(dropped) << "the fault never fired";
  EXPECT_EQ(apply.exit_code, 0) << apply.all();
  EXPECT_EQ(alerts_named(workspace_, "error-burst"), 1);
  EXPECT_EQ(recorded_alerts(workspace_).at("apollo-11-spacecraft/error-burst").at("id"),
            std::to_string(live_alerts(workspace_)["error-burst"]["id"].get<int64_t>()));
  expect_no_changes(workspace_);
}

TEST_P(Alerts, AKilledApplyConvergesOnTheNextPlanWithNoAlertTwice) {
  std::string alerts = "alerts:\n";
  for (const char* name : {"one", "two", "three", "four"}) {
    alerts += std::string("  - name: ") + name +
              "\n    quantity: 10\n    timespanMinutes: 5\n    recipients:\n"
              "      - {type: webhook, url: {env: NASA_SLACK_WEBHOOK}}\n";
  }
  workspace_.write_definition(kSpacecraft, spacecraft(alerts));
  const std::map<std::string, std::string> environment = {{"NASA_SLACK_WEBHOOK", kSlackUrl}};
  ASSERT_EQ(plan_to(workspace_, "plan.json", environment).exit_code, 0);
  // The third create is made, then its answer waits: apply is killed while it waits.
  workspace_.emulator().add_fault(
      Fault::slow_response(5s)
          .on("POST", "^/api/0/projects/nasa/apollo-11-spacecraft/alerts/$")
          .nth(3));
  BackgroundProcess apply(
      workspace_.command({"apply", "plan.json", "--parallelism", "1"}, environment),
      workspace_.dir() / "apply.out", workspace_.dir() / "apply.err");
  const auto latest = std::chrono::steady_clock::now() + 20s;
  while (live_alerts(workspace_).size() < 3 && !apply.ended() &&
         std::chrono::steady_clock::now() < latest) {
    std::this_thread::sleep_for(5ms);
  }
  apply.kill();
  EXPECT_EQ(apply.wait(), 128 + SIGKILL) << "apply ended before it was killed";
  EXPECT_EQ(live_alerts(workspace_).size(), 3u);

  LocalSnapshotStore store(workspace_.snapshot());
  // The first write of an apply is a whole snapshot, the second create's a journal record.
  ASSERT_TRUE(std::filesystem::exists(store.journal_file())) << "the second create is journaled";
  expect_no_secret(workspace_.read_file(store.journal_file()), "journal");
  Result<std::optional<LockInfo>> holder = store.holder();
  ASSERT_TRUE(holder.ok()) << holder.error().to_string();
  if (holder->has_value()) ASSERT_TRUE(store.unlock((*holder)->id).ok());
  workspace_.emulator().clear_faults();

  const CliResult replan = plan_to(workspace_, "again.json", environment);
  ASSERT_EQ(replan.exit_code, 0) << replan.all();
  const CliResult finish = workspace_.run({"apply", "again.json"}, environment);
  ASSERT_EQ(finish.exit_code, 0) << finish.all();
  for (const char* name : {"one", "two", "three", "four"}) {
    EXPECT_EQ(alerts_named(workspace_, name), 1) << name;
    EXPECT_EQ(recorded_alerts(workspace_).count(std::string("apollo-11-spacecraft/") + name), 1u)
        << name;
  }
  expect_no_changes(workspace_, environment);
  expect_no_secret(replan.all() + finish.all(), "output");
  expect_no_secret_in_files(workspace_);
}

TEST_P(Alerts, AProjectDeletionTakesItsAlertsAlong) {
  workspace_.write_definition(kSpacecraft, spacecraft(error_burst(10)));
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(workspace_));
  add_live_alert(workspace_, "by-hand", 3);
  workspace_.remove_definition(kSpacecraft);
  const CliResult plan = plan_to(workspace_);
  ASSERT_EQ(plan.exit_code, 0) << plan.all();
  EXPECT_THAT(plan.out, HasSubstr("- project apollo-11-spacecraft"));
  EXPECT_THAT(plan.out, HasSubstr("also removes: alert by-hand of project apollo-11-spacecraft"));
  EXPECT_THAT(plan.out,
              HasSubstr("also removes: alert error-burst of project apollo-11-spacecraft"));
  EXPECT_THAT(plan.out, Not(HasSubstr("- alert")));
  ASSERT_EQ(workspace_.run({"apply", "plan.json"}).exit_code, 0);
  const nlohmann::json recorded = recorded_alerts(workspace_);
  for (const auto& [key, alert] : recorded.items()) {
    EXPECT_FALSE(key.starts_with("apollo-11-spacecraft/")) << key;
  }
  expect_no_changes(workspace_);
}

INSTANTIATE_TEST_SUITE_P(BothApis, Alerts,
                         ::testing::Values(emulator::Flavour::drf, emulator::Flavour::ninja),
                         flavour_name);

TEST(AlertCapabilities, DrfRefusesGoogleChatAtPlanTime) {
  const std::string project = spacecraft(error_burst(
      10,
      "      - {type: googlechat, url: 'https://chat.googleapis.example/v1/spaces/g00glepath'}\n"));
  CliWorkspace workspace;
  ASSERT_TRUE(manage_example(workspace, emulator::Flavour::drf));
  workspace.write_definition(kSpacecraft, project);
  const CliResult plan = plan_to(workspace);
  EXPECT_EQ(plan.exit_code, 1) << plan.all();
  EXPECT_THAT(plan.err, HasSubstr("glitchtip-dev/NASA/project/apollo-11-spacecraft/alert/"
                                  "error-burst"));
  EXPECT_THAT(plan.err, HasSubstr("recipients: type googlechat is not accepted"));
  EXPECT_THAT(plan.err, HasSubstr("email, webhook, discord"));
  EXPECT_THAT(plan.all(), Not(HasSubstr("g00glepath")));
  expect_only_reads(workspace);

  // The django-ninja API takes it.
  CliWorkspace ninja;
  ASSERT_TRUE(manage_example(ninja, emulator::Flavour::ninja));
  ninja.write_definition(kSpacecraft, project);
  ASSERT_NO_FATAL_FAILURE(plan_and_apply(ninja));
  EXPECT_EQ(
      stored_recipients(live_alerts(ninja)["error-burst"]),
      std::set<std::string>{"googlechat https://chat.googleapis.example/v1/spaces/g00glepath"});
  expect_no_changes(ninja);
}

}  // namespace
}  // namespace gg::testing
