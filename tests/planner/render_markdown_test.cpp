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

TEST(RenderMarkdown, AWholePlanThatFitsIsNotCut) {
  const std::string whole = render_markdown(mass_offboarding_plan(300), {.max_bytes = 10'000'000});
  EXPECT_FALSE(contains(whole, "This comment is cut"));
  EXPECT_FALSE(contains(whole, "Deletions per organization"));
  EXPECT_TRUE(contains(whole, "**destroy** member astronaut299@nasa.com, role member\n"));
}

// 300 deletions in two organizations at --max-bytes 5000: the whole comment, destructive list
// included, stays within the budget and keeps the counts per organization.
TEST(RenderMarkdown, ThreeHundredDeletionsFitFiveThousandBytes) {
  testing::PlanBuilder b;
  for (int i = 0; i < 300; ++i) {
    const std::string organization = i % 3 == 0 ? "ESA" : "NASA";
    const std::string email = "astronaut" + std::to_string(i) + "@nasa.com";
    Action& remove = b.add(ActionType::delete_member, organization);
    remove.address = testing::address(organization, "member/" + email);
    remove.email = email;
    remove.before = {{"email", email}, {"role", "member"}, {"pending", false}};
    remove.consequences = {testing::address(organization, "team/pilots/member/" + email)};
  }
  const Plan plan = b.sealed();
  const std::string cut = render_markdown(plan, {.max_bytes = 5000, .plan_file = "plan.json"});
  EXPECT_LE(cut.size(), 5000u);
  EXPECT_TRUE(contains(cut, "**Plan: 0 to add, 0 to change, 300 to destroy.**"));
  EXPECT_TRUE(contains(cut, "Deletions per organization (300 in all, also removing 300):\n\n"));
  EXPECT_TRUE(contains(cut, "- glitchtip-dev / ESA: **100 to destroy**, also removing 100\n"));
  EXPECT_TRUE(contains(cut, "- glitchtip-dev / NASA: **200 to destroy**, also removing 200\n"));
  EXPECT_TRUE(contains(cut, "**destroy** member astronaut0@nasa.com, role member\n"))
      << "the first entries stay";
  EXPECT_TRUE(contains(cut, "more deletions and "));
  EXPECT_TRUE(contains(cut,
                       " are not listed here: all of them are in the plan file `plan.json` "
                       "saved as this CI job's artifact; `glitchtip-gitops show plan.json` "
                       "prints it all.\n"));
  EXPECT_TRUE(contains(cut, "**This comment is cut to stay under 5000 bytes**"));
  EXPECT_LT(cut.find("Deletions per organization"), cut.find("**destroy** member"));
}

TEST(RenderMarkdown, CutDetailsStillCloseTheirFence) {
  const Plan plan = mass_offboarding_plan(300);
  const std::size_t budget = render_markdown(plan, {.max_bytes = 10'000'000}).size() - 5'000;
  const std::string cut =
      render_markdown(plan, {.max_bytes = budget, .plan_file = "out/plan.json"});
  EXPECT_LE(cut.size(), budget);
  EXPECT_TRUE(contains(cut, "`glitchtip-gitops show out/plan.json`"));
  EXPECT_TRUE(contains(cut, "more lines\n```\n\n</details>"))
      << "the fence is still closed: " << cut.substr(cut.size() - 800);
}

TEST(RenderMarkdown, StaysWithinEveryBudget) {
  const Plan plan = mass_offboarding_plan(20);
  const std::size_t whole = render_markdown(plan, {.max_bytes = 10'000'000}).size();
  for (std::size_t budget = 1000; budget < whole + 500; budget += 97) {
    const std::string markdown = render_markdown(plan, {.max_bytes = budget});
    EXPECT_LE(markdown.size(), budget) << budget;
    EXPECT_TRUE(contains(markdown, "**Plan: 0 to add, 0 to change, 40 to destroy.**")) << budget;
  }
}

// Characters as GitHub counts them (UTF-16 code units, the most a character can count for).
std::size_t utf16_units(const std::string& text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
    units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

// A thousand organizations, deletions, drift, targets and unmanaged organizations, with
// names in several scripts: at the default budget the comment still fits a GitHub comment.
TEST(RenderMarkdown, AnyPlanFitsAGitHubCommentAtTheDefaultBudget) {
  testing::PlanBuilder b;
  for (int i = 0; i < 1200; ++i) {
    const std::string organization = "Организация-🚀-" + std::to_string(i);
    const std::string email = "космонавт" + std::to_string(i) + "@roscosmos.ru";
    Action& remove = b.add(ActionType::delete_member, organization);
    remove.address = testing::address(organization, "member/" + email);
    remove.email = email;
    remove.before = {{"email", email}, {"role", "member"}, {"pending", false}};
    for (int j = 0; j < 3; ++j) {
      remove.consequences.push_back(
          testing::address(organization, "team/t" + std::to_string(j) + "/member/" + email));
    }
  }
  Plan plan = b.sealed();
  for (int i = 0; i < 1200; ++i) {
    plan.targets.push_back("glitchtip-dev/Организация-🚀-" + std::to_string(i));
    plan.unmanaged.push_back(
        {"glitchtip-dev", "u" + std::to_string(i), "未管理-" + std::to_string(i)});
  }
  const std::string markdown = render_markdown(plan);
  EXPECT_LE(markdown.size(), MarkdownOptions{}.max_bytes);
  EXPECT_LT(utf16_units(markdown), 65'536u);
  EXPECT_TRUE(contains(markdown, "**Plan: 0 to add, 0 to change, 1200 to destroy.**"));
  EXPECT_TRUE(contains(markdown, "Deletions per organization (1200 in all, also removing 3600)"));
  EXPECT_TRUE(contains(markdown, "more organizations with "));
  EXPECT_TRUE(contains(markdown, "**Warning: Targeting is in effect.**"));
  EXPECT_TRUE(contains(markdown, "`glitchtip-gitops show plan.json`"));
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
