#pragma once
// An ActionRunner performs one planned Action against a GlitchTip instance and says what
// GlitchTip answered. The GlitchTip provider implements it over HTTP; tests may use an
// in-memory double. The executor hands it actions whose organization_slug (and project
// slug) are already resolved to what GlitchTip chose when the same plan created them.
//
// run() may be called concurrently from several threads (apply runs independent
// organizations in parallel); an implementation must be safe for that.

#include "planner/action.hpp"
#include "planner/result.hpp"

namespace gg {

class ActionRunner {
 public:
  virtual ~ActionRunner() = default;
  // Performs the action. "Already so" answers (404 on a delete, a repeated membership add)
  // succeed with outcome.already_so. A failure names the request and GlitchTip's answer.
  virtual Result<ActionOutcome> run(const Action& action) = 0;
};

}  // namespace gg
