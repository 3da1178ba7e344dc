#include "planner/executor.hpp"

#include "planner/order.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace gg {

bool ExecutionReport::ok() const {
  return std::all_of(results.begin(), results.end(),
                     [](const ActionResult& r) { return r.state == ActionResult::State::done; });
}

int ExecutionReport::count(ActionResult::State state) const {
  return static_cast<int>(std::count_if(
      results.begin(), results.end(), [state](const ActionResult& r) { return r.state == state; }));
}

namespace {

std::string lower_case(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The identity a create declares, which GlitchTip's answer must carry; none for other actions.
std::optional<std::string> declared_identity(const Action& action) {
  switch (action.type) {
    case ActionType::create_team:
      return action.team;
    case ActionType::create_project:
      return action.project;
    case ActionType::invite_member:
      return action.email;
    case ActionType::create_monitor:
      return action.monitor;
    case ActionType::create_alert:  // alerts kind: the answer names the alert
      return action.alert;
    case ActionType::create_key:  // keys: the label GlitchTip stored
      return action.after.value("label", "");
    default:
      return std::nullopt;
  }
}

// GlitchTip's answer to a create names the identity it gave the object (e-mails compared
// lower-case, as the plan keeps them).
std::string answered_identity(const Action& action, const ActionOutcome& outcome) {
  return action.type == ActionType::invite_member ? lower_case(outcome.slug) : outcome.slug;
}

// A create whose object GlitchTip made under another identity than the plan's: reporting it
// done would make every later plan create the declared one and delete GlitchTip's.
std::optional<Error> identity_mismatch(const Action& action, const ActionOutcome& outcome) {
  const std::optional<std::string> declared = declared_identity(action);
  if (!declared) return std::nullopt;
  const std::string answered = answered_identity(action, outcome);
  if (answered == *declared) return std::nullopt;
  const bool member = action.type == ActionType::invite_member;
  const bool monitor = action.type == ActionType::create_monitor;
  const bool alert = action.type == ActionType::create_alert;
  const bool key = action.type == ActionType::create_key;
  const std::string kind = member                                   ? "member"
                           : alert                                  ? "alert"
                           : action.type == ActionType::create_team ? "team"
                           : monitor                                ? "monitor"
                           : key                                    ? "key"
                                                                    : "project";
  const std::string field = member               ? "e-mail"
                            : (monitor || alert) ? "name"
                            : key                ? "label"
                                                 : "slug";
  std::string message =
      "GlitchTip created the " + kind + " as " +
      (answered.empty() ? "(its answer names no " + field + ")" : "\"" + answered + "\"") +
      ", not as \"" + *declared + "\", the " + field + " the plan declares";
  if (!outcome.note.empty()) message += "; " + outcome.note;
  const std::string hint =
      answered.empty() ? "look in GlitchTip whether the " + kind + " exists, then run plan again"
                       : "it is recorded in the snapshot as \"" + answered +
                             "\"; run plan again and check the " + kind + "'s definition";
  return Error{action.address, message, hint};
}

// The action as GlitchTip really performed it, for the snapshot: its identity is GlitchTip's.
Action as_created(Action action, const ActionOutcome& outcome) {
  const std::string answered = answered_identity(action, outcome);
  if (action.type == ActionType::create_team) action.team = answered;
  if (action.type == ActionType::create_project) action.project = answered;
  if (action.type == ActionType::invite_member) action.email = answered;
  if (action.type == ActionType::create_monitor) action.monitor = answered;
  if (action.type == ActionType::create_alert) action.alert = answered;
  if (action.type == ActionType::create_key) action.after["label"] = answered;  // keys
  return action;
}

// The actions of one organization, cut into phases that must run one after another.
struct Group {
  std::vector<std::vector<size_t>> phases;  // indices into the action list
  size_t next_phase = 0;
  size_t running = 0;  // actions of the current phase not finished yet
};

std::vector<Group> group_by_organization(const std::vector<Action>& actions) {
  std::map<std::pair<std::string, std::string>, size_t> group_of;
  std::vector<Group> groups;
  std::vector<int> last_phase;
  for (size_t i = 0; i < actions.size(); ++i) {
    const auto key = std::make_pair(actions[i].instance, actions[i].organization);
    auto [it, inserted] = group_of.emplace(key, groups.size());
    if (inserted) {
      groups.emplace_back();
      last_phase.push_back(-1);
    }
    Group& group = groups[it->second];
    const int phase = apply_step(actions[i].type);
    // A new phase starts whenever the phase changes; an out-of-order plan degrades to
    // more, smaller phases, never to reordering.
    if (phase != last_phase[it->second]) group.phases.emplace_back();
    last_phase[it->second] = phase;
    group.phases.back().push_back(i);
  }
  return groups;
}

// Shared state of one execution; every member is guarded by `mutex`.
class Scheduler {
 public:
  Scheduler(const std::vector<Action>& actions, ActionRunner& runner,
            const ExecutionCallbacks& callbacks)
      : runner_(runner), callbacks_(callbacks), groups_(group_by_organization(actions)) {
    report_.results.resize(actions.size());
    for (size_t i = 0; i < actions.size(); ++i) {
      report_.results[i].action = actions[i];
      group_of_action_.push_back(0);
    }
    for (size_t g = 0; g < groups_.size(); ++g) {
      for (const auto& phase : groups_[g].phases) {
        for (size_t index : phase) group_of_action_[index] = g;
      }
      start_next_phase(g);
    }
  }

  void work() {
    while (true) {
      size_t index = 0;
      {
        std::unique_lock lock(mutex_);
        ready_changed_.wait(lock, [this] { return !ready_.empty() || finished(); });
        if (ready_.empty()) return;
        index = ready_.front();
        ready_.pop_front();
        ++in_flight_;
        resolve(report_.results[index].action);
        if (callbacks_.on_progress) callbacks_.on_progress(report_.results[index], false);
      }
      run_one(index);
    }
  }

  ExecutionReport take_report() { return std::move(report_); }

 private:
  bool finished() const { return in_flight_ == 0 && (stopped_ || ready_.empty()); }

  void start_next_phase(size_t g) {
    Group& group = groups_[g];
    if (stopped_ || group.next_phase >= group.phases.size()) return;
    const auto& phase = group.phases[group.next_phase++];
    group.running = phase.size();
    for (size_t index : phase) ready_.push_back(index);
  }

  // Fills in the slug GlitchTip chose for an organization this plan created earlier.
  void resolve(Action& action) const {
    if (!action.organization_slug.empty()) return;
    const auto it = organization_slugs_.find({action.instance, action.organization});
    if (it != organization_slugs_.end()) action.organization_slug = it->second;
  }

  void remember_slug(const Action& action, const ActionOutcome& outcome) {
    if (outcome.slug.empty() || action.type != ActionType::create_organization) return;
    organization_slugs_[{action.instance, action.organization}] = outcome.slug;
  }

  void run_one(size_t index) {
    const Action action = [&] {
      std::lock_guard lock(mutex_);
      return report_.results[index].action;
    }();
    const auto started = std::chrono::steady_clock::now();
    Result<ActionOutcome> outcome = runner_.run(action);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    const std::optional<Error> mismatch =
        outcome.ok() ? identity_mismatch(action, *outcome) : std::nullopt;
    Status recorded{};
    if (outcome.ok() && !(mismatch && outcome->slug.empty())) {
      recorded = record(mismatch ? as_created(action, *outcome) : action, *outcome);
    }
    // Outside the lock: one worker's snapshot write must not stop the others, and workers
    // finishing meanwhile share the next write.
    if (outcome.ok() && recorded.ok() && callbacks_.make_durable) {
      recorded = callbacks_.make_durable();
    }
    finish(index, outcome, recorded, mismatch, elapsed);
  }

  Status record(const Action& action, const ActionOutcome& outcome) {
    if (!callbacks_.on_done) return {};
    std::lock_guard lock(mutex_);
    return callbacks_.on_done(action, outcome);
  }

  void finish(size_t index, const Result<ActionOutcome>& outcome, const Status& recorded,
              const std::optional<Error>& mismatch, std::chrono::milliseconds elapsed) {
    std::lock_guard lock(mutex_);
    ActionResult& result = report_.results[index];
    result.duration = elapsed;
    if (!outcome.ok()) {
      result.state = ActionResult::State::failed;
      result.error = outcome.error();
    } else if (!recorded.ok()) {
      result.state = ActionResult::State::failed;
      result.error = recorded.error();
    } else if (mismatch) {
      result.state = ActionResult::State::failed;
      result.outcome = *outcome;
      result.error = *mismatch;
    } else {
      result.state = ActionResult::State::done;
      result.outcome = *outcome;
      remember_slug(result.action, *outcome);
    }
    if (result.state == ActionResult::State::failed) stopped_ = true;
    if (callbacks_.on_progress) callbacks_.on_progress(result, true);

    --in_flight_;
    Group& group = groups_[group_of_action_[index]];
    if (--group.running == 0) start_next_phase(group_of_action_[index]);
    if (stopped_) ready_.clear();
    ready_changed_.notify_all();
  }

  ActionRunner& runner_;
  const ExecutionCallbacks& callbacks_;
  std::mutex mutex_;
  std::condition_variable ready_changed_;
  std::vector<Group> groups_;
  std::vector<size_t> group_of_action_;
  std::deque<size_t> ready_;
  size_t in_flight_ = 0;
  bool stopped_ = false;
  std::map<std::pair<std::string, std::string>, std::string> organization_slugs_;
  ExecutionReport report_;
};

}  // namespace

ExecutionReport execute_actions(const std::vector<Action>& actions, ActionRunner& runner,
                                int parallelism, const ExecutionCallbacks& callbacks) {
  Scheduler scheduler(actions, runner, callbacks);
  const int workers = std::max(1, std::min<int>(parallelism, static_cast<int>(actions.size())));
  std::vector<std::thread> threads;
  for (int i = 1; i < workers; ++i) threads.emplace_back([&scheduler] { scheduler.work(); });
  scheduler.work();
  for (std::thread& thread : threads) thread.join();
  return scheduler.take_report();
}

}  // namespace gg
