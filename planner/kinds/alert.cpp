#include "planner/kinds/alert.hpp"

#include <algorithm>
#include <tuple>

#include "planner/address.hpp"
#include "planner/canonical_json.hpp"
#include "planner/fingerprint.hpp"
#include "planner/kinds/fields.hpp"

namespace gg {
namespace {

using fields::text;
using nlohmann::json;

constexpr const char* kTimespan = "timespanMinutes";

bool recipient_less(const AlertRecipient& a, const AlertRecipient& b) {
  return std::tie(a.type, a.url_sha256) < std::tie(b.type, b.url_sha256);
}

bool same_recipient(const AlertRecipient& a, const AlertRecipient& b) {
  return a.type == b.type && a.url_sha256 == b.url_sha256;
}

json recipients_json(const std::vector<AlertRecipient>& recipients, bool with_secret) {
  json list = json::array();
  for (const AlertRecipient& recipient : recipient_set(recipients)) {
    json item = {{"type", recipient.type}};
    if (!recipient.url_sha256.empty()) {
      item["sha256"] = recipient.url_sha256;
      item["shown"] = recipient.url_shown;
    }
    if (with_secret && !recipient.secret.empty()) item["secret"] = recipient.secret;
    list.push_back(std::move(item));
  }
  return list;
}

std::vector<AlertRecipient> recipients_from(const json& json) {
  std::vector<AlertRecipient> recipients;
  const auto found = json.is_object() ? json.find("recipients") : json.end();
  if (!json.is_object() || found == json.end() || !found->is_array()) return recipients;
  for (const auto& item : *found) {
    recipients.push_back(
        {text(item, "type"), text(item, "sha256"), text(item, "shown"), text(item, "secret"), ""});
  }
  return recipient_set(std::move(recipients));
}

// Recipients as words: "email, webhook https://hooks.slack.com/… (sha256 1a2b3c4d)".
std::vector<std::string> recipient_list(const std::vector<AlertRecipient>& recipients) {
  std::vector<std::string> words;
  for (const AlertRecipient& recipient : recipient_set(recipients)) {
    words.push_back(recipient_words(recipient));
  }
  return words;
}

// The set difference as words: "added a, b; removed c"; empty when equal.
std::string recipient_change(const std::vector<AlertRecipient>& from,
                             const std::vector<AlertRecipient>& to) {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  const auto in = [](const std::vector<AlertRecipient>& set, const AlertRecipient& recipient) {
    return std::any_of(set.begin(), set.end(),
                       [&](const AlertRecipient& each) { return same_recipient(each, recipient); });
  };
  for (const AlertRecipient& recipient : recipient_set(to)) {
    if (!in(from, recipient)) added.push_back(recipient_words(recipient));
  }
  for (const AlertRecipient& recipient : recipient_set(from)) {
    if (!in(to, recipient)) removed.push_back(recipient_words(recipient));
  }
  std::string words;
  if (!added.empty()) words += "added " + fields::joined(added);
  if (!removed.empty())
    words += (words.empty() ? "removed " : "; removed ") + fields::joined(removed);
  return words;
}

bool same_recipients(const std::vector<AlertRecipient>& a, const std::vector<AlertRecipient>& b) {
  const std::vector<AlertRecipient> left = recipient_set(a);
  const std::vector<AlertRecipient> right = recipient_set(b);
  return std::equal(left.begin(), left.end(), right.begin(), right.end(), same_recipient);
}

// "quantity 10 → 20; recipients: added email"; empty when nothing is to update.
std::string update_reason(const Alert& live, const Alert& wanted) {
  std::vector<std::string> what;
  if (wanted.quantity != live.quantity) {
    what.push_back("quantity " + std::to_string(live.quantity) + " → " +
                   std::to_string(wanted.quantity));
  }
  if (wanted.timespan_minutes != live.timespan_minutes) {
    what.push_back(std::string(kTimespan) + " " + std::to_string(live.timespan_minutes) + " → " +
                   std::to_string(wanted.timespan_minutes));
  }
  if (wanted.uptime != live.uptime) {
    what.push_back(std::string("uptime ") + (live.uptime ? "true" : "false") + " → " +
                   (wanted.uptime ? "true" : "false"));
  }
  if (!same_recipients(live.recipients, wanted.recipients)) {
    what.push_back("recipients: " + recipient_change(live.recipients, wanted.recipients));
  }
  std::string reason;
  for (const std::string& part : what) reason += (reason.empty() ? "" : "; ") + part;
  return reason;
}

// The words of a whole alert: "10 events in 5 minutes, uptime, to email, webhook …".
std::string alert_words(const json& fields) {
  const Alert alert = alert_from_json(fields);
  std::string words = std::to_string(alert.quantity) + " events in " +
                      std::to_string(alert.timespan_minutes) + " minutes";
  if (alert.uptime) words += ", uptime";
  return words + ", to " + fields::joined(recipient_list(alert.recipients));
}

const Alert* find_alert(const Organization& organization, const std::string& project,
                        const std::string& name) {
  const auto found = organization.alerts.find(alert_key(project, name));
  return found == organization.alerts.end() ? nullptr : &found->second;
}

// What differs between the live alert and the action's `before`.
std::string moved_fields(const Alert& live, const json& before) {
  const Alert planned = alert_from_json(before);
  if (planned.quantity != live.quantity) {
    return fields::expected("quantity", std::to_string(live.quantity),
                            std::to_string(planned.quantity));
  }
  if (planned.timespan_minutes != live.timespan_minutes) {
    return fields::expected(kTimespan, std::to_string(live.timespan_minutes),
                            std::to_string(planned.timespan_minutes));
  }
  if (planned.uptime != live.uptime) {
    return fields::expected("uptime", live.uptime ? "true" : "false",
                            planned.uptime ? "true" : "false");
  }
  if (!same_recipients(planned.recipients, live.recipients)) {
    return "its recipients changed since the plan was made (" +
           recipient_change(planned.recipients, live.recipients) + ")";
  }
  return "it changed since the plan was made";
}

Action alert_action(const diff::Scope& scope, ActionType type, const Alert& alert) {
  Action action = diff::make_action(
      scope, type,
      Address::of_alert(scope.instance, scope.organization, alert.project, alert.name));
  action.project = alert.project;
  action.alert = alert.name;
  return action;
}

void take_fields(Alert& alert, const json& after) {
  const Alert planned = alert_from_json(after);
  alert.quantity = planned.quantity;
  alert.timespan_minutes = planned.timespan_minutes;
  alert.uptime = planned.uptime;
  alert.recipients = planned.recipients;
  for (AlertRecipient& recipient : alert.recipients) recipient.secret.clear();
}

}  // namespace

std::string alert_key(const std::string& project, const std::string& name) {
  return project + "/" + name;
}

std::string shown_url(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "(not a URL)…";
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  // user:password@host: the user part is a credential too.
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  return std::string(url.substr(0, scheme_end + 3)) + std::string(rest) + "/…";
}

AlertRecipient alert_recipient(const std::string& type, std::string_view url) {
  AlertRecipient recipient;
  recipient.type = type;
  if (!url.empty()) {
    recipient.url_sha256 = sha256_hex(url);
    recipient.url_shown = shown_url(url);
  }
  return recipient;
}

std::string recipient_words(const AlertRecipient& recipient) {
  if (recipient.url_sha256.empty()) return recipient.type;
  return recipient.type + " " + recipient.url_shown + " (sha256 " +
         recipient.url_sha256.substr(0, 8) + ")";
}

std::vector<AlertRecipient> recipient_set(std::vector<AlertRecipient> recipients) {
  std::sort(recipients.begin(), recipients.end(), recipient_less);
  recipients.erase(std::unique(recipients.begin(), recipients.end(), same_recipient),
                   recipients.end());
  return recipients;
}

json alert_fields(const Alert& alert) {
  return {{"name", alert.name},
          {"quantity", alert.quantity},
          {kTimespan, alert.timespan_minutes},
          {"uptime", alert.uptime},
          {"recipients", recipients_json(alert.recipients, true)}};
}

json alert_json(const std::string& organization_slug, const Alert& alert) {
  return {{"kind", "alert"},
          {"organization_slug", organization_slug},
          {"project", alert.project},
          {"name", alert.name},
          {"id", alert.id},
          {"quantity", alert.quantity},
          {kTimespan, alert.timespan_minutes},
          {"uptime", alert.uptime},
          {"recipients", recipients_json(alert.recipients, false)}};
}

Alert alert_from_json(const json& json) {
  Alert alert;
  alert.project = text(json, "project");
  alert.name = text(json, "name");
  alert.id = text(json, "id");
  alert.quantity = fields::integer(json, "quantity", 1);
  alert.timespan_minutes = fields::integer(json, kTimespan, 1);
  alert.uptime = fields::flag(json, "uptime");
  alert.recipients = recipients_from(json);
  return alert;
}

json alert_snapshot_json(const Alert& alert) {
  json document = alert_json("", alert);
  for (const char* key : {"kind", "organization_slug"}) document.erase(key);
  return document;
}

Alert alert_from_snapshot_json(const std::string& key, const json& json) {
  Alert alert = alert_from_json(json);
  if (alert.project.empty() || alert.name.empty()) {
    const size_t slash = key.find('/');
    alert.project = key.substr(0, slash);
    alert.name = slash == std::string::npos ? "" : key.substr(slash + 1);
  }
  return alert;
}

std::string fingerprint(const Alert& alert) {
  json recipients = json::array();
  for (const AlertRecipient& recipient : recipient_set(alert.recipients)) {
    recipients.push_back({{"type", recipient.type}, {"sha256", recipient.url_sha256}});
  }
  return fingerprint_of({{"kind", "alert"},
                         {"project", alert.project},
                         {"name", alert.name},
                         {"quantity", alert.quantity},
                         {kTimespan, alert.timespan_minutes},
                         {"uptime", alert.uptime},
                         {"recipients", recipients}});
}

std::vector<std::string> differences(const Alert& recorded, const Alert& live) {
  std::vector<std::string> parts;
  if (recorded.quantity != live.quantity) {
    parts.push_back(fields::field_change("quantity", std::to_string(recorded.quantity),
                                         std::to_string(live.quantity)));
  }
  if (recorded.timespan_minutes != live.timespan_minutes) {
    parts.push_back(fields::field_change(kTimespan, std::to_string(recorded.timespan_minutes),
                                         std::to_string(live.timespan_minutes)));
  }
  if (recorded.uptime != live.uptime) {
    parts.push_back(fields::field_change("uptime", recorded.uptime ? "true" : "false",
                                         live.uptime ? "true" : "false"));
  }
  if (!same_recipients(recorded.recipients, live.recipients)) {
    parts.push_back("recipients changed: " +
                    recipient_change(recorded.recipients, live.recipients));
  }
  return parts;
}

Errors check_alert_capabilities(const Instance& desired, const Capabilities& capabilities,
                                const std::vector<Action>& actions, const std::string& server) {
  Errors errors;
  const std::vector<std::string>& types = capabilities.alert_recipient_types;
  for (const Action& action : actions) {
    if (action.instance != desired.name ||
        (action.type != ActionType::create_alert && action.type != ActionType::update_alert)) {
      continue;
    }
    const Alert alert = alert_from_json(action.after);
    for (const AlertRecipient& recipient : alert.recipients) {
      if (fields::contains(types, recipient.type)) continue;
      errors.push_back({action.address,
                        "recipients: type " + recipient.type + " is not accepted: " + server +
                            ", which takes " + fields::joined(types),
                        "use one of " + fields::joined(types) + " for this instance"});
    }
  }
  return errors;
}

Errors check_alert_duplicates(const Instance& desired, const Instance& live) {
  Errors errors;
  for (const auto& [name, organization] : desired.organizations) {
    const Organization* live_organization = nullptr;
    for (const auto& [slug, candidate] : live.organizations) {
      const bool same = organization.slug.empty() ? candidate.name == organization.name
                                                  : slug == organization.slug;
      if (same) live_organization = &candidate;
    }
    if (live_organization == nullptr) continue;
    for (const auto& [key, alert] : live_organization->alerts) {
      if (alert.duplicate_id.empty()) continue;
      const auto project = organization.projects.find(alert.project);
      if (project == organization.projects.end() || !project->second.alerts_declared) continue;
      errors.push_back(
          {Address::of_alert(desired.name, name, alert.project, alert.name).to_string(),
           "GlitchTip has two alerts named \"" + alert.name + "\" in project " + alert.project +
               " (ids " + alert.id + " and " + alert.duplicate_id +
               "), so the definitions cannot say which one they mean",
           "delete or rename one of them in GlitchTip, then plan again"});
    }
  }
  return errors;
}

std::vector<std::string> alert_addresses(const diff::Scope& scope, const Organization& live,
                                         const std::string& project) {
  std::vector<std::string> addresses;
  for (const auto& [key, alert] : live.alerts) {
    if (alert.project != project) continue;
    addresses.push_back(
        Address::of_alert(scope.instance, scope.organization, alert.project, alert.name)
            .to_string());
  }
  return addresses;
}

Address AlertKind::address(const std::string& instance, const std::string& organization,
                           const std::string& key) {
  const size_t slash = key.find('/');
  return Address::of_alert(instance, organization, key.substr(0, slash),
                           slash == std::string::npos ? "" : key.substr(slash + 1));
}

bool AlertKind::owns(ActionType type) {
  return type == ActionType::create_alert || type == ActionType::update_alert ||
         type == ActionType::delete_alert;
}

void AlertKind::plan(const diff::Scope& scope, const Organization& desired,
                     const Organization& live, Changes& changes) {
  for (const auto& [key, alert] : desired.alerts) {
    const auto found = live.alerts.find(key);
    if (found == live.alerts.end()) {
      Action action = alert_action(scope, ActionType::create_alert, alert);
      action.after = alert_fields(alert);
      action.precondition = kAbsent;
      action.reason = diff::kDeclared;
      changes.actions.push_back(std::move(action));
      continue;
    }
    const std::string reason = update_reason(found->second, alert);
    if (reason.empty()) continue;
    Action action = alert_action(scope, ActionType::update_alert, alert);
    action.before = alert_fields(found->second);
    action.after = alert_fields(alert);  // the full object: every recipient, always
    action.precondition = fingerprint(found->second);
    action.reason = reason;
    changes.actions.push_back(std::move(action));
  }
  for (const auto& [key, alert] : live.alerts) {
    if (desired.alerts.count(key) > 0) continue;
    const auto project = desired.projects.find(alert.project);
    // A project no longer declared takes its alerts along (its deletion's consequences);
    // a project declared without `alerts:` leaves them alone, and the plan says so.
    if (project == desired.projects.end()) continue;
    if (!project->second.alerts_declared) {
      changes.unmanaged.push_back(
          Address::of_alert(scope.instance, scope.organization, alert.project, alert.name)
              .to_string());
      continue;
    }
    Action action = alert_action(scope, ActionType::delete_alert, alert);
    action.before = alert_fields(alert);
    action.precondition = fingerprint(alert);
    action.reason =
        "not declared: the alerts of project " + alert.project + " are owned by its definition";
    changes.actions.push_back(std::move(action));
  }
}

std::string AlertKind::precondition_change(const Action& action, const Organization& live) {
  const Alert* alert = find_alert(live, action.project, action.alert);
  switch (action.type) {
    case ActionType::create_alert:
      return alert != nullptr ? "an alert with this name exists now" : "";
    case ActionType::update_alert:
    case ActionType::delete_alert:
      if (alert == nullptr) return "the alert no longer exists";
      if (fingerprint(*alert) == action.precondition) return {};
      return moved_fields(*alert, action.before);
    default:
      return {};
  }
}

std::string AlertKind::action_words(const Action& action) {
  std::string head = "alert " + action.alert + " of project " + action.project;
  switch (action.type) {
    case ActionType::create_alert:
      return head + ": " + alert_words(action.after);
    case ActionType::update_alert:
      return fields::with_detail(
          head, update_reason(alert_from_json(action.before), alert_from_json(action.after)), ": ");
    case ActionType::delete_alert:
      return head;
    default:
      return action.address;
  }
}

void AlertKind::record(Organization& organization, const Action& action,
                       const ActionOutcome& outcome, const State&) {
  const std::string key = alert_key(action.project, action.alert);
  switch (action.type) {
    case ActionType::create_alert: {
      Alert alert;
      alert.project = action.project;
      alert.name = action.alert;
      alert.id = outcome.id;
      take_fields(alert, action.after);
      organization.alerts[key] = std::move(alert);
      break;
    }
    case ActionType::update_alert: {
      Alert& alert = organization.alerts[key];
      alert.project = action.project;
      alert.name = action.alert;
      take_fields(alert, action.after);
      break;
    }
    case ActionType::delete_alert:
      organization.alerts.erase(key);
      break;
    default:
      break;
  }
}

}  // namespace gg
