#pragma once
// The model: what one GlitchTip deployment holds, as plain values. The same types describe
// three states that the planner compares: desired (from the definitions), recorded (from
// the snapshot) and live (from the GlitchTip API). Fields a source does not know stay
// empty: desired objects have no ids, live objects are never `is_protected`.
//
// Containers are std::map keyed by identity so that iteration order is deterministic:
// teams and projects by slug, members by lower-case email, instances by name.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/role.hpp"

namespace gg {

// A member of an organization, matched by e-mail address (compared lower-case).
struct Member {
  std::string email;  // lower-case
  Role role = Role::member;
  bool pending = false;  // invited, invitation not accepted yet
  std::string id;        // GlitchTip's org-member id (number or string, kept as text)
  bool operator==(const Member&) const = default;
};

// A team of an organization. Its slug is chosen by the client and is its identity.
struct Team {
  std::string slug;
  std::string id;
  std::vector<std::string> members;  // lower-case e-mails, sorted, unique
  bool operator==(const Team&) const = default;
};

// A project of an organization, identified by its slug.
struct Project {
  std::string slug;
  std::string id;
  std::string name;
  std::string platform;  // empty: none
  int event_throttle_rate = 0;
  // Team slugs. In the desired state the first is where the project is created, so the
  // declared order is kept; live and recorded states keep them sorted.
  std::vector<std::string> teams;
  bool is_protected = false;  // desired state only
  // alerts kind: desired state only; the definitions have an `alerts:` key (even []), so the
  // project's alerts are authoritative. Without it they are left alone.
  bool alerts_declared = false;
  // keys: desired state only; the definitions have a `keys:` key (even []). A live key of such
  // a project that is neither declared nor recorded is listed as left alone.
  bool keys_declared = false;
  // keys: where this project's DSN is delivered (`dsn:`), desired state only. dsn_key: the
  // declared `dsn.key`, else the first declared key's label; unset: the oldest live key.
  std::optional<std::string> dsn_key{};
  std::vector<std::string> dsn_namespaces{};  // Kubernetes namespaces of its Secret
  bool operator==(const Project&) const = default;
};

// An uptime monitor of an organization (kind: monitor), identified by its name there.
struct Monitor {
  std::string name;
  std::string id;
  std::string type;   // GET, POST, Ping, SSL, Heartbeat or TCP Port, as GlitchTip spells them
  std::string url;    // "" for Heartbeat
  int interval = 60;  // seconds
  int expected_status = 200;
  std::string expected_body;
  int timeout = 0;      // seconds; 0: not declared (desired), none (drf)
  std::string project;  // the linked project's slug; empty: none
  bool operator==(const Monitor&) const = default;
};

// alerts kind: one recipient of a project alert. Plans, snapshots and outputs hold only the
// URL's SHA-256 (what is compared) and the part that may be shown
// ("https://hooks.slack.com/…"). Declared recipients also say where a secret URL is read
// ("env NAME", "file PATH"), and keep the URL itself in memory for apply, which sends it;
// no JSON form of a recipient ever carries `url`.
struct AlertRecipient {
  std::string type;        // email, webhook, discord, googlechat
  std::string url_sha256;  // hex; empty for email
  std::string url_shown;   // scheme and host and "…"; empty for email
  std::string secret;      // desired state only: "env NAME" or "file PATH"; empty: literal
  std::string url;         // desired state only, in memory: the URL (a secret once read)
  bool operator==(const AlertRecipient&) const = default;
};

// alerts kind: a project alert, identified by its project and its name.
struct Alert {
  std::string project;  // project slug
  std::string name;
  std::string id;
  int quantity = 1;
  int timespan_minutes = 1;
  bool uptime = false;
  std::vector<AlertRecipient> recipients;  // sorted by type and digest
  // Live state only: the id of another alert of this project with the same name (a plan
  // error naming both).
  std::string duplicate_id;
  bool operator==(const Alert&) const = default;
};

// keys: a client key (DSN) of a project, identified by its project and label
// (planner/kinds/key.hpp). Keys are created and deleted, never updated.
struct Key {
  std::string project;  // project slug
  std::string label;    // "" for the key GlitchTip makes with every new project
  // "sha256:" and 16 hex digits of the key's public part, never the key itself: the public
  // key alone is a working DSN, so plans and snapshots carry only this digest.
  std::string id;
  int rate_limit_window = 0;  // seconds; 0 with count 0: no rate limit (drf has none)
  int rate_limit_count = 0;
  std::string created;  // dateCreated as GlitchTip sends it; live state only
  bool operator==(const Key&) const = default;
};

// An organization. Its identity is its slug, which GlitchTip generates from the name;
// a desired organization without a declared slug is matched by name.
struct Organization {
  std::string name;
  std::string slug;  // empty in the desired state when not declared
  std::string id;
  bool is_protected = false;                // desired state only
  std::map<std::string, Team> teams;        // by slug
  std::map<std::string, Project> projects;  // by slug
  std::map<std::string, Member> members;    // by lower-case e-mail
  // Monitors: by name. `monitors_managed` (desired state only): the definitions own every
  // monitor of the organization (`uptimeMonitors: managed`), not only the declared ones.
  std::map<std::string, Monitor> monitors;
  bool monitors_managed = false;
  // Live state only: names that several live monitors have, with their ids (a plan error).
  std::map<std::string, std::vector<std::string>> duplicate_monitor_ids;
  std::map<std::string, Alert> alerts;  // alerts kind: by "PROJECT-SLUG/NAME"
  std::map<std::string, Key> keys{};    // keys: by "PROJECT/LABEL" (planner/kinds/key.hpp)
  bool operator==(const Organization&) const = default;
};

enum class ApiGeneration { automatic, drf, ninja };

// Where an instance's API token comes from. The token itself is never part of the model.
struct TokenSource {
  enum class Kind { environment, file };
  Kind kind = Kind::environment;
  std::string name;  // the variable name, or the file path
  bool operator==(const TokenSource&) const = default;
};

// How to reach an instance; declared in the definitions.
struct InstanceSettings {
  std::string url;  // base URL without trailing slash
  TokenSource token;
  std::string automation_user_email;  // lower-case; never planned as a member
  std::string mail_domain;
  int read_timeout_seconds = 30;
  int max_retries = 3;
  ApiGeneration api_generation = ApiGeneration::automatic;
  std::string ca_file;
  bool insecure_skip_tls_verify = false;
  bool operator==(const InstanceSettings&) const = default;
};

// What a live server can do, as far as planning cares (docs/glitchtip-api.md §10).
struct Capabilities {
  ApiGeneration generation = ApiGeneration::drf;
  bool event_throttle_rate = false;  // projects have eventThrottleRate (>= v3.4)
  bool project_slug_rename = false;  // PUT on a project can change its slug (ninja)
  // Whether event_throttle_rate was detected (projects were read, or the API is ninja), not
  // assumed for a server with no project to show it.
  bool event_throttle_rate_detected = false;
  // Monitors: the `TCP Port` type and a monitor's `timeout` (ninja only).
  bool tcp_monitors = false;
  bool monitor_timeout = false;
  // alerts kind: the recipient types the server takes (docs/glitchtip-api.md §12.1).
  std::vector<std::string> alert_recipient_types = {};
  bool key_rate_limits = false;  // keys: keys take a rateLimit (ninja)
  bool operator==(const Capabilities&) const = default;
};

// One GlitchTip deployment and the organizations this state knows in it.
struct Instance {
  std::string name;
  InstanceSettings settings;
  // Desired state: by name (names are unique in the definitions). Live and recorded
  // states: by slug (GlitchTip allows two organizations with one name).
  std::map<std::string, Organization> organizations;
  std::optional<Capabilities> capabilities;  // live state only
  bool operator==(const Instance&) const = default;
};

// A whole state: every instance by name.
struct State {
  std::map<std::string, Instance> instances;
  bool operator==(const State&) const = default;
};

}  // namespace gg
