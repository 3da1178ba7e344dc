#include "tests/emulator/shapes.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <tuple>

#include <range/v3/view/reverse.hpp>

namespace gg::emulator {

namespace {

using nlohmann::json;

// "1.2.3" as {1, 2, 3}; what is missing or not a number reads as 0.
std::tuple<int, int, int> parse_version(const std::string& version) {
  int parts[3] = {0, 0, 0};
  const char* at = version.data();
  const char* const end = version.data() + version.size();
  for (int& part : parts) {
    at = std::from_chars(at, end, part).ptr;
    if (at == end || *at != '.') break;
    ++at;
  }
  return {parts[0], parts[1], parts[2]};
}

const json kAvatar = {{"avatarType", ""}, {"avatarUuid", nullptr}};

json drf_roles() {
  static const char* kDescriptions[] = {
      "Members can view and act on events, as well as view most other data within the "
      "organization.",
      "Admin privileges on any teams of which they're a member. They can create new teams and "
      "projects, as well as remove teams and projects which they already hold membership on "
      "(or all teams, if open membership is on). Additionally, they can manage memberships of "
      "teams that they are members of.",
      "Gains admin access on all teams as well as the ability to add and remove members.",
      "Unrestricted access to the organization, its data, and its settings. Can add, modify, "
      "and delete projects and members, as well as make billing and plan changes."};
  json roles = json::array();
  for (const Role role : {Role::member, Role::admin, Role::manager, Role::owner}) {
    json entry = {{"id", role_id(role)},
                  {"name", role == Role::owner ? "Organization Owner" : role_title(role)},
                  {"desc", kDescriptions[static_cast<int>(role)]},
                  {"scopes", role_scopes(role)}};
    if (role >= Role::manager) entry["is_global"] = true;
    roles.push_back(entry);
  }
  return roles;
}

std::string format_time(Micros time, bool microseconds) {
  const std::time_t seconds = static_cast<std::time_t>(time / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[16];
  if (microseconds) {
    std::snprintf(fraction, sizeof fraction, ".%06dZ", static_cast<int>(time % 1000000));
  } else {
    std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(time % 1000000 / 1000));
  }
  return std::string(date) + fraction;
}

}  // namespace

Features features_for(const Options& options) {
  Features features;
  features.flavour = options.flavour;
  const bool ninja = options.flavour == Flavour::ninja;
  const auto version =
      parse_version(options.version.empty() ? (ninja ? "5.1.1" : "2.0.5") : options.version);
  const auto at_least = [&](int major, int minor, int patch) {
    return version >= std::make_tuple(major, minor, patch);
  };
  features.member_is_owner = ninja || at_least(3, 0, 5);
  features.event_throttle_rate = ninja || at_least(3, 4, 0);
  features.sequential_org_slugs = !ninja && !at_least(3, 1, 0);
  features.organizations_by_name = ninja || at_least(2, 0, 7);
  features.reserve_new_project = ninja || at_least(3, 3, 0);
  return features;
}

std::string Shapes::timestamp(Micros time) const {
  return format_time(time, !features_.ninja());  // ninja sends milliseconds
}

std::string Shapes::timestamp_micros(Micros time) const {
  return format_time(time, true);
}

bool Shapes::caller_in_team(const Team& team) const {
  const Organization& org = world_.organizations.at(team.organization);
  const auto member = org.member_by_user.find(caller_);
  return member != org.member_by_user.end() && team.members.count(member->second) > 0;
}

bool Shapes::caller_in_project(const Project& project) const {
  return std::any_of(project.teams.begin(), project.teams.end(),
                     [&](Id team) { return caller_in_team(world_.teams.at(team)); });
}

json Shapes::organization(const Organization& org) const {
  json out = {{"id", features_.ninja() ? json(std::to_string(org.id)) : json(org.id)},
              {"name", org.name},
              {"slug", org.slug},
              {"dateCreated", timestamp(org.created)},
              {"status", {{"id", "active"}, {"name", "active"}}},
              {"avatar", kAvatar},
              {"isEarlyAdopter", false},
              {"isAcceptingEvents", true}};
  if (features_.ninja()) {
    out["require2fa"] = false;
    out["eventThrottleRate"] = 0;
  } else {
    out["require2FA"] = false;
  }
  return out;
}

json Shapes::organization_detail(const Organization& org) const {
  json out = organization(org);
  json projects = json::array();
  for (const Id id : org.projects | ranges::views::reverse) {
    const Project& project = world_.projects.at(id);
    if (features_.ninja()) {
      projects.push_back(this->project(project, ProjectShape::with_teams));
    } else {
      projects.push_back({{"platform", project.platform ? json(*project.platform) : json()},
                          {"slug", project.slug},
                          {"id", std::to_string(project.id)},
                          {"name", project.name},
                          {"isMember", caller_in_project(project)}});
    }
  }
  json teams = json::array();
  for (const Id id : org.teams | ranges::views::reverse) {
    teams.push_back(team(world_.teams.at(id)));
  }
  out["projects"] = projects;
  out["teams"] = teams;
  out["openMembership"] = true;
  if (features_.ninja()) {
    const auto member = org.member_by_user.find(caller_);
    out["access"] = member == org.member_by_user.end()
                        ? json::array()
                        : json(role_scopes(world_.members.at(member->second).role));
  } else {
    out["scrubIPAddresses"] = true;
  }
  return out;
}

json Shapes::team(const Team& team, bool with_projects) const {
  json out = {{"id", std::to_string(team.id)},
              {"slug", team.slug},
              {"dateCreated", timestamp(team.created)},
              {"isMember", caller_in_team(team)},
              {"memberCount", team.members.size()}};
  if (with_projects) {
    json projects = json::array();
    for (const Id id : team.projects | ranges::views::reverse) {
      const Project& project = world_.projects.at(id);
      if (features_.ninja()) {
        json base = this->project(project, ProjectShape::base);
        base["isMember"] = false;
        projects.push_back(base);
      } else {
        projects.push_back({{"platform", project.platform ? json(*project.platform) : json()},
                            {"slug", project.slug},
                            {"id", std::to_string(project.id)},
                            {"name", project.name}});
      }
    }
    out["projects"] = projects;
  }
  return out;
}

json Shapes::project(const Project& project, ProjectShape shape) const {
  json out = {{"id", std::to_string(project.id)},
              {"name", project.name},
              {"slug", project.slug},
              {"platform", project.platform ? json(*project.platform) : json()},
              {"firstEvent", nullptr},
              {"scrubIPAddresses", true},
              {"dateCreated", timestamp(project.created)},
              {"avatar", kAvatar},
              {"color", ""},
              {"features", json::array()},
              {"hasAccess", true},
              {"isBookmarked", false},
              {"isInternal", false},
              {"isMember", caller_in_project(project)},
              {"isPublic", false}};
  if (features_.event_throttle_rate) out["eventThrottleRate"] = project.event_throttle_rate;
  json teams = json::array();
  for (const Id id : project.teams) {
    teams.push_back({{"id", std::to_string(id)}, {"slug", world_.teams.at(id).slug}});
  }
  const auto& org = world_.organizations.at(project.organization);
  if (!features_.ninja()) {  // DRF sends one shape everywhere
    out["organization"] = organization(org);
    out["teams"] = teams;
  } else if (shape == ProjectShape::with_teams) {
    out["teams"] = teams;
  } else if (shape == ProjectShape::with_organization) {
    out["organization"] = organization(org);
  }
  return out;
}

json Shapes::user(const User& user) const {
  json out = {{"id", std::to_string(user.id)},
              {"username", user.email},
              {"email", user.email},
              {"name", ""},
              {"lastLogin", nullptr},
              {"isSuperuser", user.superuser},
              {"isActive", true},
              {"dateJoined", timestamp(user.date_joined)},
              {"hasPasswordAuth", true},
              {"identities", json::array()}};
  if (features_.ninja()) {
    out["options"] = {{"timezone", nullptr},
                      {"stacktraceOrder", nullptr},
                      {"language", nullptr},
                      {"clock24Hours", nullptr},
                      {"preferredTheme", nullptr}};
  } else {
    out["options"] = json::object();
    out["emails"] = json::array();
  }
  return out;
}

json Shapes::member(const Member& member, bool detail) const {
  json out = {{"id", features_.ninja() ? json(std::to_string(member.id)) : json(member.id)},
              {"role", role_id(member.role)},
              {"roleName", role_title(member.role)},
              {"dateCreated", timestamp(member.created)},
              {"email", member.email},
              {"user", member.user ? user(world_.users.at(*member.user)) : json()},
              {"pending", !member.user.has_value()}};
  if (features_.member_is_owner) out["isOwner"] = member.primary_owner;
  if (detail) {
    json teams = json::array();
    for (const Id team : member.teams) teams.push_back(world_.teams.at(team).slug);
    out["teams"] = teams;
    if (!features_.ninja()) out["roles"] = drf_roles();
  }
  return out;
}

}  // namespace gg::emulator
