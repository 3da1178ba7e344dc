#include "providers/snapshot/local_snapshot_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "planner/canonical_json.hpp"
#include "providers/snapshot/atomic_file.hpp"
#include "providers/snapshot/random_uuid.hpp"
#include "providers/snapshot/snapshot_journal.hpp"
#include "providers/snapshot/utc_time.hpp"

namespace gg {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr milliseconds kFirstPollDelay{10};
constexpr milliseconds kLongestPollDelay{500};

std::string seconds_text(milliseconds duration) {
  const auto tenths = duration.count() / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + "s";
}

}  // namespace

LocalSnapshotStore::LocalSnapshotStore(fs::path file) : file_(std::move(file)) {}

std::string LocalSnapshotStore::describe() const {
  return file_.string();
}

fs::path LocalSnapshotStore::backup_file() const {
  return fs::path(file_.string() + ".backup");
}

fs::path LocalSnapshotStore::lock_file() const {
  return fs::path(file_.string() + ".lock");
}

fs::path LocalSnapshotStore::journal_file() const {
  return fs::path(file_.string() + ".journal");
}

std::string LocalSnapshotStore::recovery_hint() const {
  const std::string file = file_.string();
  const std::string backup = backup_file().string();
  const std::string refresh =
      "move " + file +
      " aside and run `glitchtip-gitops refresh` to record GlitchTip's live "
      "state again";
  const auto backup_bytes = read_file_if_exists(backup_file());
  if (backup_bytes.ok() && backup_bytes->has_value()) {
    const auto previous = snapshot_from_text(**backup_bytes, backup, schema_);
    if (previous.ok()) {
      return "restore the previous version (serial " + std::to_string(previous->serial) +
             ", written by " + previous->last_operation + " at " + previous->updated_at +
             ") with `cp " + backup + " " + file + "`, or " + refresh;
    }
  }
  return "there is no usable " + backup + " to restore; " + refresh;
}

Errors LocalSnapshotStore::with_recovery_hint(Errors errors) const {
  const std::string recovery = recovery_hint();
  for (Error& error : errors) {
    error.hint = error.hint.empty() ? recovery : error.hint + "; or " + recovery;
  }
  return errors;
}

Result<LocalSnapshotStore::Loaded> LocalSnapshotStore::load() const {
  // The journal before the snapshot: a fold renames the folded snapshot into place before it
  // removes the journal, so reading in this order never misses a record.
  const auto journal_bytes = read_file_if_exists(journal_file());
  if (!journal_bytes.ok()) return journal_bytes.errors();
  const auto bytes = read_file_if_exists(file_);
  if (!bytes.ok()) return bytes.errors();
  Loaded loaded;
  loaded.journal_exists = journal_bytes->has_value();
  if (!bytes->has_value()) {
    if (loaded.journal_exists && !(*journal_bytes)->empty()) {
      return Error{journal_file().string(), "is a journal without its snapshot " + file_.string(),
                   "the snapshot was moved or deleted: put it back, or move the journal aside"};
    }
    return loaded;
  }
  if (!loaded.journal_exists) {
    auto snapshot = snapshot_from_text(**bytes, file_.string(), schema_);
    if (!snapshot.ok()) return with_recovery_hint(snapshot.errors());
    loaded.text = **bytes;
    loaded.stored = StoredSnapshot{std::move(snapshot).value(), true, sha256_hex(loaded.text)};
    return loaded;
  }
  const auto journal = parse_journal(**journal_bytes, journal_file().string());
  if (!journal.ok()) return journal.errors();
  auto document = snapshot_document_from_text(**bytes, file_.string());
  if (!document.ok()) return with_recovery_hint(document.errors());
  const auto made = replay_journal(*document, journal->records, journal_file().string());
  if (!made.ok()) return made.errors();
  loaded.journal_made = *made > 0;
  const std::string where = loaded.journal_made
                                ? file_.string() + " (with " + journal_file().string() + ")"
                                : file_.string();
  auto snapshot = snapshot_from_json(*document, where, schema_);
  if (!snapshot.ok()) return with_recovery_hint(snapshot.errors());
  loaded.text = loaded.journal_made ? snapshot_text(*snapshot) : **bytes;
  loaded.stored = StoredSnapshot{std::move(snapshot).value(), true, sha256_hex(loaded.text)};
  return loaded;
}

Result<StoredSnapshot> LocalSnapshotStore::read() const {
  auto loaded = load();
  if (!loaded.ok()) return loaded.errors();
  return std::move(loaded->stored);
}

Result<Snapshot> LocalSnapshotStore::write(Snapshot next, int64_t expected_serial) {
  if (!held_lock_id_.empty()) {
    if (Status held = check_lock_still_held(); !held.ok()) return held.errors();
    return write_locked(std::move(next), expected_serial);
  }
  const std::string operation = next.last_operation.empty() ? "write" : next.last_operation;
  const auto taken = lock(operation, milliseconds(0));
  if (!taken.ok()) return taken.errors();
  auto written = write_locked(std::move(next), expected_serial);
  const Status released = unlock(taken->id);
  if (!written.ok()) return written;
  if (!released.ok()) return released.errors();
  return written;
}

Result<Snapshot> LocalSnapshotStore::write_locked(Snapshot next, int64_t expected_serial) {
  const std::string where = file_.string();
  if (next.last_operation.empty()) {
    return Error{where, "a snapshot write must name its operation (apply, refresh, ...)", ""};
  }
  // The file as it is now: what this store last wrote when the bytes are unchanged and no
  // journal continues it (the usual case under the lock), otherwise read and checked in full.
  const bool journal_present = journal_ != nullptr || fs::exists(journal_file());
  const auto bytes = read_file_if_exists(file_);
  if (!bytes.ok()) return bytes.errors();
  const bool unchanged =
      !journal_present && !last_text_.empty() && bytes->has_value() && **bytes == last_text_;
  auto loaded = unchanged ? Result<Loaded>(Loaded{StoredSnapshot{last_written_, true, ""},
                                                  last_text_, false, false})
                          : load();
  if (!loaded.ok()) return loaded.errors();
  const StoredSnapshot* current = &loaded->stored;
  const Snapshot& stored = current->snapshot;
  if (stored.serial != expected_serial) {
    return Error{where,
                 "changed since it was read: serial " + std::to_string(expected_serial) + " → " +
                     std::to_string(stored.serial) + " (written by " + stored.last_operation +
                     " at " + stored.updated_at + ")",
                 "another run wrote it meanwhile; run plan again"};
  }
  if (current->exists && !next.lineage.empty() && next.lineage != stored.lineage) {
    return Error{where,
                 "belongs to lineage " + stored.lineage + ", but this write continues lineage " +
                     next.lineage + ": they are different state files",
                 "check --snapshot and GLITCHTIP_GITOPS_SNAPSHOT; run plan again against " + where};
  }
  next.format_version = kSnapshotFormatVersion;
  next.lineage =
      current->exists ? stored.lineage : (next.lineage.empty() ? random_uuid() : next.lineage);
  // Never lower than the snapshot says: a pushed file keeps its serial.
  next.serial = std::max(expected_serial + 1, next.serial);
  next.tool_version = GG_TOOL_VERSION;
  next.updated_at = now_iso8601_utc();
  const std::string text = snapshot_text(next);
  // Never store what could not be read back: check the new text as a reader will.
  auto written = snapshot_from_text(text, where, schema_);
  if (!written.ok()) {
    Errors errors = written.errors();
    for (Error& error : errors) {
      error.message = "refusing to write a snapshot that " + error.message;
      error.hint = "this is a bug in glitchtip-gitops; please report it with the message";
    }
    return errors;
  }
  // The version replaced is the backup: FILE itself, or FILE with its journal made.
  const Status stored_ok =
      loaded->journal_made
          ? [&] {
              Status kept = write_file_atomically(backup_file(), loaded->text);
              return kept.ok() ? write_file_atomically(file_, text) : kept;
            }()
          : write_file_atomically(file_, text, backup_file());
  if (!stored_ok.ok()) {
    last_text_.clear();
    return stored_ok.errors();
  }
  last_text_ = text;
  last_written_ = *written;
  if (journal_present) {
    // Folded: every record is at or below the new serial, so a crash before the removal
    // leaves a journal that read() skips.
    journal_.reset();
    if (Status removed = remove_file_durably(journal_file()); !removed.ok()) {
      return removed.errors();
    }
  }
  return written;
}

Result<Snapshot> LocalSnapshotStore::append(const nlohmann::json& changes, int64_t expected_serial,
                                            const std::string& lineage,
                                            const std::string& operation) {
  const std::string where = journal_file().string();
  if (held_lock_id_.empty()) {
    return Error{where, "a journal record was made without the lock",
                 "this is a bug in glitchtip-gitops; please report it with the message"};
  }
  if (Status held = check_lock_still_held(); !held.ok()) return held.errors();
  if (!journal_) {
    if (Status started = start_journal(expected_serial, lineage); !started.ok()) {
      return started.errors();
    }
  } else if (Status same = check_journal_unchanged(); !same.ok()) {
    return same.errors();
  }
  OpenJournal& journal = *journal_;
  if (journal.last.serial != expected_serial || journal.last.lineage != lineage) {
    return Error{file_.string(),
                 "changed since it was read: serial " + std::to_string(expected_serial) + " → " +
                     std::to_string(journal.last.serial) + " of lineage " + journal.last.lineage,
                 "another run wrote it meanwhile; run plan again"};
  }
  JournalRecord record;
  record.lineage = lineage;
  record.serial = expected_serial + 1;
  record.tool_version = GG_TOOL_VERSION;
  record.updated_at = now_iso8601_utc();
  record.last_operation = operation;
  record.changes = changes;
  // Never record what could not be read back, as write() never stores it.
  if (Errors violations = schema_.violations(journal_check_document(record), where);
      !violations.empty()) {
    for (Error& error : violations) {
      error.message = "refusing to record a change that " + error.message;
      error.hint = "this is a bug in glitchtip-gitops; please report it with the message";
    }
    return violations;
  }
  if (Status appended = journal.file.append(journal_line(record)); !appended.ok()) {
    journal.broken = true;
    return appended.errors();
  }
  journal.last.serial = record.serial;
  journal.last.tool_version = record.tool_version;
  journal.last.updated_at = record.updated_at;
  journal.last.last_operation = record.last_operation;
  return journal.last;
}

// The first record of this run: the snapshot must be the version the recorder continues; a
// journal a killed run left is folded first, so that this run's journal holds only its own
// complete records.
Status LocalSnapshotStore::start_journal(int64_t expected_serial, const std::string& lineage) {
  auto loaded = load();
  if (!loaded.ok()) return loaded.errors();
  const Snapshot& stored = loaded->stored.snapshot;
  if (!loaded->stored.exists || stored.serial != expected_serial || stored.lineage != lineage) {
    return Error{file_.string(),
                 "changed since it was read: serial " + std::to_string(expected_serial) + " → " +
                     std::to_string(stored.serial) +
                     (stored.lineage == lineage ? "" : " of lineage " + stored.lineage),
                 "another run wrote it meanwhile; run plan again"};
  }
  if (loaded->journal_exists) {
    if (loaded->journal_made) {
      if (Status folded = write_file_atomically(file_, loaded->text, backup_file()); !folded.ok()) {
        return folded;
      }
    }
    if (Status removed = remove_file_durably(journal_file()); !removed.ok()) return removed;
  }
  auto created = AppendOnlyFile::create(journal_file());
  if (!created.ok()) return created.errors();
  auto identity = file_identity(file_);
  if (!identity.ok()) return identity.errors();
  Snapshot last;
  last.lineage = stored.lineage;
  last.serial = stored.serial;
  last.tool_version = stored.tool_version;
  last.updated_at = stored.updated_at;
  last.last_operation = stored.last_operation;
  journal_ = std::make_shared<OpenJournal>(
      OpenJournal{std::move(created).value(), std::move(last), *identity, false});
  return {};
}

Status LocalSnapshotStore::check_journal_unchanged() const {
  if (journal_->broken) {
    return Error{journal_file().string(), "a record could not be appended before; refusing more",
                 "fix the cause (disk space?) and run plan again"};
  }
  const auto journal_same = journal_->file.unchanged();
  if (!journal_same.ok()) return journal_same.errors();
  const auto snapshot_now = file_identity(file_);
  if (!snapshot_now.ok()) return snapshot_now.errors();
  if (*journal_same && *snapshot_now == journal_->snapshot) return {};
  return Error{*journal_same ? file_.string() : journal_file().string(),
               "was changed by another program while this run held the lock; refusing to record "
               "more",
               "nothing else may write the snapshot or its journal while apply runs; run plan "
               "again"};
}

// Makes FILE hold what FILE and its journal hold, at the same serial (a fold makes no new
// version), and removes the journal. FILE.backup becomes the version before the journal's
// records: before the apply that wrote them.
Status LocalSnapshotStore::fold_journal() {
  auto loaded = load();
  if (!loaded.ok()) return loaded.errors();
  if (loaded->journal_made) {
    if (Status folded = write_file_atomically(file_, loaded->text, backup_file()); !folded.ok()) {
      return folded;
    }
    last_text_ = loaded->text;
    last_written_ = loaded->stored.snapshot;
  }
  journal_.reset();
  if (!loaded->journal_exists) return {};
  return remove_file_durably(journal_file());
}

Status LocalSnapshotStore::check_lock_still_held() const {
  const auto current = holder();
  if (!current.ok()) return current.errors();
  if (current->has_value() && (*current)->id == held_lock_id_) return {};
  const std::string now_held = current->has_value()
                                   ? "it is now held by " + describe_lock_holder(**current)
                                   : "nobody holds it now";
  return Error{lock_file().string(),
               "the lock this run took (" + held_lock_id_ + ") was released by someone else (" +
                   now_held + "); refusing to write",
               "someone ran force-unlock while this run was working; run plan again"};
}

Result<LockInfo> LocalSnapshotStore::lock(const std::string& operation, milliseconds timeout) {
  if (!held_lock_id_.empty()) {
    return Error{lock_file().string(), "this run already holds the lock " + held_lock_id_, ""};
  }
  const LockInfo info = lock_info_for_this_process(operation);
  const std::string text = lock_info_to_json(info).dump(2) + "\n";
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + timeout;
  milliseconds delay = kFirstPollDelay;
  while (true) {
    const auto created = create_file_exclusively(lock_file(), text);
    if (!created.ok()) return created.errors();
    if (*created) {
      held_lock_id_ = info.id;
      return info;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return locked_error(std::chrono::duration_cast<milliseconds>(now - start));
    }
    std::this_thread::sleep_for(
        std::min<milliseconds>(delay, std::chrono::duration_cast<milliseconds>(deadline - now)));
    delay = std::min(delay * 2, kLongestPollDelay);
  }
}

Error LocalSnapshotStore::locked_error(milliseconds waited) const {
  const std::string lock_path = lock_file().string();
  const std::string after = waited.count() > 0 ? " (waited " + seconds_text(waited) + ")" : "";
  const auto current = holder();
  if (!current.ok()) {
    return Error{lock_path,
                 "the snapshot is locked" + after +
                     ", and its lock file cannot be read: " + current.error().message,
                 "if no glitchtip-gitops command is running, delete " + lock_path};
  }
  if (!current->has_value()) {
    return Error{lock_path, "the snapshot was locked by another run" + after, "try again"};
  }
  const LockInfo& info = **current;
  const std::string stale = lock_holder_is_gone(info)
                                ? "; no process " + std::to_string(info.pid) +
                                      " runs on this host any more, so the lock is stale"
                                : "";
  return Error{file_.string(),
               "the snapshot is locked by " + describe_lock_holder(info) + after + stale,
               "wait for it to finish (or give a longer --lock-timeout), or if that process is "
               "gone run `glitchtip-gitops force-unlock " +
                   info.id + "`"};
}

Status LocalSnapshotStore::unlock(const std::string& lock_id) {
  // The journal (this run's, or one a killed run left) goes into the snapshot before the lock
  // goes, so the next run starts from one file. Not when the lock was taken away meanwhile:
  // then another run may be writing.
  Status folded;
  if (held_lock_id_ == lock_id && (journal_ || fs::exists(journal_file()))) {
    folded = check_lock_still_held();
    if (folded.ok()) folded = fold_journal();
    journal_.reset();
  }
  Status released = release(lock_id);
  if (!released.ok()) return released;
  return folded;
}

Status LocalSnapshotStore::release(const std::string& lock_id) {
  const std::string lock_path = lock_file().string();
  const auto current = holder();
  if (!current.ok()) return current.errors();
  if (!current->has_value()) {
    if (held_lock_id_ == lock_id) held_lock_id_.clear();
    return Error{lock_path,
                 "the snapshot is not locked, so there is no lock " + lock_id + " to release", ""};
  }
  if ((*current)->id != lock_id) {
    return Error{lock_path,
                 "the snapshot is locked by " + describe_lock_holder(**current) + ", not by lock " +
                     lock_id + "; left as it is",
                 "give the lock id that the \"locked by\" message names"};
  }
  if (::unlink(lock_file().c_str()) != 0 && errno != ENOENT) {
    return Error{lock_path, std::string("cannot remove the lock file: ") + std::strerror(errno),
                 "check that the directory is writable"};
  }
  if (held_lock_id_ == lock_id) held_lock_id_.clear();
  return {};
}

Result<std::optional<LockInfo>> LocalSnapshotStore::holder() const {
  const std::string lock_path = lock_file().string();
  const auto bytes = read_file_if_exists(lock_file());
  if (!bytes.ok()) return bytes.errors();
  if (!bytes->has_value()) return std::optional<LockInfo>();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(**bytes);
  } catch (const nlohmann::json::parse_error&) {
    return Error{lock_path, "is not a glitchtip-gitops lock file (it is not JSON)",
                 "if no glitchtip-gitops command is running, delete it"};
  }
  auto info = lock_info_from_json(document, lock_path);
  if (!info.ok()) return info.errors();
  return std::optional<LockInfo>(std::move(info).value());
}

Result<std::vector<SnapshotVersion>> LocalSnapshotStore::previous_versions() const {
  const auto bytes = read_file_if_exists(backup_file());
  if (!bytes.ok()) return bytes.errors();
  if (!bytes->has_value()) return std::vector<SnapshotVersion>{};
  auto previous = snapshot_from_text(**bytes, backup_file().string(), schema_);
  if (!previous.ok()) return previous.errors();
  return std::vector<SnapshotVersion>{
      {previous->serial, previous->lineage, previous->updated_at, previous->last_operation, ""}};
}

Result<Snapshot> LocalSnapshotStore::previous_version(int64_t serial) const {
  const auto bytes = read_file_if_exists(backup_file());
  if (!bytes.ok()) return bytes.errors();
  if (bytes->has_value()) {
    auto previous = snapshot_from_text(**bytes, backup_file().string(), schema_);
    if (!previous.ok()) return previous.errors();
    if (previous->serial == serial) return previous;
  }
  return Error{backup_file().string(), "holds no version with serial " + std::to_string(serial),
               "`glitchtip-gitops state versions` lists the versions kept"};
}

}  // namespace gg
