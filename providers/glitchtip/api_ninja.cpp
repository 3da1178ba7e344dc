#include "providers/glitchtip/api_ninja.hpp"

#include "planner/kinds/key.hpp"
#include "providers/glitchtip/alert_json.hpp"
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

// A monitor's timeout when the definitions give none: the default of GlitchTip's own form.
constexpr int kDefaultMonitorTimeout = 20;

// ninja's monitor: camelCase throughout, `project` a string, `timeout` required. Its PUT
// replaces the whole monitor, so every field is sent.
json NinjaApi::monitor_body(const Monitor& monitor, const std::string& project_id) const {
  return json{{"monitorType", monitor.type},
              {"name", monitor.name},
              {"url", monitor.url},
              {"expectedStatus", monitor.expected_status},
              {"expectedBody", monitor.expected_body},
              {"interval", monitor.interval},
              {"timeout", monitor.timeout > 0 ? monitor.timeout : kDefaultMonitorTimeout},
              {"project", project_id.empty() ? json(nullptr) : json(project_id)}};
}

std::optional<GenerationApi::LiveMonitor> NinjaApi::monitor_from(const json& item) const {
  if (!item.is_object()) return std::nullopt;
  LiveMonitor live;
  Monitor& monitor = live.monitor;
  monitor.name = text_field(item, "name");
  monitor.id = text_field(item, "id");
  if (monitor.name.empty() || monitor.id.empty()) return std::nullopt;
  monitor.type = text_field(item, "monitorType");
  monitor.url = text_field(item, "url");
  const auto integer = [&](const char* key) {
    const json value = item.value(key, json());
    return value.is_number_integer() ? value.get<int>() : 0;
  };
  monitor.interval = integer("interval");
  monitor.expected_status = integer("expectedStatus");
  monitor.expected_body = text_field(item, "expectedBody");
  monitor.timeout = integer("timeout");
  live.project_id = text_field(item, "projectID");
  return live;
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
