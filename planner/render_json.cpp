#include "planner/render_json.hpp"

#include "planner/plan_file.hpp"

namespace gg {

std::string render_json(const Plan& plan) {
  return plan_file_text(plan);
}

}  // namespace gg
