#include <iostream>

#include "cmd/commands.hpp"

namespace gg::cmd {

void add_version_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand("version", "Print the version of glitchtip-gitops.");
  command->callback([&context] {
    std::cout << "glitchtip-gitops " << kToolVersion << "\n";
    context.exit_code = 0;
  });
}

}  // namespace gg::cmd
