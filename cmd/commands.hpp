#pragma once
// The subcommands. Each add_*_command registers itself on the app and, when run, stores
// its exit code in the context (0 success, 1 error, 2 changes with --detailed-exitcode).

#include <CLI/CLI.hpp>

#include <string_view>

namespace gg {
inline constexpr std::string_view kToolVersion = GG_TOOL_VERSION;
}

namespace gg::cmd {

struct CommandContext {
  int exit_code = 0;
};

void add_version_command(CLI::App& app, CommandContext& context);
void add_validate_command(CLI::App& app, CommandContext& context);
void add_show_command(CLI::App& app, CommandContext& context);

}  // namespace gg::cmd
