#pragma once
// Mermaid flowcharts of a plan, one per organization with changes, for the merge-request
// comment (GitHub and GitLab draw ```mermaid blocks). A diagram shows what the plan touches
// and the neighbours the plan names: the organization, its teams, projects and members, and
// the links between them (team to project, team to member). Each element is styled by what
// happens to it: added, changed, removed, removed with its parent (cascade), adopted, or left
// as it is; a legend lists the styles used. Styles differ in stroke width and dash as well
// as colour (Okabe-Ito palette), and every label starts with the plan's symbol, so the
// diagram reads in grey scale too.
//
// Node ids are generated (o, t1, p1, m1, ...), never names; labels are quoted with every
// character that could end a label, start markup or a comment written as a Mermaid entity
// code (#35; for '#'). Past kMaxDiagramNodes the members are drawn as counts per team.
// Pure and deterministic: the same plan gives the same bytes.

#include <cstddef>
#include <string>
#include <string_view>

#include "planner/plan_wording.hpp"

namespace gg {

inline constexpr std::size_t kMaxDiagramNodes = 60;

// `text` as the inside of a quoted Mermaid label: printable, at most `max_chars` code points
// (cut with "…"), and every character but letters, digits, space and . , @ + - _ / : ~ ( ) as an
// entity code, so no name can close the label, add a node or edge, or inject HTML.
std::string mermaid_label(std::string_view text, std::size_t max_chars = 60);

struct PlanDiagram {
  std::string source;  // the flowchart, without the ``` fence
  std::size_t nodes = 0;
  bool members_collapsed = false;
};

// One organization's diagram; members collapsed into counts per team when `collapse`.
PlanDiagram plan_diagram(const wording::Group& group, bool collapse);

// The Markdown section with one diagram per organization that has changes, in at most
// `room` bytes: a diagram with more than kMaxDiagramNodes nodes, or too big for the room
// left, is drawn with members collapsed; one that still does not fit is left out, with a
// note saying so. Empty when no organization has changes.
std::string plan_diagrams_markdown(const std::vector<wording::Group>& groups, std::size_t room);

}  // namespace gg
