#include <iostream>

#include "cmd/commands.hpp"

namespace gg::cmd {

// Placeholder until the definitions loader lands (issue 2): registers the command so the
// CLI shape is fixed; it reports that validation is not built yet and fails.
void add_validate_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand("validate", "Check the YAML definitions.");
  command->callback([&context] {
    std::cerr << "validate: not built yet\n";
    context.exit_code = 1;
  });
}

}  // namespace gg::cmd
