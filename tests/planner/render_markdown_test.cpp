#include "planner/render_markdown.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/planner/render_plans_fixture.hpp"

namespace gg {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A big offboarding: every member of a large organization leaves, each with team memberships.
Plan mass_offboarding_plan(int people) {
  testing::PlanBuilder b;
  for (int i = 0; i < people; ++i) {
    const std::string email = "astronaut" + std::to_string(i) + "@nasa.com";
    Action& remove = b.add(ActionType::remove_team_member, "NASA");
    remove.address = testing::address("NASA", "team/nasa-pilots/member/" + email);
    remove.team = "nasa-pilots";
    remove.email = email;
  }
  for (int i = 0; i < people; ++i) {
    const std::string email = "astronaut" + std::to_string(i) + "@nasa.com";
    Action& remove = b.add(ActionType::delete_member, "NASA");
    remove.address = testing::address("NASA", "member/" + email);
    remove.email = email;
    remove.before = {{"email", email}, {"role", "member"}, {"pending", false}};
    remove.consequences = {testing::address("NASA", "team/nasa-flight-control/member/" + email)};
  }
  return b.sealed();
}

TEST(RenderMarkdown, EverythingCreatedGolden) {
  testing::expect_golden("everything_created.md",
                         render_markdown(testing::everything_created_plan()));
}

TEST(RenderMarkdown, OffboardingGolden) {
  testing::expect_golden("offboarding.md", render_markdown(testing::offboarding_plan()));
}

TEST(RenderMarkdown, StartsWithTheHiddenMarkerThenTheSummary) {
  const Plan plan = testing::offboarding_plan();
  const std::string markdown = render_markdown(plan);
  EXPECT_EQ(markdown.rfind("<!-- glitchtip-gitops plan " + plan.plan_sha256 + " -->\n", 0), 0u);
  EXPECT_LT(markdown.find("**Plan: 0 to add, 3 to change, 1 to destroy, 1 to adopt.**"),
            markdown.find("<details>"));
  EXPECT_TRUE(contains(markdown, "| glitchtip-dev | NASA | 0 | 3 | 1 | 1 |\n"));
}

TEST(RenderMarkdown, DestructiveChangesAreNeverFolded) {
  const std::string markdown = render_markdown(testing::offboarding_plan());
  const auto destructive = markdown.find("#### Destructive changes");
  ASSERT_NE(destructive, std::string::npos);
  EXPECT_LT(destructive, markdown.find("<details>"));
  EXPECT_TRUE(contains(markdown,
                       "- glitchtip-dev / NASA: **destroy** member michaelcollins@nasa.com, role "
                       "member\n  - also removes: member michaelcollins@nasa.com in team "
                       "nasa-flight-control\n"));
}

TEST(RenderMarkdown, DetailsRenderTheirMarkdownInsideTheFold) {
  const std::string markdown = render_markdown(testing::offboarding_plan());
  EXPECT_TRUE(contains(markdown,
                       "<details><summary>glitchtip-dev / NASA: 0 to add, 3 to change, 1 to "
                       "destroy, 1 to adopt</summary>\n\n```diff\n"));
  EXPECT_TRUE(contains(markdown, "\n- member michaelcollins@nasa.com, role member\n"));
  EXPECT_TRUE(contains(markdown, "```\n\n</details>\n"));
}

TEST(RenderMarkdown, NoChanges) {
  const std::string markdown = render_markdown(testing::no_changes_plan());
  EXPECT_TRUE(contains(markdown, "**No changes. GlitchTip matches the definitions.**"));
  EXPECT_FALSE(contains(markdown, "<details>"));
  EXPECT_FALSE(contains(markdown, "| instance |"));
}

TEST(RenderMarkdown, DriftHasItsOwnSection) {
  const std::string markdown = render_markdown(testing::drift_only_plan());
  EXPECT_TRUE(contains(markdown, "#### Changed outside glitchtip-gitops"));
  EXPECT_TRUE(contains(markdown,
                       "- glitchtip-dev / ESA: `~` member timpeake@nasa.com: role changed "
                       "from member to manager outside glitchtip-gitops\n"));
}

TEST(RenderMarkdown, BudgetCutsDetailsButKeepsSummaryAndDestructiveList) {
  const Plan plan = mass_offboarding_plan(300);
  const std::string whole = render_markdown(plan, {.max_bytes = 10'000'000});
  EXPECT_FALSE(contains(whole, "cut here"));

  const std::size_t fixed = render_markdown(plan, {.max_bytes = 0}).size();
  const std::size_t budget = fixed + 5'000;
  const std::string cut =
      render_markdown(plan, {.max_bytes = budget, .plan_file = "out/plan.json"});
  EXPECT_LE(cut.size(), budget);
  EXPECT_LT(cut.size(), whole.size());
  EXPECT_TRUE(contains(cut, "**Plan: 0 to add, 0 to change, 600 to destroy.**"));
  for (int i = 0; i < 300; ++i) {
    const std::string email = "astronaut" + std::to_string(i) + "@nasa.com";
    EXPECT_TRUE(contains(cut, "**destroy** member " + email + ", role member\n")) << email;
  }
  EXPECT_TRUE(contains(cut, "The details are cut here to keep this comment under " +
                                std::to_string(budget) + " bytes"));
  EXPECT_TRUE(contains(cut, "`glitchtip-gitops show out/plan.json`"));
  EXPECT_TRUE(contains(cut, "more lines\n```\n\n</details>")) << "the fence is still closed";
}

TEST(RenderMarkdown, StaysWithinTheBudgetWhenTheFixedPartFits) {
  const Plan plan = mass_offboarding_plan(20);
  const std::size_t fixed = render_markdown(plan, {.max_bytes = 0}).size();
  const std::size_t whole = render_markdown(plan, {.max_bytes = 10'000'000}).size();
  for (std::size_t budget = fixed + 100; budget < whole + 500; budget += 250) {
    EXPECT_LE(render_markdown(plan, {.max_bytes = budget}).size(), budget) << budget;
  }
}

TEST(RenderMarkdown, NeverCutsTheDestructiveListEvenOverBudget) {
  const std::string markdown = render_markdown(mass_offboarding_plan(20), {.max_bytes = 100});
  EXPECT_TRUE(contains(markdown, "**destroy** member astronaut19@nasa.com"));
  EXPECT_FALSE(contains(markdown, "<details>"));
  EXPECT_TRUE(contains(markdown, "The details are cut here"));
}

TEST(RenderMarkdown, EscapesUserTextOutsideCode) {
  EXPECT_EQ(escape_markdown("a|b <script> `x` *y* @team me@nasa.com"),
            "a\\|b &lt;script&gt; \\`x\\` \\*y\\* \\@team me@nasa.com");
  Plan plan = testing::offboarding_plan();
  plan.unmanaged[0].name = "<b>Ros|cosmos</b>";
  plan.actions[3].organization = "NASA</summary>";
  plan.actions[3].instance = "glitchtip-dev";
  const std::string markdown = render_markdown(plan);
  EXPECT_TRUE(contains(markdown, "&lt;b&gt;Ros\\|cosmos&lt;/b&gt;"));
  EXPECT_TRUE(contains(markdown, "<summary>glitchtip-dev / NASA&lt;/summary&gt;: "));
}

TEST(RenderMarkdown, ACodeFenceInANameCannotCloseTheDiffBlock) {
  Plan plan = testing::offboarding_plan();
  plan.actions[2].after["name"] = "```\n# injected";
  const std::string markdown = render_markdown(plan);
  EXPECT_TRUE(contains(markdown, "````diff\n"));
  EXPECT_FALSE(contains(markdown, "\n# injected"));
}

TEST(RenderMarkdown, IsDeterministic) {
  EXPECT_EQ(render_markdown(testing::everything_created_plan()),
            render_markdown(testing::everything_created_plan()));
}

}  // namespace
}  // namespace gg
