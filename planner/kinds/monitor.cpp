#include "planner/kinds/monitor.hpp"

#include "planner/address.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/fields.hpp"

namespace gg {
namespace {

using fields::text;
using nlohmann::json;

// The fields an action's before and after carry, and what an update compares and sends.
json managed_fields(const Monitor& monitor) {
  return {{"name", monitor.name},
          {"type", monitor.type},
          {"url", monitor.url},
          {"interval", monitor.interval},
          {"expectedStatus", monitor.expected_status},
          {"expectedBody", monitor.expected_body},
          {"timeout", monitor.timeout},
          {"project", monitor.project}};
}

// What apply records from an action's after: the fields it set.
void take_fields(Monitor& monitor, const json& after) {
  monitor.name = text(after, "name");
  monitor.type = text(after, "type");
  monitor.url = text(after, "url");
  monitor.interval = fields::integer(after, "interval", monitor.interval);
  monitor.expected_status = fields::integer(after, "expectedStatus", monitor.expected_status);
  monitor.expected_body = text(after, "expectedBody");
  monitor.timeout = fields::integer(after, "timeout", 0);
  monitor.project = text(after, "project");
}

// The live monitor with the declared fields; an undeclared timeout keeps the live one.
Monitor target_of(const Monitor& wanted, const Monitor& live) {
  Monitor target = wanted;
  target.id = live.id;
  if (wanted.timeout == 0) target.timeout = live.timeout;
  return target;
}

std::string shown(const std::string& value) {
  return value.empty() ? "(none)" : value;
}

// "interval: 60 → 120; project: (none) → apollo"; empty when nothing is to update.
std::string update_reason(const Monitor& live, const Monitor& target) {
  std::vector<std::string> what;
  const auto text_field = [&](const char* key, const std::string& from, const std::string& to) {
    if (from != to) what.push_back(std::string(key) + ": " + shown(from) + " → " + shown(to));
  };
  const auto number_field = [&](const char* key, int from, int to) {
    if (from != to)
      what.push_back(std::string(key) + ": " + std::to_string(from) + " → " + std::to_string(to));
  };
  text_field("type", live.type, target.type);
  text_field("url", live.url, target.url);
  number_field("interval", live.interval, target.interval);
  number_field("expectedStatus", live.expected_status, target.expected_status);
  text_field("expectedBody", live.expected_body, target.expected_body);
  number_field("timeout", live.timeout, target.timeout);
  text_field("project", live.project, target.project);
  std::string reason;
  for (const std::string& part : what) reason += (reason.empty() ? "" : "; ") + part;
  return reason;
}

Action monitor_action(const diff::Scope& scope, ActionType type, const std::string& name) {
  Action action =
      diff::make_action(scope, type, Address::of_monitor(scope.instance, scope.organization, name));
  action.monitor = name;
  return action;
}

// What differs between the live monitor and the action's `before`.
std::string moved_fields(const Monitor& live, const json& before) {
  const json now = managed_fields(live);
  for (const auto& [key, value] : now.items()) {
    if (!before.is_object() || !before.contains(key) || before.at(key) == value) continue;
    const auto words = [](const json& field) {
      return field.is_string() ? shown(field.get<std::string>()) : field.dump();
    };
    return fields::expected(key, words(value), words(before.at(key)));
  }
  return "it changed since the plan was made";
}

const Monitor* find_monitor(const Organization& organization, const std::string& name) {
  const auto found = organization.monitors.find(name);
  return found == organization.monitors.end() ? nullptr : &found->second;
}

// A create leaves out what it does not set: the name (in the words' head), the defaults.
bool monitor_unset_on_create(const std::string& key, const json& value) {
  return key == "name" || (key == "timeout" && value == 0) ||
         (key == "expectedStatus" && value == 200);
}

}  // namespace

json monitor_json(const std::string& organization_slug, const Monitor& monitor) {
  json document = managed_fields(monitor);
  document["kind"] = "monitor";
  document["organization_slug"] = organization_slug;
  document["id"] = monitor.id;
  return document;
}

Monitor monitor_from_json(const json& json) {
  Monitor monitor;
  take_fields(monitor, json);
  monitor.id = text(json, "id");
  return monitor;
}

json monitor_snapshot_json(const Monitor& monitor) {
  json document = monitor_json("", monitor);
  for (const char* key : {"kind", "organization_slug", "name"}) document.erase(key);
  return document;
}

Monitor monitor_from_snapshot_json(const std::string& name, const json& json) {
  Monitor monitor = monitor_from_json(json);
  monitor.name = name;
  return monitor;
}

std::string fingerprint(const Monitor& monitor) {
  json fields = managed_fields(monitor);
  fields["kind"] = "monitor";
  return fingerprint_of(fields);
}

std::vector<std::string> differences(const Monitor& recorded, const Monitor& live) {
  std::vector<std::string> parts;
  const json before = managed_fields(recorded);
  const json after = managed_fields(live);
  for (const auto& [key, value] : before.items()) {
    if (after.at(key) == value) continue;
    const auto words = [](const json& field) {
      return field.is_string() ? field.get<std::string>() : field.dump();
    };
    parts.push_back(fields::field_change(key, words(value), words(after.at(key))));
  }
  return parts;
}

Errors check_monitor_capabilities(const Instance& desired, const Capabilities& capabilities,
                                  const std::string& server) {
  Errors errors;
  for (const auto& [name, organization] : desired.organizations) {
    for (const auto& [monitor_name, monitor] : organization.monitors) {
      const std::string address = Address::of_monitor(desired.name, name, monitor_name).to_string();
      if (monitor.type == "TCP Port" && !capabilities.tcp_monitors) {
        errors.push_back({address,
                          "type is TCP Port, but " + server + ", which has no TCP Port monitors",
                          "use another type, or upgrade GlitchTip to 4.1 or later"});
      }
      if (monitor.timeout != 0 && !capabilities.monitor_timeout) {
        errors.push_back({address,
                          "timeout is " + std::to_string(monitor.timeout) + ", but " + server +
                              ", whose monitors have no timeout",
                          "remove `timeout` from the monitor, or upgrade GlitchTip to 4.1 or "
                          "later"});
      }
    }
  }
  return errors;
}

Errors check_monitor_names(const std::string& instance, const std::string& organization,
                           const Organization& live) {
  Errors errors;
  for (const auto& [name, ids] : live.duplicate_monitor_ids) {
    errors.push_back({Address::of_monitor(instance, organization, name).to_string(),
                      "GlitchTip has several monitors named \"" + name + "\" (ids " +
                          fields::joined(ids) + "), so which one the definition means is unknown",
                      "rename or delete all but one of them in GlitchTip, then plan again"});
  }
  return errors;
}

bool MonitorKind::owns(ActionType type) {
  return type == ActionType::create_monitor || type == ActionType::update_monitor ||
         type == ActionType::delete_monitor;
}

void MonitorKind::plan(const diff::Scope& scope, const Organization& desired,
                       const Organization& live, Changes& changes) {
  for (const auto& [name, monitor] : desired.monitors) {
    const Monitor* found = find_monitor(live, name);
    if (found == nullptr) {
      Action action = monitor_action(scope, ActionType::create_monitor, name);
      action.project = monitor.project;
      action.after = managed_fields(monitor);
      action.precondition = kAbsent;
      action.reason = diff::kDeclared;
      changes.actions.push_back(std::move(action));
      continue;
    }
    const Monitor target = target_of(monitor, *found);
    if (const std::string reason = update_reason(*found, target); !reason.empty()) {
      Action action = monitor_action(scope, ActionType::update_monitor, name);
      action.project = target.project;
      action.before = managed_fields(*found);
      action.after = managed_fields(target);
      action.precondition = fingerprint(*found);
      action.reason = reason;
      changes.actions.push_back(std::move(action));
    }
  }
  for (const auto& [name, monitor] : live.monitors) {
    if (desired.monitors.count(name) > 0) continue;
    const bool recorded = scope.recorded != nullptr && scope.recorded->monitors.count(name) > 0;
    if (!desired.monitors_managed && !recorded) {
      changes.unmanaged.push_back(
          Address::of_monitor(scope.instance, scope.organization, name).to_string());
      continue;
    }
    Action action = monitor_action(scope, ActionType::delete_monitor, name);
    action.before = managed_fields(monitor);
    action.precondition = fingerprint(monitor);
    action.reason = desired.monitors_managed
                        ? scope.not_declared()
                        : "no longer declared, and recorded as made or adopted by glitchtip-gitops";
    changes.actions.push_back(std::move(action));
  }
}

std::string MonitorKind::precondition_change(const Action& action, const Organization& live) {
  const Monitor* monitor = find_monitor(live, action.monitor);
  switch (action.type) {
    case ActionType::create_monitor:
      return monitor != nullptr ? "a monitor with this name exists now (id " + monitor->id + ")"
                                : "";
    case ActionType::update_monitor:
    case ActionType::delete_monitor:
      if (monitor == nullptr) return "the monitor no longer exists";
      if (fingerprint(*monitor) == action.precondition) return {};
      return moved_fields(*monitor, action.before);
    default:
      return {};
  }
}

std::string MonitorKind::action_words(const Action& action) {
  switch (action.type) {
    case ActionType::create_monitor:
      return fields::with_detail("monitor " + action.monitor,
                                 fields::fields_text(action.after, monitor_unset_on_create), ": ");
    case ActionType::update_monitor:
      return fields::with_detail("monitor " + action.monitor,
                                 fields::changes_text(action.before, action.after), ": ");
    case ActionType::delete_monitor:
      return "monitor " + action.monitor;
    default:
      return action.address;
  }
}

void MonitorKind::record(Organization& organization, const Action& action,
                         const ActionOutcome& outcome, const State&) {
  switch (action.type) {
    case ActionType::create_monitor: {
      Monitor monitor;
      take_fields(monitor, action.after);
      monitor.name = action.monitor;
      monitor.id = outcome.id;
      if (monitor.timeout == 0) monitor.timeout = outcome.timeout;
      organization.monitors[action.monitor] = std::move(monitor);
      break;
    }
    case ActionType::update_monitor: {
      Monitor& monitor = organization.monitors[action.monitor];
      take_fields(monitor, action.after);
      monitor.name = action.monitor;
      if (monitor.timeout == 0) monitor.timeout = outcome.timeout;
      break;
    }
    case ActionType::delete_monitor:
      organization.monitors.erase(action.monitor);
      break;
    default:
      break;
  }
}

}  // namespace gg
