#include "providers/snapshot/snapshot_recorder.hpp"

#include <utility>

namespace gg {

SnapshotRecorder::SnapshotRecorder(SnapshotStore& store, Snapshot base, std::string operation)
    : store_(store), operation_(std::move(operation)), current_(std::move(base)) {}

void SnapshotRecorder::record(const std::function<void(State& recorded)>& change) {
  std::lock_guard lock(mutex_);
  change(current_.recorded);
  ++recorded_sequence_;
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
  writing_ = true;
  const uint64_t covered = recorded_sequence_;
  Snapshot next = current_;
  next.last_operation = operation_;
  const int64_t expected_serial = current_.serial;
  lock.unlock();
  Result<Snapshot> written = store_.write(std::move(next), expected_serial);
  lock.lock();
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

}  // namespace gg
