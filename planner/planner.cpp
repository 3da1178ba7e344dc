#include "planner/planner.hpp"

#include "planner/plan_summary.hpp"

#include <algorithm>

#include "planner/diff.hpp"
#include "planner/guards.hpp"
#include "planner/kinds/alert.hpp"
#include "planner/kinds/monitor.hpp"
#include "planner/match.hpp"
#include "planner/order.hpp"
#include "planner/replacements.hpp"
#include "planner/targets.hpp"

namespace gg {
namespace {

const Instance* find_instance(const State& state, const std::string& name) {
  const auto found = state.instances.find(name);
  return found == state.instances.end() ? nullptr : &found->second;
}

bool in_scope(const PlanOptions& options, const std::string& instance) {
  return options.instances.empty() || std::find(options.instances.begin(), options.instances.end(),
                                                instance) != options.instances.end();
}

Errors check_instance_names(const State& desired, const PlanOptions& options) {
  Errors errors;
  for (const std::string& name : options.instances) {
    if (desired.instances.count(name) > 0) continue;
    std::string declared;
    for (const auto& [known, instance] : desired.instances) {
      declared += (declared.empty() ? "" : ", ") + known;
    }
    errors.push_back(
        {"--instance " + name, "no instance named " + name + " is declared",
         declared.empty() ? "declare it in the definitions" : "declared instances: " + declared});
  }
  return errors;
}

void append(Errors& errors, const Errors& more) {
  errors.insert(errors.end(), more.begin(), more.end());
}

void append_protection(Plan& plan, const std::string& instance_name, const Instance& instance) {
  for (const auto& [name, organization] : instance.organizations) {
    plan.protection.push_back(
        {instance_name, name, organization.slug, "", organization.is_protected});
    for (const auto& [slug, project] : organization.projects) {
      plan.protection.push_back(
          {instance_name, name, organization.slug, slug, project.is_protected});
    }
  }
}

}  // namespace

Result<Plan> make_plan(const State& desired, const State& recorded, const State& live,
                       const PlanOptions& options) {
  Plan plan;
  plan.mode = options.mode;
  plan.targets = options.targets;
  plan.targets.insert(plan.targets.end(), options.instances.begin(), options.instances.end());
  Errors errors = check_instance_names(desired, options);
  const Result<std::vector<Address>> targets = parse_targets(options.targets);
  if (!targets) append(errors, targets.errors());
  const bool refresh_only = options.mode == PlanMode::refresh_only;

  Changes changes;
  std::vector<EmptyInstance> empty;
  std::vector<Address> known;
  for (const auto& [name, instance] : desired.instances) {
    if (!in_scope(options, name)) continue;
    plan.instances.push_back({name, instance.settings});
    append_protection(plan, name, instance);
    const Instance* live_instance = find_instance(live, name);
    InstanceMatch match =
        match_organizations(instance, find_instance(recorded, name), live_instance);
    append(errors, match.errors);
    if (targets && !targets->empty()) add_known_addresses(name, match, known);
    plan.unmanaged.insert(plan.unmanaged.end(), match.unmanaged.begin(), match.unmanaged.end());
    const size_t first_action = changes.actions.size();
    for (const OrganizationMatch& organization : match.organizations) {
      diff_organization(organization, instance.settings.automation_user_email, changes);
      if (organization.desired != nullptr && organization.live != nullptr) {  // monitors
        append(errors, check_monitor_names(name, organization.name, *organization.live));
      }
    }
    if (refresh_only) continue;
    if (live_instance != nullptr && live_instance->capabilities) {
      const std::vector<Action> actions(changes.actions.begin() + first_action,
                                        changes.actions.end());
      append(errors, check_capabilities(instance, *live_instance->capabilities, actions));
    }
    if (live_instance != nullptr) append(errors, check_alert_duplicates(instance, *live_instance));
    if (instance.organizations.empty() && live_instance != nullptr &&
        !live_instance->organizations.empty()) {
      empty.push_back({name, static_cast<int>(live_instance->organizations.size())});
    }
  }

  if (targets) {
    append(errors, check_targets_known(*targets, known, options.suggest_target));
    narrow_to_targets(*targets, changes);
  }
  if (refresh_only) {
    plan.unplanned = static_cast<int>(changes.actions.size());
    changes.actions.clear();
  }
  order_actions(changes.actions);
  mark_replacements(changes.actions);
  append(errors, check_deletion_guards(changes.actions, recorded, options, plan.guards));
  append(errors, check_replace_guard(changes.actions, options, plan.guards));
  append(errors, check_empty_guard(empty, options, plan.guards));
  if (!errors.empty()) return errors;

  plan.actions = std::move(changes.actions);
  plan.drift = std::move(changes.drift);
  plan.adoptions = std::move(changes.adoptions);
  plan.unmanaged_objects = std::move(changes.unmanaged);
  plan.summary = summarize_plan(plan);
  return plan;
}

}  // namespace gg
