// The summary counts what a plan's header and the plan file's `summary` show.

#include "planner/plan_summary.hpp"

#include <gtest/gtest.h>

namespace gg {
namespace {

Action action_of(ActionType type, std::vector<std::string> consequences = {}) {
  Action action;
  action.type = type;
  action.consequences = std::move(consequences);
  return action;
}

TEST(PlanSummary, CountsActionsByKindAndFindings) {
  Plan plan;
  plan.actions = {action_of(ActionType::create_team),
                  action_of(ActionType::invite_member),
                  action_of(ActionType::change_member_role),
                  action_of(ActionType::update_project),
                  action_of(ActionType::delete_team, {"a/b/team/t/member/x@y.z"}),
                  action_of(ActionType::delete_project, {"p1", "p2"})};
  plan.adoptions.resize(3);
  plan.drift.resize(1);
  EXPECT_EQ(summarize_plan(plan), (PlanSummary{2, 2, 2, 3, 1, 3}));
}

TEST(PlanSummary, AnEmptyPlanCountsNothing) {
  EXPECT_EQ(summarize_plan(Plan{}), PlanSummary{});
}

}  // namespace
}  // namespace gg
