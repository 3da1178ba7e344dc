#pragma once
// Messages for people on stderr other than errors: warnings, hints, and at --log-level
// debug where the time went (each phase of a run, requests made per instance). The level
// chooses which are printed (error: none of them; warn: warnings; info, the default: also
// hints; debug: everything); --log-format json prints each as one JSON line
// {"level": ..., "message": ...} for log pipelines. Errors always print. Never given a
// token: callers pass only what they would show a person.

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>

namespace gg::cmd {

class Log {
 public:
  enum class Level { error, warn, info, debug };

  Log(std::string_view level, std::string_view format, std::ostream& out);

  void warn(const std::string& message) const { write(Level::warn, message); }
  void info(const std::string& message) const { write(Level::info, message); }
  void debug(const std::string& message) const { write(Level::debug, message); }
  bool enabled(Level level) const { return level <= level_; }

 private:
  void write(Level level, const std::string& message) const;
  Level level_;
  bool json_;
  std::ostream& out_;
};

// Seconds since `start`, as "1.234 s", for debug lines.
std::string seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace gg::cmd
