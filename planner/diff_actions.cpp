// The actions of an organization's diff: creates, updates and deletions that make the live
// organization match the declared one (planner/diff.hpp). Each kind plans its own objects
// (planner/kinds/); this file runs them in plan order and plans an organization's deletion.
#include "planner/address.hpp"
#include "planner/diff_scope.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/kinds.hpp"

namespace gg::diff {
namespace {

void plan_organization_deletion(const Scope& scope, const Organization& live, Changes& changes) {
  Action action = make_action(scope, ActionType::delete_organization,
                              Address::of_organization(scope.instance, scope.organization));
  action.before = {{"name", live.name}, {"slug", live.slug}};
  action.precondition = fingerprint(live);
  for_each_child_kind([&](auto kind) {
    using Kind = decltype(kind);
    for (const auto& [key, object] : Kind::objects(live)) {
      if (key == scope.automation_user) continue;
      action.consequences.push_back(
          Kind::address(scope.instance, scope.organization, key).to_string());
    }
  });
  action.reason = "removed from the definitions";
  changes.actions.push_back(std::move(action));
}

}  // namespace

Action make_action(const Scope& scope, ActionType type, const Address& address) {
  Action action;
  action.type = type;
  action.address = address.to_string();
  action.instance = scope.instance;
  action.organization = scope.organization;
  action.organization_slug = scope.organization_slug;
  return action;
}

std::vector<std::string> planned_emails(const Scope& scope,
                                        const std::vector<std::string>& emails) {
  std::vector<std::string> planned;
  for (const std::string& email : emails) {
    if (email != scope.automation_user) planned.push_back(email);
  }
  return planned;
}

void plan_actions(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.desired == nullptr) {
    if (match.live != nullptr) plan_organization_deletion(scope, *match.live, changes);
    return;
  }
  const Organization none;
  const Organization& live = match.live != nullptr ? *match.live : none;
  OrganizationKind::plan(scope, match, changes);
  for_each_child_kind(
      [&](auto kind) { decltype(kind)::plan(scope, *match.desired, live, changes); });
}

}  // namespace gg::diff
