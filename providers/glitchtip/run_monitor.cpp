// Provider::run for monitors: create, update (a PUT of the whole monitor) and delete, in the
// server's generation (api_generation.hpp). No PATCH is ever sent: it fails with a 500 on drf
// and a 405 on ninja. A monitor is found by its name, its identity; its project by slug.
#include "planner/kinds/fields.hpp"
#include "providers/glitchtip/api_generation.hpp"
#include "providers/glitchtip/api_paths.hpp"
#include "providers/glitchtip/provider.hpp"
#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {
namespace {

using nlohmann::json;

Monitor monitor_of(const Action& action) {
  Monitor monitor;
  monitor.name = action.monitor;
  monitor.type = fields::text(action.after, "type");
  monitor.url = fields::text(action.after, "url");
  monitor.interval = fields::integer(action.after, "interval", monitor.interval);
  monitor.expected_status = fields::integer(action.after, "expectedStatus", 200);
  monitor.expected_body = fields::text(action.after, "expectedBody");
  monitor.timeout = fields::integer(action.after, "timeout", 0);
  monitor.project = fields::text(action.after, "project");
  return monitor;
}

// What the plan checked already, checked again before anything is sent: a server stores a
// type it does not know and then fails every monitor list (ninja), or ignores the field.
std::optional<Error> unsupported(const std::string& instance, const Action& action,
                                 const GenerationApi& api, const Monitor& monitor) {
  const std::string server = "this GlitchTip (" + std::string(api.title()) + ")";
  if (monitor.type == "TCP Port" && !api.has_tcp_monitors()) {
    return Error{instance + ": " + action.address, server + " has no TCP Port monitors",
                 "use another type, or upgrade GlitchTip to 4.1 or later"};
  }
  if (monitor.timeout != 0 && !api.has_monitor_timeout()) {
    return Error{instance + ": " + action.address, server + " has no monitor timeout",
                 "remove `timeout` from the monitor"};
  }
  return std::nullopt;
}

}  // namespace

// The id of the organization's live monitor with the action's name; nullopt when none.
Result<std::optional<std::string>> Provider::monitor_id(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  auto items = read_list(name_, *client_, paths::organization_monitors(action.organization_slug),
                         read_timeout_);
  if (!items.ok()) return items.errors();
  for (const json& item : *items) {
    const auto live = api_of(*api).monitor_from(item);
    if (live && live->monitor.name == action.monitor) {
      return std::optional<std::string>(live->monitor.id);
    }
  }
  return std::optional<std::string>();
}

// GlitchTip's id of the project the monitor links to ("" for none); the project may have been
// created by this apply, so it is asked for now.
Result<std::string> Provider::project_id(const Action& action, const std::string& project) {
  if (project.empty()) return std::string();
  const std::string path = paths::project(action.organization_slug, project);
  const HttpResponse response = send("GET", path, std::nullopt, true);
  if (response.status != 200) return failure(action, "GET", path, response);
  const auto body = parse_body(response.body);
  const std::string id = body ? text_field(*body, "id") : std::string();
  if (id.empty()) {
    return Error{name_ + ": GET " + path, "GlitchTip's answer names no project id",
                 "check that the Instance url points at GlitchTip's API"};
  }
  return id;
}

Result<ActionOutcome> Provider::create_monitor(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const GenerationApi& rules = api_of(*api);
  const Monitor monitor = monitor_of(action);
  if (auto refused = unsupported(name_, action, rules, monitor)) return *refused;
  auto project = project_id(action, monitor.project);
  if (!project.ok()) return project.errors();
  const json body = rules.monitor_body(monitor, *project);
  const std::string list = paths::organization_monitors(action.organization_slug);
  const auto outcome_of = [&](const json& item) -> std::optional<ActionOutcome> {
    const auto live = rules.monitor_from(item);
    if (!live) return std::nullopt;
    ActionOutcome outcome{live->monitor.name, live->monitor.id, false, {}};
    outcome.timeout = live->monitor.timeout;
    return outcome;
  };
  // After an ambiguous failure (the create may have been made), the monitor with this name is
  // the one just made: the plan checked that none existed, and apply checked it again.
  const auto find_created = [&]() -> Result<std::optional<ActionOutcome>> {
    auto items = read_list(name_, *client_, list, read_timeout_);
    if (!items.ok()) return items.errors();
    for (const json& item : *items) {
      if (auto outcome = outcome_of(item); outcome && outcome->slug == action.monitor) {
        return std::optional<ActionOutcome>(std::move(outcome));
      }
    }
    return std::optional<ActionOutcome>();
  };
  for (int attempt = 0;; ++attempt) {
    const HttpResponse response = send("POST", list, body, /*repeatable=*/false);
    if (response.status == 201 || response.status == 200) {
      const auto answer = parse_body(response.body);
      if (auto outcome = answer ? outcome_of(*answer) : std::nullopt) return *outcome;
      return ActionOutcome{};  // no identity: the executor says so
    }
    if (!response.ambiguous || attempt >= settings_.max_retries) {
      return failure(action, "POST", list, response);
    }
    auto found = find_created();
    if (!found.ok()) return found.errors();
    if (found->has_value()) return **found;
  }
}

Result<ActionOutcome> Provider::update_monitor(const Action& action) {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  const GenerationApi& rules = api_of(*api);
  const Monitor monitor = monitor_of(action);
  if (auto refused = unsupported(name_, action, rules, monitor)) return *refused;
  auto id = monitor_id(action);
  if (!id.ok()) return id.errors();
  if (!id->has_value()) {
    return Error{name_ + ": " + action.address,
                 "GlitchTip has no monitor named \"" + action.monitor + "\" in organization " +
                     action.organization_slug,
                 "run plan again: the monitor was deleted outside glitchtip-gitops"};
  }
  auto project = project_id(action, monitor.project);
  if (!project.ok()) return project.errors();
  const std::string path = paths::monitor(action.organization_slug, **id);
  const HttpResponse response = send("PUT", path, rules.monitor_body(monitor, *project), true);
  if (response.status != 200) return failure(action, "PUT", path, response);
  ActionOutcome outcome{action.monitor, **id, false, {}};
  // The timeout the server holds now (ninja gives an undeclared one its default).
  const auto answer = parse_body(response.body);
  if (const auto live = answer ? rules.monitor_from(*answer) : std::nullopt) {
    outcome.timeout = live->monitor.timeout;
  }
  return outcome;
}

Result<ActionOutcome> Provider::delete_monitor(const Action& action) {
  auto id = monitor_id(action);
  if (!id.ok()) return id.errors();
  if (!id->has_value()) return ActionOutcome{action.monitor, {}, true, {}};
  return delete_object(action, paths::monitor(action.organization_slug, **id));
}

}  // namespace gg::glitchtip
