#include "planner/render_mermaid.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "planner/render_markdown.hpp"
#include "tests/planner/render_plans_fixture.hpp"

namespace gg {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `people` members join NASA, each in a team: far more nodes than a diagram can show.
Plan many_members_plan(int people) {
  testing::PlanBuilder b;
  for (int i = 0; i < people; ++i) {
    const std::string email = "astronaut" + std::to_string(i) + "@nasa.com";
    Action& invite = b.add(ActionType::invite_member, "NASA");
    invite.address = testing::address("NASA", "member/" + email);
    invite.email = email;
    invite.after = {{"email", email}, {"role", "member"}};
    Action& join = b.add(ActionType::add_team_member, "NASA");
    join.team = i % 2 == 0 ? "nasa-pilots" : "nasa-flight-control";
    join.address = testing::address("NASA", "team/" + join.team + "/member/" + email);
    join.email = email;
  }
  return b.sealed();
}

TEST(MermaidLabel, EveryCharacterThatCouldEndALabelOrStartMarkupIsAnEntityCode) {
  EXPECT_EQ(mermaid_label("a\"b]c[d#e;f<g>h&i`j|k%l{m}n"),
            "a#34;b#93;c#91;d#35;e#59;f#60;g#62;h#38;i#96;j#124;k#37;l#123;m#125;n");
  EXPECT_EQ(mermaid_label("x --> y"), "x --#62; y");
  EXPECT_EQ(mermaid_label("neil.armstrong+test@nasa.com"), "neil.armstrong+test@nasa.com");
}

TEST(MermaidLabel, NewlinesAndControlCharactersCannotStartANewStatement) {
  EXPECT_EQ(mermaid_label("a\nclick o call x()\r"), "a#63;click o call x()#63;");
}

TEST(MermaidLabel, UnicodeIsKeptAndLongNamesAreCutOnACharacterBoundary) {
  EXPECT_EQ(mermaid_label("\u00dcn\u00efc\u00f8d\u00e9 \U0001F680"),
            "\u00dcn\u00efc\u00f8d\u00e9 \U0001F680");
  EXPECT_EQ(mermaid_label("\u00e9\u00e9\u00e9\u00e9\u00e9", 3), "\u00e9\u00e9\u2026");
  EXPECT_EQ(mermaid_label("<<<<", 3), "#60;#60;\u2026");
  EXPECT_EQ(mermaid_label("\xff"), "#65533;");
}

TEST(PlanDiagram, MarksEveryElementByWhatThePlanDoesToIt) {
  const Plan plan = testing::offboarding_plan();
  const std::string markdown = render_markdown(plan);
  EXPECT_TRUE(
      contains(markdown, "#### Diagram: glitchtip-dev / NASA\n\n```mermaid\nflowchart LR\n"));
  EXPECT_TRUE(contains(markdown, "[\"- member michaelcollins@nasa.com\"]:::removed\n"));
  EXPECT_TRUE(contains(markdown, " -. with parent .-> "));
  EXPECT_TRUE(contains(markdown, "[\"#62; team nasa-moonwalkers\"]:::adopted\n"));
  EXPECT_TRUE(contains(markdown, "[\"~ project apollo-11-spacecraft\"]:::changed\n"));
  EXPECT_TRUE(contains(markdown, "subgraph legend[\"Legend\"]"));
  EXPECT_LT(markdown.find("```mermaid"), markdown.find("<details>"));
}

TEST(PlanDiagram, TheSamePlanGivesTheSameBytes) {
  EXPECT_EQ(render_markdown(testing::everything_created_plan()),
            render_markdown(testing::everything_created_plan()));
}

TEST(PlanDiagram, NoDiagramLeavesTheCommentAsItWas) {
  const std::string markdown = render_markdown(testing::offboarding_plan(), {.diagram = false});
  EXPECT_FALSE(contains(markdown, "mermaid"));
  EXPECT_TRUE(contains(markdown, "<details>"));
}

TEST(PlanDiagram, PastSixtyNodesMembersAreCountedPerTeamAndTheCommentSaysSo) {
  const std::string markdown = render_markdown(many_members_plan(80));
  EXPECT_TRUE(contains(markdown, "Members are drawn as counts per team: the whole diagram has"));
  EXPECT_TRUE(contains(markdown, "[\"+ 40 members: 40 added\"]:::added"));
  EXPECT_FALSE(contains(markdown, "astronaut1@nasa.com\"]"));
  const std::string small = render_markdown(many_members_plan(10));
  EXPECT_TRUE(contains(small, "[\"+ member astronaut1@nasa.com\"]:::added"));
}

TEST(PlanDiagram, ADiagramThatDoesNotFitIsLeftOutWithANote) {
  const std::string markdown = render_markdown(testing::everything_created_plan(),
                                               {.max_bytes = 1500, .plan_file = "plan.json"});
  EXPECT_FALSE(contains(markdown, "```mermaid"));
  EXPECT_TRUE(contains(markdown,
                       "<sub>2 diagrams are left out: they do not fit in this "
                       "comment's size budget (--max-bytes)."));
  EXPECT_LE(markdown.size(), 1500u) << markdown;
}

TEST(PlanDiagram, NodeIdsAreGeneratedNeverNames) {
  const PlanDiagram diagram =
      plan_diagram(wording::group_by_organization(testing::offboarding_plan()).front(), false);
  const std::regex node_line("^ +([^ \\[]+)\\[\"");
  const std::regex generated_id("o|[tpmcl][0-9]+|legend");
  std::size_t nodes = 0;
  std::istringstream lines(diagram.source);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, node_line)) continue;
    EXPECT_TRUE(std::regex_match(match[1].str(), generated_id)) << line;
    if (match[1].str() != "legend") ++nodes;
  }
  EXPECT_EQ(nodes, diagram.nodes);
}

}  // namespace
}  // namespace gg
