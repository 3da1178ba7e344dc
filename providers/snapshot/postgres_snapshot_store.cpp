#include "providers/snapshot/postgres_snapshot_store.hpp"

#include <algorithm>
#include <thread>

#include "planner/canonical_json.hpp"
#include "providers/snapshot/postgres_schema.hpp"
#include "providers/snapshot/random_uuid.hpp"
#include "providers/snapshot/snapshot_journal.hpp"
#include "providers/snapshot/utc_time.hpp"

namespace gg {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFirstPollDelay{10};
constexpr milliseconds kLongestPollDelay{500};
constexpr milliseconds kTerminationWait{5000};

const std::string kKey = "(" + std::to_string(kStateLockClass) + ", hashtext($1))";

// The backend holding the state's advisory lock, and the row naming it (if written yet).
const std::string kHolder = R"sql(
WITH held AS (
  SELECT p.pid FROM pg_locks p
  WHERE p.locktype = 'advisory' AND p.granted AND p.objsubid = 2
    AND p.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND p.classid = )sql" + std::to_string(kStateLockClass) +
                            R"sql(::oid
    AND p.objid = (hashtext($1)::bigint & 4294967295)::oid)
SELECT h.pid, l.lock_id, l.operation, l.who, l.host, l.pid, l.created_at
FROM held h LEFT JOIN glitchtip_gitops.locks l ON l.key = hashtext($1) AND l.backend_pid = h.pid
LIMIT 1)sql";

// The journal rows newer than the state's row, as the lines of a journal file; NULL when none.
constexpr const char* kJournalLines =
    "(SELECT string_agg(j.sha256 || ' ' || j.record, E'\\n' ORDER BY j.serial) || E'\\n'"
    " FROM glitchtip_gitops.journal j WHERE j.name = s.name AND j.serial > s.serial)";

constexpr const char* kUtc =
    "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

std::string seconds_text(milliseconds duration) {
  const auto tenths = duration.count() / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + "s";
}

std::string text_or_empty(const std::optional<std::string>& value) {
  return value.value_or("");
}

int64_t number_or_zero(const std::optional<std::string>& value) {
  return value ? std::stoll(*value) : 0;
}

std::string updated_by() {
  const LockInfo self = lock_info_for_this_process("");
  return self.who + "@" + self.host;
}

}  // namespace

PostgresSnapshotStore::PostgresSnapshotStore(PostgresLocation location)
    : location_(std::move(location)) {}

std::string PostgresSnapshotStore::describe() const {
  return location_.shown;
}

Result<const PostgresConnection*> PostgresSnapshotStore::connection() const {
  if (connection_) return &*connection_;
  auto opened = PostgresConnection::open(location_);
  if (!opened.ok()) return opened.errors();
  if (Status schema = ensure_postgres_schema(*opened); !schema.ok()) return schema.errors();
  connection_.emplace(std::move(opened).value());
  return &*connection_;
}

std::string PostgresSnapshotStore::recovery_hint() const {
  return "`glitchtip-gitops state versions` lists the previous versions kept and `state restore "
         "SERIAL` brings one back; or run `glitchtip-gitops refresh` against an empty state name "
         "to record GlitchTip's live state again";
}

Result<StoredSnapshot> PostgresSnapshotStore::read() const {
  auto db = connection();
  if (!db.ok()) return db.errors();
  // One statement, so the row and its journal are of one moment.
  auto rows = (*db)->run(std::string("SELECT s.snapshot, s.sha256, ") + kJournalLines +
                             " FROM glitchtip_gitops.states s WHERE s.name = $1",
                         {location_.state_name}, "reading the snapshot");
  if (!rows.ok()) return rows.errors();
  if (rows->empty()) return StoredSnapshot{};
  const std::string text = text_or_empty(rows->at(0, 0));
  const std::string sha256 = sha256_hex(text);
  if (sha256 != text_or_empty(rows->at(0, 1))) {
    return Error{describe(),
                 "the stored snapshot does not match its sha256: it was changed outside "
                 "glitchtip-gitops",
                 recovery_hint()};
  }
  if (rows->at(0, 2)) return with_journal(text, *rows->at(0, 2));
  auto snapshot = snapshot_from_text(text, describe(), schema_);
  if (!snapshot.ok()) {
    Errors errors = snapshot.errors();
    for (Error& error : errors) {
      error.hint = error.hint.empty() ? recovery_hint() : error.hint + "; or " + recovery_hint();
    }
    return errors;
  }
  return StoredSnapshot{std::move(snapshot).value(), true, sha256};
}

// The snapshot `text` with the journal's records made, its sha256 that of the canonical
// text a fold will store.
Result<StoredSnapshot> PostgresSnapshotStore::with_journal(const std::string& text,
                                                           const std::string& journal_text) const {
  const std::string where = describe() + " journal";
  auto journal = parse_journal(journal_text, where);
  if (!journal.ok()) return journal.errors();
  if (journal->torn_tail) {  // a transaction is never torn: this was changed by hand
    return Error{where, "holds a record that does not match its checksum",
                 "it was changed outside glitchtip-gitops; " + recovery_hint()};
  }
  auto document = snapshot_document_from_text(text, describe());
  if (!document.ok()) return document.errors();
  if (auto made = replay_journal(*document, journal->records, where); !made.ok()) {
    return made.errors();
  }
  auto snapshot = snapshot_from_json(*document, describe() + " (with its journal)", schema_);
  if (!snapshot.ok()) return snapshot.errors();
  const std::string replayed = snapshot_text(*snapshot);
  return StoredSnapshot{std::move(snapshot).value(), true, sha256_hex(replayed)};
}

Result<Snapshot> PostgresSnapshotStore::write(Snapshot next, int64_t expected_serial) {
  if (!held_lock_id_.empty()) return write_locked(std::move(next), expected_serial);
  const std::string operation = next.last_operation.empty() ? "write" : next.last_operation;
  const auto taken = lock(operation, milliseconds(0));
  if (!taken.ok()) return taken.errors();
  auto written = write_locked(std::move(next), expected_serial);
  const Status released = unlock(taken->id);
  if (!written.ok()) return written;
  if (!released.ok()) return released.errors();
  return written;
}

Result<Snapshot> PostgresSnapshotStore::write_locked(Snapshot next, int64_t expected_serial) {
  if (next.last_operation.empty()) {
    return Error{describe(), "a snapshot write must name its operation (apply, refresh, ...)", ""};
  }
  auto db = connection();
  if (!db.ok()) return db.errors();
  if (auto begun = (*db)->run("BEGIN", {}, "writing the snapshot"); !begun.ok()) {
    return begun.errors();
  }
  auto written = write_in_transaction(**db, std::move(next), expected_serial);
  if (!written.ok()) {
    (*db)->rollback();
    return written;
  }
  if (auto committed = (*db)->run("COMMIT", {}, "writing the snapshot"); !committed.ok()) {
    return committed.errors();
  }
  return written;
}

Status PostgresSnapshotStore::check_lock_row(const PostgresConnection& db) const {
  auto lock_row = db.run("SELECT lock_id FROM glitchtip_gitops.locks WHERE name = $1",
                         {location_.state_name}, "writing the snapshot");
  if (!lock_row.ok()) return lock_row.errors();
  if (lock_row->empty() || lock_row->at(0, 0) != held_lock_id_) {
    return Error{describe(),
                 "the lock this run took (" + held_lock_id_ +
                     ") was released by someone else; refusing to write",
                 "someone ran force-unlock while this run was working; run plan again"};
  }
  return {};
}

Status PostgresSnapshotStore::prune_versions(const PostgresConnection& db) const {
  auto pruned = db.run(
      "DELETE FROM glitchtip_gitops.versions WHERE name = $1 AND serial <= (SELECT serial"
      " FROM glitchtip_gitops.versions WHERE name = $1 ORDER BY serial DESC OFFSET $2 LIMIT 1)",
      {location_.state_name, std::to_string(kPreviousVersionsKept)}, "writing the snapshot");
  if (!pruned.ok()) return pruned.errors();
  return {};
}

// Makes the row hold what it and its journal hold, at the journal's last serial (the row's
// version before goes to the previous versions), and empties the journal. Inside a
// transaction that holds the lock.
Status PostgresSnapshotStore::fold_in_transaction(const PostgresConnection& db) {
  const std::string& name = location_.state_name;
  const std::string doing = "folding the snapshot's journal";
  auto any = db.run("SELECT EXISTS (SELECT 1 FROM glitchtip_gitops.journal WHERE name = $1)",
                    {name}, doing);
  if (!any.ok()) return any.errors();
  if (any->at(0, 0) != std::optional<std::string>("t")) return {};
  auto locked = db.run("SELECT serial FROM glitchtip_gitops.states WHERE name = $1 FOR UPDATE",
                       {name}, doing);
  if (!locked.ok()) return locked.errors();
  auto rows = db.run(std::string("SELECT s.snapshot, ") + kJournalLines +
                         " FROM glitchtip_gitops.states s WHERE s.name = $1",
                     {name}, doing);
  if (!rows.ok()) return rows.errors();
  if (!rows->empty() && rows->at(0, 1)) {
    auto folded = with_journal(text_or_empty(rows->at(0, 0)), *rows->at(0, 1));
    if (!folded.ok()) return folded.errors();
    const std::string text = snapshot_text(folded->snapshot);
    auto kept = db.run(
        "INSERT INTO glitchtip_gitops.versions"
        " SELECT name, lineage, serial, snapshot, sha256, updated_at, updated_by"
        " FROM glitchtip_gitops.states WHERE name = $1 ON CONFLICT (name, serial) DO NOTHING",
        {name}, doing);
    if (!kept.ok()) return kept.errors();
    auto updated = db.run(
        "UPDATE glitchtip_gitops.states SET serial = $2, snapshot = $3, sha256 = $4,"
        " updated_at = now(), updated_by = $5 WHERE name = $1",
        {name, std::to_string(folded->snapshot.serial), text, sha256_hex(text), updated_by()},
        doing);
    if (!updated.ok()) return updated.errors();
    if (Status pruned = prune_versions(db); !pruned.ok()) return pruned;
  }
  auto emptied = db.run("DELETE FROM glitchtip_gitops.journal WHERE name = $1", {name}, doing);
  if (!emptied.ok()) return emptied.errors();
  return {};
}

Status PostgresSnapshotStore::fold_journal() {
  auto db = connection();
  if (!db.ok()) return db.errors();
  if (auto begun = (*db)->run("BEGIN", {}, "folding the snapshot's journal"); !begun.ok()) {
    return begun.errors();
  }
  Status folded = check_lock_row(**db);
  if (folded.ok()) folded = fold_in_transaction(**db);
  if (!folded.ok()) {
    (*db)->rollback();
    return folded;
  }
  if (auto committed = (*db)->run("COMMIT", {}, "folding the snapshot's journal");
      !committed.ok()) {
    return committed.errors();
  }
  return {};
}

Result<Snapshot> PostgresSnapshotStore::append(const nlohmann::json& changes,
                                               int64_t expected_serial, const std::string& lineage,
                                               const std::string& operation) {
  if (held_lock_id_.empty()) {
    return Error{describe(), "a journal record was made without the lock",
                 "this is a bug in glitchtip-gitops; please report it with the message"};
  }
  auto db = connection();
  if (!db.ok()) return db.errors();
  if (auto begun = (*db)->run("BEGIN", {}, "recording in the journal"); !begun.ok()) {
    return begun.errors();
  }
  auto appended = append_in_transaction(**db, changes, expected_serial, lineage, operation);
  if (!appended.ok()) {
    (*db)->rollback();
    return appended;
  }
  if (auto committed = (*db)->run("COMMIT", {}, "recording in the journal"); !committed.ok()) {
    return committed.errors();
  }
  return appended;
}

Result<Snapshot> PostgresSnapshotStore::append_in_transaction(const PostgresConnection& db,
                                                              const nlohmann::json& changes,
                                                              int64_t expected_serial,
                                                              const std::string& lineage,
                                                              const std::string& operation) {
  const std::string& name = location_.state_name;
  const std::string doing = "recording in the journal";
  if (Status held = check_lock_row(db); !held.ok()) return held.errors();
  auto stored =
      db.run("SELECT lineage, serial FROM glitchtip_gitops.states WHERE name = $1 FOR UPDATE",
             {name}, doing);
  if (!stored.ok()) return stored.errors();
  auto last =
      db.run("SELECT max(serial) FROM glitchtip_gitops.journal WHERE name = $1", {name}, doing);
  if (!last.ok()) return last.errors();
  const std::string stored_lineage = stored->empty() ? "" : text_or_empty(stored->at(0, 0));
  const int64_t serial =
      stored->empty() ? 0
                      : std::max(number_or_zero(stored->at(0, 1)), number_or_zero(last->at(0, 0)));
  if (stored->empty() || serial != expected_serial || stored_lineage != lineage) {
    return Error{describe(),
                 "changed since it was read: serial " + std::to_string(expected_serial) + " → " +
                     std::to_string(serial) +
                     (stored_lineage == lineage ? "" : " of lineage " + stored_lineage),
                 "another run wrote it meanwhile; run plan again"};
  }
  JournalRecord record;
  record.lineage = lineage;
  record.serial = expected_serial + 1;
  record.tool_version = GG_TOOL_VERSION;
  record.updated_at = now_iso8601_utc();
  record.last_operation = operation;
  record.changes = changes;
  if (Errors violations = schema_.violations(journal_check_document(record), describe());
      !violations.empty()) {
    for (Error& error : violations) {
      error.message = "refusing to record a change that " + error.message;
      error.hint = "this is a bug in glitchtip-gitops; please report it with the message";
    }
    return violations;
  }
  const std::string text = journal_record_text(record);
  auto inserted = db.run(
      "INSERT INTO glitchtip_gitops.journal (name, serial, lineage, record, sha256)"
      " VALUES ($1, $2, $3, $4, $5)",
      {name, std::to_string(record.serial), lineage, text, sha256_hex(text)}, doing);
  if (!inserted.ok()) return inserted.errors();
  Snapshot written;
  written.lineage = lineage;
  written.serial = record.serial;
  written.tool_version = record.tool_version;
  written.updated_at = record.updated_at;
  written.last_operation = operation;
  return written;
}

Result<Snapshot> PostgresSnapshotStore::write_in_transaction(const PostgresConnection& db,
                                                             Snapshot next,
                                                             int64_t expected_serial) {
  const std::string& name = location_.state_name;
  const std::string doing = "writing the snapshot";
  if (Status held = check_lock_row(db); !held.ok()) return held.errors();
  // A journal is folded first, so that the version this write replaces is kept whole.
  if (Status folded = fold_in_transaction(db); !folded.ok()) return folded.errors();
  auto stored = db.run(std::string("SELECT lineage, serial, updated_by, ") + kUtc +
                           " FROM glitchtip_gitops.states WHERE name = $1 FOR UPDATE",
                       {name}, doing);
  if (!stored.ok()) return stored.errors();
  const bool exists = !stored->empty();
  const std::string stored_lineage = exists ? text_or_empty(stored->at(0, 0)) : "";
  const int64_t stored_serial = exists ? number_or_zero(stored->at(0, 1)) : 0;
  if (stored_serial != expected_serial) {
    const std::string by = exists ? " (written by " + text_or_empty(stored->at(0, 2)) + " at " +
                                        text_or_empty(stored->at(0, 3)) + ")"
                                  : "";
    return Error{describe(),
                 "changed since it was read: serial " + std::to_string(expected_serial) + " → " +
                     std::to_string(stored_serial) + by,
                 "another run wrote it meanwhile; run plan again"};
  }
  if (exists && !next.lineage.empty() && next.lineage != stored_lineage) {
    return Error{describe(),
                 "belongs to lineage " + stored_lineage + ", but this write continues lineage " +
                     next.lineage + ": they are different states",
                 "check --snapshot and GLITCHTIP_GITOPS_SNAPSHOT (and the #NAME); run plan "
                 "again against " +
                     describe()};
  }
  next.format_version = kSnapshotFormatVersion;
  next.lineage = exists ? stored_lineage : (next.lineage.empty() ? random_uuid() : next.lineage);
  // Never lower than the snapshot says: a pushed file keeps its serial.
  next.serial = std::max(expected_serial + 1, next.serial);
  next.tool_version = GG_TOOL_VERSION;
  next.updated_at = now_iso8601_utc();
  const std::string text = snapshot_text(next);
  auto checked = snapshot_from_text(text, describe(), schema_);
  if (!checked.ok()) {
    Errors errors = checked.errors();
    for (Error& error : errors) {
      error.message = "refusing to write a snapshot that " + error.message;
      error.hint = "this is a bug in glitchtip-gitops; please report it with the message";
    }
    return errors;
  }
  const std::vector<std::string> row = {
      name,         next.lineage,   std::to_string(next.serial),    text, sha256_hex(text),
      updated_by(), stored_lineage, std::to_string(expected_serial)};
  if (exists) {
    auto kept = db.run(
        "INSERT INTO glitchtip_gitops.versions"
        " SELECT name, lineage, serial, snapshot, sha256, updated_at, updated_by"
        " FROM glitchtip_gitops.states WHERE name = $1 ON CONFLICT (name, serial) DO NOTHING",
        {name}, doing);
    if (!kept.ok()) return kept.errors();
    auto updated = db.run(
        "UPDATE glitchtip_gitops.states SET lineage = $2, serial = $3, snapshot = $4,"
        " sha256 = $5, updated_at = now(), updated_by = $6"
        " WHERE name = $1 AND lineage = $7 AND serial = $8",
        row, doing);
    if (!updated.ok()) return updated.errors();
    if (updated->affected != 1) {
      return Error{describe(), "changed while it was being written", "run plan again"};
    }
    if (Status pruned = prune_versions(db); !pruned.ok()) return pruned.errors();
  } else {
    auto inserted = db.run(
        "INSERT INTO glitchtip_gitops.states (name, lineage, serial, snapshot, sha256,"
        " updated_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING",
        std::vector<std::string>(row.begin(), row.begin() + 6), doing);
    if (!inserted.ok()) return inserted.errors();
    if (inserted->affected != 1) {
      return Error{describe(), "was created by another run while this one was writing it",
                   "run plan again"};
    }
  }
  return checked;
}

Result<LockInfo> PostgresSnapshotStore::lock(const std::string& operation, milliseconds timeout) {
  if (!held_lock_id_.empty()) {
    return Error{describe(), "this run already holds the lock " + held_lock_id_, ""};
  }
  auto db = connection();
  if (!db.ok()) return db.errors();
  const std::string& name = location_.state_name;
  const std::string doing = "taking the snapshot lock";
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + timeout;
  milliseconds delay = kFirstPollDelay;
  while (true) {
    auto taken = (*db)->run("SELECT pg_try_advisory_lock" + kKey, {name}, doing);
    if (!taken.ok()) return taken.errors();
    if (taken->at(0, 0) == std::optional<std::string>("t")) break;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return locked_error(std::chrono::duration_cast<milliseconds>(now - start));
    }
    std::this_thread::sleep_for(
        std::min<milliseconds>(delay, std::chrono::duration_cast<milliseconds>(deadline - now)));
    delay = std::min(delay * 2, kLongestPollDelay);
  }
  const LockInfo info = lock_info_for_this_process(operation);
  auto noted = (*db)->run(
      "INSERT INTO glitchtip_gitops.locks (name, lock_id, key, backend_pid, operation, who, host,"
      " pid, created_at) VALUES ($1, $2, hashtext($1), pg_backend_pid(), $3, $4, $5, $6, $7)"
      " ON CONFLICT (name) DO UPDATE SET lock_id = EXCLUDED.lock_id, key = EXCLUDED.key,"
      " backend_pid = EXCLUDED.backend_pid, operation = EXCLUDED.operation, who = EXCLUDED.who,"
      " host = EXCLUDED.host, pid = EXCLUDED.pid, created_at = EXCLUDED.created_at",
      {name, info.id, info.operation, info.who, info.host, std::to_string(info.pid),
       info.created_at},
      doing);
  if (!noted.ok()) {
    (void)(*db)->run("SELECT pg_advisory_unlock" + kKey, {name}, doing);
    return noted.errors();
  }
  held_lock_id_ = info.id;
  return info;
}

Error PostgresSnapshotStore::locked_error(milliseconds waited) const {
  const std::string after = waited.count() > 0 ? " (waited " + seconds_text(waited) + ")" : "";
  const auto current = current_holder();
  if (!current.ok()) return current.error();
  if (!current->has_value()) {
    return Error{describe(), "the snapshot was locked by another run" + after, "try again"};
  }
  const Holder& holder = **current;
  if (holder.info.id.empty()) {
    return Error{describe(),
                 "the snapshot is locked by PostgreSQL backend " +
                     std::to_string(holder.backend_pid) + ", which is still noting its details" +
                     after,
                 "try again in a moment"};
  }
  return Error{describe(), "the snapshot is locked by " + describe_lock_holder(holder.info) + after,
               "wait for it to finish (or give a longer --lock-timeout); PostgreSQL releases "
               "the lock by itself when that run's connection ends. If that run hangs, "
               "`glitchtip-gitops force-unlock " +
                   holder.info.id + "` ends its database session"};
}

Result<std::optional<PostgresSnapshotStore::Holder>> PostgresSnapshotStore::current_holder() const {
  auto db = connection();
  if (!db.ok()) return db.errors();
  auto rows = (*db)->run(kHolder, {location_.state_name}, "looking up the lock holder");
  if (!rows.ok()) return rows.errors();
  if (rows->empty()) return std::optional<Holder>();
  Holder holder;
  holder.backend_pid = number_or_zero(rows->at(0, 0));
  holder.info.id = text_or_empty(rows->at(0, 1));
  holder.info.operation = text_or_empty(rows->at(0, 2));
  holder.info.who = text_or_empty(rows->at(0, 3));
  holder.info.host = text_or_empty(rows->at(0, 4));
  holder.info.pid = number_or_zero(rows->at(0, 5));
  holder.info.created_at = text_or_empty(rows->at(0, 6));
  return std::optional<Holder>(std::move(holder));
}

Result<std::optional<LockInfo>> PostgresSnapshotStore::holder() const {
  auto current = current_holder();
  if (!current.ok()) return current.errors();
  if (!current->has_value()) return std::optional<LockInfo>();
  return std::optional<LockInfo>((*current)->info);
}

Status PostgresSnapshotStore::unlock(const std::string& lock_id) {
  if (!held_lock_id_.empty() && held_lock_id_ == lock_id) {
    // The journal goes into the row before the lock goes; when that fails it stays, and
    // read() still makes it.
    Status folded = fold_journal();
    Status released = release_own_lock(lock_id);
    if (!released.ok()) return released;
    return folded;
  }
  const auto current = current_holder();
  if (!current.ok()) return current.errors();
  if (!current->has_value()) {
    // The lock is gone (its connection ended); a row it left is only a record: clear it.
    auto db = connection();
    if (!db.ok()) return db.errors();
    auto cleared = (*db)->run("DELETE FROM glitchtip_gitops.locks WHERE name = $1 AND lock_id = $2",
                              {location_.state_name, lock_id}, "removing a lock record");
    if (!cleared.ok()) return cleared.errors();
    if (cleared->affected == 1) return {};
    return Error{describe(),
                 "the snapshot is not locked, so there is no lock " + lock_id + " to release", ""};
  }
  if ((*current)->info.id != lock_id) {
    return Error{describe(),
                 "the snapshot is locked by " + describe_lock_holder((*current)->info) +
                     ", not by lock " + lock_id + "; left as it is",
                 "give the lock id that the \"locked by\" message names"};
  }
  return end_other_holder(**current);
}

Status PostgresSnapshotStore::release_own_lock(const std::string& lock_id) {
  held_lock_id_.clear();
  auto db = connection();
  if (!db.ok()) return db.errors();
  const std::string& name = location_.state_name;
  const std::string doing = "releasing the snapshot lock";
  auto cleared = (*db)->run("DELETE FROM glitchtip_gitops.locks WHERE name = $1 AND lock_id = $2",
                            {name, lock_id}, doing);
  if (!cleared.ok()) return cleared.errors();
  auto released = (*db)->run("SELECT pg_advisory_unlock" + kKey, {name}, doing);
  if (!released.ok()) return released.errors();
  if (released->at(0, 0) != std::optional<std::string>("t")) {
    return Error{describe(),
                 "PostgreSQL says this run's connection did not hold the lock " + lock_id,
                 "this is a bug in glitchtip-gitops; please report it with the message"};
  }
  return {};
}

Status PostgresSnapshotStore::end_other_holder(const Holder& holder) {
  auto db = connection();
  if (!db.ok()) return db.errors();
  const std::string pid = std::to_string(holder.backend_pid);
  auto ended = (*db)->run("SELECT pg_terminate_backend($1::integer)", {pid},
                          "ending the session that holds lock " + holder.info.id);
  if (!ended.ok()) {
    Error error = ended.error();
    error.hint = "ask the database owner to run SELECT pg_terminate_backend(" + pid +
                 "), or grant this role pg_signal_backend";
    return error;
  }
  const auto deadline = std::chrono::steady_clock::now() + kTerminationWait;
  while (true) {
    const auto current = current_holder();
    if (!current.ok()) return current.errors();
    if (!current->has_value() || (*current)->backend_pid != holder.backend_pid) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error{describe(),
                   "PostgreSQL backend " + pid + " still holds lock " + holder.info.id + " " +
                       seconds_text(kTerminationWait) + " after it was asked to end",
                   "look at it in pg_stat_activity; the lock is released when it ends"};
    }
    std::this_thread::sleep_for(kFirstPollDelay);
  }
  auto cleared = (*db)->run("DELETE FROM glitchtip_gitops.locks WHERE name = $1 AND lock_id = $2",
                            {location_.state_name, holder.info.id}, "removing a lock record");
  if (!cleared.ok()) return cleared.errors();
  return {};
}

Result<std::vector<SnapshotVersion>> PostgresSnapshotStore::previous_versions() const {
  auto db = connection();
  if (!db.ok()) return db.errors();
  auto rows = (*db)->run(std::string("SELECT serial, lineage, ") + kUtc +
                             ", substring(snapshot from '\"last_operation\": \"([a-z-]*)\"'),"
                             " updated_by FROM glitchtip_gitops.versions WHERE name = $1"
                             " ORDER BY serial DESC",
                         {location_.state_name}, "listing the previous versions");
  if (!rows.ok()) return rows.errors();
  std::vector<SnapshotVersion> versions;
  for (size_t row = 0; row < rows->rows.size(); ++row) {
    versions.push_back({number_or_zero(rows->at(row, 0)), text_or_empty(rows->at(row, 1)),
                        text_or_empty(rows->at(row, 2)), text_or_empty(rows->at(row, 3)),
                        text_or_empty(rows->at(row, 4))});
  }
  return versions;
}

Result<Snapshot> PostgresSnapshotStore::previous_version(int64_t serial) const {
  auto db = connection();
  if (!db.ok()) return db.errors();
  auto rows = (*db)->run(
      "SELECT snapshot, sha256 FROM glitchtip_gitops.versions WHERE name = $1 AND serial = $2",
      {location_.state_name, std::to_string(serial)}, "reading a previous version");
  if (!rows.ok()) return rows.errors();
  const std::string where = describe() + " version " + std::to_string(serial);
  if (rows->empty()) {
    return Error{describe(), "keeps no previous version with serial " + std::to_string(serial),
                 "`glitchtip-gitops state versions` lists the versions kept"};
  }
  const std::string text = text_or_empty(rows->at(0, 0));
  if (sha256_hex(text) != text_or_empty(rows->at(0, 1))) {
    return Error{where, "does not match its sha256: it was changed outside glitchtip-gitops",
                 "choose another version"};
  }
  return snapshot_from_text(text, where, schema_);
}

}  // namespace gg
