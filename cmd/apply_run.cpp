#include "cmd/apply_run.hpp"

#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include "cmd/instance_providers.hpp"
#include "cmd/process_protection.hpp"
#include "cmd/snapshot_location.hpp"
#include "cmd/terminal.hpp"
#include "planner/executor.hpp"
#include "planner/plan_file.hpp"
#include "planner/precondition.hpp"
#include "planner/record.hpp"
#include "providers/snapshot/atomic_file.hpp"
#include "providers/snapshot/snapshot_recorder.hpp"

namespace gg::cmd {
namespace {

Result<Plan> load_plan(const std::string& path) {
  Result<std::optional<std::string>> text = read_file_if_exists(path);
  if (!text.ok()) return text.errors();
  if (!text->has_value()) {
    return Error{path, "there is no plan file here",
                 "give the path written by `glitchtip-gitops plan --out`"};
  }
  return read_plan(**text, path);
}

// Seconds since the plan was made; nullopt when created_at cannot be read.
std::optional<double> plan_age_hours(const Plan& plan) {
  std::tm parts{};
  const char* end = strptime(plan.created_at.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (end == nullptr) return std::nullopt;
  const std::time_t created = timegm(&parts);
  return std::difftime(std::time(nullptr), created) / 3600.0;
}

Status check_plan_itself(const Plan& plan, const ApplyArguments& arguments, const Log& log) {
  if (!arguments.expect.empty() && plan.plan_sha256 != arguments.expect) {
    return Error{arguments.plan_file,
                 "this is not the approved plan: its plan_sha256 is " + plan.plan_sha256 +
                     ", --expect asked for " + arguments.expect,
                 "GlitchTip, the snapshot or the definitions changed since the approved plan "
                 "was made; plan again and have the new plan reviewed"};
  }
  const std::optional<double> age = plan_age_hours(plan);
  if (age && *age > arguments.max_age_hours) {
    const std::string text = "the plan was made " + std::to_string(static_cast<int>(*age)) +
                             " hours ago (" + plan.created_at + "), more than --max-age " +
                             std::to_string(static_cast<int>(arguments.max_age_hours));
    if (arguments.strict_age) return Error{arguments.plan_file, text, "plan again"};
    log.warn(arguments.plan_file + ": " + text);
  }
  return {};
}

// The plan is only valid against the snapshot it was made from.
Status check_base(const Plan& plan, const StoredSnapshot& stored, const std::string& where,
                  const std::string& plan_file) {
  const Snapshot& now = stored.snapshot;
  if (plan.base.lineage == now.lineage && plan.base.serial == now.serial) return {};
  if (!plan.base.lineage.empty() && plan.base.lineage != now.lineage) {
    return Error{where,
                 "the snapshot is not the one this plan was made against (lineage " +
                     plan.base.lineage + ", now " + (now.lineage.empty() ? "none" : now.lineage) +
                     ")",
                 "if the plan was made with another snapshot file, give its path: "
                 "glitchtip-gitops apply " +
                     plan_file +
                     " --snapshot PATH (the same --snapshot as the plan); otherwise run plan "
                     "again and apply the new plan"};
  }
  const std::string message = "the snapshot changed since this plan was made: serial " +
                              std::to_string(plan.base.serial) + " → " +
                              std::to_string(now.serial) +
                              (now.updated_at.empty() ? "" : ", updated at " + now.updated_at) +
                              (now.last_operation.empty() ? "" : " by " + now.last_operation);
  return Error{where, message, "run plan again and apply the new plan"};
}

std::map<std::string, InstanceSettings> plan_instances(const Plan& plan) {
  std::map<std::string, InstanceSettings> instances;
  for (const PlanInstance& instance : plan.instances) instances[instance.name] = instance.settings;
  return instances;
}

// The organizations each instance's actions touch (by slug), for the precondition re-read.
std::map<std::string, std::vector<std::string>> touched_organizations(const Plan& plan) {
  std::map<std::string, std::vector<std::string>> slugs;
  for (const PlanInstance& instance : plan.instances) slugs[instance.name];
  for (const Action& action : plan.actions) {
    if (action.organization_slug.empty()) continue;
    auto& list = slugs[action.instance];
    if (std::find(list.begin(), list.end(), action.organization_slug) == list.end()) {
      list.push_back(action.organization_slug);
    }
  }
  return slugs;
}

bool creates_organizations(const Plan& plan) {
  return std::any_of(plan.actions.begin(), plan.actions.end(), [](const Action& action) {
    return action.type == ActionType::create_organization;
  });
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
  Result<Plan> loaded = load_plan(arguments.plan_file);
  if (!loaded.ok()) {
    log.errors(loaded.errors());
    return 1;
  }
  const Plan& plan = *loaded;
  if (Status checked = check_plan_itself(plan, arguments, log); !checked.ok()) {
    log.errors(checked.errors());
    return 1;
  }

  Result<std::unique_ptr<SnapshotStore>> opened = open_snapshot_store(arguments.snapshot);
  if (!opened.ok()) {
    log.errors(opened.errors());
    return 1;
  }
  SnapshotStore& store = **opened;
  const auto timeout =
      std::chrono::milliseconds(static_cast<int64_t>(arguments.lock_timeout_seconds * 1000));
  Result<LockInfo> lock = store.lock("apply", timeout);
  if (!lock.ok()) {
    log.errors(lock.errors());
    return 1;
  }
  struct Unlock {
    SnapshotStore& store;
    std::string id;
    ~Unlock() { (void)store.unlock(id); }
  } unlock{store, lock->id};

  Result<StoredSnapshot> stored = store.read();
  if (!stored.ok()) {
    log.errors(stored.errors());
    return 1;
  }
  if (Status base = check_base(plan, *stored, store.describe(), arguments.plan_file); !base.ok()) {
    log.errors(base.errors());
    return 1;
  }

  ProviderOptions provider_options;
  provider_options.parallelism = arguments.parallelism;
  Result<std::unique_ptr<InstanceProviders>> providers =
      InstanceProviders::open(plan_instances(plan), provider_options);
  if (!providers.ok()) {
    log.errors(providers.errors());
    return 1;
  }
  for (const std::string& warning : (*providers)->warnings()) {
    log.warn(warning);
  }

  if (!plan.actions.empty()) {
    Result<State> live_now = creates_organizations(plan)
                                 ? (*providers)->read_live()
                                 : (*providers)->read_organizations(touched_organizations(plan));
    if (!live_now.ok()) {
      log.errors(live_now.errors());
      return 1;
    }
    const Errors moved = check_preconditions(plan, *live_now);
    if (!moved.empty()) {
      std::string text =
          "error: GlitchTip changed since this plan was made; nothing was applied.\n";
      for (const Error& problem : moved) text += "  " + problem.to_string() + "\n";
      log.report(text + "Run plan again and apply the new plan.\n");
      return 1;
    }
  }

  SnapshotRecorder recorder(store, stored->snapshot, "apply");
  const State protection = protection_state(plan.protection);
  bool recorded_changed = false;
  recorder.record([&](State& recorded) {
    record_protection(recorded, protection);
    for (const Drift& drift : plan.drift) record_drift(recorded, drift);
    for (const Adoption& adoption : plan.adoptions) record_adoption(recorded, adoption);
    recorded_changed = recorded != stored->snapshot.recorded;
  });
  if (!plan.drift.empty() || !plan.adoptions.empty() || recorded_changed || !stored->exists) {
    if (Status saved = recorder.make_durable(); !saved.ok()) {
      log.errors(saved.errors());
      return 1;
    }
  }

  int finished_count = 0;
  const int total = static_cast<int>(plan.actions.size());
  ExecutionCallbacks callbacks;
  callbacks.on_done = [&](const Action& action, const ActionOutcome& outcome) {
    recorder.record([&](State& recorded) { record_action(recorded, action, outcome, protection); });
    return Status{};
  };
  callbacks.make_durable = [&] { return recorder.make_durable(); };
  callbacks.on_progress = [&](const ActionResult& result, bool finished) {
    print_action_line(result, finished, total, finished_count, arguments.log_format);
  };
  const ExecutionReport report =
      execute_actions(plan.actions, **providers, arguments.parallelism, callbacks);
  for (const std::string& line : (*providers)->statistics()) log.debug(line);
  if (!report.ok()) {
    log.report(failure_report(report));
    return 1;
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
  return 0;
}

}  // namespace gg::cmd
