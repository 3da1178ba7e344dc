#pragma once
// The harness of the end-to-end tests: a temporary work directory with definitions, an
// in-process GlitchTip emulator, and the real glitchtip-gitops binary run as a child
// process with a chosen environment, its exit code and output captured.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/emulator/emulator.hpp"

namespace gg::testing {

// The emulator token of the example's automation user (its live.json seed).
std::string example_token();

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  std::string all() const { return out + err; }
};

class CliWorkspace;

// glitchtip-gitops as a child process will run it: binary, arguments, working directory and
// environment (GLITCHTIP_DEV_TOKEN, GLITCHTIP_GITOPS_SNAPSHOT, NO_COLOR=1, no CI commit
// variables, then `environment`; an empty value unsets). Everything is prepared before
// fork(): the parent has threads (the emulator's) that may hold a lock (malloc's,
// OpenSSL's) at the moment of fork, so the child must only call async-signal-safe
// functions, or it can hang forever.
class ChildCommand {
 public:
  ChildCommand(const CliWorkspace& workspace, const std::vector<std::string>& arguments,
               const std::map<std::string, std::string>& environment = {});
  ChildCommand(const ChildCommand&) = delete;
  ChildCommand& operator=(const ChildCommand&) = delete;

  // In the child, after fork() and its own dup2()s: chdir and execve; _exit(127) on failure.
  [[noreturn]] void exec() const;

 private:
  std::string binary_;
  std::string directory_;
  std::vector<std::string> arguments_;
  std::vector<std::string> environment_;
  std::vector<char*> argv_;
  std::vector<char*> envp_;
};

class CliWorkspace {
 public:
  // A fresh temporary directory, removed on destruction.
  CliWorkspace();
  ~CliWorkspace();
  CliWorkspace(const CliWorkspace&) = delete;
  CliWorkspace& operator=(const CliWorkspace&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path definitions() const { return dir_ / "definitions"; }
  std::filesystem::path snapshot() const { return dir_ / "snapshot.json"; }

  // Starts an emulator of this flavour seeded with `seed` (the example's automation user
  // and token when `seed` is null and `empty` is true: an empty GlitchTip).
  void start_emulator(const nlohmann::json& seed,
                      emulator::Flavour flavour = emulator::Flavour::drf,
                      const std::string& version = "");
  emulator::Emulator& emulator() { return *emulator_; }

  // An empty GlitchTip: only the example's automation user and its token.
  static nlohmann::json empty_seed();
  // examples/space-agencies/live.json.
  static nlohmann::json example_live_seed();

  // Copies examples/space-agencies/*.yaml into definitions/, pointed at the emulator.
  void use_example_definitions();
  // Writes (or replaces) a definitions file, relative to definitions/.
  void write_definition(const std::string& relative_path, const std::string& yaml);
  void remove_definition(const std::string& relative_path);

  // Runs glitchtip-gitops with `arguments` in dir(), with GLITCHTIP_DEV_TOKEN set to the
  // example token, GLITCHTIP_GITOPS_SNAPSHOT to snapshot(), NO_COLOR=1, plus `environment`.
  CliResult run(const std::vector<std::string>& arguments,
                const std::map<std::string, std::string>& environment = {}) const;

  std::string read_file(const std::filesystem::path& path) const;

 private:
  std::filesystem::path dir_;
  std::unique_ptr<emulator::Emulator> emulator_;
};

}  // namespace gg::testing
