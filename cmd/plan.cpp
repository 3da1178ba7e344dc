// `glitchtip-gitops plan`: definitions + snapshot + live GlitchTip -> a plan, printed and
// optionally written to a plan file (docs/design.md §5).

#include <chrono>
#include <cstdlib>
#include <future>
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
#include "planner/plan_file.hpp"
#include "planner/planner.hpp"
#include "providers/definitions/alert_secrets.hpp"
#include "providers/definitions/definitions.hpp"
#include "providers/definitions/did_you_mean.hpp"
#include "providers/snapshot/atomic_file.hpp"
#include "providers/snapshot/utc_time.hpp"

namespace gg::cmd {
namespace {

struct PlanArguments {
  std::string directory = ".";
  std::string snapshot;
  std::string out;
  std::string format = "text";
  bool offline = false;
  bool refresh_only = false;
  std::vector<std::string> instances;
  std::vector<std::string> targets;
  int parallelism = 8;
  bool detailed_exitcode = false;
  bool no_color = false;
  bool allow_delete_organizations = false;
  int max_deletes = 50;
  bool allow_empty = false;
  bool allow_replace = false;
  std::string commit;
  size_t max_bytes = 65000;
  bool no_diagram = false;
};

std::string git_commit(const std::string& flag) {
  if (!flag.empty()) return flag;
  for (const char* name : {"CI_COMMIT_SHA", "GITHUB_SHA"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') return value;
  }
  return {};
}

// Starts reading GlitchTip before the definitions are loaded, when a quick look finds the
// instances in scope; nullptr with --offline or when the quick look finds nothing usable.
std::unique_ptr<EarlyLiveRead> start_early_read(const PlanArguments& arguments, const Log& log) {
  if (arguments.offline) return nullptr;
  Result<State> declared = load_declared_instances(arguments.directory);
  if (!declared.ok()) return nullptr;
  Result<std::map<std::string, InstanceSettings>> instances =
      instances_in_scope(*declared, arguments.instances);
  if (!instances.ok()) return nullptr;
  log.debug("reading GlitchTip while the definitions load");
  return EarlyLiveRead::start(std::move(instances).value(),
                              provider_options(arguments.parallelism, log));
}

// GlitchTip's state (the early read when it read exactly these instances), or the
// snapshot's records of it with --offline (which opens no socket and reads no token).
Result<State> read_live(const PlanArguments& arguments, const State& recorded,
                        const std::map<std::string, InstanceSettings>& instances,
                        EarlyLiveRead* early, const Log& log) {
  if (arguments.offline) return offline_live_state(recorded, instances);
  std::optional<LiveRead> read;
  if (early != nullptr) read = early->take(instances);
  if (!read) read = read_live_now(instances, provider_options(arguments.parallelism, log));
  for (const std::string& warning : read->warnings) log.warn(warning);
  for (const std::string& line : read->statistics) log.debug(line);
  return std::move(read->state);
}

PlanMode mode_of(const PlanArguments& arguments) {
  if (arguments.refresh_only) return PlanMode::refresh_only;
  if (arguments.offline) return PlanMode::offline;
  return PlanMode::normal;
}

int run_plan(const PlanArguments& arguments, const Log& log) {
  const auto start = std::chrono::steady_clock::now();
  log.debug(process_protection_status());
  const std::unique_ptr<EarlyLiveRead> early = start_early_read(arguments, log);
  // The snapshot is read (and checked against its schema) while the definitions load.
  Result<std::unique_ptr<SnapshotStore>> opened = open_snapshot_store(arguments.snapshot);
  if (!opened.ok()) return log.failed(opened.errors());
  SnapshotStore& store = **opened;
  std::future<Result<StoredSnapshot>> reading =
      std::async(std::launch::async, [&store] { return store.read(); });
  Result<Definitions> definitions = load_definitions(arguments.directory);
  if (definitions.ok()) {
    log.debug("definitions: " + std::to_string(definitions->files.size()) + " files, " +
              std::to_string(definitions->document_count) + " documents loaded at " +
              seconds_since(start));
  }
  Result<StoredSnapshot> stored = reading.get();
  log.debug("snapshot read at " + seconds_since(start));
  if (!definitions.ok()) return log.failed(definitions.errors());
  if (!stored.ok()) return log.failed(stored.errors());
  for (const Error& warning : definitions->warnings) log.warn(warning.to_string());
  // alerts kind: secret webhook URLs are read only by the commands that need them;
  // offline, one that cannot be read here is taken as the one the snapshot records.
  Errors secret_warnings;
  const Status secrets = arguments.offline
                             ? resolve_alert_secrets_offline(
                                   definitions->desired, stored->snapshot.recorded, secret_warnings)
                             : resolve_alert_secrets(definitions->desired);
  if (!secrets.ok()) return log.failed(secrets.errors());
  for (const Error& warning : secret_warnings) log.warn(warning.to_string());
  const State& desired = definitions->desired;
  const State& recorded = stored->snapshot.recorded;

  Result<std::map<std::string, InstanceSettings>> instances =
      instances_in_scope(desired, arguments.instances);
  if (!instances.ok()) return log.failed(instances.errors());
  Result<State> live = read_live(arguments, recorded, *instances, early.get(), log);
  if (!live.ok()) return log.failed(live.errors());
  log.debug(
      std::string(arguments.offline ? "snapshot taken as GlitchTip's state" : "GlitchTip read") +
      " at " + seconds_since(start));

  PlanOptions options;
  options.mode = mode_of(arguments);
  options.targets = arguments.targets;
  options.instances = arguments.instances;
  options.allow_delete_organizations = arguments.allow_delete_organizations;
  options.max_deletes = arguments.max_deletes;
  options.allow_empty = arguments.allow_empty;
  options.allow_replace = arguments.allow_replace;
  options.suggest_target = [](std::string_view word, const std::vector<std::string>& candidates) {
    return definitions::closest_match(word, candidates);
  };
  Result<Plan> made = make_plan(desired, recorded, *live, options);
  if (!made.ok()) {
    log.errors(made.errors());
    log.report("The plan was refused; nothing was written.\n");
    return kExitError;
  }
  Plan plan = std::move(made).value();
  plan.format_version = kPlanFormatVersion;
  plan.tool_version = std::string(kToolVersion);
  plan.created_at = now_iso8601_utc();
  plan.inputs.definitions_sha256 = definitions->sha256;
  plan.inputs.git_commit = git_commit(arguments.commit);
  plan.base.lineage = stored->snapshot.lineage;
  plan.base.serial = stored->snapshot.serial;
  plan.base.sha256 = stored->sha256;
  plan = seal_plan(std::move(plan));
  log.debug("planned " + std::to_string(plan.actions.size()) + " actions at " +
            seconds_since(start));

  if (!arguments.out.empty()) {
    Status written = write_file_atomically(arguments.out, plan_file_text(plan));
    if (!written.ok()) return log.failed(written.errors());
  }
  PlanOutputOptions output;
  output.format = arguments.format;
  output.color = use_color(arguments.no_color);
  output.max_bytes = arguments.max_bytes;
  output.diagram = !arguments.no_diagram;
  if (!arguments.out.empty()) output.plan_file = arguments.out;
  std::cout << render_plan_as(plan, output);
  std::cout.flush();
  log.debug("printed at " + seconds_since(start));
  if (!arguments.out.empty() && arguments.format != "json") {
    // The store's description, not the flag: a PostgreSQL URI's password is never shown.
    log.info("Saved the plan to " + arguments.out + ". Apply exactly this plan with:\n" +
             "  glitchtip-gitops apply " + arguments.out +
             (arguments.snapshot.empty() ? "" : " --snapshot " + store.describe()));
  }
  return arguments.detailed_exitcode && plan.has_changes() ? kExitChanges : kExitSuccess;
}

}  // namespace

void add_plan_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<PlanArguments>();
  CLI::App* command = app.add_subcommand(
      "plan",
      "Show what apply would change in GlitchTip to match the definitions, and optionally\n"
      "save it as a plan file for apply. Changes nothing.");
  add_directory_option(*command, arguments->directory);
  add_snapshot_option(*command, arguments->snapshot);
  command->add_option("--out", arguments->out, "Write the plan file here (for apply)");
  command->add_option("--format", arguments->format, "Output: text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  command->add_flag("--offline", arguments->offline,
                    "Take the snapshot as GlitchTip's state: no network, no token needed");
  command->add_flag("--refresh-only", arguments->refresh_only,
                    "Plan only the snapshot update that records what GlitchTip has now");
  command->add_option("--instance", arguments->instances, "Plan only this instance (repeatable)");
  command->add_option("--target", arguments->targets,
                      "Plan only this address and what it contains (repeatable), e.g. "
                      "glitchtip-prod/NASA/team/nasa-pilots");
  add_parallelism_option(*command, arguments->parallelism);
  command->add_flag("--detailed-exitcode", arguments->detailed_exitcode,
                    "Exit 2 when the plan changes anything (0: no changes, 1: error)");
  command->add_flag("--no-color", arguments->no_color, "No colour, even on a terminal");
  command->add_flag("--allow-delete-organizations", arguments->allow_delete_organizations,
                    "Allow deleting organizations removed from the definitions");
  command
      ->add_option("--max-deletes", arguments->max_deletes,
                   "Refuse plans that delete more than this, counting the members, teams and "
                   "projects a deletion takes with it (default 50)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--allow-replace", arguments->allow_replace,
                    "Allow deleting a project while creating another in its organization (a "
                    "rename without `slug:` does that, and loses the project's events)");
  command->add_flag("--allow-empty", arguments->allow_empty,
                    "Allow an instance with no declared organization while GlitchTip has some");
  command->add_option("--commit", arguments->commit,
                      "Git commit to record (default: $CI_COMMIT_SHA or $GITHUB_SHA)");
  add_markdown_options(*command, arguments->max_bytes, arguments->no_diagram);
  command->callback(
      [arguments, &context] { context.exit_code = run_plan(*arguments, log_of(context)); });
}

}  // namespace gg::cmd
