#pragma once
// A plan's summary: the counts its header, its renderings and the plan file's `summary`
// show. It is derived from the plan's content, never edited by hand, so that read_plan can
// refuse a file whose summary disagrees with its actions.

#include "planner/plan.hpp"

namespace gg {

// The counts of a plan's actions (by change kind), adoptions, drift and consequences.
PlanSummary summarize_plan(const Plan& plan);

}  // namespace gg
