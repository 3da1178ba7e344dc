// glitchtip-gitops: manage GlitchTip organizations, teams, projects and members from YAML
// definitions, the GitOps way. This file only builds the command line and guards it
// (cmd/last_resort.hpp); each subcommand lives in its own file and wires providers to the
// planner.

#include <CLI/CLI.hpp>

#include <iostream>

#include "cmd/commands.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/last_resort.hpp"
#include "cmd/process_protection.hpp"

int main(int argc, char** argv) {
  gg::cmd::protect_process_memory();
  gg::cmd::install_terminate_handler();
  CLI::App app{
      "glitchtip-gitops: plan and apply GlitchTip organizations, teams, projects and members\n"
      "from YAML definitions kept in git.",
      "glitchtip-gitops"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(gg::kToolVersion));

  gg::cmd::CommandContext context;
  app.add_option("--log-format", context.log_format, "Log lines on stderr as text or json")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--log-level", context.log_level, "error, warn, info or debug")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}));
  app.fallthrough();
  gg::cmd::add_version_command(app, context);
  gg::cmd::add_import_command(app, context);
  gg::cmd::add_validate_command(app, context);
  gg::cmd::add_plan_command(app, context);
  gg::cmd::add_show_command(app, context);
  gg::cmd::add_graph_command(app, context);
  gg::cmd::add_apply_command(app, context);
  gg::cmd::add_refresh_command(app, context);
  gg::cmd::add_state_command(app, context);
  gg::cmd::add_force_unlock_command(app, context);
  gg::cmd::add_schema_command(app, context);
  gg::cmd::add_dsn_command(app, context);  // keys

  // The commands run inside parse(), from their callbacks.
  return gg::cmd::run_guarded(
      [&] {
        try {
          app.parse(argc, argv);
        } catch (const CLI::ParseError& error) {
          // --help and --version exit 0; every usage error is exit code 1, as documented.
          return app.exit(error) == 0 ? gg::cmd::kExitSuccess : gg::cmd::kExitError;
        }
        return context.exit_code;
      },
      [&] { return gg::cmd::log_of(context); });
}
