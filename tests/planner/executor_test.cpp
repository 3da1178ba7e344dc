#include "planner/executor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gg {
namespace {

// An in-memory ActionRunner: records what it ran, fails where told, answers organization
// creates with slugs of its own choosing (as GlitchTip does when a slug is taken), and
// other creates with the declared identity plus `identity_suffix` (a server that does not
// keep it).
class RecordingRunner : public ActionRunner {
 public:
  Result<ActionOutcome> run(const Action& action) override {
    const int now = ++concurrent_;
    int seen = max_concurrent_.load();
    while (now > seen && !max_concurrent_.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    --concurrent_;
    std::lock_guard lock(mutex_);
    ran.push_back(action);
    if (action.id == fail_id) return Error{"POST /api/0/x/", "GlitchTip answered 500", ""};
    ActionOutcome outcome;
    if (action.type == ActionType::create_organization) outcome.slug = action.organization + "-2";
    if (action.type == ActionType::create_team) outcome.slug = action.team + identity_suffix;
    if (action.type == ActionType::create_project) outcome.slug = action.project + identity_suffix;
    if (action.type == ActionType::invite_member) outcome.slug = action.email + identity_suffix;
    return outcome;
  }

  std::vector<Action> ran;
  std::string identity_suffix;
  int fail_id = -1;
  int delay_ms = 0;
  std::atomic<int> concurrent_{0};
  std::atomic<int> max_concurrent_{0};

 private:
  std::mutex mutex_;
};

Action make(int id, ActionType type, std::string organization, std::string slug = "org") {
  Action action;
  action.id = id;
  action.type = type;
  action.instance = "i";
  action.organization = std::move(organization);
  action.organization_slug = std::move(slug);
  action.address = "i/" + action.organization + "/" + std::to_string(id);
  return action;
}

TEST(Executor, RunsEveryActionAndReportsDone) {
  RecordingRunner runner;
  std::vector<Action> actions = {make(1, ActionType::invite_member, "A"),
                                 make(2, ActionType::create_team, "A"),
                                 make(3, ActionType::add_team_member, "A")};
  int recorded = 0;
  ExecutionCallbacks callbacks;
  callbacks.on_done = [&](const Action&, const ActionOutcome&) {
    ++recorded;
    return Status{};
  };
  const ExecutionReport report = execute_actions(actions, runner, 4, callbacks);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(recorded, 3);
  ASSERT_EQ(runner.ran.size(), 3u);
  EXPECT_EQ(runner.ran[0].id, 1);  // phases of one organization run in order
  EXPECT_EQ(runner.ran[1].id, 2);
  EXPECT_EQ(runner.ran[2].id, 3);
}

TEST(Executor, FillsInSlugsGlitchTipChoseForCreatedObjects) {
  RecordingRunner runner;
  Action create_org = make(1, ActionType::create_organization, "NASA", "");
  Action create_team = make(2, ActionType::create_team, "NASA", "");
  Action create_project = make(3, ActionType::create_project, "NASA", "");
  create_project.project = "apollo";
  Action link = make(4, ActionType::add_project_team, "NASA", "");
  link.project = "apollo";
  const ExecutionReport report =
      execute_actions({create_org, create_team, create_project, link}, runner, 2, {});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(runner.ran[1].organization_slug, "NASA-2");
  EXPECT_EQ(runner.ran[3].organization_slug, "NASA-2");
  EXPECT_EQ(runner.ran[3].project, "apollo");
}

// A create whose object GlitchTip made under another identity than the plan's is failed,
// naming both, and the object GlitchTip really made is recorded.
TEST(Executor, ACreateWithAnotherIdentityFailsAndRecordsWhatGlitchTipMade) {
  struct Case {
    ActionType type;
    std::string kind;
  };
  for (const Case& c :
       {Case{ActionType::create_project, "project"}, Case{ActionType::create_team, "team"},
        Case{ActionType::invite_member, "member"}}) {
    RecordingRunner runner;
    runner.identity_suffix = "-x";
    Action create = make(1, c.type, "NASA");
    create.project = c.type == ActionType::create_project ? "gemini-custom" : "";
    create.team = c.type == ActionType::create_team ? "pilots" : "";
    create.email = c.type == ActionType::invite_member ? "neil@nasa.com" : "";
    const std::string declared = create.project + create.team + create.email;
    std::vector<Action> recorded;
    ExecutionCallbacks callbacks;
    callbacks.on_done = [&](const Action& action, const ActionOutcome&) {
      recorded.push_back(action);
      return Status{};
    };
    const ExecutionReport report = execute_actions(
        {create, make(2, ActionType::add_project_team, "NASA")}, runner, 1, callbacks);
    ASSERT_EQ(report.results[0].state, ActionResult::State::failed) << c.kind;
    EXPECT_EQ(report.results[1].state, ActionResult::State::not_attempted) << c.kind;
    const Error& error = report.results[0].error;
    EXPECT_EQ(error.where, create.address);
    EXPECT_NE(error.message.find("created the " + c.kind + " as \"" + declared + "-x\""),
              std::string::npos)
        << error.message;
    EXPECT_NE(error.message.find("not as \"" + declared + "\""), std::string::npos)
        << error.message;
    ASSERT_EQ(recorded.size(), 1u) << c.kind;
    EXPECT_EQ(recorded[0].project + recorded[0].team + recorded[0].email, declared + "-x");
  }
}

TEST(Executor, ACreateThatKeepsItsIdentityIsDone) {
  RecordingRunner runner;
  Action create = make(1, ActionType::create_project, "NASA");
  create.project = "gemini-custom";
  const ExecutionReport report = execute_actions({create}, runner, 1, {});
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.results[0].outcome.slug, "gemini-custom");
}

TEST(Executor, StopsAtTheFirstFailureAndSaysWhatWasNotAttempted) {
  RecordingRunner runner;
  runner.fail_id = 2;
  std::vector<Action> actions = {
      make(1, ActionType::invite_member, "A"), make(2, ActionType::create_team, "A"),
      make(3, ActionType::add_team_member, "A"), make(4, ActionType::delete_member, "A")};
  const ExecutionReport report = execute_actions(actions, runner, 1, {});
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.results[0].state, ActionResult::State::done);
  EXPECT_EQ(report.results[1].state, ActionResult::State::failed);
  EXPECT_EQ(report.results[1].error.message, "GlitchTip answered 500");
  EXPECT_EQ(report.results[2].state, ActionResult::State::not_attempted);
  EXPECT_EQ(report.results[3].state, ActionResult::State::not_attempted);
  EXPECT_EQ(runner.ran.size(), 2u);
}

TEST(Executor, ARecordingFailureStopsLikeAFailedAction) {
  RecordingRunner runner;
  ExecutionCallbacks callbacks;
  callbacks.on_done = [](const Action&, const ActionOutcome&) {
    return Status{Error{"snapshot", "disk full", ""}};
  };
  const ExecutionReport report = execute_actions(
      {make(1, ActionType::create_team, "A"), make(2, ActionType::add_team_member, "A")}, runner, 1,
      callbacks);
  EXPECT_EQ(report.results[0].state, ActionResult::State::failed);
  EXPECT_EQ(report.results[0].error.message, "disk full");
  EXPECT_EQ(report.results[1].state, ActionResult::State::not_attempted);
}

TEST(Executor, ADurabilityFailureStopsAndFailsTheAction) {
  RecordingRunner runner;
  ExecutionCallbacks callbacks;
  callbacks.on_done = [](const Action&, const ActionOutcome&) { return Status{}; };
  callbacks.make_durable = [] { return Status{Error{"snapshot", "cannot fsync", ""}}; };
  const ExecutionReport report = execute_actions(
      {make(1, ActionType::create_team, "A"), make(2, ActionType::add_team_member, "A")}, runner, 4,
      callbacks);
  EXPECT_EQ(report.results[0].state, ActionResult::State::failed);
  EXPECT_EQ(report.results[0].error.message, "cannot fsync");
  EXPECT_EQ(report.results[1].state, ActionResult::State::not_attempted);
  EXPECT_EQ(runner.ran.size(), 1u);
}

TEST(Executor, AnActionIsDoneOnlyAfterItsDurabilityStepReturned) {
  RecordingRunner runner;
  std::vector<std::string> events;  // on_done, make_durable and on_progress, in order
  ExecutionCallbacks callbacks;
  callbacks.on_done = [&](const Action& action, const ActionOutcome&) {
    events.push_back("recorded " + std::to_string(action.id));
    return Status{};
  };
  callbacks.make_durable = [&] {
    // The next phase has not started: action 2 needs action 1 done.
    events.push_back("durable after " + std::to_string(runner.ran.size()) + " ran");
    return Status{};
  };
  callbacks.on_progress = [&](const ActionResult& result, bool finished) {
    if (finished) events.push_back("finished " + std::to_string(result.action.id));
  };
  const ExecutionReport report = execute_actions(
      {make(1, ActionType::create_team, "A"), make(2, ActionType::add_team_member, "A")}, runner, 4,
      callbacks);
  ASSERT_TRUE(report.ok());
  const std::vector<std::string> expected = {"recorded 1", "durable after 1 ran", "finished 1",
                                             "recorded 2", "durable after 2 ran", "finished 2"};
  EXPECT_EQ(events, expected);
}

TEST(Executor, ASlowDurabilityStepDoesNotStopOtherActions) {
  RecordingRunner runner;
  std::vector<Action> actions;
  for (int i = 0; i < 8; ++i) {
    actions.push_back(make(i + 1, ActionType::invite_member, "org" + std::to_string(i)));
  }
  std::mutex mutex;
  std::condition_variable changed;
  int finished = 0;
  bool first = true;
  bool others_finished_meanwhile = false;
  ExecutionCallbacks callbacks;
  callbacks.make_durable = [&] {
    std::unique_lock lock(mutex);
    if (!first) return Status{};
    first = false;
    // The first durability step (a slow snapshot write) waits for the other seven actions
    // to finish; were it called under the executor's lock, they could not.
    others_finished_meanwhile =
        changed.wait_for(lock, std::chrono::seconds(10), [&] { return finished == 7; });
    return Status{};
  };
  callbacks.on_progress = [&](const ActionResult&, bool done) {
    if (!done) return;
    std::lock_guard lock(mutex);
    ++finished;
    changed.notify_all();
  };
  const ExecutionReport report = execute_actions(actions, runner, 4, callbacks);
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(others_finished_meanwhile);
}

TEST(Executor, IndependentOrganizationsAndPhasesRunInParallel) {
  RecordingRunner runner;
  runner.delay_ms = 20;
  std::vector<Action> actions;
  for (int i = 0; i < 8; ++i) {
    actions.push_back(make(i + 1, ActionType::invite_member, "org" + std::to_string(i)));
  }
  const ExecutionReport report = execute_actions(actions, runner, 4, {});
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(runner.max_concurrent_.load(), 4);
}

TEST(Executor, NeverStartsALaterPhaseBeforeTheEarlierOneFinished) {
  RecordingRunner runner;
  runner.delay_ms = 5;
  std::vector<Action> actions;
  int id = 0;
  for (int i = 0; i < 6; ++i) actions.push_back(make(++id, ActionType::invite_member, "A"));
  for (int i = 0; i < 6; ++i) actions.push_back(make(++id, ActionType::add_team_member, "A"));
  const ExecutionReport report = execute_actions(actions, runner, 8, {});
  ASSERT_TRUE(report.ok());
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(runner.ran[i].type, ActionType::invite_member);
  for (size_t i = 6; i < 12; ++i) EXPECT_EQ(runner.ran[i].type, ActionType::add_team_member);
}

TEST(Executor, EmptyPlanIsDone) {
  RecordingRunner runner;
  EXPECT_TRUE(execute_actions({}, runner, 8, {}).ok());
}

}  // namespace
}  // namespace gg
