#include "planner/diff.hpp"

#include "planner/diff_scope.hpp"

namespace gg {

void diff_organization(const OrganizationMatch& match, const std::string& automation_user,
                       Changes& changes) {
  const diff::Scope scope{match.instance, match.name,
                          match.live != nullptr ? match.live->slug : std::string(), automation_user,
                          match.recorded};
  diff::find_drift(scope, match, changes);
  diff::find_adoptions(scope, match, changes);
  diff::plan_actions(scope, match, changes);
}

}  // namespace gg
