#include "providers/glitchtip/api_ninja.hpp"

#include "planner/kinds/key.hpp"
#include "providers/glitchtip/responses.hpp"

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

// keys: ninja stores a key's `name` (read back as both name and label) and its rateLimit;
// its id is the public key as a dashed UUID.
json NinjaApi::key_body(const Key& key) const {
  json body{{"name", key.label}};
  if (key.rate_limit_window != 0 || key.rate_limit_count != 0) {
    body["rateLimit"] = {{"window", key.rate_limit_window}, {"count", key.rate_limit_count}};
  }
  return body;
}

std::optional<Key> NinjaApi::key_from(const json& item) const {
  if (!item.is_object() || !(item.contains("name") || item.contains("label"))) return std::nullopt;
  Key key;
  key.label = item.contains("name") ? text_field(item, "name") : text_field(item, "label");
  key.id = key_id_digest(text_field(item, "id"));
  key.created = text_field(item, "dateCreated");
  const auto limit = item.find("rateLimit");
  if (limit != item.end() && limit->is_object()) {
    key.rate_limit_window = limit->value("window", 0);
    key.rate_limit_count = limit->value("count", 0);
  }
  if (key.id.empty()) return std::nullopt;
  return key;
}

}  // namespace gg::glitchtip
