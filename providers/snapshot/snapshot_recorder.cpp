#include "providers/snapshot/snapshot_recorder.hpp"

#include <utility>

namespace gg {

SnapshotRecorder::SnapshotRecorder(SnapshotStore& store, Snapshot base, std::string operation)
    : store_(store),
      operation_(std::move(operation)),
      journal_(store.keeps_journal()),
      current_(std::move(base)) {
  if (journal_) durable_ = current_.recorded;
  // A journal continues a stored snapshot: the first write of a lineage is a whole one.
  whole_ = current_.lineage.empty();
}

void SnapshotRecorder::record(const std::function<void(State& recorded)>& change) {
  std::lock_guard lock(mutex_);
  change(current_.recorded);
  ++recorded_sequence_;
  whole_ = true;
}

void SnapshotRecorder::record(const std::function<void(State& recorded)>& change,
                              const OrganizationKey& scope) {
  std::lock_guard lock(mutex_);
  change(current_.recorded);
  ++recorded_sequence_;
  if (journal_) changed_.insert(scope);
}

Status SnapshotRecorder::make_durable() {
  std::unique_lock lock(mutex_);
  const uint64_t needed = recorded_sequence_;
  while (true) {
    if (durable_sequence_ >= needed) return {};
    if (write_failed_) return *write_failed_;
    if (!writing_) return write_as_writer(lock);
    written_.wait(lock);
  }
}

// Writes everything recorded so far; called and returns with `lock` held, releases it while
// writing.
Status SnapshotRecorder::write_as_writer(std::unique_lock<std::mutex>& lock) {
  const uint64_t covered = recorded_sequence_;
  writing_ = true;
  Result<Snapshot> written = (!journal_ || whole_) ? write_whole(lock) : append_changes(lock);
  writing_ = false;
  written_.notify_all();
  if (!written.ok()) {
    write_failed_ = written.errors();
    return written.errors();
  }
  // Keep what was recorded meanwhile; take the written bookkeeping (serial, lineage, ...).
  written->recorded = std::move(current_.recorded);
  current_ = std::move(written).value();
  durable_sequence_ = covered;
  return {};
}

Result<Snapshot> SnapshotRecorder::write_whole(std::unique_lock<std::mutex>& lock) {
  Snapshot next = current_;
  next.last_operation = operation_;
  const int64_t expected_serial = current_.serial;
  if (journal_) {
    durable_ = next.recorded;
    changed_.clear();
    whole_ = false;
  }
  lock.unlock();
  Result<Snapshot> written = store_.write(std::move(next), expected_serial);
  lock.lock();
  return written;
}

Result<Snapshot> SnapshotRecorder::append_changes(std::unique_lock<std::mutex>& lock) {
  nlohmann::json changes = nlohmann::json::array();
  for (const OrganizationKey& key : changed_) {
    take_organization_changes(durable_, current_.recorded, key, changes);
  }
  // Appended even when empty: every write is a new version, as a whole write is.
  changed_.clear();
  const int64_t expected_serial = current_.serial;
  const std::string lineage = current_.lineage;
  lock.unlock();
  Result<Snapshot> appended = store_.append(changes, expected_serial, lineage, operation_);
  lock.lock();
  return appended;
}

}  // namespace gg
