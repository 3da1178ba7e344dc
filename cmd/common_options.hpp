#pragma once
// The options several commands take, declared once so that their names, help texts, defaults
// and ranges agree everywhere (a command's own options stay in its file).

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <string>

namespace gg::cmd {

// --snapshot: the snapshot store (cmd/snapshot_location.hpp).
CLI::Option* add_snapshot_option(CLI::App& command, std::string& snapshot);
// -d,--directory: the definitions directory, read recursively.
CLI::Option* add_directory_option(CLI::App& command, std::string& directory);
// --parallelism 1..64, requests in flight per instance (default 8).
CLI::Option* add_parallelism_option(CLI::App& command, int& parallelism,
                                    const std::string& help =
                                        "Requests in flight per instance "
                                        "(default 8)");
// --lock-timeout SECONDS to wait for the snapshot lock (default 60).
CLI::Option* add_lock_timeout_option(CLI::App& command, double& seconds);
// --max-bytes and --no-diagram: the Markdown rendering of a plan (plan and show).
void add_markdown_options(CLI::App& command, std::size_t& max_bytes, bool& no_diagram);

// The --lock-timeout value as SnapshotLock::acquire takes it.
std::chrono::milliseconds lock_timeout(double seconds);

}  // namespace gg::cmd
