#pragma once
// SnapshotRecorder keeps apply's snapshot: the recorded state in memory, and on disk as often
// as a crash guarantee needs it. An action counts as done only once a snapshot recording it
// is durable, so a crash at any moment leaves a snapshot that matches GlitchTip but for the
// actions in flight.
//
// Writes are group commits. record() changes the state in memory and is cheap;
// make_durable() returns once everything recorded so far is written. The first caller that
// finds its records not yet written becomes the writer: it copies the snapshot, writes it
// without holding the recorder's lock, and wakes the others; a caller arriving while a write
// runs waits for it and, if that write began before its record, takes the next one, which
// covers every record made meanwhile. So parallel workers never queue for one write each.
//
// A write costs the batch, not the snapshot, when the store keeps a journal and the batch's
// records each said which organization they change (OrganizationKey): the writer compares just
// those organizations with what was last made durable and appends the differences as one
// journal record (snapshot_journal.hpp). A record without a scope (drift, adoptions,
// protection: once, before the actions) makes the next write one of the whole snapshot.
//
// After a failed write nothing more is written: every caller whose records are not yet
// durable gets that error (the apply stops). Every method is safe to call from any thread.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "planner/result.hpp"
#include "planner/state.hpp"
#include "providers/snapshot/snapshot_changes.hpp"
#include "providers/snapshot/snapshot_store.hpp"

namespace gg {

class SnapshotRecorder {
 public:
  // `base` is the snapshot as read under the store's lock; every write names `operation`
  // and continues base's serial and lineage.
  SnapshotRecorder(SnapshotStore& store, Snapshot base, std::string operation);

  // Applies `change` to the recorded state, in memory only. `change` may change anything.
  void record(const std::function<void(State& recorded)>& change);

  // The same for a change that touches organization `scope` of its instance and nothing
  // else (it may create or remove it, and create the instance).
  void record(const std::function<void(State& recorded)>& change, const OrganizationKey& scope);

  // Returns once everything recorded before the call is on disk, or the write's error.
  Status make_durable();

 private:
  Status write_as_writer(std::unique_lock<std::mutex>& lock);
  Result<Snapshot> write_whole(std::unique_lock<std::mutex>& lock);
  Result<Snapshot> append_changes(std::unique_lock<std::mutex>& lock);

  SnapshotStore& store_;
  const std::string operation_;
  const bool journal_;                  // the store keeps a journal
  std::mutex mutex_;                    // guards every member below
  std::condition_variable written_;     // notified when a write ends
  Snapshot current_;                    // as recorded; serial and lineage of the last write
  uint64_t recorded_sequence_ = 0;      // records made so far
  uint64_t durable_sequence_ = 0;       // records covered by the last write
  bool writing_ = false;                // a writer is writing, without the lock
  std::optional<Errors> write_failed_;  // the error of the write that failed
  // With a journal: the recorded state as last made durable, the organizations changed since,
  // and whether a change without a scope needs the whole snapshot written.
  State durable_;
  std::set<OrganizationKey> changed_;
  bool whole_ = false;
};

}  // namespace gg
