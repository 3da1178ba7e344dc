#include "tests/emulator/world.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>

#include "planner/slugify.hpp"

namespace gg::emulator {

namespace {

constexpr std::array kRoleIds = {"member", "admin", "manager", "owner"};
constexpr std::array kRoleTitles = {"Member", "Admin", "Manager", "Owner"};

const std::vector<std::string>& reserved_organization_slugs() {
  static const std::vector<std::string> words = {
      "login",    "register", "app",         "profile", "organizations",
      "settings", "issues",   "performance", "_health", "rest-auth",
      "api",      "accept",   "stripe",      "admin",   "__debug__"};
  return words;
}

std::string strip_trailing_separators(std::string slug) {
  while (!slug.empty() && (slug.back() == '-' || slug.back() == '_')) slug.pop_back();
  return slug;
}

template <typename Container>
void erase_value(Container& container, Id value) {
  container.erase(std::remove(container.begin(), container.end(), value), container.end());
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<Role> parse_role(std::string_view text) {
  for (size_t i = 0; i < kRoleIds.size(); ++i) {
    if (text == kRoleIds[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::string role_id(Role role) {
  return kRoleIds[static_cast<size_t>(role)];
}
std::string role_title(Role role) {
  return kRoleTitles[static_cast<size_t>(role)];
}

std::vector<std::string> role_scopes(Role role) {
  std::vector<std::string> scopes = {"event:read",   "event:write",      "event:admin",
                                     "project:read", "project:releases", "org:read",
                                     "member:read",  "team:read"};
  if (role >= Role::admin) {
    scopes.insert(scopes.end(), {"project:write", "project:admin", "team:write", "team:admin",
                                 "org:integrations"});
  }
  if (role >= Role::manager) {
    scopes.insert(scopes.end(), {"member:write", "member:admin", "org:write"});
  }
  if (role >= Role::owner) scopes.emplace_back("org:admin");
  return scopes;
}

Micros World::stamp() {
  const Micros now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  last_time = std::max(now, last_time + 1000);  // 1 ms apart: distinct in ninja's precision
  return last_time;
}

std::string World::random_hex(size_t length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < length; ++i) out += kDigits[random() % 16];
  return out;
}

std::string World::random_uuid() {
  std::string hex = random_hex(32);
  hex[12] = '4';                          // version 4
  hex[16] = "89ab"[(hex[16] - '0') % 4];  // the RFC 4122 variant
  return dashed_uuid(hex);
}

std::string dashed_uuid(const std::string& hex) {
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

const User* World::user_by_token(std::string_view token) const {
  const auto found = tokens.find(std::string(token));
  if (found == tokens.end()) return nullptr;
  const auto user = users.find(found->second.user);
  return user == users.end() ? nullptr : &user->second;
}

Organization* World::organization(std::string_view slug) {
  const auto found = organization_by_slug.find(std::string(slug));
  return found == organization_by_slug.end() ? nullptr : &organizations.at(found->second);
}

Team* World::team(const Organization& org, std::string_view slug) {
  const auto found = org.team_by_slug.find(std::string(slug));
  return found == org.team_by_slug.end() ? nullptr : &teams.at(found->second);
}

Project* World::project(const Organization& org, std::string_view slug) {
  const auto found = org.project_by_slug.find(std::string(slug));
  return found == org.project_by_slug.end() ? nullptr : &projects.at(found->second);
}

Member* World::member_of(const Organization& org, Id user) {
  const auto found = org.member_by_user.find(user);
  return found == org.member_by_user.end() ? nullptr : &members.at(found->second);
}

User& World::add_user(std::string email, bool superuser) {
  const Id id = next_user++;
  user_by_email[lower(email)] = id;
  User& user = users[id];
  user = User{id, std::move(email), superuser, stamp()};
  return user;
}

Organization& World::create_organization(std::string name, SlugSuffix suffix,
                                         bool reserve_status_page) {
  std::string base = slugify(name);
  if (base.size() > 200) base = strip_trailing_separators(base.substr(0, 200));
  const auto& reserved = reserved_organization_slugs();
  if (std::find(reserved.begin(), reserved.end(), base) != reserved.end() ||
      (reserve_status_page && base == "status_page")) {
    base += "-1";
  }
  const auto taken = [&](const std::string& slug) {
    return slug.empty() || organization_by_slug.count(slug) > 0;
  };
  std::string slug = base;
  if (suffix == SlugSuffix::sequential) {
    for (int n = 2; taken(slug); ++n) slug = base + "-" + std::to_string(n);
  } else {
    static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (size_t length = 2; taken(slug); ++length) {
      slug = base + "-";
      for (size_t i = 0; i < length; ++i) slug += kChars[random() % 36];
    }
  }
  const Id id = next_organization++;
  organization_by_slug[slug] = id;
  Organization& org = organizations[id];
  org = Organization{};
  org.id = id;
  org.name = std::move(name);
  org.slug = std::move(slug);
  org.created = stamp();
  return org;
}

Member& World::add_member(Organization& org, std::string email, Role role, std::optional<Id> user) {
  const Id id = next_member++;
  Member& member = members[id];
  member = Member{};
  member.id = id;
  member.organization = org.id;
  member.email = std::move(email);
  member.role = role;
  member.created = stamp();
  org.members.insert(id);
  if (user) accept(member, *user);
  return member;
}

void World::accept(Member& member, Id user) {
  member.user = user;
  member.email = users.at(user).email;
  organizations.at(member.organization).member_by_user[user] = member.id;
}

Team& World::create_team(Organization& org, std::string slug) {
  const Id id = next_team++;
  org.teams.insert(id);
  org.team_by_slug[slug] = id;
  Team& team = teams[id];
  team = Team{};
  team.id = id;
  team.organization = org.id;
  team.slug = std::move(slug);
  team.created = stamp();
  return team;
}

std::string World::unique_project_slug(const Organization& org, std::string_view name) const {
  std::string base = slugify(name);
  if (base.size() > 50) base = strip_trailing_separators(base.substr(0, 50));
  std::string slug = base;
  for (int n = 2; slug.empty() || org.project_by_slug.count(slug) > 0; ++n) {
    slug = base + "-" + std::to_string(n);
  }
  return slug;
}

Project& World::create_project(Organization& org, std::string name, bool reserve_new) {
  std::string slug = unique_project_slug(org, name);
  if (reserve_new && slug == "new") slug = unique_project_slug(org, "new-1");
  const Id id = next_project++;
  org.projects.insert(id);
  org.project_by_slug[slug] = id;
  Project& project = projects[id];
  project = Project{};
  project.id = id;
  project.organization = org.id;
  project.name = std::move(name);
  project.slug = std::move(slug);
  project.created = stamp();
  add_key(project, "");
  return project;
}

void World::join_team(Member& member, Team& team) {
  member.teams.insert(team.id);
  team.members.insert(member.id);
}

void World::leave_team(Member& member, Team& team) {
  member.teams.erase(team.id);
  team.members.erase(member.id);
}

void World::attach_team(Project& project, Team& team) {
  if (std::find(project.teams.begin(), project.teams.end(), team.id) == project.teams.end()) {
    project.teams.push_back(team.id);
  }
  team.projects.insert(project.id);
}

void World::detach_team(Project& project, Team& team) {
  erase_value(project.teams, team.id);
  team.projects.erase(project.id);
}

void World::rename_team(Team& team, std::string slug) {
  Organization& org = organizations.at(team.organization);
  org.team_by_slug.erase(team.slug);
  org.team_by_slug[slug] = team.id;
  team.slug = std::move(slug);
}

void World::rename_project(Project& project, std::string slug) {
  Organization& org = organizations.at(project.organization);
  org.project_by_slug.erase(project.slug);
  org.project_by_slug[slug] = project.id;
  project.slug = std::move(slug);
}

ProjectKey& World::add_key(Project& project, std::string label) {
  std::string hex = random_uuid();
  std::erase(hex, '-');
  project.keys.push_back(ProjectKey{std::move(hex), std::move(label), stamp(), std::nullopt});
  return project.keys.back();
}

ProjectKey* World::key(Project& project, std::string_view id) {
  std::string hex(id);
  if (hex.size() == 36 && hex[8] == '-' && hex[13] == '-' && hex[18] == '-' && hex[23] == '-') {
    std::erase(hex, '-');
  }
  hex = lower(hex);
  for (ProjectKey& key : project.keys) {
    if (key.hex == hex) return &key;
  }
  return nullptr;
}

// `hex` is a copy on purpose: a caller may pass the erased key's own field.
// cppcheck-suppress passedByValue
void World::delete_key(Project& project, std::string hex) {
  std::erase_if(project.keys, [&](const ProjectKey& key) { return key.hex == hex; });
}

Alert& World::create_alert(Project& project) {
  const Id id = next_alert++;
  project.alerts.insert(id);
  Alert& alert = alerts[id];
  alert = Alert{};
  alert.id = id;
  alert.project = project.id;
  alert.created = stamp();
  return alert;
}

void World::replace_recipients(Alert& alert, const std::vector<AlertRecipient>& wanted) {
  std::vector<AlertRecipient> kept;
  std::vector<AlertRecipient> old = alert.recipients;
  for (const AlertRecipient& recipient : wanted) {
    const auto same = std::find_if(old.begin(), old.end(), [&](const AlertRecipient& existing) {
      return existing.type == recipient.type && existing.url == recipient.url;
    });
    if (same != old.end()) {
      kept.push_back(*same);
      old.erase(same);
    } else {
      kept.push_back(AlertRecipient{next_recipient++, recipient.type, recipient.url});
    }
  }
  std::sort(kept.begin(), kept.end(),
            [](const AlertRecipient& a, const AlertRecipient& b) { return a.id < b.id; });
  alert.recipients = std::move(kept);
}

void World::delete_alert(Id id) {
  const auto found = alerts.find(id);
  if (found == alerts.end()) return;
  const auto project = projects.find(found->second.project);
  if (project != projects.end()) project->second.alerts.erase(id);
  alerts.erase(found);
}

Monitor& World::create_monitor(Organization& org) {
  const Id id = next_monitor++;
  org.monitors.insert(id);
  Monitor& monitor = monitors[id];
  monitor = Monitor{};
  monitor.id = id;
  monitor.organization = org.id;
  monitor.created = stamp();
  return monitor;
}

void World::delete_monitor(Id id) {
  const auto found = monitors.find(id);
  if (found == monitors.end()) return;
  const auto org = organizations.find(found->second.organization);
  if (org != organizations.end()) org->second.monitors.erase(id);
  monitors.erase(found);
}

void World::delete_team(Id id) {
  Team& team = teams.at(id);
  for (const Id member : team.members) members.at(member).teams.erase(id);
  for (const Id project : team.projects) erase_value(projects.at(project).teams, id);
  Organization& org = organizations.at(team.organization);
  org.teams.erase(id);
  org.team_by_slug.erase(team.slug);
  teams.erase(id);
}

void World::delete_project(Id id) {
  Project& project = projects.at(id);
  for (const Id team : project.teams) teams.at(team).projects.erase(id);
  for (const Id alert : project.alerts) alerts.erase(alert);
  Organization& org = organizations.at(project.organization);
  for (const Id monitor : org.monitors) {  // GlitchTip's foreign key: SET NULL
    Monitor& linked = monitors.at(monitor);
    if (linked.project == id) linked.project.reset();
  }
  org.projects.erase(id);
  org.project_by_slug.erase(project.slug);
  projects.erase(id);
}

void World::delete_member(Id id) {
  Member& member = members.at(id);
  for (const Id team : member.teams) teams.at(team).members.erase(id);
  Organization& org = organizations.at(member.organization);
  org.members.erase(id);
  if (member.user) org.member_by_user.erase(*member.user);
  members.erase(id);
}

void World::delete_organization(Id id) {
  const Organization org = organizations.at(id);
  for (const Id team : org.teams) teams.erase(team);
  for (const Id project : org.projects) {
    for (const Id alert : projects.at(project).alerts) alerts.erase(alert);
    projects.erase(project);
  }
  for (const Id monitor : org.monitors) monitors.erase(monitor);
  for (const Id member : org.members) members.erase(member);
  organization_by_slug.erase(org.slug);
  organizations.erase(id);
}

}  // namespace gg::emulator
