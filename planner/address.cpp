#include "planner/address.hpp"

#include <vector>

namespace gg {
namespace {

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    parts.emplace_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

}  // namespace

Address Address::of_instance(std::string instance) {
  return {Kind::instance, std::move(instance), {}, {}, {}};
}
Address Address::of_organization(std::string instance, std::string organization) {
  return {Kind::organization, std::move(instance), std::move(organization), {}, {}};
}
Address Address::of_team(std::string instance, std::string organization, std::string team) {
  return {Kind::team, std::move(instance), std::move(organization), std::move(team), {}};
}
Address Address::of_project(std::string instance, std::string organization, std::string project) {
  return {Kind::project, std::move(instance), std::move(organization), std::move(project), {}};
}
Address Address::of_member(std::string instance, std::string organization, std::string email) {
  return {Kind::member, std::move(instance), std::move(organization), std::move(email), {}};
}
Address Address::of_team_member(std::string instance, std::string organization, std::string team,
                                std::string email) {
  return {Kind::team_member, std::move(instance), std::move(organization), std::move(team),
          std::move(email)};
}
Address Address::of_project_team(std::string instance, std::string organization,
                                 std::string project, std::string team) {
  return {Kind::project_team, std::move(instance), std::move(organization), std::move(project),
          std::move(team)};
}

Address Address::of_monitor(std::string instance, std::string organization, std::string name) {
  return {Kind::monitor, std::move(instance), std::move(organization), std::move(name), {}};
}

Address Address::of_alert(std::string instance, std::string organization, std::string project,
                          std::string name) {
  return {Kind::alert, std::move(instance), std::move(organization), std::move(project),
          std::move(name)};
}

Address Address::of_key(std::string instance, std::string organization, std::string project,
                        std::string label) {
  return {Kind::key, std::move(instance), std::move(organization), std::move(project),
          std::move(label)};
}

std::string Address::to_string() const {
  switch (kind) {
    case Kind::instance:
      return instance;
    case Kind::organization:
      return instance + "/" + organization;
    case Kind::team:
      return instance + "/" + organization + "/team/" + object;
    case Kind::project:
      return instance + "/" + organization + "/project/" + object;
    case Kind::member:
      return instance + "/" + organization + "/member/" + object;
    case Kind::team_member:
      return instance + "/" + organization + "/team/" + object + "/member/" + child;
    case Kind::project_team:
      return instance + "/" + organization + "/project/" + object + "/team/" + child;
    case Kind::monitor:
      return instance + "/" + organization + "/monitor/" + object;
    case Kind::alert:
      return instance + "/" + organization + "/project/" + object + "/alert/" + child;
    case Kind::key:
      return instance + "/" + organization + "/project/" + object + "/key/" + child;
  }
  return instance;
}

std::optional<Address> Address::parse(std::string_view text) {
  const std::vector<std::string> parts = split(text);
  if (parts.size() >= 6 && parts[2] == "project" && parts[4] == "key" && !parts[0].empty() &&
      !parts[1].empty() && !parts[3].empty()) {  // keys: the label is the rest, maybe ""
    const size_t label = text.find("/key/") + 5;
    return of_key(parts[0], parts[1], parts[3], std::string(text.substr(label)));
  }
  for (const std::string& part : parts) {
    if (part.empty()) return std::nullopt;
  }
  if (parts.size() == 1) return of_instance(parts[0]);
  if (parts.size() == 2) return of_organization(parts[0], parts[1]);
  if (parts.size() == 4) {
    if (parts[2] == "team") return of_team(parts[0], parts[1], parts[3]);
    if (parts[2] == "project") return of_project(parts[0], parts[1], parts[3]);
    if (parts[2] == "member") return of_member(parts[0], parts[1], parts[3]);
    if (parts[2] == "monitor") return of_monitor(parts[0], parts[1], parts[3]);
    return std::nullopt;
  }
  if (parts.size() == 6) {
    if (parts[2] == "team" && parts[4] == "member") {
      return of_team_member(parts[0], parts[1], parts[3], parts[5]);
    }
    if (parts[2] == "project" && parts[4] == "team") {
      return of_project_team(parts[0], parts[1], parts[3], parts[5]);
    }
    if (parts[2] == "project" && parts[4] == "alert") {
      return of_alert(parts[0], parts[1], parts[3], parts[5]);
    }
  }
  return std::nullopt;
}

bool Address::contains(const Address& other) const {
  if (instance != other.instance) return false;
  if (kind == Kind::instance) return true;
  if (organization != other.organization) return false;
  if (kind == Kind::organization) return true;
  if (*this == other) return true;
  if (kind == Kind::team) {
    return other.kind == Kind::team_member && other.object == object;
  }
  if (kind == Kind::project) {
    return (other.kind == Kind::project_team || other.kind == Kind::alert ||
            other.kind == Kind::key) &&
           other.object == object;
  }
  if (kind == Kind::member) {
    return other.kind == Kind::team_member && other.child == object;
  }
  return false;
}

}  // namespace gg
