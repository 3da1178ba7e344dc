#pragma once
// What `apply` does, step by step (docs/design.md §6.2): verify the plan, lock the snapshot,
// refuse a stale plan, check every precondition against GlitchTip, execute, record.

#include <string>

#include "cmd/log.hpp"

namespace gg::cmd {

struct ApplyArguments {
  std::string plan_file;
  std::string snapshot;
  int parallelism = 8;
  std::string expect;
  double lock_timeout_seconds = 60;
  double max_age_hours = 168;
  bool strict_age = false;
  std::string log_format = "text";
  std::string directory = ".";  // alerts kind: the definitions, for webhook URLs
};

// Returns the exit code: 0 applied, 1 refused or failed (the reason printed on stderr).
int run_apply(const ApplyArguments& arguments, const Log& log);

}  // namespace gg::cmd
