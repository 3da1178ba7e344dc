#pragma once
// Everything the planner knows about an organization member, the one place to add a
// member's field: its JSON form in plan files and the snapshot, its fingerprint, its drift
// words, and its actions (invite, change role, delete) with their words, preconditions and
// how apply records them. Fields: email (the identity, lower-case), role, pending.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/state.hpp"

namespace gg {

// {kind, organization_slug, email, id, role, pending}, and back (missing fields keep
// defaults; an unknown role reads as member).
nlohmann::json member_json(const std::string& organization_slug, const Member& member);
Member member_from_json(const nlohmann::json& json);

// The snapshot's form, keyed by e-mail: {id, role, pending}.
nlohmann::json member_snapshot_json(const Member& member);
Member member_from_snapshot_json(const std::string& email, const nlohmann::json& json);

std::string fingerprint(const Member& member);  // email, role, pending

// Drift words: "role changed from member to admin", "invitation accepted".
std::vector<std::string> differences(const Member& recorded, const Member& live);

// How the generic diff, recording and wording code treats members (planner/kinds/kinds.hpp).
struct MemberKind {
  using Object = Member;
  static constexpr const char* name = "member";
  static constexpr const char* collection = "members";  // its key in the snapshot's organization
  static std::map<std::string, Member>& objects(Organization& organization) {
    return organization.members;
  }
  static const std::map<std::string, Member>& objects(const Organization& organization) {
    return organization.members;
  }
  static const std::string& key(const Member& member) { return member.email; }
  static Address address(const std::string& instance, const std::string& organization,
                         const std::string& email) {
    return Address::of_member(instance, organization, email);
  }
  static nlohmann::json to_json(const std::string& organization_slug, const Member& member) {
    return member_json(organization_slug, member);
  }
  static Member from_json(const nlohmann::json& json) { return member_from_json(json); }
  static nlohmann::json snapshot_json(const Member& member) { return member_snapshot_json(member); }
  static Member from_snapshot_json(const std::string& email, const nlohmann::json& json) {
    return member_from_snapshot_json(email, json);
  }
  static nlohmann::json adoption_json(const std::string& organization_slug, const Member& live,
                                      const Member&) {
    return member_json(organization_slug, live);
  }
  static void keep_recorded(Member&, const Member*) {}
  // A member who is gone is in no team any more.
  static void forget(Organization& organization, const Member& member);

  static bool owns(ActionType type);
  static void plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

}  // namespace gg
