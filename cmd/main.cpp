// glitchtip-gitops: manage GlitchTip organizations, teams, projects and members from YAML
// definitions, the GitOps way. This file only builds the command line; each subcommand
// lives in its own file and wires providers to the planner.

#include <CLI/CLI.hpp>

#include <iostream>

#include "cmd/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "glitchtip-gitops: plan and apply GlitchTip organizations, teams, projects and members\n"
      "from YAML definitions kept in git.",
      "glitchtip-gitops"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(gg::kToolVersion));

  gg::cmd::CommandContext context;
  gg::cmd::add_version_command(app, context);
  gg::cmd::add_validate_command(app, context);
  gg::cmd::add_show_command(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return context.exit_code;
}
