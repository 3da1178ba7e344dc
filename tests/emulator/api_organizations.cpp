// Api handlers for organizations: list, create, retrieve, update (name), delete.
#include <algorithm>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

ApiResponse Api::list_organizations(Call& call) {
  std::vector<Id> ids;
  for (const auto& [id, org] : world_.organizations) {
    if (org.member_by_user.count(call.caller())) ids.push_back(id);
  }
  if (features_.organizations_by_name) {
    std::stable_sort(ids.begin(), ids.end(), [&](Id a, Id b) {
      return world_.organizations.at(a).name < world_.organizations.at(b).name;
    });
  } else {
    std::reverse(ids.begin(), ids.end());
  }
  const Shapes render = shapes(call);
  return paged(call, ids, [&](Id id) { return render.organization(world_.organizations.at(id)); });
}

ApiResponse Api::create_organization(Call& call) {
  const json* name = body_field(call.body, "name");
  if (name == nullptr || name->is_null()) return missing_field("name");
  if (!name->is_string()) {
    return field_error("name", "Not a valid string.", "string_type",
                       "Input should be a valid string");
  }
  const std::string text = name->get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return field_error("name", "This field may not be blank.", "string_too_short",
                       "String should have at least 1 character", {{"min_length", 1}});
  }
  if (text.size() > 200) {
    return field_error("name", "Ensure this field has no more than 200 characters.",
                       "string_too_long", "String should have at most 200 characters",
                       {{"max_length", 200}});
  }
  const bool owner_somewhere =
      std::any_of(world_.members.begin(), world_.members.end(), [&](const auto& entry) {
        return entry.second.user == call.caller() && entry.second.role == Role::owner;
      });
  if (!creation_open_ && !world_.organizations.empty() && !call.user->superuser &&
      !(owner_somewhere && !features_.organizations_by_name)) {
    const char* detail = features_.organizations_by_name ? "Organization creation is not open"
                                                         : "Registration is not open";
    return json_response(403, {{"detail", detail}});
  }
  Organization& org = world_.create_organization(
      text, features_.sequential_org_slugs ? SlugSuffix::sequential : SlugSuffix::random,
      features_.ninja());
  Member& owner = world_.add_member(org, call.user->email, Role::owner, call.user->id);
  owner.primary_owner = true;
  const Shapes render = shapes(call);
  return json_response(
      201, features_.ninja() ? render.organization_detail(org) : render.organization(org));
}

ApiResponse Api::get_organization(Call& call) {
  const Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  return json_response(200, shapes(call).organization_detail(*org));
}

ApiResponse Api::update_organization(Call& call) {
  Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  if (caller_role(call, *org) < Role::manager) return forbidden("forbidden");
  const json* name = body_field(call.body, "name");
  if (name == nullptr || name->is_null()) return missing_field("name");
  if (!name->is_string() || name->get<std::string>().empty()) {
    return field_error("name", "This field may not be blank.", "string_too_short",
                       "String should have at least 1 character", {{"min_length", 1}});
  }
  org->name = name->get<std::string>();
  const Shapes render = shapes(call);
  return json_response(
      200, features_.ninja() ? render.organization_detail(*org) : render.organization(*org));
}

ApiResponse Api::delete_organization(Call& call) {
  Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  const Role required = features_.ninja() ? Role::manager : Role::owner;
  if (caller_role(call, *org) < required) return forbidden("forbidden");
  world_.delete_organization(org->id);
  return no_content();
}

}  // namespace gg::emulator
