#pragma once
// The emulator's faults as the end-to-end tests ask for them, named for what GlitchTip does:
//   workspace.emulator().add_fault(Fault::latency(6s).on("POST").times(1));
// Each starts from one kind of FaultRule (tests/emulator/emulator.hpp) matching every
// request; the setters narrow or limit it.

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "tests/emulator/emulator.hpp"

namespace gg::testing {

class Fault {
 public:
  // Waits `wait` before answering normally.
  static Fault latency(std::chrono::milliseconds wait) {
    Fault fault(emulator::FaultRule::Kind::latency);
    fault.rule_.latency = wait;
    return fault;
  }
  // Answers `status` without handling the request.
  static Fault status(int status) {
    Fault fault(emulator::FaultRule::Kind::status);
    fault.rule_.status = status;
    return fault;
  }
  // Handles the request (a create happens), then closes the connection without answering.
  static Fault drop_after_handling() {
    return Fault(emulator::FaultRule::Kind::drop_after_handling);
  }
  // Handles the request (a create happens), then waits `wait` before answering.
  static Fault slow_response(std::chrono::milliseconds wait) {
    Fault fault(emulator::FaultRule::Kind::slow_response);
    fault.rule_.latency = wait;
    return fault;
  }
  // Handles a create, but the team or project gets its slug + `suffix`.
  static Fault rename_created(std::string suffix = "-renamed") {
    Fault fault(emulator::FaultRule::Kind::rename_created);
    fault.rule_.slug_suffix = std::move(suffix);
    return fault;
  }

  // Only requests of this method ("" every one) whose path the regex finds ("" every one).
  Fault& on(std::string method, std::string path_regex = "") {
    rule_.method = std::move(method);
    rule_.path_regex = std::move(path_regex);
    return *this;
  }
  Fault& jitter(std::chrono::milliseconds up_to) {
    rule_.jitter = up_to;
    return *this;
  }
  Fault& rate(double chance) {
    rule_.rate = chance;
    return *this;
  }
  Fault& nth(int n) {
    rule_.nth = n;
    return *this;
  }
  Fault& times(int at_most) {
    rule_.times = at_most;
    return *this;
  }
  Fault& retry_after(std::optional<int> seconds) {
    rule_.retry_after_seconds = seconds;
    return *this;
  }

  operator emulator::FaultRule() const { return rule_; }  // NOLINT(google-explicit-constructor)

 private:
  explicit Fault(emulator::FaultRule::Kind kind) { rule_.kind = kind; }
  emulator::FaultRule rule_;
};

}  // namespace gg::testing
