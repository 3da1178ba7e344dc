#include "planner/render_text.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/planner/render_plans_fixture.hpp"

namespace gg {
namespace {

std::string last_line(const std::string& text) {
  const std::string body = text.substr(0, text.size() - 1);
  return body.substr(body.rfind('\n') + 1);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(RenderText, EverythingCreatedGolden) {
  testing::expect_golden("everything_created.txt", render_text(testing::everything_created_plan()));
}

TEST(RenderText, OffboardingGolden) {
  testing::expect_golden("offboarding.txt", render_text(testing::offboarding_plan()));
}

TEST(RenderText, OffboardingInColourGolden) {
  testing::expect_golden("offboarding.color.txt",
                         render_text(testing::offboarding_plan(), {.color = true}));
}

TEST(RenderText, NoColourUnlessAsked) {
  EXPECT_FALSE(contains(render_text(testing::offboarding_plan()), "\x1b["));
  const std::string coloured = render_text(testing::offboarding_plan(), {.color = true});
  EXPECT_TRUE(contains(coloured, "\x1b[31m-\x1b[0m member michaelcollins@nasa.com"));
  EXPECT_EQ(last_line(coloured), "Plan: 0 to add, 3 to change, 1 to destroy, 1 to adopt.");
}

TEST(RenderText, LastLineCountsAddChangeDestroy) {
  EXPECT_EQ(last_line(render_text(testing::everything_created_plan())),
            "Plan: 28 to add, 0 to change, 0 to destroy.");
  EXPECT_EQ(last_line(render_text(testing::offboarding_plan())),
            "Plan: 0 to add, 3 to change, 1 to destroy, 1 to adopt.");
}

TEST(RenderText, LastLineWhenNothingChanges) {
  const std::string text = render_text(testing::no_changes_plan());
  EXPECT_EQ(last_line(text), "No changes. GlitchTip matches the definitions.");
  EXPECT_FALSE(contains(text, "will make these changes"));
}

TEST(RenderText, DriftAloneIsAChangeToRecord) {
  const std::string text = render_text(testing::drift_only_plan());
  EXPECT_EQ(last_line(text), "Plan: 0 to add, 0 to change, 0 to destroy.");
  EXPECT_TRUE(contains(text, "Changed outside glitchtip-gitops:"));
  EXPECT_TRUE(contains(text, "~ member timpeake@nasa.com: role changed from member to manager"));
  EXPECT_TRUE(contains(text, "apply only records these changes in the snapshot"));
}

// A refresh-only plan says the definitions agree with GlitchTip only when they do.
TEST(RenderText, ARefreshOnlyPlanSaysWhetherTheDefinitionsAgree) {
  Plan plan = testing::drift_only_plan();
  plan.mode = PlanMode::refresh_only;
  EXPECT_TRUE(contains(render_text(plan), "The definitions agree with GlitchTip as it is now"));

  plan.unplanned = 2;
  const std::string text = render_text(plan);
  EXPECT_FALSE(contains(text, "The definitions agree"));
  EXPECT_TRUE(contains(text,
                       "apply only records these changes in the snapshot. The definitions "
                       "still ask for 2 changes in GlitchTip, which a refresh-only plan "
                       "leaves out: run plan without --refresh-only to see them.\n"));

  plan.drift.clear();
  EXPECT_EQ(last_line(render_text(plan)),
            "No changes to record. The definitions still ask for 2 changes in GlitchTip, which a "
            "refresh-only plan leaves out: run plan without --refresh-only to see them.");
}

TEST(RenderText, DriftComesBeforeTheActions) {
  const std::string text = render_text(testing::offboarding_plan());
  EXPECT_LT(text.find("Changed outside glitchtip-gitops"),
            text.find("glitchtip-gitops will make these changes"));
}

TEST(RenderText, SaysWhoGetsMailAndWhoIsPending) {
  EXPECT_TRUE(contains(render_text(testing::everything_created_plan()),
                       "    + member neilarmstrong@nasa.com, role member (GlitchTip e-mails an "
                       "invitation)\n"));
  EXPECT_TRUE(contains(render_text(testing::offboarding_plan()),
                       "    ~ member buzzaldrin@nasa.com (pending): role member \u2192 admin\n"));
}

TEST(RenderText, ListsWhatADeletionAlsoRemoves) {
  EXPECT_TRUE(contains(render_text(testing::offboarding_plan()),
                       "    - member michaelcollins@nasa.com, role member\n"
                       "        also removes: member michaelcollins@nasa.com in team "
                       "nasa-flight-control\n"));
}

TEST(RenderText, AdoptionsAndUnmanagedOrganizations) {
  const std::string text = render_text(testing::offboarding_plan());
  EXPECT_TRUE(contains(text, "    > team nasa-moonwalkers (exists in GlitchTip"));
  EXPECT_TRUE(contains(text,
                       "Not managed (left alone):\n  glitchtip-dev: organization Roscosmos "
                       "(roscosmos)\n"));
}

TEST(RenderText, WarnsWhenTargetingAndWhenOffline) {
  Plan plan = testing::offboarding_plan();
  plan.targets = {"glitchtip-dev/NASA/member/michaelcollins@nasa.com"};
  plan.mode = PlanMode::offline;
  const std::string text = render_text(plan);
  EXPECT_TRUE(contains(text,
                       "Warning: Targeting is in effect.\nOnly these were planned: "
                       "glitchtip-dev/NASA/member/michaelcollins@nasa.com."));
  EXPECT_TRUE(contains(text, "Note: offline plan. GlitchTip was not read"));
  EXPECT_FALSE(contains(render_text(testing::offboarding_plan()), "Targeting"));
}

TEST(RenderText, GroupsByInstanceAndOrganizationInNameOrder) {
  const std::string text = render_text(testing::everything_created_plan());
  const auto esa = text.find("\n  glitchtip-dev / ESA\n");
  const auto nasa = text.find("\n  glitchtip-dev / NASA\n");
  ASSERT_NE(esa, std::string::npos);
  ASSERT_NE(nasa, std::string::npos);
  EXPECT_LT(esa, nasa);
  EXPECT_LT(nasa, text.find("+ member neilarmstrong@nasa.com in team nasa-pilots"));
}

TEST(RenderText, ControlCharactersInNamesCannotReachTheTerminal) {
  Plan plan = testing::offboarding_plan();
  plan.unmanaged[0].name = "Evil\x1b[2J\nOrg";
  const std::string text = render_text(plan);
  EXPECT_FALSE(contains(text, "\x1b"));
  EXPECT_TRUE(contains(text, "organization Evil?[2J?Org (roscosmos)"));
}

}  // namespace
}  // namespace gg
