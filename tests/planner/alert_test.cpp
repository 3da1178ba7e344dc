// Project alerts (alerts kind) through make_plan: what a user sees planned for the alerts of
// a project, the recipients as a set of digests, the authoritative and not-managed rules,
// drift, adoption, preconditions and recording, and that no URL beyond scheme and host is
// ever in a plan.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "planner/action_address.hpp"
#include "planner/address.hpp"
#include "planner/kinds/alert.hpp"
#include "planner/plan_file.hpp"
#include "planner/planner.hpp"
#include "planner/precondition.hpp"
#include "planner/record.hpp"
#include "planner/render_json.hpp"
#include "planner/render_markdown.hpp"
#include "planner/render_text.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using namespace gg::testing;

constexpr const char* kProject = "apollo-11-spacecraft";
constexpr const char* kSlack = "https://hooks.slack.com/services/T000/B000/SECRETPATH";
const std::string kAddress =
    std::string(kInstance) + "/NASA/project/apollo-11-spacecraft/alert/error-burst";

Alert burst(int quantity = 10) {
  Alert alert;
  alert.project = kProject;
  alert.name = "error-burst";
  alert.quantity = quantity;
  alert.timespan_minutes = 5;
  alert.uptime = true;
  alert.recipients =
      recipient_set({alert_recipient("email", ""), alert_recipient("webhook", kSlack)});
  return alert;
}

Organization& nasa_in(State& state) {
  Instance& instance = state.instances[kInstance];
  const auto named = instance.organizations.find("NASA");
  return named != instance.organizations.end() ? named->second : instance.organizations["nasa"];
}

// Definitions whose project declares `alerts:` with `alerts`.
State declaring(const std::vector<Alert>& alerts) {
  State state = desired();
  Organization& nasa = nasa_in(state);
  nasa.projects[kProject].alerts_declared = true;
  for (const Alert& alert : alerts) nasa.alerts[alert_key(alert.project, alert.name)] = alert;
  return state;
}

State live_with(const std::vector<Alert>& alerts) {
  State state = live();
  state.instances[kInstance].capabilities->alert_recipient_types = {"email", "webhook", "discord",
                                                                    "googlechat"};
  Organization& nasa = nasa_in(state);
  for (Alert alert : alerts) {
    if (alert.id.empty()) alert.id = "41";
    nasa.alerts[alert_key(alert.project, alert.name)] = alert;
  }
  return state;
}

State recorded_with(const std::vector<Alert>& alerts) {
  State state = live_with(alerts);
  state.instances[kInstance].capabilities.reset();
  return state;
}

Result<Plan> planned(const State& desired_state, const State& recorded_state,
                     const State& live_state) {
  return make_plan(desired_state, recorded_state, live_state, {});
}

std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const Action& action : plan.actions) {
    out.push_back(std::string(to_string(action.type)) + " " + action.address);
  }
  return out;
}

// Everything a plan shows or stores: its file, its text, Markdown and JSON renderings.
std::string every_rendering(const Plan& plan) {
  return plan_file_text(plan) + render_text(plan) + render_markdown(plan) + render_json(plan);
}

TEST(Alerts, DeclaredAlertIsCreatedAfterItsProjectWithDigestsOnly) {
  Result<Plan> plan = planned(declaring({burst()}), recorded(), live_with({}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_THAT(lines(*plan), ElementsAre("create_alert " + kAddress));
  const Action& action = plan->actions.front();
  EXPECT_EQ(action.alert, "error-burst");
  EXPECT_EQ(action.precondition, "absent");
  EXPECT_TRUE(check_action_addresses(*plan, "plan").ok());
  const std::string shown = every_rendering(*plan);
  EXPECT_THAT(shown, Not(HasSubstr("SECRETPATH")));
  EXPECT_THAT(shown, Not(HasSubstr("/services/")));
  EXPECT_THAT(render_text(*plan),
              HasSubstr("10 events in 5 minutes, uptime, to email, webhook "
                        "https://hooks.slack.com/… (sha256 " +
                        alert_recipient("webhook", kSlack).url_sha256.substr(0, 8) + ")"));
}

TEST(Alerts, RecipientsAreASetComparedByTypeAndDigest) {
  Alert reordered = burst();
  std::reverse(reordered.recipients.begin(), reordered.recipients.end());
  reordered.id = "41";
  Result<Plan> plan =
      planned(declaring({reordered}), recorded_with({burst()}), live_with({burst()}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_THAT(plan->actions, IsEmpty());
  EXPECT_THAT(plan->drift, IsEmpty());
}

TEST(Alerts, UpdateSendsEveryRecipientAndWordsTheSetChange) {
  Alert wanted = burst(20);
  wanted.recipients = recipient_set(
      {alert_recipient("email", ""), alert_recipient("discord", "https://discord.example/x/y")});
  Result<Plan> plan = planned(declaring({wanted}), recorded_with({burst()}), live_with({burst()}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_THAT(lines(*plan), ElementsAre("update_alert " + kAddress));
  const Action& action = plan->actions.front();
  EXPECT_EQ(action.after.at("recipients").size(), 2u);  // the full list, kept email included
  EXPECT_EQ(
      action.precondition,
      fingerprint(
          live_with({burst()}).instances[kInstance].organizations["nasa"].alerts.begin()->second));
  const std::string text = render_text(*plan);
  EXPECT_THAT(text, HasSubstr("quantity 10 → 20"));
  EXPECT_THAT(text, HasSubstr("added discord https://discord.example/…"));
  EXPECT_THAT(text, HasSubstr("removed webhook https://hooks.slack.com/…"));
  EXPECT_THAT(every_rendering(*plan), Not(HasSubstr("SECRETPATH")));
  EXPECT_THAT(every_rendering(*plan), Not(HasSubstr("/x/y")));
}

TEST(Alerts, AuthoritativeAlertsDeleteWhatIsNotDeclaredEvenWithAnEmptyList) {
  Result<Plan> plan = planned(declaring({}), recorded_with({burst()}), live_with({burst()}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_THAT(lines(*plan), ElementsAre("delete_alert " + kAddress));
  EXPECT_EQ(plan->actions.front().precondition, fingerprint(burst()));
}

TEST(Alerts, WithoutTheAlertsKeyLiveAlertsAreLeftAloneAndListedAsNotManaged) {
  // Recorded or not: without the key the project's definition does not own its alerts.
  for (const State& base : {recorded(), recorded_with({burst()})}) {
    Result<Plan> plan = planned(desired(), base, live_with({burst()}));
    ASSERT_TRUE(plan.ok()) << plan.error().to_string();
    EXPECT_THAT(plan->actions, IsEmpty());
    EXPECT_THAT(plan->adoptions, IsEmpty());
    EXPECT_THAT(plan->unmanaged_objects, ElementsAre(kAddress));
    EXPECT_THAT(render_text(*plan),
                HasSubstr("Not managed (left alone):\n  " + std::string(kInstance) +
                          ": alert error-burst of project apollo-11-spacecraft in organization "
                          "NASA\n"));
  }
}

TEST(Alerts, ProjectDeletionListsItsAlertsAsConsequencesBeforeDeletingThem) {
  State wanted = desired();
  nasa_in(wanted).projects.erase(kProject);
  Result<Plan> plan =
      make_plan(wanted, recorded_with({burst()}), live_with({burst()}), PlanOptions{});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_EQ(plan->actions.size(), 1u);
  EXPECT_EQ(plan->actions.front().type, ActionType::delete_project);
  EXPECT_THAT(plan->actions.front().consequences, ::testing::Contains(kAddress));
}

TEST(Alerts, DeletionsRunBeforeProjectDeletionsAndCreationsAfterProjectCreations) {
  State wanted = declaring({burst()});
  Organization& nasa = nasa_in(wanted);
  nasa.projects["apollo-12"] = project("apollo-12", {"nasa-pilots"});
  nasa.projects["apollo-12"].alerts_declared = true;
  Alert other = burst();
  other.project = "apollo-12";
  nasa.alerts[alert_key("apollo-12", other.name)] = other;
  nasa.projects.erase("apollo-11-flight-control");
  Alert old = burst();
  old.project = "apollo-11-spacecraft";
  old.name = "old";
  PlanOptions options;
  options.allow_replace = true;  // a deletion and a creation in one organization
  Result<Plan> plan = make_plan(wanted, recorded_with({old}), live_with({old}), options);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  std::vector<std::string> types;
  for (const Action& action : plan->actions) types.emplace_back(to_string(action.type));
  EXPECT_THAT(types, ElementsAre("create_project", "create_alert", "create_alert", "delete_alert",
                                 "delete_project"));
}

TEST(Alerts, DriftIsReportedInWordsAndRevertedByTheUpdate) {
  Alert changed = burst(99);
  Result<Plan> plan = planned(declaring({burst()}), recorded_with({burst()}), live_with({changed}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_EQ(plan->drift.size(), 1u);
  EXPECT_EQ(plan->drift.front().description,
            "quantity changed from 10 to 99 outside glitchtip-gitops");
  EXPECT_THAT(lines(*plan), ElementsAre("update_alert " + kAddress));
}

TEST(Alerts, ALiveAlertWithTheDeclaredNameAndContentIsAdopted) {
  Result<Plan> plan = planned(declaring({burst()}), recorded(), live_with({burst()}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_THAT(plan->actions, IsEmpty());
  ASSERT_EQ(plan->adoptions.size(), 1u);
  EXPECT_EQ(plan->adoptions.front().address, kAddress);
  State snapshot = recorded();
  record_adoption(snapshot, plan->adoptions.front());
  const auto& alerts = snapshot.instances[kInstance].organizations["nasa"].alerts;
  ASSERT_EQ(alerts.count(alert_key(kProject, "error-burst")), 1u);
  EXPECT_EQ(alerts.at(alert_key(kProject, "error-burst")).id, "41");
}

TEST(Alerts, PreconditionNamesWhatMovedSinceThePlan) {
  Result<Plan> plan =
      planned(declaring({burst(20)}), recorded_with({burst()}), live_with({burst()}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_THAT(check_preconditions(*plan, live_with({burst()})), IsEmpty());
  const Errors moved = check_preconditions(*plan, live_with({burst(7)}));
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved.front().where, kAddress);
  EXPECT_EQ(moved.front().message, "quantity is now 7, the plan expected 10");
  Result<Plan> create = planned(declaring({burst()}), recorded(), live_with({}));
  ASSERT_TRUE(create.ok());
  const Errors exists = check_preconditions(*create, live_with({burst()}));
  ASSERT_EQ(exists.size(), 1u);
  EXPECT_EQ(exists.front().message, "an alert with this name exists now");
}

TEST(Alerts, ApplyRecordsDigestsAndNeverTheSecretSource) {
  Alert wanted = burst();
  wanted.recipients.push_back({"webhook", std::string(64, 'a'), "https://hooks.slack.com/…",
                               "env NASA_SLACK_WEBHOOK", kSlack});
  Result<Plan> plan = planned(declaring({wanted}), recorded(), live_with({}));
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  State snapshot = recorded();
  record_action(snapshot, plan->actions.front(), ActionOutcome{"error-burst", "77", false, ""}, {});
  const Alert& stored = snapshot.instances[kInstance].organizations["nasa"].alerts.at(
      alert_key(kProject, "error-burst"));
  EXPECT_EQ(stored.id, "77");
  EXPECT_EQ(stored.recipients.size(), 3u);
  for (const AlertRecipient& recipient : stored.recipients) EXPECT_EQ(recipient.secret, "");
  EXPECT_THAT(alert_snapshot_json(stored).dump(), Not(HasSubstr("SECRETPATH")));
  EXPECT_THAT(every_rendering(*plan), Not(HasSubstr("SECRETPATH")));  // the URL held in memory
  // A recorded alert reads back as written.
  EXPECT_EQ(
      alert_from_snapshot_json(alert_key(kProject, "error-burst"), alert_snapshot_json(stored)),
      stored);
}

TEST(Alerts, RecipientTypeTheServerDoesNotTakeIsAPlanError) {
  State server = live_with({});
  server.instances[kInstance].capabilities->alert_recipient_types = {"email", "webhook", "discord"};
  Alert wanted = burst();
  wanted.recipients.push_back(alert_recipient("googlechat", "https://chat.googleapis.com/v1/x"));
  Result<Plan> plan = planned(declaring({wanted}), recorded(), server);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, kAddress);
  EXPECT_THAT(plan.error().message, HasSubstr("type googlechat"));
  EXPECT_THAT(plan.error().message, HasSubstr("glitchtip-dev runs"));
}

TEST(Alerts, TwoLiveAlertsOfOneNameAreAPlanErrorNamingBothIds) {
  State server = live_with({burst()});
  nasa_in(server).alerts.begin()->second.duplicate_id = "42";
  Result<Plan> plan = planned(declaring({burst()}), recorded(), server);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().message, HasSubstr("ids 41 and 42"));
  // Not managed there: not an error.
  EXPECT_TRUE(planned(desired(), recorded(), server).ok());
}

TEST(Alerts, ShownUrlKeepsSchemeAndHostOnly) {
  EXPECT_EQ(shown_url("https://hooks.slack.com/services/T/B/X?y=1"), "https://hooks.slack.com/…");
  EXPECT_EQ(shown_url("https://user:pw@example.com:8443/p"), "https://example.com:8443/…");
  EXPECT_EQ(shown_url("not a url"), "(not a URL)…");
}

TEST(Alerts, AddressesParseBack) {
  const std::optional<Address> address = Address::parse(kAddress);
  ASSERT_TRUE(address);
  EXPECT_EQ(address->kind, Address::Kind::alert);
  EXPECT_EQ(address->object, kProject);
  EXPECT_EQ(address->child, "error-burst");
  EXPECT_TRUE(Address::of_project(kInstance, "NASA", kProject).contains(*address));
}

}  // namespace
}  // namespace gg
