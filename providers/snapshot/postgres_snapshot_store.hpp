#pragma once
// PostgresSnapshotStore keeps the snapshot in a PostgreSQL database (README "The snapshot in
// PostgreSQL"; tables in postgres_schema.hpp), so that every pipeline and runner shares one
// state and one lock:
//   read    the row of the state's name; its sha256 is checked against the stored text
//   write   one transaction: the row is locked (FOR UPDATE), its serial and lineage must be
//           the ones read (compare-and-set), the old row goes to the previous versions, the
//           versions beyond the last ten are dropped
//   append  one transaction: the same lock, compare-and-set on the serial (the row's or its
//           journal's last), then one row in `journal` holding the batch's record
//           (snapshot_journal.hpp); read() makes the journal's rows on the snapshot, and
//           write() and unlock() of the lock that appended fold them into the row
//   lock    a session-level advisory lock on (kStateLockClass, hashtext(name)): PostgreSQL
//           releases it when the holder's connection ends, so a killed run leaves no stale
//           lock. A row in `locks` names the holder; it counts only while the backend it
//           names holds the advisory lock, so a leftover row never names the wrong holder.
//   unlock  this run's lock: pg_advisory_unlock, which must report that it released it.
//           Another run's (force-unlock): its backend is ended (pg_terminate_backend), which
//           releases the lock; a lock that cannot be released is an error, never silence.
// The connection opens on first use and is never re-opened: a lost connection lost the lock.

#include <optional>
#include <string>

#include "providers/snapshot/postgres_connection.hpp"
#include "providers/snapshot/postgres_location.hpp"
#include "providers/snapshot/snapshot_store.hpp"

namespace gg {

class PostgresSnapshotStore : public SnapshotStore {
 public:
  explicit PostgresSnapshotStore(PostgresLocation location);

  std::string describe() const override;
  Result<StoredSnapshot> read() const override;
  Result<Snapshot> write(Snapshot next, int64_t expected_serial) override;
  Result<LockInfo> lock(const std::string& operation, std::chrono::milliseconds timeout) override;
  Status unlock(const std::string& lock_id) override;
  Result<std::optional<LockInfo>> holder() const override;
  Result<std::vector<SnapshotVersion>> previous_versions() const override;
  Result<Snapshot> previous_version(int64_t serial) const override;
  bool keeps_journal() const override { return true; }
  Result<Snapshot> append(const nlohmann::json& changes, int64_t expected_serial,
                          const std::string& lineage, const std::string& operation) override;

 private:
  struct Holder {
    LockInfo info;
    int64_t backend_pid = 0;  // the PostgreSQL backend holding the advisory lock
  };
  Result<const PostgresConnection*> connection() const;
  Result<std::optional<Holder>> current_holder() const;
  Result<Snapshot> write_locked(Snapshot next, int64_t expected_serial);
  Result<Snapshot> write_in_transaction(const PostgresConnection& db, Snapshot next,
                                        int64_t expected_serial);
  Result<Snapshot> append_in_transaction(const PostgresConnection& db,
                                         const nlohmann::json& changes, int64_t expected_serial,
                                         const std::string& lineage, const std::string& operation);
  Status check_lock_row(const PostgresConnection& db) const;
  Result<StoredSnapshot> with_journal(const std::string& text,
                                      const std::string& journal_text) const;
  Status fold_in_transaction(const PostgresConnection& db);
  Status fold_journal();
  Status prune_versions(const PostgresConnection& db) const;
  Status release_own_lock(const std::string& lock_id);
  Status end_other_holder(const Holder& holder);
  Error locked_error(std::chrono::milliseconds waited) const;
  std::string recovery_hint() const;

  PostgresLocation location_;
  SnapshotSchema schema_;
  mutable std::optional<PostgresConnection> connection_;
  std::string held_lock_id_;  // the lock this store took; empty when it holds none
};

}  // namespace gg
