#include "planner/action.hpp"

#include <array>
#include <utility>

namespace gg {
namespace {

constexpr std::array<std::pair<ActionType, std::string_view>, 23> kNames{{
    {ActionType::create_organization, "create_organization"},
    {ActionType::rename_organization, "rename_organization"},
    {ActionType::delete_organization, "delete_organization"},
    {ActionType::invite_member, "invite_member"},
    {ActionType::change_member_role, "change_member_role"},
    {ActionType::delete_member, "delete_member"},
    {ActionType::create_team, "create_team"},
    {ActionType::delete_team, "delete_team"},
    {ActionType::add_team_member, "add_team_member"},
    {ActionType::remove_team_member, "remove_team_member"},
    {ActionType::create_project, "create_project"},
    {ActionType::update_project, "update_project"},
    {ActionType::delete_project, "delete_project"},
    {ActionType::add_project_team, "add_project_team"},
    {ActionType::remove_project_team, "remove_project_team"},
    {ActionType::create_monitor, "create_monitor"},
    {ActionType::update_monitor, "update_monitor"},
    {ActionType::delete_monitor, "delete_monitor"},
    {ActionType::create_alert, "create_alert"},  // alerts kind
    {ActionType::update_alert, "update_alert"},
    {ActionType::delete_alert, "delete_alert"},
    {ActionType::create_key, "create_key"},  // keys
    {ActionType::delete_key, "delete_key"},
}};

}  // namespace

std::string_view to_string(ActionType type) {
  for (const auto& [known, name] : kNames) {
    if (known == type) return name;
  }
  return "unknown";
}

std::optional<ActionType> action_type_from_string(std::string_view text) {
  for (const auto& [known, name] : kNames) {
    if (name == text) return known;
  }
  return std::nullopt;
}

ChangeKind change_kind(ActionType type) {
  switch (type) {
    case ActionType::create_organization:
    case ActionType::invite_member:
    case ActionType::create_team:
    case ActionType::add_team_member:
    case ActionType::create_project:
    case ActionType::add_project_team:
    case ActionType::create_monitor:
    case ActionType::create_alert:  // alerts kind
    case ActionType::create_key:    // keys
      return ChangeKind::add;
    case ActionType::rename_organization:
    case ActionType::change_member_role:
    case ActionType::update_project:
    case ActionType::update_monitor:
    case ActionType::update_alert:  // alerts kind
      return ChangeKind::change;
    case ActionType::delete_organization:
    case ActionType::delete_member:
    case ActionType::delete_team:
    case ActionType::remove_team_member:
    case ActionType::delete_project:
    case ActionType::remove_project_team:
    case ActionType::delete_monitor:
    case ActionType::delete_alert:  // alerts kind
    case ActionType::delete_key:    // keys
      return ChangeKind::destroy;
  }
  return ChangeKind::change;
}

}  // namespace gg
