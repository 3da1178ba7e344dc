// Adoptions: declared objects that exist in GlitchTip but were never recorded, to be recorded
// as managed without an API call (planner/diff.hpp). Each kind says what its adoption
// carries (`adoption_json` in planner/kinds/).
#include "planner/address.hpp"
#include "planner/diff_scope.hpp"
#include "planner/kinds/kinds.hpp"

namespace gg::diff {

void find_adoptions(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.desired == nullptr || match.live == nullptr) return;
  const Organization& desired = *match.desired;
  const Organization& live = *match.live;
  const Organization none;
  const Organization& recorded = match.recorded != nullptr ? *match.recorded : none;
  const auto adopt = [&](const Address& address, nlohmann::json json) {
    changes.adoptions.push_back(
        {address.to_string(), scope.instance, scope.organization, std::move(json)});
  };
  if (match.recorded == nullptr) {
    nlohmann::json json = organization_json(live);
    json["protected"] = desired.is_protected;
    adopt(Address::of_organization(scope.instance, scope.organization), std::move(json));
  }
  for_each_child_kind([&](auto kind) {
    using Kind = decltype(kind);
    const auto& live_objects = Kind::objects(live);
    for (const auto& [key, declared] : Kind::objects(desired)) {
      const auto found = live_objects.find(key);
      if (key == scope.automation_user || found == live_objects.end() ||
          Kind::objects(recorded).count(key) > 0) {
        continue;
      }
      adopt(Kind::address(scope.instance, scope.organization, key),
            Kind::adoption_json(live.slug, found->second, declared));
    }
  });
}

}  // namespace gg::diff
