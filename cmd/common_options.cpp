#include "cmd/common_options.hpp"

#include <cstdint>

#include "cmd/snapshot_location.hpp"

namespace gg::cmd {

CLI::Option* add_snapshot_option(CLI::App& command, std::string& snapshot) {
  return command.add_option("--snapshot", snapshot, kSnapshotOptionHelp);
}

CLI::Option* add_directory_option(CLI::App& command, std::string& directory) {
  return command.add_option("-d,--directory", directory,
                            "Definitions directory, read recursively (default: .)");
}

CLI::Option* add_parallelism_option(CLI::App& command, int& parallelism, const std::string& help) {
  return command.add_option("--parallelism", parallelism, help)->check(CLI::Range(1, 64));
}

CLI::Option* add_lock_timeout_option(CLI::App& command, double& seconds) {
  return command
      .add_option("--lock-timeout", seconds, "Seconds to wait for the snapshot lock (default 60)")
      ->check(CLI::NonNegativeNumber);
}

void add_markdown_options(CLI::App& command, std::size_t& max_bytes, bool& no_diagram) {
  command
      .add_option("--max-bytes", max_bytes,
                  "Markdown size budget; details beyond it are cut (default 65000; GitHub "
                  "comments hold 65536, GitLab notes 1000000)")
      ->check(CLI::Range(std::size_t{1000}, std::size_t{100'000'000}));
  command.add_flag("--no-diagram", no_diagram,
                   "No Mermaid diagram of the changes in Markdown output");
}

std::chrono::milliseconds lock_timeout(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

}  // namespace gg::cmd
