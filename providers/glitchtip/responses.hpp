#pragma once
// GlitchTip's JSON answers turned into model values (planner/state.hpp), where both API
// generations spell them alike (what differs is in api_generation.hpp): ids may be numbers (drf
// organizations and members) or strings and are kept as text; e-mails are lower-cased; absent or
// null fields become empty values. Nothing here throws on an unexpected shape: a field of the wrong
// type reads as empty.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "planner/state.hpp"

namespace gg::glitchtip {

// The body as JSON, or nullopt when it is not JSON.
std::optional<nlohmann::json> parse_body(std::string_view body);

// A field as text: strings as they are, numbers printed, anything else empty.
std::string text_field(const nlohmann::json& object, std::string_view key);

std::string lower_case(std::string text);

Organization organization_from(const nlohmann::json& item);  // name, slug, id
Team team_from(const nlohmann::json& item);                  // slug, id
// slug, id, name, platform, eventThrottleRate, teams (sorted).
Project project_from(const nlohmann::json& item);
// email (lower-case; a linked user's e-mail when the member's own is empty), role, pending,
// id. nullopt when the item has no e-mail or an unknown role.
std::optional<Member> member_from(const nlohmann::json& item);
// A member's e-mail as GlitchTip spells it (its own, or its linked user's); empty if none.
std::string member_email_as_sent(const nlohmann::json& item);

}  // namespace gg::glitchtip
