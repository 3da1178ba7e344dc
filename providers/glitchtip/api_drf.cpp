#include "providers/glitchtip/api_drf.hpp"

#include "providers/glitchtip/alert_json.hpp"

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

// alerts kind: snake_case timespan (camelCase is ignored without an error) and `pk`.
json DrfApi::alert_body(const json& fields,
                        const std::vector<std::pair<std::string, std::string>>& recipients) const {
  return alert_body_with(fields, recipients, "timespan_minutes");
}

Alert DrfApi::alert_from(const json& answer, const std::string& project) const {
  return alert_with(answer, project, "pk", "timespan_minutes");
}

// drf stores any text as a type; these are the ones its servers were seen to send to
// (Google Chat came with the django-ninja generation).
std::vector<std::string> DrfApi::alert_recipient_types() const {
  return {"email", "webhook", "discord"};
}

bool drf_hides_missing_organization(long status, const std::string& message) {
  return status == 400 && message.find("Organization does not exist") != std::string::npos;
}

}  // namespace gg::glitchtip
