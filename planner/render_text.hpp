#pragma once
// The plan for a terminal or a CI log, like Terraform's: a few header lines, drift first
// under "Changed outside glitchtip-gitops", then the actions grouped by instance and
// organization (+ create, ~ update, - destroy, > adopt), deletions with what they also
// remove, unmanaged organizations, and last, exactly, wording::summary_line(plan).
// Pure and deterministic; colour (ANSI) only when asked, never on the summary line.

#include <string>

#include "planner/plan.hpp"

namespace gg {

struct TextOptions {
  bool color = false;  // the command decides: a terminal, no --no-color, no NO_COLOR
};

std::string render_text(const Plan& plan, const TextOptions& options = {});

}  // namespace gg
