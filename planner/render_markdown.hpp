#pragma once
// The plan as a merge-request comment (GitLab and GitHub Markdown). In this order:
//   <!-- glitchtip-gitops plan <plan_sha256> -->   (a hidden marker, to find and update it)
//   the summary line (wording::summary_line) in bold, and a table of counts per organization,
//   notes (targeting, offline), the plan's identity,
//   "Destructive changes": every deletion with what it also removes, never folded,
//   a Mermaid diagram per organization with changes (planner/render_mermaid.hpp), in at
//   most half the room left,
//   "Changed outside glitchtip-gitops" (drift), then one <details> per organization with a
//   ```diff block (+ create, ~ update, - destroy, > adopt).
// The whole comment stays within max_bytes (planner/markdown_budget): when it does not fit,
// sections are cut in a fixed order of importance (deletions per organization first, then
// the --target list, the destructive list, the table, unmanaged organizations, the diagrams
// (whole or not at all), drift, and the details last), each keeping its first lines and saying how
// many more there are, and a final note names the plan file (the CI artifact) and the `show`
// command that prints it all. Only the marker, summary line, mode notes and identity are never cut;
// they are short. Pure and deterministic.

#include <cstddef>
#include <string>
#include <string_view>

#include "planner/plan.hpp"

namespace gg {

struct MarkdownOptions {
  std::size_t max_bytes = 65000;        // bytes; GitHub refuses comments over 65536 characters
  std::string plan_file = "plan.json";  // named in the notes when something is cut
  bool diagram = true;                  // a Mermaid diagram per organization (render_mermaid)
};

std::string render_markdown(const Plan& plan, const MarkdownOptions& options = {});

// `text` safe in Markdown running text and table cells: | < > ` and other markup escaped.
std::string escape_markdown(std::string_view text);

}  // namespace gg
