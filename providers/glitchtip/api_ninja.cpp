#include "providers/glitchtip/api_ninja.hpp"

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

}  // namespace gg::glitchtip
