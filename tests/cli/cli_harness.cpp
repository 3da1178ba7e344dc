#include "tests/cli/cli_harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace gg::testing {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Reads both pipes until the child closes them, without deadlocking on a full pipe.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
        continue;
      }
      (i == 0 ? out : err).append(buffer, static_cast<size_t>(n));
    }
  }
}

}  // namespace

std::string example_token() {
  return emulator::test_token("glitchtip-dev");
}

CliWorkspace::CliWorkspace() {
  std::string pattern = (std::filesystem::temp_directory_path() / "gg-cli-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  std::filesystem::create_directories(definitions());
}

CliWorkspace::~CliWorkspace() {
  if (emulator_) emulator_->stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

nlohmann::json CliWorkspace::empty_seed() {
  return {{"users", {{{"email", "sd-app-sre+glitchtip@nasa.com"}, {"token", example_token()}}}},
          {"organizations", nlohmann::json::array()}};
}

nlohmann::json CliWorkspace::example_live_seed() {
  return nlohmann::json::parse(
      slurp(std::filesystem::path(GG_SOURCE_DIR) / "examples/space-agencies/live.json"));
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
    std::string text = slurp(entry.path());
    if (relative == "instance.yaml" && emulator_) {
      text = std::regex_replace(text, std::regex("url: .*"), "url: " + emulator_->base_url());
    }
    write_definition(relative.string(), text);
  }
}

void CliWorkspace::write_definition(const std::string& relative_path, const std::string& yaml) {
  const std::filesystem::path path = definitions() / relative_path;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << yaml;
}

void CliWorkspace::remove_definition(const std::string& relative_path) {
  std::filesystem::remove(definitions() / relative_path);
}

ChildCommand::ChildCommand(const CliWorkspace& workspace, const std::vector<std::string>& arguments,
                           const std::map<std::string, std::string>& environment)
    : binary_(std::string(GG_BINARY_DIR) + "/glitchtip-gitops"),
      directory_(workspace.dir().string()) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const size_t equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  variables["GLITCHTIP_DEV_TOKEN"] = example_token();
  variables["GLITCHTIP_GITOPS_SNAPSHOT"] = workspace.snapshot().string();
  variables["NO_COLOR"] = "1";
  variables.erase("CI_COMMIT_SHA");
  variables.erase("GITHUB_SHA");
  for (const auto& [name, value] : environment) {
    if (value.empty()) {
      variables.erase(name);
    } else {
      variables[name] = value;
    }
  }
  for (const auto& [name, value] : variables) environment_.push_back(name + "=" + value);
  arguments_.push_back(binary_);
  arguments_.insert(arguments_.end(), arguments.begin(), arguments.end());
  for (std::string& argument : arguments_) argv_.push_back(argument.data());
  argv_.push_back(nullptr);
  for (std::string& variable : environment_) envp_.push_back(variable.data());
  envp_.push_back(nullptr);
}

void ChildCommand::exec() const {
  if (chdir(directory_.c_str()) != 0) _exit(127);
  execve(binary_.c_str(), argv_.data(), envp_.data());
  _exit(127);
}

CliResult CliWorkspace::run(const std::vector<std::string>& arguments,
                            const std::map<std::string, std::string>& environment) const {
  const ChildCommand command(*this, arguments, environment);
  const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out_pipe[2];
  int err_pipe[2];
  if (null < 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    dup2(null, STDIN_FILENO);
    command.exec();
  }
  close(null);
  close(out_pipe[1]);
  close(err_pipe[1]);
  CliResult result;
  drain(out_pipe[0], err_pipe[0], result.out, result.err);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string CliWorkspace::read_file(const std::filesystem::path& path) const {
  return slurp(path.is_absolute() ? path : dir_ / path);
}

}  // namespace gg::testing
