#include "tests/support/run_binary.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace gg::testing {
namespace {

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

// The child's stdin: /dev/null, or a memory file holding `input` (no pipe to keep fed, no
// SIGPIPE when the child does not read it all).
int open_input(const std::string& input) {
  if (input.empty()) return open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int fd = memfd_create("gg-test-stdin", MFD_CLOEXEC);
  if (fd < 0) return -1;
  size_t written = 0;
  while (written < input.size()) {
    const ssize_t n = write(fd, input.data() + written, input.size() - written);
    if (n <= 0) return -1;
    written += static_cast<size_t>(n);
  }
  return lseek(fd, 0, SEEK_SET) == 0 ? fd : -1;
}

}  // namespace

std::filesystem::path tool_binary() {
  return std::filesystem::path(GG_BINARY_DIR) / "glitchtip-gitops";
}

std::filesystem::path emulator_binary() {
  return std::filesystem::path(GG_BINARY_DIR) / "glitchtip-emulator";
}

std::filesystem::path find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream directories(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string directory; std::getline(directories, directory, ':');) {
    const std::filesystem::path candidate =
        std::filesystem::path(directory.empty() ? "." : directory) / program;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
      return candidate;
    }
  }
  return {};
}

PreparedCommand::PreparedCommand(const Command& command)
    : binary_(command.binary.has_parent_path() ? command.binary.string()
                                               : find_on_path(command.binary.string()).string()),
      directory_(command.directory.string()) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const size_t equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : command.environment) {
    if (value.empty()) {
      variables.erase(name);
    } else {
      variables[name] = value;
    }
  }
  for (const auto& [name, value] : variables) environment_.push_back(name + "=" + value);
  arguments_.push_back(binary_.empty() ? command.binary.string() : binary_);
  arguments_.insert(arguments_.end(), command.arguments.begin(), command.arguments.end());
  for (std::string& argument : arguments_) argv_.push_back(argument.data());
  argv_.push_back(nullptr);
  for (std::string& variable : environment_) envp_.push_back(variable.data());
  envp_.push_back(nullptr);
}

void PreparedCommand::exec() const {
  if (!directory_.empty() && chdir(directory_.c_str()) != 0) _exit(127);
  if (!binary_.empty()) execve(binary_.c_str(), argv_.data(), envp_.data());
  _exit(127);
}

RunResult run_binary(const Command& command) {
  const PreparedCommand prepared(command);
  const int input = open_input(command.input);
  int out_pipe[2];
  int err_pipe[2];
  if (input < 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot make pipes to run " + command.binary.string());
  }
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot fork to run " + command.binary.string());
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(command.merge_stderr ? out_pipe[1] : err_pipe[1], STDERR_FILENO);
    dup2(input, STDIN_FILENO);
    prepared.exec();
  }
  close(input);
  close(out_pipe[1]);
  close(err_pipe[1]);
  RunResult result;
  drain(out_pipe[0], err_pipe[0], result.out, result.err);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = exit_code_of(status);
  return result;
}

BackgroundProcess::BackgroundProcess(const Command& command, const std::filesystem::path& out,
                                     const std::filesystem::path& err) {
  const PreparedCommand prepared(command);
  const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0 || null < 0) throw std::runtime_error("cannot open " + out.string());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    dup2(null, STDIN_FILENO);
    prepared.exec();
  }
  close(out_fd);
  close(err_fd);
  close(null);
  if (pid_ < 0) throw std::runtime_error("cannot fork to run " + command.binary.string());
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0 && !reaped_) {
    kill(SIGKILL);
    wait();
  }
}

void BackgroundProcess::kill(int signal) const {
  ::kill(pid_, signal);
}

bool BackgroundProcess::ended() {
  if (reaped_) return true;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
  reaped_ = true;
  exit_code_ = exit_code_of(status);
  return true;
}

int BackgroundProcess::wait() {
  if (!reaped_) {
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    exit_code_ = exit_code_of(status);
  }
  return exit_code_;
}

}  // namespace gg::testing
