#pragma once
// Reading a plan file from disk, for show and apply alike: a missing file, one larger than
// the plan file's limit (refused before it is read into memory) and every check of
// read_plan (planner/plan_file.hpp) give the same errors in both.

#include <string>

#include "planner/plan.hpp"
#include "planner/result.hpp"

namespace gg::cmd {

Result<Plan> load_plan_file(const std::string& path);

}  // namespace gg::cmd
