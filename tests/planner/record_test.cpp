// Recording: applying a plan's drift, adoptions and actions to the recorded state gives the
// state GlitchTip is in afterwards, so the next plan finds nothing to do.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/planner.hpp"
#include "planner/record.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::IsEmpty;
using namespace gg::testing;

// What apply does with a plan when GlitchTip answers every create with the planned slug
// (organizations: slugify of their name, as "esa" and "nasa") and a fresh id.
State apply_to_snapshot(const Plan& plan, State snapshot, const State& wanted) {
  for (const Drift& drift : plan.drift) record_drift(snapshot, drift);
  for (const Adoption& adoption : plan.adoptions) record_adoption(snapshot, adoption);
  std::map<std::string, std::string> created_slugs;  // organization name -> slug
  for (Action action : plan.actions) {
    ActionOutcome outcome;
    outcome.id = "new-" + std::to_string(action.id);
    if (action.type == ActionType::create_organization) {
      outcome.slug = action.organization == "ESA" ? "esa" : "nasa";
      created_slugs[action.organization] = outcome.slug;
    }
    if (action.type == ActionType::create_project) outcome.slug = action.project;
    if (action.organization_slug.empty() && created_slugs.count(action.organization) > 0) {
      action.organization_slug = created_slugs[action.organization];  // as the executor does
    }
    record_action(snapshot, action, outcome, wanted);
  }
  return snapshot;
}

void expect_converged(const State& wanted, const State& before_snapshot, const State& before_live) {
  const Result<Plan> plan = make_plan(wanted, before_snapshot, before_live, {});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  const State after = apply_to_snapshot(*plan, before_snapshot, wanted);
  // GlitchTip now holds exactly what was recorded.
  const Result<Plan> again = make_plan(wanted, after, after, {});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_THAT(again->actions, IsEmpty());
  EXPECT_THAT(again->drift, IsEmpty());
  EXPECT_THAT(again->adoptions, IsEmpty());
}

TEST(Record, EverythingCreatedFromEmptyConverges) {
  expect_converged(desired(), State{}, empty_live());
}

TEST(Record, AdoptingEverythingConverges) {
  expect_converged(desired(), State{}, live());
}

TEST(Record, AdoptionsRecordTheLiveObjects) {
  const Result<Plan> plan = make_plan(desired(), State{}, live(), {});
  ASSERT_TRUE(plan.ok());
  State snapshot;
  for (const Adoption& adoption : plan->adoptions) record_adoption(snapshot, adoption);
  EXPECT_EQ(snapshot.instances.at(kInstance).organizations,
            recorded().instances.at(kInstance).organizations);
}

TEST(Record, DriftAndChangesConverge) {
  State wanted = desired();
  Organization& nasa_wanted = wanted.instances[kInstance].organizations["NASA"];
  nasa_wanted.members[kMichael].role = Role::admin;
  nasa_wanted.members.erase(kNeil);
  std::erase(nasa_wanted.teams["nasa-pilots"].members, kNeil);
  nasa_wanted.projects["apollo-11-spacecraft"].name = "Apollo 11 Spacecraft";
  nasa_wanted.projects["apollo-11-spacecraft"].teams = {"nasa-pilots"};
  add(nasa_wanted, team("nasa-mission-control", {"genekranz@nasa.com"}));
  add(nasa_wanted, member("genekranz@nasa.com", Role::manager));
  nasa_wanted.teams.erase("nasa-flight-control");
  nasa_wanted.projects["apollo-11-flight-control"].teams = {"nasa-mission-control"};
  State now = live();
  Organization& nasa_live = now.instances[kInstance].organizations["nasa"];
  nasa_live.members[kBuzz].role = Role::owner;   // drift, reverted
  nasa_live.members[kDirector].pending = false;  // invitation accepted
  nasa_live.teams.erase("nasa-pilots");          // deleted by hand
  nasa_live.projects["apollo-11-spacecraft"].teams = {"nasa-flight-control"};
  expect_converged(wanted, recorded(), now);
}

TEST(Record, RemovedOrganizationConverges) {
  State wanted = desired();
  wanted.instances[kInstance].organizations.erase("ESA");
  PlanOptions options;
  options.allow_delete_organizations = true;
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), options);
  ASSERT_TRUE(plan.ok());
  const State after = apply_to_snapshot(*plan, recorded(), wanted);
  EXPECT_EQ(after.instances.at(kInstance).organizations.count("esa"), 0u);
  const Result<Plan> again = make_plan(wanted, after, after, options);
  ASSERT_TRUE(again.ok());
  EXPECT_THAT(again->actions, IsEmpty());
}

TEST(Record, ProtectionComesFromTheDefinitions) {
  State wanted = desired();
  wanted.instances[kInstance].organizations["NASA"].is_protected = true;
  wanted.instances[kInstance].organizations["NASA"].projects["apollo-11-spacecraft"].is_protected =
      true;
  // Created: record_action takes the flags from the definitions.
  const Result<Plan> created = make_plan(wanted, State{}, empty_live(), {});
  ASSERT_TRUE(created.ok());
  const State after = apply_to_snapshot(*created, State{}, wanted);
  const Organization& nasa_recorded = after.instances.at(kInstance).organizations.at("nasa");
  EXPECT_TRUE(nasa_recorded.is_protected);
  EXPECT_TRUE(nasa_recorded.projects.at("apollo-11-spacecraft").is_protected);
  EXPECT_FALSE(nasa_recorded.projects.at("apollo-11-flight-control").is_protected);
  // Adopted: the adoption carries the declared flags.
  const Result<Plan> adopted = make_plan(wanted, State{}, live(), {});
  ASSERT_TRUE(adopted.ok());
  const State adopted_state = apply_to_snapshot(*adopted, State{}, wanted);
  EXPECT_TRUE(adopted_state.instances.at(kInstance).organizations.at("nasa").is_protected);
  // Unprotected by a later definition.
  State relaxed = after;
  record_protection(relaxed, desired());
  EXPECT_FALSE(relaxed.instances.at(kInstance).organizations.at("nasa").is_protected);
  EXPECT_FALSE(relaxed.instances.at(kInstance)
                   .organizations.at("nasa")
                   .projects.at("apollo-11-spacecraft")
                   .is_protected);
}

TEST(Record, CreatedObjectsTakeGlitchTipsSlugAndId) {
  const Result<Plan> plan = make_plan(desired(), State{}, empty_live(), {});
  ASSERT_TRUE(plan.ok());
  State snapshot;
  const Action& create = plan->actions.front();
  ASSERT_EQ(create.type, ActionType::create_organization);
  record_action(snapshot, create, ActionOutcome{"esa-k3", "77", false, {}}, desired());
  const Organization& organization = snapshot.instances.at(kInstance).organizations.at("esa-k3");
  EXPECT_EQ(organization.name, "ESA");
  EXPECT_EQ(organization.id, "77");
}

}  // namespace
}  // namespace gg
