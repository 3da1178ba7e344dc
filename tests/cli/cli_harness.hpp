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
#include "tests/support/run_binary.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg::testing {

// The emulator token of the example's automation user (its live.json seed).
std::string example_token();
// The fake Slack webhook the example's Apollo 11 Spacecraft alert reads from
// NASA_SLACK_WEBHOOK (examples/run.sh sets the same).
std::string example_slack_webhook();

// What a run printed and how it ended (tests/support/run_binary.hpp).
using CliResult = RunResult;

class CliWorkspace {
 public:
  // A fresh temporary directory, removed on destruction.
  CliWorkspace();
  ~CliWorkspace();
  CliWorkspace(const CliWorkspace&) = delete;
  CliWorkspace& operator=(const CliWorkspace&) = delete;

  const std::filesystem::path& dir() const { return directory_.path(); }
  std::filesystem::path definitions() const { return dir() / "definitions"; }
  std::filesystem::path snapshot() const { return dir() / "snapshot.json"; }

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

  // glitchtip-gitops with `arguments` in dir(), with GLITCHTIP_DEV_TOKEN set to the example
  // token, NASA_SLACK_WEBHOOK to example_slack_webhook(), GLITCHTIP_GITOPS_SNAPSHOT to snapshot(),
  // NO_COLOR=1, no CI commit variables, then `environment` (an empty value unsets).
  Command command(const std::vector<std::string>& arguments,
                  const std::map<std::string, std::string>& environment = {}) const;
  // Runs command(arguments, environment) to its end.
  CliResult run(const std::vector<std::string>& arguments,
                const std::map<std::string, std::string>& environment = {}) const;

  // The file, relative to dir() unless absolute.
  std::string read_file(const std::filesystem::path& path) const;

 private:
  TemporaryDirectory directory_{"gg-cli"};
  std::unique_ptr<emulator::Emulator> emulator_;
};

}  // namespace gg::testing
