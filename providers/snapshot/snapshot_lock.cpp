#include "providers/snapshot/snapshot_lock.hpp"

#include <utility>

namespace gg {

Result<SnapshotLock> SnapshotLock::acquire(SnapshotStore& store, const std::string& operation,
                                           std::chrono::milliseconds timeout) {
  auto info = store.lock(operation, timeout);
  if (!info.ok()) return info.errors();
  return SnapshotLock(&store, std::move(info).value());
}

SnapshotLock::SnapshotLock(SnapshotLock&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)), info_(std::move(other.info_)) {}

SnapshotLock& SnapshotLock::operator=(SnapshotLock&& other) noexcept {
  if (this != &other) {
    (void)release();
    store_ = std::exchange(other.store_, nullptr);
    info_ = std::move(other.info_);
  }
  return *this;
}

SnapshotLock::~SnapshotLock() {
  (void)release();
}

Status SnapshotLock::release() {
  if (store_ == nullptr) return {};
  SnapshotStore* store = std::exchange(store_, nullptr);
  return store->unlock(info_.id);
}

}  // namespace gg
