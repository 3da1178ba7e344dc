// `glitchtip-gitops refresh`: record what GlitchTip has now in the snapshot, without
// changing GlitchTip (docs/design.md §8). It is a refresh-only plan, applied at once.

#include <iostream>

#include "cmd/commands.hpp"
#include "cmd/instance_providers.hpp"
#include "cmd/live_read.hpp"
#include "cmd/log.hpp"
#include "cmd/plan_output.hpp"
#include "cmd/process_protection.hpp"
#include "cmd/snapshot_location.hpp"
#include "cmd/terminal.hpp"
#include "planner/plan_wording.hpp"
#include "planner/planner.hpp"
#include "planner/record.hpp"
#include "providers/definitions/definitions.hpp"
#include "providers/snapshot/snapshot_lock.hpp"

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
  if (!definitions.ok()) {
    log.errors(definitions.errors());
    return 1;
  }
  for (const Error& warning : definitions->warnings) log.warn(warning.to_string());
  Result<std::map<std::string, InstanceSettings>> instances =
      instances_in_scope(definitions->desired, arguments.instances);
  if (!instances.ok()) {
    log.errors(instances.errors());
    return 1;
  }
  Result<std::unique_ptr<SnapshotStore>> opened = open_snapshot_store(arguments.snapshot);
  if (!opened.ok()) {
    log.errors(opened.errors());
    return 1;
  }
  SnapshotStore& store = **opened;
  Result<SnapshotLock> lock = SnapshotLock::acquire(
      store, "refresh",
      std::chrono::milliseconds(static_cast<int64_t>(arguments.lock_timeout_seconds * 1000)));
  if (!lock.ok()) {
    log.errors(lock.errors());
    return 1;
  }
  Result<StoredSnapshot> stored = store.read();
  if (!stored.ok()) {
    log.errors(stored.errors());
    return 1;
  }
  ProviderOptions options;
  options.parallelism = arguments.parallelism;
  options.show_progress = stderr_is_terminal() && !log.json() && log.enabled(Log::Level::info);
  LiveRead read = read_live_now(*instances, options);
  for (const std::string& warning : read.warnings) log.warn(warning);
  for (const std::string& line : read.statistics) log.debug(line);
  const Result<State>& live = read.state;
  if (!live.ok()) {
    log.errors(live.errors());
    return 1;
  }
  PlanOptions plan_options;
  plan_options.mode = PlanMode::refresh_only;
  plan_options.instances = arguments.instances;
  Result<Plan> plan =
      make_plan(definitions->desired, stored->snapshot.recorded, *live, plan_options);
  if (!plan.ok()) {
    log.errors(plan.errors());
    return 1;
  }
  // The header says what this refresh was made from, as a plan's does.
  plan->tool_version = std::string(kToolVersion);
  plan->created_at = utc_now();
  plan->inputs.definitions_sha256 = definitions->sha256;
  plan->base = {stored->snapshot.lineage, stored->snapshot.serial, stored->sha256};
  Snapshot next = stored->snapshot;
  for (const Drift& drift : plan->drift) record_drift(next.recorded, drift);
  for (const Adoption& adoption : plan->adoptions) record_adoption(next.recorded, adoption);
  record_protection(next.recorded, definitions->desired);
  if (next.recorded == stored->snapshot.recorded && stored->exists) {
    std::cout << "The snapshot already matches GlitchTip. Nothing to record.\n";
    if (plan->unplanned > 0) std::cout << wording::unplanned_text(*plan) << "\n";
    return 0;
  }
  next.last_operation = "refresh";
  Result<Snapshot> written = store.write(std::move(next), stored->snapshot.serial);
  if (!written.ok()) {
    log.errors(written.errors());
    return 1;
  }
  PlanOutputOptions output;
  output.color = use_color(arguments.no_color);
  std::cout << render_plan_as(*plan, output);
  std::cout << "Recorded in " << store.describe() << " (serial " << written->serial << ").\n";
  return 0;
}

}  // namespace

void add_refresh_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<RefreshArguments>();
  CLI::App* command = app.add_subcommand(
      "refresh",
      "Record in the snapshot what GlitchTip has now (drift and declared objects found live).\n"
      "Changes nothing in GlitchTip.");
  command->add_option("-d,--directory", arguments->directory,
                      "Definitions directory, read recursively (default: .)");
  command->add_option("--snapshot", arguments->snapshot, kSnapshotOptionHelp);
  command->add_option("--instance", arguments->instances, "Only this instance (repeatable)");
  command
      ->add_option("--parallelism", arguments->parallelism,
                   "Requests in flight per instance (default 8)")
      ->check(CLI::Range(1, 64));
  command
      ->add_option("--lock-timeout", arguments->lock_timeout_seconds,
                   "Seconds to wait for the snapshot lock (default 60)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--no-color", arguments->no_color, "No colour, even on a terminal");
  command->callback([arguments, &context] {
    context.exit_code =
        run_refresh(*arguments, Log(context.log_level, context.log_format, std::cerr));
  });
}

}  // namespace gg::cmd
