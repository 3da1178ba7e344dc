#pragma once
// The one way tests run a program: fork and execve, no shell (no quoting, no word
// splitting), with arguments, working directory, environment and stdin chosen, and its exit
// code, stdout and stderr captured; or started in the background, its output going to files.

#include <sys/types.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gg::testing {

// The binaries this build made.
std::filesystem::path tool_binary();      // glitchtip-gitops
std::filesystem::path emulator_binary();  // glitchtip-emulator

// The program as the shell finds it on $PATH; empty when there is none.
std::filesystem::path find_on_path(const std::string& program);

struct Command {
  std::filesystem::path binary;  // a bare name is looked up on $PATH
  std::vector<std::string> arguments;
  std::filesystem::path directory;  // empty: this process's working directory
  // Changes to this process's environment: set, or with an empty value, unset.
  std::map<std::string, std::string> environment;
  std::string input;          // stdin (empty: /dev/null)
  bool merge_stderr = false;  // stderr into stdout, as `2>&1` does
};

struct RunResult {
  int exit_code = -1;  // 128 + the signal when killed, 127 when it could not start
  std::string out;     // stdout
  std::string err;     // stderr
  std::string all() const { return out + err; }
};

// Runs the command to its end.
RunResult run_binary(const Command& command);

// A command made ready for execve. Everything is prepared before fork(): the parent has
// threads (an emulator's) that may hold a lock (malloc's, OpenSSL's) at the moment of fork,
// so the child must only call async-signal-safe functions, or it can hang forever.
class PreparedCommand {
 public:
  explicit PreparedCommand(const Command& command);
  PreparedCommand(const PreparedCommand&) = delete;
  PreparedCommand& operator=(const PreparedCommand&) = delete;

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

// A command started in the background with stdin from /dev/null and stdout and stderr
// written to the given files. Killed (SIGKILL) and reaped on destruction if still running.
class BackgroundProcess {
 public:
  BackgroundProcess(const Command& command, const std::filesystem::path& out,
                    const std::filesystem::path& err);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  void kill(int signal = SIGKILL) const;
  // Whether the process has ended (reaping it), without waiting.
  bool ended();
  // Waits for the end; the exit code (128 + the signal when killed).
  int wait();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_code_ = -1;
};

}  // namespace gg::testing
