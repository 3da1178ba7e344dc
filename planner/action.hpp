#pragma once
// An Action is one API-level change to GlitchTip that a plan proposes and apply performs,
// in plan order (docs/design.md §5.2). It names its object both for people (`address`) and for
// the executor (instance, organization, team, project, email). An organization that the
// same plan creates has no slug yet (GlitchTip chooses it): the executor fills
// `organization_slug` in from GlitchTip's answer before it hands an action to an
// ActionRunner. Teams, projects and members have the identity the plan declares.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gg {

enum class ActionType {
  create_organization,  // after: {"name"}
  rename_organization,  // before/after: {"name"}
  delete_organization,  // before: {"name", "slug"}
  invite_member,        // after: {"email", "role"}; GlitchTip e-mails an invitation
  change_member_role,   // before/after: {"role"}
  delete_member,        // before: {"email", "role", "pending"}
  create_team,          // after: {"slug"}
  delete_team,          // before: {"slug"}
  add_team_member,      // team + email
  remove_team_member,   // team + email
  // after: {"name", "platform", "eventThrottleRate", "team"}: created in "team", then
  // eventThrottleRate set when non-zero; other teams are separate add_project_team actions.
  create_project,
  update_project,       // before/after: {"name", "platform", "eventThrottleRate", "slug"}
  delete_project,       // before: {"name", "slug", "teams"}
  add_project_team,     // project + team
  remove_project_team,  // project + team
  // Monitors. after (create, update) and before (update, delete): {"name", "type", "url",
  // "interval", "expectedStatus", "expectedBody", "timeout", "project"}; `project` is also the
  // action's project (the linked one, "" for none), so that it runs after the project exists.
  create_monitor,
  update_monitor,
  delete_monitor,
  // alerts kind: project + alert (its name). after: {"name", "quantity", "timespanMinutes",
  // "uptime", "recipients": [{"type", "sha256", "shown", "secret"?}]}; never a URL.
  create_alert,
  update_alert,  // before/after as create_alert's after; every recipient, always
  delete_alert,  // before: as create_alert's after
  // keys: after: {"label", "rateLimit"}; a replacement also has before (the replaced key).
  create_key,
  delete_key,  // before: {"label", "rateLimit", "id"} (id: a digest, never the key)
};

std::string_view to_string(ActionType type);
std::optional<ActionType> action_type_from_string(std::string_view text);

// Create, update ("change") or delete, for the plan's summary line and symbols.
enum class ChangeKind { add, change, destroy };
ChangeKind change_kind(ActionType type);

struct Action {
  int id = 0;  // 1-based position in apply order
  ActionType type = ActionType::create_organization;
  std::string address;  // Address::to_string() of the object touched
  std::string instance;
  std::string organization;       // organization name
  std::string organization_slug;  // empty when this plan creates the organization
  std::string team;               // team slug
  std::string project;            // project slug (the planned one for a create)
  std::string email;              // member e-mail, lower-case
  nlohmann::json before;          // managed fields before; null for creates
  nlohmann::json after;           // managed fields after; null for deletes
  // What apply expects to find live before this action: "absent" for creates, otherwise
  // "sha256:<hex>" of the object's canonical managed fields (planner/fingerprint.hpp).
  std::string precondition;
  std::vector<std::string> consequences;  // addresses that go away with this deletion
  std::string reason;                     // why, for people ("declared in ...", "not declared")
  // What a reviewer must know before this runs, for people; empty: nothing. Set on project
  // deletions and creations that may be a rename (planner/replacements.hpp).
  std::string warning;
  std::string monitor;  // monitors: the monitor's name (its identity)
  std::string alert;    // alerts kind: the alert's name
  bool operator==(const Action&) const = default;
};

// What GlitchTip answered to an executed action: for creates, the identity of the object it
// made (the slug of a team or project, the e-mail of a member) and its id. The executor
// compares that identity with the plan's (planner/executor.hpp).
struct ActionOutcome {
  std::string slug;
  std::string id;
  bool already_so = false;  // "already so" answers (404 on delete, repeated add)
  // Why the identity differs from the plan's, when the runner knows (a rename refused).
  std::string note;
  // Monitors: the timeout GlitchTip gave a monitor created without one (0: none), recorded so
  // that the next plan sees no drift.
  int timeout = 0;
};

}  // namespace gg
