// --target names objects; one that names nothing (a typo) is an error naming it, with a
// likely meant address when the caller's suggester finds one, never an empty plan.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/planner.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::HasSubstr;
using namespace gg::testing;

const std::string kNasa = std::string(kInstance) + "/NASA";

// A stand-in for the command's edit-distance suggester: the first candidate that starts
// with the word.
std::string first_extension(std::string_view word, const std::vector<std::string>& candidates) {
  for (const std::string& candidate : candidates) {
    if (candidate.starts_with(word) && candidate != word) return candidate;
  }
  return {};
}

PlanOptions targeting(std::vector<std::string> targets) {
  PlanOptions options;
  options.targets = std::move(targets);
  options.suggest_target = first_extension;
  return options;
}

TEST(Targets, ATargetThatNamesNothingIsAnErrorWithADidYouMean) {
  const Result<Plan> plan =
      make_plan(desired(), recorded(), live(), targeting({kNasa + "/team/nasa-pilot"}));
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.errors().size(), 1u);
  EXPECT_EQ(plan.error().where, "--target " + kNasa + "/team/nasa-pilot");
  EXPECT_THAT(plan.error().message, HasSubstr("no object"));
  EXPECT_EQ(plan.error().hint, "did you mean " + kNasa + "/team/nasa-pilots?");
}

TEST(Targets, WithoutASuggestionTheHintSaysHowAddressesAreSpelt) {
  PlanOptions options = targeting({std::string(kInstance) + "/NSA"});
  options.suggest_target = nullptr;
  const Result<Plan> plan = make_plan(desired(), recorded(), live(), options);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().hint, HasSubstr("organizations go by name"));
}

TEST(Targets, EveryUnknownTargetIsNamedAndKnownOnesAreNot) {
  const Result<Plan> plan =
      make_plan(desired(), recorded(), live(),
                targeting({kNasa, "glitchtip-moon", kNasa + "/member/nobody@nasa.com"}));
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.errors().size(), 2u);
  EXPECT_EQ(plan.errors()[0].where, "--target glitchtip-moon");
  EXPECT_EQ(plan.errors()[1].where, "--target " + kNasa + "/member/nobody@nasa.com");
}

TEST(Targets, AnObjectThatIsOnlyLiveOrOnlyDeclaredOrUnchangedIsATarget) {
  State wanted = desired();
  wanted.instances[kInstance].organizations["NASA"].projects.erase("apollo-11-flight-control");
  add(wanted.instances[kInstance].organizations["NASA"], project("gemini", {"nasa-pilots"}));
  PlanOptions options = targeting({kNasa + "/project/apollo-11-flight-control",
                                   kNasa + "/project/gemini", kNasa + "/team/nasa-pilots"});
  options.allow_replace = true;
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), options);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(plan->actions.size(), 2u);  // the deletion and the creation, nothing for the team

  const Result<Plan> unchanged =
      make_plan(desired(), recorded(), live(), targeting({kNasa + "/team/nasa-pilots"}));
  ASSERT_TRUE(unchanged.ok()) << unchanged.error().to_string();
  EXPECT_TRUE(unchanged->actions.empty());
}

}  // namespace
}  // namespace gg
