// Drift: what changed between the snapshot and GlitchTip outside glitchtip-gitops, object by
// object, in words (planner/diff.hpp). Each kind says which of its fields differ
// (`differences` in planner/kinds/).
#include "planner/address.hpp"
#include "planner/diff_scope.hpp"
#include "planner/kinds/fields.hpp"
#include "planner/kinds/kinds.hpp"

namespace gg::diff {
namespace {

constexpr const char* kGone = "deleted outside glitchtip-gitops";

template <typename Object>
std::string drift_description(const Object& recorded, const Object& live) {
  std::vector<std::string> parts = differences(recorded, live);
  if (parts.empty() && recorded.id != live.id) {
    parts.push_back("recreated (id " + recorded.id + " → " + live.id + ")");
  }
  return fields::joined(parts) + " outside glitchtip-gitops";
}

Drift make_drift(const Scope& scope, const Address& address, nlohmann::json recorded,
                 nlohmann::json live, std::string description) {
  return {address.to_string(), scope.instance,  scope.organization,
          std::move(recorded), std::move(live), std::move(description)};
}

template <typename Kind>
void drift_children(const Scope& scope, const Organization& recorded_organization,
                    const Organization& live_organization, Changes& changes) {
  const auto& live = Kind::objects(live_organization);
  const std::string& slug = scope.organization_slug;
  for (const auto& [key, object] : Kind::objects(recorded_organization)) {
    if (key == scope.automation_user) continue;
    const Address address = Kind::address(scope.instance, scope.organization, key);
    const auto found = live.find(key);
    if (found == live.end()) {
      changes.drift.push_back(
          make_drift(scope, address, Kind::to_json(slug, object), nullptr, kGone));
      continue;
    }
    const auto& seen = found->second;
    if (object == seen) continue;  // equal objects give equal JSON, found faster
    nlohmann::json recorded_json = Kind::to_json(slug, object);
    nlohmann::json live_json = Kind::to_json(slug, seen);
    if (recorded_json == live_json) continue;
    changes.drift.push_back(make_drift(scope, address, std::move(recorded_json),
                                       std::move(live_json), drift_description(object, seen)));
  }
}

}  // namespace

void find_drift(const Scope& scope, const OrganizationMatch& match, Changes& changes) {
  if (match.recorded == nullptr) return;
  const Address address = Address::of_organization(scope.instance, scope.organization);
  if (match.live == nullptr) {
    changes.drift.push_back(
        make_drift(scope, address, organization_json(*match.recorded), nullptr, kGone));
    return;
  }
  const Organization& recorded = *match.recorded;
  const Organization& live = *match.live;
  const bool same_fields =  // the fields organization_json holds
      recorded.name == live.name && recorded.slug == live.slug && recorded.id == live.id;
  if (!same_fields && organization_json(recorded) != organization_json(live)) {
    changes.drift.push_back(make_drift(scope, address, organization_json(recorded),
                                       organization_json(live), drift_description(recorded, live)));
  }
  if (match.desired == nullptr) return;  // a deleted organization takes its children along
  for_each_child_kind(
      [&](auto kind) { drift_children<decltype(kind)>(scope, recorded, live, changes); });
}

}  // namespace gg::diff
