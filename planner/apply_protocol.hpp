#pragma once
// The rules apply follows before it changes anything (docs/design.md §6.2), as pure functions
// of the plan, the snapshot it finds and the clock; cmd/apply_run.cpp does the I/O between
// them. In order: the plan must be the approved one and not too old (check_approval), the
// snapshot must be the one the plan was made against (check_base), and GlitchTip must still
// be as the plan saw it, for which apply re-reads what precondition_read names (then
// planner/precondition.hpp checks it). Recording the plan's findings is
// planner/record_findings.hpp.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "planner/plan.hpp"
#include "planner/result.hpp"

namespace gg {

// What the person running apply accepts: --expect, --max-age and --strict-age.
struct ApprovalPolicy {
  std::string expect;  // the plan_sha256 that was approved; empty: any
  double max_age_hours = 168;
  bool strict_age = false;  // refuse, rather than warn about, a plan older than max_age_hours
};

// Refuses a plan whose plan_sha256 is not `policy.expect`, or (strict_age) one made more than
// max_age_hours before `now`. Otherwise returns the warnings to print ("plan.json: the plan
// was made 200 hours ago ..."), none for a fresh plan. A created_at that cannot be read
// counts as fresh: read_plan already checked its form. `plan_file` names the file in both.
Result<std::vector<std::string>> check_approval(const Plan& plan, const std::string& plan_file,
                                                const ApprovalPolicy& policy,
                                                std::chrono::system_clock::time_point now);

// The snapshot apply found under its lock, as far as check_base cares.
struct SnapshotHead {
  std::string lineage;  // empty: no snapshot yet
  int64_t serial = 0;
  std::string updated_at;
  std::string last_operation;
};

// A plan is valid only against the snapshot it was made from: the same lineage and serial.
// Another lineage is another snapshot (apply was likely given another --snapshot than plan);
// a later serial means another apply or refresh wrote it since. `store` describes the
// snapshot store for the error; `plan_file` goes into the suggested command.
Status check_base(const Plan& plan, const SnapshotHead& now, const std::string& store,
                  const std::string& plan_file);

// What apply re-reads from GlitchTip to check the preconditions.
struct PreconditionRead {
  bool needed = false;  // false: the plan has no action, so there is nothing to check
  // The plan creates an organization: read every instance in full, since the organization
  // must be absent under its name, whichever slug it would have.
  bool everything = false;
  // Otherwise, per instance of the plan (each listed, even with none), the slugs of the
  // organizations its actions touch, in the order of the plan's actions.
  std::map<std::string, std::vector<std::string>> organizations;
};

PreconditionRead precondition_read(const Plan& plan);

}  // namespace gg
