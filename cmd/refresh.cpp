// `glitchtip-gitops refresh`: record what GlitchTip has now in the snapshot, without
// changing GlitchTip (docs/design.md §8). It is a refresh-only plan, applied at once.

#include <iostream>

#include "cmd/commands.hpp"
#include "cmd/common_options.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/instance_providers.hpp"
#include "cmd/live_read.hpp"
#include "cmd/log.hpp"
#include "cmd/plan_output.hpp"
#include "cmd/process_protection.hpp"
#include "cmd/snapshot_location.hpp"
#include "cmd/terminal.hpp"
#include "planner/plan_wording.hpp"
#include "planner/planner.hpp"
#include "planner/record_findings.hpp"
#include "providers/definitions/alert_secrets.hpp"
#include "providers/definitions/definitions.hpp"
#include "providers/snapshot/snapshot_lock.hpp"
#include "providers/snapshot/utc_time.hpp"

namespace gg::cmd {
namespace {

struct RefreshArguments {
  std::string directory = ".";
  std::string snapshot;
  std::vector<std::string> instances;
  int parallelism = 8;
  double lock_timeout_seconds = 60;
  bool no_color = false;
};

int run_refresh(const RefreshArguments& arguments, const Log& log) {
  log.debug(process_protection_status());
  Result<Definitions> definitions = load_definitions(arguments.directory);
  if (!definitions.ok()) return log.failed(definitions.errors());
  for (const Error& warning : definitions->warnings) log.warn(warning.to_string());
  // alerts kind: as plan does, so that a secret webhook compares by its digest, not as missing.
  if (Status secrets = resolve_alert_secrets(definitions->desired); !secrets.ok()) {
    return log.failed(secrets.errors());
  }
  Result<std::map<std::string, InstanceSettings>> instances =
      instances_in_scope(definitions->desired, arguments.instances);
  if (!instances.ok()) return log.failed(instances.errors());
  Result<std::unique_ptr<SnapshotStore>> opened = open_snapshot_store(arguments.snapshot);
  if (!opened.ok()) return log.failed(opened.errors());
  SnapshotStore& store = **opened;
  Result<SnapshotLock> lock =
      SnapshotLock::acquire(store, "refresh", lock_timeout(arguments.lock_timeout_seconds));
  if (!lock.ok()) return log.failed(lock.errors());
  Result<StoredSnapshot> stored = store.read();
  if (!stored.ok()) return log.failed(stored.errors());
  LiveRead read = read_live_now(*instances, provider_options(arguments.parallelism, log));
  for (const std::string& warning : read.warnings) log.warn(warning);
  for (const std::string& line : read.statistics) log.debug(line);
  const Result<State>& live = read.state;
  if (!live.ok()) return log.failed(live.errors());
  PlanOptions plan_options;
  plan_options.mode = PlanMode::refresh_only;
  plan_options.instances = arguments.instances;
  Result<Plan> plan =
      make_plan(definitions->desired, stored->snapshot.recorded, *live, plan_options);
  if (!plan.ok()) return log.failed(plan.errors());
  // The header says what this refresh was made from, as a plan's does.
  plan->tool_version = std::string(kToolVersion);
  plan->created_at = now_iso8601_utc();
  plan->inputs.definitions_sha256 = definitions->sha256;
  plan->base = {stored->snapshot.lineage, stored->snapshot.serial, stored->sha256};
  Snapshot next = stored->snapshot;
  // The definitions' protected flags, of every declared instance (not only those in scope).
  record_findings(next.recorded, *plan, definitions->desired);
  if (!findings_need_writing(*plan, stored->snapshot.recorded, next.recorded, stored->exists)) {
    std::cout << "The snapshot already matches GlitchTip. Nothing to record.\n";
    if (plan->unplanned > 0) std::cout << wording::unplanned_text(*plan) << "\n";
    return kExitSuccess;
  }
  next.last_operation = "refresh";
  Result<Snapshot> written = store.write(std::move(next), stored->snapshot.serial);
  if (!written.ok()) return log.failed(written.errors());
  PlanOutputOptions output;
  output.color = use_color(arguments.no_color);
  std::cout << render_plan_as(*plan, output);
  std::cout << "Recorded in " << store.describe() << " (serial " << written->serial << ").\n";
  return kExitSuccess;
}

}  // namespace

void add_refresh_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<RefreshArguments>();
  CLI::App* command = app.add_subcommand(
      "refresh",
      "Record in the snapshot what GlitchTip has now (drift and declared objects found live).\n"
      "Changes nothing in GlitchTip.");
  add_directory_option(*command, arguments->directory);
  add_snapshot_option(*command, arguments->snapshot);
  command->add_option("--instance", arguments->instances, "Only this instance (repeatable)");
  add_parallelism_option(*command, arguments->parallelism);
  add_lock_timeout_option(*command, arguments->lock_timeout_seconds);
  command->add_flag("--no-color", arguments->no_color, "No colour, even on a terminal");
  command->callback(
      [arguments, &context] { context.exit_code = run_refresh(*arguments, log_of(context)); });
}

}  // namespace gg::cmd
