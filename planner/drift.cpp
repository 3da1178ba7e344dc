// Drift: what changed between the snapshot and GlitchTip outside glitchtip-gitops, object by
// object, in words (planner/diff.hpp).
#include "planner/address.hpp"
#include "planner/diff_scope.hpp"
#include "planner/object_json.hpp"

namespace gg::diff {
namespace {

std::string role_name(Role role) {
  return std::string(to_string(role));
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

std::string list_change(const std::string& what, const std::vector<std::string>& recorded,
                        const std::vector<std::string>& live) {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  for (const std::string& value : live) {
    if (!contains(recorded, value)) added.push_back(value);
  }
  for (const std::string& value : recorded) {
    if (!contains(live, value)) removed.push_back(value);
  }
  std::string text = what + " changed";
  if (!added.empty()) text += ": added " + joined(added);
  if (!removed.empty()) text += (added.empty() ? ": removed " : "; removed ") + joined(removed);
  return text;
}

std::string field_change(const std::string& what, const std::string& from, const std::string& to) {
  return what + " changed from " + (from.empty() ? "(none)" : from) + " to " +
         (to.empty() ? "(none)" : to);
}

// What differs between a recorded and a live object, as phrases; ids last.
std::vector<std::string> differences(const Organization& recorded, const Organization& live) {
  std::vector<std::string> parts;
  if (recorded.name != live.name) parts.push_back(field_change("name", recorded.name, live.name));
  return parts;
}

std::vector<std::string> differences(const Team& recorded, const Team& live) {
  std::vector<std::string> parts;
  if (recorded.members != live.members) {
    parts.push_back(list_change("members", recorded.members, live.members));
  }
  return parts;
}

std::vector<std::string> differences(const Project& recorded, const Project& live) {
  std::vector<std::string> parts;
  if (recorded.name != live.name) parts.push_back(field_change("name", recorded.name, live.name));
  if (recorded.platform != live.platform) {
    parts.push_back(field_change("platform", recorded.platform, live.platform));
  }
  if (recorded.event_throttle_rate != live.event_throttle_rate) {
    parts.push_back(field_change("eventThrottleRate", std::to_string(recorded.event_throttle_rate),
                                 std::to_string(live.event_throttle_rate)));
  }
  if (recorded.teams != live.teams)
    parts.push_back(list_change("teams", recorded.teams, live.teams));
  return parts;
}

std::vector<std::string> differences(const Member& recorded, const Member& live) {
  std::vector<std::string> parts;
  if (recorded.role != live.role) {
    parts.push_back(field_change("role", role_name(recorded.role), role_name(live.role)));
  }
  if (recorded.pending && !live.pending) parts.emplace_back("invitation accepted");
  if (!recorded.pending && live.pending) parts.emplace_back("invitation pending again");
  return parts;
}

template <typename Object>
std::string drift_description(const Object& recorded, const Object& live) {
  std::vector<std::string> parts = differences(recorded, live);
  if (parts.empty() && recorded.id != live.id) {
    parts.push_back("recreated (id " + recorded.id + " → " + live.id + ")");
  }
  return joined(parts) + " outside glitchtip-gitops";
}

Drift make_drift(const Scope& scope, const Address& address, nlohmann::json recorded,
                 nlohmann::json live, std::string description) {
  return {address.to_string(), scope.instance,  scope.organization,
          std::move(recorded), std::move(live), std::move(description)};
}

constexpr const char* kGone = "deleted outside glitchtip-gitops";

template <typename Object, typename ToJson, typename AddressOf>
void drift_children(const Scope& scope, const std::map<std::string, Object>& recorded,
                    const std::map<std::string, Object>& live, ToJson to_json, AddressOf address_of,
                    Changes& changes) {
  for (const auto& [key, object] : recorded) {
    if (key == scope.automation_user) continue;
    const auto found = live.find(key);
    if (found == live.end()) {
      changes.drift.push_back(make_drift(scope, address_of(key),
                                         to_json(scope.organization_slug, object), nullptr, kGone));
    } else if (!(object == found->second) &&  // equal objects give equal JSON, made faster
               to_json(scope.organization_slug, object) !=
                   to_json(scope.organization_slug, found->second)) {
      changes.drift.push_back(make_drift(scope, address_of(key),
                                         to_json(scope.organization_slug, object),
                                         to_json(scope.organization_slug, found->second),
                                         drift_description(object, found->second)));
    }
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
  const auto& instance = scope.instance;
  const auto& organization = scope.organization;
  drift_children(
      scope, recorded.members, live.members, member_json,
      [&](const std::string& email) { return Address::of_member(instance, organization, email); },
      changes);
  drift_children(
      scope, recorded.teams, live.teams, team_json,
      [&](const std::string& slug) { return Address::of_team(instance, organization, slug); },
      changes);
  drift_children(
      scope, recorded.projects, live.projects, project_json,
      [&](const std::string& slug) { return Address::of_project(instance, organization, slug); },
      changes);
}

}  // namespace gg::diff
