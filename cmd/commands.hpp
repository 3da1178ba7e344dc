#pragma once
// The subcommands. Each add_*_command registers itself on the app and, when run, stores
// its exit code in the context (cmd/exit_code.hpp).

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <string_view>

#include "cmd/log.hpp"

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

// The Log a command prints its messages and errors with: on stderr, as the global options say.
inline Log log_of(const CommandContext& context) {
  return Log(context.log_level, context.log_format, std::cerr);
}

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
void add_dsn_command(CLI::App& app, CommandContext& context);  // keys

}  // namespace gg::cmd
