// seed_world and dump_world: the JSON seed/dump format of emulator.hpp.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "tests/emulator/world.hpp"

namespace gg::emulator {

namespace {

using nlohmann::json;

const std::vector<std::string> kAllScopes = {
    "project:read", "project:write", "project:admin", "project:releases", "team:read", "team:write",
    "team:admin",   "event:read",    "event:write",   "event:admin",      "org:read",  "org:write",
    "org:admin",    "member:read",   "member:write",  "member:admin"};

Error seed_error(const std::string& where, const std::string& message) {
  return Error{"seed: " + where, message,
               "fix the seed file; its format is described in tests/emulator/README.md"};
}

// Reads an optional string field; a present field of another type is an error.
Result<std::optional<std::string>> optional_string(const json& object, const char* key,
                                                   const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::optional<std::string>{};
  if (!found->is_string()) return seed_error(where + "." + key, "must be a string");
  return std::optional<std::string>{found->get<std::string>()};
}

Result<std::string> required_string(const json& object, const char* key, const std::string& where) {
  auto value = optional_string(object, key, where);
  if (!value.ok()) return value.errors();
  if (!value->has_value() || (*value)->empty()) {
    return seed_error(where + "." + key, "is required and must be a non-empty string");
  }
  return **value;
}

Result<std::optional<Id>> optional_id(const json& object, const std::string& where) {
  const auto found = object.find("id");
  if (found == object.end() || found->is_null()) return std::optional<Id>{};
  if (found->is_number_integer()) return std::optional<Id>{found->get<Id>()};
  if (found->is_string()) {
    try {
      return std::optional<Id>{std::stoll(found->get<std::string>())};
    } catch (const std::exception&) {
    }
  }
  return seed_error(where + ".id", "must be a number or a string of digits");
}

// An entry's "id", refused when an earlier entry of its kind has it already (one seeded
// without an id takes the next free one): the later entry would silently overwrite it.
template <typename Object>
Result<std::optional<Id>> free_id(const std::map<Id, Object>& objects, const json& object,
                                  const std::string& where) {
  Result<std::optional<Id>> id = optional_id(object, where);
  if (!id.ok() || !id->has_value() || objects.count(**id) == 0) return id;
  return seed_error(where + ".id", std::to_string(**id) +
                                       " is taken by an earlier entry (entries without an id "
                                       "are numbered from 1): give every entry an id, or none");
}

const json& array_field(const json& object, const char* key) {
  static const json empty = json::array();
  const auto found = object.find(key);
  return found == object.end() || found->is_null() ? empty : *found;
}

Status check_array(const json& value, const std::string& where) {
  if (!value.is_array()) return seed_error(where, "must be an array");
  return {};
}

template <typename Object>
Object& place(std::map<Id, Object>& objects, Id& next, std::optional<Id> wanted, Id fresh) {
  const Id id = wanted.value_or(fresh);
  if (wanted) {
    auto node = objects.extract(fresh);
    node.key() = id;
    node.mapped().id = id;
    objects.insert(std::move(node));
    next = std::max(next, id + 1);
  }
  return objects.at(id);
}

Result<std::optional<int64_t>> optional_integer(const json& object, const char* key,
                                                const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::optional<int64_t>{};
  if (!found->is_number_integer()) return seed_error(where + "." + key, "must be an integer");
  return std::optional<int64_t>{found->get<int64_t>()};
}

Status seed_keys(World& world, Project& project, const json& keys, const std::string& where) {
  if (auto ok = check_array(keys, where); !ok) return ok;
  project.keys.clear();  // the seed's keys replace the one every new project gets
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = keys[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto label = optional_string(entry, "label", at);
    if (!label.ok()) return label.errors();
    auto id = optional_string(entry, "id", at);
    if (!id.ok()) return id.errors();
    ProjectKey& key = world.add_key(project, label->value_or(""));
    if (id->has_value()) {
      std::string hex = lower(**id);
      std::erase(hex, '-');
      if (hex.size() != 32 || hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return seed_error(at + ".id", "must be 32 hex digits or a dashed UUID");
      }
      key.hex = hex;
    }
    const auto rate = entry.find("rateLimit");
    if (rate != entry.end() && !rate->is_null()) {
      auto window = optional_integer(*rate, "window", at + ".rateLimit");
      if (!window.ok()) return window.errors();
      auto count = optional_integer(*rate, "count", at + ".rateLimit");
      if (!count.ok()) return count.errors();
      if (!window->has_value() || !count->has_value()) {
        return seed_error(at + ".rateLimit", "needs the integers window and count");
      }
      key.rate_limit = RateLimit{**window, **count};
    }
  }
  return {};
}

Status seed_recipients(World& world, Alert& alert, const json& recipients,
                       const std::string& where) {
  if (auto ok = check_array(recipients, where); !ok) return ok;
  for (size_t i = 0; i < recipients.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = recipients[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto type = required_string(entry, "recipientType", at);
    if (!type.ok()) return type.errors();
    auto url = optional_string(entry, "url", at);
    if (!url.ok()) return url.errors();
    auto id = optional_id(entry, at);
    if (!id.ok()) return id.errors();
    const Id recipient = id->value_or(world.next_recipient);
    world.next_recipient = std::max(world.next_recipient, recipient + 1);
    alert.recipients.push_back(AlertRecipient{recipient, *type, url->value_or("")});
  }
  std::sort(alert.recipients.begin(), alert.recipients.end(),
            [](const AlertRecipient& a, const AlertRecipient& b) { return a.id < b.id; });
  return {};
}

Status seed_alerts(World& world, Project& project, const json& alerts, const std::string& where) {
  if (auto ok = check_array(alerts, where); !ok) return ok;
  for (size_t i = 0; i < alerts.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = alerts[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto name = optional_string(entry, "name", at);
    if (!name.ok()) return name.errors();
    auto timespan = optional_integer(entry, "timespanMinutes", at);
    if (!timespan.ok()) return timespan.errors();
    auto quantity = optional_integer(entry, "quantity", at);
    if (!quantity.ok()) return quantity.errors();
    auto id = free_id(world.alerts, entry, at);
    if (!id.ok()) return id.errors();
    const Id fresh = world.create_alert(project).id;
    Alert& alert = place(world.alerts, world.next_alert, *id, fresh);
    project.alerts.erase(fresh);
    project.alerts.insert(alert.id);
    alert.name = name->value_or("");
    alert.timespan_minutes = *timespan;
    alert.quantity = *quantity;
    alert.uptime = entry.value("uptime", false);
    if (auto ok =
            seed_recipients(world, alert, array_field(entry, "recipients"), at + ".recipients");
        !ok)
      return ok;
  }
  return {};
}

Status seed_monitors(World& world, Organization& org, const json& monitors,
                     const std::string& where) {
  if (auto ok = check_array(monitors, where); !ok) return ok;
  for (size_t i = 0; i < monitors.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = monitors[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto name = required_string(entry, "name", at);
    if (!name.ok()) return name.errors();
    auto type = optional_string(entry, "monitorType", at);
    if (!type.ok()) return type.errors();
    auto url = optional_string(entry, "url", at);
    if (!url.ok()) return url.errors();
    auto body = optional_string(entry, "expectedBody", at);
    if (!body.ok()) return body.errors();
    auto project = optional_string(entry, "project", at);
    if (!project.ok()) return project.errors();
    auto endpoint = optional_string(entry, "endpointId", at);
    if (!endpoint.ok()) return endpoint.errors();
    auto status = optional_integer(entry, "expectedStatus", at);
    if (!status.ok()) return status.errors();
    auto interval = optional_integer(entry, "interval", at);
    if (!interval.ok()) return interval.errors();
    auto timeout = optional_integer(entry, "timeout", at);
    if (!timeout.ok()) return timeout.errors();
    auto id = free_id(world.monitors, entry, at);
    if (!id.ok()) return id.errors();
    std::optional<Id> linked;
    if (project->has_value()) {
      const Project* found = world.project(org, **project);
      if (found == nullptr) {
        return seed_error(at + ".project",
                          "names '" + **project + "', which is not a project of the organization");
      }
      linked = found->id;
    }
    const Id fresh = world.create_monitor(org).id;
    Monitor& monitor = place(world.monitors, world.next_monitor, *id, fresh);
    org.monitors.erase(fresh);
    org.monitors.insert(monitor.id);
    monitor.name = *name;
    monitor.type = type->value_or("GET");
    monitor.url = url->value_or("");
    monitor.expected_body = body->value_or("");
    monitor.expected_status =
        entry.contains("expectedStatus") ? *status : std::optional<int64_t>(200);
    monitor.interval = interval->value_or(60);
    monitor.timeout = *timeout;
    monitor.project = linked;
    if (monitor.type == "Heartbeat") {
      monitor.endpoint = endpoint->has_value() ? **endpoint : world.random_uuid();
    } else {
      monitor.checks.push_back(MonitorCheck{false, world.stamp(), 5});
    }
  }
  return {};
}

Status seed_users(World& world, const json& users) {
  if (auto ok = check_array(users, "users"); !ok) return ok;
  for (size_t i = 0; i < users.size(); ++i) {
    const std::string where = "users[" + std::to_string(i) + "]";
    const json& entry = users[i];
    if (!entry.is_object()) return seed_error(where, "must be an object");
    auto email = required_string(entry, "email", where);
    if (!email.ok()) return email.errors();
    auto token = optional_string(entry, "token", where);
    if (!token.ok()) return token.errors();
    if (!token->has_value()) {
      token = optional_string(entry, "test_token", where);
      if (!token.ok()) return token.errors();
    }
    auto id = free_id(world.users, entry, where);
    if (!id.ok()) return id.errors();
    const bool superuser = entry.value("superuser", false);
    User& created = world.add_user(*email, superuser);
    const Id fresh = created.id;
    User& user = place(world.users, world.next_user, *id, fresh);
    world.user_by_email[lower(user.email)] = user.id;
    if (token->has_value()) {
      std::vector<std::string> scopes = kAllScopes;
      if (entry.contains("scopes")) {
        if (!entry["scopes"].is_array()) return seed_error(where + ".scopes", "must be an array");
        scopes.clear();
        for (const json& scope : entry["scopes"]) {
          if (!scope.is_string()) return seed_error(where + ".scopes", "must hold strings");
          scopes.push_back(scope.get<std::string>());
        }
      }
      world.tokens[**token] = Token{**token, user.id, scopes};
    }
  }
  return {};
}

Status seed_members(World& world, Organization& org, const json& members,
                    const std::string& where) {
  if (auto ok = check_array(members, where); !ok) return ok;
  bool has_primary_owner = false;
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = members[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto email = required_string(entry, "email", at);
    if (!email.ok()) return email.errors();
    auto role_text = optional_string(entry, "role", at);
    if (!role_text.ok()) return role_text.errors();
    const auto role = parse_role(role_text->value_or("member"));
    if (!role) return seed_error(at + ".role", "must be one of member, admin, manager, owner");
    auto id = free_id(world.members, entry, at);
    if (!id.ok()) return id.errors();
    const bool pending = entry.value("pending", false);
    std::optional<Id> user;
    if (!pending) {
      const auto found = world.user_by_email.find(lower(*email));
      user = found != world.user_by_email.end() ? found->second : world.add_user(*email, false).id;
    }
    Member& created = world.add_member(org, *email, *role, user);
    const Id fresh = created.id;
    Member& member = place(world.members, world.next_member, *id, fresh);
    org.members.erase(fresh);
    org.members.insert(member.id);
    if (user) org.member_by_user[*user] = member.id;
    if (*role == Role::owner && !has_primary_owner) {
      member.primary_owner = true;
      has_primary_owner = true;
    }
  }
  return {};
}

Member* member_by_email(World& world, const Organization& org, const std::string& email) {
  for (const Id id : org.members) {
    Member& member = world.members.at(id);
    if (lower(member.email) == lower(email)) return &member;
  }
  return nullptr;
}

Status seed_teams(World& world, Organization& org, const json& teams, const std::string& where) {
  if (auto ok = check_array(teams, where); !ok) return ok;
  for (size_t i = 0; i < teams.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = teams[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto slug = required_string(entry, "slug", at);
    if (!slug.ok()) return slug.errors();
    if (org.team_by_slug.count(*slug)) return seed_error(at + ".slug", "repeats '" + *slug + "'");
    auto id = free_id(world.teams, entry, at);
    if (!id.ok()) return id.errors();
    const Id fresh = world.create_team(org, *slug).id;
    Team& team = place(world.teams, world.next_team, *id, fresh);
    org.teams.erase(fresh);
    org.teams.insert(team.id);
    org.team_by_slug[*slug] = team.id;
    const json& emails = array_field(entry, "members");
    if (auto ok = check_array(emails, at + ".members"); !ok) return ok;
    for (const json& email : emails) {
      Member* member =
          email.is_string() ? member_by_email(world, org, email.get<std::string>()) : nullptr;
      if (member == nullptr) {
        return seed_error(at + ".members",
                          "names " + email.dump() + ", which is not a member of the organization");
      }
      world.join_team(*member, team);
    }
  }
  return {};
}

Status seed_projects(World& world, Organization& org, const json& projects,
                     const std::string& where) {
  if (auto ok = check_array(projects, where); !ok) return ok;
  for (size_t i = 0; i < projects.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const json& entry = projects[i];
    if (!entry.is_object()) return seed_error(at, "must be an object");
    auto name = required_string(entry, "name", at);
    if (!name.ok()) return name.errors();
    auto slug = optional_string(entry, "slug", at);
    if (!slug.ok()) return slug.errors();
    auto platform = optional_string(entry, "platform", at);
    if (!platform.ok()) return platform.errors();
    auto id = free_id(world.projects, entry, at);
    if (!id.ok()) return id.errors();
    const Id fresh = world.create_project(org, *name, false).id;
    Project& project = place(world.projects, world.next_project, *id, fresh);
    org.projects.erase(fresh);
    org.projects.insert(project.id);
    if (slug->has_value()) world.rename_project(project, **slug);
    org.project_by_slug[project.slug] = project.id;
    project.platform = *platform;
    project.event_throttle_rate = entry.value("eventThrottleRate", 0);
    const json& team_slugs = array_field(entry, "teams");
    if (auto ok = check_array(team_slugs, at + ".teams"); !ok) return ok;
    for (const json& team_slug : team_slugs) {
      Team* team = team_slug.is_string() ? world.team(org, team_slug.get<std::string>()) : nullptr;
      if (team == nullptr) {
        return seed_error(at + ".teams", "names " + team_slug.dump() +
                                             ", which is not a team of the organization");
      }
      world.attach_team(project, *team);
    }
    if (entry.contains("keys")) {
      if (auto ok = seed_keys(world, project, array_field(entry, "keys"), at + ".keys"); !ok)
        return ok;
    }
    if (auto ok = seed_alerts(world, project, array_field(entry, "alerts"), at + ".alerts"); !ok)
      return ok;
  }
  return {};
}

Status seed_organizations(World& world, const json& organizations) {
  if (auto ok = check_array(organizations, "organizations"); !ok) return ok;
  for (size_t i = 0; i < organizations.size(); ++i) {
    const std::string where = "organizations[" + std::to_string(i) + "]";
    const json& entry = organizations[i];
    if (!entry.is_object()) return seed_error(where, "must be an object");
    auto name = required_string(entry, "name", where);
    if (!name.ok()) return name.errors();
    auto slug = optional_string(entry, "slug", where);
    if (!slug.ok()) return slug.errors();
    if (slug->has_value() && world.organization_by_slug.count(**slug)) {
      return seed_error(where + ".slug", "repeats '" + **slug + "'");
    }
    auto id = free_id(world.organizations, entry, where);
    if (!id.ok()) return id.errors();
    const Id fresh = world.create_organization(*name, SlugSuffix::sequential, false).id;
    Organization& org = place(world.organizations, world.next_organization, *id, fresh);
    world.organization_by_slug.erase(org.slug);
    if (slug->has_value()) org.slug = **slug;
    world.organization_by_slug[org.slug] = org.id;
    if (auto ok = seed_members(world, org, array_field(entry, "members"), where + ".members"); !ok)
      return ok;
    if (auto ok = seed_teams(world, org, array_field(entry, "teams"), where + ".teams"); !ok)
      return ok;
    if (auto ok = seed_projects(world, org, array_field(entry, "projects"), where + ".projects");
        !ok)
      return ok;
    if (auto ok = seed_monitors(world, org, array_field(entry, "monitors"), where + ".monitors");
        !ok)
      return ok;
  }
  return {};
}

json optional_number(const std::optional<int64_t>& value) {
  return value ? json(*value) : json();
}

json dump_keys(const Project& project) {
  json keys = json::array();
  for (const ProjectKey& key : project.keys) {
    keys.push_back({{"id", key.hex},
                    {"label", key.label},
                    {"rateLimit", key.rate_limit ? json{{"window", key.rate_limit->window},
                                                        {"count", key.rate_limit->count}}
                                                 : json()}});
  }
  return keys;
}

json dump_alerts(const World& world, const Project& project) {
  json alerts = json::array();
  for (const Id id : project.alerts) {
    const Alert& alert = world.alerts.at(id);
    json recipients = json::array();
    for (const AlertRecipient& recipient : alert.recipients) {
      recipients.push_back(
          {{"id", recipient.id}, {"recipientType", recipient.type}, {"url", recipient.url}});
    }
    alerts.push_back({{"id", alert.id},
                      {"name", alert.name},
                      {"timespanMinutes", optional_number(alert.timespan_minutes)},
                      {"quantity", optional_number(alert.quantity)},
                      {"uptime", alert.uptime},
                      {"recipients", recipients}});
  }
  return alerts;
}

json dump_monitor(const World& world, const Monitor& monitor) {
  return {{"id", monitor.id},
          {"name", monitor.name},
          {"monitorType", monitor.type},
          {"url", monitor.url},
          {"expectedStatus", optional_number(monitor.expected_status)},
          {"expectedBody", monitor.expected_body},
          {"interval", monitor.interval},
          {"timeout", optional_number(monitor.timeout)},
          {"project", monitor.project ? json(world.projects.at(*monitor.project).slug) : json()},
          {"endpointId", monitor.endpoint ? json(*monitor.endpoint) : json()}};
}

}  // namespace

Status seed_world(World& world, const json& seed) {
  World fresh;
  fresh.random = world.random;
  if (!seed.is_object()) return seed_error("(top level)", "must be a JSON object");
  if (auto ok = seed_users(fresh, array_field(seed, "users")); !ok) return ok;
  if (auto ok = seed_organizations(fresh, array_field(seed, "organizations")); !ok) return ok;
  world = std::move(fresh);
  return {};
}

json dump_world(const World& world) {
  json users = json::array();
  for (const auto& [value, token] : world.tokens) {
    const User& user = world.users.at(token.user);
    users.push_back({{"id", std::to_string(user.id)},
                     {"email", user.email},
                     {"token", value},
                     {"scopes", token.scopes},
                     {"superuser", user.superuser}});
  }
  json organizations = json::array();
  for (const auto& [id, org] : world.organizations) {
    json members = json::array();
    for (const Id member_id : org.members) {
      const Member& member = world.members.at(member_id);
      members.push_back({{"id", member.id},
                         {"email", member.email},
                         {"role", role_id(member.role)},
                         {"pending", !member.user.has_value()}});
    }
    json teams = json::array();
    for (const Id team_id : org.teams) {
      const Team& team = world.teams.at(team_id);
      json emails = json::array();
      for (const Id member : team.members) emails.push_back(world.members.at(member).email);
      teams.push_back({{"id", std::to_string(team.id)}, {"slug", team.slug}, {"members", emails}});
    }
    json projects = json::array();
    for (const Id project_id : org.projects) {
      const Project& project = world.projects.at(project_id);
      json team_slugs = json::array();
      for (const Id team : project.teams) team_slugs.push_back(world.teams.at(team).slug);
      projects.push_back({{"id", std::to_string(project.id)},
                          {"name", project.name},
                          {"slug", project.slug},
                          {"platform", project.platform ? json(*project.platform) : json()},
                          {"eventThrottleRate", project.event_throttle_rate},
                          {"teams", team_slugs},
                          {"keys", dump_keys(project)},
                          {"alerts", dump_alerts(world, project)}});
    }
    json monitors = json::array();
    for (const Id monitor_id : org.monitors)
      monitors.push_back(dump_monitor(world, world.monitors.at(monitor_id)));
    organizations.push_back({{"id", org.id},
                             {"name", org.name},
                             {"slug", org.slug},
                             {"members", members},
                             {"teams", teams},
                             {"projects", projects},
                             {"monitors", monitors}});
  }
  return {{"users", users}, {"organizations", organizations}};
}

}  // namespace gg::emulator
