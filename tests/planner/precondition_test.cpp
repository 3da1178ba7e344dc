// Preconditions: apply refuses a plan when GlitchTip moved since it was made, and says
// what moved.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/fingerprint.hpp"
#include "planner/planner.hpp"
#include "planner/precondition.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace gg::testing;

const std::string kNasa = std::string(kInstance) + "/NASA";

// Each unmet precondition as the line apply prints: "address: what moved".
std::vector<std::string> problem_texts(const Plan& plan, const State& live_now) {
  std::vector<std::string> texts;
  for (const Error& problem : check_preconditions(plan, live_now)) {
    EXPECT_EQ(problem.hint, "") << "apply prints one line per moved object";
    texts.push_back(problem.to_string());
  }
  return texts;
}

Organization& nasa_of(State& state) {
  return state.instances[kInstance].organizations["nasa"];
}

Plan changing_plan() {
  State wanted = desired();
  Organization& nasa_wanted = wanted.instances[kInstance].organizations["NASA"];
  nasa_wanted.members[kMichael].role = Role::admin;
  nasa_wanted.members.erase(kNeil);
  std::erase(nasa_wanted.teams["nasa-pilots"].members, kNeil);
  nasa_wanted.projects["apollo-11-spacecraft"].name = "Apollo 11 Spacecraft";
  add(nasa_wanted, team("nasa-mission-control", {kMichael}));
  Result<Plan> plan = make_plan(wanted, recorded(), live(), {});
  EXPECT_TRUE(plan.ok());
  return *plan;
}

TEST(Fingerprint, ChangesWithManagedFieldsOnly) {
  Member member{kNeil, Role::member, false, "1"};
  const std::string print = fingerprint(member);
  EXPECT_THAT(print, ::testing::MatchesRegex("sha256:[0-9a-f]{64}"));
  member.id = "2";
  EXPECT_EQ(fingerprint(member), print);
  member.role = Role::admin;
  EXPECT_NE(fingerprint(member), print);
  Team team{"nasa-pilots", "1", {kBuzz, kNeil}};
  Team reordered{"nasa-pilots", "9", {kNeil, kBuzz}};
  EXPECT_EQ(fingerprint(team), fingerprint(reordered));
}

TEST(Preconditions, PlanActionsCarryThem) {
  const Plan plan = changing_plan();
  for (const Action& action : plan.actions) {
    if (change_kind(action.type) == ChangeKind::add) {
      EXPECT_EQ(action.precondition, "absent") << action.address;
    } else {
      EXPECT_THAT(action.precondition, ::testing::StartsWith("sha256:")) << action.address;
    }
  }
}

TEST(Preconditions, HoldWhenNothingMoved) {
  EXPECT_THAT(problem_texts(changing_plan(), live()), IsEmpty());
}

TEST(Preconditions, SayWhatMoved) {
  State now = live();
  nasa_of(now).members[kMichael].role = Role::owner;
  nasa_of(now).members.erase(kNeil);
  nasa_of(now).projects["apollo-11-spacecraft"].platform = "go";
  add(nasa_of(now), team("nasa-mission-control", {}));
  EXPECT_THAT(
      problem_texts(changing_plan(), now),
      ElementsAre(kNasa + "/member/" + kMichael + ": role is now owner, the plan expected member",
                  kNasa + "/team/nasa-mission-control: the team exists now",
                  kNasa + "/project/apollo-11-spacecraft: platform is now go, the plan "
                          "expected python",
                  kNasa + "/member/" + kNeil + ": is no longer a member"));
}

TEST(Preconditions, OrganizationGone) {
  State now = live();
  now.instances[kInstance].organizations.erase("nasa");
  const std::vector<std::string> problems = problem_texts(changing_plan(), now);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0], kNasa + "/member/" + kMichael + ": organization nasa no longer exists");
}

TEST(Preconditions, CreatedOrganizationMustStillBeAbsent) {
  const Result<Plan> plan = make_plan(desired(), State{}, empty_live(), {});
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(problem_texts(*plan, empty_live()), IsEmpty());
  State now = empty_live();
  Organization someone_else;
  someone_else.name = "NASA";
  someone_else.slug = "nasa";
  now.instances[kInstance].organizations["nasa"] = someone_else;
  EXPECT_THAT(problem_texts(*plan, now),
              ElementsAre(kNasa + ": an organization with this name exists now (slug nasa)"));
}

}  // namespace
}  // namespace gg
