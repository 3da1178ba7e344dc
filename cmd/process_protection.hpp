#pragma once
// The process holds GlitchTip API tokens in memory. Making it non-dumpable keeps them there:
// the kernel writes no core file when it crashes, whatever `ulimit -c` says, and processes
// of the same user without CAP_SYS_PTRACE can neither attach to it nor read /proc/PID/mem.

#include <string>

namespace gg::cmd {

// Called first thing in main(). Returns false if the kernel refused (it never does on Linux).
bool protect_process_memory();

// What the kernel says now, in a sentence for the debug log of the commands that read a
// token (plan, apply, refresh), so a run shows that its memory is closed.
std::string process_protection_status();

}  // namespace gg::cmd
