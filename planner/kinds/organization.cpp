#include "planner/kinds/organization.hpp"

#include "planner/address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/fields.hpp"

namespace gg {

using fields::text;
using nlohmann::json;

json organization_json(const Organization& organization) {
  return {{"kind", "organization"},
          {"name", organization.name},
          {"slug", organization.slug},
          {"id", organization.id}};
}

Organization organization_from_json(const json& json) {
  Organization organization;
  organization.name = text(json, "name");
  organization.slug = text(json, "slug");
  organization.id = text(json, "id");
  organization.is_protected = fields::flag(json, "protected");
  return organization;
}

json organization_snapshot_json(const Organization& organization) {
  json document = organization_json(organization);
  for (const char* key : {"kind", "slug"}) document.erase(key);
  // Written only when set, so that most snapshots never mention it.
  if (organization.is_protected) document["protected"] = true;
  return document;
}

Organization organization_from_snapshot_json(const std::string& slug, const json& json) {
  Organization organization = organization_from_json(json);
  organization.slug = slug;
  return organization;
}

std::string fingerprint(const Organization& organization) {
  return fingerprint_of(
      {{"kind", "organization"}, {"name", organization.name}, {"slug", organization.slug}});
}

std::vector<std::string> differences(const Organization& recorded, const Organization& live) {
  std::vector<std::string> parts;
  if (recorded.name != live.name) {
    parts.push_back(fields::field_change("name", recorded.name, live.name));
  }
  return parts;
}

bool OrganizationKind::owns(ActionType type) {
  return type == ActionType::create_organization || type == ActionType::rename_organization ||
         type == ActionType::delete_organization;
}

void OrganizationKind::plan(const diff::Scope& scope, const OrganizationMatch& match,
                            Changes& changes) {
  const Address address = Address::of_organization(scope.instance, scope.organization);
  if (match.live == nullptr) {
    Action action = diff::make_action(scope, ActionType::create_organization, address);
    action.after = {{"name", match.desired->name}};
    action.precondition = kAbsent;
    action.reason = diff::kDeclared;
    changes.actions.push_back(std::move(action));
  } else if (match.live->name != match.desired->name) {
    Action action = diff::make_action(scope, ActionType::rename_organization, address);
    action.before = {{"name", match.live->name}};
    action.after = {{"name", match.desired->name}};
    action.precondition = fingerprint(*match.live);
    action.reason = "name: " + match.live->name + " → " + match.desired->name;
    changes.actions.push_back(std::move(action));
  }
}

std::string OrganizationKind::precondition_change(const Action& action, const Organization& live) {
  switch (action.type) {
    case ActionType::rename_organization:
    case ActionType::delete_organization:
      if (fingerprint(live) == action.precondition) return {};
      return fields::expected("name", live.name, text(action.before, "name"));
    default:
      return {};
  }
}

std::string OrganizationKind::action_words(const Action& action) {
  const std::string organization =
      action.organization_slug.empty()
          ? action.organization
          : action.organization + " (" + action.organization_slug + ")";
  switch (action.type) {
    case ActionType::create_organization:
      return "organization " + action.organization;
    case ActionType::rename_organization:
      return fields::with_detail("organization " + organization,
                                 fields::changes_text(action.before, action.after), ": ");
    case ActionType::delete_organization:
      return "organization " + organization;
    default:
      return action.address;
  }
}

void OrganizationKind::take_fields(Organization& organization, const json& after) {
  organization.name = text(after, "name");
}

void OrganizationKind::record(Organization& organization, const Action& action,
                              const ActionOutcome&, const State&) {
  if (action.type == ActionType::rename_organization) take_fields(organization, action.after);
}

}  // namespace gg
