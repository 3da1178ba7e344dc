#include "planner/order.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace gg {

int apply_step(ActionType type) {
  switch (type) {
    case ActionType::create_organization:
      return 0;
    case ActionType::rename_organization:
      return 1;
    case ActionType::invite_member:
    case ActionType::change_member_role:
      return 2;
    case ActionType::create_team:
      return 3;
    case ActionType::add_team_member:
      return 4;
    case ActionType::create_project:
      return 5;
    case ActionType::update_project:
      return 6;
    case ActionType::add_project_team:
      return 7;
    case ActionType::remove_project_team:
    case ActionType::create_monitor:  // monitors: after every project's create and update
    case ActionType::update_monitor:
      return 8;
    case ActionType::remove_team_member:
    case ActionType::delete_monitor:  // monitors: before the project deletions
      return 9;
    case ActionType::delete_alert:  // alerts kind: before their project's deletion
      return 9;
    case ActionType::create_alert:  // alerts kind: after their project and its teams
    case ActionType::update_alert:
      return 8;
    case ActionType::delete_project:
      return 10;
    case ActionType::delete_team:
      return 11;
    case ActionType::delete_member:
      return 12;
    case ActionType::delete_organization:
      return 13;
    case ActionType::create_key:  // keys: once its project exists, beside its team links
      return 7;
    case ActionType::delete_key:  // keys: after a replacement's creation, before its project
      return 8;
  }
  return 14;
}

void order_actions(std::vector<Action>& actions) {
  const auto before = [](const Action& a, const Action& b) {
    const int step_a = apply_step(a.type);
    const int step_b = apply_step(b.type);
    if (step_a != step_b) return step_a < step_b;
    const int type_a = static_cast<int>(a.type);
    const int type_b = static_cast<int>(b.type);
    return std::tie(a.instance, a.organization, a.address, type_a) <
           std::tie(b.instance, b.organization, b.address, type_b);
  };
  // Sorted by index, then moved into place once: an Action is large, and std::sort moves
  // each several times. The comparisons and swaps are those of sorting the actions
  // themselves, so equal keys end in the same order as they would. order[i] is the index
  // of the action that belongs at i; each cycle of the permutation is followed in place, so
  // no second vector of actions is held at the peak of a 100,000-action plan.
  std::vector<size_t> order(actions.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return before(actions[a], actions[b]); });
  std::vector<bool> placed(actions.size(), false);
  for (size_t start = 0; start < actions.size(); ++start) {
    if (placed[start] || order[start] == start) continue;
    Action held = std::move(actions[start]);
    for (size_t at = start;;) {
      placed[at] = true;
      const size_t from = order[at];
      if (from == start) {
        actions[at] = std::move(held);
        break;
      }
      actions[at] = std::move(actions[from]);
      at = from;
    }
  }
  for (size_t i = 0; i < actions.size(); ++i) actions[i].id = static_cast<int>(i + 1);
}

}  // namespace gg
