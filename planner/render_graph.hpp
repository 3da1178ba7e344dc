#pragma once
// The definitions as a diagram, for a definitions repository's README and for onboarding:
// each instance, its organizations, their teams, projects and members (with the member's
// role), and the links between them: team to project, team to member. Mermaid flowchart
// source (without the ``` fence) or Graphviz DOT. Node ids are generated (i1, o1, t1, p1,
// u1), never names; labels are escaped for the format. Pure and deterministic.

#include <string>
#include <vector>

#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg {

enum class GraphFormat { mermaid, dot };

struct GraphOptions {
  GraphFormat format = GraphFormat::mermaid;
  std::vector<std::string> organizations;  // organization names to draw; empty: all
};

// An error names an --organization that no instance declares.
Result<std::string> render_definitions_graph(const State& desired, const GraphOptions& options);

// `text` inside a DOT double-quoted string: printable, '"' and '\' escaped.
std::string dot_label(const std::string& text);

}  // namespace gg
