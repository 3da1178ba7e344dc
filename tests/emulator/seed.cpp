// seed_world and dump_world: the JSON seed/dump format of emulator.hpp.
#include <nlohmann/json.hpp>

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
    auto id = optional_id(entry, where);
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
    auto id = optional_id(entry, at);
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
    auto id = optional_id(entry, at);
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
    auto id = optional_id(entry, at);
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
    auto id = optional_id(entry, where);
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
  }
  return {};
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
                          {"teams", team_slugs}});
    }
    organizations.push_back({{"id", org.id},
                             {"name", org.name},
                             {"slug", org.slug},
                             {"members", members},
                             {"teams", teams},
                             {"projects", projects}});
  }
  return {{"users", users}, {"organizations", organizations}};
}

}  // namespace gg::emulator
