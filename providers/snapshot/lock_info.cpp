#include "providers/snapshot/lock_info.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

#include "providers/snapshot/random_uuid.hpp"
#include "providers/snapshot/utc_time.hpp"

namespace gg {
namespace {

std::string user_name() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  passwd entry{};
  passwd* found = nullptr;
  char buffer[4096];
  if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
    return found->pw_name;
  }
  return "uid " + std::to_string(geteuid());
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

}  // namespace

LockInfo lock_info_for_this_process(const std::string& operation) {
  return LockInfo{random_uuid(), operation, user_name(), host_name(), now_iso8601_utc(), getpid()};
}

nlohmann::json lock_info_to_json(const LockInfo& info) {
  return {{"id", info.id},     {"operation", info.operation},   {"who", info.who},
          {"host", info.host}, {"created_at", info.created_at}, {"pid", info.pid}};
}

Result<LockInfo> lock_info_from_json(const nlohmann::json& document, const std::string& where) {
  const auto text = [&](const char* key) -> std::string {
    const auto found = document.find(key);
    return found != document.end() && found->is_string() ? found->get<std::string>() : "";
  };
  if (!document.is_object() || text("id").empty()) {
    return Error{where, "is not a glitchtip-gitops lock file (it has no lock id)",
                 "if no glitchtip-gitops command is running, delete the file"};
  }
  LockInfo info{text("id"), text("operation"), text("who"), text("host"), text("created_at"), 0};
  if (const auto pid = document.find("pid"); pid != document.end() && pid->is_number_integer()) {
    info.pid = pid->get<int64_t>();
  }
  return info;
}

bool lock_holder_is_gone(const LockInfo& info) {
  if (info.pid <= 0 || info.host != host_name()) return false;
  return ::kill(static_cast<pid_t>(info.pid), 0) != 0 && errno == ESRCH;
}

std::string describe_lock_holder(const LockInfo& info) {
  return (info.operation.empty() ? "an unknown operation" : info.operation) + " (lock " + info.id +
         ") held by " + info.who + "@" + info.host + " pid " + std::to_string(info.pid) +
         " since " + info.created_at;
}

}  // namespace gg
