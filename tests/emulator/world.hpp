#pragma once
// World is the emulator's whole GlitchTip state: users and their tokens, organizations, teams,
// projects (with DSN keys and alerts), uptime monitors and organization members, with the
// cross indices that keep every
// lookup and every count O(1) or O(log n). It is a plain value: the Api mutates it under the
// Emulator's lock, seed() and dump() convert it from and to the JSON format of emulator.hpp.
// Ids come from one sequence per kind, as GlitchTip's tables do; creation times are strictly
// increasing, so id order is creation order.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "planner/result.hpp"

namespace gg::emulator {

enum class Role { member = 0, admin = 1, manager = 2, owner = 3 };

std::optional<Role> parse_role(std::string_view text);
std::string role_id(Role role);     // "member"
std::string role_title(Role role);  // "Member"
std::vector<std::string> role_scopes(Role role);

using Micros = int64_t;  // microseconds since the Unix epoch
using Id = int64_t;

struct User {
  Id id = 0;
  std::string email;
  bool superuser = false;
  Micros date_joined = 0;
};

struct Token {
  std::string value;
  Id user = 0;
  std::vector<std::string> scopes;
};

struct Organization {
  Id id = 0;
  std::string name;
  std::string slug;
  Micros created = 0;
  std::set<Id> teams;
  std::set<Id> projects;
  std::set<Id> members;
  std::map<std::string, Id> team_by_slug;
  std::map<std::string, Id> project_by_slug;
  std::map<Id, Id> member_by_user;  // accepted members only
  std::set<Id> monitors;
};

struct Team {
  Id id = 0;
  Id organization = 0;
  std::string slug;
  Micros created = 0;
  std::set<Id> members;
  std::set<Id> projects;
};

struct RateLimit {
  int64_t window = 0;  // seconds
  int64_t count = 0;   // events per window
};

struct ProjectKey {
  std::string hex;    // 32 lowercase hex digits, a version-4 UUID without its dashes
  std::string label;  // DRF's `label`; ninja's `name` (and `label`)
  Micros created = 0;
  std::optional<RateLimit> rate_limit;  // ninja only
};

struct AlertRecipient {
  Id id = 0;
  std::string type;  // "email", "webhook", "discord", "googlechat" (DRF stores any text)
  std::string url;
};

// A project alert: notify `recipients` when `quantity` events arrive within
// `timespan_minutes` (and on the project's uptime monitors when `uptime`).
struct Alert {
  Id id = 0;
  Id project = 0;
  std::string name;
  std::optional<int64_t> timespan_minutes;
  std::optional<int64_t> quantity;
  bool uptime = false;
  std::vector<AlertRecipient> recipients;  // in id order
  Micros created = 0;
};

struct MonitorCheck {
  bool is_up = false;
  Micros start = 0;
  int reason = 5;  // network error: the emulator reaches nothing
};

// An uptime monitor of an organization, optionally linked to one of its projects.
struct Monitor {
  Id id = 0;
  Id organization = 0;
  std::optional<Id> project;
  std::string name;
  std::string type;  // GET, POST, Ping, SSL, Heartbeat, TCP Port (ninja stores even a bogus one)
  std::string url;
  std::optional<int64_t> expected_status = 200;
  std::string expected_body;
  int64_t interval = 60;                // seconds
  std::optional<int64_t> timeout;       // ninja only
  std::optional<std::string> endpoint;  // Heartbeat: the dashed UUID of its check-in URL
  Micros created = 0;
  std::vector<MonitorCheck> checks;  // newest first
};

struct Project {
  Id id = 0;
  Id organization = 0;
  std::string name;
  std::string slug;
  std::optional<std::string> platform;
  int event_throttle_rate = 0;
  Micros created = 0;
  std::vector<Id> teams;         // in the order they were attached
  std::vector<ProjectKey> keys;  // in creation order
  std::set<Id> alerts;
};

struct Member {
  Id id = 0;
  Id organization = 0;
  std::optional<Id> user;  // empty while the invitation is pending
  std::string email;
  Role role = Role::member;
  bool primary_owner = false;
  Micros created = 0;
  std::set<Id> teams;
};

// How a colliding organization slug is made unique: `-2`, `-3`, ... (GlitchTip < 3.1) or a
// random suffix of growing length (3.1 and later).
enum class SlugSuffix { sequential, random };

struct World {
  std::map<Id, User> users;
  std::map<std::string, Id> user_by_email;  // lower-cased
  std::map<std::string, Token> tokens;
  std::map<Id, Organization> organizations;
  std::map<std::string, Id> organization_by_slug;
  std::map<Id, Team> teams;
  std::map<Id, Project> projects;
  std::map<Id, Member> members;
  std::map<Id, Alert> alerts;
  std::map<Id, Monitor> monitors;

  Id next_user = 1, next_organization = 1, next_team = 1, next_project = 1, next_member = 1;
  Id next_alert = 1, next_recipient = 1, next_monitor = 1;
  Micros last_time = 0;
  // Seeded with a constant on purpose: a seeded world gives the same tokens and ids on
  // every run, which tests and benchmarks compare.
  std::mt19937_64 random{1};  // NOLINT(cert-msc51-cpp)

  Micros stamp();  // now, strictly later than the previous stamp

  const User* user_by_token(std::string_view token) const;
  Organization* organization(std::string_view slug);
  Team* team(const Organization& org, std::string_view slug);
  Project* project(const Organization& org, std::string_view slug);
  Member* member_of(const Organization& org, Id user);  // the user's accepted membership

  User& add_user(std::string email, bool superuser);
  Organization& create_organization(std::string name, SlugSuffix suffix, bool reserve_status_page);
  Member& add_member(Organization& org, std::string email, Role role, std::optional<Id> user);
  Team& create_team(Organization& org, std::string slug);
  Project& create_project(Organization& org, std::string name, bool reserve_new);
  std::string unique_project_slug(const Organization& org, std::string_view name) const;
  void accept(Member& member, Id user);

  void join_team(Member& member, Team& team);
  void leave_team(Member& member, Team& team);
  void attach_team(Project& project, Team& team);
  void detach_team(Project& project, Team& team);
  void rename_team(Team& team, std::string slug);
  void rename_project(Project& project, std::string slug);

  ProjectKey& add_key(Project& project, std::string label);  // GlitchTip makes one per project
  ProjectKey* key(Project& project, std::string_view id);    // by 32 hex or dashed UUID
  void delete_key(Project& project, std::string hex);        // a copy: it may name the erased key
  Alert& create_alert(Project& project);
  // Makes `wanted` the alert's recipients: one equal in type and url keeps its id.
  void replace_recipients(Alert& alert, const std::vector<AlertRecipient>& wanted);
  void delete_alert(Id id);
  Monitor& create_monitor(Organization& org);
  void delete_monitor(Id id);

  void delete_organization(Id id);
  void delete_team(Id id);
  void delete_project(Id id);
  void delete_member(Id id);

  std::string random_hex(size_t length);
  std::string random_uuid();  // a version-4 UUID, dashed
};

std::string dashed_uuid(const std::string& hex);  // 32 hex digits in the 8-4-4-4-12 form

// Replaces `world` with the seed (format in emulator.hpp). Errors name the bad field.
Status seed_world(World& world, const nlohmann::json& seed);
nlohmann::json dump_world(const World& world);

std::string lower(std::string_view text);

}  // namespace gg::emulator
