#include "providers/snapshot/local_snapshot_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "planner/canonical_json.hpp"
#include "providers/snapshot/atomic_file.hpp"
#include "providers/snapshot/random_uuid.hpp"
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

Result<StoredSnapshot> LocalSnapshotStore::read() const {
  const auto bytes = read_file_if_exists(file_);
  if (!bytes.ok()) return bytes.errors();
  if (!bytes->has_value()) return StoredSnapshot{};
  auto snapshot = snapshot_from_text(**bytes, file_.string(), schema_);
  if (!snapshot.ok()) {
    Errors errors = snapshot.errors();
    const std::string recovery = recovery_hint();
    for (Error& error : errors) {
      error.hint = error.hint.empty() ? recovery : error.hint + "; or " + recovery;
    }
    return errors;
  }
  return StoredSnapshot{std::move(snapshot).value(), true, sha256_hex(**bytes)};
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
  // The file as it is now: what this store last wrote when the bytes are unchanged (the
  // usual case under the lock), otherwise read and checked in full.
  const auto bytes = read_file_if_exists(file_);
  if (!bytes.ok()) return bytes.errors();
  const bool unchanged = !last_text_.empty() && bytes->has_value() && **bytes == last_text_;
  const auto current =
      unchanged ? Result<StoredSnapshot>(StoredSnapshot{last_written_, true, ""}) : read();
  if (!current.ok()) return current.errors();
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
  if (Status stored_ok = write_file_atomically(file_, text, backup_file()); !stored_ok.ok()) {
    last_text_.clear();
    return stored_ok.errors();
  }
  last_text_ = text;
  last_written_ = *written;
  return written;
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
