#include "planner/apply_protocol.hpp"

#include <algorithm>
#include <ctime>
#include <optional>

namespace gg {
namespace {

// Hours between the plan's created_at and `now`; nullopt when created_at cannot be read.
std::optional<double> plan_age_hours(const Plan& plan, std::chrono::system_clock::time_point now) {
  std::tm parts{};
  const char* end = strptime(plan.created_at.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (end == nullptr) return std::nullopt;
  const std::time_t created = timegm(&parts);
  return std::difftime(std::chrono::system_clock::to_time_t(now), created) / 3600.0;
}

bool creates_organizations(const Plan& plan) {
  return std::any_of(plan.actions.begin(), plan.actions.end(), [](const Action& action) {
    return action.type == ActionType::create_organization;
  });
}

}  // namespace

Result<std::vector<std::string>> check_approval(const Plan& plan, const std::string& plan_file,
                                                const ApprovalPolicy& policy,
                                                std::chrono::system_clock::time_point now) {
  if (!policy.expect.empty() && plan.plan_sha256 != policy.expect) {
    return Error{plan_file,
                 "this is not the approved plan: its plan_sha256 is " + plan.plan_sha256 +
                     ", --expect asked for " + policy.expect,
                 "GlitchTip, the snapshot or the definitions changed since the approved plan "
                 "was made; plan again and have the new plan reviewed"};
  }
  std::vector<std::string> warnings;
  const std::optional<double> age = plan_age_hours(plan, now);
  if (age && *age > policy.max_age_hours) {
    const std::string text = "the plan was made " + std::to_string(static_cast<int>(*age)) +
                             " hours ago (" + plan.created_at + "), more than --max-age " +
                             std::to_string(static_cast<int>(policy.max_age_hours));
    if (policy.strict_age) return Error{plan_file, text, "plan again"};
    warnings.push_back(plan_file + ": " + text);
  }
  return warnings;
}

Status check_base(const Plan& plan, const SnapshotHead& now, const std::string& store,
                  const std::string& plan_file) {
  if (plan.base.lineage == now.lineage && plan.base.serial == now.serial) return {};
  if (!plan.base.lineage.empty() && plan.base.lineage != now.lineage) {
    return Error{store,
                 "the snapshot is not the one this plan was made against (lineage " +
                     plan.base.lineage + ", now " + (now.lineage.empty() ? "none" : now.lineage) +
                     ")",
                 "if the plan was made with another snapshot file, give its path: "
                 "glitchtip-gitops apply " +
                     plan_file +
                     " --snapshot PATH (the same --snapshot as the plan); otherwise run plan "
                     "again and apply the new plan"};
  }
  const std::string message = "the snapshot changed since this plan was made: serial " +
                              std::to_string(plan.base.serial) + " → " +
                              std::to_string(now.serial) +
                              (now.updated_at.empty() ? "" : ", updated at " + now.updated_at) +
                              (now.last_operation.empty() ? "" : " by " + now.last_operation);
  return Error{store, message, "run plan again and apply the new plan"};
}

PreconditionRead precondition_read(const Plan& plan) {
  PreconditionRead read;
  read.needed = !plan.actions.empty();
  if (!read.needed) return read;
  read.everything = creates_organizations(plan);
  if (read.everything) return read;
  for (const PlanInstance& instance : plan.instances) read.organizations[instance.name];
  for (const Action& action : plan.actions) {
    if (action.organization_slug.empty()) continue;
    auto& list = read.organizations[action.instance];
    if (std::find(list.begin(), list.end(), action.organization_slug) == list.end()) {
      list.push_back(action.organization_slug);
    }
  }
  return read;
}

}  // namespace gg
