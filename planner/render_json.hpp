#pragma once
// The plan as JSON: exactly the plan file's content (planner/plan_file.hpp), so that
// `plan --format json` and `show --format json` print what `apply` reads.

#include <string>

#include "planner/plan.hpp"

namespace gg {

std::string render_json(const Plan& plan);

}  // namespace gg
