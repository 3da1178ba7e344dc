// plan, apply, refresh and state with the snapshot in a real PostgreSQL
// (tests/support/postgres.sh): one lock across processes, a killed or cut-off apply, moving a
// file snapshot in with state push, and no password in any output.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>  // getpid

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/cli/apply_scenarios.hpp"
#include "tests/cli/cli_harness.hpp"
#include "tests/cli/fault_rules.hpp"
#include "tests/support/test_postgres.hpp"

namespace gg::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PostgresSnapshot : public ::testing::Test {
 protected:
  void SetUp() override {
    GG_REQUIRE_POSTGRES();
    database_ = fresh_postgres_database();
    uri_ = database_ + "#space-agencies";
    workspace_.start_emulator(CliWorkspace::empty_seed());
    workspace_.use_example_definitions();
  }
  CliResult run(std::vector<std::string> arguments) const {
    arguments.insert(arguments.end(), {"--snapshot", uri_});
    return workspace_.run(arguments);
  }
  // Waits until an apply holds the lock in the database (and, with `written`, has written
  // its first snapshot); the backend pid holding it.
  std::string wait_for_lock_row(BackgroundRun& apply, bool written = false) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    const std::string also_written =
        written
            ? " AND EXISTS (SELECT 1 FROM glitchtip_gitops.states WHERE name = 'space-agencies')"
            : "";
    while (!apply.ended() && std::chrono::steady_clock::now() < deadline) {
      const std::string pid = run_postgres_sql(
          database_,
          "SELECT (SELECT backend_pid FROM glitchtip_gitops.locks WHERE name = "
          "'space-agencies'" +
              also_written + ") WHERE to_regclass('glitchtip_gitops.locks') IS NOT NULL");
      if (!pid.empty()) return pid;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
  }
  void slow_first_write() {
    workspace_.emulator().add_fault(Fault::latency(std::chrono::seconds(3)).on("POST").times(1));
  }
  std::string database_;
  std::string uri_;
  CliWorkspace workspace_;
};

TEST_F(PostgresSnapshot, TwoAppliesAtOnceTheSecondNamesTheHolder) {
  ASSERT_EQ(run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  slow_first_write();
  BackgroundRun first(workspace_, {"apply", "plan.json", "--snapshot", uri_}, "first");
  ASSERT_NE(wait_for_lock_row(first), "") << workspace_.read_file(workspace_.dir() / "first.err");
  const CliResult second = run({"apply", "plan.json", "--lock-timeout", "0"});
  EXPECT_EQ(second.exit_code, 1) << second.all();
  EXPECT_THAT(second.err, HasSubstr("the snapshot is locked by apply (lock "));
  EXPECT_THAT(second.err, HasSubstr("force-unlock"));
  EXPECT_EQ(first.wait(), 0) << workspace_.read_file(workspace_.dir() / "first.err");
  EXPECT_EQ(normalized(workspace_.emulator().dump()), example_converged());
}

TEST_F(PostgresSnapshot, AKilledApplyLeavesNoLockAndTheNextRunConverges) {
  ASSERT_EQ(run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  slow_first_write();
  BackgroundRun first(workspace_, {"apply", "plan.json", "--snapshot", uri_}, "first");
  ASSERT_NE(wait_for_lock_row(first), "");
  first.kill_now();
  first.wait();
  // No force-unlock, no waiting: the lock died with the connection.
  ASSERT_EQ(run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  const CliResult next = run({"apply", "plan.json", "--lock-timeout", "0"});
  EXPECT_EQ(next.exit_code, 0) << next.all();
  const CliResult replan = run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(replan.exit_code, 0) << replan.all();
  EXPECT_EQ(normalized(workspace_.emulator().dump()), example_converged());
}

TEST_F(PostgresSnapshot, AConnectionCutByTheServerStopsTheApplyAndNothingIsLost) {
  ASSERT_EQ(run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  slow_first_write();
  BackgroundRun first(workspace_, {"apply", "plan.json", "--snapshot", uri_}, "first");
  const std::string backend = wait_for_lock_row(first, true);
  ASSERT_NE(backend, "");
  EXPECT_EQ(run_postgres_sql(test_postgres_uri(), "SELECT pg_terminate_backend(" + backend + ")"),
            "t");
  EXPECT_EQ(first.wait(), 1);
  EXPECT_THAT(workspace_.read_file(workspace_.dir() / "first.err"),
              HasSubstr("lost the connection to PostgreSQL"));
  const CliResult pull = run({"state", "pull"});
  EXPECT_EQ(pull.exit_code, 0) << pull.all();
  ASSERT_EQ(run({"plan", "-d", "definitions", "--out", "plan.json"}).exit_code, 0);
  const CliResult again = run({"apply", "plan.json"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  const CliResult replan = run({"plan", "-d", "definitions", "--detailed-exitcode"});
  EXPECT_EQ(replan.exit_code, 0) << replan.all();
  EXPECT_THAT(duplicate_slugs(workspace_.emulator().dump()), ::testing::IsEmpty());
  EXPECT_EQ(normalized(workspace_.emulator().dump()), example_converged());
}

TEST_F(PostgresSnapshot, AFileSnapshotMovesInWithPushAndEveryCommandUsesTheDatabase) {
  std::vector<CliResult> results = plan_apply_replan(workspace_);  // the file snapshot.json
  const nlohmann::json file = nlohmann::json::parse(workspace_.read_file(workspace_.snapshot()));
  results.push_back(run({"state", "push", workspace_.snapshot().string()}));
  ASSERT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(run({"state", "pull"}));
  ASSERT_EQ(results.back().exit_code, 0) << results.back().all();
  const nlohmann::json pulled = nlohmann::json::parse(results.back().out);
  EXPECT_EQ(pulled.at("lineage"), file.at("lineage"));
  EXPECT_EQ(pulled.at("instances"), file.at("instances"));
  EXPECT_EQ(run_postgres_sql(database_, "SELECT serial FROM glitchtip_gitops.states"),
            std::to_string(file.at("serial").get<int>()))
      << "a pushed snapshot keeps its serial, so that serials stay comparable";

  // plan, apply, refresh and state now work on the database's copy.
  workspace_.write_definition("users/ed-white.yaml",
                              "kind: User\nemail: EdWhite@nasa.com\nroles: [nasa-pilots]\n");
  results.push_back(run({"plan", "-d", "definitions", "--out", "plan.json"}));
  ASSERT_EQ(results.back().exit_code, 0) << results.back().all();
  EXPECT_THAT(results.back().out, HasSubstr("Plan: 2 to add"));
  results.push_back(run({"apply", "plan.json"}));
  ASSERT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(run({"refresh", "-d", "definitions"}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(run({"plan", "-d", "definitions", "--detailed-exitcode"}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(run({"state", "list"}));
  EXPECT_THAT(results.back().out, HasSubstr("glitchtip-dev/NASA/member/edwhite@nasa.com\n"));
  EXPECT_EQ(file, nlohmann::json::parse(workspace_.read_file(workspace_.snapshot())))
      << "the file must stay as it was";

  // A file older than the database, or of another state, is refused unless forced.
  results.push_back(run({"state", "push", workspace_.snapshot().string()}));
  EXPECT_EQ(results.back().exit_code, 1) << results.back().all();
  EXPECT_THAT(results.back().err, HasSubstr("holds a newer serial"));
  nlohmann::json foreign = file;
  foreign["lineage"] = "00000000-0000-4000-8000-000000000000";
  foreign["serial"] = 99;
  std::ofstream(workspace_.dir() / "foreign.json") << foreign.dump(2) << "\n";
  results.push_back(run({"state", "push", "foreign.json"}));
  EXPECT_EQ(results.back().exit_code, 1) << results.back().all();
  EXPECT_THAT(results.back().err, HasSubstr("holds another lineage"));
  results.push_back(run({"state", "push", "foreign.json", "--force"}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();

  // Every version replaced is kept, and comes back with restore.
  results.push_back(run({"state", "versions"}));
  EXPECT_THAT(results.back().out, HasSubstr("serial 99  "));
  const std::string before_force =
      run_postgres_sql(database_, "SELECT max(serial) FROM glitchtip_gitops.versions");
  results.push_back(run({"state", "restore", before_force}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  results.push_back(run({"plan", "-d", "definitions", "--detailed-exitcode"}));
  EXPECT_EQ(results.back().exit_code, 0) << results.back().all();
  expect_no_token(workspace_, results);
}

TEST_F(PostgresSnapshot, APasswordIsNeverShown) {
  const std::string password = "Pw-" + std::to_string(getpid()) + "-never-shown";
  // tests/support/postgres.sh asks this role, and only it, for a password.
  run_postgres_sql(test_postgres_uri(),
                   "DO $$BEGIN CREATE ROLE gg_password LOGIN; EXCEPTION WHEN duplicate_object "
                   "THEN NULL; END$$");
  run_postgres_sql(test_postgres_uri(), "ALTER ROLE gg_password PASSWORD '" + password + "'");
  const std::string name = database_.substr(database_.rfind('/') + 1);
  run_postgres_sql(test_postgres_uri(), "ALTER DATABASE " + name + " OWNER TO gg_password");
  const std::string with_password = postgres_uri_as(database_, "gg_password", password);
  const std::string without = postgres_uri_as(database_, "gg_password");
  std::vector<CliResult> results;
  const auto as = [&](std::vector<std::string> arguments, const std::string& uri,
                      const std::map<std::string, std::string>& environment = {}) {
    arguments.insert(arguments.end(), {"--snapshot", uri, "--log-level", "debug"});
    results.push_back(workspace_.run(arguments, environment));
    return results.back();
  };
  EXPECT_EQ(as({"plan", "-d", "definitions", "--out", "plan.json"}, with_password).exit_code, 0)
      << results.back().all();
  EXPECT_EQ(as({"apply", "plan.json"}, with_password).exit_code, 0) << results.back().all();
  EXPECT_EQ(as({"state", "pull"}, without, {{"PGPASSWORD", password}}).exit_code, 0)
      << results.back().all();
  // Wrong or missing passwords fail, naming the URI without one.
  EXPECT_EQ(as({"state", "list"}, without, {{"PGPASSWORD", ""}}).exit_code, 1);
  EXPECT_THAT(results.back().err, HasSubstr(without));
  EXPECT_EQ(
      as({"state", "list"}, postgres_uri_as(database_, "gg_password", password + "x")).exit_code,
      1);
  EXPECT_EQ(as({"force-unlock", "00000000-0000-4000-8000-000000000000"}, with_password).exit_code,
            1);
  for (const CliResult& result : results) {
    EXPECT_THAT(result.all(), Not(HasSubstr(password)));
  }
  for (const auto& entry : std::filesystem::directory_iterator(workspace_.dir())) {
    if (!entry.is_regular_file()) continue;
    EXPECT_THAT(workspace_.read_file(entry.path()), Not(HasSubstr(password))) << entry.path();
  }
}

}  // namespace
}  // namespace gg::testing
