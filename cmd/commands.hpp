#pragma once
// The subcommands. Each add_*_command registers itself on the app and, when run, stores
// its exit code in the context (0 success, 1 error, 2 changes with --detailed-exitcode).

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace gg {
inline constexpr std::string_view kToolVersion = GG_TOOL_VERSION;
}

namespace gg::cmd {

// What every command shares: the global options and the exit code it leaves.
struct CommandContext {
  int exit_code = 0;
  std::string log_format = "text";  // --log-format text|json
  std::string log_level = "info";   // --log-level error|warn|info|debug
};

void add_version_command(CLI::App& app, CommandContext& context);
void add_validate_command(CLI::App& app, CommandContext& context);
void add_import_command(CLI::App& app, CommandContext& context);
void add_show_command(CLI::App& app, CommandContext& context);
void add_graph_command(CLI::App& app, CommandContext& context);
void add_plan_command(CLI::App& app, CommandContext& context);
void add_apply_command(CLI::App& app, CommandContext& context);
void add_refresh_command(CLI::App& app, CommandContext& context);
void add_state_command(CLI::App& app, CommandContext& context);
void add_force_unlock_command(CLI::App& app, CommandContext& context);
void add_schema_command(CLI::App& app, CommandContext& context);

}  // namespace gg::cmd
