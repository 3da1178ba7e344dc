#include "providers/glitchtip/api_drf.hpp"

namespace gg::glitchtip {

using nlohmann::json;

const GenerationApi& drf_api() {
  static const DrfApi api;
  return api;
}

// drf's auth object holds only the token's scopes.
bool DrfApi::root_auth_is_ours(const json& auth) const {
  return auth.contains("scopes");
}

json DrfApi::invite_member_body(const std::string& email, const std::string& role) const {
  return json{{"email", email}, {"role", role}, {"teams", json::array()}};
}

json DrfApi::member_role_body(const std::string& role) const {
  return json{{"role", role}};
}

bool drf_hides_missing_organization(long status, const std::string& message) {
  return status == 400 && message.find("Organization does not exist") != std::string::npos;
}

}  // namespace gg::glitchtip
