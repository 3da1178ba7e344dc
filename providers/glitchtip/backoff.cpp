#include "providers/glitchtip/backoff.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace gg::glitchtip {

std::chrono::milliseconds retry_delay(const BackoffPolicy& policy, int attempt,
                                      std::optional<int> retry_after_seconds,
                                      std::mt19937_64& rng) {
  if (retry_after_seconds) {
    const std::chrono::milliseconds asked = std::chrono::seconds(std::max(0, *retry_after_seconds));
    return std::min(asked, policy.retry_after_ceiling);
  }
  const int doublings = std::clamp(attempt - 1, 0, 20);
  const auto full = std::min(policy.base * (int64_t{1} << doublings), policy.ceiling);
  std::uniform_int_distribution<int64_t> jitter(full.count() / 2, full.count());
  return std::chrono::milliseconds(jitter(rng));
}

std::optional<int> parse_retry_after(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r' || value.back() == '\n')) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  int seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc() && end == value.data() + value.size()) {
    return std::max(0, seconds);
  }
  const std::string date(value);
  const time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return static_cast<int>(std::max<time_t>(0, when - std::time(nullptr)));
}

}  // namespace gg::glitchtip
