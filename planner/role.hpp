#pragma once
// An organization role as GlitchTip names it. The enumerators are ordered by the
// privileges GlitchTip grants (docs/glitchtip-api.md §4.1): a manager holds every scope an
// admin holds plus member management, so "highest role" means highest in this order.

#include <optional>
#include <string>
#include <string_view>

namespace gg {

enum class Role { member = 0, admin = 1, manager = 2, owner = 3 };

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

}  // namespace gg
