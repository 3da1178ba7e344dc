#pragma once
// Running the built glitchtip-gitops binary from a test, the way a pipeline does: in a
// working directory of its own, with its stdout and stderr kept as files there (so that a
// test can search everything the run left behind), and the example definitions pointed at a
// GlitchTip of the test's choosing.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace gg::hardening {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
}

// A fresh directory under the system's temporary directory, removed with its content.
class WorkDir {
 public:
  WorkDir() : path_(fresh_path()) { std::filesystem::create_directories(path_); }
  ~WorkDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  static std::filesystem::path fresh_path() {
    std::random_device random;
    return std::filesystem::temp_directory_path() /
           ("gg-hardening-" + std::to_string(random()) + std::to_string(random()));
  }

  std::filesystem::path path_;
};

struct ToolRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `glitchtip-gitops ARGS` (ARGS as shell words) in `work`; its output is kept as
// work/stdout.N and work/stderr.N, N counting runs in that directory.
inline ToolRun run_tool(const std::filesystem::path& work, const std::string& args) {
  int n = 0;
  while (std::filesystem::exists(work / ("stdout." + std::to_string(n)))) ++n;
  const std::string out = "stdout." + std::to_string(n);
  const std::string err = "stderr." + std::to_string(n);
  const std::string command = "cd '" + work.string() +
                              "' && '" GG_BINARY_DIR "/glitchtip-gitops' " + args + " > " + out +
                              " 2> " + err + " < /dev/null";
  const int status = std::system(command.c_str());
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = read_file(work / out);
  run.err = read_file(work / err);
  return run;
}

// Copies examples/space-agencies (without its live seed) to work/DIRECTORY with the
// instance's URL set to `url`. The token comes from GLITCHTIP_DEV_TOKEN.
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
