#include "cmd/log.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "cmd/exit_code.hpp"

namespace gg::cmd {
namespace {

Log::Level level_named(std::string_view name) {
  if (name == "error") return Log::Level::error;
  if (name == "warn") return Log::Level::warn;
  if (name == "debug") return Log::Level::debug;
  return Log::Level::info;
}

std::string_view name_of(Log::Level level) {
  switch (level) {
    case Log::Level::error:
      return "error";
    case Log::Level::warn:
      return "warning";
    case Log::Level::info:
      return "info";
    case Log::Level::debug:
      return "debug";
  }
  return "info";
}

std::string one_line(const nlohmann::json& object) {
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Log::Log(std::string_view level, std::string_view format, std::ostream& out)
    : level_(level_named(level)), json_(format == "json"), out_(out) {}

void Log::errors(const Errors& errors) const {
  for (const Error& error : errors) {
    if (json_) {
      nlohmann::json object{{"level", "error"}, {"message", error.message}};
      if (!error.where.empty()) object["where"] = error.where;
      if (!error.hint.empty()) object["hint"] = error.hint;
      out_ << one_line(object) << "\n";
    } else {
      out_ << "error: " << error.to_string() << "\n";
    }
  }
  if (errors.size() > 1 && !json_) out_ << errors.size() << " errors.\n";
  out_.flush();
}

int Log::failed(const Errors& errors) const {
  this->errors(errors);
  return kExitError;
}

void Log::report(const std::string& text) const {
  if (json_) {
    std::string message = text;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    out_ << one_line({{"level", "error"}, {"message", message}}) << "\n";
  } else {
    out_ << text;
  }
  out_.flush();
}

void Log::write(Level level, const std::string& message) const {
  if (!enabled(level)) return;
  if (json_) {
    out_ << one_line({{"level", name_of(level)}, {"message", message}}) << "\n";
  } else if (level == Level::info) {
    out_ << message << "\n";
  } else {
    out_ << name_of(level) << ": " << message << "\n";
  }
}

std::string seconds_since(std::chrono::steady_clock::time_point start) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", seconds);
  return text;
}

}  // namespace gg::cmd
