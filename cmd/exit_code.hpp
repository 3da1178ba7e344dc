#pragma once
// The exit codes of every command (README.md, "Exit codes").

namespace gg::cmd {

inline constexpr int kExitSuccess = 0;
// An error: invalid input, a refusal, GlitchTip unreachable, a failed apply, and also an
// internal error (a bug; its message says so, see cmd/last_resort.hpp).
inline constexpr int kExitError = 1;
inline constexpr int kExitChanges = 2;  // plan --detailed-exitcode: the plan has changes

}  // namespace gg::cmd
