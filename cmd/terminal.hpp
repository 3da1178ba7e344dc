#pragma once
// What the commands need to know about where their output goes, and how they print errors
// (through Log where a command has one, so that --log-format json covers them).

#include <iosfwd>
#include <string>

#include "planner/error.hpp"

namespace gg::cmd {

// Colour only on a terminal, never with --no-color or a non-empty NO_COLOR variable.
bool use_color(bool no_color_flag);
bool stderr_is_terminal();

// Prints every error as Log::errors does in text, then "N errors." when there are several.
void print_errors(std::ostream& out, const Errors& errors);

// The current time as ISO-8601 UTC with seconds ("2026-11-29T05:00:00Z").
std::string utc_now();

}  // namespace gg::cmd
