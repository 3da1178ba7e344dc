#pragma once
// The executor walks a plan's actions through an ActionRunner (docs/design.md §6.3-§6.5).
//
// Actions of one organization run in plan order, one phase after another (all invites,
// then all team creations, ...); actions of the same phase of one organization, and the
// actions of different organizations, are independent and run in parallel up to
// `parallelism`. The slug that GlitchTip chooses when this plan creates an organization is
// filled into the later actions that refer to it.
//
// After every create the executor checks that GlitchTip's object has the identity the plan
// declares (the slug of a team or project, the e-mail of a member). A different one fails
// the action, naming both; the object GlitchTip really made is recorded (on_done, with the
// action's identity replaced by GlitchTip's), so that nothing is left unmanaged.
//
// On the first failure no new action starts; those in flight finish. Every action ends as
// done, failed or not attempted, and the report says which. An action is done only once the
// caller has recorded it durably (ExecutionCallbacks): a crash never loses a done action.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/action_runner.hpp"
#include "planner/result.hpp"

namespace gg {

struct ActionResult {
  enum class State { done, failed, not_attempted };
  Action action;  // as run: slugs resolved
  State state = State::not_attempted;
  ActionOutcome outcome;  // when done
  Error error;            // when failed
  std::chrono::milliseconds duration{0};
};

struct ExecutionReport {
  std::vector<ActionResult> results;  // in plan order
  bool ok() const;
  int count(ActionResult::State state) const;
};

// How the caller records what the executor did. The executor does no I/O itself; an action
// that succeeded in GlitchTip counts as done only once both steps below succeeded for it.
struct ExecutionCallbacks {
  // Called once per successful action, never concurrently: the caller records it in memory
  // (the snapshot's recorded state). Must be fast: the executor holds its lock meanwhile.
  // An error here stops the execution like a failed action.
  std::function<Status(const Action& resolved, const ActionOutcome& outcome)> on_done;
  // Called after on_done succeeded for an action, without the executor's lock and possibly
  // from several workers at once: returns once everything recorded so far is durable (the
  // snapshot written and synced), so that one write may cover many actions. Only then does
  // the action count as done and its organization's next phase start. An error stops the
  // execution and fails the action (it happened in GlitchTip but could not be recorded).
  std::function<Status()> make_durable;
  // Called when an action starts and when it ends (state done/failed), never concurrently.
  std::function<void(const ActionResult& result, bool finished)> on_progress;
};

ExecutionReport execute_actions(const std::vector<Action>& actions, ActionRunner& runner,
                                int parallelism, const ExecutionCallbacks& callbacks);

}  // namespace gg
