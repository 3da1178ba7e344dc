#pragma once
// LocalSnapshotStore keeps the snapshot in one local file (docs/design.md §4):
//   FILE          the snapshot, replaced atomically by every write
//   FILE.backup   the version before the last write
//   FILE.lock     present while a run holds the lock; JSON naming the holder
// A write that is not inside lock() takes the lock for its own duration. The lock file is
// created atomically and exclusively, so two processes (or two hosts sharing a file system
// with working hard links) cannot both hold it.

#include <filesystem>
#include <string>

#include "providers/snapshot/snapshot_store.hpp"

namespace gg {

class LocalSnapshotStore : public SnapshotStore {
 public:
  explicit LocalSnapshotStore(std::filesystem::path file);

  std::string describe() const override;
  Result<StoredSnapshot> read() const override;
  Result<Snapshot> write(Snapshot next, int64_t expected_serial) override;
  Result<LockInfo> lock(const std::string& operation, std::chrono::milliseconds timeout) override;
  Status unlock(const std::string& lock_id) override;
  Result<std::optional<LockInfo>> holder() const override;
  // The one previous version a file keeps: FILE.backup.
  Result<std::vector<SnapshotVersion>> previous_versions() const override;
  Result<Snapshot> previous_version(int64_t serial) const override;

  const std::filesystem::path& file() const { return file_; }
  std::filesystem::path backup_file() const;
  std::filesystem::path lock_file() const;

 private:
  Result<Snapshot> write_locked(Snapshot next, int64_t expected_serial);
  Status check_lock_still_held() const;
  Error locked_error(std::chrono::milliseconds waited) const;
  std::string recovery_hint() const;

  std::filesystem::path file_;
  SnapshotSchema schema_;
  std::string held_lock_id_;  // the lock this store took; empty when it holds none
  // What this store last wrote: when the file still holds exactly these bytes, the next
  // write needs not parse and validate it again (apply writes after every batch of actions).
  std::string last_text_;
  Snapshot last_written_;
};

}  // namespace gg
