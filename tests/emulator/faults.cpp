#include "tests/emulator/faults.hpp"

namespace gg::emulator {

Status FaultInjector::add(FaultRule rule) {
  try {
    std::regex path(rule.path_regex, std::regex::ECMAScript);
    const std::lock_guard lock(mutex_);
    entries_.push_back(Entry{std::move(rule), std::move(path)});
    return {};
  } catch (const std::regex_error& error) {
    return Error{"fault rule",
                 "path_regex '" + rule.path_regex + "' is not a valid regex: " + error.what(),
                 "use ECMAScript syntax, e.g. \"^/api/0/organizations/\""};
  }
}

void FaultInjector::clear() {
  const std::lock_guard lock(mutex_);
  entries_.clear();
}

std::optional<FiredFault> FaultInjector::fire(const std::string& method, const std::string& path) {
  const std::lock_guard lock(mutex_);
  for (Entry& entry : entries_) {
    const FaultRule& rule = entry.rule;
    if (!rule.method.empty() && rule.method != method) continue;
    if (!rule.path_regex.empty() && !std::regex_search(path, entry.path)) continue;
    ++entry.matched;
    if (rule.times >= 0 && entry.fired >= rule.times) continue;
    if (rule.nth > 0 && entry.matched != rule.nth) continue;
    if (rule.rate < 1.0 && std::uniform_real_distribution<double>(0, 1)(random_) >= rule.rate) {
      continue;
    }
    ++entry.fired;
    FiredFault fired{rule, rule.latency};
    if (rule.jitter.count() > 0) {
      fired.delay += std::chrono::milliseconds(
          std::uniform_int_distribution<int64_t>(0, rule.jitter.count())(random_));
    }
    return fired;
  }
  return std::nullopt;
}

Result<FaultRule> fault_rule_from_json(const nlohmann::json& json) {
  const auto bad = [](const std::string& message) {
    return Error{"fault rule", message,
                 "send {\"kind\": \"latency|status|drop_before_handling|drop_after_handling|"
                 "slow_response|rename_created\", \"method\", \"path_regex\", \"status\", "
                 "\"retry_after_seconds\", \"latency_ms\", \"jitter_ms\", \"rate\", \"nth\", "
                 "\"times\", \"slug_suffix\"}"};
  };
  if (!json.is_object()) return bad("the body must be a JSON object");
  FaultRule rule;
  try {
    const std::string kind = json.value("kind", "latency");
    if (kind == "latency") {
      rule.kind = FaultRule::Kind::latency;
    } else if (kind == "status") {
      rule.kind = FaultRule::Kind::status;
    } else if (kind == "drop_before_handling") {
      rule.kind = FaultRule::Kind::drop_before_handling;
    } else if (kind == "drop_after_handling") {
      rule.kind = FaultRule::Kind::drop_after_handling;
    } else if (kind == "slow_response") {
      rule.kind = FaultRule::Kind::slow_response;
    } else if (kind == "rename_created") {
      rule.kind = FaultRule::Kind::rename_created;
    } else {
      return bad("unknown kind '" + kind + "'");
    }
    rule.method = json.value("method", "");
    rule.path_regex = json.value("path_regex", "");
    rule.status = json.value("status", 503);
    if (json.contains("retry_after_seconds") && !json["retry_after_seconds"].is_null()) {
      rule.retry_after_seconds = json["retry_after_seconds"].get<int>();
    }
    rule.latency = std::chrono::milliseconds(json.value("latency_ms", 0));
    rule.jitter = std::chrono::milliseconds(json.value("jitter_ms", 0));
    rule.rate = json.value("rate", 1.0);
    rule.nth = json.value("nth", 0);
    rule.slug_suffix = json.value("slug_suffix", rule.slug_suffix);
    rule.times = json.value("times", -1);
  } catch (const nlohmann::json::exception& error) {
    return bad(std::string("a field has the wrong type: ") + error.what());
  }
  return rule;
}

}  // namespace gg::emulator
