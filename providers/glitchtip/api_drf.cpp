#include "providers/glitchtip/api_drf.hpp"

#include <cstdlib>

#include "planner/kinds/key.hpp"
#include "providers/glitchtip/alert_json.hpp"
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

// drf's monitor: `expected_body` in snake_case (camelCase is ignored), `project` an integer,
// no timeout (it is ignored).
json DrfApi::monitor_body(const Monitor& monitor, const std::string& project_id) const {
  json body{{"monitorType", monitor.type},
            {"name", monitor.name},
            {"url", monitor.url},
            {"expectedStatus", monitor.expected_status},
            {"expected_body", monitor.expected_body},
            {"interval", monitor.interval},
            {"project", nullptr}};
  if (!project_id.empty()) {
    const bool digits =
        project_id.size() <= 18 && project_id.find_first_not_of("0123456789") == std::string::npos;
    body["project"] =
        digits ? json(std::strtoll(project_id.c_str(), nullptr, 10)) : json(project_id);
  }
  return body;
}

namespace {

// Seconds of Django's duration text, "HH:MM:SS" or "D HH:MM:SS" from a day on; -1 when it is
// neither (drf reads a monitor's interval back this way).
int duration_seconds(const json& value) {
  if (value.is_number_integer()) return value.get<int>();
  if (!value.is_string()) return -1;
  const std::string text = value.get<std::string>();
  long days = 0;
  std::string clock = text;
  if (const auto space = text.find(' '); space != std::string::npos) {
    days = std::strtol(text.substr(0, space).c_str(), nullptr, 10);
    clock = text.substr(space + 1);
  }
  long parts[3] = {0, 0, 0};
  size_t at = 0;
  for (long& part : parts) {
    const size_t colon = clock.find(':', at);
    const std::string digits = clock.substr(at, colon == std::string::npos ? colon : colon - at);
    if (digits.empty() || digits.find_first_not_of("0123456789.") != std::string::npos) return -1;
    part = std::strtol(digits.c_str(), nullptr, 10);
    at = colon == std::string::npos ? clock.size() : colon + 1;
  }
  return static_cast<int>(((days * 24 + parts[0]) * 60 + parts[1]) * 60 + parts[2]);
}

}  // namespace

std::optional<GenerationApi::LiveMonitor> DrfApi::monitor_from(const json& item) const {
  if (!item.is_object()) return std::nullopt;
  LiveMonitor live;
  Monitor& monitor = live.monitor;
  monitor.name = text_field(item, "name");
  monitor.id = text_field(item, "id");
  if (monitor.name.empty() || monitor.id.empty()) return std::nullopt;
  monitor.type = text_field(item, "monitorType");
  monitor.url = text_field(item, "url");
  monitor.interval = duration_seconds(item.value("interval", json()));
  const json status = item.value("expectedStatus", json());
  monitor.expected_status = status.is_number_integer() ? status.get<int>() : 0;
  monitor.expected_body = text_field(item, "expected_body");
  live.project_id = text_field(item, "project");
  return live;
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
