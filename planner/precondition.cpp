#include "planner/precondition.hpp"

#include "planner/kinds/fields.hpp"
#include "planner/kinds/kinds.hpp"

namespace gg {
namespace {

// The change that breaks an action's precondition, or "". Each kind words its own objects
// (`precondition_change` in planner/kinds/).
std::string change_of(const Action& action, const Instance* instance) {
  const std::map<std::string, Organization> none;
  const auto& organizations = instance != nullptr ? instance->organizations : none;
  if (action.type == ActionType::create_organization) {
    for (const auto& [slug, organization] : organizations) {
      if (organization.name == fields::text(action.after, "name")) {
        return "an organization with this name exists now (slug " + slug + ")";
      }
    }
    return {};
  }
  if (action.organization_slug.empty()) return {};  // created by this plan
  const auto found = organizations.find(action.organization_slug);
  if (found == organizations.end()) {
    return "organization " + action.organization_slug + " no longer exists";
  }
  std::string change;
  visit_kind_of(action.type, [&](auto kind) {
    change = decltype(kind)::precondition_change(action, found->second);
  });
  return change;
}

}  // namespace

Errors check_preconditions(const Plan& plan, const State& live_now) {
  Errors problems;
  for (const Action& action : plan.actions) {
    const auto instance = live_now.instances.find(action.instance);
    const std::string change =
        change_of(action, instance == live_now.instances.end() ? nullptr : &instance->second);
    if (!change.empty()) problems.push_back({action.address, change, ""});
  }
  return problems;
}

}  // namespace gg
