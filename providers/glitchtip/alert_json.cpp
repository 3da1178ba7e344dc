#include "providers/glitchtip/alert_json.hpp"

#include "planner/kinds/alert.hpp"
#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {

using nlohmann::json;

namespace {

int number_at(const json& object, const char* key, int fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<int>() : fallback;
}

}  // namespace

json alert_body_with(const json& fields,
                     const std::vector<std::pair<std::string, std::string>>& recipients,
                     const char* timespan_key) {
  json list = json::array();
  for (const auto& [type, url] : recipients)
    list.push_back({{"recipientType", type}, {"url", url}});
  return json{{"name", text_field(fields, "name")},
              {timespan_key, fields.value("timespanMinutes", 1)},
              {"quantity", fields.value("quantity", 1)},
              {"uptime", fields.value("uptime", false)},
              {"alertRecipients", std::move(list)}};
}

Alert alert_with(const json& answer, const std::string& project, const char* id_key,
                 const char* timespan_key) {
  Alert alert;
  if (!answer.is_object()) return alert;
  alert.project = project;
  alert.name = text_field(answer, "name");
  alert.id = text_field(answer, id_key);
  alert.quantity = number_at(answer, "quantity", 0);
  alert.timespan_minutes = number_at(answer, timespan_key, 0);
  alert.uptime = answer.value("uptime", false);
  const auto recipients = answer.find("alertRecipients");
  if (recipients != answer.end() && recipients->is_array()) {
    for (const json& item : *recipients) {
      const std::string type = text_field(item, "recipientType");
      // An e-mail recipient has no URL; whatever a server stores there is not one to send.
      alert.recipients.push_back(
          alert_recipient(type, type == "email" ? "" : text_field(item, "url")));
    }
  }
  alert.recipients = recipient_set(std::move(alert.recipients));
  return alert;
}

}  // namespace gg::glitchtip
