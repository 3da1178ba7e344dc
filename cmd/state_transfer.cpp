#include "cmd/state_transfer.hpp"

#include <iostream>

#include "cmd/exit_code.hpp"
#include "cmd/log.hpp"
#include "cmd/snapshot_location.hpp"
#include "providers/snapshot/atomic_file.hpp"
#include "providers/snapshot/snapshot_lock.hpp"

namespace gg::cmd {
namespace {

struct TransferArguments {
  std::string file;
  int64_t serial = 0;
  bool force = false;
};

int run_pull(const std::string& flag, const Log& log) {
  auto store = open_snapshot_store(flag);
  if (!store.ok()) return log.failed(store.errors());
  auto stored = (*store)->read();
  if (!stored.ok()) return log.failed(stored.errors());
  if (!stored->exists) {
    return log.failed(
        {Error{(*store)->describe(), "holds no snapshot yet",
               "apply or refresh writes the first one; `state push FILE` stores one"}});
  }
  std::cout << snapshot_text(stored->snapshot);
  return kExitSuccess;
}

Result<Snapshot> read_snapshot_file(const std::string& file) {
  const auto bytes = read_file_if_exists(file);
  if (!bytes.ok()) return bytes.errors();
  if (!bytes->has_value()) return Error{file, "does not exist", "give a snapshot file to push"};
  return snapshot_from_text(**bytes, file);
}

// Why pushing `pushed` over `stored` would lose something; "" when it would not.
std::string push_refusal(const Snapshot& pushed, const StoredSnapshot& stored) {
  if (!stored.exists) return "";
  if (stored.snapshot.lineage != pushed.lineage) {
    return "holds another lineage (" + stored.snapshot.lineage + ") than the file (" +
           pushed.lineage + "): it is another state";
  }
  if (stored.snapshot.serial > pushed.serial) {
    return "holds a newer serial (" + std::to_string(stored.snapshot.serial) + ") than the file (" +
           std::to_string(pushed.serial) + ")";
  }
  return "";
}

int run_push(const std::string& flag, const TransferArguments& arguments, const Log& log) {
  auto pushed = read_snapshot_file(arguments.file);
  if (!pushed.ok()) return log.failed(pushed.errors());
  auto store = open_snapshot_store(flag);
  if (!store.ok()) return log.failed(store.errors());
  auto lock = SnapshotLock::acquire(**store, "state-push", std::chrono::milliseconds(0));
  if (!lock.ok()) return log.failed(lock.errors());
  auto stored = (*store)->read();
  if (!stored.ok()) return log.failed(stored.errors());
  if (const std::string refusal = push_refusal(*pushed, *stored);
      !refusal.empty() && !arguments.force) {
    return log.failed({Error{(*store)->describe(), refusal + "; nothing was pushed",
                             "check --snapshot and the file; --force replaces the stored snapshot "
                             "(the replaced one stays among the previous versions)"}});
  }
  Snapshot next = std::move(pushed).value();
  const std::string file_lineage = next.lineage;
  const int64_t file_serial = next.serial;
  if (stored->exists) next.lineage = stored->snapshot.lineage;  // a forced push keeps the slot's
  next.last_operation = "state-push";
  auto written = (*store)->write(std::move(next), stored->snapshot.serial);
  if (!written.ok()) return log.failed(written.errors());
  if (Status released = lock->release(); !released.ok()) return log.failed(released.errors());
  std::cout << "Stored " << arguments.file << " (lineage " << file_lineage << ", serial "
            << file_serial << ") in " << (*store)->describe() << " as serial " << written->serial
            << ". Plans made before are stale: run plan again.\n";
  return kExitSuccess;
}

int run_versions(const std::string& flag, const Log& log) {
  auto store = open_snapshot_store(flag);
  if (!store.ok()) return log.failed(store.errors());
  auto stored = (*store)->read();
  if (!stored.ok()) return log.failed(stored.errors());
  if (!stored->exists) {
    log.info("There is no snapshot yet in " + (*store)->describe() + ".");
    return kExitSuccess;
  }
  const Snapshot& now = stored->snapshot;
  std::cout << "serial " << now.serial << "  " << now.updated_at << "  " << now.last_operation
            << "  (current)\n";
  auto versions = (*store)->previous_versions();
  if (!versions.ok()) return log.failed(versions.errors());
  for (const SnapshotVersion& version : *versions) {
    std::cout << "serial " << version.serial << "  " << version.updated_at << "  "
              << version.last_operation
              << (version.updated_by.empty() ? "" : "  by " + version.updated_by)
              << (version.lineage == now.lineage ? "" : "  (lineage " + version.lineage + ")")
              << "\n";
  }
  return kExitSuccess;
}

int run_restore(const std::string& flag, const TransferArguments& arguments, const Log& log) {
  auto store = open_snapshot_store(flag);
  if (!store.ok()) return log.failed(store.errors());
  auto lock = SnapshotLock::acquire(**store, "state-restore", std::chrono::milliseconds(0));
  if (!lock.ok()) return log.failed(lock.errors());
  auto stored = (*store)->read();
  if (!stored.ok()) return log.failed(stored.errors());
  auto previous = (*store)->previous_version(arguments.serial);
  if (!previous.ok()) return log.failed(previous.errors());
  Snapshot next = std::move(previous).value();
  next.lineage = stored->snapshot.lineage;
  next.last_operation = "state-restore";
  auto written = (*store)->write(std::move(next), stored->snapshot.serial);
  if (!written.ok()) return log.failed(written.errors());
  if (Status released = lock->release(); !released.ok()) return log.failed(released.errors());
  std::cout << "Restored serial " << arguments.serial << " of " << (*store)->describe()
            << " as serial " << written->serial << " (serial " << stored->snapshot.serial
            << " is kept as a previous version). Run plan again.\n";
  return kExitSuccess;
}

}  // namespace

void add_state_transfer_commands(CLI::App& state,
                                 const std::shared_ptr<const std::string>& snapshot,
                                 CommandContext& context) {
  auto arguments = std::make_shared<TransferArguments>();
  CLI::App* pull =
      state.add_subcommand("pull", "Print the stored snapshot (to move or back it up).");
  pull->callback(
      [snapshot, &context] { context.exit_code = run_pull(*snapshot, log_of(context)); });

  CLI::App* push = state.add_subcommand(
      "push",
      "Store a snapshot file in the configured backend (e.g. from a file into PostgreSQL).\n"
      "Refused when the backend holds another lineage or a newer serial, unless --force.");
  push->add_option("file", arguments->file, "The snapshot file to store")->required();
  push->add_flag("--force", arguments->force,
                 "Replace whatever is stored (it stays among the previous versions)");
  push->callback([snapshot, arguments, &context] {
    context.exit_code = run_push(*snapshot, *arguments, log_of(context));
  });

  CLI::App* versions =
      state.add_subcommand("versions", "List the current and the previous versions kept.");
  versions->callback(
      [snapshot, &context] { context.exit_code = run_versions(*snapshot, log_of(context)); });

  CLI::App* restore = state.add_subcommand(
      "restore", "Make a previous version (by serial, see `state versions`) current again.");
  restore->add_option("serial", arguments->serial, "The serial to bring back")->required();
  restore->callback([snapshot, arguments, &context] {
    context.exit_code = run_restore(*snapshot, *arguments, log_of(context));
  });
}

}  // namespace gg::cmd
