#pragma once
// FaultInjector decides, per request, which FaultRule (emulator.hpp) applies: rules are tried
// in the order added and the first matching one that fires wins. Thread-safe.

#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "tests/emulator/emulator.hpp"

namespace gg::emulator {

struct FiredFault {
  FaultRule rule;
  std::chrono::milliseconds delay{0};  // latency plus the drawn jitter
};

class FaultInjector {
 public:
  explicit FaultInjector(uint64_t seed) : random_(seed) {}

  Status add(FaultRule rule);  // fails on a bad path regex
  void clear();
  std::optional<FiredFault> fire(const std::string& method, const std::string& path);

 private:
  struct Entry {
    FaultRule rule;
    std::regex path;
    int matched = 0;
    int fired = 0;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::mt19937_64 random_;
};

// A FaultRule from the JSON of POST /_emulator/faults: {"kind", "method", "path_regex",
// "status", "retry_after_seconds", "latency_ms", "jitter_ms", "rate", "nth", "times"}.
Result<FaultRule> fault_rule_from_json(const nlohmann::json& json);

}  // namespace gg::emulator
