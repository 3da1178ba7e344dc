#include "planner/render_graph.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/planner/space_agencies_fixture.hpp"

namespace gg {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(DefinitionsGraph, DrawsInstanceOrganizationsTeamsProjectsAndMembersWithRoles) {
  const Result<std::string> graph = render_definitions_graph(testing::desired(), {});
  ASSERT_TRUE(graph.ok());
  EXPECT_EQ(graph->rfind("flowchart LR\n", 0), 0u);
  EXPECT_TRUE(contains(*graph, "[\"instance glitchtip-dev"));
  EXPECT_TRUE(contains(*graph, "[\"organization NASA"));
  EXPECT_TRUE(contains(*graph, "[\"team nasa-pilots\"]:::team"));
  EXPECT_TRUE(contains(*graph, "[\"project apollo-11-spacecraft"));
  EXPECT_TRUE(contains(*graph, "[\"globalflightdirector@nasa.com \u00b7 owner\"]:::user"));
  EXPECT_EQ(*graph, render_definitions_graph(testing::desired(), {}).value());
}

TEST(DefinitionsGraph, OrganizationOptionDrawsOnlyThoseAndNamesOneThatDoesNotExist) {
  const Result<std::string> nasa =
      render_definitions_graph(testing::desired(), {.organizations = {"NASA"}});
  ASSERT_TRUE(nasa.ok());
  EXPECT_TRUE(contains(*nasa, "organization NASA"));
  EXPECT_FALSE(contains(*nasa, "organization ESA"));
  const Result<std::string> missing =
      render_definitions_graph(testing::desired(), {.organizations = {"CNSA"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().where, "--organization CNSA");
}

TEST(DefinitionsGraph, DotIsADigraphWithQuotedEscapedLabels) {
  State state = testing::desired();
  state.instances.begin()->second.organizations.begin()->second.name = "A \"quoted\" \\ name";
  const Result<std::string> dot = render_definitions_graph(state, {.format = GraphFormat::dot});
  ASSERT_TRUE(dot.ok());
  EXPECT_EQ(dot->rfind("digraph definitions {\n", 0), 0u);
  EXPECT_TRUE(contains(*dot, "label=\"organization A \\\"quoted\\\" \\\\ name\""));
  EXPECT_TRUE(contains(*dot, " -> "));
}

}  // namespace
}  // namespace gg
