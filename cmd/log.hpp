#pragma once
// Messages for people on stderr: errors, warnings, hints, and at --log-level debug where the
// time went (each phase of a run, requests made per instance). The level chooses which are
// printed (error: only errors; warn: also warnings; info, the default: also hints; debug:
// everything); errors always print. --log-format json prints each message as one JSON
// object on one line, {"level": ..., "message": ...} (errors also carry "where" and "hint"),
// for log pipelines: a message of several lines stays one object, its newlines escaped.
// Never given a token: callers pass only what they would show a person. Every command prints
// its errors here, so that --log-format json covers all of them.

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>

#include "planner/error.hpp"

namespace gg::cmd {

class Log {
 public:
  enum class Level { error, warn, info, debug };

  Log(std::string_view level, std::string_view format, std::ostream& out);

  // Each error as "error: where: message" and its hint below (one JSON object each), then
  // "N errors." when there are several.
  void errors(const Errors& errors) const;
  // errors(), then the exit code of an error, for `return log.failed(result.errors());`.
  int failed(const Errors& errors) const;
  // A report that every level prints, such as why apply stopped: as it is in text, one
  // error-level object in JSON.
  void report(const std::string& text) const;
  void warn(const std::string& message) const { write(Level::warn, message); }
  void info(const std::string& message) const { write(Level::info, message); }
  void debug(const std::string& message) const { write(Level::debug, message); }
  bool enabled(Level level) const { return level <= level_; }
  bool json() const { return json_; }

 private:
  void write(Level level, const std::string& message) const;
  Level level_;
  bool json_;
  std::ostream& out_;
};

// Seconds since `start`, as "1.234 s", for debug lines.
std::string seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace gg::cmd
