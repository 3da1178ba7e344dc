// Api handlers for project alerts: list, create, retrieve (DRF only), update and delete
// (docs/glitchtip-api.md §12.1). Both generations treat an update's `alertRecipients` as the
// full new list, so an update without it deletes every recipient; they differ in field names,
// validation and which bad inputs crash the server.
#include <algorithm>
#include <regex>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

namespace {

constexpr int64_t kSmallIntegerMax = 32767;  // PositiveSmallIntegerField

const std::vector<std::string>& ninja_recipient_types() {
  static const std::vector<std::string> types = {"email", "discord", "webhook", "googlechat"};
  return types;
}

// Django's URLValidator (DRF) and pydantic's URL parsing (ninja), as far as tests need them.
bool valid_url(const std::string& url, bool drf) {
  static const std::regex kAny(R"(^[A-Za-z][A-Za-z0-9+.-]*://[^/\s?#]+([/?#]\S*)?$)");
  static const std::regex kDrf(R"(^(https?|ftps?)://[^/\s?#]+([/?#]\S*)?$)", std::regex::icase);
  return std::regex_match(url, drf ? kDrf : kAny);
}

std::string type_name(const json& value) {
  return value.is_string() ? "str" : value.is_number() ? "int" : value.type_name();
}

}  // namespace

std::optional<ApiResponse> Api::read_small_integer(const json& body, const char* camel,
                                                   const char* snake,
                                                   std::optional<int64_t>& value) const {
  const bool ninja = features_.ninja();
  // DRF knows the snake_case name only and silently ignores the camelCase one.
  const json* field = ninja ? body_field(body, camel, snake) : body_field(body, snake);
  if (field == nullptr) return std::nullopt;
  const std::string name = ninja ? camel : snake;
  if (field->is_null()) {
    value.reset();
    return std::nullopt;
  }
  if (!field->is_number_integer()) {
    return field_error(name, "A valid integer is required.", "int_parsing",
                       "Input should be a valid integer, unable to parse string as an integer");
  }
  const int64_t number = field->get<int64_t>();
  if (number < 0 || number > kSmallIntegerMax) {
    if (ninja) return server_error();  // the database's check constraint, unhandled
    return json_response(400,
                         {{name,
                           {number < 0 ? "Ensure this value is greater than or equal to 0."
                                       : "Ensure this value is less than or equal to 32767."}}});
  }
  value = number;
  return std::nullopt;
}

std::optional<ApiResponse> Api::read_alert(const Call& call, Alert& draft,
                                           std::vector<AlertRecipient>& recipients) const {
  const bool ninja = features_.ninja();
  const json& body = call.body;
  if (const json* name = body_field(body, "name")) {
    if (!name->is_string()) {
      return field_error("name", "Not a valid string.", "string_type",
                         "Input should be a valid string");
    }
    draft.name = name->get<std::string>();
  }
  if (auto bad =
          read_small_integer(body, "timespanMinutes", "timespan_minutes", draft.timespan_minutes)) {
    return bad;
  }
  if (auto bad = read_small_integer(body, "quantity", "quantity", draft.quantity)) return bad;
  if (const json* uptime = body_field(body, "uptime"); uptime && !uptime->is_null()) {
    if (!uptime->is_boolean()) {
      return field_error("uptime", "Must be a valid boolean.", "bool_parsing",
                         "Input should be a valid boolean, unable to interpret input");
    }
    draft.uptime = uptime->get<bool>();
  }
  recipients.clear();
  const json* list = body_field(body, "alertRecipients", "alert_recipients");
  if (list == nullptr || list->is_null()) return std::nullopt;
  if (!list->is_array()) {
    if (ninja) {
      return validation_errors({{{"type", "list_type"},
                                 {"loc", {"body", "payload", "alertRecipients"}},
                                 {"msg", "Input should be a valid list"}}});
    }
    return json_response(
        400, {{"alertRecipients",
               {{"non_field_errors",
                 {"Expected a list of items but got type \"" + type_name(*list) + "\"."}}}}});
  }
  json drf_errors = json::array();
  json ninja_errors = json::array();
  bool drf_failed = false;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const json* type = body_field(item, "recipientType", "recipient_type");
    const json* url = body_field(item, "url");
    const std::string type_text = type && type->is_string() ? type->get<std::string>() : "";
    const std::string url_text = url && url->is_string() ? url->get<std::string>() : "";
    json location = {"body", "payload", "alertRecipients", i};
    if (ninja) {
      const auto& known = ninja_recipient_types();
      if (type == nullptr || std::find(known.begin(), known.end(), type_text) == known.end()) {
        const char* tags =
            "RecipientType.EMAIL, RecipientType.DISCORD, RecipientType.GENERAL_WEBHOOK, "
            "RecipientType.GOOGLE_CHAT";
        const char* discriminator = "'recipient_type' | 'recipientType'";
        if (type == nullptr) {
          ninja_errors.push_back(
              {{"type", "union_tag_not_found"},
               {"loc", location},
               {"msg", std::string("Unable to extract tag using discriminator ") + discriminator},
               {"ctx", {{"discriminator", discriminator}}}});
        } else {
          ninja_errors.push_back(
              {{"type", "union_tag_invalid"},
               {"loc", location},
               {"msg", "Input tag '" + type_text + "' found using " + discriminator +
                           " does not match any of the expected tags: " + tags},
               {"ctx",
                {{"discriminator", discriminator}, {"tag", type_text}, {"expected_tags", tags}}}});
        }
        continue;
      }
      location.push_back(type_text);
      location.push_back("url");
      if (type_text != "email" && (url == nullptr || url->is_null())) {
        ninja_errors.push_back({{"type", "missing"}, {"loc", location}, {"msg", "Field required"}});
        continue;
      }
      if (type_text != "email" && !valid_url(url_text, false)) {
        ninja_errors.push_back({{"type", "url_parsing"},
                                {"loc", location},
                                {"msg", "Input should be a valid URL, relative URL without a base"},
                                {"ctx", {{"error", "relative URL without a base"}}}});
        continue;
      }
    } else {
      json problems = json::object();
      if (type == nullptr) problems["recipientType"] = {"This field is required."};
      if (!url_text.empty() && !valid_url(url_text, true)) problems["url"] = {"Enter a valid URL."};
      drf_failed = drf_failed || !problems.empty();
      drf_errors.push_back(problems);
    }
    recipients.push_back(AlertRecipient{0, type_text, url_text});
  }
  if (!ninja_errors.empty()) return validation_errors(ninja_errors);
  if (drf_failed) return json_response(400, {{"alertRecipients", drf_errors}});
  return std::nullopt;
}

Alert* Api::alert_param(const Call& call, const Project& project) {
  const std::string& text = call.params.at(2);
  if (text.empty() || text.size() > 18 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    return nullptr;
  }
  const auto found = world_.alerts.find(std::stoll(text));
  if (found == world_.alerts.end() || found->second.project != project.id) return nullptr;
  return &found->second;
}

ApiResponse Api::list_alerts(Call& call) {
  // After its organization is gone the list is empty, not 404: GlitchTip filters the alerts.
  const Project* project = project_param(call);
  std::vector<Id> ids;
  if (project != nullptr) ids.assign(project->alerts.rbegin(), project->alerts.rend());
  const Shapes render = shapes(call);
  return paged(call, ids, [&](Id id) { return render.alert(world_.alerts.at(id)); });
}

ApiResponse Api::create_alert(Call& call) {
  Project* project = project_param(call);
  if (project == nullptr) return not_found();
  Alert draft;
  std::vector<AlertRecipient> recipients;
  if (auto refused = read_alert(call, draft, recipients)) return *refused;
  Alert& alert = world_.create_alert(*project);
  alert.name = draft.name;
  alert.timespan_minutes = draft.timespan_minutes;
  alert.quantity = draft.quantity;
  alert.uptime = draft.uptime;
  world_.replace_recipients(alert, recipients);
  return json_response(201, shapes(call).alert(alert));
}

ApiResponse Api::get_alert(Call& call) {
  const Project* project = project_param(call);
  const Alert* alert = project ? alert_param(call, *project) : nullptr;
  if (alert == nullptr) return not_found();
  return json_response(200, shapes(call).alert(*alert));
}

// PUT on both generations, PATCH on DRF: the scalars the body names change, the recipients
// become the body's list (none when it has no `alertRecipients`).
ApiResponse Api::update_alert(Call& call) {
  const Project* project = project_param(call);
  Alert* alert = project ? alert_param(call, *project) : nullptr;
  if (alert == nullptr) return not_found();
  Alert draft = *alert;
  std::vector<AlertRecipient> recipients;
  if (auto refused = read_alert(call, draft, recipients)) return *refused;
  alert->name = draft.name;
  alert->timespan_minutes = draft.timespan_minutes;
  alert->quantity = draft.quantity;
  alert->uptime = draft.uptime;
  world_.replace_recipients(*alert, recipients);
  return json_response(200, shapes(call).alert(*alert));
}

ApiResponse Api::delete_alert(Call& call) {
  const Project* project = project_param(call);
  const Alert* alert = project ? alert_param(call, *project) : nullptr;
  if (alert == nullptr) return not_found();
  world_.delete_alert(alert->id);
  return no_content();
}

}  // namespace gg::emulator
