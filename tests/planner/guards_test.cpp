// The plan-time guards and server capabilities: a plan that would do something dangerous
// or impossible fails, naming every object and the flag or field that resolves it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/planner.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace gg::testing;

const std::string kNasa = std::string(kInstance) + "/NASA";

Organization& organization_of(State& state, const std::string& key) {
  return state.instances[kInstance].organizations[key];
}

std::vector<std::string> wheres(const Errors& errors) {
  std::vector<std::string> out;
  for (const Error& error : errors) out.push_back(error.where);
  return out;
}

std::vector<std::string> guard_names(const Plan& plan) {
  std::vector<std::string> out;
  for (const Guard& guard : plan.guards) out.push_back(guard.name + ": " + guard.detail);
  return out;
}

TEST(Guards, PassedGuardsAreRecorded) {
  const Result<Plan> plan = make_plan(desired(), recorded(), live(), {});
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(guard_names(*plan),
              ElementsAre("protected: no protected organization or project is deleted",
                          "allow_delete_organizations: no organization is deleted",
                          "max_deletes: 0 deletions, limit 50",
                          "allow_empty: every instance declares organizations"));
}

TEST(Guards, ProtectedProjectRemovedFromTheDefinitionsIsNotDeleted) {
  State wanted = desired();
  organization_of(wanted, "NASA").projects.erase("apollo-11-spacecraft");
  State snapshot = recorded();
  organization_of(snapshot, "nasa").projects["apollo-11-spacecraft"].is_protected = true;
  const Result<Plan> plan = make_plan(wanted, snapshot, live(), {});
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.errors().size(), 1u);
  EXPECT_EQ(plan.error().where, kNasa + "/project/apollo-11-spacecraft");
  EXPECT_THAT(plan.error().message, HasSubstr("is protected and would be deleted"));
  EXPECT_THAT(plan.error().hint, HasSubstr("protected: false"));

  organization_of(snapshot, "nasa").projects["apollo-11-spacecraft"].is_protected = false;
  EXPECT_TRUE(make_plan(wanted, snapshot, live(), {}).ok());
}

TEST(Guards, ProtectedOrganizationAndItsProtectedProjectsAreAllReported) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.erase("NASA");
  State snapshot = recorded();
  organization_of(snapshot, "nasa").is_protected = true;
  organization_of(snapshot, "nasa").projects["apollo-11-spacecraft"].is_protected = true;
  PlanOptions options;
  options.allow_delete_organizations = true;
  const Result<Plan> plan = make_plan(wanted, snapshot, live(), options);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(wheres(plan.errors()), ElementsAre(kNasa, kNasa + "/project/apollo-11-spacecraft"));
}

TEST(Guards, TooManyDeletions) {
  State wanted = desired();
  Organization& organization = organization_of(wanted, "NASA");
  organization.members.clear();
  for (auto& [slug, team] : organization.teams) team.members.clear();
  PlanOptions options;
  options.max_deletes = 3;
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), options);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message, "the plan would make 4 deletions, limit 3");
  EXPECT_EQ(plan.error().hint, "check the definitions, or pass --max-deletes 4 to allow it");
  options.max_deletes = 4;
  const Result<Plan> allowed = make_plan(wanted, recorded(), live(), options);
  ASSERT_TRUE(allowed.ok());
  EXPECT_THAT(guard_names(*allowed), ::testing::Contains("max_deletes: 4 deletions, limit 4"));
}

TEST(Guards, MaxDeletesCountsWhatAnOrganizationDeletionTakesWithIt) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.erase("NASA");
  State now = live();
  State snapshot = recorded();
  for (State* state : {&now, &snapshot}) {
    Organization& nasa = organization_of(*state, "nasa");
    for (int i = 0; i < 1192; ++i) add(nasa, project("mission-" + std::to_string(i), {}));
  }
  // 4 members (the automation user is not one), 2 teams, 2 + 1192 projects: 1200 objects.
  PlanOptions options;
  options.allow_delete_organizations = true;
  const Result<Plan> plan = make_plan(wanted, snapshot, now, options);
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.errors().size(), 1u);
  EXPECT_EQ(plan.error().where, "plan");
  EXPECT_EQ(plan.error().message,
            "the plan would make 1201 deletions (1 planned, 1200 objects deleted with them), "
            "limit 50: " +
                kNasa + " takes 1200 with it");
  EXPECT_EQ(plan.error().hint, "check the definitions, or pass --max-deletes 1201 to allow it");

  options.max_deletes = 1201;
  const Result<Plan> allowed = make_plan(wanted, snapshot, now, options);
  ASSERT_TRUE(allowed.ok()) << allowed.error().to_string();
  EXPECT_THAT(guard_names(*allowed),
              ::testing::Contains("max_deletes: 1201 deletions (1 planned, 1200 objects deleted "
                                  "with them), limit 1201"));
}

TEST(Guards, LinksThatGoWithAMemberAreNotCountedAgain) {
  State wanted = desired();
  organization_of(wanted, "NASA").members.erase(kMichael);
  organization_of(wanted, "NASA").teams["nasa-flight-control"].members = {kDirector};
  PlanOptions options;
  options.max_deletes = 1;
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), options);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_THAT(guard_names(*plan), ::testing::Contains("max_deletes: 1 deletion, limit 1"));
}

TEST(Guards, EmptyDefinitionsAreRefusedUnlessAllowed) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.clear();
  PlanOptions options;
  options.allow_delete_organizations = true;
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), options);
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.errors().size(), 1u);
  EXPECT_EQ(plan.error().where, kInstance);
  EXPECT_EQ(plan.error().message,
            "the definitions declare no organization in glitchtip-dev, while GlitchTip has 2");
  EXPECT_THAT(plan.error().hint, HasSubstr("--allow-empty"));

  options.allow_empty = true;
  const Result<Plan> allowed = make_plan(wanted, recorded(), live(), options);
  ASSERT_TRUE(allowed.ok());
  EXPECT_EQ(allowed->actions.size(), 2u);
  EXPECT_THAT(
      guard_names(*allowed),
      ::testing::Contains(
          "allow_empty: glitchtip-dev: no organization declared, allowed by --allow-empty"));
}

TEST(Guards, EveryViolationIsReportedAtOnce) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.clear();
  PlanOptions options;
  options.max_deletes = 1;
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), options);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(wheres(plan.errors()),
              ElementsAre(std::string(kInstance) + "/ESA", kNasa, "plan", kInstance));
}

TEST(Capabilities, EventThrottleRateNeedsAServerThatHasIt) {
  State wanted = desired();
  organization_of(wanted, "NASA").projects["apollo-11-spacecraft"].event_throttle_rate = 10;
  State now = live();
  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, false, false};
  const Result<Plan> plan = make_plan(wanted, recorded(), now, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, kNasa + "/project/apollo-11-spacecraft");
  EXPECT_THAT(plan.error().message, HasSubstr("eventThrottleRate is 10"));
  EXPECT_THAT(plan.error().message, HasSubstr("has no project yet to show whether"));

  // Projects were read and none carried the field: say so, and nothing that contradicts it.
  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, false, false, true};
  const Result<Plan> older = make_plan(wanted, recorded(), now, {});
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.error().message,
            "eventThrottleRate is 10, but " + std::string(kInstance) +
                "'s projects carry no eventThrottleRate field: GlitchTip before 3.4");
  EXPECT_THAT(older.error().hint, HasSubstr("upgrade GlitchTip to 3.4 or later"));

  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, true, false};
  const Result<Plan> newer = make_plan(wanted, recorded(), now, {});
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer->actions.at(0).after["eventThrottleRate"], 10);
}

TEST(Capabilities, DeclaredProjectSlugOnAServerThatCannotRenameSlugs) {
  State wanted = desired();
  Project custom = project("apollo-13", {"nasa-pilots"});
  custom.name = "Apollo 13";
  add(organization_of(wanted, "NASA"), custom);
  State now = live();
  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, true, false};
  EXPECT_TRUE(make_plan(wanted, recorded(), now, {}).ok());  // slugify("Apollo 13")

  organization_of(wanted, "NASA").projects["apollo-13"].name = "Apollo Thirteen";
  const Result<Plan> plan = make_plan(wanted, recorded(), now, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, kNasa + "/project/apollo-13");
  EXPECT_THAT(plan.error().hint, HasSubstr("\"apollo-thirteen\""));

  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::ninja, true, true};
  EXPECT_TRUE(make_plan(wanted, recorded(), now, {}).ok());
  // Offline, capabilities are unknown: nothing to check.
  EXPECT_TRUE(make_plan(wanted, recorded(), recorded(), {}).ok());
}

// GlitchTip 3.3 and later give a project named "New" the slug new-1, older ones new: a DRF
// server (which cannot rename) accepts either as "the slug GlitchTip makes", and nothing else.
TEST(Capabilities, AProjectNamedNewMayBeNew1OnAServerThatCannotRenameSlugs) {
  State now = live();
  now.instances[kInstance].capabilities = Capabilities{ApiGeneration::drf, true, false};
  for (const char* slug : {"new-1", "new"}) {
    State wanted = desired();
    Project named_new = project(slug, {"nasa-pilots"});
    named_new.name = "New";
    add(organization_of(wanted, "NASA"), named_new);
    EXPECT_TRUE(make_plan(wanted, recorded(), now, {}).ok()) << slug;
  }
  State wanted = desired();
  Project other = project("new-2", {"nasa-pilots"});
  other.name = "New";
  add(organization_of(wanted, "NASA"), other);
  EXPECT_FALSE(make_plan(wanted, recorded(), now, {}).ok());
}

TEST(Capabilities, DeclaredOrganizationSlugGlitchTipCannotProduce) {
  State wanted = desired();
  organization_of(wanted, "NASA").slug = "nasa-hq";
  const Result<Plan> plan = make_plan(wanted, State{}, empty_live(), {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().where, kNasa);
  EXPECT_THAT(plan.error().message, HasSubstr("the slug \"nasa\""));
}

}  // namespace
}  // namespace gg
