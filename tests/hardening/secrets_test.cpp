// The API token never leaves the process: every command of the built binary, on success and
// on its error paths, at the most verbose log level and in both log formats, is run against
// the emulator with recognisable tokens, and then every byte it produced (stdout, stderr,
// plan files, the snapshot and its backup, the lock file while apply held it) is searched for
// them, whole and for a 12-character piece. The same search follows apply killed by a
// signal in the middle of its writes.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/emulator/emulator.hpp"
#include "tests/hardening/tool_run.hpp"

namespace gg::hardening {
namespace {

namespace fs = std::filesystem;

const std::string kAutomationUser = "sd-app-sre+glitchtip@nasa.com";

struct Leak {
  std::string file;
  std::string secret;
};

// Every file below `work` (except the definitions, which only name the token's source)
// that holds a secret or its first 12 characters.
std::vector<Leak> leaks_below(const fs::path& work, const std::vector<std::string>& secrets) {
  std::vector<Leak> leaks;
  for (const auto& entry : fs::recursive_directory_iterator(work)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = read_file(entry.path());
    for (const auto& secret : secrets) {
      if (text.find(secret.substr(0, 12)) != std::string::npos) {
        leaks.push_back({fs::relative(entry.path(), work).string(), secret});
      }
    }
  }
  return leaks;
}

std::string describe(const ToolRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

// Every POST waits `latency`, so that a test can act while apply holds its lock.
emulator::FaultRule slow_writes(std::chrono::milliseconds latency) {
  emulator::FaultRule slow;
  slow.kind = emulator::FaultRule::Kind::latency;
  slow.method = "POST";
  slow.latency = latency;
  return slow;
}

// Each test: an emulator whose automation user has the test's token, a work directory with
// the example definitions pointing at it, and the variables the tool reads (the token, the
// snapshot path), unset afterwards.
class Secrets : public ::testing::Test {
 protected:
  void start(const std::string& token) {
    seed = {{"users", {{{"email", kAutomationUser}, {"token", token}}}},
            {"organizations", nlohmann::json::array()}};
    ASSERT_TRUE(glitchtip.seed(seed).ok());
    ASSERT_TRUE(glitchtip.start().ok());
    copy_example_definitions(dir(), "definitions", glitchtip.base_url());
    setenv("GLITCHTIP_DEV_TOKEN", token.c_str(), 1);
    setenv("NASA_SLACK_WEBHOOK", kExampleSlackWebhook, 1);
    setenv("GLITCHTIP_GITOPS_SNAPSHOT", (dir() / "glitchtip-gitops.snapshot.json").c_str(), 1);
  }
  void TearDown() override {
    unsetenv("GLITCHTIP_DEV_TOKEN");
    unsetenv("NASA_SLACK_WEBHOOK");
    unsetenv("GLITCHTIP_GITOPS_SNAPSHOT");
  }
  const fs::path& dir() const { return work.path(); }

  emulator::Emulator glitchtip;
  WorkDir work;
  nlohmann::json seed;
};

TEST_F(Secrets, NoCommandEverWritesTheTokenAnywhere) {
  const std::string token = emulator::test_token("secret-canary");
  const std::string wrong_token = emulator::test_token("wrong-secret-canary");
  ASSERT_NO_FATAL_FAILURE(start(token));
  const fs::path& dir = this->dir();
  copy_example_definitions(dir, "unreachable", "http://127.0.0.1:1");
  const std::string debug = "--log-level debug ";
  const std::string json_debug = "--log-level debug --log-format json ";

  EXPECT_EQ(run_tool(dir, debug + "validate -d definitions").exit_code, 0);
  EXPECT_EQ(run_tool(dir, debug + "plan -d definitions --offline --out offline.json").exit_code, 0);
  const auto planned = run_tool(dir, debug + "plan -d definitions --out plan.json");
  ASSERT_EQ(planned.exit_code, 0) << describe(planned);
  EXPECT_EQ(run_tool(dir, json_debug + "plan -d definitions --format markdown").exit_code, 0);
  EXPECT_EQ(run_tool(dir, json_debug + "plan -d definitions --format json").exit_code, 0);
  for (const std::string format : {"text", "markdown", "json"}) {
    EXPECT_EQ(run_tool(dir, debug + "show plan.json --format " + format).exit_code, 0);
  }

  // An apply that fails on a write: the error names the request, never its header.
  emulator::FaultRule refused;
  refused.kind = emulator::FaultRule::Kind::status;
  refused.method = "POST";
  refused.path_regex = "/projects/";
  refused.status = 500;
  glitchtip.add_fault(refused);
  const auto failed = run_tool(dir, json_debug + "apply plan.json -d definitions");
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  glitchtip.clear_faults();

  // A successful apply, slowed so that its lock file can be copied while it is held.
  ASSERT_EQ(run_tool(dir, debug + "plan -d definitions --out plan2.json").exit_code, 0);
  glitchtip.add_fault(slow_writes(std::chrono::milliseconds(300)));
  const fs::path lock = dir / "glitchtip-gitops.snapshot.json.lock";
  ToolRun applied;
  std::thread apply([&] { applied = run_tool(dir, debug + "apply plan2.json -d definitions"); });
  bool lock_seen = false;
  for (int i = 0; i < 500 && !lock_seen; ++i) {
    std::error_code ignored;
    lock_seen = fs::copy_file(lock, dir / "lock-while-held.json", ignored);
    if (!lock_seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  apply.join();
  glitchtip.clear_faults();
  EXPECT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_TRUE(lock_seen) << "apply never held " << lock;

  EXPECT_EQ(run_tool(dir, debug + "refresh -d definitions").exit_code, 0);
  EXPECT_EQ(run_tool(dir, debug + "state list").exit_code, 0);
  EXPECT_EQ(run_tool(dir, debug + "state show glitchtip-dev/NASA").exit_code, 0);
  EXPECT_EQ(run_tool(dir, debug + "force-unlock 00000000-0000-0000-0000-000000000000").exit_code,
            1);

  // Error paths: a token GlitchTip does not know, and a GlitchTip nobody answers at.
  setenv("GLITCHTIP_DEV_TOKEN", wrong_token.c_str(), 1);
  const auto refused_token = run_tool(dir, json_debug + "plan -d definitions");
  EXPECT_EQ(refused_token.exit_code, 1) << describe(refused_token);
  EXPECT_EQ(run_tool(dir, debug + "refresh -d definitions").exit_code, 1);
  EXPECT_EQ(run_tool(dir, debug + "apply offline.json").exit_code, 1);
  setenv("GLITCHTIP_DEV_TOKEN", token.c_str(), 1);
  const auto unreachable = run_tool(dir, debug + "plan -d unreachable");
  EXPECT_EQ(unreachable.exit_code, 1) << describe(unreachable);

  // The searched files are there: a leak cannot hide behind a run that wrote nothing.
  for (const char* file :
       {"plan.json", "offline.json", "glitchtip-gitops.snapshot.json", "lock-while-held.json"}) {
    EXPECT_TRUE(fs::exists(dir / file)) << file;
  }
  EXPECT_NE(read_file(dir / "stderr.0").size() + read_file(dir / "stdout.0").size(), 0u);
  // The example's alert webhook (a secret from NASA_SLACK_WEBHOOK) is searched for by its path.
  const std::string webhook_path = "/services/T00000000/B00000000/example-not-a-secret";
  for (const auto& leak : leaks_below(dir, {token, wrong_token, webhook_path})) {
    ADD_FAILURE() << leak.file << " holds the secret " << leak.secret.substr(0, 4) << "...";
  }
}

// The pid of the run holding `lock`, once one does (0 if none did within ten seconds).
pid_t wait_for_lock_holder(const fs::path& lock) {
  for (int i = 0; i < 1000; ++i) {
    const auto holder = nlohmann::json::parse(read_file(lock), nullptr, false);
    if (holder.is_object() && holder.value("pid", 0) > 0) {
      return static_cast<pid_t>(holder.value("pid", 0));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

// Kills apply with `signal` while it holds the snapshot lock (so in the middle of its
// writes, the token in memory) and returns what the run printed.
ToolRun crashed_apply(emulator::Emulator& glitchtip, const fs::path& dir, int signal) {
  const std::string plan = "plan-" + std::to_string(signal) + ".json";
  EXPECT_EQ(run_tool(dir, "plan -d definitions --out " + plan).exit_code, 0);
  glitchtip.add_fault(slow_writes(std::chrono::milliseconds(500)));
  const fs::path lock = dir / "glitchtip-gitops.snapshot.json.lock";
  ToolRun applied;
  std::thread apply([&] { applied = run_tool(dir, "--log-level debug apply " + plan); });
  const pid_t holder = wait_for_lock_holder(lock);
  const bool killed = holder > 0 && ::kill(holder, signal) == 0;
  apply.join();
  glitchtip.clear_faults();
  EXPECT_TRUE(killed) << "apply never held " << lock;
  EXPECT_NE(applied.exit_code, 0) << describe(applied);
  // The lock the crash left is searched with the rest; the next apply needs it gone.
  std::error_code ignored;
  fs::rename(lock, dir / ("lock-left-by-signal-" + std::to_string(signal) + ".json"), ignored);
  return applied;
}

// Crash output: what a sanitizer, or nothing, prints when the process dies of a signal
// with the token in memory. The tool installs no crash handler of its own.
TEST_F(Secrets, ACrashMidApplyLeavesTheTokenNowhere) {
  const std::string token = emulator::test_token("crash-canary");
  ASSERT_NO_FATAL_FAILURE(start(token));
  const fs::path& dir = this->dir();
  for (const int signal : {SIGSEGV, SIGABRT}) {
    SCOPED_TRACE("signal " + std::to_string(signal));
    ASSERT_TRUE(glitchtip.seed(seed).ok());
    fs::remove(dir / "glitchtip-gitops.snapshot.json");
    crashed_apply(glitchtip, dir, signal);
  }
  for (const auto& leak : leaks_below(dir, {token})) {
    ADD_FAILURE() << leak.file << " holds the token " << leak.secret.substr(0, 4) << "...";
  }
}

// The commands that read a token run non-dumpable (cmd/process_protection.hpp): no core
// file, whatever `ulimit -c` says, and no ptrace or /proc/PID/mem by the same user. Each
// says so in its debug log, from the kernel's own answer (PR_GET_DUMPABLE) at run time.
TEST_F(Secrets, TheCommandsThatReadATokenRunNotDumpable) {
  ASSERT_NO_FATAL_FAILURE(start(emulator::test_token("dump-canary")));
  for (const std::string command :
       {"plan -d definitions --out plan.json", "apply plan.json", "refresh -d definitions"}) {
    const ToolRun run = run_tool(dir(), "--log-level debug " + command);
    EXPECT_EQ(run.exit_code, 0) << command << "\n" << describe(run);
    EXPECT_NE(run.err.find("process memory closed: not dumpable"), std::string::npos)
        << command << "\n"
        << run.err;
  }
}

}  // namespace
}  // namespace gg::hardening
