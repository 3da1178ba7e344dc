#pragma once
// The last resort. Errors are values everywhere (planner/result.hpp), so an exception that
// reaches main is a bug: a file the schema accepts and the code does not expect, say. It must
// not end in std::terminate's abort, with a core dump or a sanitizer's stack trace, and no
// word for the person who ran the command. run_guarded prints a clear error instead and
// returns the error exit code (README "Exit codes"); install_terminate_handler does the same
// for an exception on another thread, which no try block in main reaches.
//
// The message names the exception's kind but never JSON parse errors' text, which quotes
// the input (that may hold a secret).

#include <exception>
#include <functional>
#include <string>

#include "cmd/log.hpp"

namespace gg::cmd {

// What went wrong, for the message: "internal error: <the exception's description>".
std::string internal_error_message(const std::exception_ptr& exception);

// Runs `command` and returns its exit code; when it throws, prints the internal error with
// `log` and returns kExitError. Destructors run on the way out (a held snapshot lock is
// released).
int run_guarded(const std::function<int()>& command, const std::function<Log()>& log);

// Makes std::terminate (an exception escaping a thread, or a noexcept function) print the
// internal error on stderr and exit with kExitError at once.
void install_terminate_handler();

}  // namespace gg::cmd
