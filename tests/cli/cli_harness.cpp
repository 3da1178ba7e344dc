#include "tests/cli/cli_harness.hpp"

#include <regex>
#include <stdexcept>

#include "tests/support/files.hpp"

namespace gg::testing {

std::string example_token() {
  return emulator::test_token("glitchtip-dev");
}

std::string example_slack_webhook() {
  return "https://hooks.slack.example/services/T00000000/B00000000/example-not-a-secret";
}

CliWorkspace::CliWorkspace() {
  std::filesystem::create_directories(definitions());
}

CliWorkspace::~CliWorkspace() {
  if (emulator_) emulator_->stop();
}

nlohmann::json CliWorkspace::empty_seed() {
  return {{"users", {{{"email", "sd-app-sre+glitchtip@nasa.com"}, {"token", example_token()}}}},
          {"organizations", nlohmann::json::array()}};
}

nlohmann::json CliWorkspace::example_live_seed() {
  return nlohmann::json::parse(testing::read_file(std::filesystem::path(GG_SOURCE_DIR) /
                                                  "examples/space-agencies/live.json"));
}

void CliWorkspace::start_emulator(const nlohmann::json& seed, emulator::Flavour flavour,
                                  const std::string& version) {
  emulator::Options options;
  options.flavour = flavour;
  options.version = version;
  options.threads = 8;
  emulator_ = std::make_unique<emulator::Emulator>(options);
  if (Status seeded = emulator_->seed(seed); !seeded.ok()) {
    throw std::runtime_error("seed: " + seeded.error().to_string());
  }
  if (Status started = emulator_->start(); !started.ok()) {
    throw std::runtime_error("start: " + started.error().to_string());
  }
}

void CliWorkspace::use_example_definitions() {
  const std::filesystem::path source =
      std::filesystem::path(GG_SOURCE_DIR) / "examples/space-agencies";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const std::filesystem::path relative = std::filesystem::relative(entry.path(), source);
    std::string text = testing::read_file(entry.path());
    if (relative == "instance.yaml" && emulator_) {
      text = std::regex_replace(text, std::regex("url: .*"), "url: " + emulator_->base_url());
    }
    write_definition(relative.string(), text);
  }
}

void CliWorkspace::write_definition(const std::string& relative_path, const std::string& yaml) {
  const std::filesystem::path path = definitions() / relative_path;
  std::filesystem::create_directories(path.parent_path());
  write_file(path, yaml);
}

void CliWorkspace::remove_definition(const std::string& relative_path) {
  std::filesystem::remove(definitions() / relative_path);
}

Command CliWorkspace::command(const std::vector<std::string>& arguments,
                              const std::map<std::string, std::string>& environment) const {
  Command command{.binary = tool_binary(), .arguments = arguments, .directory = dir()};
  command.environment = {{"GLITCHTIP_DEV_TOKEN", example_token()},
                         {"NASA_SLACK_WEBHOOK", example_slack_webhook()},
                         {"GLITCHTIP_GITOPS_SNAPSHOT", snapshot().string()},
                         {"NO_COLOR", "1"},
                         {"CI_COMMIT_SHA", ""},
                         {"GITHUB_SHA", ""}};
  for (const auto& [name, value] : environment) command.environment[name] = value;
  return command;
}

CliResult CliWorkspace::run(const std::vector<std::string>& arguments,
                            const std::map<std::string, std::string>& environment) const {
  return run_binary(command(arguments, environment));
}

std::string CliWorkspace::read_file(const std::filesystem::path& path) const {
  return testing::read_file(path.is_absolute() ? path : dir() / path);
}

}  // namespace gg::testing
