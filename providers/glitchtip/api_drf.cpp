#include "providers/glitchtip/api_drf.hpp"

#include "planner/kinds/key.hpp"
#include "providers/glitchtip/responses.hpp"

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

// keys: drf names a key by `label` (a `name` is ignored) and has no rate limits; its id is
// the 32-hex public key.
json DrfApi::key_body(const Key& key) const {
  return json{{"label", key.label}};
}

std::optional<Key> DrfApi::key_from(const json& item) const {
  if (!item.is_object() || !item.contains("label")) return std::nullopt;
  Key key;
  key.label = text_field(item, "label");
  key.id = key_id_digest(text_field(item, "id"));
  key.created = text_field(item, "dateCreated");
  if (key.id.empty()) return std::nullopt;
  return key;
}

bool drf_hides_missing_organization(long status, const std::string& message) {
  return status == 400 && message.find("Organization does not exist") != std::string::npos;
}

}  // namespace gg::glitchtip
