#include "providers/snapshot/utc_time.hpp"

#include <ctime>

namespace gg {

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, length);
}

std::string now_iso8601_utc() {
  return iso8601_utc(std::chrono::system_clock::now());
}

}  // namespace gg
