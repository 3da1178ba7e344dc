#pragma once
// SnapshotStore is where the snapshot lives (docs/design.md §4.5): read it; write it only if the
// stored serial is still the one read; lock it; unlock it; say who holds the lock. The
// planner and executor see only this interface, so a shared backend (PostgreSQL) can
// replace the local file without changing them.
//
// The lock guards every write: apply and refresh take it before reading the snapshot they
// will build on and keep it until their last write. A store is used from one thread.
//
// A store may keep a journal (snapshot_journal.hpp): append() records a batch of changes as a
// new version without rewriting the snapshot. read() always gives the snapshot with its
// journal's complete records made, so no reader sees less than what was recorded; the next
// write(), and unlock() of the lock that appended, fold the journal into the snapshot.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "providers/snapshot/lock_info.hpp"
#include "providers/snapshot/snapshot.hpp"

namespace gg {

// A previous version of the snapshot, kept so that a bad write can be undone.
struct SnapshotVersion {
  int64_t serial = 0;
  std::string lineage;
  std::string updated_at;      // ISO-8601 UTC
  std::string last_operation;  // what wrote it
  std::string updated_by;      // user@host, where the store knows it
};

struct StoredSnapshot {
  Snapshot snapshot;    // empty (serial 0, no lineage) when none is stored yet
  bool exists = false;  // false: nothing stored yet (first run)
  std::string sha256;   // of the stored bytes; "" when missing
};

class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;

  // What the store is, for messages: the file path, or the database and table.
  virtual std::string describe() const = 0;

  // The stored snapshot; a missing one is empty with exists == false. A damaged one is an
  // error that says how to recover, never an empty snapshot.
  virtual Result<StoredSnapshot> read() const = 0;

  // Stores `next` with serial = expected_serial + 1 (or next.serial when higher: a pushed
  // snapshot keeps its serial), tool_version and updated_at set, and a
  // fresh lineage when it is the first write and `next` has none; returns what was written.
  // Refused when the stored serial is no longer `expected_serial` or the stored lineage
  // differs from next.lineage (another writer, or another state file), and when another
  // process holds the lock.
  virtual Result<Snapshot> write(Snapshot next, int64_t expected_serial) = 0;

  // Takes the lock for `operation`, waiting up to `timeout` while another holder has it;
  // then fails naming the holder.
  virtual Result<LockInfo> lock(const std::string& operation,
                                std::chrono::milliseconds timeout) = 0;

  // Whether append() records a batch cheaply. When false, a recorder writes the whole
  // snapshot for every batch.
  virtual bool keeps_journal() const { return false; }

  // Records `changes` (paths into the snapshot document with their new values,
  // snapshot_journal.hpp) as version expected_serial + 1 of `lineage`, refused as write()
  // refuses a stale or foreign version. Only under lock(), and only after a first write() or
  // read() of this lineage. Returns the new version's bookkeeping (serial, updated_at, ...),
  // without `recorded`.
  virtual Result<Snapshot> append(const nlohmann::json& changes, int64_t expected_serial,
                                  const std::string& lineage, const std::string& operation) {
    (void)changes, (void)expected_serial, (void)lineage, (void)operation;
    return Error{describe(), "keeps no journal", "this is a bug in glitchtip-gitops"};
  }

  // Releases the lock `lock_id` (this process's, or a stale one: force-unlock). Refused,
  // naming the holder, when the lock held has another id; an error when none is held.
  // Releasing this process's own lock folds a journal into the snapshot first; when that
  // fails, the journal stays (nothing is lost: read() still makes it).
  virtual Status unlock(const std::string& lock_id) = 0;

  // Who holds the lock; nullopt when nobody does.
  virtual Result<std::optional<LockInfo>> holder() const = 0;

  // The previous versions kept (newest first), and one of them by serial: for `state
  // versions` and `state restore`.
  virtual Result<std::vector<SnapshotVersion>> previous_versions() const = 0;
  virtual Result<Snapshot> previous_version(int64_t serial) const = 0;
};

}  // namespace gg
