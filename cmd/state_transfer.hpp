#pragma once
// `state pull|push|versions|restore`: move a snapshot between backends (a file and
// PostgreSQL) and bring back a previous version.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "cmd/commands.hpp"

namespace gg::cmd {

// Adds the subcommands to `state`; `snapshot` is its --snapshot value, read when one runs.
void add_state_transfer_commands(CLI::App& state,
                                 const std::shared_ptr<const std::string>& snapshot,
                                 CommandContext& context);

}  // namespace gg::cmd
