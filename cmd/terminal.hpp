#pragma once
// What the commands need to know about where their output goes. Errors go through Log
// (cmd/log.hpp), so that --log-format json covers them.

namespace gg::cmd {

// Colour only on a terminal, never with --no-color or a non-empty NO_COLOR variable.
bool use_color(bool no_color_flag);
bool stderr_is_terminal();

}  // namespace gg::cmd
