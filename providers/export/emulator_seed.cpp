#include "providers/export/emulator_seed.hpp"

#include "planner/canonical_json.hpp"

namespace gg::exporting {
namespace {

using nlohmann::json;

std::string spelled(const std::map<std::string, std::string>& spellings, const std::string& email) {
  const auto found = spellings.find(email);
  return found == spellings.end() ? email : found->second;
}

// A project's alerts as the emulator seeds them. GlitchTip never shows a webhook's URL, so
// the copy gets one on the same host that says so: its definitions (which name a variable,
// never the URL) come out the same.
json alerts_seed(const Organization& organization, const std::string& project) {
  json alerts = json::array();
  for (const auto& [name, alert] : organization.alerts) {
    if (alert.project != project) continue;
    json recipients = json::array();
    for (const AlertRecipient& recipient : alert.recipients) {
      std::string url;
      if (!recipient.url_shown.empty()) {
        url = recipient.url_shown.substr(0, recipient.url_shown.find("\xE2\x80\xA6")) +
              "url-not-shown-by-glitchtip";
      }
      recipients.push_back({{"recipientType", recipient.type}, {"url", url}});
    }
    alerts.push_back({{"name", alert.name},
                      {"quantity", alert.quantity},
                      {"timespanMinutes", alert.timespan_minutes},
                      {"uptime", alert.uptime},
                      {"recipients", recipients}});
  }
  return alerts;
}

json monitors_seed(const Organization& organization) {
  json monitors = json::array();
  for (const auto& [name, monitor] : organization.monitors) {
    json entry = {{"name", monitor.name},
                  {"monitorType", monitor.type},
                  {"url", monitor.url},
                  {"interval", monitor.interval},
                  {"expectedStatus", monitor.expected_status},
                  {"expectedBody", monitor.expected_body}};
    if (monitor.timeout > 0) entry["timeout"] = monitor.timeout;
    if (!monitor.project.empty()) entry["project"] = monitor.project;
    monitors.push_back(std::move(entry));
  }
  return monitors;
}

json organization_seed(const Organization& organization, const std::string& automation,
                       const std::map<std::string, std::string>& spellings) {
  json members = json::array({{{"email", automation}, {"role", "owner"}, {"pending", false}}});
  for (const auto& [email, member] : organization.members) {
    members.push_back({{"email", spelled(spellings, email)},
                       {"role", std::string(to_string(member.role))},
                       {"pending", member.pending}});
  }
  json teams = json::array();
  for (const auto& [slug, team] : organization.teams) {
    json emails = json::array({automation});
    for (const std::string& email : team.members) emails.push_back(spelled(spellings, email));
    teams.push_back({{"slug", slug}, {"members", emails}});
  }
  json projects = json::array();
  for (const auto& [slug, project] : organization.projects) {
    json entry = {{"name", project.name},
                  {"slug", slug},
                  {"teams", project.teams},
                  {"eventThrottleRate", project.event_throttle_rate}};
    if (!project.platform.empty()) entry["platform"] = project.platform;
    if (json alerts = alerts_seed(organization, slug); !alerts.empty()) entry["alerts"] = alerts;
    projects.push_back(std::move(entry));
  }
  json seed = {
      {"name", organization.name}, {"members", members}, {"teams", teams}, {"projects", projects}};
  if (json monitors = monitors_seed(organization); !monitors.empty()) seed["monitors"] = monitors;
  return seed;
}

}  // namespace

std::string emulator_test_token(const std::string& label) {
  return sha256_hex("glitchtip-emulator test token: " + label);
}

json emulator_seed(const Instance& live, const std::string& automation_user_email,
                   const std::map<std::string, std::string>& email_spellings) {
  json organizations = json::array();
  for (const auto& [slug, organization] : live.organizations) {
    json entry = organization_seed(organization, automation_user_email, email_spellings);
    entry["slug"] = slug;
    organizations.push_back(std::move(entry));
  }
  return {{"users", json::array({{{"email", automation_user_email},
                                  {"test_token", emulator_test_token(live.name)}}})},
          {"organizations", organizations}};
}

}  // namespace gg::exporting
