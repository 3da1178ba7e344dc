#pragma once
// Renders a plan in the format a command was asked for; `plan` and `show` print the same
// bytes for the same plan through this one function.

#include <string>

#include "planner/plan.hpp"

namespace gg::cmd {

struct PlanOutputOptions {
  std::string format = "text";  // text, markdown or json
  bool color = false;
  size_t max_bytes = 65000;
  std::string plan_file = "plan.json";  // named in Markdown when details are cut
  bool diagram = true;                  // Mermaid diagrams in Markdown
};

std::string render_plan_as(const Plan& plan, const PlanOutputOptions& options);

}  // namespace gg::cmd
