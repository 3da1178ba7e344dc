#pragma once
// A Plan is data (docs/design.md §5, §6): what apply will do, in order, and what it found on the
// way (drift, adoptions, unmanaged organizations), computed by the planner from the desired,
// recorded and live states. It is written to the plan file by planner/plan_file and rendered
// by the renderers; apply executes `actions` and records `adoptions` and `drift`.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/state.hpp"

namespace gg {

enum class PlanMode { normal, offline, refresh_only };

// Live differs from what the snapshot recorded: someone changed GlitchTip by hand.
struct Drift {
  std::string address;
  std::string instance;
  std::string organization;  // organization name ("" for an instance-level item)
  nlohmann::json recorded;   // the object as the snapshot has it (null: not recorded)
  nlohmann::json live;       // the object as GlitchTip has it (null: gone)
  std::string description;   // "role changed from member to admin outside glitchtip-gitops"
  bool operator==(const Drift&) const = default;
};

// A declared object that exists live but not in the snapshot: recorded as managed, no API call.
struct Adoption {
  std::string address;
  std::string instance;
  std::string organization;
  nlohmann::json live;  // the object's managed fields and ids as read live
  bool operator==(const Adoption&) const = default;
};

// An organization that exists live, is not declared and was never managed: left alone.
struct UnmanagedOrganization {
  std::string instance;
  std::string slug;
  std::string name;
  bool operator==(const UnmanagedOrganization&) const = default;
};

// A guard the plan passed (or, with --allow-*, was allowed past), recorded for reviewers.
struct Guard {
  std::string name;    // "max_deletes", "protected", "allow_delete_organizations", "allow_empty"
  std::string detail;  // "3 deletions, limit 50"
  bool operator==(const Guard&) const = default;
};

struct PlanSummary {
  int add = 0;
  int change = 0;
  int destroy = 0;
  int adopt = 0;
  int drift = 0;
  int consequences = 0;  // removals implied by deletions
  bool operator==(const PlanSummary&) const = default;
};

// An instance the plan covers and how apply reaches it: the connection settings of its
// definition (where the token comes from, never the token), so that apply needs nothing
// but the plan file.
struct PlanInstance {
  std::string name;
  InstanceSettings settings;  // settings.url is the instance's URL
  bool operator==(const PlanInstance&) const = default;
};

// Whether a declared organization or project is protected, as the definitions say at plan
// time; apply records it in the snapshot, so that an object whose definition is removed
// stays protected until a plan with `protected: false` has been applied.
struct Protection {
  std::string instance;
  std::string organization;       // organization name
  std::string organization_slug;  // declared slug, may be empty
  std::string project;            // project slug; empty: the organization itself
  bool is_protected = false;
  bool operator==(const Protection&) const = default;
};

// The snapshot the plan was made against; apply refuses the plan when it moved.
struct PlanBase {
  std::string lineage;  // empty: no snapshot yet
  int64_t serial = 0;
  std::string sha256;  // of the snapshot file's bytes; empty: no snapshot yet
  bool operator==(const PlanBase&) const = default;
};

struct PlanInputs {
  std::string definitions_sha256;
  std::string git_commit;  // from --commit, CI_COMMIT_SHA or GITHUB_SHA; may be empty
  bool operator==(const PlanInputs&) const = default;
};

struct Plan {
  int format_version = 1;
  std::string tool_version;
  std::string created_at;  // ISO-8601 UTC
  PlanMode mode = PlanMode::normal;
  PlanInputs inputs;
  PlanBase base;
  std::vector<PlanInstance> instances;
  std::vector<Guard> guards;
  std::vector<std::string> targets;  // --target addresses and --instance names; empty: all
  std::vector<Action> actions;       // in apply order, ids 1..n
  std::vector<Drift> drift;
  std::vector<Adoption> adoptions;
  std::vector<UnmanagedOrganization> unmanaged;
  std::vector<Protection> protection;  // every declared organization and project in scope
  // Monitors, alerts and keys: addresses of live objects inside declared organizations that
  // are neither declared nor recorded, left alone (planner/kinds/monitor.hpp, alert.hpp,
  // key.hpp). In the plan file only when there are some, so that other plans keep their
  // bytes and digests.
  std::vector<std::string> unmanaged_objects;
  // Refresh-only plans: the actions the definitions ask for that the plan leaves out (0: the
  // definitions agree with GlitchTip); always 0 in other modes.
  int unplanned = 0;
  PlanSummary summary;
  std::string plan_sha256;  // over the canonical content of everything above

  bool has_changes() const { return !actions.empty() || !adoptions.empty() || !drift.empty(); }
  bool operator==(const Plan&) const = default;
};

}  // namespace gg
