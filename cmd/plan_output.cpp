#include "cmd/plan_output.hpp"

#include "planner/render_json.hpp"
#include "planner/render_markdown.hpp"
#include "planner/render_text.hpp"

namespace gg::cmd {

std::string render_plan_as(const Plan& plan, const PlanOutputOptions& options) {
  if (options.format == "json") return render_json(plan);
  if (options.format == "markdown") {
    return render_markdown(plan, {.max_bytes = options.max_bytes,
                                  .plan_file = options.plan_file,
                                  .diagram = options.diagram});
  }
  return render_text(plan, {.color = options.color});
}

}  // namespace gg::cmd
