#pragma once
// LocalSnapshotStore keeps the snapshot in one local file (docs/design.md §4):
//   FILE          the snapshot, replaced atomically by every write
//   FILE.backup   the version before the last write
//   FILE.lock     present while a run holds the lock; JSON naming the holder
//   FILE.journal  present while an apply runs (or after one was killed): the batches recorded
//                 since FILE was written, one checksummed line each (snapshot_journal.hpp);
//                 read() makes them on FILE, unlock() and the next write fold them into FILE
// A write that is not inside lock() takes the lock for its own duration. The lock file is
// created atomically and exclusively, so two processes (or two hosts sharing a file system
// with working hard links) cannot both hold it.

#include <filesystem>
#include <memory>
#include <string>

#include "providers/snapshot/append_only_file.hpp"
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
  bool keeps_journal() const override { return true; }
  Result<Snapshot> append(const nlohmann::json& changes, int64_t expected_serial,
                          const std::string& lineage, const std::string& operation) override;

  const std::filesystem::path& file() const { return file_; }
  std::filesystem::path backup_file() const;
  std::filesystem::path lock_file() const;
  std::filesystem::path journal_file() const;

 private:
  // The snapshot as read(), and what it took to make it.
  struct Loaded {
    StoredSnapshot stored;
    std::string text;             // its canonical text: FILE's bytes, or FILE with the journal
    bool journal_exists = false;  // FILE.journal is there
    bool journal_made = false;    // and it held records newer than FILE
  };
  // The journal this store appends to, while it holds the lock.
  struct OpenJournal {
    AppendOnlyFile file;
    Snapshot last;          // the bookkeeping of the last version recorded (no `recorded`)
    FileIdentity snapshot;  // FILE as it was when the journal began
    bool broken = false;    // an append failed: its line may be torn, so no more appends
  };

  Result<Loaded> load() const;
  Errors with_recovery_hint(Errors errors) const;
  Status start_journal(int64_t expected_serial, const std::string& lineage);
  Status check_journal_unchanged() const;
  Status fold_journal();
  Status release(const std::string& lock_id);
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
  std::shared_ptr<OpenJournal> journal_;  // null until the first append under a lock
};

}  // namespace gg
