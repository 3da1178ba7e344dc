#include "providers/export/access_groups.hpp"

#include <algorithm>

#include "planner/canonical_json.hpp"

namespace gg::exporting {
namespace {

constexpr size_t kMaxRoleName = 80;

std::string without_prefix(const std::string& text, const std::string& prefix) {
  if (text.size() > prefix.size() && text.starts_with(prefix)) return text.substr(prefix.size());
  return text;
}

std::string organization_part(const std::string& slug, Role role,
                              const std::vector<std::string>& teams) {
  std::string part = slug;
  if (role != Role::member || teams.empty()) part += "-" + std::string(to_string(role));
  for (const std::string& team : teams) part += "-" + without_prefix(team, slug + "-");
  return part;
}

std::string shortened(const std::string& name) {
  if (name.size() <= kMaxRoleName) return name;
  return name.substr(0, kMaxRoleName - 9) + "-" + sha256_hex(name).substr(0, 8);
}

}  // namespace

std::map<std::string, Access> access_by_person(const Instance& live) {
  std::map<std::string, Access> people;
  for (const auto& [slug, organization] : live.organizations) {
    for (const auto& [email, member] : organization.members) {
      people[email].organizations[slug] = member.role;
    }
    for (const auto& [team_slug, team] : organization.teams) {
      for (const std::string& email : team.members) {
        // A team member is always an organization member in GlitchTip; keep it so here too.
        people[email].organizations.try_emplace(slug, Role::member);
        people[email].teams.emplace(slug, team_slug);
      }
    }
  }
  return people;
}

std::string role_name_for(const Access& access) {
  std::string name;
  for (const auto& [slug, role] : access.organizations) {
    std::vector<std::string> teams;
    for (const auto& [organization, team] : access.teams) {
      if (organization == slug) teams.push_back(team);
    }
    if (!name.empty()) name += "+";
    name += organization_part(slug, role, teams);
  }
  return shortened(name);
}

std::vector<AccessGroup> group_by_access(const std::map<std::string, Access>& people) {
  std::map<Access, std::vector<std::string>> by_access;
  for (const auto& [email, access] : people) by_access[access].push_back(email);
  std::vector<AccessGroup> groups;
  std::set<std::string> taken;
  for (auto& [access, emails] : by_access) {
    const std::string base = role_name_for(access);
    std::string name = base;
    for (int n = 2; taken.contains(name); ++n) name = base + "-" + std::to_string(n);
    taken.insert(name);
    groups.push_back(AccessGroup{name, access, std::move(emails)});
  }
  std::sort(groups.begin(), groups.end(),
            [](const AccessGroup& a, const AccessGroup& b) { return a.role_name < b.role_name; });
  return groups;
}

}  // namespace gg::exporting
