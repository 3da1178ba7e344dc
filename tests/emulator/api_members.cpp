// Api handlers for organization members: list, invite, retrieve, change role, delete, and
// adding or removing a member to or from a team.
#include <algorithm>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

namespace {

const char* const kRoleChoices = "'member', 'admin', 'manager' or 'owner'";

Member* member_with_email(World& world, const Organization& org, const std::string& email) {
  for (const Id id : org.members) {
    Member& member = world.members.at(id);
    if (lower(member.email) == lower(email)) return &member;
  }
  return nullptr;
}

}  // namespace

Member* Api::member_param(const Call& call, const Organization& org, size_t param) {
  const std::string& text = call.params.at(param);
  if (text == "me") return features_.ninja() ? nullptr : caller_member(call, org);
  if (text.empty() || !std::all_of(text.begin(), text.end(), ::isdigit) || text.size() > 18) {
    return nullptr;
  }
  const auto found = world_.members.find(std::stoll(text));
  if (found == world_.members.end() || found->second.organization != org.id) return nullptr;
  return &found->second;
}

ApiResponse Api::list_members(Call& call) {
  const Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  const Shapes render = shapes(call);
  return paged(call, std::vector<Id>(org->members.rbegin(), org->members.rend()),
               [&](Id id) { return render.member(world_.members.at(id)); });
}

ApiResponse Api::invite_member(Call& call) {
  Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  if (caller_role(call, *org) < Role::manager) return forbidden("forbidden");
  const bool ninja = features_.ninja();
  const json* email = body_field(call.body, "email");
  if (email == nullptr || email->is_null()) return missing_field("email");
  const std::string address = email->is_string() ? email->get<std::string>() : "";
  if (!valid_email(address)) {
    const bool no_at = address.find('@') == std::string::npos;
    const std::string reason =
        no_at ? "An email address must have an @-sign." : "The part after the @-sign is not valid.";
    return field_error("email", "Enter a valid email address.", "value_error",
                       "value is not a valid email address: " + reason, {{"reason", reason}});
  }
  const json* role_field =
      ninja ? body_field(call.body, "orgRole", "org_role") : body_field(call.body, "role");
  std::optional<Role> role = Role::member;
  if (role_field != nullptr) {
    role = role_field->is_string() ? parse_role(role_field->get<std::string>()) : std::nullopt;
    if (!role) {
      if (!ninja) return server_error();  // DRF 2.0.5 crashes on an unknown role
      return field_error("orgRole", "", "literal_error",
                         std::string("Input should be ") + kRoleChoices,
                         {{"expected", kRoleChoices}});
    }
  } else if (ninja) {
    return missing_field("orgRole");
  }
  std::vector<Team*> teams;
  if (ninja) {
    const json* team_roles = body_field(call.body, "teamRoles", "team_roles");
    if (team_roles && team_roles->is_array()) {
      for (const json& entry : *team_roles) {
        const json* slug = body_field(entry, "teamSlug", "team_slug");
        Team* team =
            slug && slug->is_string() ? world_.team(*org, slug->get<std::string>()) : nullptr;
        if (team) teams.push_back(team);  // unknown slugs are ignored
      }
    }
  } else {
    const json* slugs = body_field(call.body, "teams");
    if (slugs == nullptr || slugs->is_null()) return missing_field("teams");
    if (!slugs->is_array()) {
      return json_response(400, {{"teams",
                                  {"Expected a list of items but got type \"" +
                                   std::string(slugs->type_name()) + "\"."}}});
    }
    for (const json& slug : *slugs) {
      Team* team = slug.is_string() ? world_.team(*org, slug.get<std::string>()) : nullptr;
      if (team == nullptr) {
        return json_response(
            400,
            {{"teams",
              {"Object with slug=" + (slug.is_string() ? slug.get<std::string>() : slug.dump()) +
               " does not exist."}}});
      }
      teams.push_back(team);
    }
  }
  if (Member* existing = member_with_email(world_, *org, address)) {
    if (existing->user) {
      return json_response(409, {{"detail", "The user " + address + " is already a member"}});
    }
    const json* reinvite = body_field(call.body, "reinvite");
    const bool again = ninja && !(reinvite && reinvite->is_boolean() && !reinvite->get<bool>());
    if (!again) {
      return json_response(409, {{"detail", "The user " + address + " is already invited"}});
    }
    for (Team* team : teams) world_.join_team(*existing, *team);
    return json_response(201, shapes(call).member(*existing));
  }
  Member& member = world_.add_member(*org, address, *role, std::nullopt);
  for (Team* team : teams) world_.join_team(member, *team);
  return json_response(201, shapes(call).member(member));
}

ApiResponse Api::get_member(Call& call) {
  const Organization* org = organization(call, 0);
  const Member* member = org ? member_param(call, *org, 1) : nullptr;
  if (member == nullptr) return not_found();
  return json_response(200, shapes(call).member(*member, true));
}

ApiResponse Api::update_member(Call& call) {
  Organization* org = organization(call, 0);
  Member* member = org ? member_param(call, *org, 1) : nullptr;
  if (member == nullptr) return not_found();
  if (caller_role(call, *org) < Role::manager) return forbidden("forbidden");
  const bool ninja = features_.ninja();
  const json* role_field =
      ninja ? body_field(call.body, "orgRole", "org_role") : body_field(call.body, "role");
  if (role_field == nullptr && ninja) return missing_field("orgRole");
  if (role_field != nullptr) {
    const auto role =
        role_field->is_string() ? parse_role(role_field->get<std::string>()) : std::nullopt;
    if (!role) {
      if (!ninja) return server_error();
      return field_error("orgRole", "", "literal_error",
                         std::string("Input should be ") + kRoleChoices,
                         {{"expected", kRoleChoices}});
    }
    if (ninja && member->role == Role::owner && *role != Role::owner) {
      const bool another_owner = std::any_of(org->members.begin(), org->members.end(), [&](Id id) {
        return id != member->id && world_.members.at(id).role == Role::owner;
      });
      if (!another_owner) {
        return json_response(422, {{"detail", "Organization must have at least one owner"}});
      }
    }
    member->role = *role;
  }
  return json_response(200, shapes(call).member(*member, ninja));
}

ApiResponse Api::delete_member(Call& call) {
  Organization* org = organization(call, 0);
  Member* member = org ? member_param(call, *org, 1) : nullptr;
  if (member == nullptr) return not_found();
  const bool self = member->user == call.caller();
  if (caller_role(call, *org) < Role::manager && !(features_.ninja() && self)) {
    return forbidden("forbidden");
  }
  if (features_.ninja() && self && member->primary_owner) {
    return json_response(400,
                         {{"detail", "User is organization owner. Transfer ownership first."}});
  }
  world_.delete_member(member->id);
  return no_content();
}

ApiResponse Api::add_member_team(Call& call) {
  return change_member_team(call, true);
}
ApiResponse Api::remove_member_team(Call& call) {
  return change_member_team(call, false);
}

ApiResponse Api::change_member_team(Call& call, bool add) {
  Organization* org = organization(call, 0);
  Member* member = org ? member_param(call, *org, 1) : nullptr;
  Team* team = org ? world_.team(*org, call.params[2]) : nullptr;
  if (org == nullptr) return not_found();
  if (team == nullptr && !features_.ninja() && member != nullptr) return server_error();
  if (member == nullptr || team == nullptr) return not_found();
  const bool self = member->user == call.caller();
  if (!self) {  // open membership lets anyone change their own teams
    const Member* caller = caller_member(call, *org);
    const Role role = caller ? caller->role : Role::member;
    const bool caller_in_team = caller && team->members.count(caller->id);
    if (role < (caller_in_team ? Role::admin : Role::manager)) {
      return json_response(403, {{"detail", "Must be admin to modify teams"}});
    }
  }
  // ninja answers with the team as it was before the change; DRF with the team after it.
  const json before = shapes(call).team(*team);
  if (add) {
    world_.join_team(*member, *team);
  } else {
    world_.leave_team(*member, *team);
  }
  return json_response(add ? 201 : 200, features_.ninja() ? before : shapes(call).team(*team));
}

}  // namespace gg::emulator
