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
// The output stays within max_bytes: drift and details are cut, with a note saying how to
// see the rest; the summary, table and destructive list never are (so a huge deletion can
// exceed the budget rather than hide). Pure and deterministic.

#include <cstddef>
#include <string>
#include <string_view>

#include "planner/plan.hpp"

namespace gg {

struct MarkdownOptions {
  std::size_t max_bytes = 65000;        // GitHub refuses comments over 65536 characters
  std::string plan_file = "plan.json";  // named in the note when details are cut
  bool diagram = true;                  // a Mermaid diagram per organization (render_mermaid)
};

std::string render_markdown(const Plan& plan, const MarkdownOptions& options = {});

// `text` safe in Markdown running text and table cells: | < > ` and other markup escaped.
std::string escape_markdown(std::string_view text);

}  // namespace gg
