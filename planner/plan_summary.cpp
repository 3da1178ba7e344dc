#include "planner/plan_summary.hpp"

namespace gg {

PlanSummary summarize_plan(const Plan& plan) {
  PlanSummary summary;
  for (const Action& action : plan.actions) {
    switch (change_kind(action.type)) {
      case ChangeKind::add:
        ++summary.add;
        break;
      case ChangeKind::change:
        ++summary.change;
        break;
      case ChangeKind::destroy:
        ++summary.destroy;
        break;
    }
    summary.consequences += static_cast<int>(action.consequences.size());
  }
  summary.adopt = static_cast<int>(plan.adoptions.size());
  summary.drift = static_cast<int>(plan.drift.size());
  return summary;
}

}  // namespace gg
