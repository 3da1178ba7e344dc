#include "planner/role.hpp"

namespace gg {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::member:
      return "member";
    case Role::admin:
      return "admin";
    case Role::manager:
      return "manager";
    case Role::owner:
      return "owner";
  }
  return "member";
}

std::optional<Role> role_from_string(std::string_view text) {
  if (text == "member") return Role::member;
  if (text == "admin") return Role::admin;
  if (text == "manager") return Role::manager;
  if (text == "owner") return Role::owner;
  return std::nullopt;
}

}  // namespace gg
