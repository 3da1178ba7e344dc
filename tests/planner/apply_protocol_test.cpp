// The rules apply follows before it changes anything: the approved plan, its age, the
// snapshot it was made against, and what to re-read for the preconditions.

#include "planner/apply_protocol.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace gg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::chrono::system_clock::time_point at(int hours_after_creation) {
  // 2026-11-29T05:00:00Z, the plans' created_at below.
  const auto created = std::chrono::system_clock::from_time_t(1795928400);
  return created + std::chrono::hours(hours_after_creation);
}

Plan plan_made_at(const std::string& created_at = "2026-11-29T05:00:00Z") {
  Plan plan;
  plan.created_at = created_at;
  plan.plan_sha256 = std::string(64, 'a');
  plan.base = {"lineage-1", 41, "sha"};
  return plan;
}

TEST(ApplyProtocol, TheApprovedPlanIsAccepted) {
  const ApprovalPolicy policy{.expect = std::string(64, 'a')};
  const auto accepted = check_approval(plan_made_at(), "plan.json", policy, at(1));
  ASSERT_TRUE(accepted.ok());
  EXPECT_THAT(*accepted, IsEmpty());
}

TEST(ApplyProtocol, AnotherPlanThanTheApprovedOneIsRefused) {
  const ApprovalPolicy policy{.expect = std::string(64, 'b')};
  const auto refused = check_approval(plan_made_at(), "plan.json", policy, at(1));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().where, "plan.json");
  EXPECT_THAT(refused.error().message, HasSubstr("this is not the approved plan"));
  EXPECT_THAT(refused.error().message, HasSubstr(std::string(64, 'b')));
}

TEST(ApplyProtocol, AnOldPlanIsAWarningUnlessStrict) {
  ApprovalPolicy policy{.max_age_hours = 168};
  const auto warned = check_approval(plan_made_at(), "plan.json", policy, at(200));
  ASSERT_TRUE(warned.ok());
  EXPECT_THAT(*warned, ElementsAre("plan.json: the plan was made 200 hours ago "
                                   "(2026-11-29T05:00:00Z), more than --max-age 168"));
  EXPECT_THAT(*check_approval(plan_made_at(), "plan.json", policy, at(168)), IsEmpty());

  policy.strict_age = true;
  const auto refused = check_approval(plan_made_at(), "plan.json", policy, at(200));
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("200 hours ago"));
  EXPECT_EQ(refused.error().hint, "plan again");
}

TEST(ApplyProtocol, AnUnreadableCreationTimeCountsAsFresh) {
  const ApprovalPolicy policy{.max_age_hours = 0, .strict_age = true};
  EXPECT_TRUE(check_approval(plan_made_at("yesterday"), "plan.json", policy, at(1000)).ok());
}

TEST(ApplyProtocol, TheSameLineageAndSerialIsTheBase) {
  EXPECT_TRUE(check_base(plan_made_at(), {"lineage-1", 41, "", ""}, "snap.json", "plan.json").ok());
}

TEST(ApplyProtocol, ALaterSerialSaysWhoWroteIt) {
  const Status moved =
      check_base(plan_made_at(), {"lineage-1", 43, "2026-11-30T01:00:00Z", "refresh"}, "snap.json",
                 "plan.json");
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().where, "snap.json");
  EXPECT_EQ(moved.error().message,
            "the snapshot changed since this plan was made: serial 41 → 43, updated at "
            "2026-11-30T01:00:00Z by refresh");
  EXPECT_EQ(moved.error().hint, "run plan again and apply the new plan");
}

TEST(ApplyProtocol, AnotherLineageIsAnotherSnapshot) {
  const Status other =
      check_base(plan_made_at(), {"lineage-2", 41, "", ""}, "snap.json", "plan.json");
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(other.error().message, HasSubstr("lineage lineage-1, now lineage-2"));
  EXPECT_THAT(other.error().hint, HasSubstr("glitchtip-gitops apply plan.json --snapshot PATH"));
  const Status none = check_base(plan_made_at(), {"", 0, "", ""}, "snap.json", "plan.json");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.error().message, HasSubstr("now none"));
}

TEST(ApplyProtocol, APlanMadeBeforeTheFirstSnapshotNeedsNone) {
  Plan plan = plan_made_at();
  plan.base = {};
  EXPECT_TRUE(check_base(plan, {}, "snap.json", "plan.json").ok());
  const Status written = check_base(plan, {"lineage-1", 1, "", "apply"}, "snap.json", "plan.json");
  ASSERT_FALSE(written.ok());
  EXPECT_THAT(written.error().message, HasSubstr("serial 0 → 1"));
}

Action action_in(const std::string& instance, const std::string& slug,
                 ActionType type = ActionType::create_team) {
  Action action;
  action.type = type;
  action.instance = instance;
  action.organization_slug = slug;
  return action;
}

TEST(ApplyProtocol, APlanWithoutActionsReadsNothing) {
  Plan plan;
  plan.instances = {{"glitchtip-dev", {}}};
  plan.drift.resize(1);
  EXPECT_FALSE(precondition_read(plan).needed);
}

TEST(ApplyProtocol, PreconditionsReadOnlyTheTouchedOrganizations) {
  Plan plan;
  plan.instances = {{"glitchtip-dev", {}}, {"glitchtip-prod", {}}};
  plan.actions = {action_in("glitchtip-dev", "nasa"), action_in("glitchtip-dev", "esa"),
                  action_in("glitchtip-dev", "nasa"), action_in("glitchtip-dev", "")};
  const PreconditionRead read = precondition_read(plan);
  EXPECT_TRUE(read.needed);
  EXPECT_FALSE(read.everything);
  const std::map<std::string, std::vector<std::string>> expected = {
      {"glitchtip-dev", {"nasa", "esa"}}, {"glitchtip-prod", {}}};
  EXPECT_EQ(read.organizations, expected);
}

TEST(ApplyProtocol, CreatingAnOrganizationReadsEverything) {
  Plan plan;
  plan.instances = {{"glitchtip-dev", {}}};
  plan.actions = {action_in("glitchtip-dev", "nasa"),
                  action_in("glitchtip-dev", "", ActionType::create_organization)};
  const PreconditionRead read = precondition_read(plan);
  EXPECT_TRUE(read.needed);
  EXPECT_TRUE(read.everything);
}

}  // namespace
}  // namespace gg
