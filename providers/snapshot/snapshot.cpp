#include "providers/snapshot/snapshot.hpp"

#include <algorithm>

#include "planner/duplicate_json_key.hpp"

namespace gg {
namespace {

using nlohmann::json;

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

json team_to_json(const Team& team) {
  return {{"id", team.id}, {"members", sorted_unique(team.members)}};
}

json project_to_json(const Project& project) {
  json document = {{"id", project.id},
                   {"name", project.name},
                   {"platform", project.platform},
                   {"eventThrottleRate", project.event_throttle_rate},
                   {"teams", sorted_unique(project.teams)}};
  if (project.is_protected) document["protected"] = true;
  return document;
}

json member_to_json(const Member& member) {
  return {{"id", member.id},
          {"role", std::string(to_string(member.role))},
          {"pending", member.pending}};
}

json organization_to_json(const Organization& organization) {
  json teams = json::object();
  for (const auto& [slug, team] : organization.teams) teams[slug] = team_to_json(team);
  json projects = json::object();
  for (const auto& [slug, project] : organization.projects) {
    projects[slug] = project_to_json(project);
  }
  json members = json::object();
  for (const auto& [email, member] : organization.members) members[email] = member_to_json(member);
  json document = {{"id", organization.id},
                   {"name", organization.name},
                   {"teams", std::move(teams)},
                   {"projects", std::move(projects)},
                   {"members", std::move(members)}};
  // Written only when set, so that most snapshots never mention it.
  if (organization.is_protected) document["protected"] = true;
  return document;
}

Team team_from_json(const std::string& slug, const json& document) {
  Team team;
  team.slug = slug;
  team.id = document.at("id").get<std::string>();
  team.members = sorted_unique(document.at("members").get<std::vector<std::string>>());
  return team;
}

Project project_from_json(const std::string& slug, const json& document) {
  Project project;
  project.slug = slug;
  project.id = document.at("id").get<std::string>();
  project.name = document.at("name").get<std::string>();
  project.platform = document.at("platform").get<std::string>();
  project.event_throttle_rate = document.at("eventThrottleRate").get<int>();
  project.teams = sorted_unique(document.at("teams").get<std::vector<std::string>>());
  project.is_protected = document.value("protected", false);
  return project;
}

Member member_from_json(const std::string& email, const json& document) {
  Member member;
  member.email = email;
  member.id = document.at("id").get<std::string>();
  member.role = role_from_string(document.at("role").get<std::string>()).value_or(Role::member);
  member.pending = document.at("pending").get<bool>();
  return member;
}

Organization organization_from_json(const std::string& slug, const json& document) {
  Organization organization;
  organization.slug = slug;
  organization.id = document.at("id").get<std::string>();
  organization.name = document.at("name").get<std::string>();
  organization.is_protected = document.value("protected", false);
  for (const auto& [team_slug, team] : document.at("teams").items()) {
    organization.teams[team_slug] = team_from_json(team_slug, team);
  }
  for (const auto& [project_slug, project] : document.at("projects").items()) {
    organization.projects[project_slug] = project_from_json(project_slug, project);
  }
  for (const auto& [email, member] : document.at("members").items()) {
    organization.members[email] = member_from_json(email, member);
  }
  return organization;
}

std::string describe_version(const json& document) {
  const auto tool = document.find("tool_version");
  if (tool != document.end() && tool->is_string()) {
    return " (written by glitchtip-gitops " + tool->get<std::string>() + ")";
  }
  return "";
}

}  // namespace

json snapshot_to_json(const Snapshot& snapshot) {
  json instances = json::object();
  for (const auto& [name, instance] : snapshot.recorded.instances) {
    json organizations = json::object();
    for (const auto& [slug, organization] : instance.organizations) {
      organizations[slug] = organization_to_json(organization);
    }
    instances[name] = {{"organizations", std::move(organizations)}};
  }
  return {{"format_version", snapshot.format_version},
          {"lineage", snapshot.lineage},
          {"serial", snapshot.serial},
          {"tool_version", snapshot.tool_version},
          {"updated_at", snapshot.updated_at},
          {"last_operation", snapshot.last_operation},
          {"instances", std::move(instances)}};
}

Result<Snapshot> snapshot_from_json(const json& document, const std::string& where) {
  return snapshot_from_json(document, where, SnapshotSchema());
}

Result<Snapshot> snapshot_from_json(const json& document, const std::string& where,
                                    const SnapshotSchema& schema) {
  if (!document.is_object()) {
    return Error{where,
                 std::string("is not a snapshot: the document is a JSON ") + document.type_name() +
                     ", not an object",
                 ""};
  }
  const auto version = document.find("format_version");
  if (version != document.end() && version->is_number_integer() &&
      version->get<int64_t>() != kSnapshotFormatVersion) {
    return Error{where,
                 "has format_version " + std::to_string(version->get<int64_t>()) +
                     describe_version(document) + ", but this glitchtip-gitops (" +
                     GG_TOOL_VERSION + ") reads format_version " +
                     std::to_string(kSnapshotFormatVersion),
                 "run the glitchtip-gitops version that wrote it"};
  }
  if (Errors violations = schema.violations(document, where); !violations.empty()) {
    return violations;
  }
  Snapshot snapshot;
  snapshot.format_version = document.at("format_version").get<int>();
  snapshot.lineage = document.at("lineage").get<std::string>();
  snapshot.serial = document.at("serial").get<int64_t>();
  snapshot.tool_version = document.at("tool_version").get<std::string>();
  snapshot.updated_at = document.at("updated_at").get<std::string>();
  snapshot.last_operation = document.at("last_operation").get<std::string>();
  for (const auto& [name, instance_document] : document.at("instances").items()) {
    Instance& instance = snapshot.recorded.instances[name];
    instance.name = name;
    for (const auto& [slug, organization] : instance_document.at("organizations").items()) {
      instance.organizations[slug] = organization_from_json(slug, organization);
    }
  }
  return snapshot;
}

std::string snapshot_text(const Snapshot& snapshot) {
  return snapshot_to_json(snapshot).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Snapshot> snapshot_from_text(const std::string& text, const std::string& where) {
  return snapshot_from_text(text, where, SnapshotSchema());
}

Result<Snapshot> snapshot_from_text(const std::string& text, const std::string& where,
                                    const SnapshotSchema& schema) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error{where, "is empty (a write was cut short, or the file was truncated)", ""};
  }
  JsonDocument read;
  try {
    read = parse_json_noting_duplicate_key(text);
  } catch (const json::parse_error& error) {
    std::string message = error.what();
    if (const auto end = message.find("] ");
        message.rfind("[json.exception", 0) == 0 && end != std::string::npos) {
      message = message.substr(end + 2);
    }
    return Error{where, "is not valid JSON (" + message + ")", ""};
  } catch (const json::out_of_range&) {
    return Error{where, "holds a number too large to read", ""};
  }
  if (const auto& duplicate = read.duplicate) {
    return Error{where + ": " + *duplicate,
                 "gives this key twice, so a person reading the file and the tool would see "
                 "different values",
                 "glitchtip-gitops never writes such a file; it was edited by hand"};
  }
  return snapshot_from_json(read.value, where, schema);
}

}  // namespace gg
