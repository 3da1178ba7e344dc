#pragma once
// When to try a failed request again: exponential backoff with jitter, or what the server
// asked for in Retry-After (seconds or an HTTP date), within bounds.

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace gg::glitchtip {

struct BackoffPolicy {
  std::chrono::milliseconds base{200};                    // the first retry waits about this long
  std::chrono::milliseconds ceiling{10000};               // no computed wait is longer
  std::chrono::milliseconds retry_after_ceiling{120000};  // nor a server-requested one
};

// The wait before retry number `attempt` (1 for the first retry): a random duration in
// [d/2, d] where d = base * 2^(attempt-1) capped at the ceiling; or, when the server sent
// Retry-After, that many seconds (bounded by retry_after_ceiling).
std::chrono::milliseconds retry_delay(const BackoffPolicy& policy, int attempt,
                                      std::optional<int> retry_after_seconds, std::mt19937_64& rng);

// A Retry-After header value in seconds from now: "120" or an HTTP date. nullopt when it is
// neither.
std::optional<int> parse_retry_after(std::string_view value);

}  // namespace gg::glitchtip
