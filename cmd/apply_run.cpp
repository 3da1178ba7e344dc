#include "cmd/apply_run.hpp"

#include <chrono>
#include <iostream>
#include <sstream>

#include "cmd/alert_urls.hpp"
#include "cmd/common_options.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/instance_providers.hpp"
#include "cmd/plan_file_loading.hpp"
#include "cmd/process_protection.hpp"
#include "cmd/snapshot_location.hpp"
#include "cmd/terminal.hpp"
#include "planner/apply_protocol.hpp"
#include "planner/executor.hpp"
#include "planner/precondition.hpp"
#include "planner/record.hpp"
#include "planner/record_findings.hpp"
#include "providers/snapshot/snapshot_lock.hpp"
#include "providers/snapshot/snapshot_recorder.hpp"

namespace gg::cmd {
namespace {

std::map<std::string, InstanceSettings> plan_instances(const Plan& plan) {
  std::map<std::string, InstanceSettings> instances;
  for (const PlanInstance& instance : plan.instances) instances[instance.name] = instance.settings;
  return instances;
}

void print_action_line(const ActionResult& result, bool finished, int total, int& finished_count,
                       const std::string& log_format) {
  if (!finished) return;
  ++finished_count;
  const bool done = result.state == ActionResult::State::done;
  if (log_format == "json") {
    nlohmann::json event = {
        {"event", "action"},
        {"id", result.action.id},
        {"address", result.action.address},
        {"type", std::string(to_string(result.action.type))},
        {"outcome", done ? (result.outcome.already_so ? "already_so" : "done") : "failed"},
        {"duration_ms", result.duration.count()}};
    if (!done) event["error"] = result.error.to_string();
    // Flushed a line at a time: a CI log (a pipe or a file) shows each action as it ends.
    std::cout << event.dump() << std::endl;
    return;
  }
  std::cout << "[" << finished_count << "/" << total << "] " << to_string(result.action.type) << " "
            << result.action.address << ": "
            << (done ? (result.outcome.already_so ? "already so" : "done") : "FAILED") << " ("
            << result.duration.count() << " ms)" << std::endl;
}

std::string counts_line(const ExecutionReport& report, int adopted) {
  int added = 0, changed = 0, destroyed = 0;
  for (const ActionResult& result : report.results) {
    if (result.state != ActionResult::State::done) continue;
    switch (change_kind(result.action.type)) {
      case ChangeKind::add:
        ++added;
        break;
      case ChangeKind::change:
        ++changed;
        break;
      case ChangeKind::destroy:
        ++destroyed;
        break;
    }
  }
  std::string line = std::to_string(added) + " added, " + std::to_string(changed) + " changed, " +
                     std::to_string(destroyed) + " destroyed";
  if (adopted > 0) line += ", " + std::to_string(adopted) + " adopted";
  return line + ".";
}

// What a refresh-only plan's apply wrote: it makes no action, so counts of actions say nothing.
std::string recorded_line(const Plan& plan, const std::string& where) {
  std::string recorded;
  if (!plan.drift.empty()) {
    recorded = std::to_string(plan.drift.size()) +
               (plan.drift.size() == 1 ? " change" : " changes") + " made outside glitchtip-gitops";
  }
  if (!plan.adoptions.empty()) {
    recorded += (recorded.empty() ? "" : " and ") + std::to_string(plan.adoptions.size()) +
                (plan.adoptions.size() == 1 ? " object" : " objects") + " found in GlitchTip";
  }
  if (recorded.empty()) return "Nothing new to record; GlitchTip was not changed.";
  return "Recorded " + recorded + " in " + where + "; GlitchTip was not changed.";
}

std::string failure_report(const ExecutionReport& report) {
  std::ostringstream out;
  out << "\nApply stopped at a failure. GlitchTip and the snapshot agree on what was done.\n";
  for (const ActionResult& result : report.results) {
    if (result.state == ActionResult::State::failed) {
      out << "\nFailed: " << to_string(result.action.type) << " " << result.action.address << "\n  "
          << result.error.to_string() << "\n";
    }
  }
  const int not_attempted = report.count(ActionResult::State::not_attempted);
  if (not_attempted > 0) {
    out << "\nNot attempted (" << not_attempted << "):\n";
    for (const ActionResult& result : report.results) {
      if (result.state == ActionResult::State::not_attempted) {
        out << "  " << to_string(result.action.type) << " " << result.action.address << "\n";
      }
    }
  }
  out << "\nDone: " << report.count(ActionResult::State::done) << " of " << report.results.size()
      << " actions. Fix the cause, then run plan again: it shows exactly the remaining work.\n";
  return out.str();
}

}  // namespace

int run_apply(const ApplyArguments& arguments, const Log& log) {
  log.debug(process_protection_status());
  Result<Plan> loaded = load_plan_file(arguments.plan_file);
  if (!loaded.ok()) return log.failed(loaded.errors());
  const Plan& plan = *loaded;
  const ApprovalPolicy policy{arguments.expect, arguments.max_age_hours, arguments.strict_age};
  Result<std::vector<std::string>> approved =
      check_approval(plan, arguments.plan_file, policy, std::chrono::system_clock::now());
  if (!approved.ok()) return log.failed(approved.errors());
  for (const std::string& warning : *approved) log.warn(warning);

  Result<std::unique_ptr<SnapshotStore>> opened = open_snapshot_store(arguments.snapshot);
  if (!opened.ok()) return log.failed(opened.errors());
  SnapshotStore& store = **opened;
  Result<SnapshotLock> lock =
      SnapshotLock::acquire(store, "apply", lock_timeout(arguments.lock_timeout_seconds));
  if (!lock.ok()) return log.failed(lock.errors());
  Result<StoredSnapshot> stored = store.read();
  if (!stored.ok()) return log.failed(stored.errors());
  const Snapshot& base = stored->snapshot;
  if (Status checked =
          check_base(plan, {base.lineage, base.serial, base.updated_at, base.last_operation},
                     store.describe(), arguments.plan_file);
      !checked.ok()) {
    return log.failed(checked.errors());
  }

  Result<std::unique_ptr<InstanceProviders>> providers = InstanceProviders::open(
      plan_instances(plan), provider_options(arguments.parallelism, log, /*progress=*/false));
  if (!providers.ok()) return log.failed(providers.errors());
  for (const std::string& warning : (*providers)->warnings()) log.warn(warning);

  if (const PreconditionRead read = precondition_read(plan); read.needed) {
    Result<State> live_now = read.everything ? (*providers)->read_live()
                                             : (*providers)->read_organizations(read.organizations);
    if (!live_now.ok()) return log.failed(live_now.errors());
    const Errors moved = check_preconditions(plan, *live_now);
    if (!moved.empty()) {
      std::string text =
          "error: GlitchTip changed since this plan was made; nothing was applied.\n";
      for (const Error& problem : moved) text += "  " + problem.to_string() + "\n";
      log.report(text + "Run plan again and apply the new plan.\n");
      return kExitError;
    }
  }

  // alerts kind: the webhook URLs the plan holds as digests, refused when one moved.
  Result<std::vector<Action>> actions = with_alert_urls(plan.actions, arguments.directory);
  if (!actions.ok()) return log.failed(actions.errors());

  SnapshotRecorder recorder(store, stored->snapshot, "apply");
  const State protection = protection_state(plan.protection);
  bool must_write = false;
  recorder.record([&](State& recorded) {
    record_findings(recorded, plan, protection);
    must_write = findings_need_writing(plan, stored->snapshot.recorded, recorded, stored->exists);
  });
  if (must_write) {
    if (Status saved = recorder.make_durable(); !saved.ok()) return log.failed(saved.errors());
  }

  int finished_count = 0;
  const int total = static_cast<int>(plan.actions.size());
  ExecutionCallbacks callbacks;
  callbacks.on_done = [&](const Action& action, const ActionOutcome& outcome) {
    const auto change = [&](State& recorded) {
      record_action(recorded, action, outcome, protection);
    };
    // Scoped, so that recording costs the organization's changes, not the whole snapshot.
    const std::string slug = recorded_organization_slug(action, outcome);
    if (slug.empty()) {
      recorder.record(change);
    } else {
      recorder.record(change, OrganizationKey{action.instance, slug});
    }
    return Status{};
  };
  callbacks.make_durable = [&] { return recorder.make_durable(); };
  callbacks.on_progress = [&](const ActionResult& result, bool finished) {
    print_action_line(result, finished, total, finished_count, arguments.log_format);
  };
  const ExecutionReport report =
      execute_actions(*actions, **providers, arguments.parallelism, callbacks);
  for (const std::string& line : (*providers)->statistics()) log.debug(line);
  if (!report.ok()) {
    log.report(failure_report(report));
    return kExitError;
  }
  const std::string counts = plan.mode == PlanMode::refresh_only
                                 ? recorded_line(plan, store.describe())
                                 : counts_line(report, static_cast<int>(plan.adoptions.size()));
  if (arguments.log_format == "json") {
    // stdout stays one JSON event a line for log pipelines.
    std::cout << nlohmann::json{{"event", "complete"}, {"summary", counts}}.dump() << "\n";
  } else {
    std::cout << "\nApply complete! " << counts << "\n";
  }
  return kExitSuccess;
}

}  // namespace gg::cmd
