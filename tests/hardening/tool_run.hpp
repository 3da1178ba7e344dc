#pragma once
// Running the built glitchtip-gitops binary from a test, the way a pipeline does: in a
// working directory of its own, with its stdout and stderr kept as files there (so that a
// test can search everything the run left behind), and the example definitions pointed at a
// GlitchTip of the test's choosing.

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temporary_directory.hpp"

namespace gg::hardening {

using testing::read_file;
using testing::write_file;
using ToolRun = testing::RunResult;

// A fresh directory under the system's temporary directory, removed with its content.
class WorkDir : public testing::TemporaryDirectory {
 public:
  WorkDir() : TemporaryDirectory("gg-hardening") {}
};

// Runs `glitchtip-gitops ARGS` (ARGS as words separated by spaces, no quoting) in `work`,
// with this process's environment; its output is kept as work/stdout.N and work/stderr.N,
// N counting runs in that directory.
inline ToolRun run_tool(const std::filesystem::path& work, const std::string& args) {
  int n = 0;
  while (std::filesystem::exists(work / ("stdout." + std::to_string(n)))) ++n;
  testing::Command command{.binary = testing::tool_binary(), .directory = work};
  std::istringstream words(args);
  for (std::string word; words >> word;) command.arguments.push_back(word);
  ToolRun run = testing::run_binary(command);
  write_file(work / ("stdout." + std::to_string(n)), run.out);
  write_file(work / ("stderr." + std::to_string(n)), run.err);
  return run;
}

// The fake Slack webhook the example's alert reads from NASA_SLACK_WEBHOOK.
inline constexpr const char* kExampleSlackWebhook =
    "https://hooks.slack.example/services/T00000000/B00000000/example-not-a-secret";

// Copies examples/space-agencies (without its live seed) to work/DIRECTORY with the
// instance's URL set to `url`. The token comes from GLITCHTIP_DEV_TOKEN, the alert's webhook
// from NASA_SLACK_WEBHOOK.
inline void copy_example_definitions(const std::filesystem::path& work,
                                     const std::string& directory, const std::string& url) {
  const auto target = work / directory;
  std::filesystem::copy(std::string(GG_SOURCE_DIR) + "/examples/space-agencies", target,
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove(target / "live.json");
  std::string instance = read_file(target / "instance.yaml");
  const auto at = instance.find("url: ");
  instance.replace(at, instance.find('\n', at) - at, "url: " + url);
  write_file(target / "instance.yaml", instance);
}

}  // namespace gg::hardening
