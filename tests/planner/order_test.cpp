#include "planner/order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace gg {
namespace {

// Actions of every step, many with equal keys (same type, instance, organization and
// address), each told apart by its reason.
std::vector<Action> shuffled_actions(size_t count) {
  std::mt19937 random(21);
  const std::vector<ActionType> types = {
      ActionType::create_organization, ActionType::invite_member,     ActionType::create_team,
      ActionType::add_team_member,     ActionType::create_project,    ActionType::delete_team,
      ActionType::delete_member,       ActionType::remove_team_member};
  std::vector<Action> actions(count);
  for (size_t i = 0; i < count; ++i) {
    actions[i].type = types[random() % types.size()];
    actions[i].instance = "instance-" + std::to_string(random() % 2);
    actions[i].organization = "org-" + std::to_string(random() % 3);
    actions[i].address = "address-" + std::to_string(random() % 5);
    actions[i].reason = "action " + std::to_string(i);
    actions[i].after = {{"index", i}};
  }
  return actions;
}

// The order as std::sort of the actions themselves gives it, the documented keys.
std::vector<Action> sorted_in_place(std::vector<Action> actions) {
  std::sort(actions.begin(), actions.end(), [](const Action& a, const Action& b) {
    const int step_a = apply_step(a.type);
    const int step_b = apply_step(b.type);
    if (step_a != step_b) return step_a < step_b;
    const int type_a = static_cast<int>(a.type);
    const int type_b = static_cast<int>(b.type);
    return std::tie(a.instance, a.organization, a.address, type_a) <
           std::tie(b.instance, b.organization, b.address, type_b);
  });
  for (size_t i = 0; i < actions.size(); ++i) actions[i].id = static_cast<int>(i + 1);
  return actions;
}

TEST(OrderActions, SameOrderAsSortingTheActionsThemselvesEqualKeysIncluded) {
  for (const size_t count : {0, 1, 2, 17, 1000}) {
    std::vector<Action> actions = shuffled_actions(count);
    const std::vector<Action> expected = sorted_in_place(actions);
    order_actions(actions);
    ASSERT_EQ(actions.size(), expected.size());
    for (size_t i = 0; i < actions.size(); ++i) {
      EXPECT_EQ(actions[i], expected[i]) << "position " << i << " of " << count;
    }
  }
}

}  // namespace
}  // namespace gg
