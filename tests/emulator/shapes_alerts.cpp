// Shapes of the objects that hang off projects and organizations: DSN keys, project alerts and
// uptime monitors, as each API generation sends them (docs/glitchtip-api.md §12).
#include <cstdio>

#include "tests/emulator/shapes.hpp"

namespace gg::emulator {

namespace {

using nlohmann::json;

// Django's duration_string: "HH:MM:SS", with "D " in front from one day on.
std::string duration_string(int64_t seconds) {
  const int64_t days = seconds / 86400;
  const int64_t rest = seconds % 86400;
  char text[48];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
  return days > 0 ? std::to_string(days) + " " + text : std::string(text);
}

json optional_number(const std::optional<int64_t>& value) {
  return value ? json(*value) : json();
}

}  // namespace

json Shapes::key(const Project& project, const ProjectKey& key) const {
  const std::string base = base_url_.empty() ? "http://" + host_ : base_url_;
  const size_t scheme_end = base.find("://");
  const std::string scheme = base.substr(0, scheme_end);
  const std::string host = base.substr(scheme_end + 3);
  const std::string project_id = std::to_string(project.id);
  const std::string dsn = scheme + "://" + key.hex + "@" + host + "/" + project_id;
  json out = {{"dateCreated", timestamp(key.created)},
              {"dsn",
               {{"public", dsn},
                {"secret", dsn},
                {"security", base + "/api/" + project_id + "/security/?glitchtip_key=" + key.hex}}},
              {"label", key.label}};
  if (features_.ninja()) {
    out["id"] = dashed_uuid(key.hex);
    out["public"] = dashed_uuid(key.hex);
    out["name"] = key.label;
    out["rateLimit"] =
        key.rate_limit ? json{{"window", key.rate_limit->window}, {"count", key.rate_limit->count}}
                       : json();
    out["projectID"] = project.id;
  } else {
    out["id"] = key.hex;
    out["public"] = key.hex;
    out["projectId"] = project.id;
  }
  return out;
}

json Shapes::alert(const Alert& alert) const {
  const char* id = features_.ninja() ? "id" : "pk";
  json recipients = json::array();
  for (const AlertRecipient& recipient : alert.recipients) {
    recipients.push_back(
        {{id, recipient.id}, {"recipientType", recipient.type}, {"url", recipient.url}});
  }
  return {{id, alert.id},
          {"name", alert.name},
          {features_.ninja() ? "timespanMinutes" : "timespan_minutes",
           optional_number(alert.timespan_minutes)},
          {"quantity", optional_number(alert.quantity)},
          {"uptime", alert.uptime},
          {"alertRecipients", recipients}};
}

json Shapes::monitor(const Monitor& monitor, MonitorView view) const {
  const bool ninja = features_.ninja();
  const Organization& org = world_.organizations.at(monitor.organization);
  const Project* project = monitor.project ? &world_.projects.at(*monitor.project) : nullptr;
  json checks = json::array();
  for (const MonitorCheck& check : monitor.checks) {
    json item = {
        {"isUp", check.is_up}, {"startCheck", timestamp(check.start)}, {"reason", check.reason}};
    if (!ninja || view == MonitorView::detail) item["responseTime"] = nullptr;
    checks.push_back(item);
  }
  const json is_up = monitor.checks.empty() || (!ninja && view == MonitorView::created)
                         ? json()
                         : json(monitor.checks.front().is_up);
  // ninja reports when the state last changed: with every check down, the first check.
  const json last_change = ninja && !monitor.checks.empty()
                               ? json(timestamp_micros(monitor.checks.back().start))
                               : json();
  const json heartbeat =
      monitor.endpoint
          ? json((base_url_.empty() ? "http://" + host_ : base_url_) + "/api/0/organizations/" +
                 org.slug + "/heartbeat_check/" + *monitor.endpoint + "/")
          : json();
  json out = {{"id", monitor.id},
              {"monitorType", monitor.type},
              {"created", timestamp(monitor.created)},
              {"checks", checks},
              {"name", monitor.name},
              {"url", monitor.url},
              {"expectedStatus", optional_number(monitor.expected_status)},
              {"isUp", is_up},
              {"lastChange", last_change},
              {"heartbeatEndpoint", heartbeat},
              {"projectName", project ? json(project->name) : json()},
              {"envName", nullptr}};
  if (ninja) {
    out["endpointID"] = monitor.endpoint ? json(*monitor.endpoint) : json();
    out["expectedBody"] = monitor.expected_body;
    out["environmentID"] = nullptr;
    out["projectID"] = project ? json(std::to_string(project->id)) : json();
    out["organizationID"] = org.id;
    out["interval"] = monitor.interval;
    out["timeout"] = optional_number(monitor.timeout);
  } else {
    out["endpoint_id"] = monitor.endpoint ? json(*monitor.endpoint) : json();
    out["expected_body"] = monitor.expected_body;
    out["environment"] = nullptr;
    out["project"] = project ? json(project->id) : json();
    out["organization"] = org.id;
    out["interval"] = duration_string(monitor.interval);
  }
  return out;
}

}  // namespace gg::emulator
