#pragma once
// Everything the planner knows about an uptime monitor, the one place to add a monitor's
// field: its JSON form in plan files and the snapshot, its fingerprint, its drift words, and
// its actions (create, update, delete) with their words, preconditions and how apply
// records them; what a server must support for it. Fields: name (the identity in the
// organization), type, url, interval, expectedStatus, expectedBody, timeout and project
// (the linked project's slug).
//
// Ownership (docs/design.md, "Uptime monitors"): an organization whose definitions say
// `uptimeMonitors: managed` owns all its monitors; otherwise a live monitor not declared is
// deleted only when the snapshot records it (this tool created or adopted it), and is
// otherwise left alone and listed as not managed.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/error.hpp"
#include "planner/state.hpp"

namespace gg {

// {kind, organization_slug, name, id, type, url, interval, expectedStatus, expectedBody,
// timeout, project}, and back (missing fields keep their defaults).
nlohmann::json monitor_json(const std::string& organization_slug, const Monitor& monitor);
Monitor monitor_from_json(const nlohmann::json& json);

// The snapshot's form, keyed by name: the fields above without kind, organization_slug, name.
nlohmann::json monitor_snapshot_json(const Monitor& monitor);
Monitor monitor_from_snapshot_json(const std::string& name, const nlohmann::json& json);

// "sha256:..." of every managed field.
std::string fingerprint(const Monitor& monitor);

// Drift words, one phrase per field that differs: "interval changed from 60 to 120".
std::vector<std::string> differences(const Monitor& recorded, const Monitor& live);

// The declared monitors that the server cannot take: a `TCP Port` type or a `timeout` on the
// Django REST framework API; `server` names it for the message.
Errors check_monitor_capabilities(const Instance& desired, const Capabilities& capabilities,
                                  const std::string& server);

// Two live monitors of a declared organization with one name: which is meant is unknown.
Errors check_monitor_names(const std::string& instance, const std::string& organization,
                           const Organization& live);

// How the generic diff, recording and wording code treats monitors (planner/kinds/kinds.hpp).
struct MonitorKind {
  using Object = Monitor;
  static constexpr const char* name = "monitor";
  static constexpr const char* collection = "monitors";  // its key in the snapshot's organization
  // Written only when there are monitors, so that older snapshots keep their bytes and load.
  static constexpr bool optional_collection = true;
  static std::map<std::string, Monitor>& objects(Organization& organization) {
    return organization.monitors;
  }
  static const std::map<std::string, Monitor>& objects(const Organization& organization) {
    return organization.monitors;
  }
  static const std::string& key(const Monitor& monitor) { return monitor.name; }
  static Address address(const std::string& instance, const std::string& organization,
                         const std::string& name) {
    return Address::of_monitor(instance, organization, name);
  }
  static nlohmann::json to_json(const std::string& organization_slug, const Monitor& monitor) {
    return monitor_json(organization_slug, monitor);
  }
  static Monitor from_json(const nlohmann::json& json) { return monitor_from_json(json); }
  static nlohmann::json snapshot_json(const Monitor& monitor) {
    return monitor_snapshot_json(monitor);
  }
  static Monitor from_snapshot_json(const std::string& name, const nlohmann::json& json) {
    return monitor_from_snapshot_json(name, json);
  }
  static nlohmann::json adoption_json(const std::string& organization_slug, const Monitor& live,
                                      const Monitor&) {
    return monitor_json(organization_slug, live);
  }
  static void keep_recorded(Monitor&, const Monitor*) {}
  static void forget(Organization&, const Monitor&) {}

  static bool owns(ActionType type);
  static void plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

}  // namespace gg
