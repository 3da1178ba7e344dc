// Project keys in make_plan: creation, adoption of GlitchTip's default key, the ownership rule
// for undeclared keys, replacements of changed keys, guards, preconditions, recording and
// --target (planner/kinds/key.hpp).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/action_address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/key.hpp"
#include "planner/plan_wording.hpp"
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

constexpr const char* kApollo = "apollo-11-spacecraft";
const std::string kKeys = std::string(kInstance) + "/NASA/project/" + kApollo + "/key/";

Key key(const std::string& label, int window = 0, int count = 0, const std::string& id = "") {
  Key made;
  made.project = kApollo;
  made.label = label;
  made.rate_limit_window = window;
  made.rate_limit_count = count;
  made.id = id;
  return made;
}

void add_key(State& state, const std::string& organization, Key added) {
  state.instances[kInstance]
      .organizations[organization]
      .keys[key_name(added.project, added.label)] = std::move(added);
}

State live_with_rate_limits() {
  State state = live();
  state.instances[kInstance].capabilities->key_rate_limits = true;
  return state;
}

std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const Action& action : plan.actions) {
    out.push_back(std::string(to_string(action.type)) + " " + action.address);
  }
  return out;
}

Plan plan_ok(const State& desired_state, const State& recorded_state, const State& live_state,
             const PlanOptions& options = {}) {
  Result<Plan> plan = make_plan(desired_state, recorded_state, live_state, options);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().to_string());
  if (!plan.ok()) return Plan{};
  const Status consistent = check_action_addresses(plan.value(), "plan");
  EXPECT_TRUE(consistent.ok()) << (consistent.ok() ? "" : consistent.error().to_string());
  return plan.value();
}

TEST(Keys, DeclaredKeyMissingLiveIsCreatedAfterItsProject) {
  State wanted = desired();
  add_key(wanted, "NASA", key("backend", 60, 1000));
  const Plan plan = plan_ok(wanted, recorded(), live_with_rate_limits());
  ASSERT_THAT(lines(plan), ElementsAre("create_key " + kKeys + "backend"));
  const Action& create = plan.actions[0];
  EXPECT_EQ(create.precondition, kAbsent);
  EXPECT_EQ(create.after["label"], "backend");
  EXPECT_EQ(create.after["rateLimit"]["count"], 1000);
  EXPECT_EQ(wording::action_text(create),
            "key \"backend\" of project apollo-11-spacecraft: rateLimit 1000 per 60s");
}

TEST(Keys, DefaultKeyOfAProjectThisPlanCreatesIsNotCreatedTwice) {
  State wanted = desired();
  add_key(wanted, "NASA", key(""));
  add_key(wanted, "NASA", key("frontend"));
  State now = live_with_rate_limits();
  now.instances[kInstance].organizations["nasa"].projects.erase(kApollo);
  const Plan plan = plan_ok(wanted, State{}, now);
  std::vector<std::string> keys;
  for (const std::string& line : lines(plan)) {
    if (line.find("_key ") != std::string::npos) keys.push_back(line);
  }
  // GlitchTip makes the "" key with the project; the next plan adopts it.
  EXPECT_THAT(keys, ElementsAre("create_key " + kKeys + "frontend"));
  const std::vector<std::string> all = lines(plan);
  EXPECT_LT(std::find(all.begin(), all.end(),
                      "create_project " + std::string(kInstance) + "/NASA/project/" + kApollo) -
                all.begin(),
            static_cast<long>(plan.actions.size()) - 1);
}

TEST(Keys, DeclaredLiveKeyNeverRecordedIsAdopted) {
  State wanted = desired();
  add_key(wanted, "NASA", key(""));
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("", 0, 0, "sha256:0123456789abcdef"));
  const Plan plan = plan_ok(wanted, recorded(), now);
  EXPECT_THAT(plan.actions, IsEmpty());
  ASSERT_EQ(plan.adoptions.size(), 1u);
  EXPECT_EQ(plan.adoptions[0].address, kKeys);
  EXPECT_EQ(plan.adoptions[0].live["id"], "sha256:0123456789abcdef");
  State snapshot = recorded();
  record_adoption(snapshot, plan.adoptions[0]);
  EXPECT_EQ(snapshot.instances[kInstance].organizations["nasa"].keys.count(key_name(kApollo, "")),
            1u);
}

TEST(Keys, UndeclaredKeyIsLeftAloneUnlessTheSnapshotRecordsIt) {
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("", 0, 0, "sha256:0123456789abcdef"));
  add_key(now, "nasa", key("old", 0, 0, "sha256:1111111111111111"));
  State snapshot = recorded();
  add_key(snapshot, "nasa", key("old", 0, 0, "sha256:1111111111111111"));
  const Plan plan = plan_ok(desired(), snapshot, now);
  // "" was never created or adopted by this tool: not its to delete.
  ASSERT_THAT(lines(plan), ElementsAre("delete_key " + kKeys + "old"));
  const Action& deletion = plan.actions[0];
  EXPECT_THAT(deletion.warning, HasSubstr("stops reporting"));
  EXPECT_EQ(deletion.before["id"], "sha256:1111111111111111");
  // The project does not declare `keys:`: its keys are not listed (every project has one).
  EXPECT_THAT(plan.unmanaged_objects, IsEmpty());
}

TEST(Keys, KeysLeftAloneAreListedWhereTheProjectDeclaresKeys) {
  State wanted = desired();
  add_key(wanted, "NASA", key("backend"));
  wanted.instances[kInstance].organizations["NASA"].projects[kApollo].keys_declared = true;
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("", 0, 0, "sha256:0123456789abcdef"));
  add_key(now, "nasa", key("backend", 0, 0, "sha256:2222222222222222"));
  add_key(now, "nasa", key("made by hand", 0, 0, "sha256:3333333333333333"));
  const Plan plan = plan_ok(wanted, recorded(), now);
  EXPECT_THAT(plan.actions, IsEmpty());
  EXPECT_THAT(plan.unmanaged_objects, ElementsAre(kKeys, kKeys + "made by hand"));
  EXPECT_EQ(wording::object_words(plan.unmanaged_objects[1]),
            "key \"made by hand\" of project apollo-11-spacecraft");
}

TEST(Keys, ChangedRateLimitIsAReplacementWithANewDsn) {
  State wanted = desired();
  add_key(wanted, "NASA", key("backend", 60, 500));
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("backend", 60, 1000, "sha256:2222222222222222"));
  State snapshot = recorded();
  add_key(snapshot, "nasa", key("backend", 60, 1000, "sha256:2222222222222222"));
  const Plan plan = plan_ok(wanted, snapshot, now);
  ASSERT_THAT(lines(plan),
              ElementsAre("create_key " + kKeys + "backend", "delete_key " + kKeys + "backend"));
  EXPECT_THAT(plan.actions[0].warning, HasSubstr("new DSN"));
  EXPECT_NE(plan.actions[0].precondition, kAbsent);  // the replaced key is expected
  EXPECT_THAT(plan.actions[1].warning, HasSubstr("stops reporting"));
  // Apply's check before the first write passes against the same live state.
  EXPECT_THAT(check_preconditions(plan, now), IsEmpty());
  // Recording the creation, then the deletion, keeps the new key.
  State after = snapshot;
  record_action(after, plan.actions[0],
                ActionOutcome{"backend", "sha256:3333333333333333", false, {}}, wanted);
  record_action(after, plan.actions[1], ActionOutcome{}, wanted);
  const auto& keys = after.instances[kInstance].organizations["nasa"].keys;
  ASSERT_EQ(keys.count(key_name(kApollo, "backend")), 1u);
  EXPECT_EQ(keys.at(key_name(kApollo, "backend")).id, "sha256:3333333333333333");
  EXPECT_EQ(keys.at(key_name(kApollo, "backend")).rate_limit_count, 500);
}

TEST(Keys, ChangedLabelDeletesTheOldKeyAndSaysSo) {
  State wanted = desired();
  add_key(wanted, "NASA", key("backend-v2"));
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("backend", 0, 0, "sha256:2222222222222222"));
  State snapshot = recorded();
  add_key(snapshot, "nasa", key("backend", 0, 0, "sha256:2222222222222222"));
  const Plan plan = plan_ok(wanted, snapshot, now);
  ASSERT_THAT(lines(plan),
              ElementsAre("create_key " + kKeys + "backend-v2", "delete_key " + kKeys + "backend"));
  EXPECT_THAT(plan.actions[1].warning, HasSubstr("\"backend-v2\" is meant to replace it"));
}

TEST(Keys, KeyDeletionsCountAgainstMaxDeletes) {
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("a", 0, 0, "sha256:1111111111111111"));
  add_key(now, "nasa", key("b", 0, 0, "sha256:2222222222222222"));
  State snapshot = recorded();
  add_key(snapshot, "nasa", key("a", 0, 0, "sha256:1111111111111111"));
  add_key(snapshot, "nasa", key("b", 0, 0, "sha256:2222222222222222"));
  PlanOptions options;
  options.max_deletes = 1;
  const Result<Plan> plan = make_plan(desired(), snapshot, now, options);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().to_string(), HasSubstr("--max-deletes 2"));
}

TEST(Keys, ProjectDeletionTakesItsKeysAndCountsThem) {
  State wanted = desired();
  wanted.instances[kInstance].organizations["NASA"].projects.erase(kApollo);
  State now = live_with_rate_limits();
  add_key(now, "nasa", key("", 0, 0, "sha256:1111111111111111"));
  PlanOptions options;
  options.max_deletes = 1;
  const Result<Plan> refused = make_plan(wanted, recorded(), now, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().to_string(), HasSubstr("1 object deleted with them"));
  const Plan plan = plan_ok(wanted, recorded(), now);
  ASSERT_EQ(plan.actions.size(), 1u);
  EXPECT_EQ(plan.actions[0].type, ActionType::delete_project);
  EXPECT_THAT(plan.actions[0].consequences, ::testing::Contains(kKeys));
}

TEST(Keys, RateLimitOnDrfIsAPlanTimeErrorNamingFieldAndServer) {
  State wanted = desired();
  add_key(wanted, "NASA", key("backend", 60, 1000));
  State now = live();
  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, true, false, true};
  const Result<Plan> plan = make_plan(wanted, recorded(), now, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, kKeys + "backend");
  EXPECT_THAT(plan.error().message, HasSubstr("rateLimit"));
  EXPECT_THAT(plan.error().message, HasSubstr("Django REST framework"));
}

TEST(Keys, KeyDeletedOutsideIsDriftAndAPreconditionChange) {
  State snapshot = recorded();
  add_key(snapshot, "nasa", key("backend", 0, 0, "sha256:2222222222222222"));
  State wanted = desired();
  add_key(wanted, "NASA", key("backend"));
  const Plan plan = plan_ok(wanted, snapshot, live_with_rate_limits());
  ASSERT_EQ(plan.drift.size(), 1u);
  EXPECT_EQ(plan.drift[0].address, kKeys + "backend");
  EXPECT_THAT(plan.drift[0].description, HasSubstr("deleted outside"));
  ASSERT_THAT(lines(plan), ElementsAre("create_key " + kKeys + "backend"));
  State changed = live_with_rate_limits();
  add_key(changed, "nasa", key("backend", 0, 0, "sha256:4444444444444444"));
  const Errors problems = check_preconditions(plan, changed);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("exists now"));
}

TEST(Keys, TargetingAProjectIncludesItsKeys) {
  State wanted = desired();
  add_key(wanted, "NASA", key("backend"));
  wanted.instances[kInstance]
      .organizations["NASA"]
      .keys[key_name("apollo-11-flight-control", "x")] = [] {
    Key other = key("x");
    other.project = "apollo-11-flight-control";
    return other;
  }();
  PlanOptions options;
  options.targets = {std::string(kInstance) + "/NASA/project/" + kApollo};
  const Plan plan = plan_ok(wanted, recorded(), live_with_rate_limits(), options);
  EXPECT_THAT(lines(plan), ElementsAre("create_key " + kKeys + "backend"));
}

TEST(Keys, AddressesRoundTripWithEmptyAndSlashedLabels) {
  for (const std::string label : {"", "backend", "a/b"}) {
    const Address address = Address::of_key(kInstance, "NASA", kApollo, label);
    const std::optional<Address> parsed = Address::parse(address.to_string());
    ASSERT_TRUE(parsed.has_value()) << address.to_string();
    EXPECT_EQ(*parsed, address);
  }
}

TEST(Keys, IdsAreDigestsNeverThePublicKey) {
  const std::string hex = "3ca84feb64c64e05865782cf5b2ec7b6";
  const std::string digest = key_id_digest(hex);
  EXPECT_EQ(digest.rfind("sha256:", 0), 0u);
  EXPECT_EQ(digest.size(), 7u + 16u);
  EXPECT_EQ(digest.find("3ca84feb"), std::string::npos);
  EXPECT_EQ(key_id_digest("3ca84feb-64c6-4e05-8657-82cf5b2ec7b6"), digest);  // ninja's form
}

}  // namespace
}  // namespace gg
