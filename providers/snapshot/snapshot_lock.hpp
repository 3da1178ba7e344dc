#pragma once
// SnapshotLock holds a SnapshotStore's lock for a scope and releases it when destroyed, so
// an early return or an error cannot leave the snapshot locked. release() unlocks early and
// reports whether that worked; the destructor cannot report, so it stays silent.

#include <chrono>
#include <string>

#include "planner/result.hpp"
#include "providers/snapshot/snapshot_store.hpp"

namespace gg {

class SnapshotLock {
 public:
  static Result<SnapshotLock> acquire(SnapshotStore& store, const std::string& operation,
                                      std::chrono::milliseconds timeout);

  SnapshotLock(SnapshotLock&& other) noexcept;
  SnapshotLock& operator=(SnapshotLock&& other) noexcept;
  SnapshotLock(const SnapshotLock&) = delete;
  SnapshotLock& operator=(const SnapshotLock&) = delete;
  ~SnapshotLock();

  const LockInfo& info() const { return info_; }
  bool held() const { return store_ != nullptr; }

  // Unlocks now; afterwards the destructor does nothing.
  Status release();

 private:
  SnapshotLock(SnapshotStore* store, LockInfo info) : store_(store), info_(std::move(info)) {}

  SnapshotStore* store_;  // null once released or moved from
  LockInfo info_;
};

}  // namespace gg
