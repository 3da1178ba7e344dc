// Api handlers for an organization's uptime monitors: list, create, retrieve, update and delete
// (docs/glitchtip-api.md §12.3), with each generation's crashes: DRF fails with 500 on a body
// without `url` and on every PATCH; ninja stores a monitor of an unknown type, answers 500, and
// from then on fails every monitor list until that monitor is deleted.
#include <algorithm>

#include "tests/emulator/api_call.hpp"

namespace gg::emulator {

using nlohmann::json;

namespace {

bool known_type(const std::string& type, bool ninja) {
  static const std::vector<std::string> drf = {"Ping", "GET", "POST", "SSL", "Heartbeat"};
  static const std::vector<std::string> both = {"Ping", "GET",       "POST",
                                                "SSL",  "Heartbeat", "TCP Port"};
  const auto& types = ninja ? both : drf;
  return std::find(types.begin(), types.end(), type) != types.end();
}

std::optional<Id> id_of(const json& value) {
  if (value.is_number_integer()) return value.get<Id>();
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (!text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), ::isdigit)) {
      return std::stoll(text);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiResponse> Api::read_monitor(const Call& call, const Organization& org,
                                             Monitor& draft) const {
  const bool ninja = features_.ninja();
  const json& body = call.body;
  const json* type = body_field(body, "monitorType", "monitor_type");
  const json* name = body_field(body, "name");
  // DRF knows the body by its snake_case name only; `expectedBody` is silently ignored there.
  const json* expected_body =
      ninja ? body_field(body, "expectedBody", "expected_body") : body_field(body, "expected_body");
  const json* expected_status = body_field(body, "expectedStatus", "expected_status");
  const json* timeout = body_field(body, "timeout");
  const json* interval = body_field(body, "interval");
  const json* url = body_field(body, "url");
  const json* project = body_field(body, "project");

  if (ninja) {
    json missing = json::array();
    const std::pair<const char*, const json*> required[] = {{"monitorType", type},
                                                            {"name", name},
                                                            {"expectedBody", expected_body},
                                                            {"expectedStatus", expected_status},
                                                            {"timeout", timeout}};
    for (const auto& [field, value] : required) {
      if (value == nullptr) {
        missing.push_back(
            {{"type", "missing"}, {"loc", {"body", "payload", field}}, {"msg", "Field required"}});
      }
    }
    if (!missing.empty()) return validation_errors(missing);
  } else {
    if (type != nullptr && (!type->is_string() || !known_type(type->get<std::string>(), false))) {
      return json_response(
          400, {{"monitorType",
                 {(type->is_string() ? "\"" + type->get<std::string>() + "\"" : type->dump()) +
                  " is not a valid choice."}}});
    }
    if (name == nullptr) return missing_field("name");
    if (expected_status == nullptr) return missing_field("expectedStatus");
    if (url == nullptr) return server_error();  // GlitchTip's validate() reads data["url"]
  }
  if (type != nullptr && type->is_string()) draft.type = type->get<std::string>();
  if (name != nullptr && name->is_string()) draft.name = name->get<std::string>();
  if (expected_body != nullptr && expected_body->is_string()) {
    draft.expected_body = expected_body->get<std::string>();
  }
  if (expected_status != nullptr) {
    draft.expected_status = expected_status->is_number_integer()
                                ? std::optional(expected_status->get<int64_t>())
                                : std::nullopt;
  }
  if (interval != nullptr && interval->is_number_integer()) {
    draft.interval = interval->get<int64_t>();
  }
  if (ninja && timeout != nullptr) {  // DRF has no timeout and ignores it
    draft.timeout =
        timeout->is_number_integer() ? std::optional(timeout->get<int64_t>()) : std::nullopt;
  }
  const bool absent = url == nullptr || url->is_null();
  if (ninja && absent && draft.type != "Heartbeat") {
    return json_response(422, {{"detail", "Invalid Url"}});
  }
  draft.url = !absent && url->is_string() ? url->get<std::string>() : "";
  if (draft.url.empty() && draft.type != "Heartbeat") {
    const std::string message = "URL is required for " + draft.type;
    if (ninja) return json_response(422, {{"detail", message}});
    return json_response(400, {{"non_field_errors", {message}}});
  }
  if (project != nullptr && !project->is_null()) {
    const std::optional<Id> id = id_of(*project);
    const auto found = id ? world_.projects.find(*id) : world_.projects.end();
    if (found == world_.projects.end() || found->second.organization != org.id) {
      if (ninja) return not_found();
      return json_response(
          400, {{"project",
                 {"Invalid pk \"" +
                  (project->is_string() ? project->get<std::string>() : project->dump()) +
                  "\" - object does not exist."}}});
    }
    draft.project = *id;
  } else if (project != nullptr || ninja) {
    draft.project.reset();  // ninja's PUT replaces the whole monitor, DRF's keeps what is omitted
  }
  return std::nullopt;
}

Monitor* Api::monitor_param(const Call& call, const Organization& org) {
  const std::optional<Id> id = id_of(json(call.params.at(1)));
  const auto found = id ? world_.monitors.find(*id) : world_.monitors.end();
  if (found == world_.monitors.end() || found->second.organization != org.id) return nullptr;
  return &found->second;
}

ApiResponse Api::list_monitors(Call& call) {
  // After the organization is gone the list is empty, not 404: GlitchTip filters the monitors.
  const Organization* org = organization(call, 0);
  std::vector<Id> ids;
  if (org != nullptr) ids.assign(org->monitors.rbegin(), org->monitors.rend());
  if (features_.ninja()) {  // one monitor ninja cannot serialize fails the whole list
    for (const Id id : ids) {
      if (!known_type(world_.monitors.at(id).type, true)) return server_error();
    }
  }
  const Shapes render = shapes(call);
  return paged(call, ids,
               [&](Id id) { return render.monitor(world_.monitors.at(id), MonitorView::listed); });
}

// What the monitor's save does: a Heartbeat gets its check-in id, any other type is checked
// at once (and fails: the emulator reaches nothing).
static void after_save(World& world, Monitor& monitor) {
  if (monitor.type == "Heartbeat") {
    if (!monitor.endpoint) monitor.endpoint = world.random_uuid();
    return;
  }
  monitor.checks.insert(monitor.checks.begin(), MonitorCheck{false, world.stamp(), 5});
}

ApiResponse Api::create_monitor(Call& call) {
  Organization* org = organization(call, 0);
  if (org == nullptr) return not_found();
  Monitor draft;
  draft.type = "Ping";
  if (auto refused = read_monitor(call, *org, draft)) return *refused;
  Monitor& monitor = world_.create_monitor(*org);
  const Id id = monitor.id;
  const Micros created = monitor.created;
  monitor = draft;
  monitor.id = id;
  monitor.organization = org->id;
  monitor.created = created;
  after_save(world_, monitor);
  // ninja stored it, then fails to serialize a type it does not know.
  if (features_.ninja() && !known_type(monitor.type, true)) return server_error();
  ApiResponse response = json_response(201, shapes(call).monitor(monitor, MonitorView::created));
  if (!features_.ninja()) response.headers.emplace_back("Location", monitor.url);  // sic
  return response;
}

ApiResponse Api::get_monitor(Call& call) {
  const Organization* org = organization(call, 0);
  const Monitor* monitor = org ? monitor_param(call, *org) : nullptr;
  if (monitor == nullptr) return not_found();
  if (features_.ninja() && !known_type(monitor->type, true)) return server_error();
  return json_response(200, shapes(call).monitor(*monitor, MonitorView::detail));
}

ApiResponse Api::update_monitor(Call& call) {
  const Organization* org = organization(call, 0);
  Monitor* monitor = org ? monitor_param(call, *org) : nullptr;
  if (monitor == nullptr) return not_found();
  Monitor draft = *monitor;
  if (features_.ninja()) {  // a full replace: what the body omits takes its default
    draft = Monitor{};
    draft.id = monitor->id;
    draft.organization = monitor->organization;
    draft.created = monitor->created;
    draft.checks = monitor->checks;
    draft.endpoint = monitor->endpoint;
  }
  if (auto refused = read_monitor(call, *org, draft)) return *refused;
  *monitor = draft;
  if (features_.ninja()) {
    if (monitor->type == "Heartbeat" && !monitor->endpoint)
      monitor->endpoint = world_.random_uuid();
    if (!known_type(monitor->type, true)) return server_error();
  } else {
    after_save(world_, *monitor);  // DRF checks again after every save
  }
  return json_response(200, shapes(call).monitor(*monitor, MonitorView::listed));
}

ApiResponse Api::patch_monitor(Call& call) {
  const Organization* org = organization(call, 0);
  const Monitor* monitor = org ? monitor_param(call, *org) : nullptr;
  if (monitor == nullptr) return not_found();
  return server_error();  // DRF's validate() reads data["url"] even on a partial update
}

ApiResponse Api::delete_monitor(Call& call) {
  const Organization* org = organization(call, 0);
  const Monitor* monitor = org ? monitor_param(call, *org) : nullptr;
  if (monitor == nullptr) return not_found();
  world_.delete_monitor(monitor->id);
  return no_content();
}

}  // namespace gg::emulator
