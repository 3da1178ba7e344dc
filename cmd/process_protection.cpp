#include "cmd/process_protection.hpp"

#include <sys/prctl.h>

namespace gg::cmd {

bool protect_process_memory() {
  return ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
}

std::string process_protection_status() {
  if (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0) {
    return "process memory closed: not dumpable, so no core file and no ptrace by this user";
  }
  return "process memory open: dumpable, so a core file could hold the token";
}

}  // namespace gg::cmd
