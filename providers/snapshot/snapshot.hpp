#pragma once
// A Snapshot is the state file's content (docs/design.md §4.1): what this tool manages in each
// GlitchTip instance, with ids and last known values, plus the bookkeeping that makes
// concurrent and stale writes detectable (lineage, serial).
//
// Its text is canonical: keys sorted, objects as maps keyed by identity (instances by name,
// organizations, teams and projects by slug, members by e-mail), lists sorted, two-space
// indentation and a trailing newline, so equal content gives identical bytes and a diff of
// two snapshots shows only what changed. It holds no secrets: instance settings (URL, token
// source) and desired-only fields (`protected`) are not recorded.
//
// Reading checks the text against schemas/snapshot.schema.json; anything else (broken JSON,
// unknown format_version, a field the schema does not know) is an error, never an empty
// snapshot.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "planner/result.hpp"
#include "planner/state.hpp"
#include "providers/snapshot/snapshot_schema.hpp"

namespace gg {

inline constexpr int kSnapshotFormatVersion = 1;

struct Snapshot {
  int format_version = kSnapshotFormatVersion;
  std::string lineage;  // UUID fixed at the first write; empty before it
  int64_t serial = 0;   // incremented by every write; 0: never written
  std::string tool_version;
  std::string updated_at;      // ISO-8601 UTC of the last write
  std::string last_operation;  // the command that wrote it: "apply", "refresh", ...
  State recorded;              // instances by name, organizations by slug
  bool operator==(const Snapshot&) const = default;
};

nlohmann::json snapshot_to_json(const Snapshot& snapshot);

// The snapshot in `document`, checked against the schema; `where` names its source (a file
// path) in errors.
Result<Snapshot> snapshot_from_json(const nlohmann::json& document, const std::string& where);
Result<Snapshot> snapshot_from_json(const nlohmann::json& document, const std::string& where,
                                    const SnapshotSchema& schema);

// The canonical file content.
std::string snapshot_text(const Snapshot& snapshot);

// An instance and an organization with everything in it, as snapshot_to_json writes them:
// for the journal (snapshot_journal.hpp), which records single objects (each kind's own
// form: planner/kinds/).
nlohmann::json snapshot_instance_json(const Instance& instance);
nlohmann::json snapshot_organization_json(const Organization& organization);

// The JSON document in the file content `text`, not yet checked against the schema: empty
// text, broken JSON and a key given twice are errors.
Result<nlohmann::json> snapshot_document_from_text(const std::string& text,
                                                   const std::string& where);

// Parses and checks the file content `text`.
Result<Snapshot> snapshot_from_text(const std::string& text, const std::string& where);
Result<Snapshot> snapshot_from_text(const std::string& text, const std::string& where,
                                    const SnapshotSchema& schema);

}  // namespace gg
