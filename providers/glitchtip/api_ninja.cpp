#include "providers/glitchtip/api_ninja.hpp"

#include "providers/glitchtip/alert_json.hpp"

namespace gg::glitchtip {

using nlohmann::json;

const GenerationApi& ninja_api() {
  static const NinjaApi api;
  return api;
}

// ninja's auth object describes the token itself: its id (and the token).
bool NinjaApi::root_auth_is_ours(const json& auth) const {
  return auth.contains("id") || auth.contains("token");
}

json NinjaApi::invite_member_body(const std::string& email, const std::string& role) const {
  return json{
      {"email", email}, {"orgRole", role}, {"teamRoles", json::array()}, {"sendInvite", true}};
}

json NinjaApi::member_role_body(const std::string& role) const {
  return json{{"orgRole", role}};
}

// alerts kind: camelCase timespan and `id`.
json NinjaApi::alert_body(
    const json& fields, const std::vector<std::pair<std::string, std::string>>& recipients) const {
  return alert_body_with(fields, recipients, "timespanMinutes");
}

Alert NinjaApi::alert_from(const json& answer, const std::string& project) const {
  return alert_with(answer, project, "id", "timespanMinutes");
}

// Anything else is a 422 union_tag_invalid.
std::vector<std::string> NinjaApi::alert_recipient_types() const {
  return {"email", "webhook", "discord", "googlechat"};
}

}  // namespace gg::glitchtip
