#pragma once
// The plan file (docs/design.md §6.1): a Plan as one JSON document, written by `plan --out` and
// read by `apply` and `show`. Its layout is schemas/plan.schema.json (format 1).
//
// plan_sha256 is the SHA-256 of the canonical JSON (planner/canonical_json.hpp) of the
// document without three fields: plan_sha256 itself, created_at and inputs.git_commit. So
// the same inputs give the same plan_sha256 whenever, and at whichever commit, they are
// planned (a merge request's commit, then the merge or squash commit on main), which is what
// `apply --expect` compares; any edit of anything apply acts on changes it.
//
// read_plan trusts nothing: size limits, JSON syntax, format version, schema, then the
// digest. Every failure is an Error naming the file and, for schema failures, the JSON
// pointer of the offending value.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "planner/plan.hpp"
#include "planner/result.hpp"

namespace gg {

inline constexpr int kPlanFormatVersion = 1;
inline constexpr std::size_t kMaxPlanFileBytes = std::size_t{256} * 1024 * 1024;
inline constexpr std::size_t kMaxPlanActions = 1'000'000;

std::string_view to_string(PlanMode mode);  // "normal", "offline", "refresh-only"
std::optional<PlanMode> plan_mode_from_string(std::string_view text);

// The document, with plan_sha256 as the plan holds it.
nlohmann::json plan_to_json(const Plan& plan);

// The digest of the plan's content as described above.
std::string compute_plan_sha256(const Plan& plan);

// The plan made ready to write: summary recomputed from its content, plan_sha256 set.
Plan seal_plan(Plan plan);

// The file's bytes: the document as 2-space indented JSON with sorted keys, and "\n".
std::string plan_file_text(const Plan& plan);

// What read_plan refuses to read; the defaults are the product's limits.
struct PlanFileLimits {
  std::size_t max_bytes = kMaxPlanFileBytes;
  std::size_t max_actions = kMaxPlanActions;
};

// Parses and checks a plan file's text; `where` names it in errors (usually its path).
Result<Plan> read_plan(std::string_view text, const std::string& where,
                       const PlanFileLimits& limits = {});

}  // namespace gg
