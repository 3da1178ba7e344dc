#pragma once
// Everything the planner knows about a project alert (alerts kind): its JSON forms in plan
// files and the snapshot, its fingerprint, its drift words, and its actions (create, update,
// delete) with their words, preconditions and how apply records them. Fields: name (the
// identity within its project), quantity, timespanMinutes, uptime and the recipients, a set
// compared by type and URL digest. No URL is ever held: a recipient carries the SHA-256 of
// its URL and the part that may be shown (scheme and host), so that nothing here can leak a
// webhook's credential into a plan, a snapshot or an output.
//
// Alerts live in Organization::alerts keyed by "PROJECT-SLUG/NAME" (alert_key). A project's
// alerts are planned only when the definitions say `alerts:` on it (Project::alerts_declared);
// otherwise live alerts are left alone and listed as not managed (Changes::unmanaged).

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "planner/action.hpp"
#include "planner/diff_scope.hpp"
#include "planner/error.hpp"
#include "planner/state.hpp"

namespace gg {

// "PROJECT-SLUG/NAME": the alert's key in Organization::alerts and the snapshot.
std::string alert_key(const std::string& project, const std::string& name);

// A recipient of `type` with `url` ("" for email): the URL's SHA-256 and its shown form;
// the URL itself is not kept.
AlertRecipient alert_recipient(const std::string& type, std::string_view url);
// "https://hooks.slack.com/…": scheme and host (no user, no path, no query), then "…".
std::string shown_url(std::string_view url);
// "email", or "webhook https://hooks.slack.com/… (sha256 1a2b3c4d)".
std::string recipient_words(const AlertRecipient& recipient);
// Sorted by type and digest, repeats dropped: the set an alert's recipients are.
std::vector<AlertRecipient> recipient_set(std::vector<AlertRecipient> recipients);

// {kind, organization_slug, project, name, id, quantity, timespanMinutes, uptime, recipients},
// recipients as [{type, sha256, shown}] (and "secret" for a declared secret); and back.
nlohmann::json alert_json(const std::string& organization_slug, const Alert& alert);
Alert alert_from_json(const nlohmann::json& json);
// The managed fields an action's before/after carry: {name, quantity, timespanMinutes,
// uptime, recipients}.
nlohmann::json alert_fields(const Alert& alert);

// The snapshot's form, keyed by alert_key: {id, project, name, quantity, timespanMinutes,
// uptime, recipients}.
nlohmann::json alert_snapshot_json(const Alert& alert);
Alert alert_from_snapshot_json(const std::string& key, const nlohmann::json& json);

// "sha256:..." of project, name, quantity, timespanMinutes, uptime and the recipient set.
std::string fingerprint(const Alert& alert);

// Drift words: "quantity changed from 10 to 20", "recipients changed: added email".
std::vector<std::string> differences(const Alert& recorded, const Alert& live);

// What the servers cannot take: a recipient type the server does not accept, named by
// field and server; two live alerts of one name in a project whose alerts are declared.
Errors check_alert_capabilities(const Instance& desired, const Capabilities& capabilities,
                                const std::vector<Action>& actions, const std::string& server);
Errors check_alert_duplicates(const Instance& desired, const Instance& live);

// How the generic diff, recording and wording code treats alerts (planner/kinds/kinds.hpp).
struct AlertKind {
  using Object = Alert;
  static constexpr const char* name = "alert";
  static constexpr const char* collection = "alerts";  // its key in the snapshot's organization
  // Written only when there are alerts, so that older snapshots keep their bytes and load.
  static constexpr bool optional_collection = true;
  static std::map<std::string, Alert>& objects(Organization& organization) {
    return organization.alerts;
  }
  static const std::map<std::string, Alert>& objects(const Organization& organization) {
    return organization.alerts;
  }
  static std::string key(const Alert& alert) { return alert_key(alert.project, alert.name); }
  static Address address(const std::string& instance, const std::string& organization,
                         const std::string& key);
  static nlohmann::json to_json(const std::string& organization_slug, const Alert& alert) {
    return alert_json(organization_slug, alert);
  }
  static Alert from_json(const nlohmann::json& json) { return alert_from_json(json); }
  static nlohmann::json snapshot_json(const Alert& alert) { return alert_snapshot_json(alert); }
  static Alert from_snapshot_json(const std::string& key, const nlohmann::json& json) {
    return alert_from_snapshot_json(key, json);
  }
  static nlohmann::json adoption_json(const std::string& organization_slug, const Alert& live,
                                      const Alert&) {
    return alert_json(organization_slug, live);
  }
  static void keep_recorded(Alert&, const Alert*) {}
  static void forget(Organization&, const Alert&) {}

  static bool owns(ActionType type);
  static void plan(const diff::Scope& scope, const Organization& desired, const Organization& live,
                   Changes& changes);
  static std::string precondition_change(const Action& action, const Organization& live);
  static std::string action_words(const Action& action);
  static void record(Organization& organization, const Action& action, const ActionOutcome& outcome,
                     const State& desired);
};

// The live alerts of `project` (a project being deleted lists them as consequences).
std::vector<std::string> alert_addresses(const diff::Scope& scope, const Organization& live,
                                         const std::string& project);

}  // namespace gg
