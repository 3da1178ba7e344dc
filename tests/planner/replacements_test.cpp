// Replacements: a project deletion and a project creation in one organization may be a
// rename without `slug:`, which loses the project's events. Both carry a warning in every
// rendering, and the deletion is refused unless --allow-replace, which the plan records.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner/plan_file.hpp"
#include "planner/planner.hpp"
#include "planner/render_json.hpp"
#include "planner/render_markdown.hpp"
#include "planner/render_text.hpp"
#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using namespace gg::testing;

const std::string kNasa = std::string(kInstance) + "/NASA";
constexpr const char* kWarning =
    "renaming without `slug:` replaces the project: its events are deleted; pin `slug: "
    "apollo-11-spacecraft` to rename in place";

// The definitions with NASA's Apollo 11 Spacecraft renamed, its slug not pinned.
State renamed_without_slug() {
  State wanted = desired();
  Organization& nasa = wanted.instances[kInstance].organizations["NASA"];
  Project renamed = nasa.projects.at("apollo-11-spacecraft");
  nasa.projects.erase("apollo-11-spacecraft");
  renamed.slug = "eagle";
  renamed.name = "Eagle";
  add(nasa, renamed);
  return wanted;
}

const Action* find_action(const Plan& plan, ActionType type) {
  for (const Action& action : plan.actions) {
    if (action.type == type) return &action;
  }
  return nullptr;
}

size_t occurrences(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(Replacements, ARenameWithoutSlugIsRefusedUnlessAllowReplace) {
  const Result<Plan> refused = make_plan(renamed_without_slug(), recorded(), live(), {});
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.errors().size(), 1u);
  EXPECT_EQ(refused.error().where, kNasa + "/project/apollo-11-spacecraft");
  EXPECT_THAT(refused.error().message, HasSubstr(kWarning));
  EXPECT_THAT(refused.error().message, HasSubstr("this plan also creates project eagle"));
  EXPECT_THAT(refused.error().hint, HasSubstr("--allow-replace"));

  PlanOptions options;
  options.allow_replace = true;
  const Result<Plan> allowed = make_plan(renamed_without_slug(), recorded(), live(), options);
  ASSERT_TRUE(allowed.ok()) << allowed.error().to_string();
  const Action* deletion = find_action(*allowed, ActionType::delete_project);
  const Action* creation = find_action(*allowed, ActionType::create_project);
  ASSERT_NE(deletion, nullptr);
  ASSERT_NE(creation, nullptr);
  EXPECT_THAT(deletion->warning, HasSubstr(kWarning));
  EXPECT_THAT(creation->warning, HasSubstr(kWarning));
  EXPECT_THAT(creation->warning, HasSubstr("this plan also deletes project apollo-11-spacecraft"));
  std::vector<std::string> guards;
  for (const Guard& guard : allowed->guards) guards.push_back(guard.name + ": " + guard.detail);
  EXPECT_THAT(guards,
              Contains("allow_replace: 1 project replacement(s) allowed by --allow-replace"));
}

TEST(Replacements, PinningTheOldSlugRenamesInPlace) {
  State wanted = desired();
  wanted.instances[kInstance].organizations["NASA"].projects["apollo-11-spacecraft"].name = "Eagle";
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), {});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_EQ(plan->actions.size(), 1u);
  EXPECT_EQ(plan->actions[0].type, ActionType::update_project);
  EXPECT_EQ(plan->actions[0].warning, "");
}

TEST(Replacements, ADeletionAndACreationInDifferentOrganizationsAreNoReplacement) {
  State wanted = desired();
  Instance& instance = wanted.instances[kInstance];
  instance.organizations["NASA"].projects.erase("apollo-11-flight-control");
  add(instance.organizations["ESA"], project("philae", {"esa-pilots"}));
  const Result<Plan> plan = make_plan(wanted, recorded(), live(), {});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  for (const Action& action : plan->actions) EXPECT_EQ(action.warning, "") << action.address;
  for (const Guard& guard : plan->guards) EXPECT_NE(guard.name, "allow_replace");
}

TEST(Replacements, EveryRenderingShowsTheWarningNextToBothActions) {
  PlanOptions options;
  options.allow_replace = true;
  const Plan plan = seal_plan(*make_plan(renamed_without_slug(), recorded(), live(), options));
  const std::string text = render_text(plan);
  EXPECT_EQ(occurrences(text, kWarning), 2u) << text;
  EXPECT_THAT(text, HasSubstr("\n        warning: " + std::string(kWarning)));
  const std::string markdown = render_markdown(plan);
  EXPECT_GE(occurrences(markdown, "renaming without"), 3u) << markdown;  // destructive + details
  const nlohmann::json json = nlohmann::json::parse(render_json(plan));
  size_t warned = 0;
  for (const nlohmann::json& action : json.at("actions")) {
    if (action.contains("warning")) {
      ++warned;
      EXPECT_THAT(action.at("warning").get<std::string>(), HasSubstr(kWarning));
    }
  }
  EXPECT_EQ(warned, 2u);
}

TEST(Replacements, APlanFileKeepsTheWarningAndApplyNeedsTheRecordedGuard) {
  PlanOptions options;
  options.allow_replace = true;
  const Plan plan = seal_plan(*make_plan(renamed_without_slug(), recorded(), live(), options));
  const Result<Plan> read = read_plan(plan_file_text(plan), "plan.json");
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(*read, plan);

  Plan without_guard = plan;
  std::erase_if(without_guard.guards,
                [](const Guard& guard) { return guard.name == "allow_replace"; });
  const Result<Plan> refused = read_plan(plan_file_text(seal_plan(without_guard)), "plan.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("not made with --allow-replace"));
}

TEST(Replacements, PlansWithoutReplacementsKeepTheirBytes) {
  const Plan plan = seal_plan(*make_plan(desired(), recorded(), live(), {}));
  EXPECT_THAT(plan_file_text(plan), ::testing::Not(HasSubstr("warning")));
}

}  // namespace
}  // namespace gg
