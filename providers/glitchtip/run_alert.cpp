// alerts kind: Provider's requests for create_alert, update_alert and delete_alert
// (docs/glitchtip-api.md §12.1). The URLs a body needs are in the action's after, put
// there by apply in memory from the definitions (never in the plan file); the alert's id
// is looked up by name in the project's list, which also stands in for the single-alert
// GET that the django-ninja API lacks.
#include "planner/kinds/alert.hpp"
#include "providers/glitchtip/api_generation.hpp"
#include "providers/glitchtip/api_paths.hpp"
#include "providers/glitchtip/live_reader.hpp"
#include "providers/glitchtip/provider.hpp"
#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {
namespace {

using nlohmann::json;

using Recipients = std::vector<std::pair<std::string, std::string>>;

// (type, URL) of every recipient of `fields`; an error when apply was not given a URL.
Result<Recipients> recipients_to_send(const Action& action, const json& fields) {
  Recipients recipients;
  const auto list = fields.find("recipients");
  if (list == fields.end() || !list->is_array()) return recipients;
  for (const json& item : *list) {
    const std::string type = text_field(item, "type");
    if (text_field(item, "sha256").empty()) {
      recipients.emplace_back(type, "");
      continue;
    }
    const std::string url = text_field(item, "url");
    if (url.empty()) {
      return Error{action.address,
                   "no URL for the " + type + " recipient " + text_field(item, "shown") +
                       " (sha256 " + text_field(item, "sha256").substr(0, 8) + ")",
                   "run apply where the definitions the plan was made from are (--directory)"};
    }
    recipients.emplace_back(type, url);
  }
  return recipients;
}

}  // namespace

// The live alert of the action's project with the action's name, or nullopt.
Result<std::optional<Alert>> Provider::find_alert(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const std::string path = paths::project_alerts(action.organization_slug, action.project);
  auto items = read_list(name_, *client_, path, read_timeout_);
  if (!items.ok()) return items.errors();
  for (const json& item : *items) {
    Alert alert = api_of(*api).alert_from(item, action.project);
    if (alert.name == action.alert) return std::optional<Alert>(std::move(alert));
  }
  return std::optional<Alert>();
}

Result<ActionOutcome> Provider::create_alert(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const Result<Recipients> recipients = recipients_to_send(action, action.after);
  if (!recipients.ok()) return recipients.errors();
  const json body = api_of(*api).alert_body(action.after, *recipients);
  const std::string path = paths::project_alerts(action.organization_slug, action.project);
  // After an answer lost on the way, the list tells whether GlitchTip made the alert:
  // sending the POST again would make a second one.
  const auto found = [&]() -> Result<std::optional<ActionOutcome>> {
    auto alert = find_alert(action);
    if (!alert.ok()) return alert.errors();
    if (!alert->has_value()) return std::optional<ActionOutcome>();
    return std::optional<ActionOutcome>(ActionOutcome{(*alert)->name, (*alert)->id, false, {}});
  };
  auto outcome = create_once(action, path, body, found);
  if (!outcome.ok()) return outcome;
  // Verified by listing (ninja has no single-alert GET): the alert GlitchTip holds now gives
  // the id and the name, which the executor checks against the plan's.
  auto made = found();
  if (!made.ok()) return made.errors();
  return made->value_or(ActionOutcome{});
}

Result<ActionOutcome> Provider::update_alert(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const Result<Recipients> recipients = recipients_to_send(action, action.after);
  if (!recipients.ok()) return recipients.errors();
  auto alert = find_alert(action);
  if (!alert.ok()) return alert.errors();
  if (!alert->has_value()) {
    return Error{name_ + ": " + action.address,
                 "GlitchTip has no alert " + action.alert + " in project " + action.project,
                 "run plan again: the alert was deleted outside glitchtip-gitops"};
  }
  const std::string path =
      paths::project_alert(action.organization_slug, action.project, (*alert)->id);
  // Always the full object: a PUT without alertRecipients deletes every recipient.
  const HttpResponse response =
      send("PUT", path, api_of(*api).alert_body(action.after, *recipients), true);
  if (response.status != 200) return failure(action, "PUT", path, response);
  return ActionOutcome{action.alert, (*alert)->id, false, {}};
}

Result<ActionOutcome> Provider::delete_alert(const Action& action) {
  auto alert = find_alert(action);
  if (!alert.ok()) return alert.errors();
  if (!alert->has_value()) return ActionOutcome{{}, {}, true, {}};
  return delete_object(
      action, paths::project_alert(action.organization_slug, action.project, (*alert)->id));
}

}  // namespace gg::glitchtip
