// Uptime monitors in make_plan, check_preconditions and record_action: the ownership rule
// (uptimeMonitors: managed, else only what the snapshot records), updates that carry the
// whole monitor, drift, adoption, duplicate live names and what a drf server cannot take.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/action_address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/monitor.hpp"
#include "planner/plan_file.hpp"
#include "planner/planner.hpp"
#include "planner/precondition.hpp"
#include "planner/record.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace gg::testing;

const std::string kNasa = std::string(kInstance) + "/NASA";
const std::string kApi = kNasa + "/monitor/apollo-api";

Monitor apollo_api() {
  Monitor monitor;
  monitor.name = "apollo-api";
  monitor.type = "GET";
  monitor.url = "https://apollo.example.com/health";
  monitor.interval = 60;
  monitor.project = nasa().projects.begin()->first;
  return monitor;
}

Monitor with_id(Monitor monitor, const std::string& id) {
  monitor.id = id;
  return monitor;
}

Organization& nasa_in(State& state, const std::string& key) {
  return state.instances[kInstance].organizations[key];
}

Plan plan_ok(const State& desired_state, const State& recorded_state, const State& live_state) {
  Result<Plan> plan = make_plan(desired_state, recorded_state, live_state, {});
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().to_string());
  if (!plan.ok()) return Plan{};
  const Status consistent = check_action_addresses(plan.value(), "plan");
  EXPECT_TRUE(consistent.ok()) << (consistent.ok() ? "" : consistent.error().to_string());
  return plan.value();
}

std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const Action& action : plan.actions) {
    out.push_back(std::string(to_string(action.type)) + " " + action.address);
  }
  return out;
}

State ninja_live() {
  State state = live();
  Capabilities& capabilities = *state.instances[kInstance].capabilities;
  capabilities.tcp_monitors = true;
  capabilities.monitor_timeout = true;
  return state;
}

TEST(Monitors, DeclaredMonitorIsCreatedAfterItsProject) {
  State wanted = desired();
  nasa_in(wanted, "NASA").monitors["apollo-api"] = apollo_api();
  const Plan plan = plan_ok(wanted, recorded(), ninja_live());
  ASSERT_EQ(plan.actions.size(), 1u);
  const Action& create = plan.actions[0];
  EXPECT_EQ(create.type, ActionType::create_monitor);
  EXPECT_EQ(create.address, kApi);
  EXPECT_EQ(create.monitor, "apollo-api");
  EXPECT_EQ(create.project, apollo_api().project);
  EXPECT_EQ(create.precondition, kAbsent);
  EXPECT_EQ(create.after["interval"], 60);
  EXPECT_EQ(create.after["url"], "https://apollo.example.com/health");

  // With the project created by the same plan, the monitor comes after it.
  const Plan fresh = plan_ok(wanted, State{}, empty_live());
  const std::vector<std::string> order = lines(fresh);
  const auto at = [&](const std::string& prefix) {
    return std::find_if(order.begin(), order.end(),
                        [&](const std::string& l) { return l.starts_with(prefix); }) -
           order.begin();
  };
  EXPECT_LT(at("create_project " + kNasa + "/project/" + apollo_api().project),
            at("create_monitor " + kApi));
  EXPECT_EQ(order.back().substr(0, 14), "create_monitor") << "nothing after the monitor";
}

TEST(Monitors, ChangedFieldIsAnUpdateOfTheWholeMonitor) {
  State wanted = desired();
  Monitor changed = apollo_api();
  changed.interval = 120;
  nasa_in(wanted, "NASA").monitors["apollo-api"] = changed;
  State now = ninja_live();
  Monitor live_monitor = with_id(apollo_api(), "7");
  live_monitor.timeout = 20;
  nasa_in(now, "nasa").monitors["apollo-api"] = live_monitor;
  State known = recorded();
  nasa_in(known, "nasa").monitors["apollo-api"] = live_monitor;
  const Plan plan = plan_ok(wanted, known, now);
  ASSERT_EQ(plan.actions.size(), 1u);
  const Action& update = plan.actions[0];
  EXPECT_EQ(update.type, ActionType::update_monitor);
  EXPECT_EQ(update.reason, "interval: 60 → 120");
  EXPECT_EQ(update.after["interval"], 120);
  // The whole monitor, the undeclared timeout kept as GlitchTip has it.
  EXPECT_EQ(update.after["url"], "https://apollo.example.com/health");
  EXPECT_EQ(update.after["timeout"], 20);
  EXPECT_EQ(update.after["project"], apollo_api().project);
  EXPECT_EQ(update.precondition, fingerprint(live_monitor));
  EXPECT_THAT(plan.drift, IsEmpty());

  // Nothing changes when the definitions match, an undeclared timeout included.
  nasa_in(wanted, "NASA").monitors["apollo-api"] = apollo_api();
  nasa_in(now, "nasa").monitors["apollo-api"].interval = 60;
  nasa_in(known, "nasa").monitors["apollo-api"].interval = 60;
  EXPECT_THAT(plan_ok(wanted, known, now).actions, IsEmpty());
}

TEST(Monitors, UndeclaredMonitorIsDeletedOnlyWhereTheToolOwnsIt) {
  State wanted = desired();
  State now = ninja_live();
  nasa_in(now, "nasa").monitors["by-hand"] = with_id(apollo_api(), "8");
  nasa_in(now, "nasa").monitors["by-hand"].name = "by-hand";

  // Neither managed nor recorded: left alone, listed as not managed.
  const Plan alone = plan_ok(wanted, recorded(), now);
  EXPECT_THAT(alone.actions, IsEmpty());
  EXPECT_THAT(alone.unmanaged_objects, ElementsAre(kNasa + "/monitor/by-hand"));

  // Recorded (made or adopted by the tool): deleted.
  State known = recorded();
  nasa_in(known, "nasa").monitors["by-hand"] = nasa_in(now, "nasa").monitors["by-hand"];
  const Plan owned = plan_ok(wanted, known, now);
  EXPECT_THAT(lines(owned), ElementsAre("delete_monitor " + kNasa + "/monitor/by-hand"));
  EXPECT_THAT(owned.unmanaged_objects, IsEmpty());

  // uptimeMonitors: managed: deleted without a record.
  nasa_in(wanted, "NASA").monitors_managed = true;
  const Plan managed = plan_ok(wanted, recorded(), now);
  ASSERT_EQ(managed.actions.size(), 1u);
  EXPECT_EQ(managed.actions[0].type, ActionType::delete_monitor);
  EXPECT_THAT(managed.actions[0].reason, HasSubstr("not declared"));
  EXPECT_EQ(managed.summary.destroy, 1);
}

TEST(Monitors, LiveMonitorWithTheDeclaredNameIsAdopted) {
  State wanted = desired();
  nasa_in(wanted, "NASA").monitors["apollo-api"] = apollo_api();
  State now = ninja_live();
  nasa_in(now, "nasa").monitors["apollo-api"] = with_id(apollo_api(), "9");
  const Plan plan = plan_ok(wanted, recorded(), now);
  EXPECT_THAT(plan.actions, IsEmpty());
  ASSERT_EQ(plan.adoptions.size(), 1u);
  EXPECT_EQ(plan.adoptions[0].address, kApi);
  State known = recorded();
  record_adoption(known, plan.adoptions[0]);
  EXPECT_EQ(nasa_in(known, "nasa").monitors.at("apollo-api"), with_id(apollo_api(), "9"));
}

TEST(Monitors, ChangeOutsideTheToolIsDriftAndReverted) {
  State wanted = desired();
  nasa_in(wanted, "NASA").monitors["apollo-api"] = apollo_api();
  State known = recorded();
  nasa_in(known, "nasa").monitors["apollo-api"] = with_id(apollo_api(), "7");
  State now = ninja_live();
  Monitor edited = with_id(apollo_api(), "7");
  edited.url = "https://elsewhere.example.com/";
  nasa_in(now, "nasa").monitors["apollo-api"] = edited;
  const Plan plan = plan_ok(wanted, known, now);
  ASSERT_EQ(plan.drift.size(), 1u);
  EXPECT_EQ(plan.drift[0].description,
            "url changed from https://apollo.example.com/health to https://elsewhere.example.com/ "
            "outside glitchtip-gitops");
  EXPECT_THAT(lines(plan), ElementsAre("update_monitor " + kApi));
}

TEST(Monitors, PreconditionsSeeAMovedMonitor) {
  State wanted = desired();
  Monitor changed = apollo_api();
  changed.interval = 300;
  nasa_in(wanted, "NASA").monitors["apollo-api"] = changed;
  State now = ninja_live();
  nasa_in(now, "nasa").monitors["apollo-api"] = with_id(apollo_api(), "7");
  const Plan plan = plan_ok(wanted, recorded(), now);
  ASSERT_EQ(plan.actions.size(), 1u);
  EXPECT_THAT(check_preconditions(plan, now), IsEmpty());
  nasa_in(now, "nasa").monitors["apollo-api"].expected_body = "OK";
  const Errors moved = check_preconditions(plan, now);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].where, kApi);
  EXPECT_EQ(moved[0].message, "expectedBody is now OK, the plan expected (none)");
  nasa_in(now, "nasa").monitors.erase("apollo-api");
  EXPECT_EQ(check_preconditions(plan, now).at(0).message, "the monitor no longer exists");
}

TEST(Monitors, TwoLiveMonitorsWithOneNameAreAPlanError) {
  State now = ninja_live();
  nasa_in(now, "nasa").duplicate_monitor_ids["apollo-api"] = {"4", "9"};
  const Result<Plan> plan = make_plan(desired(), recorded(), now, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.errors().at(0).where, kApi);
  EXPECT_THAT(plan.errors().at(0).message, HasSubstr("ids 4, 9"));
}

TEST(Monitors, DrfCannotTakeTcpPortOrTimeout) {
  State wanted = desired();
  Monitor tcp = apollo_api();
  tcp.type = "TCP Port";
  tcp.url = "apollo.example.com:443";
  tcp.timeout = 10;
  nasa_in(wanted, "NASA").monitors["apollo-api"] = tcp;
  State now = live();
  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, true, false};
  const Result<Plan> plan = make_plan(wanted, recorded(), now, {});
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.errors().size(), 2u);
  EXPECT_THAT(plan.errors()[0].message, HasSubstr("type is TCP Port"));
  EXPECT_THAT(plan.errors()[0].message, HasSubstr("runs the Django REST framework API"));
  EXPECT_THAT(plan.errors()[1].message, HasSubstr("timeout is 10"));
  EXPECT_TRUE(make_plan(wanted, recorded(), ninja_live(), {}).ok());
}

TEST(Monitors, ApplyRecordsWhatItDid) {
  State known = recorded();
  State wanted = desired();
  nasa_in(wanted, "NASA").monitors["apollo-api"] = apollo_api();
  const Plan plan = plan_ok(wanted, known, ninja_live());
  ASSERT_EQ(plan.actions.size(), 1u);
  Action create = plan.actions[0];
  create.organization_slug = "nasa";
  ActionOutcome outcome{"apollo-api", "12", false, {}};
  outcome.timeout = 20;  // the server's default, for a monitor declared without one
  record_action(known, create, outcome, wanted);
  Monitor expected = with_id(apollo_api(), "12");
  expected.timeout = 20;
  EXPECT_EQ(nasa_in(known, "nasa").monitors.at("apollo-api"), expected);

  Action remove = create;
  remove.type = ActionType::delete_monitor;
  record_action(known, remove, {}, wanted);
  EXPECT_THAT(nasa_in(known, "nasa").monitors, IsEmpty());
}

TEST(Monitors, PlanFileKeepsTheMonitorAndOtherPlansKeepTheirBytes) {
  State wanted = desired();
  nasa_in(wanted, "NASA").monitors["apollo-api"] = apollo_api();
  const Plan plan = seal_plan(plan_ok(wanted, recorded(), ninja_live()));
  const std::string text = plan_file_text(plan);
  EXPECT_THAT(text, HasSubstr("\"monitor\": \"apollo-api\""));
  const Result<Plan> back = read_plan(text, "plan.json");
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->actions.at(0).monitor, "apollo-api");
  EXPECT_EQ(back->plan_sha256, plan.plan_sha256);
  const std::string other = plan_file_text(seal_plan(plan_ok(desired(), recorded(), live())));
  EXPECT_THAT(other, ::testing::Not(HasSubstr("monitor")));
}

}  // namespace
}  // namespace gg
