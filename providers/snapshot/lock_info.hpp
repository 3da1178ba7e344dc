#pragma once
// LockInfo says who holds the snapshot lock: the lock file's content for the local store,
// and what every "locked" message names so that a person can find the holder or, if it is
// gone, clear the lock with `glitchtip-gitops force-unlock ID`.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "planner/result.hpp"

namespace gg {

struct LockInfo {
  std::string id;          // UUID; what unlock and force-unlock take
  std::string operation;   // "apply", "refresh", ...
  std::string who;         // user name
  std::string host;        // host name
  std::string created_at;  // ISO-8601 UTC
  int64_t pid = 0;
  bool operator==(const LockInfo&) const = default;
};

// A new lock for `operation` held by this process, user and host, now.
LockInfo lock_info_for_this_process(const std::string& operation);

nlohmann::json lock_info_to_json(const LockInfo& info);
Result<LockInfo> lock_info_from_json(const nlohmann::json& document, const std::string& where);

// "apply (lock 1234-...) held by alice@ci-runner-7 pid 4242 since 2026-11-29T05:00:00Z"
std::string describe_lock_holder(const LockInfo& info);

// True when the holder ran on this host and its process no longer exists: a stale lock
// left by a killed run.
bool lock_holder_is_gone(const LockInfo& info);

}  // namespace gg
