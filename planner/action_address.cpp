#include "planner/action_address.hpp"

#include <set>

namespace gg {

Address address_of(const Action& action) {
  const std::string& instance = action.instance;
  const std::string& organization = action.organization;
  switch (action.type) {
    case ActionType::create_organization:
    case ActionType::rename_organization:
    case ActionType::delete_organization:
      return Address::of_organization(instance, organization);
    case ActionType::invite_member:
    case ActionType::change_member_role:
    case ActionType::delete_member:
      return Address::of_member(instance, organization, action.email);
    case ActionType::create_team:
    case ActionType::delete_team:
      return Address::of_team(instance, organization, action.team);
    case ActionType::add_team_member:
    case ActionType::remove_team_member:
      return Address::of_team_member(instance, organization, action.team, action.email);
    case ActionType::create_project:
    case ActionType::update_project:
    case ActionType::delete_project:
      return Address::of_project(instance, organization, action.project);
    case ActionType::add_project_team:
    case ActionType::remove_project_team:
      return Address::of_project_team(instance, organization, action.project, action.team);
    case ActionType::create_monitor:
    case ActionType::update_monitor:
    case ActionType::delete_monitor:
      return Address::of_monitor(instance, organization, action.monitor);
    case ActionType::create_alert:  // alerts kind
    case ActionType::update_alert:
    case ActionType::delete_alert:
      return Address::of_alert(instance, organization, action.project, action.alert);
    case ActionType::create_key:  // keys: the label is in after (create) or before (delete)
    case ActionType::delete_key: {
      const nlohmann::json& fields = action.after.is_object() ? action.after : action.before;
      const std::string label = fields.is_object() ? fields.value("label", "") : "";
      return Address::of_key(instance, organization, action.project, label);
    }
  }
  return Address::of_instance(instance);
}

Status check_action_addresses(const Plan& plan, const std::string& where) {
  std::set<std::string> instances;
  for (const PlanInstance& instance : plan.instances) instances.insert(instance.name);
  for (size_t i = 0; i < plan.actions.size(); ++i) {
    const Action& action = plan.actions[i];
    const std::string at = where + ": /actions/" + std::to_string(i);
    if (instances.count(action.instance) == 0) {
      return Error{at + "/instance",
                   "action " + std::to_string(action.id) + " acts on instance `" + action.instance +
                       "`, which is not among the plan's instances",
                   "this plan was not made by glitchtip-gitops plan; do not apply it, make a "
                   "new plan"};
    }
    const std::string named = address_of(action).to_string();
    if (named != action.address) {
      return Error{at + "/address",
                   "action " + std::to_string(action.id) + " shows `" + action.address +
                       "` to reviewers but would act on `" + named + "`",
                   "this plan was not made by glitchtip-gitops plan; do not apply it, make a "
                   "new plan"};
    }
  }
  return {};
}

}  // namespace gg
