#include "planner/kinds/member.hpp"

#include <algorithm>

#include "planner/address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/fields.hpp"

namespace gg {
namespace {

using fields::contains;
using fields::text;
using nlohmann::json;

std::string role_name(Role role) {
  return std::string(to_string(role));
}

Role role_of(const json& json) {
  return role_from_string(text(json, "role")).value_or(Role::member);
}

std::vector<std::string> memberships_of(const diff::Scope& scope, const Organization& live,
                                        const std::string& email) {
  std::vector<std::string> addresses;
  for (const auto& [slug, team] : live.teams) {
    if (contains(team.members, email)) {
      addresses.push_back(
          Address::of_team_member(scope.instance, scope.organization, slug, email).to_string());
    }
  }
  return addresses;
}

// What differs between the live member and the action's `before`; the fallback when the
// fingerprint moved in a field `before` does not carry.
std::string moved_fields(const Member& live, const json& before) {
  const std::string role = role_name(live.role);
  const std::string planned_role = text(before, "role");
  if (!planned_role.empty() && planned_role != role) {
    return fields::expected("role", role, planned_role);
  }
  return live.pending ? "the invitation is pending again" : "the invitation was accepted";
}

std::string pending_mark(const json& object) {
  return fields::flag(object, "pending") ? " (pending)" : "";
}

}  // namespace

json member_json(const std::string& organization_slug, const Member& member) {
  return {
      {"kind", "member"}, {"organization_slug", organization_slug}, {"email", member.email},
      {"id", member.id},  {"role", role_name(member.role)},         {"pending", member.pending}};
}

Member member_from_json(const json& json) {
  Member member;
  member.email = text(json, "email");
  member.id = text(json, "id");
  member.role = role_of(json);
  member.pending = fields::flag(json, "pending");
  return member;
}

json member_snapshot_json(const Member& member) {
  json document = member_json("", member);
  for (const char* key : {"kind", "organization_slug", "email"}) document.erase(key);
  return document;
}

Member member_from_snapshot_json(const std::string& email, const json& json) {
  Member member = member_from_json(json);
  member.email = email;
  return member;
}

std::string fingerprint(const Member& member) {
  return fingerprint_of({{"kind", "member"},
                         {"email", member.email},
                         {"role", role_name(member.role)},
                         {"pending", member.pending}});
}

std::vector<std::string> differences(const Member& recorded, const Member& live) {
  std::vector<std::string> parts;
  if (recorded.role != live.role) {
    parts.push_back(fields::field_change("role", role_name(recorded.role), role_name(live.role)));
  }
  if (recorded.pending && !live.pending) parts.emplace_back("invitation accepted");
  if (!recorded.pending && live.pending) parts.emplace_back("invitation pending again");
  return parts;
}

void MemberKind::forget(Organization& organization, const Member& member) {
  for (auto& [slug, team] : organization.teams) std::erase(team.members, member.email);
}

bool MemberKind::owns(ActionType type) {
  return type == ActionType::invite_member || type == ActionType::change_member_role ||
         type == ActionType::delete_member;
}

void MemberKind::plan(const diff::Scope& scope, const Organization& desired,
                      const Organization& live, Changes& changes) {
  for (const auto& [email, member] : desired.members) {
    if (email == scope.automation_user) continue;
    const Address address = Address::of_member(scope.instance, scope.organization, email);
    const auto found = live.members.find(email);
    if (found == live.members.end()) {
      Action action = diff::make_action(scope, ActionType::invite_member, address);
      action.email = email;
      action.after = {{"email", email}, {"role", role_name(member.role)}};
      action.precondition = kAbsent;
      action.reason = std::string(diff::kDeclared) + "; GlitchTip e-mails an invitation";
      changes.actions.push_back(std::move(action));
    } else if (found->second.role != member.role) {
      Action action = diff::make_action(scope, ActionType::change_member_role, address);
      action.email = email;
      action.before = {{"role", role_name(found->second.role)}, {"pending", found->second.pending}};
      action.after = {{"role", role_name(member.role)}};
      action.precondition = fingerprint(found->second);
      action.reason = "role: " + role_name(found->second.role) + " → " + role_name(member.role);
      changes.actions.push_back(std::move(action));
    }
  }
  for (const auto& [email, member] : live.members) {
    if (email == scope.automation_user || desired.members.count(email) > 0) continue;
    Action action =
        diff::make_action(scope, ActionType::delete_member,
                          Address::of_member(scope.instance, scope.organization, email));
    action.email = email;
    action.before = {
        {"email", email}, {"role", role_name(member.role)}, {"pending", member.pending}};
    action.precondition = fingerprint(member);
    action.consequences = memberships_of(scope, live, email);
    action.reason = scope.not_declared();
    changes.actions.push_back(std::move(action));
  }
}

std::string MemberKind::precondition_change(const Action& action, const Organization& live) {
  const auto found = live.members.find(action.email);
  const Member* member = found == live.members.end() ? nullptr : &found->second;
  switch (action.type) {
    case ActionType::invite_member:
      if (member == nullptr) return {};
      return "is now a member (role " + role_name(member->role) +
             (member->pending ? ", invitation pending)" : ")");
    case ActionType::change_member_role:
    case ActionType::delete_member:
      if (member == nullptr) return "is no longer a member";
      if (fingerprint(*member) == action.precondition) return {};
      return moved_fields(*member, action.before);
    default:
      return {};
  }
}

std::string MemberKind::action_words(const Action& action) {
  switch (action.type) {
    case ActionType::invite_member:
      return "member " + action.email + ", role " + text(action.after, "role") +
             " (GlitchTip e-mails an invitation)";
    case ActionType::change_member_role:
      return fields::with_detail("member " + action.email + pending_mark(action.before),
                                 fields::changes_text(action.before, action.after), ": ");
    case ActionType::delete_member:
      return fields::with_detail("member " + action.email + pending_mark(action.before),
                                 text(action.before, "role"), ", role ");
    default:
      return action.address;
  }
}

void MemberKind::record(Organization& organization, const Action& action,
                        const ActionOutcome& outcome, const State&) {
  switch (action.type) {
    case ActionType::invite_member: {
      Member& member = organization.members[action.email];
      member.email = action.email;
      member.role = role_of(action.after);
      member.pending = true;
      member.id = outcome.id;
      break;
    }
    case ActionType::change_member_role:
      organization.members[action.email].email = action.email;
      organization.members[action.email].role = role_of(action.after);
      break;
    case ActionType::delete_member:
      organization.members.erase(action.email);
      for (auto& [slug, team] : organization.teams) std::erase(team.members, action.email);
      break;
    default:
      break;
  }
}

}  // namespace gg
