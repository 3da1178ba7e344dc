#pragma once
// The snapshot journal (docs/snapshot.md, "The journal"): while apply runs, each group commit
// appends one record to the journal instead of rewriting the whole snapshot, so recording a
// batch costs the batch, not the snapshot. A record is version `serial` of the snapshot: the
// version serial - 1 with its changes made. A change is {"path": [keys from the document's
// root], "value": V}: the key at the end of the path set to V, or removed when V is null.
//
// In a file a record is one line, "SHA256 JSON\n", where SHA256 (64 hex digits) is of the JSON
// text. Each append is on disk before the next begins, so a crash can leave only the last line
// incomplete: a last line cut short or failing its checksum is ignored (its batch was never
// reported done); any other damaged line is an error, never skipped.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "planner/result.hpp"

namespace gg {

struct JournalRecord {
  std::string lineage;
  int64_t serial = 0;
  std::string tool_version;
  std::string updated_at;
  std::string last_operation;
  nlohmann::json changes = nlohmann::json::array();
  bool operator==(const JournalRecord&) const = default;
};

// The record as JSON text (canonical: sorted keys, one line) and as a journal file line.
std::string journal_record_text(const JournalRecord& record);
JournalRecord journal_record_from_json(const nlohmann::json& document);  // throws json errors
std::string journal_line(const JournalRecord& record);

// A snapshot document holding what `record` writes and as little else as the schema lets it:
// the schema checks every object on its own, so checking this document checks the record at
// the cost of its changes (an organization a change names but does not hold in full gets
// placeholders for its own required fields).
nlohmann::json journal_check_document(const JournalRecord& record);

struct Journal {
  std::vector<JournalRecord> records;  // the complete ones, in file order
  bool torn_tail = false;              // the last line was incomplete and is ignored
};

// The records of a journal file's content; `where` names the file in errors.
Result<Journal> parse_journal(const std::string& text, const std::string& where);

// Makes the records newer than the snapshot `document`'s serial on it, and takes the last
// one's bookkeeping (serial, updated_at, ...). Records at or below its serial are folded into
// it already and skipped. An error when the records are of another lineage, do not continue
// its serial, or a change does not fit it. Returns how many records were made.
Result<size_t> replay_journal(nlohmann::json& document, const std::vector<JournalRecord>& records,
                              const std::string& where);

}  // namespace gg
